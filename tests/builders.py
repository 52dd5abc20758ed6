"""Hand-built reports for the output tests: one submission per outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from validator.model import UNREADABLE_RULE, FileReport, Finding, Severity

SHEET = "项目绩效目标"
FORMULA_PROJECT = '=HYPERLINK("http://x","y")'
FORMULA_UNIT = "=1+1"


def error(cell: str | None, message: str, **kw: Any) -> Finding:
    return Finding(rule=kw.pop("rule", "amount-sum"), severity=Severity.ERROR, message=message,
                   sheet=kw.pop("sheet", SHEET), cell=cell, **kw)


def warning(cell: str | None, message: str, **kw: Any) -> Finding:
    return Finding(rule=kw.pop("rule", "value-qualitative"), severity=Severity.WARNING, message=message,
                   sheet=kw.pop("sheet", SHEET), cell=cell, **kw)


def failed_file(path: str = "inbox/司法局2026.xlsx") -> FileReport:
    findings = (
        warning("D3", "指标值为定性表述“有效提升”", suggestion="改为可衡量的数值，或写明达成标准",
                project="法律援助", indicator="群众满意度"),
        error("E3", "总计 100.00 不等于各项资金之和 90.00", suggestion="核对总计与财政拨款、其他资金",
              project="法律援助", value="100"),
        error("E3", "总计与控制数不一致", rule="control-amount", suggestion="按控制数填报", project="法律援助"),
        error("B4", "项目名称重复", rule="project-duplicate", project=FORMULA_PROJECT),
        warning(None, "缺少成本指标", rule="category-missing", sheet=None, project="法律援助"),
    )
    return FileReport(path=path, findings=findings, unit="某市司法局", year=2026,
                      received=datetime(2026, 11, 20, 9, 30), projects=("法律援助", FORMULA_PROJECT),
                      indicators=12, layout="template")


def warnings_file() -> FileReport:
    return FileReport(path="inbox/教育局.xlsx", unit=FORMULA_UNIT, year=2026,
                      findings=(warning("D5", "满意度目标为 100%", project="校舍维修"),),
                      received=datetime(2026, 11, 21, 14, 0), projects=("校舍维修",), indicators=6)


def passed_file() -> FileReport:
    return FileReport(path="inbox/文旅局2026.xlsx", unit="某市文旅局", year=2026,
                      received=datetime(2026, 11, 22, 8, 0), projects=("图书馆运行",), indicators=8)


def unreadable_file() -> FileReport:
    finding = Finding(rule=UNREADABLE_RULE, severity=Severity.ERROR,
                      message="文件是旧版 .xls 格式，无法读取", suggestion="请另存为 .xlsx 后重新报送")
    return FileReport(path="inbox/卫健委.xls", findings=(finding,), received=datetime(2026, 11, 23, 10, 0))


TEMPLATE_ROWS: list[list[Any]] = [
    ["项目名称", "一级指标", "三级指标", "指标值", "总计"],
    ["法律援助", "产出指标", "案件数", "≥100件", 90],
    ["法律援助", "满意度指标", "群众满意度", "有效提升", 100],
    ["法律援助", "效益指标", "覆盖率", "95%", 10],
    ["社区矫正", "效益指标", "再犯率", "≤1%", 20],
]
