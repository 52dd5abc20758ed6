"""检查：定量的年度指标值是否写明了计量单位。指标值本身（“≥95%”）、计量单位列，或指标名称中的
括注（“合格率（%）”“时间（小时）”）有一处写明即可；目标值为 0 的不要求单位。

为什么：没有单位的数字（“≥55”“≥200”）含义不清：是件、人还是次？是 % 还是分？
年底评价时容易各说各话。

选项：无。

通过示例：≥95%；≥7800件；名称为“合格率（%）”、指标值为“≥95”；为0。

不通过示例：名称为“人均年度调解案件数”、指标值为“≥55”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued, measure
from validator.values.measure_words import measure_word
from validator.values.threshold import Threshold, format_decimal

ID = "threshold-no-unit"
LEVEL = "warning"
OPTIONS: dict = {}

_EXAMPLES = {"rate": "%", "satisfaction": "%", "time": "小时", "money": "元", "count": "个"}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if result.kind != "quantitative" or not _missing_unit(result):
        return
    name = ind.name.text if ind.name else None
    kind = measure(name) or ""
    unit = (measure_word(name) if kind in ("count", "") else None) or _EXAMPLES.get(kind, "")
    yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”没有写明计量单位。",
                       _suggestion(result, kind, unit), value=cell.display)


def _suggestion(result: Threshold, kind: str, unit: str) -> str:
    """A 率 written as a fraction (≥0.99) is asked about, not told to become ≥0.99%."""
    part = result.parts[0]
    if kind in ("rate", "satisfaction") and 0 < part.value <= 1:
        percent = format_decimal(part.value * 100)
        return (f"“{part.value}”是指 {percent}% 吗？如是，请写作“{part.op}{percent}%”；"
                "比率请以 % 为单位，或在计量单位列填写。")
    example = f"“{part}{unit}”" if unit else "“≥95%”“≥10个”"
    return f"请写明单位，如{example}（或填写计量单位列）。"


def _missing_unit(result: Threshold) -> bool:
    return any(part.unit is None and part.value != 0 for part in result.parts)
