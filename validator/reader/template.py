"""The standard template layout: a project sheet (one row per project) and an indicator
sheet (one row per indicator), found by their headers, plus the hidden metadata and
control-number sheets that `validator template` writes."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from validator.reader.columns import (
    INDICATOR_HEADERS,
    INDICATOR_INDEX,
    INDICATOR_REQUIRED,
    PROJECT_HEADERS,
    PROJECT_INDEX,
    PROJECT_REQUIRED,
)
from validator.reader.grid import Grid
from validator.reader.layout import (
    DEPARTMENT_LINE,
    TITLE_YEAR,
    Header,
    copied_header_cells,
    data_rows,
    field_getter,
    find_table,
    row_fields,
)
from validator.reader.sheets import CONTROL_SHEET, INDICATOR_SHEET, META_SHEET, PROJECT_SHEET
from validator.records import Cell, ControlAmounts, FundsRow, Indicator, MissingColumn, RowKind, Submission, TemplateMeta
from validator.text import key

TOTAL_NAMES = {"合计", "总计", "合计数"}
_YEAR = re.compile(r"[0-9]{4}")  # not str.isdigit(): "፩" and 5000-digit strings pass it and int() fails


def read_template(path: Path, grids: list[Grid]) -> Submission:
    sub = Submission(path=path, layout="template")
    sub.meta = _meta(grids)
    project = find_table(grids, PROJECT_INDEX, ("name", "total"))
    indicator = find_table(grids, INDICATOR_INDEX, ("value", "name"))
    if project is None:
        sub.sheets_missing.append(PROJECT_SHEET)
    else:
        _read_projects(sub, *project)
    if indicator is None:
        sub.sheets_missing.append(INDICATOR_SHEET)
    else:
        _read_indicators(sub, *indicator)
    _settle_department(sub, grids, project[0] if project else None)
    sub.control = _control(grids)
    return sub


def _record_missing(sub: Submission, grid: Grid, header: Header, required: tuple[str, ...], *,
                    headers: dict[str, str], role: str) -> None:
    sub.sheets_found[role] = grid.name
    sub.repeated_headers.extend(copied_header_cells(grid, header))
    for field in header.missing(required):
        sub.columns_missing.append(MissingColumn(grid.name, headers[field], header.cell(grid)))


def _read_projects(sub: Submission, grid: Grid, header: Header) -> None:
    _record_missing(sub, grid, header, PROJECT_REQUIRED, headers=PROJECT_HEADERS, role=PROJECT_SHEET)
    for r in data_rows(grid, header):
        get = field_getter(grid, header, r)
        name = get("name") or grid.located(r, 0)
        kind = RowKind.TOTAL if key(name.text) in TOTAL_NAMES else RowKind.PROJECT
        sub.rows.append(FundsRow(
            kind=kind, name=name, total=get("total"), fiscal=get("fiscal"), special=get("special"),
            other=get("other"), goal=get("goal"), unit=get("unit"),
        ))


def _read_indicators(sub: Submission, grid: Grid, header: Header) -> None:
    _record_missing(sub, grid, header, INDICATOR_REQUIRED, headers=INDICATOR_HEADERS, role=INDICATOR_SHEET)
    fields = row_fields(grid, header, ("project", "name", "value", "level1", "level2", "direction", "unit", "note"))
    for r in data_rows(grid, header):
        project, name, value, level1, level2, direction, unit, note = fields(r)
        sub.indicators.append(Indicator(
            project=project or grid.located(r, 0), name=name, value=value,
            level1=level1, level2=level2, direction=direction, unit=unit, note=note,
        ))


def _pairs(grid: Grid) -> dict[str, Cell]:
    return {row[0].text: row[1] for row in grid.rows if len(row) > 1 and row[0] and row[1]}


def read_meta(grids: list[Grid]) -> TemplateMeta | None:
    """The hidden 模板信息 sheet of a template this tool made (target or self-evaluation)."""
    return _meta(grids)


def _meta(grids: list[Grid]) -> TemplateMeta | None:
    grid = next((g for g in grids if g.name == META_SHEET), None)
    if grid is None:
        return None
    pairs = {k: v.text for k, v in _pairs(grid).items()}
    year = pairs.get("year", "")
    return TemplateMeta(
        template_id=pairs.get("template_id"), version=pairs.get("version"),
        year=int(year) if _YEAR.fullmatch(year) else None, department=pairs.get("department") or None,
        rules_checksum=pairs.get("rules_checksum"), sheet=grid.name,
    )


def _settle_department(sub: Submission, grids: list[Grid], project_grid: Grid | None) -> None:
    sub.department = sub.meta.department if sub.meta else None
    sub.year = sub.meta.year if sub.meta else None
    for grid in [g for g in (project_grid,) if g] + [g for g in grids if g is not project_grid and not g.hidden]:
        for row in grid.rows[:8]:
            for cell in row:
                if cell is None:
                    continue
                if not sub.department and (m := DEPARTMENT_LINE.match(cell.text)):
                    sub.department = m.group(1).strip()
                if not sub.year and (y := TITLE_YEAR.search(cell.text)):
                    sub.year = int(y.group(1))
    _mark_department_rows(sub)


def _mark_department_rows(sub: Submission) -> None:
    if not sub.department:
        return
    dept = key(sub.department)
    for i, row in enumerate(sub.rows):
        if row.kind is RowKind.PROJECT and key(row.name.text) == dept:
            sub.rows[i] = replace(row, kind=RowKind.DEPARTMENT)
    current = None
    for i, row in enumerate(sub.rows):
        if row.kind is RowKind.DEPARTMENT:
            current = row.name.text
        elif row.kind is RowKind.PROJECT and current:
            sub.rows[i] = replace(row, department=current)


def _control(grids: list[Grid]) -> dict[str, ControlAmounts]:
    grid = next((g for g in grids if g.name == CONTROL_SHEET), None)
    if grid is None:
        return {}
    control: dict[str, ControlAmounts] = {}
    for row in grid.rows[1:]:
        cells = [c.text if c else "" for c in row] + [""] * 5
        if cells[0]:
            control[key(cells[0])] = ControlAmounts(cells[0], *(_decimal(t) for t in cells[1:5]))
    return control


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")) if text else None
    except InvalidOperation:
        return None
