"""Writes tests/data/formats/styled.xlsx: a failing table whose 指标值 cells carry number formats
(a percentage, a date), as a unit's spreadsheet program stores them. make_formats.sh then
saves it as .xls and .ods with LibreOffice. Run from the repository root:
`python tests/data/formats/make_styled.py`."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from helpers import good_sub, write_sub  # noqa: E402

OUT = "普法经费"


def main() -> None:
    sub = good_sub()
    sub.indicators = [
        (OUT, "产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", ""),
        (OUT, "产出指标", "时效指标", "讲座完成时间", "≤", None, None, ""),
        (OUT, "效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "≥", None, None, ""),
        (OUT, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", None, None, ""),
    ]
    path = write_sub(ROOT / "data" / "formats" / "styled.xlsx", sub)
    book = load_workbook(path)
    ws = book["绩效指标"]
    ws["F5"], ws["F5"].number_format = datetime(2027, 12, 31), "yyyy-mm-dd"  # a date, not a target
    ws["F6"], ws["F6"].number_format = 1.2, "0%"  # shows 120%: a rate above 100%
    ws["F7"], ws["F7"].number_format = 0.95, "0%"  # shows 95%: fine as a percentage
    book.save(path)


if __name__ == "__main__":
    main()
