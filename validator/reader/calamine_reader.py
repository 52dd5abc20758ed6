"""The fast reader: python-calamine reads every cell's value of an .xlsx/.xlsm/.xlsb/.xls/.ods
(opened by content, so a misnamed file is read as what it is); what calamine does not give
(formula cells, number formats, merged ranges, hidden rows, error values) comes from the
format's own parts (`xlsx_parts`, `ods_parts`), scanned first so the limits hold before any
value is loaded.

What each format cannot carry here: .xls and .xlsb give no formula flags and no number formats
(formula cells read as their displayed value; a number shown as a percentage reads as the
number), .xlsb gives no merged ranges; see `FORMAT_GAPS`."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.grid import MAX_CELLS, MAX_COLS, MAX_ROWS, Grid, column_letter, coordinate, spread_merged
from validator.reader.sniff import SAVE_AS, Sniffed
from validator.reader.xlsx_parts import SheetExtras, number_formats, scan_sheet, sheet_parts
from validator.records import Cell, CellDraft
from validator.text import normalize

# What the rules cannot learn from each format (kept in one place for the report and the docs).
FORMAT_GAPS = {
    "xls": ("公式", "数字格式（百分比）"),
    "xlsb": ("公式", "数字格式（百分比）", "合并单元格"),
}
_INT_LIMIT = 2**53
_LETTERS = [column_letter(c + 1) for c in range(MAX_COLS)]


def scan_extras(path: Path, sniffed: Sniffed, limits: Limits) -> dict[str, SheetExtras] | None:
    """Sheet name -> extras, streaming each sheet under the limits; None for formats whose
    extras cannot be read here (.xls, .xlsb)."""
    if sniffed.format in ("xlsx", "xlsm"):
        try:
            with zipfile.ZipFile(path) as archive:
                formats = number_formats(archive)
                return {part.name: scan_sheet(archive, part, formats, limits) for part in sheet_parts(archive)}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS, detail=repr(exc)) from exc
        except UnreadableFile:
            raise
        except Exception as exc:  # defusedxml/ElementTree errors on broken small parts
            raise UnreadableFile("文件内容无法解析，可能已损坏。", SAVE_AS, detail=repr(exc)) from exc
    if sniffed.format == "ods":
        from validator.reader.ods_parts import scan_ods

        with zipfile.ZipFile(path) as archive:
            return scan_ods(archive, limits)
    return None


def calamine_grids(path: Path, sniffed: Sniffed, limits: Limits) -> list[Grid]:
    extras = scan_extras(path, sniffed, limits)
    try:
        return _read(path, sniffed, extras, limits)
    except UnreadableFile:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and its Rust panics (a date serial out of range)
        if sniffed.format in ("xlsx", "xlsm"):  # already scanned under the limits: openpyxl can read it
            from validator.reader.openpyxl_grids import openpyxl_grids

            return openpyxl_grids(path)
        raise _calamine_error(exc) from exc


def _read(path: Path, sniffed: Sniffed, extras: dict[str, SheetExtras] | None, limits: Limits) -> list[Grid]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    with path.open("rb") as fh, CalamineWorkbook.from_filelike(fh) as book:
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            if extras is not None and meta.name not in extras:
                continue  # not a worksheet part (a dialog or macro sheet)
            sheet = book.get_sheet_by_name(meta.name)
            found = extras.get(meta.name) if extras is not None else None
            hidden = meta.visible != SheetVisibleEnum.Visible
            grids.append(_grid(meta.name, sheet, found, hidden, sniffed.format, limits))
        return grids


def _calamine_error(exc: BaseException) -> UnreadableFile:
    if type(exc).__name__ == "PasswordError" or "password" in str(exc).lower():
        return UnreadableFile(
            "文件设置了打开密码（已加密），无法读取。",
            "请在 Excel 或 WPS 中取消密码保护（文件 → 信息/文档加密 → 清除密码）后另存为 .xlsx 再提交。",
        )
    return UnreadableFile("文件已损坏或结构不完整，无法打开。", SAVE_AS, detail=repr(exc))


def _grid(name: str, sheet: Any, extras: SheetExtras | None, hidden: bool, fmt: str, limits: Limits) -> Grid:
    values = _values(name, sheet, limits, extras)
    formulas = extras.formulas if extras else {}
    formats = extras.formats if extras else {}
    errors = extras.errors if extras else {}
    if extras is None and sum(len(row) - row.count("") for row in values) > limits.cells_per_sheet:
        raise UnreadableFile(f"工作表“{name}”的内容过多（超过 {limits.cells_per_sheet:,} 个单元格），超出可审核的范围。",
                             "请删除表格以外的多余内容和大量空行，另存为 .xlsx 后重新提交。")
    rows, height, width = _value_cells(name, values, formats)
    special = [at for at in (*errors, *formulas) if at[0] < MAX_ROWS and at[1] < MAX_COLS]
    height = max(height, *(r + 1 for r, _ in special)) if special else height
    width = max(width, *(c + 1 for _, c in special)) if special else width
    if height * width > MAX_CELLS:
        raise _too_wide(name, height, width, extras)
    del rows[height:]
    for i, row in enumerate(rows):
        if len(row) != width:
            rows[i] = row[:width] if len(row) > width else row + [None] * (width - len(row))
    rows.extend([None] * width for _ in range(height - len(rows)))
    for r, c in special:  # formulas last: a formula cell reads as its formula, never its cached value
        fmt_code = formats.get((r, c), "General")
        if (r, c) in formulas:
            saved = rows[r][c]  # the value calamine gives for a formula cell is its saved result
            rows[r][c] = Cell.read(name, coordinate(r, c), None, fmt_code, formulas[(r, c)],
                                   cached=saved.raw if saved is not None else None)
        else:
            rows[r][c] = Cell.read(name, coordinate(r, c), errors[(r, c)], fmt_code)
    merged = _merged(sheet, extras, fmt)
    if extras is None and merged and sum((b - a + 1) * (d - c + 1) for a, c, b, d in merged) > limits.merged_cells:
        raise UnreadableFile(f"工作表“{name}”合并的单元格过多（超过 {limits.merged_cells:,} 个），无法读取。",
                             "请取消整行、整列或大片区域的合并，另存为 .xlsx 后重新提交。")
    spread_merged(name, rows, merged)
    return Grid(name, rows, hidden=hidden, merged=tuple(merged) if merged is not None else None,
                hidden_rows=frozenset(extras.hidden_rows) if extras else None, source_format=fmt)


def _value_cells(name: str, values: Iterable[list[Any]], formats: dict[tuple[int, int], str],
                 ) -> tuple[list[list[Cell | None]], int, int]:
    """A Cell for every value (rows as long as calamine gives them), and the height and width
    of what holds one. The Cells are filled in place (`CellDraft`, no call per cell), and all
    cells of one text share one string: calamine gives a new string per cell, and a large
    sheet repeats a few thousand texts hundreds of thousands of times."""
    new, draft, cell_class, general = object.__new__, CellDraft, Cell, "General"
    texts: dict[str, tuple[str, str]] = {}  # each distinct text of the sheet: (the one raw string, normalised)
    rows: list[list[Cell | None]] = []
    height = width = 0
    for r, row in enumerate(values):
        out: list[Cell | None] = [None] * len(row)
        last = -1
        number = str(r + 1)
        letters = _LETTERS if len(row) <= MAX_COLS else [column_letter(c + 1) for c in range(len(row))]
        for c, value in enumerate(row):
            if value == "":
                continue
            last = c
            if type(value) is str:
                known = texts.get(value)
                if known is None:
                    known = texts[value] = (value, normalize(value))
                raw, text = known
            else:
                raw = _python(value)
                text = normalize(raw)
            cell: Any = new(draft)
            cell.sheet = name
            cell.coord = letters[c] + number
            cell.raw = raw
            cell.number_format = formats.get((r, c), general) if formats else general
            cell.formula = None
            cell.text = text
            cell.cached = None
            cell.__class__ = cell_class
            out[c] = cell
        if last >= 0:
            height, width = r + 1, max(width, last + 1)
        rows.append(out)
    return rows, height, width


def _rows_from_a1(sheet: Any) -> Iterator[list[Any]]:
    """The rows of `sheet.to_python(skip_empty_area=False)`, one at a time (the whole list of
    a large sheet's values is never held next to its Cells): calamine's rows start at row 1
    but at the sheet's first used column, so they are padded to start at A."""
    pad = [""] * sheet.start[1] if sheet.start else []
    for row in sheet.iter_rows():
        yield pad + row if pad else row


def _values(name: str, sheet: Any, limits: Limits, extras: SheetExtras | None) -> Iterable[list[Any]]:
    """The sheet's values from A1, cut to the rows and columns a table can use; the whole
    rectangle is never built when a stray far-away cell would make it huge."""
    end = sheet.end
    if end is None:
        return []
    height, width = end[0] + 1, end[1] + 1
    if height > limits.rows_per_sheet:
        raise UnreadableFile(
            f"工作表“{name}”的内容过多（超过 {limits.rows_per_sheet:,} 行），超出可审核的范围。",
            "请删除表格以外的多余内容和大量空行，另存为 .xlsx 后重新提交。",
        )
    if min(height, MAX_ROWS) * min(width, MAX_COLS) > MAX_CELLS:
        raise _too_wide(name, min(height, MAX_ROWS), min(width, MAX_COLS), extras)
    if width <= MAX_COLS and height <= MAX_ROWS:
        if extras is None:  # .xls/.xlsb: its cells are counted before any Cell is made
            return list(sheet.to_python(skip_empty_area=False))
        return _rows_from_a1(sheet)
    values = []
    for number, row in enumerate(_rows_from_a1(sheet)):
        if number >= MAX_ROWS:
            break
        values.append(row[:MAX_COLS])
    return values


def _too_wide(name: str, height: int, width: int, extras: SheetExtras | None) -> UnreadableFile:
    far = coordinate(height - 1, width - 1)
    return UnreadableFile(
        f"工作表“{name}”的内容范围过大（{height} 行 × {width} 列），超出可审核的范围。",
        f"请删除表格以外的多余内容（内容一直延伸到第 {height} 行、第 {width} 列，即 {far} 一带），另存为 .xlsx 后重新提交。",
    )


def _python(value: Any) -> Any:
    """A calamine value as openpyxl gives it: whole numbers as int, dates as datetime."""
    if type(value) is str:
        return value
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < _INT_LIMIT else value
    if isinstance(value, datetime | time | timedelta):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def _merged(sheet: Any, extras: SheetExtras | None, fmt: str) -> list[tuple[int, int, int, int]] | None:
    if extras is not None:
        return extras.merged
    ranges = sheet.merged_cell_ranges
    if ranges is None:
        return None
    return [(a[0], a[1], b[0], b[1]) for a, b in ranges]
