"""检查：部门行、合计行是否等于其下各项目（或各部门）之和，四个金额列逐列核对。

为什么：汇总行与明细不符，说明漏列、重列了项目或改动金额后未更新汇总。只在表中存在这些行时检查，
汇总值始终由明细重新计算，不信任表格中缓存的公式结果。

选项：
  tolerance：允许的误差（万元），默认 0。

通过示例：合计 9,486.23 = 部门行 9,486.23 = 各项目之和。

不通过示例：合计 9,486.23，而各项目之和为 9,386.23。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import FundsRow, RowKind, Submission
from validator.rules.base import Options, Problem
from validator.values.amounts import fmt, parse_amount, sum_amounts

ID = "funds-sum"
LEVEL = "error"
OPTIONS = {"tolerance": {"type": "number", "min": 0, "default": 0}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    tolerance = Decimal(str(options["tolerance"]))
    rows = submission.rows
    departments = [r for r in rows if r.kind is RowKind.DEPARTMENT]
    for dept in departments:
        members = [r for r in rows if r.kind is RowKind.PROJECT and r.department == dept.name.text]
        yield from _compare(dept, members, "其下各项目", tolerance)
    for total in (r for r in rows if r.kind is RowKind.TOTAL):
        members = departments or [r for r in rows if r.kind is RowKind.PROJECT]
        yield from _compare(total, members, "各部门" if departments else "各项目", tolerance)


def _compare(summary: FundsRow, members: list[FundsRow], what: str, tolerance: Decimal) -> Iterator[Problem]:
    for label, cell in summary.amounts.items():
        stated = parse_amount(cell)
        if stated.value is None or stated.problem or not members:
            continue
        expected = sum_amounts(m.amounts.get(label) for m in members)
        if expected is not None and abs(stated.value - expected) > tolerance:
            yield Problem(
                f"“{summary.name.shown}”行的{label} {fmt(stated.value)} 不等于{what}之和 {fmt(expected)}"
                f"（相差 {fmt(stated.value - expected)}）。",
                f"请核对是否漏填或重复填列了项目；若明细无误，{label}应为 {fmt(expected)}。",
                cell=cell, project=summary.name.shown or None,
            )
