"""Self-evaluation tables (项目支出绩效自评表), in both layouts the target tables come in.

The per-project form (one project per sheet) is read by the national form's reader
(`national.find_national` / `read_national`: labels, merged cells, the indicator table by its
headers) and completed here: the 项目资金 block's columns 年初预算数 | 全年预算数 | 全年执行数 |
分值 | 执行率 | 得分 for each of its lines (年度资金总额, 其中：财政拨款, 其他资金, 上年结转 …), the
年度总体目标 block's 预期目标 | 实际完成情况, the indicator columns 实际完成值 | 得分 | 偏差原因分析及
改进措施, the 总分 row and the stated grade (自评等级). A form is a self-evaluation when its
indicator table has an 实际完成值 and a 得分 column.

The budget-system export (one indicator per row) is read by `rowwise.read_rowwise` with a
header index that also knows the self-evaluation columns; the project's funds, total score and
grade are taken from the first of its rows that holds them.

In both, the FundsRow's amounts are the 全年预算数 column and its goal is the 预期目标, so every
rule for target tables still applies; the indicator's value is the 年度指标值 and its weight the
分值. Layouts: "self-evaluation" and "self-evaluation-rowwise"."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from validator.reader.columns import ROWWISE_FIELDS, header_key, lookup
from validator.reader.grid import Grid, coordinate
from validator.reader.layout import Header, find_header
from validator.reader.national import Label, Table, colon_key, find_national, label_key, read_national
from validator.reader.rowwise import read_rowwise
from validator.reader.template import read_meta
from validator.records import Cell, Evaluation, FundsLine, FundsRow, Indicator, Submission
from validator.text import key

LAYOUT = "self-evaluation"
ROWWISE_LAYOUT = "self-evaluation-rowwise"

_INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "actual": ("实际完成值", "实际值", "完成值", "实际完成指标值", "全年实际完成值", "实际完成情况值"),
    "score": ("得分", "指标得分", "自评得分"),
    "reason": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "偏差原因及改进措施", "未完成原因分析及改进措施",
               "偏差原因分析和改进措施"),
}
_FUNDS_COLUMNS: dict[str, tuple[str, ...]] = {
    "start": ("年初预算数", "年初预算"),
    "budget": ("全年预算数", "全年预算", "调整后预算数"),
    "executed": ("全年执行数", "执行数", "实际执行数", "全年实际执行数"),
    "weight": ("分值",),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
}
_GOAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "expected": ("预期目标",), "actual": ("实际完成情况", "实际完成", "完成情况"),
}
_TOTAL_ROW = frozenset({"总分", "合计", "总计", "总得分"})
_GRADE = re.compile(r"^(?:自评等级|评价等级|绩效等级|自评结果|等级)[:]?(?P<value>.*)$")
_COORD = re.compile(r"^(?:[A-Z]+(\d+)|第(\d+)行第\d+列)$")  # E7, or a text table's 第7行第5列

# The export's header index: the target export's fields plus the self-evaluation columns.
_ROWWISE_EXTRA: dict[str, tuple[str, ...]] = {
    "total": (*ROWWISE_FIELDS["total"], "全年预算数", "全年预算", "调整后预算数"),
    "goal": (*ROWWISE_FIELDS["goal"], "预期目标"),
    "start": ("年初预算数",),
    "executed": ("全年执行数", "执行数", "实际执行数"),
    "rate": ("执行率", "预算执行率"),
    "funds_weight": ("预算执行率分值", "执行率分值", "资金分值"),
    "funds_score": ("预算执行率得分", "执行率得分", "资金得分"),
    "goal_actual": ("实际完成情况", "总体目标完成情况", "年度总体目标完成情况", "目标实际完成情况"),
    "total_score": ("总分", "自评总分", "总得分", "自评得分合计"),
    "grade": ("自评等级", "评价等级", "绩效等级"),
    **_INDICATOR_COLUMNS,
}
_ROWWISE_INDEX = {header_key(s): f for f, names in {**ROWWISE_FIELDS, **_ROWWISE_EXTRA}.items() for s in names}

Form = tuple[Grid, list[Label], Table | None]


def _index(fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(s): f for f, names in fields.items() for s in names}


_INDICATOR_INDEX = _index(_INDICATOR_COLUMNS)
_FUNDS_INDEX = _index(_FUNDS_COLUMNS)
_GOAL_INDEX = _index(_GOAL_COLUMNS)


# --- detection ---------------------------------------------------------------------------

def _row_columns(grid: Grid, row: int, index: dict[str, str]) -> dict[str, int]:
    """Fields named by the header cells of one row (a merged heading counts once, at its
    first column)."""
    found: dict[str, int] = {}
    seen: set[str] = set()
    for c in range(len(grid.rows[row]) if row < len(grid.rows) else 0):
        cell = grid.cell(row, c)
        if cell is None or cell.coord in seen:
            continue
        seen.add(cell.coord)
        field = lookup(index, cell.text)
        if field is not None:
            found.setdefault(field, c)
    return found


def self_evaluation_forms(forms: list[Form]) -> list[Form]:
    """The per-project forms (`national.find_national`) whose indicator table has 实际完成值 and
    得分 columns."""
    return [(g, labels, table) for g, labels, table in forms
            if table is not None and {"actual", "score"} <= _row_columns(g, table.row, _INDICATOR_INDEX).keys()]


def find_self_forms(grids: list[Grid]) -> list[Form]:
    return self_evaluation_forms(find_national(grids))


def find_self_rowwise(grids: list[Grid]) -> list[tuple[Grid, Header]]:
    """Sheets of one indicator per row with the self-evaluation columns."""
    found = []
    for grid in grids:
        if grid.hidden:
            continue
        header = find_header(grid, _ROWWISE_INDEX, minimum=4)
        if header is not None and {"project", "value", "actual", "score"} <= header.columns.keys():
            found.append((grid, header))
    return found


# --- the per-project form ----------------------------------------------------------------

def read_self_forms(path: Path, forms: list[Form]) -> Submission:
    sub = read_national(path, forms)
    sub.layout = LAYOUT
    for grid, labels, table in forms:
        assert table is not None
        _complete_form(sub, grid, labels, table)
    return sub


def _complete_form(sub: Submission, grid: Grid, labels: list[Label], table: Table) -> None:
    at = next((i for i, r in enumerate(sub.rows) if r.name.sheet == grid.name), None)
    if at is None:
        return
    row = sub.rows[at]
    funds = _funds_lines(grid, labels, table.row)
    expected, goal_actual = _goal_cells(grid, table.row)
    total_row = _total_row(grid, table.row)
    columns = {**_row_columns(grid, table.row, _INDICATOR_INDEX), **{
        f: c for f, c in table.columns.items() if f == "weight"}}
    sub.rows[at] = _amounts_from_lines(row, funds, expected)
    stop = total_row if total_row is not None else len(grid.rows)
    kept: list[Indicator] = []
    for ind in sub.indicators:
        r = row_of(ind)
        if ind.project.sheet != grid.name or r is None:
            kept.append(ind)
        elif r < stop:
            cells = {f: grid.located(r, c) for f, c in columns.items()}
            kept.append(replace(ind, actual=cells.get("actual"), score=cells.get("score"), reason=cells.get("reason")))
    sub.indicators[:] = kept
    total_weight = total_score = None
    if total_row is not None:
        total_weight = _value_cell(grid, total_row, columns.get("weight"))
        total_score = _value_cell(grid, total_row, columns.get("score"))
    sub.evaluations.append(Evaluation(
        project=row.name, funds=funds, goal_actual=goal_actual, total_weight=total_weight,
        total_score=total_score, grade=_grade(grid, table.row),
    ))


def row_of(ind: Indicator) -> int | None:
    """The zero-based row an indicator was read from (its value or name cell)."""
    for cell in (ind.value, ind.name):
        if cell is not None and (m := _COORD.match(cell.coord)):
            return int(m.group(1) or m.group(2)) - 1
    return None


def _value_cell(grid: Grid, r: int, c: int | None) -> Cell | None:
    """The cell at (r, c) unless it is part of the row's label (总分 merged across)."""
    if c is None:
        return None
    cell = grid.located(r, c)
    return None if header_key(cell.text) in _TOTAL_ROW else cell


