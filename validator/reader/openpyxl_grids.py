"""The openpyxl reader of .xlsx/.xlsm (the reader before python-calamine): kept so a test can
prove both give the same grids and findings (`load_grids(..., engine="openpyxl")`)."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.formula import ArrayFormula

from validator.reader.errors import UnreadableFile
from validator.reader.grid import MAX_CELLS, MAX_COLS, MAX_ROWS, Grid, spread_merged
from validator.reader.sniff import SAVE_AS
from validator.records import Cell
from validator.values.formats import significant_format


def openpyxl_grids(path: Path) -> list[Grid]:
    book = _open(path)
    try:
        grids = [_grid(ws) for ws in book.worksheets]
    finally:
        book.close()
    if any(c is not None and c.formula is not None for g in grids for row in g.rows for c in row):
        grids = _with_cached(path, grids)
    return grids


def _with_cached(path: Path, grids: list[Grid]) -> list[Grid]:
    """Formula cells get the results the file saved (a second, data-only load)."""
    book = _open(path, data_only=True)
    try:
        for grid, ws in zip(grids, book.worksheets):
            for row in grid.rows:
                for c, cell in enumerate(row):
                    if cell is not None and cell.formula is not None:
                        row[c] = replace(cell, cached=ws[cell.coord].value)
    finally:
        book.close()
    return grids


def _open(path: Path, *, data_only: bool = False) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=data_only, keep_links=False, rich_text=False)
    except InvalidFileException as exc:
        raise UnreadableFile("文件格式无法识别，不是 .xlsx 工作簿。", SAVE_AS, detail=str(exc)) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise UnreadableFile("文件已损坏或结构不完整，无法打开。", SAVE_AS, detail=repr(exc)) from exc
    except Exception as exc:  # openpyxl raises many private errors on broken XML
        raise UnreadableFile("文件内容无法解析，可能已损坏。", SAVE_AS, detail=repr(exc)) from exc


def _grid(ws: Any) -> Grid:
    # Only the cells the file really holds: a sheet may declare (or be formatted down to)
    # a million rows, and asking openpyxl for each would create them.
    stored = [c for c in ws._cells.values() if c.value is not None and c.row <= MAX_ROWS and c.column <= MAX_COLS]
    height = max((c.row for c in stored), default=0)
    width = max((c.column for c in stored), default=0)
    if height * width > MAX_CELLS:  # a few far-away cells would make a grid of gigabytes
        lowest = max(stored, key=lambda c: c.row).coordinate
        rightmost = max(stored, key=lambda c: c.column).coordinate
        raise UnreadableFile(
            f"工作表“{ws.title}”的内容范围过大（{height} 行 × {width} 列），超出可审核的范围。",
            f"请删除表格以外的多余内容（最下方的内容在 {lowest}，最右侧的在 {rightmost}），另存为 .xlsx 后重新提交。",
        )
    rows: list[list[Cell | None]] = [[None] * width for _ in range(height)]
    for c in stored:
        rows[c.row - 1][c.column - 1] = _cell(ws.title, c)
    areas = [(a.min_row - 1, a.min_col - 1, a.max_row - 1, a.max_col - 1) for a in ws.merged_cells.ranges]
    spread_merged(ws.title, rows, areas)
    return Grid(ws.title, rows, hidden=ws.sheet_state != "visible", merged=tuple(areas),
                hidden_rows=frozenset(r - 1 for r, d in ws.row_dimensions.items() if d.hidden))


def _cell(sheet: str, source: Any) -> Cell | None:
    value = source.value
    if value is None:
        return None
    formula = None
    if isinstance(value, ArrayFormula):
        formula, value = value.text, None
    elif source.data_type == "f" and isinstance(value, str):
        formula, value = value, None
    return Cell(sheet, source.coordinate, value, significant_format(source.number_format or "General"), formula)
