"""检查：年度指标值是否其实是一个日期：单元格存的是日期，或是显示成数字的 Excel 日期序列号
（44561 即 2021-12-31），或是把日期当数字填写（20231231）。序列号只在单元格为日期格式、
或指标名称像时间（完成时间、截止日期 …）时才这样认定；带单位的数值（44561人次）不算。

为什么：日期被存成数字或日期值后，表格里看到的和审核、汇总读到的不一样，也说不清是
“在此之前完成”还是“在此之后”。时间节点应写成文字。

选项：无。

通过示例：2023年12月31日前完成；≤30天；44561人次。

不通过示例：44561（名称为“项目完成时间”）；20231231；日期格式的单元格 2023-12-31。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Cell, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.values.indicators import clip, each_valued
from validator.values.threshold import Threshold

ID = "date-serial"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    yield from each_valued(submission, _problems)


def _problems(ind: Indicator, cell: Cell, result: Threshold) -> Iterator[Problem]:
    if not result.is_date_serial:
        return
    reason = result.reason or "是日期，不是目标值"
    message = f"指标值{reason}。" if reason.startswith("单元格") else f"指标值“{clip(cell.display)}”{reason}。"
    yield at_indicator(ind, cell, message,
                       f"时间节点请写成文字，如“{result.suggestion}”；如是数值，请把单元格设为文本格式后重新填写。",
                       value=cell.display)