def _funds_header(grid: Grid, stop: int) -> tuple[int, dict[str, int]] | None:
    for r in range(min(stop, len(grid.rows))):
        cols = _row_columns(grid, r, _FUNDS_INDEX)
        if {"budget", "executed"} <= cols.keys():
            return r, cols
    return None


def _funds_lines(grid: Grid, labels: list[Label], table_row: int) -> tuple[FundsLine, ...]:
    found = _funds_header(grid, table_row)
    if found is None:
        return ()
    header_row, cols = found
    first = min(cols.values())
    later = [lab.row for lab in labels if lab.row > header_row and lab.field in ("goals", "goal", "mid_goal", "indicators")]
    stop = min([*later, table_row])
    lines = []
    for r in range(header_row + 1, stop):
        label = _line_label(grid, r, first)
        if label is None:
            continue
        lines.append(FundsLine(_line_name(label.text), label, **{f: grid.located(r, c) for f, c in cols.items()}))
    return tuple(lines)


def _line_label(grid: Grid, r: int, first: int) -> Cell | None:
    """The last text cell left of the amounts that is not the block's own label."""
    found = None
    for c in range(min(first, len(grid.rows[r]))):
        cell = grid.cell(r, c)
        if cell is None or cell.empty or not isinstance(cell.raw, str):
            continue
        if re.fullmatch(r"项目资金(?:情况)?|资金情况", label_key(cell.text)):
            continue
        found = cell
    return found


