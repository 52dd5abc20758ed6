"""检查：比较方向是否与指标的性质相反：越低越好的指标（成本、时长、时间、投诉率、事故率、差错率、
故障率、超支率、逾期发放率、结转结余率、不合格率 …）写成“≥”或“>”；越高越好的指标（数量、合格率、
覆盖率、满意度、完成率、及时率 …）写成“≤”或“<”；以及指标值中的比较符号与“指标方向”列
（正向 / 反向）相反。

方向词表在 validator/data/vocabulary.yaml（lower_is_better、higher_is_better、direction_exceptions），
名称含多个词时取最长的词（“不合格率”越低越好，虽然含“合格率”）；词表之外按指标类别判断
（数量类、满意度越高越好，金额、时间类越低越好）。只看写出的比较符号（指标值中的，或指标方向列
给出的）；裸数值（“100%”）不判断，由 threshold-no-operator 提示。

人员编制、名额、招聘等数量设上限是正常的（“调解员数量 ≤131人”“招聘数量 ≤36人”）：名称含
legitimate_caps 中的词，或数量类指标以“人”“名”为单位时，“≤”不提示。

为什么：方向写反，目标就变成了“越慢越好”“越少越好”，年底评价会得出相反的结论；
“逾期发放率 ≥100%”要求全部逾期。

选项：
  lower_is_better：在词表之外补充的越低越好的名称关键词，默认 []。
  higher_is_better：在词表之外补充的越高越好的名称关键词，默认 []。
  exceptions：在词表之外补充的不检查的名称关键词（如“服务时间”越长越好），默认 []。

通过示例：故障响应时间 <24小时；合格率 ≥95%；投诉率 低于0.01%；调解员数量 ≤131人；逾期发放率 ≤1%。

不通过示例：故障响应时间 ≥24小时；用户满意度 ≤90%；逾期发放率 ≥100%；不合格率 ≥95%；
指标方向为“正向”、指标值为“≤5%”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.directions import legitimate_cap, likely_direction
from validator.values.indicators import bare_name, clip, each_valued, explicit_direction
from validator.values.threshold import Threshold

ID = "direction-mismatch"
LEVEL = "warning"
_STRINGS = {"type": "list", "schema": {"type": "string"}}
OPTIONS = {
    "lower_is_better": {**_STRINGS, "default": []},
    "higher_is_better": {**_STRINGS, "default": []},
    "exceptions": {**_STRINGS, "default": []},
}
_UP, _DOWN = frozenset({"≥", ">"}), frozenset({"≤", "<"})


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, lambda ind, cell, result: _problems(ind, cell, result, options))


def _problems(ind: Indicator, cell: Cell, result: Threshold, options: Options) -> Iterator[Problem]:
    if result.kind != "quantitative":
        return
    if result.direction_conflict:
        direction = ind.direction.display if ind.direction else ""
        yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”的比较符号与指标方向“{direction}”相反。",
                           "请核对指标方向与指标值，使两者一致。", value=cell.display)
        return
    problem = _against_nature(ind, result, options, cell)
    if problem:
        message, suggestion = problem
        yield at_indicator(ind, cell, message, suggestion, value=cell.display)


def _against_nature(ind: Indicator, result: Threshold, options: Options,
                    cell: Cell) -> tuple[str, str] | None:
    if result.bare and explicit_direction(ind) is None:
        return None
    raw_name = ind.name.text if ind.name else None
    name = bare_name(raw_name)
    if not name:
        return None
    better = likely_direction(raw_name, lower=options["lower_is_better"],
                              higher=options["higher_is_better"], exceptions=options["exceptions"])
    ops = {part.op for part in result.parts}
    if better == "≤" and ops & _UP:
        return (f"“{name}”越低越好，指标值“{clip(cell.display)}”却要求不低于某个数。",
                "请确认方向：此类指标一般写作“≤”或“<”，如“≤24小时”“<1%”。")
    if better == "≥" and ops & _DOWN and not legitimate_cap(raw_name, result.parts[0].unit):
        return (f"“{name}”越高越好，指标值“{clip(cell.display)}”却设了上限。",
                "请确认方向：此类指标一般写作“≥”或“>”，如“≥95%”；如确需设上限（如人员编制数），可忽略本提示。")
    return None
