"""检查：绩效自评表的总分是否填写并等于预算执行率得分与各指标得分之和，写明的自评等级是否与总分
相符（默认 优 ≥ 90，良 80–90，中 60–80，差 < 60）。只检查自评表。

为什么：总分和等级是自评结果中最显眼、也最常被直接引用的数字；加错或等级定高，会让整张表失信。

选项：
  tolerance：总分允许的误差（分），默认 0.01。
  grades：各等级的最低分（含），默认 {优: 90, 良: 80, 中: 60, 差: 0}。

通过示例：得分 9.5 + 20 + 15 + 15 + 27 + 10，总分 96.5，自评等级“优”。

不通过示例：各项得分合计 96.5，总分写 98；总分 86，自评等级写“优”（应为“良”）；总分空白；
  总分是公式 =SUM(G11:G14)（漏加了预算执行率得分），保存的结果 87 与各项得分合计 96.5 不符。

公式单元格（总分、各项得分）按文件中保存的计算结果核对；没有保存结果的由 formula-uncalculated 提示。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Cell, Submission
from validator.rules.base import Options, Problem
from validator.text import key
from validator.values.scores import evaluated, fmt_number, formula_note, number, seen, uncalculated

ID = "score-total"
LEVEL = "error"
OPTIONS = {
    "tolerance": {"type": "number", "min": 0, "default": 0.01},
    "grades": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "number"},
               "default": {"优": 90, "良": 80, "中": 60, "差": 0}},
}


def grade_of(total: Decimal, grades: dict[str, float]) -> str | None:
    """The grade a total earns: the one with the highest minimum the total reaches."""
    reached = [(Decimal(str(low)), name) for name, low in grades.items() if total >= Decimal(str(low))]
    return max(reached)[1] if reached else None


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for ev, indicators in evaluated(submission):
        project = ev.project.shown or None
        cells = [ev.total_line.score if ev.total_line else None, *(i.score for i in indicators)]
        if any(uncalculated(c) for c in [*cells, ev.total_score]):
            continue  # a formula without a saved result: formula-uncalculated says so
        scores = [number(c) for c in cells if c is not None and not c.empty]
        computed = sum((s for s in scores if s is not None), Decimal(0))
        stated = number(ev.total_score)
        if ev.total_score is None or ev.total_score.empty:
            yield Problem(f"总分未填写（各项得分合计 {fmt_number(computed)}）。", "请在总分一行填写各项得分之和。",
                          cell=ev.total_score or ev.project, project=project)
        elif stated is None:
            yield Problem(f"总分“{seen(ev.total_score)}”不是数字。", "请填写各项得分之和。", cell=ev.total_score,
                          project=project)
        elif None not in scores and abs(stated - computed) > Decimal(str(options["tolerance"])):
            how = "公式算得" if ev.total_score.formula is not None else "写为"
            yield Problem(f"总分{how} {fmt_number(stated)}，各项得分合计为 {fmt_number(computed)}"
                          f"{formula_note(ev.total_score)}。",
                          "请按各项得分之和填写总分" + ("（检查公式是否漏加了某项得分）。" if ev.total_score.formula else "。"),
                          cell=ev.total_score, project=project)
        total = stated if stated is not None else computed
        yield from _grade(ev.grade, total, options["grades"], project)


def _grade(cell: Cell | None, total: Decimal, grades: dict[str, float], project: str | None) -> Iterator[Problem]:
    if cell is None or cell.empty:
        return
    stated = next((g for g in sorted(grades, key=len, reverse=True) if key(cell.text).startswith(key(g))), None)
    wanted = grade_of(total, grades)
    if stated is None:
        yield Problem(f"自评等级“{cell.shown}”不是规定的等级（{'、'.join(grades)}）。",
                      f"请按总分填写等级，总分 {fmt_number(total)} 对应“{wanted}”。", cell=cell, project=project)
    elif wanted is not None and stated != wanted:
        yield Problem(f"自评等级写为“{stated}”，总分 {fmt_number(total)} 对应的等级是“{wanted}”。",
                      "请按总分改正自评等级。", cell=cell, project=project)
