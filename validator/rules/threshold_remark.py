"""检查：年度指标值在目标值之后是否还附有说明文字（“100%，如未发生需要拨付的情况，则视为完成”，
“≥95%（含线上服务）”）。

为什么：指标值一格只放目标值，才能逐项比对和汇总；统计口径、计算方法和例外情况应写在
“指标解释”中，审核和年底评价时一并查看。

选项：无。

通过示例：≥95%；100%（说明写在指标解释列）。

不通过示例：100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued
from validator.values.threshold import Threshold

ID = "threshold-remark"
LEVEL = "warning"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if not result.remark or result.kind != "quantitative":
        return
    yield at_indicator(
        ind, cell, f"指标值在目标值后附有说明“{clip(result.remark)}”。",
        f"请把说明移到“指标解释”列，指标值只填“{result.normalized}”。", value=cell.display)
