"""Finding a table inside a sheet by its header text: which row holds the headers, which
column holds each field. Works with blank rows above, moved or extra columns, and headers
merged across two rows."""

from __future__ import annotations

from dataclasses import dataclass

from ..columns import header_key
from .workbook import Grid, coordinate

HEADER_SCAN_ROWS = 20


@dataclass(frozen=True)
class Header:
    """Where a table's header sits: the last header row and each field's column."""

    row: int
    columns: dict[str, int]
    first_row: int

    def cell(self, grid: Grid) -> str:
        return coordinate(self.first_row, min(self.columns.values(), default=0), text=grid.is_text)

    def missing(self, fields: tuple[str, ...]) -> list[str]:
        return [f for f in fields if f not in self.columns]


def _match_row(grid: Grid, row: int, index: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    cells = grid.rows[row] if row < len(grid.rows) else []
    for col, cell in enumerate(cells):
        if cell is None or cell.coord != coordinate(row, col, text=grid.is_text):
            continue  # empty, or the non-anchor part of a merged header
        field = index.get(header_key(cell.text))
        if field and field not in found:
            found[field] = col
    return found


def find_header(grid: Grid, index: dict[str, str], *, minimum: int = 3) -> Header | None:
    """The best header row in the first rows of `grid`, merged with the row below when the
    header spans two rows (group headings such as 资金来源 above 财政拨款)."""
    best: Header | None = None
    for row in range(min(HEADER_SCAN_ROWS, len(grid.rows))):
        columns = _match_row(grid, row, index)
        if len(columns) < minimum:
            continue
        below = _match_row(grid, row + 1, index) if row + 1 < len(grid.rows) else {}
        extra = {f: c for f, c in below.items() if f not in columns and c not in columns.values()}
        last = row + 1 if extra else row
        candidate = Header(last, {**columns, **extra}, row)
        if best is None or len(candidate.columns) > len(best.columns):
            best = candidate
    return best
