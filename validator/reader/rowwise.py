"""One indicator per row, as budget-management systems (预算管理一体化) export targets: each row
holds one indicator and its project's fields, repeated on every row or merged down over the
project's rows. Columns are found by header text (`columns.ROWWISE_FIELDS`); titles,
`单位名称：…` and `单位：万元` lines may sit above the header, and several units may share one
sheet, each as a block under its own `单位名称：…` line (and header), or told apart by a
单位名称/预算单位 column.

It becomes the same `Submission` as the standard template (layout "rowwise"): one FundsRow per
project, located at the first row that holds each field, and one Indicator per row, whose
`project` is the project's name cell so every rule groups them alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from validator.reader.columns import (
    ROWWISE_HEADERS,
    ROWWISE_INDEX,
    ROWWISE_PROJECT_FIELDS,
    ROWWISE_REQUIRED,
)
from validator.reader.grid import Grid
from validator.reader.layout import DEPARTMENT_LINE, TITLE_YEAR, Header, data_rows, find_header, header_copies
from validator.reader.sheets import INDICATOR_SHEET, PROJECT_SHEET
from validator.reader.template import TOTAL_NAMES
from validator.records import Cell, FundsRow, Indicator, MissingColumn, RowKind, Submission
from validator.text import key

LAYOUT = "rowwise"
_PROJECT_CELLS = ("total", "fiscal", "special", "other", "goal", "user")
_INDICATOR_CELLS = ("level1", "level2", "name", "value")
_MONEY_LINE = re.compile(r"^(?:金额)?单位[:：]\s*(?:万元|元|千元)")
_TITLE = re.compile(r"绩效目标.*表|目标申报表")


def find_rowwise(grids: list[Grid]) -> list[tuple[Grid, Header]]:
    """Every visible sheet whose header has a project column, an indicator value column, the
    indicator's name or category, and at least one project field (amount or goal)."""
    found = []
    for grid in grids:
        if grid.hidden:
            continue
        header = find_header(grid, ROWWISE_INDEX, minimum=3)
        if header is not None and _is_rowwise(header):
            found.append((grid, _resolve_property(header)))
    return found


def _is_rowwise(header: Header) -> bool:
    cols = header.columns
    return ("project" in cols and "value" in cols and ("name" in cols or "level1" in cols)
            and any(f in cols for f in ROWWISE_PROJECT_FIELDS))


def _resolve_property(header: Header) -> Header:
    """指标性质 is the operator column when there is no other; else it is the nature."""
    cols = dict(header.columns)
    prop = cols.pop("property", None)
    if prop is not None:
        target = "nature" if "direction" in cols else "direction"
        cols.setdefault(target, prop)
    return Header(header.row, cols, header.first_row)


def read_rowwise(path: Path, tables: list[tuple[Grid, Header]]) -> Submission:
    sub = Submission(path=path, layout=LAYOUT)
    sub.sheets_found[PROJECT_SHEET] = sub.sheets_found[INDICATOR_SHEET] = tables[0][0].name
    units: list[str] = []
    for grid, header in tables:
        for f in ROWWISE_REQUIRED:
            if f not in header.columns:
                sub.columns_missing.append(MissingColumn(grid.name, ROWWISE_HEADERS[f], header.cell(grid)))
        _read_table(sub, grid, header, units)
        if sub.year is None:
            sub.year = _title_year(grid, header)
    sub.department = _department(tables, units)
    return sub


@dataclass
class _Project:
    """The rows of one project as they are read."""

    rows: list[int]
    name: Cell
    unit: str | None
    unit_cell: Cell | None
    indicators: list[Indicator] = field(default_factory=list)
    merged: bool = False  # the name is merged down over the rows (not repeated on each)


def _read_table(sub: Submission, grid: Grid, header: Header, units: list[str]) -> None:
    cols = header.columns
    unit_lines = _unit_lines(grid, header)
    copies = set(header_copies(grid, header))
    first = min(cols.values(), default=0)
    sub.repeated_headers.extend(
        grid.located(r, first) for r in sorted(copies) if not _after_unit_line(grid, r, unit_lines))
    current: _Project | None = None
    line_unit = unit_lines.get(-1)
    for r in data_rows(grid, header):
        if r in unit_lines:
            line_unit = unit_lines[r]
            _flush(sub, grid, header, current)
            current = None
            continue
        if _is_line(grid, r):
            continue
        name_cell = _get(grid, cols, "project", r)
        unit_cell = _get(grid, cols, "budget_unit", r)
        unit = (unit_cell.text if unit_cell is not None and not unit_cell.empty else None) or line_unit
        if current is None or _starts_project(current, name_cell, unit):
            _flush(sub, grid, header, current)
            name = name_cell if name_cell is not None else grid.located(r, first)
            current = _Project([r], name, unit, unit_cell)
            if unit and unit not in units:
                units.append(unit)
        else:
            current.rows.append(r)
            current.merged = current.merged or (name_cell is not None and name_cell.coord == current.name.coord)
        indicator = _indicator(grid, cols, r, current.name)
        if indicator is not None:
            current.indicators.append(indicator)
    _flush(sub, grid, header, current)


