"""Writing the disclosure table (`validator publish`): an .xlsx ready to print, or the
tab-separated text form. Both lay out `publish.table_rows`; the workbook is the only place
here that touches openpyxl, and every text from a submission goes through `put_text`, so a
name starting with "=" stays text.

Layout: title; 部门名称 and 单位：万元; the header 项目名称（资金使用单位）| 总计 | 财政拨款 |
财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标; 合计; department rows; project rows; the note.
Print settings: A4 landscape, fit to one page wide, header row repeated on every page,
wrapped text, fixed column widths."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from validator.outputs.sheetout import put_text
from validator.published.publish import Amounts, PublishedTable, table_rows
from validator.records import RowKind
from validator.values.amounts import fmt

HEADER = ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标")
UNIT_LINE = "单位：万元"
SHEET_TITLE = "项目支出绩效目标表"
HEADER_ROW = 3
WIDTHS = (30, 12, 12, 12, 12, 50, 80)
AMOUNT_FORMAT = "#,##0.00"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_AMOUNT = Alignment(horizontal="right", vertical="top")
_PLAIN = Font(name="宋体", size=11)
_BOLD = Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="宋体", size=16, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
LINE_HEIGHT = 16  # points per line of 11 pt 宋体 (LibreOffice sets CJK lines taller than Excel's 14.3)
ROW_PADDING = 3  # points above and below the text
MAX_ROW_HEIGHT = 409  # Excel's limit


def write_disclosure(table: PublishedTable | Sequence[PublishedTable], path: Path, *, as_text: bool = False) -> Path:
    """One table, or several (one per department): sheets of one workbook, or tables one
    after another in the text form."""
    tables = [table] if isinstance(table, PublishedTable) else list(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    if as_text:
        path.write_text("\n\n".join(disclosure_text(t) for t in tables), encoding="utf-8")
    else:
        build_workbook(tables[0], *tables[1:]).save(path)
    return path


def shown_amounts(amounts: Amounts) -> list[Decimal | None]:
    """总计 always; a source column only when it holds money (the published convention)."""
    return [a if i == 0 or a else None for i, a in enumerate(amounts)]


def disclosure_text(table: PublishedTable) -> str:
    lines = [table.title, "", f"部门名称：{table.department}", "", UNIT_LINE, "", "\t".join(HEADER)]
    for name, amounts, goal, indicators, _ in table_rows(table):
        cells = [name, *(fmt(a) if a is not None else "" for a in shown_amounts(amounts)), goal, indicators]
        lines.append("\t".join(_one_line(c) for c in cells))
    lines += ["", table.note]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\t\r\n") else text


def build_workbook(table: PublishedTable, *more: PublishedTable) -> Workbook:
    """One sheet per table: 项目支出绩效目标表 for a single table, else each sheet named by
    its department."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for each in (table, *more):
        ws = book.create_sheet(_sheet_name(each.department, taken) if more else SHEET_TITLE)
        _write_table(ws, each)
    return book


def _write_table(ws: Worksheet, table: PublishedTable) -> None:
    _heading(ws, table)
    row = HEADER_ROW + 1
    for name, amounts, goal, indicators, kind in table_rows(table):
        _data_row(ws, row, name, amounts, goal, indicators, bold=kind is not RowKind.PROJECT)
        row += 1
    put_text(ws.cell(row + 1, 1), table.note)
    _print_settings(ws)


def _sheet_name(department: str, taken: set[str]) -> str:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = "".join(ch for ch in department if ch not in '[]:*?/\\').strip("'") [:28] or SHEET_TITLE
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}({number})"
    taken.add(name)
    return name


def _heading(ws: Worksheet, table: PublishedTable) -> None:
    put_text(ws.cell(1, 1), table.title).font = _TITLE
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.row_dimensions[1].height = 32
    put_text(ws.cell(2, 1), f"部门名称：{table.department}")
    ws.cell(2, len(HEADER), UNIT_LINE).alignment = Alignment(horizontal="right")
    for col, (text, width) in enumerate(zip(HEADER, WIDTHS), start=1):
        cell = ws.cell(HEADER_ROW, col, text)
        cell.font, cell.fill, cell.border = _BOLD, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width


def _data_row(ws: Worksheet, row: int, name: str, amounts: Amounts, goal: str, indicators: str, *,
              bold: bool) -> None:
    put_text(ws.cell(row, 1), name)
    for col, amount in enumerate(shown_amounts(amounts), start=2):
        ws.cell(row, col).value = amount
        ws.cell(row, col).number_format = AMOUNT_FORMAT
    put_text(ws.cell(row, 6), goal or None)
    put_text(ws.cell(row, 7), indicators or None)
    for col in range(1, len(HEADER) + 1):
        cell = ws.cell(row, col)
        cell.border = _BORDER
        cell.alignment = _AMOUNT if 2 <= col <= 5 else _WRAP
        cell.font = _BOLD if bold else _PLAIN  # one font, so the row heights below hold in every program
    # Neither openpyxl nor every spreadsheet program fits wrapped rows on opening: set the height.
    lines = max(_lines(text, width) for text, width in ((name, WIDTHS[0]), (goal, WIDTHS[5]), (indicators, WIDTHS[6])))
    ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(1, lines) * LINE_HEIGHT + ROW_PADDING)


def _lines(text: str, width: int) -> int:
    """Wrapped lines `text` takes in a column `width` characters wide: CJK characters count
    double, every line break starts a line, and a line holds a little less than the width
    (LibreOffice and Excel break before a character that would touch the border)."""
    per_line = max(1, width - 4)
    return sum(max(1, math.ceil(_units(part) / per_line)) for part in text.split("\n")) if text else 1


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _print_settings(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
