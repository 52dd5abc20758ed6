"""Writing tables into output workbooks (the annotated copy, the office's summary).

Text that comes from a submission is written as a literal string: openpyxl turns any string
starting with "=" into a formula, which would let a submission plant formulas (links,
DDE, external references) in the office's own files."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

MAX_CELL_TEXT = 32767
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
MAX_WIDTH = 80  # characters: a column never grows wider than this (its text wraps instead)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LINE_HEIGHT = 15  # points per line of the default 11 pt text
MAX_ROW_HEIGHT = 409  # Excel's limit
# The columns that describe one finding, as the annotated copy's 审核意见 sheet and the
# summary's 问题明细 sheet both lay them out: (header, width in characters).
FINDING_COLUMNS = (("级别", 8), ("位置", 18), ("项目", 28), ("指标", 24), ("问题", 50), ("修改建议", 40))


def put_text(cell: Cell, value: object) -> Cell:
    """Write `value` as a literal string (None stays empty). Control characters that the
    xlsx format cannot hold are dropped; an "=" at the start stays text, with Excel's quote
    prefix so that editing the cell later does not turn it into a formula either."""
    if value is None:
        cell.value = None
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_TEXT]
    cell.value = text
    if cell.data_type != "s":
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_value(cell: Cell, value: Any) -> Cell:
    """Numbers and dates as themselves; everything else through `put_text`."""
    if isinstance(value, bool) or not isinstance(value, (int, float, datetime)):
        return put_text(cell, value)
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
        cell.number_format = DATETIME_FORMAT
    cell.value = value
    return cell


def write_table(
    ws: Worksheet, headers: Sequence[tuple[str, float]], rows: Iterable[Sequence[Any]], *, wrap: Iterable[int] = (),
    title: str | None = None, totals: Sequence[Any] | None = None,
) -> int:
    """Header row (bold, filled, frozen, filtered) and data rows; `headers` pairs each label
    with a column width. Columns in `wrap` (0-based) wrap their text; the others widen to
    their longest text, so no cell is cut. A `title` goes in a merged first row above the
    header; `totals` is a bold last row. Returns the number of data rows written."""
    wrapped = set(wrap)
    top = 2 if title else 1
    if title:
        _title_row(ws, title, len(headers))
    widths = [float(width) for _, width in headers]
    for column, (label, _) in enumerate(headers, start=1):
        cell = put_text(ws.cell(row=top, column=column), label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    count = 0
    for count, values in enumerate(rows, start=1):
        _data_row(ws, top + count, values, widths, wrapped)
    if totals is not None:
        _data_row(ws, top + count + 1, totals, widths, set(range(len(headers))))  # wraps, never widens
        for column in range(1, len(headers) + 1):
            ws.cell(row=top + count + 1, column=column).font = HEADER_FONT
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + count}"
    print_across(ws, title_rows=f"1:{top}")
    return count


def _title_row(ws: Worksheet, title: str, columns: int) -> None:
    cell = put_text(ws.cell(row=1, column=1), title)
    cell.font, cell.alignment = TITLE_FONT, Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(1, columns))
    ws.row_dimensions[1].height = 2 * LINE_HEIGHT + 6


def _data_row(ws: Worksheet, row: int, values: Sequence[Any], widths: list[float], wrapped: set[int]) -> None:
    lines = 1
    for column, value in enumerate(values, start=1):
        cell = put_value(ws.cell(row=row, column=column), value)
        cell.alignment = WRAP if column - 1 in wrapped else TOP
        if value is None:
            continue
        if column - 1 in wrapped:
            lines = max(lines, wrapped_lines(str(value), widths[column - 1]))
        elif not isinstance(value, datetime):
            longest = max(_units(line) for line in str(value).split("\n"))
            widths[column - 1] = max(widths[column - 1], min(MAX_WIDTH, longest + 2))
    if lines > 1:  # not every spreadsheet program fits wrapped rows on opening
        ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT)


def wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes when wrapped in a column `width` characters wide (CJK characters
    count double; each line break starts a new line)."""
    per_line = max(1, int(width) - 2)
    return sum(max(1, math.ceil(_units(line) / per_line)) for line in text.split("\n"))


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_across(ws: Worksheet, *, title_rows: str | None = None, landscape: bool = True) -> None:
    """Print on A4 (landscape by default), all columns scaled onto the width of one page,
    as many pages down as needed, `title_rows` (e.g. "1:1") repeated on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
