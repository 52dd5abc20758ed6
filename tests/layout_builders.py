"""Workbooks in the two other layouts units send, built the way real files are: the
budget-system export (one indicator per row) and the national per-project form.

Both builders take plain Python data and write a real .xlsx with merged cells, spacer rows and
numbers stored as text where real files have them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

GOAL = "全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。"

# (一级, 二级, 三级, 指标性质/方向, 指标值, 计量单位, 权重)
Row = tuple[Any, ...]
GOOD_INDICATORS: list[Row] = [
    ("产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", "50"),
    ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "=", "100", "%", "30"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "20"),
]


# --- one indicator per row --------------------------------------------------------------

ROWWISE_COLUMNS = ("单位名称", "项目名称", "预算数（万元）", "其中：财政拨款", "其他资金", "年度绩效目标",
                   "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重")


@dataclass
class RowProject:
    name: str
    total: Any
    fiscal: Any
    other: Any
    goal: Any = GOAL
    indicators: list[Row] = field(default_factory=lambda: list(GOOD_INDICATORS))
    unit: str = "某市司法局"


def write_rowwise(path: Path, projects: Sequence[RowProject], *, columns: Sequence[str] = ROWWISE_COLUMNS,
                  merge: bool = True, spacer_after: Sequence[int] = (), title_lines: bool = True,
                  unit_blocks: bool = False, year: int = 2027, sheet: str = "绩效目标",
                  repeat_header_at: int | None = None) -> Path:
    """Projects as a budget-system export: a title, `单位名称：…` and `单位：万元` lines, the
    header, then one row per indicator with the project's fields merged down (`merge`) or
    repeated. `columns` may be reordered or renamed (synonyms). `unit_blocks` puts each unit
    under its own `单位名称：` line and header; `spacer_after` adds a blank row after that
    many data rows; `repeat_header_at` pastes a copy of the header before that data row."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    width = len(columns)
    fields = [_field(c) for c in columns]
    if "指标方向" in columns:  # then 指标性质 says which way is better, as the reader takes it
        fields = ["nature" if c == "指标性质" else f for c, f in zip(columns, fields, strict=True)]
    r = 1
    if title_lines:
        ws.cell(r, 1, f"{year}年项目支出绩效目标表")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        ws.cell(r, 1, f"单位名称：{projects[0].unit}")
        ws.cell(r, width, "单位：万元")
        r += 2
    r = _header(ws, r, columns)
    written = 0
    current_unit: str | None = projects[0].unit if projects else None
    for project in projects:
        if unit_blocks and project.unit != current_unit:
            r += 1
            ws.cell(r, 1, f"单位名称：{project.unit}")
            r = _header(ws, r + 1, columns)
            current_unit = project.unit
        first = r
        for i, ind in enumerate(project.indicators or [(None,) * 7]):
            if repeat_header_at is not None and written == repeat_header_at:
                r = _header(ws, r, columns)
                first = r
            values = _rowwise_values(project, ind)
            for c, name in enumerate(fields, start=1):
                value = values.get(name)
                if value is not None and (i == 0 or not merge or name not in _PROJECT_FIELDS):
                    ws.cell(r, c, value)
            r += 1
            written += 1
            if written in spacer_after:
                r += 1
        if merge and r - 1 > first:
            for c, name in enumerate(fields, start=1):
                if name in _PROJECT_FIELDS:
                    ws.merge_cells(start_row=first, start_column=c, end_row=r - 1, end_column=c)
    book.save(path)
    return path


_PROJECT_FIELDS = ("unit", "name", "total", "fiscal", "other", "goal")
_FIELD_OF = {
    "单位名称": "unit", "预算单位": "unit", "项目名称": "name", "预算数（万元）": "total", "年度预算": "total",
    "资金总额": "total", "其中：财政拨款": "fiscal", "财政拨款": "fiscal", "其他资金": "other",
    "年度绩效目标": "goal", "年度目标": "goal", "一级指标": "level1", "二级指标": "level2", "三级指标": "name3",
    "指标名称": "name3", "指标性质": "op", "指标方向": "op", "指标值": "value", "目标值": "value",
    "度量单位": "measure", "计量单位": "measure", "权重": "weight", "分值": "weight", "指标方向性": "nature",
}


def _field(column: str) -> str:
    return _FIELD_OF.get(column, column)


