"""Finding a table inside a sheet by its header text: which row holds the headers, which
column holds each field. Works with blank rows above, moved or extra columns, and headers
merged across two rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from validator.reader.columns import HEADER_KEYS, LOOKUP_KEYS, header_key, lookup_keys
from validator.reader.grid import Grid, coordinate, row_coordinates
from validator.records import Cell

HEADER_SCAN_ROWS = 100  # instructions pasted above a table can run to 20-odd lines
NOTE_PREFIXES = ("注:", "注：", "说明:", "说明：", "填表说明", "备注:")
# Lines above a table: "部门名称：某局" (not "单位：万元") and a title with the year.
DEPARTMENT_LINE = re.compile(r"^(?:部门名称|单位名称|填报单位|预算单位)[:：]\s*(.+)$")
TITLE_YEAR = re.compile(r"(20\d\d)\s*年")

Getter = Callable[[str], Cell | None]


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
    for col, k, short in _row_keys(grid, row):
        field = index.get(k) or (index.get(short) if short is not None else None)
        if field and field not in found:
            found[field] = col
    return found


def _row_keys(grid: Grid, row: int) -> list[tuple[int, str, str | None]]:
    """(column, `lookup_keys`) of each cell of `row` that is not empty and not the non-anchor
    part of a merged header; worked out once per sheet and row."""
    memo = grid.memo.setdefault("row_keys", {})
    keys = memo.get(row)
    if keys is None:
        cells = grid.rows[row] if row < len(grid.rows) else []
        coords = row_coordinates(row, len(cells), text=grid.is_text)
        keys = memo[row] = [(col, *(LOOKUP_KEYS.get(cell.text) or lookup_keys(cell.text)))
                            for col, cell in enumerate(cells)
                            if cell is not None and cell.text and cell.coord == coords[col]]
    return keys


def find_header(grid: Grid, index: dict[str, str], *, minimum: int = 3) -> Header | None:
    """The best header row in the first rows of `grid`, merged with the row below when the
    header spans two rows (group headings such as 资金来源 above 财政拨款)."""
    memo = grid.memo.setdefault("headers", {})
    found = memo.get((id(index), minimum))
    if found is None or found[0] is not index:
        found = memo[(id(index), minimum)] = (index, _find_header(grid, index, minimum))
    return found[1]


def _row_keysets(grid: Grid) -> list[frozenset[str]]:
    """Every lookup key of each of the first rows (worked out once per sheet): a row sharing
    fewer than `minimum` keys with an index cannot name `minimum` of its fields."""
    sets = grid.memo.get("row_keysets")
    if sets is None:
        sets = grid.memo["row_keysets"] = [
            _keyset(cells, row_coordinates(row, len(cells), text=grid.is_text))
            for row, cells in enumerate(grid.rows[:HEADER_SCAN_ROWS])]
    return sets


def _keyset(cells: list[Cell | None], coords: tuple[str, ...]) -> frozenset[str]:
    """Every key of `_row_keys` of a row (without the columns: most rows are never matched)."""
    keyset: set[str] = set()
    add = keyset.add
    for col, cell in enumerate(cells):
        if cell is not None and (text := cell.text) and cell.coord == coords[col]:
            k, short = LOOKUP_KEYS.get(text) or lookup_keys(text)
            add(k)
            if short is not None:
                add(short)
    return frozenset(keyset)


def _find_header(grid: Grid, index: dict[str, str], minimum: int) -> Header | None:
    best: Header | None = None
    names = index.keys()
    for row, keys in enumerate(_row_keysets(grid)):
        if len(keys) < minimum or len(names & keys) < minimum:
            continue
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


def find_table(grids: list[Grid], index: dict[str, str], needed: tuple[str, ...]) -> tuple[Grid, Header] | None:
    """The first visible sheet whose header has every field in `needed`."""
    for grid in grids:
        if grid.hidden:
            continue
        header = find_header(grid, index)
        if header and all(f in header.columns for f in needed):
            return grid, header
    return None


def field_getter(grid: Grid, header: Header, row: int) -> Getter:
    """Cell of `field` in `row`, None when the sheet has no such column."""
    cells = grid.rows[row] if 0 <= row < len(grid.rows) else []
    columns = header.columns

    def get(field: str) -> Cell | None:
        col = columns.get(field)
        if col is None:
            return None
        cell = cells[col] if 0 <= col < len(cells) else None
        return cell if cell is not None else grid.blank(row, col)

    return get


def row_fields(grid: Grid, header: Header, fields: tuple[str, ...]) -> Callable[[int], list[Cell | None]]:
    """For a row: the cell of each of `fields`, as `field_getter` gives them, in one call
    (the column of each field is looked up once per table, not once per row and field)."""
    columns = [header.columns.get(f) for f in fields]
    present = [(i, col) for i, col in enumerate(columns) if col is not None]
    rows, blank = grid.rows, grid.blank
    if not present:
        return lambda row: [None] * len(columns)
    # The cells of the columns present, taken from a row in one call when it is wide enough.
    take = itemgetter(*(col for _, col in present))
    several = len(present) > 1
    reach = max(col for _, col in present)
    whole = min(col for _, col in present) >= 0  # a header's columns never are negative: kept exact all the same
    at_all = len(present) == len(columns)

    def cells(row: int) -> list[Cell | None]:
        line = rows[row] if 0 <= row < len(rows) else []
        if whole and reach < len(line):
            found = list(take(line)) if several else [take(line)]
        else:
            found = [line[col] if 0 <= col < len(line) else None for _, col in present]
        for j, cell in enumerate(found):
            if cell is None:
                found[j] = blank(row, present[j][1])
        if at_all:
            return found
        out: list[Cell | None] = [None] * len(columns)
        for (i, _), cell in zip(present, found):
            out[i] = cell
        return out

    return cells


def _holds_data(cells: list[Cell | None]) -> bool:
    """Whether a row holds something (text or a formula) other than a note: its text cells
    are all one cell by coordinate (a note merged across the table, A9:G9, fills every
    column with one cell) and that text starts like a note (注：…)."""
    filled = False
    coord: str | None = None
    text = ""
    for cell in cells:
        if cell is None:
            continue
        if cell.text:
            if coord is None:
                coord = cell.coord
            elif cell.coord != coord:
                return True  # texts in two cells: not a note
            text = cell.text
            filled = True
        elif cell.formula is not None:
            filled = True
    return filled and not (coord is not None and text.startswith(NOTE_PREFIXES))


def data_rows(grid: Grid, header: Header) -> list[int]:
    """Rows below the header that hold something other than a note (注：…) or a copy of the
    header row (see `header_copies`)."""
    copies = set(header_copies(grid, header))
    rows = grid.rows
    return [r for r in range(header.row + 1, len(rows)) if r not in copies and _holds_data(rows[r])]


def header_copies(grid: Grid, header: Header) -> list[int]:
    """Rows below the header that repeat it (pasted with the data): at least half of the
    header's columns, and two or more, hold their own header text again. The second row of
    a two-row header is taken along when it follows such a copy."""
    memo = grid.memo.setdefault("header_copies", {})
    at = (header.first_row, header.row, tuple(sorted(header.columns.values())))
    if at not in memo:
        memo[at] = _header_copies(grid, header)
    return list(memo[at])


def _header_copies(grid: Grid, header: Header) -> tuple[int, ...]:
    words = {col: {header_key(grid.text(r, col)) for r in range(header.first_row, header.row + 1)} - {""}
             for col in header.columns.values()}
    if not words:
        return ()
    needed = max(2, (len(words) + 1) // 2)
    copies: list[int] = []
    columns = list(words)
    wordsets = [words[col] for col in columns]
    # The header columns' cells of a row in one call (a tuple even for one column).
    take = itemgetter(*columns, *columns) if len(columns) == 1 else itemgetter(*columns)
    reach = max(columns)
    rows, keyed = grid.rows, HEADER_KEYS
    two_rows = header.row > header.first_row
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        width = len(row)
        cells = take(row) if reach < width else [row[col] if col < width else None for col in columns]
        follows = two_rows and bool(copies) and copies[-1] == r - 1
        # A row is left as soon as it has missed more columns than a copy can (most rows are data).
        misses_left = len(columns) - (min(needed, 2) if follows else needed)
        hits = 0
        for cell, texts in zip(cells, wordsets):
            if cell is not None and (text := cell.text):
                k = keyed.get(text)
                if k is None:
                    k = header_key(text)
                if k in texts:
                    hits += 1
                    continue
            misses_left -= 1
            if misses_left < 0:
                break
        if hits >= needed or (follows and hits >= 2):
            copies.append(r)
    return tuple(copies)


def copied_header_cells(grid: Grid, header: Header) -> list[Cell]:
    """The first cell of each header copy, where a hint about it is located."""
    first = min(header.columns.values(), default=0)
    return [grid.located(r, first) for r in header_copies(grid, header)]
