"""检查：公开格式（一个单元格内写全部指标）中，指标编号是否从 1 开始连续编号：不重新从 1 开始，
也不跳号。

为什么：单元格内编号“1、2、1、2、”通常是两张表合并后遗留的，可能有重复或遗漏的指标；跳号则可能
漏抄了指标。标准模板（每行一条指标）没有编号，本规则不适用。

选项：无。

通过示例：1、产出指标：…。 2、效益指标：…。 3、满意度指标：…。

不通过示例：1、产出指标：…。 2、产出指标：…。 1、产出指标：…。 2、满意度指标：…。（第 3 条又从 1 开始）；
1、…。 2、…。 4、…。（缺第 3 项）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator

ID = "indicator-numbering"
LEVEL = "warning"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for indicators in _by_cell(submission.indicators):
        written = "、".join(str(i.position) for i in indicators) + "、"
        expected = 1
        for ind in indicators:
            assert ind.position is not None
            if ind.position != expected:
                yield _problem(ind, expected, written)
            expected = ind.position + 1


def _by_cell(indicators: list[Indicator]) -> list[list[Indicator]]:
    """Numbered indicators grouped by the cell they were written in, in reading order."""
    cells: dict[tuple[str | None, str], list[Indicator]] = {}
    for ind in indicators:
        where = ind.name or ind.value
        if ind.position is not None and where is not None:
            cells.setdefault((where.sheet, where.coord), []).append(ind)
    return list(cells.values())


def _problem(ind: Indicator, expected: int, written: str) -> Problem:
    number = ind.position
    if expected == 1:
        message = f"单元格内第一条指标的编号是 {number}，应从 1 开始（本格编号：{written}）。"
    elif number is not None and number < expected:
        message = (f"指标编号在第 {expected - 1} 项之后重新从 {number} 开始（本格编号：{written}），"
                   "可能是合并两张表时遗留的。")
    else:
        message = f"指标编号从第 {expected - 1} 项跳到第 {number} 项，缺少第 {expected} 项（本格编号：{written}）。"
    return at_indicator(ind, ind.name, message, "请按 1、2、3… 连续编号，并核对是否有重复或遗漏的指标。",
                        value=written)
