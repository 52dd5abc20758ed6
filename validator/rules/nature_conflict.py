"""检查：指标性质 / 指标方向性（正向、反向、定性）是否与比较符号一致：正向指标（越大越好）应为
≥ 或 >，反向指标（越小越好）应为 ≤ 或 <，定性指标不应有数值目标。比较符号取自指标方向列，
没有该列时取自指标值本身（“≤24小时”）。

为什么：预算系统导出的表同时有“指标性质”和“指标方向”两列时，两列互相矛盾（正向却写 ≤）说明
其中一列填错，目标的含义随之相反。

选项：无。

通过示例：指标性质“正向指标”、指标方向“≥”、指标值“95%”；“反向”与“≤5%”；“定性”与“达成”。

不通过示例：指标性质“正向”、指标方向“小于等于”；指标方向性“反向指标”、指标值“≥90%”；
指标性质“定性”、指标值“≥48场”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued, explicit_direction
from validator.values.threshold import Threshold, direction_op

ID = "nature-conflict"
LEVEL = "error"
OPTIONS: dict = {}
_UP, _DOWN = frozenset({"≥", ">"}), frozenset({"≤", "<"})
_QUALITATIVE = frozenset({"定性", "定性指标"})


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    nature = ind.nature
    if nature is None or nature.empty:
        return
    shown = clip(nature.display)
    if nature.text.replace(" ", "") in _QUALITATIVE:
        if result.kind == "quantitative":
            yield at_indicator(ind, nature, f"指标性质为“{shown}”，指标值“{clip(cell.display)}”却是数值目标。",
                               "请核对：可量化的指标性质应为正向或反向；确属定性的，指标值应写评判标准。",
                               value=nature.display)
        return
    way = direction_op(nature.raw)
    if way is None or result.kind != "quantitative":
        return
    column = explicit_direction(ind)
    ops = {column} if column else {p.op for p in result.parts}
    wrong = ops & (_DOWN if way in _UP else _UP)
    if wrong:
        better = "越大越好，应为“≥”或“>”" if way in _UP else "越小越好，应为“≤”或“<”"
        where = ind.direction if ind.direction is not None and not ind.direction.empty else cell
        yield at_indicator(
            ind, where, f"指标性质“{shown}”与比较符号“{'、'.join(sorted(wrong))}”矛盾（{better}）。",
            "请核对指标性质和指标方向，改正填错的一列。", value=where.display)
