"""What python-calamine does not give for an Excel 97-2003 workbook (.xls, BIFF8), read with
xlrd (`formatting_info=True`, used for .xls only and only for these extras): each cell's
number format (from its XF record, so a percentage or a date reads as it does in an .xlsx),
hidden rows, and merged areas when calamine gives none. xlrd reads a formula's saved result
but not which cells are formulas: whether the workbook holds any formula at all is found by
walking its records (as `xlrd.count_records` does), and a workbook that does is marked as not
telling formulas (`Grid.unknown`), for the `format-unchecked` hint.

Runs after calamine has read the values, so the file size, rows, cells and merged-cell limits
have already been checked; xlrd then parses the same bounded file once more."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from struct import unpack_from
from typing import Any

from validator.reader.grid import Area, Grid
from validator.reader.unread import FORMULAS, NUMBER_FORMATS
from validator.records import Cell
from validator.values.formats import significant_format

DATE_FORMAT = "yyyy-mm-dd"  # for the built-in East Asian date formats xlrd knows by kind only


@dataclass
class XlsSheet:
    """One sheet's extras, zero-based."""

    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[Area] = field(default_factory=list)


def add_binary_extras(path: Path, fmt: str, grids: list[Grid]) -> list[Grid]:
    """`add_xls_extras` for an .xls; an .xlsb's grids are marked as not telling formulas and
    number formats (pyxlsb and calamine read its values only; its merged areas and hidden
    rows are already None)."""
    if fmt == "xls":
        return add_xls_extras(path, grids)
    for grid in grids:
        grid.unknown = grid.unknown | {FORMULAS, NUMBER_FORMATS}
    return grids


def add_xls_extras(path: Path, grids: list[Grid]) -> list[Grid]:
    """The grids with the number formats, hidden rows and merged areas of the .xls at `path`.
    When xlrd cannot read what calamine could, the grids say that number formats and
    formulas are unknown instead (never a silently different reading)."""
    try:
        sheets, formulas = _read(path)
    except Exception:  # xlrd's own errors on a file calamine managed to read
        for grid in grids:
            grid.unknown = grid.unknown | {NUMBER_FORMATS, FORMULAS}
            grid.hidden_rows = None
        return grids
    for grid in grids:
        found = sheets.get(grid.name)
        if found is None:
            continue
        _apply(grid, found)
        if formulas:
            grid.unknown = grid.unknown | {FORMULAS}
    return grids


def _read(path: Path) -> tuple[dict[str, XlsSheet], bool]:
    import xlrd  # only .xls files need it

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        sheets = {}
        for index in range(book.nsheets):
            sheet = _load_sheet(book, index)
            sheets[sheet.name] = _sheet(book, sheet)
        return sheets, _holds_formulas(book)
    finally:
        book.release_resources()


def _load_sheet(book: Any, index: int) -> Any:
    """`book.sheet_by_index(index)` (xlrd's `Book.get_sheet`, whose steps these are) without
    the empty styled cells: with `formatting_info` xlrd stores every BLANK of a re-saved sheet,
    thousands of them, and `_sheet` skips them all. Values, XF indexes, rows and merged areas
    are read as before (a test compares the two on the format fixtures)."""
    from xlrd.biffh import XL_WORKSHEET

    book._position = book._sh_abs_posn[index]
    book.getbof(XL_WORKSHEET)
    sheet = _value_sheet_class()(book, book._position, book._sheet_names[index], index)
    sheet.read(book)
    return sheet


@cache
def _value_sheet_class() -> type:
    import xlrd
    from xlrd.sheet import Sheet

    class ValueSheet(Sheet):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            put: Any = getattr(self, "put_cell")  # noqa: B009  # bound by xlrd in __init__
            blank = xlrd.XL_CELL_BLANK

            def put_value(rowx: int, colx: int, ctype: int, value: Any, xf_index: int) -> None:
                if ctype != blank:
                    put(rowx, colx, ctype, value, xf_index)

            self.put_cell = put_value

    return ValueSheet


def _sheet(book: Any, sheet: Any) -> XlsSheet:
    import xlrd

    codes = _codes(book)
    found = XlsSheet()
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        for c, kind in enumerate(types):
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            code = codes.get(sheet.cell_xf_index(r, c), "General")
            if code != "General":
                found.formats[(r, c)] = code
    found.hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
    found.merged = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
    return found


def _codes(book: Any) -> dict[int, str]:
    """XF index -> number format code as the rules see it (a percentage or date format, else
    "General", as `values.formats.significant_format` gives for every reader)."""
    cached: dict[int, str] | None = getattr(book, "_validator_codes", None)
    if cached is not None:
        return cached
    import xlrd

    codes = {}
    for index, xf in enumerate(book.xf_list):
        fmt = book.format_map.get(xf.format_key)
        text = getattr(fmt, "format_str", None) or ""
        if not text and getattr(fmt, "type", None) == xlrd.formatting.FDT:
            text = DATE_FORMAT
        codes[index] = significant_format(text) if text else "General"  # as every reader keeps them
    book._validator_codes = codes
    return codes


_FORMULA_RECORDS = frozenset({0x0006, 0x0206, 0x0406})  # FORMULA, and as BIFF3 and BIFF4 wrote it


def _holds_formulas(book: Any) -> bool:
    """Whether the workbook stream holds a formula record (any sheet): its records walked as
    `xlrd.count_records` walks them (from the stream xlrd already loaded), up to the first."""
    mem, pos = book.mem, book.base
    end = pos + book.stream_len
    while end - pos >= 4:
        kind, length = unpack_from("<HH", mem, pos)
        if kind in _FORMULA_RECORDS:
            return True
        if kind == 0 and length == 0:  # zero padding: skip to the next record holding something
            rest = mem[pos:end].lstrip(b"\0")
            if not rest:
                break
            pos += 4 * ((end - pos - len(rest)) // 4)
            continue
        pos += length + 4
    return False


def _apply(grid: Grid, found: XlsSheet) -> None:
    grid.hidden_rows = frozenset(found.hidden_rows)
    if grid.merged is None:
        grid.merged = tuple(found.merged)
    renamed: dict[int, Cell] = {}
    for (r, c), code in found.formats.items():
        cell = grid.cell(r, c)
        if cell is None or cell.number_format != "General" or (r, c) != _anchor_at(cell):
            continue
        renamed[id(cell)] = replace(cell, number_format=code)
    if not renamed:
        return
    for row in grid.rows:  # a merged area shares one Cell: every place of it gets the new one
        for c, cell in enumerate(row):
            if cell is not None and id(cell) in renamed:
                row[c] = renamed[id(cell)]


def _anchor_at(cell: Cell) -> tuple[int, int]:
    """The zero-based place a cell was read at (its coordinate)."""
    from validator.reader.xlsx_parts import parse_ref

    return parse_ref(cell.coord) or (-1, -1)
