"""检查：绩效自评表“项目资金”一栏：执行率是否等于 全年执行数 ÷ 全年预算数（允许误差见选项），
预算执行率得分是否等于 分值 × 执行率（执行率超过 100% 时按满分计），全年执行数是否超过全年预算数
（超出时须在实际完成情况或偏差原因中说明）。只检查自评表，目标表不检查。

为什么：执行率和预算执行率得分是自评表最常算错的两格；执行数超过预算数而不说明原因，
说明账表不符或预算调整没有反映。

选项：
  rate_tolerance：执行率允许的误差（百分点），默认 0.1。
  score_tolerance：得分允许的误差（分），默认 0.1。
  explained_by：说明超预算执行的字样，出现在该项目的实际完成情况或任一偏差原因中即视为已说明，
    默认 [追加, 调整, 超支, 超出预算, 上年结转]。

通过示例：全年预算数 100、全年执行数 95、执行率 95%、分值 10、得分 9.5。

不通过示例：执行率写 90%（应为 95.00%）；得分写 10（应为 9.5）；全年执行数 120 超过全年预算数 100 且未说明；
  执行率是公式（如 =E5/C5，除错了列），文件中保存的结果 95.96% 与 全年执行数 ÷ 全年预算数 不符。

公式单元格按文件中保存的计算结果（即用户在 Excel/WPS 中看到的值）核对，问题说明中注明该格是公式；
公式没有保存计算结果（文件从未重新计算）的，由 formula-uncalculated 提示无法核对。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Cell, FundsLine, Indicator, Submission
from validator.rules.base import Options, Problem
from validator.values.scores import HUNDRED, evaluated, fmt_number, formula_note, number, rate, seen

ID = "execution-rate"
LEVEL = "error"
OPTIONS = {
    "rate_tolerance": {"type": "number", "min": 0, "default": 0.1},
    "score_tolerance": {"type": "number", "min": 0, "default": 0.1},
    "explained_by": {"type": "list", "schema": {"type": "string"},
                     "default": ["追加", "调整", "超支", "超出预算", "上年结转"]},
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for ev, indicators in evaluated(submission):
        project = ev.project.shown or None
        notes = " ".join(c.text for c in [ev.goal_actual, *(i.reason for i in indicators)] if c is not None)
        for line in ev.funds:
            yield from _line(line, project, options, notes, indicators)


def _line(line: FundsLine, project: str | None, options: Options, notes: str,
          indicators: list[Indicator]) -> Iterator[Problem]:
    budget, executed = number(line.budget), number(line.executed)
    if budget is None or executed is None or budget <= 0:
        return
    share = executed / budget
    stated = rate(line.rate)
    if stated is not None and abs(stated - share) * HUNDRED > Decimal(str(options["rate_tolerance"])):
        yield Problem(
            f"{line.label}执行率{_shown_as(line.rate)}“{seen(line.rate)}”，按全年执行数 {fmt_number(executed)} ÷ "
            f"全年预算数 {fmt_number(budget)} 应为 {share * HUNDRED:.2f}%{formula_note(line.rate)}。",
            "请按 全年执行数 ÷ 全年预算数 重新计算执行率。", cell=line.rate, project=project)
    weight, score = number(line.weight), number(line.score)
    if weight is not None and score is not None:
        expected = weight * min(share, Decimal(1))
        if abs(score - expected) > Decimal(str(options["score_tolerance"])):
            yield Problem(
                f"预算执行率得分{_shown_as(line.score)} {fmt_number(score)} 分，按 分值 {fmt_number(weight)} × 执行率 "
                f"{share * HUNDRED:.2f}% 应为 {fmt_number(expected)} 分（执行率超过 100% 按满分计"
                f"{'；' + formula_note(line.score).strip('（）') if formula_note(line.score) else ''}）。",
                "请按 分值 × 执行率 重新计算预算执行率得分。", cell=line.score, project=project)
    if executed > budget and not any(w in notes for w in options["explained_by"]):
        yield Problem(
            f"{line.label}全年执行数 {fmt_number(executed)} 超过全年预算数 {fmt_number(budget)}，未说明原因。",
            "请核对执行数；确属追加或调整预算的，请在实际完成情况或偏差原因分析中说明。",
            cell=line.executed, project=project)


def _shown_as(cell: Cell | None) -> str:
    """写为 for a typed value, 公式算得 for a formula's saved result."""
    return "公式算得" if cell is not None and cell.formula is not None else "写为"
