"""The standard template workbook (`validator template`), optionally pre-filled per unit.

Built to prevent mistakes: dropdowns that point at ranges on a hidden sheet (never inline
lists, which Excel drops past 255 characters), a dependent 二级 list through named ranges,
decimal validation on amounts, Chinese input prompts, frozen headers, and value cells
formatted as text so `95%` stays `95%`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from validator.outputs.sheetout import LINE_HEIGHT, print_across, put_text, wrapped_lines
from validator.reader.columns import INDICATOR_HEADERS, PROJECT_HEADERS
from validator.reader.sheets import (
    CONTROL_SHEET,
    GUIDE_SHEET,
    INDICATOR_SHEET,
    LISTS_SHEET,
    META_SHEET,
    PROJECT_SHEET,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
)
from validator.values.categories import TAXONOMY

HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1
PROJECT_ROWS = 200
INDICATOR_ROWS = 2000
DIRECTIONS = ("≥", "≤", "=", ">", "<", "定性")
UNITS = ("%", "个", "人", "人次", "次", "件", "场", "期", "项", "份", "天", "小时", "分钟", "秒", "万元", "元",
         "平方米", "公里", "台", "套", "户", "家", "条", "分")

PROJECT_COLUMNS = ("name", "unit", "total", "fiscal", "special", "other", "goal")
INDICATOR_COLUMNS = ("project", "level1", "level2", "name", "direction", "value", "unit", "note")
_PROJECT_WIDTHS = (36, 22, 14, 14, 14, 14, 60)
_INDICATOR_WIDTHS = (30, 14, 18, 36, 10, 14, 10, 40)

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="宋体", size=16, bold=True)
_HEADER_FONT = Font(name="宋体", size=11, bold=True)
AMOUNT_FORMAT = "#,##0.00"
_WRONG = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")  # 总计 ≠ its sources
_MISSING = PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C")  # a required cell left empty
_CONTROL_FILL = PatternFill("solid", fgColor="F2F2F2")  # pre-filled by the budget section, locked


@dataclass(frozen=True)
class BudgetLine:
    """One pre-filled project with its control amounts (万元)."""

    project: str
    total: Decimal | None = None
    fiscal: Decimal | None = None
    special: Decimal | None = None
    other: Decimal | None = None


@dataclass(frozen=True)
class ProjectRow:
    """One filled row of the project sheet (`validator import`)."""

    name: str
    unit: str | None
    total: Decimal | None
    fiscal: Decimal | None
    special: Decimal | None
    other: Decimal | None
    goal: str | None


@dataclass(frozen=True)
class IndicatorRow:
    """One filled row of the indicator sheet, in the sheet's column order."""

    project: str
    level1: str | None
    level2: str | None
    name: str | None
    direction: str | None
    value: str | None
    unit: str | None
    note: str | None


def default_year(today: date | None = None) -> int:
    """Templates are handed out in autumn for next year's budget."""
    return (today or date.today()).year + 1


def build_template(*, year: int, department: str | None = None, lines: list[BudgetLine] | None = None,
                   rules_checksum: str = "") -> Workbook:
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    _guide(guide, year)
    _project_sheet(book.create_sheet(PROJECT_SHEET), year, department, lines or [])
    _indicator_sheet(book.create_sheet(INDICATOR_SHEET), year, department)
    _lists_sheet(book)
    _meta_sheet(book, year=year, department=department, rules_checksum=rules_checksum)
    _control_sheet(book, lines or [])
    book.active = 1
    return book


