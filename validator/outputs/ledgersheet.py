"""The ledger as a table for the office: one row per submission, as a workbook or as CSV
(UTF-8 with a byte-order mark, so Excel and WPS open it with the Chinese intact)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from validator.outputs.sheetout import write_table

LEDGER_COLUMNS = (
    ("编号", 8), ("年度", 8), ("单位", 24), ("文件", 36), ("接收时间", 18), ("处理时间", 18), ("审核结论", 20),
    ("错误数", 8), ("提示数", 8), ("审核意见", 60), ("状态", 16),
)


def write_ledger_table(rows: Sequence[Sequence[Any]], target: Path) -> Path:
    """`target` ending in .csv gets CSV, anything else a workbook (sheet 台账)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".csv":
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([label for label, _ in LEDGER_COLUMNS])
            writer.writerows(["" if value is None else value for value in row] for row in rows)
        return target
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    write_table(sheet, LEDGER_COLUMNS, rows, wrap=(3, 9))
    workbook.save(target)
    return target
