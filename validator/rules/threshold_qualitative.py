"""检查：年度指标值是否为定性表述（完成、优良、及时、有效提升、显著改善、办公区域全覆盖），
没有可以衡量的数值。

为什么：绩效目标要求指标尽量量化；确实只能定性的，应写明评判标准，并按“达成 / 部分达成 / 未达成”
分档，否则年底无法打分。写明时间节点的（“2023年12月底前完成”）可以衡量，不在此提示。

选项：
  accepted：已按分档写法填写、不再提示的指标值，默认 [达成, 部分达成, 未达成]。

通过示例：≥95%；不少于4个；2023年12月底前完成；达成。

不通过示例：完成；有效提升；办公区域全覆盖。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.indicators import clip, valued

ID = "threshold-qualitative"
LEVEL = "warning"
OPTIONS = {"accepted": {"type": "list", "schema": {"type": "string"}, "default": ["达成", "部分达成", "未达成"]}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    accepted = {key(text) for text in options["accepted"]}
    for ind, cell, result in valued(submission):
        if result.kind != "qualitative" or result.deadline or key(result.text) in accepted:
            continue
        yield at_indicator(
            ind, cell, f"指标值“{clip(cell.display)}”是定性表述，没有可以衡量的数值。",
            "能量化的请改为数值（如“覆盖率=100%”“≥95%”）；只能定性的，请在指标解释中写明评判标准，"
            "并按“达成 / 部分达成 / 未达成”分档。", value=cell.display)
