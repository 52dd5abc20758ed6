"""检查：绩效自评表中得分低于分值、或实际完成值未达到年度指标值的指标，“偏差原因分析及改进措施”
是否填写（不少于选项规定的字数）。只检查自评表。

为什么：扣分和未完成目标都要说明原因和改进办法，这是自评的目的；空着的偏差原因会被退回。

选项：
  min_length：偏差原因至少的字数，默认 4。

通过示例：得分 14.21（分值 15），偏差原因“部分区县受疫情影响推迟，明年一季度补齐”。

不通过示例：得分 16（分值 20），偏差原因空白；实际 40 场未达到“≥48场”，偏差原因只写“无”。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.scores import evaluated, fmt_number, number, quantity

ID = "deviation-reason"
LEVEL = "error"
OPTIONS = {"min_length": {"type": "integer", "min": 0, "default": 4}}
_NONE = {"无", "没有", "/", "-", "—", "暂无"}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for _, indicators in evaluated(submission):
        for ind in indicators:
            weight, score = number(ind.weight), number(ind.score)
            found = quantity(ind)
            missed = found is not None and not found.met
            short = weight is not None and score is not None and score < weight
            if not (missed or short):
                continue
            text = ind.reason.text if ind.reason is not None else ""
            if text in _NONE or len(text) < options["min_length"]:
                why = (f"得分 {fmt_number(score)} 低于分值 {fmt_number(weight)}" if short and score is not None
                       and weight is not None else "实际完成值未达到年度指标值")
                yield at_indicator(ind, ind.reason, f"{why}，但未填写偏差原因分析及改进措施。",
                                   "请写明未完成或扣分的原因，以及下一步的改进措施。")
