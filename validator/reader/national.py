"""The national per-project form (项目支出绩效目标申报表, attachment of the 2015 central rules, and
the provincial forms copied from it): one project per sheet, label–value blocks, then the
indicator table.

A sheet is such a form when, above a header row 一级指标 | 二级指标 | 三级指标 | 指标值, it has a
项目名称 label and a 年度资金总额 or 目标 label. Everything is found by its label, never by its
position: a label is a cell whose text is a known label (`LABELS`, compared without spaces,
colons, 其中 and “（万元）”); its value is the next cell to the right (merged cells count as one)
unless that is another label or outside the form, then the cell below. So labels and values may
sit in merged cells of any width, in any order, with blank spacer rows, and the 项目资金 and
总体目标 blocks may be laid out across (中期 | 年度 side by side) or down.

Funds: 年度资金总额 is the total; 财政拨款, 财政专户拨款, 其他资金 and any other source listed
in the 项目资金 block (上级补助, 单位自筹 …) under the annual total are its parts; medium-term
amounts are not read. Goal: 年度目标 (or 年度总体目标; a lone 总体目标 without 中期/年度 parts).
Indicators: when medium-term and annual values sit side by side, the annual ones (headed 年度,
else the last value column). Sheets without these labels (instructions) are ignored.

It becomes the same `Submission` as the standard template (layout "national"): one FundsRow per
sheet located at the value cells, and one Indicator per row of the table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from validator.reader.columns import CACHED_TEXT_LENGTH, header_key, lookup
from validator.reader.grid import Grid, coordinate
from validator.reader.sheets import INDICATOR_SHEET, PROJECT_SHEET
from validator.records import Cell, FundsRow, Indicator, MissingColumn, RowKind, Submission
from validator.text import key

LAYOUT = "national"
SCAN_ROWS = 200

# field -> the label texts that name it (full match of the label key).
LABELS: dict[str, str] = {
    "name": r"项目名称",
    "department": r"主管部门(?:及代码|\(及代码\)|名称|及编码|\(单位\))?",
    "user": r"(?:项目)?实施单位(?:名称)?|项目单位",
    "attribute": r"项目属性",
    "period": r"项目期|项目期限|项目周期|项目实施期|实施期限",
    "funds": r"项目资金(?:情况)?|资金情况|项目资金来源",
    "mid_total": r"中期资金总额|中期资金|中期预算",
    "total": r"年度资金总额|年度资金|资金总额|年度预算(?:数|资金)?|本年度资金总额|年度资金合计",
    "fiscal": r"财政拨款(?:资金)?|一般公共预算(?:拨款|资金)?|财政资金",
    "special": r"财政专户(?:拨款|管理资金|资金)?",
    "other": r"其他资金|其他|其他来源资金",
    "goals": r"总体目标|绩效目标|项目绩效目标",
    "mid_goal": r"中期目标.*|中期绩效目标.*",
    "goal": r"年度目标.*|年度绩效目标.*|年度总体目标.*|本年度目标.*",
    "indicators": r"(?:年度|中期)?绩效指标",
}
_LABEL_RES = {f: re.compile(p) for f, p in LABELS.items()}
LABEL_NAMES: dict[str, str] = {"total": "年度资金总额", "goal": "年度目标"}
# A further funding source in the 项目资金 block (上级补助收入, 单位自筹资金 …).
_SOURCE = re.compile(r".{1,12}(?:资金|拨款|收入|补助|自筹|基金|贷款|资本金)")
_INLINE = re.compile(r"^(?P<label>[^:0-9]+):\s*(?P<value>[-+0-9,.]+)$")

TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "三级指标名称"),
    "value": ("指标值", "年度指标值", "中期指标值", "目标值", "年度目标值", "指标值(年度)", "指标值(中期)"),
    "unit": ("计量单位", "度量单位", "指标单位"),
    "direction": ("指标方向", "比较符号", "符号"),
    "weight": ("权重", "分值", "指标权重"),
    "note": ("备注", "指标解释", "指标说明"),
}
_TABLE_INDEX = {header_key(s): f for f, names in TABLE_FIELDS.items() for s in names}
TABLE_REQUIRED = ("level1", "level2", "name", "value")
TABLE_HEADERS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "value": "指标值"}
_FOOTER = re.compile(r"^(?:填表人|填报人|联系电话|联系人|填报日期|审核人|负责人|单位负责人|注:|说明:|备注:)")
_PLACEHOLDER_NAME = re.compile(r"^(?:指标\s*\d+\s*:?|[.。…]+)$")
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年")
_ASIDE = re.compile(r"\([^()]*\)$")


@dataclass(frozen=True)
class Label:
    field: str
    cell: Cell
    row: int
    col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Table:
    """The indicator table: its header row and the column of each field."""

    row: int
    columns: dict[str, int]
    cells: dict[int, str]  # column -> header key, for spotting a repeated header


def label_key(text: str) -> str:
    return header_key(text).rstrip(":").strip()


def find_national(grids: list[Grid]) -> list[tuple[Grid, list[Label], Table | None]]:
    """Each visible sheet that is a per-project form, with its labels and indicator table."""
    forms = []
    for grid in grids:
        if grid.hidden or grid.is_text:
            continue
        table = _table(grid)
        labels = _labels(grid, table.row if table else min(len(grid.rows), SCAN_ROWS))
        fields = {lab.field for lab in labels}
        if "name" in fields and fields & {"total", "goal", "goals", "funds"} and (table or "total" in fields):
            forms.append((grid, labels, table))
    return forms


def is_national(forms: list[tuple[Grid, list[Label], Table | None]]) -> bool:
    return any(table is not None for _, _, table in forms)


def read_national(path: Path, forms: list[tuple[Grid, list[Label], Table | None]]) -> Submission:
    sub = Submission(path=path, layout=LAYOUT)
    sub.sheets_found[PROJECT_SHEET] = sub.sheets_found[INDICATOR_SHEET] = forms[0][0].name
    for grid, labels, table in forms:
        _read_form(sub, grid, labels, table)
    departments = [r.department for r in sub.rows if r.department]
    sub.department = departments[0] if departments else None
    return sub


# --- labels and their values ------------------------------------------------------------

def _is_anchor(grid: Grid, r: int, c: int) -> Cell | None:
    cell = grid.cell(r, c)
    if cell is None or cell.coord != coordinate(r, c):
        return None
    return cell


def _field_of(text: str) -> str | None:
    """The field a label cell's text names, if any."""
    if len(text) <= CACHED_TEXT_LENGTH:  # every text above a table is tried: they repeat
        return _field_of_short(text)
    return _find_field(text)


