"""检查：比率（…率、比例）和满意度的目标值是否超出 0～100%：大于 100%、小于 0，
或写成“>100%”“<0%”这样不可能达到的目标。只看以 % 计量的值（单位可来自指标值、计量单位列或名称括注）。

为什么：比率和满意度不可能超过 100% 或低于 0，这类目标值无法完成，通常是多写了一位数（“950%”）
或用错了比较符号。

选项：
  exclude：含这些词的名称不检查（增长率可以超过 100%），默认 [增长, 增幅, 增速, 提高, 提升, 同比, 环比]。

通过示例：合格率 ≥95%；覆盖率 100%；出访费用超支率 ≤0%。

不通过示例：合格率 ≥120%；满意度 >100%；发生率 -5%。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import bare_name, clip, each_valued, measure
from validator.values.threshold import Part, Threshold

ID = "percent-range"
LEVEL = "error"
OPTIONS = {"exclude": {"type": "list", "schema": {"type": "string"},
                       "default": ["增长", "增幅", "增速", "提高", "提升", "同比", "环比"]}}
_HUNDRED = Decimal(100)


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, lambda ind, cell, result: _problems(ind, cell, result, options))


def _problems(ind: Indicator, cell: Cell, result: Threshold, options: Options) -> Iterator[Problem]:
    name = ind.name.text if ind.name else None
    if measure(name) not in ("rate", "satisfaction") or any(w in bare_name(name) for w in options["exclude"]):
        return
    part = next((p for p in result.parts if p.unit == "%" and _impossible(p)), None)
    if part is None:
        return
    yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”（{part}）超出了比率 0～100% 的范围，无法达到。",
                       "比率和满意度应在 0～100% 之间；请检查是否多写了数字或用错了比较符号"
                       "（如“>100%”应为“=100%”）。", value=cell.display)


def _impossible(part: Part) -> bool:
    value = part.value
    return (value > _HUNDRED or value < 0 or (part.op == ">" and value >= _HUNDRED)
            or (part.op == "<" and value <= 0))
