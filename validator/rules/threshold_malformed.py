"""检查：年度指标值是否能读出可衡量的目标：不为空，不是占位文字（待定、XX%、同上），不是孤立、
重复或相互矛盾的比较符号（≥、≥≥95%、>=<），也不是没有汉字又读不出数值的内容（abc）。

为什么：读不出目标值的指标无法在年底评价是否完成。定性表述（完成、及时、有效提升）另由
threshold-qualitative 提示；被存成日期的数值（44561、20231231）由 date-serial 报告。

选项：无。

通过示例：≥95%；不少于4个；<24小时；95%以上；完成。

不通过示例：（空）；待定；XX%；≥；≥≥95%（建议改为“≥95%”）；>=<95。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued
from validator.values.threshold import Threshold

ID = "threshold-malformed"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if result.kind != "malformed" or result.is_date_serial:
        return
    if cell.empty:
        yield at_indicator(ind, cell, "未填写年度指标值。",
                           "请填写可衡量的目标值，例如“≥95%”“不少于4个”“<24小时”。")
    else:
        yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”{result.reason}。",
                           _suggestion(result.suggestion), value=cell.display)


def _suggestion(suggestion: str | None) -> str:
    if not suggestion:
        return "请填写具体的目标值，例如“≥95%”。"
    if suggestion.startswith("请"):
        return suggestion + "。"
    return f"请改为“{suggestion}”。"