@lru_cache(maxsize=1 << 14)
def _field_of_short(text: str) -> str | None:
    return _find_field(text)


def _find_field(text: str) -> str | None:
    k = label_key(text)
    if not k or len(k) > 30:
        return None
    inline = _INLINE.match(colon_key(text))
    if inline:
        k = label_key(inline.group("label"))
    found = next((f for f, rx in _LABEL_RES.items() if rx.fullmatch(k)), None)
    if found is None and k.endswith(")"):  # 项目名称（全称）, 实施单位（盖章）
        bare = _ASIDE.sub("", k)
        found = next((f for f, rx in _LABEL_RES.items() if rx.fullmatch(bare)), None)
    return found


def colon_key(text: str) -> str:
    """A cell's matching key with colons half-width (“年度资金总额：120” -> “年度资金总额:120”)."""
    return key(text).replace("：", ":")


def _extent(grid: Grid, r: int, c: int) -> tuple[int, int]:
    """The last row and column of the (merged) area anchored at (r, c)."""
    anchor = grid.cell(r, c)
    assert anchor is not None
    last_row, last_col = r, c
    while (nxt := grid.cell(last_row + 1, c)) is not None and nxt.coord == anchor.coord:
        last_row += 1
    while (nxt := grid.cell(r, last_col + 1)) is not None and nxt.coord == anchor.coord:
        last_col += 1
    return last_row, last_col


def _labels(grid: Grid, stop: int) -> list[Label]:
    labels = []
    for r in range(min(stop, len(grid.rows))):
        for c, cell in enumerate(grid.rows[r]):
            # The anchor test last: few cells are labels, and it builds a coordinate.
            if cell is None or cell.empty or not isinstance(cell.raw, str):
                continue
            field = _field_of(cell.text)
            if field is not None and cell.coord == coordinate(r, c):
                last_row, last_col = _extent(grid, r, c)
                labels.append(Label(field, cell, r, c, last_row, last_col))
    return labels


def _is_label_cell(grid: Grid, cell: Cell | None) -> bool:
    return cell is not None and isinstance(cell.raw, str) and _field_of(cell.text) is not None