def write_template(path: Path, *, year: int, department: str | None = None,
                   lines: list[BudgetLine] | None = None, rules_checksum: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = build_template(year=year, department=department, lines=lines, rules_checksum=rules_checksum)
    book.save(path)
    return path


def write_filled_template(path: Path, *, year: int, department: str | None, projects: list[ProjectRow],
                          indicators: list[IndicatorRow], rules_checksum: str = "") -> Path:
    """A standard template with projects and indicators already filled in. Text is written
    as literal strings: a name starting with "=" stays text, never a formula."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = build_template(year=year, department=department, rules_checksum=rules_checksum)
    _fill_rows(book[PROJECT_SHEET], [
        (p.name, p.unit, p.total, p.fiscal, p.special, p.other, p.goal) for p in projects
    ])
    _fill_rows(book[INDICATOR_SHEET], [
        (i.project, i.level1, i.level2, i.name, i.direction, i.value, i.unit, i.note) for i in indicators
    ])
    book.save(path)
    return path


def _fill_rows(ws: Worksheet, rows: list[tuple[str | Decimal | None, ...]]) -> None:
    for r, values in enumerate(rows, start=FIRST_DATA_ROW):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, Decimal):
                cell.value = value
            else:
                put_text(cell, value)


def write_unit_templates(directory: Path, units: dict[str, list[BudgetLine]], *, year: int,
                         rules_checksum: str = "") -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_template(directory / template_file_name(year, unit), year=year, department=unit,
                       lines=lines, rules_checksum=rules_checksum)
        for unit, lines in units.items()
    ]


def template_file_name(year: int, unit: str) -> str:
    return f"{year}年项目支出绩效目标表_{_safe(unit)}.xlsx"


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "未命名单位"


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.cell(1, 1, text).font = _TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30


def _headers(ws: Worksheet, headers: list[str], widths: tuple[int, ...]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 2)
    ws.row_dimensions[HEADER_ROW].height = 24
    print_across(ws, title_rows=f"1:{HEADER_ROW}")


def _validation(ws: Worksheet, rng: str, *, prompt: str, title: str, **kwargs: object) -> DataValidation:
    dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt,
                        errorTitle="输入有误", **kwargs)
    dv.add(rng)
    ws.add_data_validation(dv)
    return dv


def _project_sheet(ws: Worksheet, year: int, department: str | None, lines: list[BudgetLine]) -> None:
    _title(ws, f"{year}年项目支出绩效目标表（项目信息）", len(PROJECT_COLUMNS))
    ws.cell(2, 1, f"部门名称：{department or ''}")
    ws.cell(2, len(PROJECT_COLUMNS), "单位：万元").alignment = Alignment(horizontal="right")
    _headers(ws, [PROJECT_HEADERS[c] for c in PROJECT_COLUMNS], _PROJECT_WIDTHS)
    last = FIRST_DATA_ROW + PROJECT_ROWS - 1
    # Column styles, not per-cell ones: Excel and WPS apply them to whatever is typed there,
    # and the workbook stays small and quick to read back.
    _column_format(ws, "A", "@")
    for letter in "CDEF":
        _column_format(ws, letter, AMOUNT_FORMAT)
    ws.column_dimensions["G"].alignment = Alignment(wrap_text=True, vertical="top")
    for i, line in enumerate(lines):
        _fill_project(ws, FIRST_DATA_ROW + i, line, department)
    _unlock_inputs(ws, "ABCDEFG")
    if lines:
        _protect_control_amounts(ws, len(lines))
    _highlight(ws, f"C{FIRST_DATA_ROW}:C{last}",
               f"AND(COUNT($C{FIRST_DATA_ROW}:$F{FIRST_DATA_ROW})>0,"
               f"ROUND(N($C{FIRST_DATA_ROW}),2)<>ROUND(SUM($D{FIRST_DATA_ROW}:$F{FIRST_DATA_ROW}),2))", _WRONG)
    _highlight_required(ws, "ACG", last, row_span="A{r}:G{r}")
    _validation(ws, f"C{FIRST_DATA_ROW}:F{last}", type="decimal", operator="greaterThanOrEqual", formula1="0",
                title="金额（万元）", prompt="填写数字，单位万元，保留两位小数；总计 = 财政拨款 + 财政专户拨款 + 其他资金。",
                showErrorMessage=True, error="金额必须是不小于 0 的数字（单位：万元）。")
    _validation(ws, f"A{FIRST_DATA_ROW}:A{last}", title="项目名称", showErrorMessage=False,
                prompt="填写项目全称，不要加空格或换行；同一项目只填一行。")
    _validation(ws, f"G{FIRST_DATA_ROW}:G{last}", title="绩效目标", showErrorMessage=False,
                prompt="写明本年度目标：做什么、做多少、达到什么效果（不少于 15 字），不要照抄项目名称。")


def _column_format(ws: Worksheet, letter: str, number_format: str) -> None:
    ws.column_dimensions[letter].number_format = number_format


def _fill_project(ws: Worksheet, row: int, line: BudgetLine, department: str | None) -> None:
    ws.cell(row, 1, line.project)
    ws.cell(row, 2, department or "")
    for col, amount in zip(range(3, 7), (line.total, line.fiscal, line.special, line.other)):
        if amount is not None:
            ws.cell(row, col, amount)


def _indicator_sheet(ws: Worksheet, year: int, department: str | None) -> None:
    _title(ws, f"{year}年项目支出绩效目标表（绩效指标）", len(INDICATOR_COLUMNS))
    ws.cell(2, 1, f"部门名称：{department or ''}")
    ws.cell(2, 4, "每行填写一条指标；每个项目至少各有一条产出、效益、满意度指标。")
    _headers(ws, [INDICATOR_HEADERS[c] for c in INDICATOR_COLUMNS], _INDICATOR_WIDTHS)
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + INDICATOR_ROWS - 1
    for letter in "ADFH":
        _column_format(ws, letter, "@")
    project_range = f"'{PROJECT_SHEET}'!$A${FIRST_DATA_ROW}:$A${FIRST_DATA_ROW + PROJECT_ROWS - 1}"
    _validation(ws, f"A{first}:A{last}", type="list", formula1=f"={project_range}", title="项目名称",
                prompt="从下拉列表选择项目（与项目信息表一致）。", showErrorMessage=True,
                error="请从下拉列表中选择项目信息表中已填写的项目。")
    _validation(ws, f"B{first}:B{last}", type="list", formula1="=一级指标", title="一级指标",
                prompt="选择 产出指标、成本指标、效益指标 或 满意度指标。", showErrorMessage=True,
                error="请从下拉列表中选择一级指标。")
    _validation(ws, f"C{first}:C{last}", type="list", formula1=f"=INDIRECT($B{first})", title="二级指标",
                prompt="先选一级指标，再从下拉列表选择对应的二级指标。", showErrorMessage=True,
                error="二级指标须属于所选的一级指标。")
    _validation(ws, f"D{first}:D{last}", title="三级指标", showErrorMessage=False,
                prompt="具体、可衡量的指标名称，如“法治讲座场次”“群众满意度”。")
    _validation(ws, f"E{first}:E{last}", type="list", formula1="=指标方向", title="指标方向",
                prompt="≥ 越多越好；≤ 越少越好；= 恰好达到；定性 为无法量化的指标。", showErrorMessage=False)
    _validation(ws, f"F{first}:F{last}", title="指标值", showErrorMessage=False,
                prompt="填写数值，如 95%、4、24；或把符号写在一起，如 ≥95%、<24小时。一格只写一个目标。")
    _validation(ws, f"G{first}:G{last}", type="list", formula1="=计量单位", title="计量单位",
                prompt="从列表选择或直接输入单位。", showErrorMessage=False)
    _highlight_required(ws, "ABCDF", last, row_span="A{r}:H{r}")


def _unlock_inputs(ws: Worksheet, letters: str) -> None:
    """Input columns stay editable when the sheet is protected (column styles reach every
    row a unit types into)."""
    for letter in letters:
        ws.column_dimensions[letter].protection = Protection(locked=False)


def _protect_control_amounts(ws: Worksheet, rows: int) -> None:
    """The budget section's pre-filled projects and 控制数 cannot be typed over: the sheet is
    protected (no password: it guards against slips, not against the unit) with every other
    input cell unlocked; rows and columns can still be resized and filtered."""
    for row in range(FIRST_DATA_ROW, FIRST_DATA_ROW + rows):
        ws.cell(row, 1).protection = Protection(locked=True)
        for col in range(3, 7):
            if ws.cell(row, col).value is not None:
                ws.cell(row, col).protection = Protection(locked=True)
                ws.cell(row, col).fill = _CONTROL_FILL
        for col in (2, 7):
            ws.cell(row, col).protection = Protection(locked=False)
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.autoFilter = protection.sort = False
    protection.selectLockedCells = protection.selectUnlockedCells = False


def _highlight(ws: Worksheet, rng: str, formula: str, fill: PatternFill) -> None:
    ws.conditional_formatting.add(rng, FormulaRule(formula=[formula], fill=fill, stopIfTrue=False))


def _highlight_required(ws: Worksheet, letters: str, last: int, *, row_span: str) -> None:
    """A required cell left empty in a row the unit has started is shaded while typing."""
    started = f"COUNTA(${row_span.format(r=FIRST_DATA_ROW).replace(':', ':$')})>0"
    for letter in letters:
        cell = f"{letter}{FIRST_DATA_ROW}"
        _highlight(ws, f"{cell}:{letter}{last}", f"AND({started},LEN(TRIM({cell}))=0)", _MISSING)


def _lists_sheet(book: Workbook) -> None:
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = {"一级指标": list(TAXONOMY)}
    columns.update({level1: list(level2) for level1, level2 in TAXONOMY.items()})
    columns.update({"指标方向": list(DIRECTIONS), "计量单位": list(UNITS)})
    for col, (name, values) in enumerate(columns.items(), start=1):
        ws.cell(1, col, name)
        for row, value in enumerate(values, start=2):
            ws.cell(row, col, value)
        letter = ws.cell(1, col).column_letter
        ref = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        book.defined_names[name] = DefinedName(name, attr_text=ref)


def _meta_sheet(book: Workbook, *, year: int, department: str | None, rules_checksum: str,
                template_id: str = TEMPLATE_ID, version: str = TEMPLATE_VERSION) -> None:
    ws = book.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    pairs = [("template_id", template_id), ("version", version), ("year", str(year)),
             ("department", department or ""), ("rules_checksum", rules_checksum)]
    for row, (k, v) in enumerate(pairs, start=1):
        ws.cell(row, 1, k)
        ws.cell(row, 2, v).number_format = "@"


def _control_sheet(book: Workbook, lines: list[BudgetLine]) -> None:
    ws = book.create_sheet(CONTROL_SHEET)
    ws.sheet_state = "hidden"
    for col, header in enumerate(("项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金"), start=1):
        ws.cell(1, col, header)
    for row, line in enumerate(lines, start=2):
        ws.cell(row, 1, line.project)
        for col, amount in enumerate((line.total, line.fiscal, line.special, line.other), start=2):
            if amount is not None:
                ws.cell(row, col, str(amount))


def _guide(ws: Worksheet, year: int) -> None:
    from validator.template.guide import EXAMPLE_INDICATORS, EXAMPLE_PROJECT, GUIDE_LINES

    width = 72  # fits A4 portrait at 100 % in Excel and LibreOffice (which does not scale this sheet to the page)
    ws.column_dimensions["A"].width = width
    ws.cell(1, 1, f"{year}年项目支出绩效目标表 填报说明").font = _TITLE_FONT
    for row, line in enumerate(GUIDE_LINES, start=3):
        _guide_line(ws, row, line, width)
    row = len(GUIDE_LINES) + 4
    ws.cell(row, 1, "填报示例（仅供参考，请勿复制到正式表格）：").font = _HEADER_FONT
    columns = " | ".join(INDICATOR_HEADERS[c] for c in INDICATOR_COLUMNS)
    example = [EXAMPLE_PROJECT, f"绩效指标表每行各列依次为：{columns}", *EXAMPLE_INDICATORS]
    for offset, line in enumerate(example, start=1):
        _guide_line(ws, row + offset, line, width)
    print_across(ws, landscape=False)


def _guide_line(ws: Worksheet, row: int, text: str, width: int) -> None:
    """A wrapped line with a row height that shows all of it (not every spreadsheet program
    fits wrapped rows on opening)."""
    ws.cell(row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    lines = wrapped_lines(text, width)
    if lines > 1:
        ws.row_dimensions[row].height = lines * LINE_HEIGHT
