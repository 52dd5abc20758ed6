"""The fast reader (python-calamine plus the scanned parts) and the openpyxl reader give the
same findings, in the same order, on the whole acceptance corpus and the seed; and the same
grids (values, formulas, number formats, merged areas) on workbooks with formulas, shared
formulas, percent and date formats, errors and merged cells."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS

from validator.config.loader import load_config
from validator.engine import check_submission
from validator.reader import read_submission
from validator.reader.workbook import load_grids
from validator.reader.xlsx_parts import BUILTIN_FORMATS as OUR_BUILTIN_FORMATS

ROOT = Path(__file__).resolve().parent
CORPUS = [*sorted((ROOT / "acceptance").glob("*/*.xlsx")), ROOT / "data" / "seed_2023.xlsx"]
CONFIG = load_config()


def findings(path: Path, engine: str) -> list[tuple[object, ...]]:
    try:
        sub = read_submission(path, engine=engine)
    except Exception as exc:  # an unreadable file must be unreadable for both, with one message
        return [("unreadable", getattr(exc, "message", repr(exc)))]
    return [(f.rule, f.severity, f.sheet, f.cell, f.message, f.suggestion, f.value)
            for f in check_submission(sub, CONFIG)]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_both_readers_give_identical_findings(path: Path) -> None:
    assert findings(path, "calamine") == findings(path, "openpyxl")


def test_the_corpus_is_not_empty() -> None:
    assert len(CORPUS) >= 10 and sum(len(findings(p, "calamine")) for p in CORPUS) > 50


def _grid_cells(path: Path, engine: str) -> dict[tuple[str, int, int], tuple[object, ...]]:
    """Every position of every grid -> what the cell there holds (a merged area's anchor)."""
    return {(g.name, r, col): (c.coord, c.raw, type(c.raw).__name__, c.formula, c.number_format)
            for g in load_grids(path, engine=engine) for r, row in enumerate(g.rows)
            for col, c in enumerate(row) if c is not None}


def test_formulas_formats_errors_and_merges_read_the_same(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "项目信息"
    ws["A1"], ws["B1"], ws["C1"] = "项目名称", 600, 0.95
    ws["C1"].number_format = "0.00%"
    ws["D1"] = datetime(2023, 12, 31)
    ws["E1"] = date(2024, 1, 2)
    ws["A2"] = "=SUM(B1:B1)"
    ws["B2"] = "=B1*2"
    ws["A3"] = '=HYPERLINK("http://example.com","x")'
    ws["B4"] = 12.5
    ws["B4"].number_format = '#,##0.00"万元"'
    ws.merge_cells("A6:C7")
    ws["A6"] = "合并的说明"
    ws.merge_cells("E9:F9")  # an empty merged area inside the data
    ws["G10"] = "末尾"
    book.create_sheet("隐藏").sheet_state = "hidden"
    path = tmp_path / "f.xlsx"
    book.save(path)
    fast, slow = _grid_cells(path, "calamine"), _grid_cells(path, "openpyxl")
    assert fast == slow
    assert fast[("项目信息", 1, 1)][3] == "=B1*2" and fast[("项目信息", 0, 2)][4] == "0.00%"
    assert fast[("项目信息", 6, 2)][:2] == ("A6", "合并的说明")  # the merged area reads as its anchor
    assert fast[("项目信息", 8, 5)][:2] == ("E9", None)
    fast_grids, slow_grids = load_grids(path), load_grids(path, engine="openpyxl")
    assert [(g.name, g.hidden, g.merged) for g in fast_grids] == [(g.name, g.hidden, g.merged) for g in slow_grids]


def test_shared_formulas_are_translated_as_openpyxl_does(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    for row in range(1, 6):
        ws.cell(row, 1, row)
        ws.cell(row, 2, f"=A{row}*2")
    path = tmp_path / "plain.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<f>A1*2</f>", '<f t="shared" ref="B1:B5" si="0">A1*2</f>')
    sheet = re.sub(r"<f>A[2-5]\*2</f>", '<f t="shared" si="0"/>', sheet)  # as Excel writes a filled-down formula
    assert sheet.count('si="0"') == 5
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    shared = tmp_path / "shared.xlsx"
    with zipfile.ZipFile(shared, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    fast = _grid_cells(shared, "calamine")
    assert fast == _grid_cells(shared, "openpyxl")
    assert fast[("Sheet", 4, 1)][3] == "=A5*2"


def test_a_cached_error_value_reads_as_its_text(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "#N/A"
    book.active["A1"].data_type = "e"
    path = tmp_path / "e.xlsx"
    book.save(path)
    assert _grid_cells(path, "calamine") == _grid_cells(path, "openpyxl")
    assert load_workbook(path).active["A1"].value == "#N/A"


def test_our_builtin_number_formats_are_excels() -> None:
    assert dict(BUILTIN_FORMATS) == OUR_BUILTIN_FORMATS
