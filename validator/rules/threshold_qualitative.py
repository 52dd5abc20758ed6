"""检查：年度指标值是否为定性表述（完成、全覆盖、五省一自治区），而这条指标本可以用数值衡量。

什么算通过（不提示）：
  · 只能定性评判的指标（名称以“程度”“性”“影响”“作用”“效果”“水平”等结尾，或名称含“影响”
    “合规”“规范”等且不是比率、数量、金额、时间类指标），填写分档的定性表述：效果明显、有效提升、逐步改善、优良、合格、是、
    严格执行相关制度规定。这是定性指标应有的写法。
  · 时间节点：日期（2023年12月31日）、月份区间（2023.07-2024.01）、“12月底前”“按季”“年底前”。
  · accepted 中列出的分档写法（达成 / 部分达成 / 未达成）。
什么提示：数量、比率、金额、时间类指标（或名称看不出只能定性的指标）填了定性表述：
  “完成”写在数量上、“全覆盖”写在面积或范围上、“五省一自治区”写在服务范围上。提示给出
  可以改成的数值写法（数量写“≥10个”，比率写“=100%”，覆盖写“覆盖率=100%”或覆盖的个数）。
词表（qualitative_names、graded_phrases、graded_words）在 validator/data/vocabulary.yaml。

为什么：绩效目标要求指标尽量量化；确实只能定性的，应写明评判标准并分档，否则年底无法打分。
能量化的写成“完成”，年底就无从判断完成了多少。

选项：
  accepted：已按分档写法填写、不再提示的指标值，默认 [达成, 部分达成, 未达成]。

通过示例：≥95%；不少于4个；2023年12月底前完成；达成；对维护市场公平的影响程度 效果明显；
经费支出合规性 严格执行相关制度规定；发放时间 按季。

不通过示例：培训场次 完成；绿化面积 全覆盖；服务范围 五省一自治区；办公区域全覆盖。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import bare_name, clip, each_valued, measure
from validator.values.threshold import Threshold
from validator.values.vocabulary import words

ID = "threshold-qualitative"
LEVEL = "warning"
OPTIONS = {"accepted": {"type": "list", "schema": {"type": "string"}, "default": ["达成", "部分达成", "未达成"]}}

_EXAMPLES = {
    "count": "请填写具体数量，如“≥10个”“不少于4场”",
    "rate": "请填写比率，如“=100%”“≥95%”",
    "satisfaction": "请填写满意度目标，如“≥90%”",
    "money": "请填写金额，如“≤50万元”",
    "time": "请填写时间节点或时限，如“2027年12月底前”“≤5个工作日”",
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    accepted = {key(text) for text in options["accepted"]}
    yield from each_valued(submission, lambda ind, cell, result: _problems(ind, cell, result, accepted))


def _problems(ind: Indicator, cell: Cell, result: Threshold, accepted: set[str]) -> Iterator[Problem]:
    if result.kind != "qualitative" or result.deadline or key(result.text) in accepted:
        return
    if _fine_qualitative(ind, result):
        return
    yield at_indicator(
        ind, cell, f"指标值“{clip(cell.display)}”是定性表述，没有可以衡量的数值。",
        _suggestion(ind, result), value=cell.display)


def _fine_qualitative(ind: Indicator, result: Threshold) -> bool:
    """A graded phrase on an indicator that can only be judged qualitatively."""
    name = ind.name.text if ind.name else None
    ending = bare_name(name).endswith(words("qualitative_endings"))
    if measure(name) is not None and not ending:
        return False
    text = bare_name(name) + (ind.level2.text if ind.level2 else "")
    if not ending and not any(word in text for word in words("qualitative_names")):
        return False
    value = result.text
    return value in words("graded_words") or any(word in value for word in words("graded_phrases"))


def _suggestion(ind: Indicator, result: Threshold) -> str:
    kind = measure(ind.name.text if ind.name else None)
    if kind is not None:
        return _EXAMPLES[kind] + "。"
    if "覆盖" in result.text:
        return "请写明覆盖的范围或比例，如“覆盖率=100%”或“覆盖≥12个区县”。"
    return ("能量化的请改为数值（如“覆盖率=100%”“≥95%”“覆盖6个省份”）；只能定性的，请在指标解释中写明"
            "评判标准，并按“达成 / 部分达成 / 未达成”分档。")
