"""检查：年度指标值中是否有读不进目标的字符：数值前的单个字（“工5%”，多是“≥”被识别错了）、
“0”前的负号（“-0%”）、数值后的符号（“95%*”）。这些字符既不是比较符号，也不是单位或说明，
按目标读出时只能略去。

为什么：一个值不能被悄悄“改写”成另一个目标：“工5%”略去“工”读作“=5%”，而填报人多半想写
“≥5%”。读不懂的字符要由填报单位改正，审核才知道目标到底是什么。限定词（全年、人均、累计 …）
和比较符号不在此列；多个目标前的文字（“处级≥110学分，科级≥90学分”）是各目标的名称，也不提示。

选项：无。

通过示例：≥5%；全年≥95%；处级≥110学分，科级≥90学分；-5%（下降5%）。

不通过示例：工5%（建议改为“≥5%”）；-0%；95%*。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued
from validator.values.threshold import Threshold

ID = "threshold-unread"
LEVEL = "warning"
OPTIONS: dict = {}

# Characters that OCR and hurried typing make out of "≥" and "≤".
_LOOKS_LIKE = {"工": "≥", "三": "≥", "2": "≥", "Z": "≥", "z": "≥", "主": "≥", "兰": "≤", "S": "≤"}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if result.kind != "quantitative" or not result.unread:
        return
    pieces = "、".join(f"“{piece}”" for piece in result.unread)
    yield at_indicator(
        ind, cell, f"指标值“{clip(cell.display)}”中的{pieces}无法识别，按“{result.normalized}”读出时被略去。",
        _suggestion(result), value=cell.display)


def _suggestion(result: Threshold) -> str:
    first = result.unread[0]
    part = result.parts[0]
    if first in _LOOKS_LIKE:
        op = _LOOKS_LIKE[first]
        return f"如“{first}”是“{op}”，请改为“{op}{str(part)[len(part.op):]}”；否则请删去，只写比较符号、数值和单位。"
    if first == "-":
        return "“0”前的负号没有意义：目标为零请写“=0”或“≤0”（加单位），表示下降请写明下降幅度。"
    return "请删去或改正这些字符，只写比较符号、数值和单位，如“≥95%”。"
