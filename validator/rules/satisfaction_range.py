"""检查：满意度目标是否偏低（低于设定的下限，默认 80%）或定为 100%。只看以 % 计量、或未写单位、
或以“分”计量（百分制）的满意度目标；写成“≤”的由 direction-mismatch 提示。

为什么：满意度目标低于 80% 往往是填错或目标定得过低；定为 100% 则无法超越，一个不满意就算
未完成，也看不出服务的改进，通常设为“≥90%”“≥95%”等留有余地的值。

选项：
  floor：满意度目标的下限（%），默认 80。
  flag_full：是否提示定为 100% 的满意度目标，默认 true。

通过示例：用户满意度 ≥90%；服务对象满意度 85%；用户满意度 >98%。

不通过示例：用户满意度 ≥60%；群众满意度 100%；满意度 ≥100%。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued, measure
from validator.values.threshold import Threshold, format_decimal

ID = "satisfaction-range"
LEVEL = "warning"
OPTIONS = {
    "floor": {"type": "number", "min": 0, "max": 100, "default": 80},
    "flag_full": {"type": "boolean", "default": True},
}
_HUNDRED = Decimal(100)
_SCALES = frozenset({"%", "分", None})


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    floor = Decimal(str(options["floor"]))
    yield from each_valued(submission, lambda ind, cell, result: _problems(ind, cell, result, options, floor))


def _problems(ind: Indicator, cell: Cell, result: Threshold, options: Options, floor: Decimal) -> Iterator[Problem]:
    if measure(ind.name.text if ind.name else None) != "satisfaction":
        return
    parts = [p for p in result.parts if p.unit in _SCALES and p.op in ("≥", ">", "=")]
    low = next((p for p in parts if p.value < floor), None)
    full = next((p for p in parts if p.value == _HUNDRED and p.op != ">"), None)
    if low is not None:
        yield at_indicator(ind, cell, f"满意度目标“{clip(cell.display)}”低于 {format_decimal(floor)}%，明显偏低。",
                           "请确认是否填错；满意度目标一般不低于 80%，常见为“≥85%”或“≥90%”。", value=cell.display)
    elif full is not None and options["flag_full"]:
        yield at_indicator(ind, cell, f"满意度目标“{clip(cell.display)}”定为 100%，无法超越，也难以衡量改进。",
                           "请改为留有余地的目标值，如“≥90%”或“≥95%”。", value=cell.display)
