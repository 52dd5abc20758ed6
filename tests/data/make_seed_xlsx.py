"""Regenerate tests/data/seed_2023.xlsx from seed_2023.txt: the same published table as a
workbook, one text line per row and one tab-separated cell per column, so `第N行第M列` in the
text is the cell at row N, column M of the sheet. Amounts become numbers formatted #,##0.00
(as a budget office's workbook holds them); everything else stays text.

    python tests/data/make_seed_xlsx.py
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).parent
SOURCE = HERE / "seed_2023.txt"
TARGET = HERE / "seed_2023.xlsx"
SHEET = "项目支出绩效目标表"
AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.\d+)?$")
AMOUNT_COLUMNS = range(2, 6)


def build(source: Path = SOURCE) -> Workbook:
    book = Workbook()
    ws = book.active
    ws.title = SHEET
    lines = source.read_text(encoding="utf-8").split("\n")
    for r, line in enumerate(lines, start=1):
        for c, text in enumerate(line.split("\t"), start=1):
            if not text:
                continue
            cell = ws.cell(r, c)
            if c in AMOUNT_COLUMNS and AMOUNT.match(text):
                cell.value = float(Decimal(text.replace(",", "")))
                cell.number_format = "#,##0.00"
            else:
                cell.value = text
                cell.data_type = "s"  # literal text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return book


if __name__ == "__main__":
    build().save(TARGET)
    print(f"wrote {TARGET}")
