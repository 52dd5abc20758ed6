"""检查：工作簿中能否找到“项目信息”表和“绩效指标”表（按表头文字识别，不依赖工作表名称）。

为什么：缺少任何一张表，就无法审核项目资金或绩效指标；若两张都找不到，提交的很可能不是绩效目标表。

选项：无。

通过示例：含“项目信息”（表头有 项目名称、总计 …）和“绩效指标”（表头有 一级指标、指标值 …）两张表。

不通过示例：只有一张“Sheet1”，内容是其他报表。
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.reader.sheets import INDICATOR_SHEET, PROJECT_SHEET
from validator.records import Submission
from validator.rules.base import Options, Problem

ID = "sheet-missing"
LEVEL = "error"
OPTIONS: dict = {}

LAYOUTS_KNOWN = (
    "标准模板（项目信息表：项目名称、总计、财政拨款…；绩效指标表：项目名称、一级指标、三级指标、指标值…）；"
    "公开格式（一个项目一行：项目名称、总计、绩效目标、绩效指标）；"
    "预算系统导出（一个指标一行：项目名称、预算数、年度目标、一级指标、三级指标、指标值…）；"
    "申报表（一个项目一张表：项目名称、年度资金总额、年度目标等栏目，下方为 一级指标 | 二级指标 | 三级指标 | 指标值）"
)
_HINTS = {
    PROJECT_SHEET: "表头应包含：项目名称、总计、财政拨款、财政专户拨款、其他资金、绩效目标",
    INDICATOR_SHEET: "表头应包含：项目名称、一级指标、二级指标、三级指标、指标值",
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    missing = submission.sheets_missing
    if len(missing) >= 2 and submission.meta is None:
        yield Problem(
            "未识别到绩效目标表：工作簿中既没有项目信息表也没有绩效指标表，也不是其他可识别的版式。"
            f"可识别的版式：{LAYOUTS_KNOWN}。",
            "请使用预算科下发的标准模板（validator template 生成）填报，不要另建表格。",
        )
        return
    for name in missing:
        yield Problem(f"未找到“{name}”工作表（{_HINTS[name]}）。",
                      f"请从标准模板中复制“{name}”工作表，保留表头后填写。", sheet=name)