def value_of(grid: Grid, label: Label) -> Cell:
    """The value a label names: written in the label's own cell (“年度资金总额：120”), the next
    cell to the right unless that is a label or outside the form, else the cell below."""
    inline = _INLINE.match(colon_key(label.cell.text))
    if inline:
        return Cell(label.cell.sheet, label.cell.coord, inline.group("value"), label.cell.number_format)
    width = max((len(row) for row in grid.rows), default=0)
    right_col = label.last_col + 1
    right = grid.located(label.row, right_col) if right_col < width else None
    below = grid.located(label.last_row + 1, label.col) if label.last_row + 1 < len(grid.rows) else None
    below_fits = below is not None and not _is_label_cell(grid, below) and below.coord == coordinate(
        label.last_row + 1, label.col)
    if right is not None and not _is_label_cell(grid, right):
        if right.empty and below_fits and below is not None and not below.empty:
            return below  # a heading above its text ("年度目标" over the goal), a blank beside it
        return right
    if below_fits and below is not None:
        return below
    return right or grid.located(label.row, right_col)


# --- one form ---------------------------------------------------------------------------

def _read_form(sub: Submission, grid: Grid, labels: list[Label], table: Table | None) -> None:
    first: dict[str, Label] = {}
    for lab in labels:
        first.setdefault(lab.field, lab)
    if "name" not in first:
        return
    name = value_of(grid, first["name"])
    total_label = _annual_total(labels)
    parts = _sources(grid, labels, total_label)
    goal = _goal(grid, labels, first)
    for field, found in (("total", total_label), ("goal", goal)):
        if found is None:
            sub.columns_missing.append(MissingColumn(grid.name, LABEL_NAMES[field], first["name"].cell.coord, "栏目"))
    department = value_of(grid, first["department"]).text if "department" in first else None
    sub.rows.append(FundsRow(
        kind=RowKind.PROJECT, name=name, total=value_of(grid, total_label) if total_label else None,
        fiscal=parts.pop("fiscal", None), special=parts.pop("special", None), other=parts.pop("other", None),
        goal=goal, unit=value_of(grid, first["user"]) if "user" in first else None,
        department=_without_code(department), sources=tuple((lab, cell) for lab, cell in parts.items()),
    ))
    if sub.year is None:
        sub.year = _year(grid, labels)
    if table is None:
        for f in TABLE_REQUIRED:
            sub.columns_missing.append(MissingColumn(grid.name, TABLE_HEADERS[f], first["name"].cell.coord))
        return
    for f in TABLE_REQUIRED:
        if f not in table.columns:
            sub.columns_missing.append(MissingColumn(grid.name, TABLE_HEADERS[f], coordinate(table.row, 0)))
    _read_table(sub, grid, table, name)


def _annual_total(labels: list[Label]) -> Label | None:
    return next((lab for lab in labels if lab.field == "total"), None)


def _funds_rows(labels: list[Label], total: Label) -> tuple[int, int]:
    """The rows of the 项目资金 block: the rows its label spans when it spans the total's row,
    else from the total's row to the row before the next label of another block."""
    for lab in labels:
        if lab.field == "funds" and lab.row <= total.row <= lab.last_row:
            return lab.row, lab.last_row
    later = [lab.row for lab in labels if lab.row > total.row
             and lab.field not in ("fiscal", "special", "other", "mid_total", "total")]
    return total.row, (min(later) - 1 if later else total.row + 6)


def _sources(grid: Grid, labels: list[Label], total: Label | None) -> dict[str, Cell]:
    """The parts of the annual total: known source labels and other sources of the block
    that sit under (right of) the annual total label rather than the medium-term one."""
    if total is None:
        return {}
    top, bottom = _funds_rows(labels, total)
    totals = [lab.col for lab in labels if lab.field in ("total", "mid_total") and top <= lab.row <= bottom]
    parts: dict[str, Cell] = {}
    for lab in _block_labels(grid, labels, top, bottom):
        owner = max((c for c in totals if c <= lab.col), default=None)
        if owner != total.col or (lab.row == total.row and lab.col == total.col):
            continue
        name = lab.field if lab.field in ("fiscal", "special", "other") else lab.cell.text.rstrip(":：")
        parts.setdefault(name, value_of(grid, lab))
    return parts


def _block_labels(grid: Grid, labels: list[Label], top: int, bottom: int) -> list[Label]:
    """Source labels in the block rows: known ones, and other text cells named like a source."""
    known = [lab for lab in labels if top <= lab.row <= bottom and lab.field in ("fiscal", "special", "other")]
    seen = {(lab.row, lab.col) for lab in labels}
    extra = []
    for r in range(top, bottom + 1):
        for c in range(len(grid.rows[r]) if r < len(grid.rows) else 0):
            cell = _is_anchor(grid, r, c)
            if (cell is None or (r, c) in seen or not isinstance(cell.raw, str)
                    or not _SOURCE.fullmatch(label_key(cell.text))):
                continue
            last_row, last_col = _extent(grid, r, c)
            extra.append(Label("source", cell, r, c, last_row, last_col))
    return sorted(known + extra, key=lambda lab: (lab.row, lab.col))


