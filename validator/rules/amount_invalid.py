"""检查：金额单元格是否是合法金额：数字（可带千位分隔符、全角数字），不为负数，小数位不超过规定位数。

为什么：文字、负数或多余小数位的金额无法汇总，也说明填报时可能录错了单位（元/万元）。

选项：
  decimals：允许的小数位数，默认 2（万元保留两位小数）。

通过示例：2,588.87；９４８６．２３；462；空（视为 0）。

不通过示例：“约五十万”；-12.00；12.345。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.values.amounts import parse_amount
from validator.values.indicators import clip

ID = "amount-invalid"
LEVEL = "error"
OPTIONS = {"decimals": {"type": "integer", "min": 0, "max": 6, "default": 2}}

_MESSAGES = {
    "text": ("金额“{v}”不是数字。", "请只填写阿拉伯数字（单位：万元），不要填写文字或单位。"),
    "negative": ("金额“{v}”为负数。", "金额不能为负数，请核对后填写。"),
    "decimals": ("金额“{v}”超过 {d} 位小数。", "请保留 {d} 位小数（单位：万元），并核对是否把“元”误填为“万元”。"),
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    decimals = options["decimals"]
    for row in submission.rows:
        for label, cell in row.amounts.items():
            amount = parse_amount(cell, decimals=decimals)
            if amount.problem and cell is not None:
                message, suggestion = _MESSAGES[amount.problem]
                yield Problem(f"{label}{message.format(v=clip(cell.display), d=decimals)}",
                              suggestion.format(d=decimals), cell=cell, project=row.name.shown or None)
