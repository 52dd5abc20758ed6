"""The only reader module that imports openpyxl: a workbook becomes a list of `Grid`s of
located cells. Merged areas read as their top-left value at the top-left coordinate (the
cell the user sees)."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.formula import ArrayFormula

from validator.reader.errors import UnreadableFile
from validator.reader.safety import SAVE_AS, check_workbook_file
from validator.records import Cell

MAX_ROWS = 200_000
MAX_COLS = 200
MAX_CELLS = 5_000_000  # rows x columns of one sheet's data: 50,000 rows x 100 columns


@dataclass
class Grid:
    """One sheet as a rectangle of located cells (None where the sheet is blank)."""

    name: str
    rows: list[list[Cell | None]]
    hidden: bool = False
    is_text: bool = False

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def text(self, row: int, col: int) -> str:
        cell = self.cell(row, col)
        return cell.text if cell else ""

    def located(self, row: int, col: int) -> Cell:
        """The cell at (row, col), or an empty cell carrying that location."""
        return self.cell(row, col) or Cell(self.cell_sheet, coordinate(row, col, text=self.is_text), None)

    @property
    def cell_sheet(self) -> str | None:
        """The sheet its cells name: None for text tables (the file is the only sheet)."""
        return None if self.is_text else self.name


def coordinate(row: int, col: int, *, text: bool = False) -> str:
    """Zero-based indices to what the user sees: `E7`, or `第7行第5列` for text tables."""
    if text:
        return f"第{row + 1}行第{col + 1}列"
    return f"{get_column_letter(col + 1)}{row + 1}"


def load_grids(path: Path) -> list[Grid]:
    check_workbook_file(path)
    book = _open(path)
    try:
        return [_grid(ws) for ws in book.worksheets]
    finally:
        book.close()


def _open(path: Path) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=False, keep_links=False, rich_text=False)
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
    _spread_merged(ws, rows)
    return Grid(ws.title, rows, hidden=ws.sheet_state != "visible")


def _spread_merged(ws: Any, rows: list[list[Cell | None]]) -> None:
    """Every cell of a merged area reads as its anchor (top-left) cell: its value, and the
    coordinate the user sees even when the area is empty. Only the part inside the sheet's
    data is filled, with one shared Cell per area (safety.py caps the merged cells of a sheet)."""
    height, width = len(rows), len(rows[0]) if rows else 0
    for area in ws.merged_cells.ranges:
        if area.min_row > height or area.min_col > width:
            continue
        anchor = rows[area.min_row - 1][area.min_col - 1]
        if anchor is None:
            anchor = Cell(ws.title, f"{get_column_letter(area.min_col)}{area.min_row}", None)
        for r in range(area.min_row - 1, min(area.max_row, height)):
            row = rows[r]
            for c in range(area.min_col - 1, min(area.max_col, width)):
                row[c] = anchor


def _cell(sheet: str, source: Any) -> Cell | None:
    value = source.value
    if value is None:
        return None
    formula = None
    if isinstance(value, ArrayFormula):
        formula, value = value.text, None
    elif source.data_type == "f" and isinstance(value, str):
        formula, value = value, None
    return Cell(sheet, source.coordinate, value, source.number_format or "General", formula)
