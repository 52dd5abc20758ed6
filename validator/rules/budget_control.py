"""检查：预填了控制数的项目，填报金额是否与预算科下达的控制数一致；控制数中的项目是否都已填报。

为什么：控制数是预算科已经核定的金额，单位不得自行调整；漏报项目同样需要退回。

选项：
  tolerance：允许的误差（万元），默认 0。

通过示例：控制数 总计 120.00，填报 总计 120.00。

不通过示例：控制数 总计 120.00，填报 总计 150.00；控制数中的项目在项目信息表中被删除。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.reader.sheets import CONTROL_SHEET, PROJECT_SHEET
from validator.records import ControlAmounts, FundsRow, Submission
from validator.rules.base import Options, Problem
from validator.text import key
from validator.values.amounts import fmt, parse_amount
from validator.values.indicators import clip

ID = "budget-control"
LEVEL = "error"
OPTIONS = {"tolerance": {"type": "number", "min": 0, "default": 0}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if not submission.control:
        return
    tolerance = Decimal(str(options["tolerance"]))
    seen = set()
    for row in submission.projects:
        control = submission.control.get(key(row.name.text))
        if control is None:
            continue
        seen.add(key(row.name.text))
        yield from _compare(row, control, tolerance)
    for k, control in submission.control.items():
        if k not in seen:
            yield Problem(f"控制数中的项目“{clip(control.project)}”未在项目信息表中填报。",
                          "请按预算科下达的项目清单填报，不要删除或改名预填的项目。",
                          sheet=submission.sheets_found.get(PROJECT_SHEET, CONTROL_SHEET), project=control.project)


def _compare(row: FundsRow, control: ControlAmounts, tolerance: Decimal) -> Iterator[Problem]:
    pairs = {"总计": control.total, "财政拨款": control.fiscal, "财政专户拨款": control.special, "其他资金": control.other}
    for label, expected in pairs.items():
        if expected is None:
            continue
        cell = row.amounts[label]
        stated = parse_amount(cell)
        actual = stated.zero_if_empty if not stated.problem and not stated.formula else None
        if actual is not None and abs(actual - expected) > tolerance:
            yield Problem(f"{label} {fmt(actual)} 与预算科下达的控制数 {fmt(expected)} 不一致。",
                          f"请按控制数填写 {fmt(expected)}；如确需调整，请先与预算科沟通。",
                          cell=cell, project=row.name.shown or None)
