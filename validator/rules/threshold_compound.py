"""检查：一个年度指标值里是否写了几个目标（“处级≥110学分，科级≥90学分”，
“《说法》10期，《普法名师大讲堂》6期”）。

为什么：一条指标只能有一个目标值；几个目标挤在一格里，年底部分完成时无法计分，也无法汇总。
区间（“90%-95%”）是一个目标的上下限，不算。

选项：无。

通过示例：≥95%；90%-95%；不少于4个。

不通过示例：处级≥110学分，科级≥90学分（建议拆成“处级人均培训学分 ≥110学分”和
“科级人均培训学分 ≥90学分”两条指标）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued
from validator.values.threshold import Threshold

ID = "threshold-compound"
LEVEL = "warning"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if not result.compound:
        return
    count = len(result.parts)
    targets = "；".join(f"{part.label or ''}{part}" for part in result.parts)
    yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”包含{count}个目标（{clip(targets, 80)}）。",
                       f"请拆分为{count}条指标，每条只填一个目标值。", value=cell.display)