def _goal(grid: Grid, labels: list[Label], first: dict[str, Label]) -> Cell | None:
    if "goal" in first:
        return value_of(grid, first["goal"])
    if "goals" in first and "mid_goal" not in first:
        return value_of(grid, first["goals"])  # a lone 总体目标 is this year's goal
    return None


def _without_code(text: str | None) -> str | None:
    """“某市司法局（123001）” -> “某市司法局”; the code is not part of the name."""
    if not text:
        return None
    return re.sub(r"\s*[(（]?\s*[0-9]{3,}\s*[)）]?\s*$", "", text).strip() or None


def _year(grid: Grid, labels: list[Label]) -> int | None:
    top = min((lab.row for lab in labels), default=0)
    for row in grid.rows[: top + 1]:
        for cell in row:
            if cell is not None and (y := _TITLE_YEAR.search(cell.text)):
                return int(y.group(1))
    return None


# --- the indicator table ----------------------------------------------------------------

def _table(grid: Grid) -> Table | None:
    for r in range(min(len(grid.rows), SCAN_ROWS)):
        found: dict[str, list[int]] = {}
        cells: dict[int, str] = {}
        seen: set[str] = set()
        for c, cell in enumerate(grid.rows[r]):  # a heading merged down from the row above counts too
            if cell is None or cell.coord in seen:
                continue
            seen.add(cell.coord)
            field = lookup(_TABLE_INDEX, cell.text)
            if field is not None:
                found.setdefault(field, []).append(c)
                cells[c] = header_key(cell.text)
        if "value" in found and ("name" in found or "level1" in found) and len(found) >= 3:
            return Table(r, _choose_columns(grid, r, found), cells)
    return None


def _choose_columns(grid: Grid, row: int, found: dict[str, list[int]]) -> dict[str, int]:
    """One column per field: the annual value column (headed 年度, here or in the row above;
    else the last), and for the other fields the occurrence nearest to its left."""
    values = found["value"]

    def heading(c: int) -> str:
        return key(grid.text(row, c)) + (key(grid.text(row - 1, c)) if row else "")

    annual = [c for c in values if "年度" in heading(c)]
    medium = [c for c in values if "中期" in heading(c)]
    value = annual[0] if annual else next((c for c in reversed(values) if c not in medium), values[-1])
    chosen = {"value": value}
    for f, columns in found.items():
        if f == "value":
            continue
        left = [c for c in columns if c < value]
        right = [c for c in columns if c > value]
        chosen[f] = max(left) if left and f in ("level1", "level2", "name") else (min(right) if right else max(left))
    return chosen


def _read_table(sub: Submission, grid: Grid, table: Table, project: Cell) -> None:
    cols = table.columns
    first = min(cols.values())
    for r in range(table.row + 1, len(grid.rows)):
        if _is_footer(grid, r):
            break  # 填表人, 联系电话, 注： under the table
        if _is_header_copy(grid, table, r):
            sub.repeated_headers.append(grid.located(r, first))
            continue
        get = {f: grid.located(r, c) for f, c in cols.items()}
        core = [get.get(f) for f in ("level2", "name", "value")]
        if all(c is None or c.empty for c in core):
            continue  # a spacer row, or the level-one cell merged down alone
        name, value = get.get("name"), get.get("value")
        if name is not None and _PLACEHOLDER_NAME.match(name.text) and (value is None or value.empty):
            continue  # the form's pre-printed “指标1：” rows left unused
        sub.indicators.append(Indicator(
            project=project, name=name, value=value, level1=get.get("level1"), level2=get.get("level2"),
            direction=get.get("direction"), unit=get.get("unit"), note=get.get("note"), weight=get.get("weight"),
        ))


def _is_footer(grid: Grid, r: int) -> bool:
    return any(_is_anchor(grid, r, c) is not None and _FOOTER.match(colon_key(grid.text(r, c)))
               for c in range(len(grid.rows[r])))


def _is_header_copy(grid: Grid, table: Table, r: int) -> bool:
    hits = sum(1 for c, text in table.cells.items() if header_key(grid.text(r, c)) == text)
    return hits >= max(2, (len(table.cells) + 1) // 2)
