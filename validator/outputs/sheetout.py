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
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LINE_HEIGHT = 15  # points per line of the default 11 pt text
MAX_ROW_HEIGHT = 409  # Excel's limit


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
    ws: Worksheet, headers: Sequence[tuple[str, float]], rows: Iterable[Sequence[Any]], *, wrap: Iterable[int] = ()
) -> int:
    """Header row (bold, filled, frozen, filtered) and data rows from A1; `headers` pairs each
    label with a column width. Columns in `wrap` (0-based) wrap their text. Returns the
    number of data rows written."""
    wrapped = set(wrap)
    for column, (label, width) in enumerate(headers, start=1):
        cell = put_text(ws.cell(row=1, column=column), label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(column)].width = width
    count = 0
    for count, values in enumerate(rows, start=1):
        lines = 1
        for column, value in enumerate(values, start=1):
            cell = put_value(ws.cell(row=count + 1, column=column), value)
            cell.alignment = WRAP if column - 1 in wrapped else TOP
            if column - 1 in wrapped and value is not None:
                lines = max(lines, wrapped_lines(str(value), headers[column - 1][1]))
        if lines > 1:  # not every spreadsheet program fits wrapped rows on opening
            ws.row_dimensions[count + 1].height = min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    print_across(ws, title_rows="1:1")
    return count


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
