"""检查：绩效自评表中用公式计算的执行率、得分、分值和总分（以及执行率所依据的全年预算数、全年执行数）
是否保存了计算结果。有计算结果的公式单元格由 execution-rate、indicator-score、score-weights、score-total
按结果（即在 Excel/WPS 中看到的值）核对；没有结果的无法核对，整份文件只提示一次，列出这些单元格。
只检查自评表。

为什么：单位的自评表通常用公式算执行率（=全年执行数/全年预算数）和总分（=SUM(…)）。文件若由其他程序
生成、从未在 Excel/WPS 中打开保存，公式没有计算结果，审核只能看到公式，看不到单位报告的数字，
这些格的对错就无从判断；不说明就等于默默放过。

选项：无。

通过示例：执行率 G5 为公式 =E5/D5，文件中保存的结果为 95%（在 Excel/WPS 中打开后保存过）。

不通过示例：执行率 G5 为公式 =E5/D5、总分 G16 为公式 =SUM(H5,G10:G15)，文件中都没有保存计算结果
  （提示一次：G5、G16 无法核对，请在 Excel/WPS 中重新计算并保存）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Evaluation, Indicator, Submission
from validator.rules.base import Options, Problem
from validator.values.scores import evaluated, uncalculated

ID = "formula-uncalculated"
LEVEL = "warning"
OPTIONS: dict[str, dict[str, object]] = {}
LISTED = 10  # cells named in the message; the rest are counted


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if not submission.is_self_evaluation:
        return
    found: list[Cell] = []
    for ev, indicators in evaluated(submission):
        found.extend(c for c in _scored_cells(ev, indicators) if c is not None and uncalculated(c) and c not in found)
    if not found:
        return
    places = _places(found[:LISTED]) + (f"等 {len(found)} 个单元格" if len(found) > LISTED else "")
    yield Problem(
        f"{places}是公式，但文件中没有保存计算结果（文件未在 Excel/WPS 中重新计算后保存），"
        "这些执行率、分值、得分或总分无法核对。",
        "请在 Excel 或 WPS 中打开文件，重新计算（按 F9）并保存后重新报送；或直接填写数值。",
        cell=found[0])


def _scored_cells(ev: Evaluation, indicators: list[Indicator]) -> Iterator[Cell | None]:
    for line in ev.funds:
        yield from (line.budget, line.executed, line.weight, line.rate, line.score)
    for ind in indicators:
        yield from (ind.weight, ind.score)
    yield from (ev.total_weight, ev.total_score)


def _places(cells: list[Cell]) -> str:
    """自评表1!G5、G16、自评表2!G5: each sheet named once for its run of cells."""
    parts, sheet = [], None
    for cell in cells:
        parts.append(cell.coord if cell.sheet == sheet else f"{cell.sheet}!{cell.coord}" if cell.sheet else cell.coord)
        sheet = cell.sheet
    return "、".join(parts)
