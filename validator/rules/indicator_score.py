"""检查：绩效自评表每条指标的得分：分值和得分是否填写且为数字，得分是否在 0 与分值之间；
定量指标（年度指标值为“≥800件”“≤5天”“=100%”等）按实际完成值计分是否正确——达到或超过目标得满分，
未达到按比例（“≥”类为 实际 ÷ 目标，“≤”类为 目标 ÷ 实际）乘以分值，允许误差见选项，未达到目标却
得满分为错误；定性指标按实际完成值写明的档次（达成 / 部分达成 / 未达成）检查得分是否落在该档的
分值区间（默认 100%–80% / 80%–60% / 60%–0%）。只检查自评表。

为什么：得分决定总分和自评等级；超过分值、未完成却给满分、按比例计算错误，是自评表最常见的问题。

选项：
  tolerance：定量指标按比例计分允许的误差（分），默认 0.5。
  proportional：未达到目标时是否按比例计分；设为 false 时只检查未达到目标不得满分，默认 true。
  bands：定性指标各档次的得分区间（占分值的百分比，[下限, 上限]），默认
    {达成: [80, 100], 部分达成: [60, 80], 未达成: [0, 60]}。

通过示例：“≥48场”实际完成 50 场，分值 20，得分 20；“≥95%”实际 90%，分值 15，得分 14.21；
  “明显提升”实际完成值“达成”，分值 30，得分 27。

不通过示例：得分 22 超过分值 20（得分是公式的，按文件中保存的计算结果核对，并注明公式）；
  “≥48场”实际 40 场却得满分 20（应约为 16.67）；
  “部分达成”却得 28 分（应在 18–24 分之间）；得分写“良好”。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator, noted
from validator.values.scores import (
    HUNDRED,
    Quantity,
    evaluated,
    fmt_number,
    grade_word,
    is_qualitative,
    number,
    quantity,
    uncalculated,
)

ID = "indicator-score"
LEVEL = "error"
DEFAULT_BANDS = {"达成": [80, 100], "部分达成": [60, 80], "未达成": [0, 60]}
OPTIONS = {
    "tolerance": {"type": "number", "min": 0, "default": 0.5},
    "proportional": {"type": "boolean", "default": True},
    "bands": {"type": "dict", "keysrules": {"type": "string"},
              "valuesrules": {"type": "list", "items": [{"type": "number", "min": 0, "max": 100},
                                                        {"type": "number", "min": 0, "max": 100}]},
              "default": DEFAULT_BANDS},
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for _, indicators in evaluated(submission):
        for ind in indicators:
            yield from map(noted, _indicator(ind, options))


def _indicator(ind: Indicator, options: Options) -> Iterator[Problem]:
    weight, score = number(ind.weight), number(ind.score)
    if weight is None and not uncalculated(ind.weight):
        yield at_indicator(ind, ind.weight, "指标分值未填写或不是数字。", "请填写该指标的分值（如 20）。")
        return
    if score is None:
        if not uncalculated(ind.score):  # a formula without a saved result: formula-uncalculated says so
            yield at_indicator(ind, ind.score, "指标得分未填写或不是数字。", "请按实际完成情况填写得分（如 18.5）。")
        return
    if weight is None:
        return
    if score < 0 or score > weight:
        yield at_indicator(ind, ind.score, f"得分 {fmt_number(score)} 不在 0 与分值 {fmt_number(weight)} 之间。",
                           "得分不能超过该指标的分值，也不能为负数。")
        return
    found = quantity(ind)
    if found is not None:
        yield from _quantitative(ind, weight, score, found, options)
    elif is_qualitative(ind):
        yield from _qualitative(ind, weight, score, options["bands"])


def _quantitative(ind: Indicator, weight: Decimal, score: Decimal, q: Quantity, options: Options) -> Iterator[Problem]:
    actual = f"实际完成值“{ind.actual.shown if ind.actual else ''}”"
    target = f"年度指标值“{ind.value.shown if ind.value else ''}”"
    if q.met:
        if score != weight:
            yield at_indicator(ind, ind.score, f"{actual}已达到{target}，应得满分 {fmt_number(weight)}，得分写为 "
                               f"{fmt_number(score)}。", "目标已完成的指标请给满分；若完成质量有问题，请在偏差原因中说明。")
        return
    expected = weight * q.ratio
    if score == weight:
        yield at_indicator(ind, ind.score, f"{actual}未达到{target}，却得满分 {fmt_number(weight)}"
                           + (f"（按比例应约为 {fmt_number(expected)} 分）。" if options["proportional"] else "。"),
                           "未完成目标的指标不能得满分，请按完成比例扣分并说明偏差原因。")
    elif options["proportional"] and abs(score - expected) > Decimal(str(options["tolerance"])):
        how = "实际 ÷ 目标" if q.target.op in ("≥", ">") else ("目标 ÷ 实际" if q.target.op in ("≤", "<") else "完成比例")
        yield at_indicator(ind, ind.score, f"{actual}未达到{target}，按 {how} × 分值 应约为 {fmt_number(expected)} 分，"
                           f"得分写为 {fmt_number(score)}。", "请按完成比例重新计算得分。")


def _qualitative(ind: Indicator, weight: Decimal, score: Decimal, bands: dict[str, list[float]]) -> Iterator[Problem]:
    word = grade_word(ind.actual, list(bands))
    if word is None:
        return  # actual-comparable reports an actual value that names no grade
    low, high = (Decimal(str(x)) / HUNDRED * weight for x in bands[word])
    if not low <= score <= high:
        yield at_indicator(ind, ind.score, f"实际完成值为“{word}”，得分应在 {fmt_number(low)}–{fmt_number(high)} 分之间"
                           f"（分值 {fmt_number(weight)} 的 {bands[word][0]}%–{bands[word][1]}%），得分写为 "
                           f"{fmt_number(score)}。", "请按定性指标的档次给分，或改正实际完成情况的档次。")
