"""检查：定量指标值是否写明了比较方向（≥ 表示下限，≤ 表示上限）：“95%”“2280次”“10辆”“5万元”
只写了数，没有写是“不少于”还是“不超过”，也没有填“指标方向”列。提示按指标名称给出可能的方向：
越高越好的指标（数量、合格率 …）写“≥”，越低越好的（成本、时长、投诉率 …）写“≤”（词表见
validator/data/vocabulary.yaml，与 direction-mismatch 共用）。

不提示：“100%”（只能是 =100%；增长、提高类指标除外）、越低越好的指标写“0%”（只能是 =0%）、区间
（“90%-95%”）、时间节点，以及“指标方向”列已经给出方向的。

为什么：年底评价按方向算完成情况：“95%”完成了 96% 算不算达标、“5万元”花了 6 万算不算超支，
都取决于方向。写明方向，目标才能衡量。不需要此提示的单位可在 rules.yaml 中设 level: off。

选项：
  full_rate：“100%”和越低越好的“0%”是否视为写明（=100%、=0%），默认 true。

通过示例：≥95%；不少于10辆；≤5万元；完成率 100%；事故率 0%；指标方向列为“≥”、指标值为“2280”。

不通过示例：合格率 95%（建议“≥95%”）；维修次数 2280次（建议“≥2280次”）；成本 5万元（建议“≤5万元”）；
约12000平方米；95%左右（约数也要写明下限或上限）。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.rules.remedies import NO_OPERATOR_ANY, no_operator_typical
from validator.values.directions import likely_direction
from validator.values.indicators import bare_name, each_valued, explicit_direction
from validator.values.threshold import Threshold, format_decimal

ID = "threshold-no-operator"
LEVEL = "warning"
OPTIONS = {"full_rate": {"type": "boolean", "default": True}}

_GROWTH = ("增长", "增幅", "增速", "提高", "提升", "同比", "环比")


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, lambda ind, cell, result: _problems(ind, cell, result, options))


def _problems(ind: Indicator, cell: Cell, result: Threshold, options: Options) -> Iterator[Problem]:
    if not _needs_direction(ind, result, options):
        return
    op = likely_direction(ind.name.text if ind.name else None)
    yield at_indicator(ind, cell, _message(result), _suggestion(result, op),
                       value=cell.display)


def _needs_direction(ind: Indicator, result: Threshold, options: Options) -> bool:
    if result.kind != "quantitative" or not (result.bare or result.approximate) or result.is_range or result.unread:
        return False
    if explicit_direction(ind) is not None or (ind.direction is not None and not ind.direction.empty):
        return False  # a direction is given; one that cannot be read is operator-invalid's
    name = ind.name.text if ind.name else None
    return not (options["full_rate"] and _only_one_meaning(result, name))


def _only_one_meaning(result: Threshold, name: str | None) -> bool:
    """100% (of a rate, a share, a completion) can only mean =100%; 0% of something that
    should be low only =0%. A growth of 100% is the exception ("增长率 100%")."""
    if len(result.parts) != 1 or result.parts[0].unit != "%":
        return False
    value, text = result.parts[0].value, bare_name(name)
    if value == 100:
        return not any(word in text for word in _GROWTH)
    return value == 0 and likely_direction(name) == "≤"


def _message(result: Threshold) -> str:
    """Worded alike at every place (the value is the finding's `value`), so the letter states
    the problem once and lists only its places."""
    what = "是约数，" if result.approximate else ""
    return f"指标值{what}未写比较方向（下限、上限还是固定值）。"


def _suggestion(result: Threshold, op: str | None) -> str:
    if result.approximate:  # the figure itself must be settled: say which
        part = result.parts[0]
        body = f"{format_decimal(part.value)}{part.unit or ''}"
        return f"请去掉“约”“左右”，写明下限“≥{body}”、上限“≤{body}”或固定值“={body}”。"
    if op is None:
        return NO_OPERATOR_ANY
    return no_operator_typical(op)
