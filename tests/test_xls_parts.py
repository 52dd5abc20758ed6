"""The .xls extras read by `xls_parts` with the empty styled cells left out are what xlrd's own
`sheet_by_index` gives (number formats, hidden rows, merged areas) on every .xls fixture."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import xlrd
from helpers import xls_with_hidden_row_and_formula

from validator.reader.xls_parts import _holds_formulas, _load_sheet, _sheet

ROOT = Path(__file__).resolve().parent
FIXTURES = sorted((ROOT / "data" / "formats").glob("*.xls")) + sorted((ROOT / "data").glob("**/*.xls"))


@pytest.mark.parametrize("path", sorted(set(FIXTURES)), ids=lambda p: p.name)
def test_leaving_out_the_blank_cells_reads_the_same_extras(path: Path) -> None:
    if path.read_bytes()[:4] != b"\xd0\xcf\x11\xe0":
        pytest.skip("not an OLE file (a misnamed workbook)")
    ours = _extras(path, lambda book, index: _load_sheet(book, index))
    xlrds = _extras(path, lambda book, index: book.sheet_by_index(index))
    assert ours == xlrds
    if path.name == "styled.xls":  # merged areas at least: the comparison compares something
        assert any(merged for _, _, merged in ours.values())


def test_hidden_rows_and_number_formats_read_the_same_without_the_blank_cells(tmp_path: Path) -> None:
    path, formula = xls_with_hidden_row_and_formula(tmp_path)
    ours = _extras(path, lambda book, index: _load_sheet(book, index))
    assert ours == _extras(path, lambda book, index: book.sheet_by_index(index))
    formats, hidden, merged = ours["绩效指标"]
    assert hidden == {3} and merged and any(code.endswith("%") for code in formats.values())
    assert [_formula_count(p) > 0 for p in (path, formula)] == [False, True]
    assert [_formulas(p) for p in (path, formula)] == [False, True]


@pytest.mark.parametrize("path", sorted(p for p in set(FIXTURES) if p.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"),
                         ids=lambda p: p.name)
def test_formula_records_are_found_as_xlrd_counts_them(path: Path) -> None:
    assert _formulas(path) == (_formula_count(path) > 0)


def _formulas(path: Path) -> bool:
    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        return _holds_formulas(book)
    finally:
        book.release_resources()


def _formula_count(path: Path) -> int:
    """What the reader counted before: xlrd.count_records' FORMULA lines."""
    tally = io.StringIO()
    xlrd.count_records(str(path), outfile=tally)
    return sum(int(line.split()[0]) for line in tally.getvalue().splitlines() if line.split()[1].startswith("FORMULA"))


def _extras(path: Path, load: object) -> dict[str, tuple[dict[tuple[int, int], str], set[int], list[tuple[int, int, int, int]]]]:
    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        found = {}
        for index in range(book.nsheets):
            sheet = load(book, index)  # type: ignore[operator]
            extras = _sheet(book, sheet)
            found[sheet.name] = (extras.formats, extras.hidden_rows, extras.merged)
        return found
    finally:
        book.release_resources()
