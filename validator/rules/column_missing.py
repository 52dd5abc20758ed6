"""检查：项目信息表和绩效指标表中必需的列是否都在（按表头文字及其同义词识别）；申报表（一个项目
一张表）中必需的栏目（项目名称、年度资金总额、年度目标）是否都在。

为什么：缺列的数据无法审核，例如没有“指标值”列就无法判断指标是否可衡量。

选项：无。

通过示例：绩效指标表表头为 项目名称 | 一级指标 | 二级指标 | 三级指标 | 指标方向 | 指标值 | 计量单位。

不通过示例：绩效指标表删除了“二级指标”列；申报表中没有“年度目标”栏目。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.records import Submission
from validator.rules.base import Options, Problem

ID = "column-missing"
LEVEL = "error"
OPTIONS: dict = {}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    for missing in submission.columns_missing:
        if missing.what != "列":  # a label of a form (申报表): a row with the label and its value
            yield Problem(f"“{missing.sheet}”表缺少“{missing.column}”{missing.what}。",
                          f"请按申报表格式补上“{missing.column}”一栏并填写内容。",
                          sheet=missing.sheet, value=missing.header_cell)
            continue
        yield Problem(
            f"“{missing.sheet}”表缺少“{missing.column}”列。",
            f"请在表头行补回“{missing.column}”列（可从标准模板复制），并填写各行内容。",
            sheet=missing.sheet, value=missing.header_cell,
        )