def _line_name(text: str) -> str:
    k = header_key(text).rstrip(":")
    if re.fullmatch(r"年度资金总额|年度资金|资金总额|年度资金合计|合计|总计", k):
        return "年度资金总额"
    if re.fullmatch(r"财政拨款(?:资金)?|财政资金|一般公共预算(?:拨款|资金)?", k):
        return "财政拨款"
    if re.fullmatch(r"其他资金|其他", k):
        return "其他资金"
    return k


def _goal_cells(grid: Grid, table_row: int) -> tuple[Cell | None, Cell | None]:
    for r in range(min(table_row, len(grid.rows))):
        cols = _row_columns(grid, r, _GOAL_INDEX)
        if {"expected", "actual"} <= cols.keys():
            return grid.located(r + 1, cols["expected"]), grid.located(r + 1, cols["actual"])
    return None, None


def _amounts_from_lines(row: FundsRow, funds: tuple[FundsLine, ...], expected: Cell | None) -> FundsRow:
    """The project's amounts are the 全年预算数 of its lines; its goal the 预期目标."""
    by_name = {f.label: f.budget for f in funds}
    if not by_name:
        return replace(row, goal=expected or row.goal)
    sources = tuple((name, cell) for name, cell in by_name.items()
                    if cell is not None and name not in ("年度资金总额", "财政拨款", "其他资金"))
    return replace(row, total=by_name.get("年度资金总额"), fiscal=by_name.get("财政拨款"), special=None,
                   other=by_name.get("其他资金"), sources=sources, goal=expected or row.goal)


def _total_row(grid: Grid, table_row: int) -> int | None:
    for r in range(table_row + 1, len(grid.rows)):
        for c in range(len(grid.rows[r])):
            cell = grid.cell(r, c)
            if cell is not None and cell.coord == coordinate(r, c) and header_key(cell.text) in _TOTAL_ROW:
                return r
    return None


def _grade(grid: Grid, table_row: int) -> Cell | None:
    """The stated grade: written after its label (“自评等级：优”), else the next cell to the
    right that holds something, else the cell below."""
    for r in range(table_row + 1, len(grid.rows)):
        for c in range(len(grid.rows[r])):
            cell = grid.cell(r, c)
            if cell is None or cell.coord != coordinate(r, c) or not isinstance(cell.raw, str):
                continue
            m = _GRADE.match(colon_key(cell.text))
            if m is None:
                continue
            if m.group("value").strip():
                return Cell(cell.sheet, cell.coord, m.group("value").strip())
            right = [grid.cell(r, x) for x in range(c + 1, len(grid.rows[r]))]
            filled = next((x for x in right if x is not None and x.coord != cell.coord and not x.empty), None)
            return filled or grid.located(r + 1, c)
    return None


# --- the template's own sheet ----------------------------------------------------------------

def with_template_meta(sub: Submission, grids: list[Grid]) -> Submission:
    """The hidden 模板信息 sheet of `validator template --kind 自评` (template id, version, year,
    rules checksum), as the standard template's; it also settles an unread unit or year."""
    sub.meta = read_meta(grids)
    if sub.meta is not None:
        sub.department = sub.department or sub.meta.department
        sub.year = sub.year or sub.meta.year
    return sub


# --- the export --------------------------------------------------------------------------

def read_self_rowwise(path: Path, tables: list[tuple[Grid, Header]]) -> Submission:
    sub = read_rowwise(path, tables)
    sub.layout = ROWWISE_LAYOUT
    for grid, header in tables:
        _complete_rowwise(sub, grid, header.columns)
    return sub


def _complete_rowwise(sub: Submission, grid: Grid, cols: dict[str, int]) -> None:
    def get(field: str, r: int) -> Cell | None:
        return grid.located(r, cols[field]) if field in cols else None

    rows_of: dict[str, list[int]] = {}
    kept: list[Indicator] = []
    for ind in sub.indicators:
        r = row_of(ind)
        if ind.project.sheet != grid.cell_sheet or r is None:
            kept.append(ind)
            continue
        kept.append(replace(ind, actual=get("actual", r), score=get("score", r), reason=get("reason", r)))
        rows_of.setdefault(key(ind.project.text), []).append(r)
    sub.indicators[:] = kept
    for row in sub.projects:
        rows = rows_of.get(key(row.name.text))
        if row.name.sheet != grid.cell_sheet or not rows:
            continue

        def first(field: str, rows: list[int] = rows) -> Cell | None:
            cells = [c for r in rows if (c := get(field, r)) is not None]
            return next((c for c in cells if not c.empty), cells[0] if cells else None)

        line = FundsLine("年度资金总额", row.name, start=first("start"), budget=first("total"),
                         executed=first("executed"), weight=first("funds_weight"), rate=first("rate"),
                         score=first("funds_score"))
        sub.evaluations.append(Evaluation(
            project=row.name, funds=(line,), goal_actual=first("goal_actual"), total_weight=None,
            total_score=first("total_score"), grade=first("grade"),
        ))