def _starts_project(current: _Project, name: Cell | None, unit: str | None) -> bool:
    if unit != current.unit:
        return True
    if name is None or name.empty or name.coord == current.name.coord:
        return False  # left blank under a filled-in name, or merged down: the same project
    # Another cell: a repeated name continues the project, unless names are merged down
    # (then a new merged area is a new project, even with the same name).
    return current.merged or key(name.text) != key(current.name.text)


def _flush(sub: Submission, grid: Grid, header: Header, project: _Project | None) -> None:
    if project is None:
        return
    cells = {f: _first_filled(grid, header.columns, f, project.rows) for f in _PROJECT_CELLS}
    kind = RowKind.TOTAL if key(project.name.text) in TOTAL_NAMES else RowKind.PROJECT
    sub.rows.append(FundsRow(
        kind=kind, name=project.name, total=cells["total"], fiscal=cells["fiscal"], special=cells["special"],
        other=cells["other"], goal=cells["goal"], unit=cells["user"] or project.unit_cell,
        department=project.unit if kind is RowKind.PROJECT else None,
    ))
    if kind is RowKind.PROJECT:
        sub.indicators.extend(project.indicators)


def _first_filled(grid: Grid, cols: dict[str, int], field_name: str, rows: list[int]) -> Cell | None:
    """The first cell of a project's rows that holds the field, else the first row's cell."""
    if field_name not in cols:
        return None
    found = (c for r in rows if (c := grid.located(r, cols[field_name])) is not None and not c.empty)
    return next(found, grid.located(rows[0], cols[field_name]))


def _indicator(grid: Grid, cols: dict[str, int], r: int, project: Cell) -> Indicator | None:
    if all((c := _get(grid, cols, f, r)) is None or c.empty for f in _INDICATOR_CELLS):
        return None
    get = lambda f: _get(grid, cols, f, r)  # noqa: E731
    return Indicator(
        project=project, name=get("name"), value=get("value"), level1=get("level1"), level2=get("level2"),
        direction=get("direction"), unit=get("unit"), note=get("note"), weight=get("weight"),
        nature=get("nature"),
    )


def _get(grid: Grid, cols: dict[str, int], field_name: str, r: int) -> Cell | None:
    return grid.located(r, cols[field_name]) if field_name in cols else None


def _distinct(grid: Grid, r: int) -> list[Cell]:
    seen: dict[str, Cell] = {}
    for c in grid.rows[r]:
        if c is not None and not c.empty:
            seen.setdefault(c.coord, c)
    return list(seen.values())


def _is_line(grid: Grid, r: int) -> bool:
    """A title, `单位：万元` or `单位名称：` line between blocks: one or two cells of such text."""
    cells = _distinct(grid, r)
    return 0 < len(cells) <= 2 and any(
        DEPARTMENT_LINE.match(c.text) or _MONEY_LINE.match(c.text) or _TITLE.search(c.text) for c in cells)


def _unit_lines(grid: Grid, header: Header) -> dict[int, str]:
    """Row -> the unit a `单位名称：…` line names; key -1 for the line above the header."""
    lines: dict[int, str] = {}
    for r in range(len(grid.rows)):
        cells = _distinct(grid, r)
        if len(cells) > 2:
            continue
        for c in cells:
            if m := DEPARTMENT_LINE.match(c.text):
                lines[-1 if r < header.first_row else r] = m.group(1).strip()
    return lines


def _after_unit_line(grid: Grid, r: int, unit_lines: dict[int, str]) -> bool:
    """A header repeated under a new unit's line starts that unit's block: not a stray copy."""
    above = r - 1
    while above >= 0 and (not _distinct(grid, above) or _is_line(grid, above)):
        if above in unit_lines:
            return True
        above -= 1
    return False


def _title_year(grid: Grid, header: Header) -> int | None:
    for row in grid.rows[: header.first_row]:
        for cell in row:
            if cell is not None and (y := TITLE_YEAR.search(cell.text)):
                return int(y.group(1))
    return None


def _department(tables: list[tuple[Grid, Header]], units: list[str]) -> str | None:
    """The `部门名称：` line above a table, else the unit above the first table when it is
    the only one, else the one unit read, else the first and a count."""
    for grid, header in tables:
        for row in grid.rows[: header.first_row]:
            for cell in row:
                if cell is not None and cell.text.startswith("部门名称") and (m := DEPARTMENT_LINE.match(cell.text)):
                    return m.group(1).strip()
    for grid, header in tables:
        lines = _unit_lines(grid, header)
        if -1 in lines and not units[1:]:
            return lines[-1]
    if not units:
        return None
    return units[0] if len(units) == 1 else f"{units[0]}等{len(units)}个单位"

