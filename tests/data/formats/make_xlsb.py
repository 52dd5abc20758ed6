"""Writes the .xlsb fixtures. No spreadsheet program here writes the Excel binary format
(LibreOffice reads .xlsb but cannot save it), so our own tables' cell values are written by the
pyxlsbwriter library, sheet by sheet and with the hidden sheets hidden. It writes values only:
no number formats, no merged areas, no hidden rows, which is exactly what python-calamine
cannot read from an .xlsb anyway. Run from the repository root, in a virtual environment of
its own (pyxlsbwriter is not a project dependency):

    python -m venv /tmp/xlsbw && /tmp/xlsbw/bin/pip install pyxlsbwriter==0.1.0 openpyxl
    /tmp/xlsbw/bin/python tests/data/formats/make_xlsb.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pyxlsbwriter import XlsbWriter

ROOT = Path(__file__).resolve().parents[2]
CASES = {
    "clean": ROOT / "acceptance" / "pass" / "clean.xlsx",
    "funds": ROOT / "acceptance" / "fail" / "funds.xlsx",
    "styled": ROOT / "data" / "formats" / "styled.xlsx",
}


def main() -> None:
    for stem, source in CASES.items():
        book = load_workbook(source)
        with XlsbWriter(str(ROOT / "data" / "formats" / f"{stem}.xlsb")) as writer:
            for ws in book.worksheets:
                writer.add_sheet(ws.title, hidden=ws.sheet_state != "visible")
                writer.write_sheet([list(row) for row in ws.iter_rows(values_only=True)] or [[None]])


if __name__ == "__main__":
    main()
