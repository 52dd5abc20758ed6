"""检查：同一项目下是否有名称相同的指标（忽略空格与全角/半角差异）。

为什么：重复的指标通常是复制粘贴遗留，会重复计分，也让审核人无法判断以哪个值为准。

选项：无。

通过示例：同一项目下“用户满意度”只出现一次。

不通过示例：同一项目下两条“故障排除速度”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import clip

ID = "indicator-duplicate"
LEVEL = "warning"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    keys: dict[str, str] = {}  # name text -> its matching key, each name once
    for indicators in submission.indicators_by_project().values():
        first: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.name is None:
                continue
            k = keys.get(ind.name.text)
            if k is None:
                k = keys[ind.name.text] = key(ind.name.text)
            if not k:
                continue
            if k in first:
                yield at_indicator(ind, ind.name, f"指标“{clip(ind.name.shown)}”在本项目中重复（另见 {_where(first[k], ind)}）。",
                                   "请删除重复的指标，或合并为一条并写明指标值。")
            else:
                first[k] = ind


def _where(first: Indicator, ind: Indicator) -> str:
    """The earlier indicator's cell, or its number when both sit in one cell (published layout)."""
    assert first.name is not None and ind.name is not None
    if (first.name.sheet, first.name.coord) == (ind.name.sheet, ind.name.coord):
        return f"本单元格{clip(first.label)}"
    return first.name.coord
