"""检查：指标值的计量单位是否与指标名称所说的度量矛盾：比率（…率、比例）或满意度以小时、个、
元等计量；数量（…数、数量）以 % 或元计量；时间（时间、时长、时限）以个、% 或元计量；金额（金额、
费用、成本）以 % 或小时计量。单位取自指标值、计量单位列或名称括注。

为什么：单位与名称矛盾，多半是填错了列、写错了指标名称或把两个指标混成一个，例如
“办公场所安保措施到位率：24小时”“国家赔偿案件立案数：100%”。

选项：无。

通过示例：合格率 ≥95%；案件数 ≥7800件；故障响应时间 <24小时。

不通过示例：安保措施到位率 24小时；案件立案数 100%；响应时间 ≤5个；经费 ≤10%。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import MEASURE_LABELS, clip, each_valued, measure
from validator.values.threshold import Threshold
from validator.values.units import unit_category

ID = "unit-mismatch"
LEVEL = "warning"
OPTIONS: dict = {}

# What each measure must not be counted in (unit categories of validator.values.units).
_FORBIDDEN: dict[str, frozenset[str]] = {
    "satisfaction": frozenset({"time", "count", "money", "data", "measure"}),
    "rate": frozenset({"time", "count", "money", "data", "measure"}),
    "count": frozenset({"percent", "money"}),
    "time": frozenset({"count", "percent", "money"}),
    "money": frozenset({"percent", "time"}),
}
_HINTS: dict[str, str] = {
    "satisfaction": "满意度请以“%”计量，如“≥90%”",
    "rate": "比率请以“%”计量，如“≥95%”；如要考核时长或数量，请改用相应的指标名称（如“…时间”“…数量”）",
    "count": "数量请以个、件、人、次等计量，如“≥10个”；如要考核比例，请把指标名称改为“…率”",
    "time": "时间请以小时、天、分钟等计量，如“≤24小时”",
    "money": "金额请以元或万元计量；如要考核比例，请把指标名称改为“…率”（如“成本节约率”）",
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    kind = measure(ind.name.text if ind.name else None)
    if kind is None:
        return
    wrong = next((p.unit for p in result.parts if unit_category(p.unit) in _FORBIDDEN[kind]), None)
    if wrong is None:
        return
    name = ind.name.text if ind.name else ""
    yield at_indicator(ind, cell, f"“{name}”是{MEASURE_LABELS[kind]}，指标值“{clip(cell.display)}”的单位却是“{wrong}”。",
                       f"请核对指标名称与单位：{_HINTS[kind]}。", value=cell.display)