def _rowwise_values(project: RowProject, ind: Row) -> dict[str, Any]:
    level1, level2, name, op, value, measure, weight, *rest = (*ind, None, None, None, None, None, None, None)
    return {"unit": project.unit, "name": project.name, "total": project.total, "fiscal": project.fiscal,
            "other": project.other, "goal": project.goal, "level1": level1, "level2": level2, "name3": name,
            "op": op, "value": value, "measure": measure, "weight": weight, "nature": rest[0] if rest else None}


def _header(ws: Worksheet, r: int, columns: Sequence[str]) -> int:
    for c, col in enumerate(columns, start=1):
        ws.cell(r, c, col)
    return r + 1


# --- the national per-project form ------------------------------------------------------

@dataclass
class Form:
    """One project's form. `order` lists the label blocks top to bottom; `spacers` adds that
    many blank rows between blocks; `side_by_side` writes medium-term next to annual values."""

    name: str
    total: Any = "600.00"
    fiscal: Any = "500.00"
    other: Any = "100.00"
    sources: tuple[tuple[str, Any], ...] = ()
    goal: Any = GOAL
    department: str = "某市司法局（123001）"
    user: str = "某市普法办"
    indicators: list[Row] = field(default_factory=lambda: list(GOOD_INDICATORS))
    order: tuple[str, ...] = ("name", "department", "attribute", "funds", "goals")
    spacers: int = 0
    side_by_side: bool = True
    goal_label: str = "年度目标"
    year: int = 2027
    label_width: int = 1


def write_national(path: Path, forms: Sequence[Form], *, instructions: bool = True) -> Path:
    """One sheet per project (named after it), plus an instruction sheet first."""
    book = Workbook()
    book.remove(book.active)
    if instructions:
        guide = book.create_sheet("填表说明")
        guide["A1"] = "填表说明"
        guide["A2"] = "1. 项目名称：按预算申报的项目名称填写。"
        guide["A3"] = "2. 绩效指标：一级指标包括产出指标、效益指标、满意度指标。"
    for form in forms:
        _national_sheet(book.create_sheet(form.name[:31]), form)
    book.save(path)
    return path


_WIDTH = 8


def _put(ws: Worksheet, r: int, c: int, value: Any, *, to_col: int | None = None, to_row: int | None = None) -> None:
    if value is not None:
        ws.cell(r, c, value)
    if (to_col and to_col > c) or (to_row and to_row > r):
        ws.merge_cells(start_row=r, start_column=c, end_row=to_row or r, end_column=to_col or c)


def _national_sheet(ws: Worksheet, form: Form) -> None:
    _put(ws, 1, 1, "项目支出绩效目标申报表", to_col=_WIDTH)
    _put(ws, 2, 1, f"（{form.year}年度）", to_col=_WIDTH)
    r = 3
    for block in form.order:
        r += form.spacers
        r = _BLOCKS[block](ws, r, form)
    r += form.spacers
    _indicator_table(ws, r, form)
    for c in range(1, _WIDTH + 1):
        ws.column_dimensions[get_column_letter(c)].width = 16


def _label_value(ws: Worksheet, r: int, label: str, value: Any, form: Form) -> int:
    lw = form.label_width
    _put(ws, r, 1, label, to_col=lw)
    _put(ws, r, lw + 1, value, to_col=_WIDTH)
    return r + 1


def _name_block(ws: Worksheet, r: int, form: Form) -> int:
    return _label_value(ws, r, "项目名称", form.name, form)


def _department_block(ws: Worksheet, r: int, form: Form) -> int:
    lw = form.label_width
    _put(ws, r, 1, "主管部门及代码", to_col=lw)
    _put(ws, r, lw + 1, form.department, to_col=4)
    _put(ws, r, 5, "实施单位")
    _put(ws, r, 6, form.user, to_col=_WIDTH)
    return r + 1


def _attribute_block(ws: Worksheet, r: int, form: Form) -> int:
    lw = form.label_width
    _put(ws, r, 1, "项目属性", to_col=lw)
    _put(ws, r, lw + 1, "经常性项目", to_col=4)
    _put(ws, r, 5, "项目期")
    _put(ws, r, 6, "1年", to_col=_WIDTH)
    return r + 1


