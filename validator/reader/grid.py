"""A sheet as read: a `Grid` of located cells (merged areas read as their top-left value at
the top-left coordinate, the cell the user sees), and the coordinates users see. Shared by
every reader engine (`calamine_reader`, `openpyxl_grids`) and by the layout readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validator.records import Cell

MAX_ROWS = 200_000
MAX_COLS = 200
MAX_CELLS = 5_000_000  # rows x columns of one sheet's data: 50,000 rows x 100 columns

Area = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col; zero-based, inclusive


@dataclass
class Grid:
    """One sheet as a rectangle of located cells (None where the sheet is blank).

    `merged` and `hidden_rows` are None when the source format does not tell (then a rule
    that needs them says it could not check); `source_format` is what the file really is
    (`xlsx`, `xls`, `ods`, `text` …)."""

    name: str
    rows: list[list[Cell | None]]
    hidden: bool = False
    is_text: bool = False
    merged: tuple[Area, ...] | None = ()
    hidden_rows: frozenset[int] | None = frozenset()
    source_format: str = "xlsx"
    # What the source format did not tell about this sheet ("formulas", "number-formats"),
    # for the `format-unchecked` hint; merged areas and hidden rows say so by being None.
    unknown: frozenset[str] = frozenset()
    # What the layout readers work out once per sheet (the header keys of its first rows …);
    # every layout is tried on every sheet, so each would otherwise work them out again.
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def cell(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def text(self, row: int, col: int) -> str:
        cell = self.cell(row, col)
        return cell.text if cell else ""

    def located(self, row: int, col: int) -> Cell:
        """The cell at (row, col), or an empty cell carrying that location."""
        rows = self.rows
        if 0 <= row < len(rows):
            line = rows[row]
            if 0 <= col < len(line) and (cell := line[col]) is not None:
                return cell
        return self.blank(row, col)

    def blank(self, row: int, col: int) -> Cell:
        """An empty cell carrying the location (row, col), for where the sheet is blank."""
        return Cell.read(self.cell_sheet, coordinate(row, col, text=self.is_text), None, text="")

    @property
    def cell_sheet(self) -> str | None:
        """The sheet its cells name: None for text tables (the file is the only sheet)."""
        return None if self.is_text else self.name


def column_letter(col: int) -> str:
    """1 -> `A`, 27 -> `AA` (openpyxl's get_column_letter, without importing openpyxl)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(c + 1) for c in range(MAX_COLS)]


def coordinate(row: int, col: int, *, text: bool = False) -> str:
    """Zero-based indices to what the user sees: `E7`, or `第7行第5列` for text tables."""
    if text:
        return f"第{row + 1}行第{col + 1}列"
    letters = _LETTERS[col] if col < MAX_COLS else column_letter(col + 1)
    return f"{letters}{row + 1}"


_KEPT_ROWS = 256  # the header and label scans look at a sheet's first rows
_ROW_COORDINATES: dict[tuple[int, bool], tuple[str, ...]] = {}


def row_coordinates(row: int, width: int, *, text: bool = False) -> tuple[str, ...]:
    """`coordinate(row, c)` of each column c < `width` (the tuple may be longer). The scans
    that tell a merged area's anchor (`cell.coord` is its own place) from the rest compare
    every cell of a sheet's first rows: those rows' coordinates are built once per process."""
    if row >= _KEPT_ROWS or width > MAX_COLS:
        return tuple(coordinate(row, c, text=text) for c in range(width))
    coords = _ROW_COORDINATES.get((row, text))
    if coords is None or len(coords) < width:
        # A new tuple replaces the shorter one whole, so a thread reading it meanwhile is not misled.
        coords = _ROW_COORDINATES[(row, text)] = tuple(coordinate(row, c, text=text) for c in range(width))
    return coords


def spread_merged(sheet: str, rows: list[list[Cell | None]], areas: list[Area] | tuple[Area, ...] | None) -> None:
    """Every cell of a merged area reads as its anchor (top-left) cell: its value, and the
    coordinate the user sees even when the area is empty. Only the part inside the sheet's
    data is filled, with one shared Cell per area (the limits cap the merged cells of a sheet)."""
    height, width = len(rows), len(rows[0]) if rows else 0
    for min_row, min_col, max_row, max_col in areas or ():
        if min_row >= height or min_col >= width:
            continue
        anchor = rows[min_row][min_col]
        if anchor is None:
            anchor = Cell(sheet, coordinate(min_row, min_col), None)
        for r in range(min_row, min(max_row + 1, height)):
            row = rows[r]
            for c in range(min_col, min(max_col + 1, width)):
                row[c] = anchor
