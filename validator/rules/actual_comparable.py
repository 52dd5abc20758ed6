"""检查：绩效自评表每条指标的实际完成值是否填写，并能与年度指标值比较：定量指标（“≥800件”）须写
同一计量单位的数值（“820件”或 820），写“达成预期指标”“已完成”或换了单位的都要改；定性指标须以
档次开头（达成 / 部分达成 / 未达成，或选项中的其他档次词），可在其后补充说明。年度指标值与实际完成值
按与目标表相同的写法规则解读。只检查自评表。

为什么：实际完成值是计分的依据；“已完成”无法核对是否真的达到了“≥800件”，单位不同的数字无法比较，
定性指标不写档次就无法判断得分是否合适。

选项：
  grades：定性指标实际完成值可用的档次词，默认 [达成, 部分达成, 未达成, 基本达成, 已达成, 完成, 已完成,
    基本完成, 未完成, 好, 较好, 一般, 较差, 差]。

通过示例：“≥48场”实际“50场”；“≥95%”实际 96%；“明显提升”实际“达成，群众法治意识明显增强”。

不通过示例：“≥800件”实际“已完成”；“≤5天”实际“3小时”；“明显提升”实际“群众很满意”；实际完成值空白。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.scores import actual_figure, evaluated, grade_word, is_qualitative, target_part

ID = "actual-comparable"
LEVEL = "error"
OPTIONS = {
    "grades": {"type": "list", "schema": {"type": "string"},
               "default": ["达成", "部分达成", "未达成", "基本达成", "已达成", "完成", "已完成", "基本完成", "未完成",
                           "好", "较好", "一般", "较差", "差"]},
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for _, indicators in evaluated(submission):
        for ind in indicators:
            yield from _indicator(ind, options["grades"])


def _indicator(ind: Indicator, grades: list[str]) -> Iterator[Problem]:
    actual = ind.actual
    if actual is None or actual.empty:
        yield at_indicator(ind, actual, "实际完成值未填写。", "请填写该指标全年的实际完成值。")
        return
    if actual.formula is not None:
        return
    target = target_part(ind)
    shown = f"实际完成值“{actual.shown}”"
    if target is not None:
        figure = actual_figure(actual)
        wanted = f"年度指标值“{ind.value.shown if ind.value else ''}”"
        if figure is None:
            example = f"{target.value.normalize():f}{target.unit or ''}"
            yield at_indicator(ind, actual, f"{shown}不是数值，无法与定量的{wanted}比较。",
                               f"请填写实际达到的数值（如“{example}”），不要只写“已完成”“达成预期指标”。")
        elif figure[1] and target.unit and key(figure[1]) != key(target.unit):
            yield at_indicator(ind, actual, f"{shown}的单位“{figure[1]}”与{wanted}的单位“{target.unit}”不同，无法比较。",
                               f"请换算为“{target.unit}”后填写。")
    elif is_qualitative(ind) and grade_word(actual, grades) is None:
        yield at_indicator(ind, actual, f"{shown}没有写明完成档次，无法判断定性指标的得分。",
                           "请以“达成”“部分达成”或“未达成”开头，再补充具体情况。")
