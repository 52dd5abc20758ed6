"""The self-evaluation template (项目支出绩效自评表): one project per sheet in the layout of the
2020 central form, read back by `validator.reader.selfeval`.

Blank, it has one sheet to fill in. Made from the ledger (`--from-ledger`), it is one workbook
per unit with one sheet per approved project: 项目名称, 主管部门, 实施单位, 年初预算数, the 预期目标
and each indicator's 一级/二级/三级指标 and 年度指标值 as approved, written as text and locked (sheet
protection without a password, as a guard against slips, not a secret); the unit fills in only
the unlocked cells: 全年预算数, 全年执行数, 执行率, 得分, 实际完成情况, 实际完成值, 偏差原因分析及改进措施,
总分 and 自评等级."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from validator.context import ApprovedProject, target_text
from validator.outputs.naming import safe_part
from validator.reader.sheets import SELF_TEMPLATE_ID, SELF_TEMPLATE_VERSION
from validator.records import Cell
from validator.template.writer import _meta_sheet
from validator.values.scores import number

TITLE = "{year}年度项目支出绩效自评表"
FILE_NAME = "{unit}_{year}年项目支出绩效自评表.xlsx"
HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
FUNDS_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUNDS_LINES = ("年度资金总额", "其中：财政拨款", "其他资金")
BLANK_ROWS = 8
GRADES = ("优", "良", "中", "差")
_WIDTHS = {"A": 14, "B": 16, "C": 24, "D": 16, "E": 16, "F": 9, "G": 9, "H": 36}
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(name="宋体", size=11, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="center")
_OPEN = Protection(locked=False)


def write_self_template(path: Path, *, year: int, department: str | None = None,
                        projects: Sequence[ApprovedProject] = (), execution_weight: Decimal = Decimal(10),
                        total_weight: Decimal = Decimal(100), rules_checksum: str = "") -> Path:
    """A self-evaluation workbook: one sheet per approved project, or one blank sheet; and the
    hidden 模板信息 sheet (template id, version, year, unit, rules checksum) as the target
    template has, so template-version tells a submission from an out-of-date template."""
    book = Workbook()
    book.remove(book.active)
    for i, project in enumerate(projects or [None]):
        ws = book.create_sheet(_sheet_name(project, i))
        _sheet(ws, year, department, project, execution_weight, total_weight)
    _meta_sheet(book, year=year, department=department, rules_checksum=rules_checksum,
                template_id=SELF_TEMPLATE_ID, version=SELF_TEMPLATE_VERSION)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_unit_self_templates(folder: Path, projects: Iterable[ApprovedProject], *, year: int,
                              execution_weight: Decimal = Decimal(10), total_weight: Decimal = Decimal(100),
                              rules_checksum: str = "") -> list[Path]:
    """One workbook per unit with the approved projects of `year`."""
    by_unit: dict[str, list[ApprovedProject]] = defaultdict(list)
    for p in projects:
        if p.year == year:
            by_unit[p.unit or ""].append(p)
    return [write_self_template(folder / FILE_NAME.format(unit=safe_part(unit) or "未注明单位", year=year), year=year,
                                department=unit or None, projects=items, execution_weight=execution_weight,
                                total_weight=total_weight, rules_checksum=rules_checksum)
            for unit, items in sorted(by_unit.items())]


def _sheet_name(project: ApprovedProject | None, i: int) -> str:
    name = "".join(ch for ch in (project.name if project else "") if ch not in "[]:*?/\\")[:28]
    return f"{i + 1}.{name}" if name else f"自评表{i + 1}"


def _put(ws: Worksheet, ref: str, value: object, *, open_: bool = False, bold: bool = False) -> None:
    cell = ws[ref]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # literal text, never a formula
    cell.border, cell.alignment = _BORDER, _WRAP
    if bold:
        cell.font = _BOLD
    if open_:
        cell.protection, cell.fill = _OPEN, _INPUT


def _merge(ws: Worksheet, area: str, value: object, *, open_: bool = False, bold: bool = False) -> None:
    _put(ws, area.split(":")[0], value, open_=open_, bold=bold)
    ws.merge_cells(area)


def _text(cell: Cell | None) -> str | None:
    return cell.shown if cell is not None and not cell.empty else None


def _amount(cell: Cell | None) -> Decimal | str | None:
    value = number(cell)
    return value if value is not None else _text(cell)


def _sheet(ws: Worksheet, year: int, department: str | None, project: ApprovedProject | None,
           execution_weight: Decimal, total_weight: Decimal) -> None:
    row = project.row if project else None
    _merge(ws, "A1:H1", TITLE.format(year=year), bold=True)
    _put(ws, "A2", "项目名称", bold=True)
    _merge(ws, "B2:H2", project.name if project else None, open_=project is None)
    _put(ws, "A3", "主管部门", bold=True)
    _merge(ws, "B3:D3", department, open_=department is None)
    _put(ws, "E3", "实施单位", bold=True)
    _merge(ws, "F3:H3", _text(row.unit) if row else None, open_=row is None or row.unit is None)
    _merge(ws, "A4:A7", "项目资金（万元）", bold=True)
    _put(ws, "B4", None)
    for col, text in zip("CDEFGH", FUNDS_HEADERS, strict=True):
        _put(ws, f"{col}4", text, bold=True)
    starts = (row.total, row.fiscal, row.other) if row else (None, None, None)
    for r, (label, start) in enumerate(zip(FUNDS_LINES, starts, strict=True), start=5):
        _put(ws, f"B{r}", label, bold=True)
        _put(ws, f"C{r}", _amount(start), open_=row is None)
        _put(ws, f"D{r}", None, open_=True)
        _put(ws, f"E{r}", None, open_=True)
        total_line = r == 5
        _put(ws, f"F{r}", execution_weight if total_line else None)
        _put(ws, f"G{r}", None, open_=total_line)
        _put(ws, f"H{r}", None, open_=total_line)
    _merge(ws, "A8:A9", "年度总体目标", bold=True)
    _merge(ws, "B8:E8", "预期目标", bold=True)
    _merge(ws, "F8:H8", "实际完成情况", bold=True)
    _merge(ws, "B9:E9", _text(row.goal) if row else None, open_=row is None)
    _merge(ws, "F9:H9", None, open_=True)
    for col, text in zip("ABCDEFGH", HEADERS, strict=True):
        _put(ws, f"{col}10", text, bold=True)
    r = _indicators(ws, project)
    _merge(ws, f"A{r}:E{r}", "总分", bold=True)
    _put(ws, f"F{r}", total_weight)
    _put(ws, f"G{r}", None, open_=True)
    _put(ws, f"H{r}", None)
    _merge(ws, f"A{r + 1}:E{r + 1}", "自评等级", bold=True)
    _merge(ws, f"F{r + 1}:H{r + 1}", None, open_=True)
    _validations(ws, r)
    for col, width in _WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A11"
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False


def _indicators(ws: Worksheet, project: ApprovedProject | None) -> int:
    """The indicator rows from row 11; returns the row of 总分."""
    r = 11
    if project is None or not project.indicators:
        for r in range(11, 11 + BLANK_ROWS):
            for col in "ABCDEFGH":
                _put(ws, f"{col}{r}", None, open_=True)
        return 11 + BLANK_ROWS
    for ind in project.indicators:
        weight = _amount(ind.weight)
        _put(ws, f"A{r}", _text(ind.level1))
        _put(ws, f"B{r}", _text(ind.level2))
        _put(ws, f"C{r}", _text(ind.name))
        _put(ws, f"D{r}", target_text(ind) or None)
        _put(ws, f"E{r}", None, open_=True)
        _put(ws, f"F{r}", weight, open_=weight is None)
        _put(ws, f"G{r}", None, open_=True)
        _put(ws, f"H{r}", None, open_=True)
        ws[f"E{r}"].number_format = "@"
        r += 1
    return r


def _validations(ws: Worksheet, total_row: int) -> None:
    grade = DataValidation(type="list", formula1='"' + ",".join(GRADES) + '"', allow_blank=True,
                           promptTitle="自评等级", prompt="按总分选择：优 ≥ 90，良 80–90，中 60–80，差 < 60。")
    grade.add(f"F{total_row + 1}")
    scores = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            promptTitle="得分", prompt="填写数字，不超过分值。", error="得分应为不小于 0 的数字。")
    scores.add(f"G11:G{total_row}")
    scores.add("H5")
    for dv in (grade, scores):
        dv.showInputMessage = dv.showErrorMessage = True
        ws.add_data_validation(dv)


def weights_of(options: dict[str, object] | None) -> tuple[Decimal, Decimal]:
    """(预算执行率 分值, total) as score-weights is configured: 10 and 100 by default."""
    shares = dict(options.get("shares") or {}) if options else {}  # type: ignore[call-overload]
    total = options.get("total") if options else None
    return Decimal(str(shares.get("预算执行率", 10))), Decimal(str(total if total is not None else 100))


def templates_from_ledger(ledger_path: Path, folder: Path, *, year: int,
                          options: dict[str, object] | None = None, rules_checksum: str = "") -> list[Path]:
    """One pre-filled self-evaluation workbook per unit with projects approved for `year` in
    the bot's ledger (accepted target tables, their archived originals read again)."""
    from validator.bot.approved import approved_projects
    from validator.bot.ledger import Ledger

    with Ledger(ledger_path) as ledger:
        book = approved_projects(ledger)
    execution, total = weights_of(options)
    return write_unit_self_templates(folder, book.values(), year=year, execution_weight=execution, total_weight=total,
                                     rules_checksum=rules_checksum)
