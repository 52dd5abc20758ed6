"""检查：比较方向是否与指标的性质相反：越低越好的指标（成本、时长、时限、时间、投诉率、事故率、
差错率、发生率、超支率 …）写成“≥”或“>”；越高越好的指标（数量、合格率、覆盖率、满意度、完成率、
及时率 …）写成“≤”或“<”；以及指标值中的比较符号与“指标方向”列（正向 / 反向）相反。
只看写出的比较符号（指标值中的，或指标方向列给出的）；裸数值（“100%”）不判断；名称同时含
两类关键词时不判断。

为什么：方向写反，目标就变成了“越慢越好”“越少越好”，年底评价会得出相反的结论。

选项：
  lower_is_better：越低越好的名称关键词（默认值见本页标题行）。
  higher_is_better：越高越好的名称关键词（默认值见本页标题行）。
  exceptions：含这些词的名称不检查（如“服务时间”越长越好），默认 [服务时间, 服务时长, 折抵时间,
    开放时间, 运行时间, 在线时长, 培训时长, 学习时长, 工作时长]。

通过示例：故障响应时间 <24小时；合格率 ≥95%；投诉率 低于0.01%。

不通过示例：故障响应时间 ≥24小时；用户满意度 ≤90%；指标方向为“正向”、指标值为“≤5%”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import bare_name, clip, explicit_direction, valued
from validator.values.threshold import Threshold

ID = "direction-mismatch"
LEVEL = "warning"
_STRINGS = {"type": "list", "schema": {"type": "string"}}
OPTIONS = {
    "lower_is_better": {**_STRINGS, "default": [
        "成本", "时长", "时限", "时间", "投诉率", "事故率", "差错率", "发生率", "超支率", "故障率",
        "失误率", "错误率", "耗时", "用时"]},
    "higher_is_better": {**_STRINGS, "default": [
        "数量", "合格率", "覆盖率", "满意度", "满意率", "完成率", "及时率", "达标率", "到位率", "办结率",
        "知晓率", "参与率", "成功率", "正常运行率"]},
    "exceptions": {**_STRINGS, "default": [
        "服务时间", "服务时长", "折抵时间", "开放时间", "运行时间", "在线时长", "培训时长", "学习时长",
        "工作时长"]},
}
_UP, _DOWN = frozenset({"≥", ">"}), frozenset({"≤", "<"})


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for ind, cell, result in valued(submission):
        if result.kind != "quantitative":
            continue
        if result.direction_conflict:
            direction = ind.direction.display if ind.direction else ""
            yield at_indicator(ind, cell, f"指标值“{clip(cell.display)}”的比较符号与指标方向“{direction}”相反。",
                               "请核对指标方向与指标值，使两者一致。", value=cell.display)
            continue
        problem = _against_nature(ind, result, options, clip(cell.display))
        if problem:
            message, suggestion = problem
            yield at_indicator(ind, cell, message, suggestion, value=cell.display)


def _against_nature(ind: Indicator, result: Threshold, options: Options,
                    shown: str) -> tuple[str, str] | None:
    if result.bare and explicit_direction(ind) is None:
        return None
    name = bare_name(ind.name.text if ind.name else None)
    if not name or any(word in name for word in options["exceptions"]):
        return None
    lower = any(word in name for word in options["lower_is_better"])
    higher = any(word in name for word in options["higher_is_better"])
    ops = {part.op for part in result.parts}
    if lower and not higher and ops & _UP:
        return (f"“{name}”越低越好，指标值“{shown}”却要求不低于某个数。",
                "请确认方向：此类指标一般写作“≤”或“<”，如“≤24小时”“<1%”。")
    if higher and not lower and ops & _DOWN:
        return (f"“{name}”越高越好，指标值“{shown}”却设了上限。",
                "请确认方向：此类指标一般写作“≥”或“>”，如“≥95%”；如确需设上限（如人员编制数），可忽略本提示。")
    return None
