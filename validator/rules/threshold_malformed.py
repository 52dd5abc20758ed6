"""检查：年度指标值是否能读出可衡量的目标：不为空，不是占位文字（待定、XX%），不是孤立或重复的
比较符号。

为什么：读不出目标值的指标无法在年底评价是否完成。定性表述（完成、及时、有效提升）另由
threshold-qualitative 提示。

选项：无。

通过示例：≥95%；不少于4个；<24小时；完成。

不通过示例：（空）；待定；XX%；≥；≥≥95%。
"""

from __future__ import annotations

import re
from typing import Iterator

from ..records import Submission
from .base import Options, Problem, at_indicator

ID = "threshold-malformed"
LEVEL = "error"
OPTIONS: dict = {}

_PLACEHOLDER = re.compile(r"^(?:待定|待补充|未定|暂无|不详|[?？]+|[xX×*]+%?|-+|—+|/)$")
_OPERATORS_ONLY = re.compile(r"^[≥≤=<>＜＞＝≧≦\s]+$")
_DOUBLED = re.compile(r"[≥≤=<>]{2,}")
_VALID_PAIRS = {">=", "<="}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for ind in submission.indicators:
        cell = ind.value
        if cell is None:
            continue
        problem = _diagnose(cell.text) if cell.formula is None else None
        if problem:
            message, suggestion = problem
            yield at_indicator(ind, cell, message, suggestion)


def _diagnose(text: str) -> tuple[str, str] | None:
    if not text:
        return "未填写年度指标值。", "请填写可衡量的目标值，例如“≥95%”“不少于4个”“<24小时”。"
    if _PLACEHOLDER.match(text):
        return f"指标值“{text}”是占位文字，无法衡量。", "请填写具体的目标值，例如“≥95%”。"
    if _OPERATORS_ONLY.match(text):
        return f"指标值“{text}”只有比较符号，没有数值。", f"请在符号后补充数值和单位，例如“{text.strip()}95%”。"
    doubled = _DOUBLED.search(text)
    if doubled and doubled.group() not in _VALID_PAIRS:
        return f"指标值“{text}”中比较符号重复。", f"请只保留一个比较符号，例如“{_DOUBLED.sub(doubled.group()[0], text, 1)}”。"
    return None
