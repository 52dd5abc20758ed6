"""检查：指标方向列（指标方向 / 指标性质 / 符号：≥ ≤ = > < 定性，或 大于等于、小于等于、等于，
或 正向、反向）与指标值、计量单位合起来是否是一个说得通的目标。

为什么：预算系统导出的表和标准模板都把比较符号单独放在一列；这一列写了无法识别的内容，
或写“定性”却填了数值、写了比较符号却填了文字描述，目标就有两种读法，年底无法判断是否达成。

选项：无。

通过示例：指标方向“大于等于”、指标值“95”、计量单位“%”（读作 ≥95%）；“定性”与“达成”；“正向”与“≥90%”。

不通过示例：指标方向“大约”；指标方向“定性”而指标值为“95%”；指标方向“≥”而指标值为“有效提升”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued, explicit_direction
from validator.values.threshold import Threshold

ID = "operator-invalid"
LEVEL = "error"
OPTIONS: dict = {}
_QUALITATIVE = frozenset({"定性", "定性指标"})
_QUANTITATIVE = frozenset({"定量", "定量指标"})
# Words that say which way is better rather than compare: a qualitative value may go with them.
_NATURE_WORDS = frozenset({"正向", "正向指标", "反向", "反向指标", "越大越好", "越小越好"})
_CHOICES = "≥、≤、=、>、<、定性（或 大于等于、小于等于、等于）"


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    direction = ind.direction
    if direction is None or direction.empty:
        return
    written = direction.text.replace(" ", "")
    op = explicit_direction(ind)
    if op is None and written not in _QUALITATIVE | _QUANTITATIVE:
        yield at_indicator(ind, direction, f"指标方向“{clip(direction.display)}”无法识别。", f"请填写 {_CHOICES} 之一。")
    elif written in _QUALITATIVE and result.kind == "quantitative":
        yield at_indicator(ind, direction,
                           f"指标方向为“{clip(direction.display)}”，指标值“{clip(cell.display)}”却是数值目标。",
                           "定量的目标请把指标方向改为 ≥、≤ 或 =；确属定性的，请把指标值改为评判标准。",
                           value=direction.display)
    elif (op is not None and written not in _NATURE_WORDS and result.kind == "qualitative"
          and not result.deadline):
        yield at_indicator(ind, direction,
                           f"指标方向为“{clip(direction.display)}”，指标值“{clip(cell.display)}”却不是数值。",
                           "请在指标值中填写可比较的数值（如“95”并在计量单位中填“%”）；"
                           "确属定性的，请把指标方向改为“定性”。", value=direction.display)
