"""The published flat layout (as disclosed by budget offices): one sheet or text table with
项目名称 | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标, a 合计 row, department
rows, one row per project, and all of a project's indicators in one cell.

It becomes the same `Submission` as the standard template (layout "published"), so every rule
checks it. Each indicator's cells carry the coordinate of the indicator cell it was read from
and `position` is the number written before it. Rows are classified as:

- 合计 (总计, 合计数) -> TOTAL;
- the row named like the `部门名称：` line, the first row after 合计 that has amounts but no goal
  and no indicators, and later such rows named like an organisation (…局, …中心, …所) ->
  DEPARTMENT;
- everything else -> PROJECT, belonging to the department row above it."""

from __future__ import annotations

import re
from pathlib import Path

from validator.reader.columns import PROJECT_HEADERS, PROJECT_INDEX, PROJECT_REQUIRED
from validator.reader.errors import UnreadableFile
from validator.reader.grid import Grid
from validator.reader.layout import (
    DEPARTMENT_LINE,
    TITLE_YEAR,
    Getter,
    Header,
    copied_header_cells,
    data_rows,
    field_getter,
    find_table,
)
from validator.reader.sheets import INDICATOR_SHEET, PROJECT_SHEET
from validator.reader.template import TOTAL_NAMES
from validator.records import Cell, FundsRow, Indicator, MissingColumn, RowKind, Submission
from validator.text import key
from validator.values.indicator_cell import split_cell

LAYOUT = "published"
REQUIRED = (*PROJECT_REQUIRED, "indicators")
_ORGANISATION = re.compile(
    r"(?:局|委员会|委|办公室|办|院|所|中心|站|队|馆|学校|校|监狱|厅|处|会|社|部|室|台|园)(?:[(（]本级[)）])?$"
)
_NO_HEADER = (
    "没有找到绩效目标表的表头（应包含：项目名称、总计、财政拨款、财政专户拨款、其他资金、绩效目标、绩效指标）。",
    "请提交公开格式的绩效目标表（制表符分隔的文本或 .xlsx），或使用标准模板填报。",
)


def find_published(grids: list[Grid]) -> tuple[Grid, Header] | None:
    """The flat table: a visible sheet whose header names 项目名称, 总计 and 绩效指标."""
    return find_table(grids, PROJECT_INDEX, ("name", "total", "indicators"))


def no_header() -> UnreadableFile:
    return UnreadableFile(*_NO_HEADER)


def read_published(path: Path, grid: Grid, header: Header) -> Submission:
    """The table `find_published` found, as a Submission."""
    sub = Submission(path=path, layout=LAYOUT)
    sub.sheets_found[PROJECT_SHEET] = sub.sheets_found[INDICATOR_SHEET] = grid.name
    for field in header.missing(REQUIRED):
        sub.columns_missing.append(MissingColumn(grid.name, PROJECT_HEADERS[field], header.cell(grid)))
    sub.department, sub.year = _title_lines(grid, header)
    sub.repeated_headers.extend(copied_header_cells(grid, header))
    _read_rows(sub, grid, header)
    if sub.department is None:
        sub.department = next((r.name.text for r in sub.rows if r.kind is RowKind.DEPARTMENT), None)
    return sub


def _title_lines(grid: Grid, header: Header) -> tuple[str | None, int | None]:
    department: str | None = None
    year: int | None = None
    for row in grid.rows[: header.first_row]:
        for cell in row:
            if cell is None:
                continue
            if department is None and (m := DEPARTMENT_LINE.match(cell.text)):
                department = m.group(1).strip()
            if year is None and (y := TITLE_YEAR.search(cell.text)):
                year = int(y.group(1))
    return department, year


def _read_rows(sub: Submission, grid: Grid, header: Header) -> None:
    previous: RowKind | None = None
    department: str | None = None
    for r in data_rows(grid, header):
        get = field_getter(grid, header, r)
        name = get("name") or grid.located(r, 0)
        kind = _kind(name, get, sub.department, previous=previous, seen_department=department is not None)
        if kind is RowKind.DEPARTMENT:
            department = name.text
        row = FundsRow(kind=kind, name=name, total=get("total"), fiscal=get("fiscal"), special=get("special"),
                       other=get("other"), goal=get("goal"),
                       department=department if kind is RowKind.PROJECT else None)
        sub.rows.append(row)
        if kind is RowKind.PROJECT:
            sub.indicators.extend(_indicators(name, get("indicators")))
        previous = kind


def _kind(name: Cell, get: Getter, department: str | None, *, previous: RowKind | None,
          seen_department: bool) -> RowKind:
    k = key(name.text)
    if k in TOTAL_NAMES:
        return RowKind.TOTAL
    if department and k == key(department):
        return RowKind.DEPARTMENT
    if _summary_like(get) and (previous is RowKind.TOTAL or (seen_department and _ORGANISATION.search(k))):
        return RowKind.DEPARTMENT
    return RowKind.PROJECT


def _summary_like(get: Getter) -> bool:
    """Amounts, but neither a goal nor indicators: how subtotal rows look."""
    def blank(field: str) -> bool:
        cell = get(field)
        return cell is None or cell.empty

    has_amounts = not all(blank(f) for f in ("total", "fiscal", "special", "other"))
    return has_amounts and blank("goal") and blank("indicators")


def _indicators(project: Cell, cell: Cell | None) -> list[Indicator]:
    if cell is None or cell.empty:
        return []
    text = cell.raw if isinstance(cell.raw, str) else cell.text

    def at(raw: str | None) -> Cell:
        return Cell(cell.sheet, cell.coord, raw or None)

    return [
        Indicator(project=project, name=at(item.name), value=at(item.value), level1=at(item.level1),
                  level2=at(item.level2) if item.level2 else None, note=at(item.remark) if item.remark else None,
                  position=item.position)
        for item in split_cell(text)
    ]
