"""检查：每行的总计是否等于 财政拨款 + 财政专户拨款 + 其他资金（精确的十进制运算）。

为什么：资金来源之和与总计不符，预算无法入库；这是最常见的填报错误之一。

选项：
  tolerance：允许的误差（万元），默认 0。

通过示例：总计 100.00 = 财政拨款 80.00 + 财政专户拨款 0 + 其他资金 20.00。

不通过示例：总计 100.00，财政拨款 80.00，其他资金 10.00（差 10.00）。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Submission
from validator.rules.base import Options, Problem
from validator.values.amounts import fmt, parse_amount, sum_amounts

ID = "funds-row-total"
LEVEL = "error"
OPTIONS = {"tolerance": {"type": "number", "min": 0, "default": 0}}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    tolerance = Decimal(str(options["tolerance"]))
    for row in submission.rows:
        total = parse_amount(row.total)
        expected = sum_amounts(row.parts)
        if total.value is None or total.problem or expected is None:
            continue  # empty, formula or invalid amounts are reported by other rules
        if abs(total.value - expected) > tolerance:
            yield Problem(
                f"总计 {fmt(total.value)} 不等于 {row.parts_label} = {fmt(expected)}"
                f"（相差 {fmt(total.value - expected)}）。",
                f"请核对各资金来源；若来源无误，总计应为 {fmt(expected)}。",
                cell=row.total, project=row.name.shown or None,
            )