def _funds_block(ws: Worksheet, r: int, form: Form) -> int:
    lines = [("年度资金总额：", form.total), ("其中：财政拨款", form.fiscal), ("其他资金", form.other),
             *form.sources]
    lines = [(label, value) for label, value in lines if label]
    _put(ws, r, 1, "项目资金\n（万元）", to_row=r + len(lines) - 1)
    for i, (label, value) in enumerate(lines):
        if form.side_by_side:
            medium = "中期资金总额：" if i == 0 else label
            _put(ws, r + i, 2, medium, to_col=3)
            _put(ws, r + i, 4, _medium(value))
            _put(ws, r + i, 5, label, to_col=6)
            _put(ws, r + i, 7, value, to_col=_WIDTH)
        else:
            _put(ws, r + i, 2, label, to_col=4)
            _put(ws, r + i, 5, value, to_col=_WIDTH)
    return r + len(lines)


def _medium(value: Any) -> Any:
    try:
        return f"{float(str(value).replace(',', '')) * 3:.2f}"
    except ValueError:
        return value


def _goals_block(ws: Worksheet, r: int, form: Form) -> int:
    _put(ws, r, 1, "总体目标", to_row=r + 1)
    if form.side_by_side:
        _put(ws, r, 2, "中期目标（2027年—2029年）", to_col=4)
        if form.goal_label:
            _put(ws, r, 5, form.goal_label, to_col=_WIDTH)
        _put(ws, r + 1, 2, "三年内实现普法宣传全覆盖。", to_col=4)
        _put(ws, r + 1, 5, form.goal, to_col=_WIDTH)
        return r + 2
    _put(ws, r, 2, form.goal_label or "中期目标", to_col=3)
    _put(ws, r, 4, form.goal, to_col=_WIDTH)
    return r + 2


_BLOCKS = {"name": _name_block, "department": _department_block, "attribute": _attribute_block,
           "funds": _funds_block, "goals": _goals_block}


def _indicator_table(ws: Worksheet, r: int, form: Form) -> None:
    rows = form.indicators
    _put(ws, r, 1, "绩效指标", to_row=r + max(len(rows), 1) + 1)
    if form.side_by_side:
        _put(ws, r, 2, "一级指标", to_row=r + 1)
        _put(ws, r, 3, "中期指标", to_col=5)
        _put(ws, r, 6, "年度指标", to_col=8)
        for c, text in enumerate(("二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"), start=3):
            ws.cell(r + 1, c, text)
        start = r + 2
    else:
        for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值"), start=2):
            ws.cell(r, c, text)
        start = r + 1
    previous = None
    for i, (level1, level2, name, op, value, unit, *_rest) in enumerate(rows):
        row = start + i
        shown = f"{op if op not in (None, '=') else ''}{value if value is not None else ''}{unit or ''}"
        shown_value: Any = shown if value is not None else None
        if level1 != previous:  # the level-one category merged down over its rows
            ws.cell(row, 2, level1)
            run = next((j for j, x in enumerate(rows[i:]) if x[0] != level1), len(rows) - i)
            if run > 1:
                ws.merge_cells(start_row=row, start_column=2, end_row=row + run - 1, end_column=2)
        previous = level1
        if form.side_by_side:
            ws.cell(row, 3, level2)
            ws.cell(row, 4, name)
            ws.cell(row, 5, shown_value)
            ws.cell(row, 6, level2)
            ws.cell(row, 7, name)
            ws.cell(row, 8, shown_value)
        else:
            ws.cell(row, 3, level2)
            ws.cell(row, 4, name)
            ws.cell(row, 5, shown_value)


# --- one-line harnesses for the rule tests -----------------------------------------------

def check_rowwise(tmp_path: Path, rule_id: str, projects: Sequence[RowProject], *,
                  columns: Sequence[str] = ROWWISE_COLUMNS, **options: Any) -> list[Any]:
    """Write `projects` as a budget-system export, run one rule, return its findings."""
    from helpers import run_rule

    return run_rule(rule_id, write_rowwise(tmp_path / "export.xlsx", projects, columns=columns), **options)


def check_national(tmp_path: Path, rule_id: str, forms: Sequence[Form], **options: Any) -> list[Any]:
    """Write `forms` as national per-project forms, run one rule, return its findings."""
    from helpers import run_rule

    return run_rule(rule_id, write_national(tmp_path / "forms.xlsx", forms), **options)


def project(indicators: list[Row], **kw: Any) -> RowProject:
    """The one passing project of the export with other indicators."""
    return RowProject("普法经费", "600.00", "500.00", "100.00", indicators=indicators, **kw)
