"""What python-calamine does not give for an OpenDocument spreadsheet (.ods), read from its
`content.xml` in one expat stream (DTDs and entities refused): formula cells
(`table:formula`), percentage cells (`office:value-type="percentage"`), merged areas
(`table:number-columns-spanned` / `-rows-spanned`) and hidden rows, counting rows and cells
against the limits while streaming."""

from __future__ import annotations

import zipfile
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.sniff import SAVE_AS
from validator.reader.xlsx_parts import SheetExtras, _too_large, guarded_parser

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
PERCENT_FORMAT = "0%"  # what the cell shows; only "is it a percentage" is used by the rules
_CHUNK = 1 << 20
_MB = 1024 * 1024


_TABLE = f"{TABLE} table"
_ROW = f"{TABLE} table-row"
_CELL = f"{TABLE} table-cell"
_COVERED = f"{TABLE} covered-table-cell"
_NAME = f"{TABLE} name"
_ROWS_REPEATED = f"{TABLE} number-rows-repeated"
_COLS_REPEATED = f"{TABLE} number-columns-repeated"
_VISIBILITY = f"{TABLE} visibility"
_VALUE_TYPE = f"{OFFICE} value-type"
_FORMULA = f"{TABLE} formula"
_COLS_SPANNED = f"{TABLE} number-columns-spanned"
_ROWS_SPANNED = f"{TABLE} number-rows-spanned"


class _OdsScan:
    """The expat handlers. A content.xml has thousands of text elements besides the table's:
    each element costs one dictionary look-up here, and only the four table elements more."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sheets: dict[str, SheetExtras] = {}
        self.current: SheetExtras | None = None
        self.name = ""
        self.row, self.col, self.repeat_rows = 0, 0, 1
        self.merged_total = 0
        self.cells: dict[str, int] = {}  # cells with content of each sheet, against the limit
        self.handlers = {_TABLE: self._table, _ROW: self._row, _CELL: self._cell, _COVERED: self._covered}

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        handler = self.handlers.get(tag)
        if handler is not None:
            handler(attrs)

    def end(self, tag: str) -> None:
        if tag == _ROW:
            self.row += self.repeat_rows
            self.repeat_rows = 1

    def _table(self, attrs: dict[str, str]) -> None:
        self.name = attrs.get(_NAME, "")
        self.current = self.sheets.setdefault(self.name, SheetExtras())
        self.row = 0

    def _row(self, attrs: dict[str, str]) -> None:
        if self.current is None:
            return
        self.repeat_rows = _count(attrs.get(_ROWS_REPEATED))
        self.col = 0
        if attrs.get(_VISIBILITY) in ("collapse", "filter"):
            self.current.hidden_rows.update(range(self.row, min(self.row + self.repeat_rows, self.limits.rows_per_sheet)))

    def _covered(self, attrs: dict[str, str]) -> None:
        if self.current is not None:
            self.col += _count(attrs.get(_COLS_REPEATED))

    def _cell(self, attrs: dict[str, str]) -> None:
        if self.current is None:
            return
        repeat = _count(attrs.get(_COLS_REPEATED))
        kind = attrs.get(_VALUE_TYPE)
        formula = attrs.get(_FORMULA)
        if kind or formula:
            self._content(repeat, kind, formula)
        if _COLS_SPANNED in attrs or _ROWS_SPANNED in attrs:
            self._span(_count(attrs.get(_COLS_SPANNED)), _count(attrs.get(_ROWS_SPANNED)))
        self.col += repeat

    def _content(self, repeat: int, kind: str | None, formula: str | None) -> None:
        """A cell (repeated `repeat` times across, `repeat_rows` down) with a value or a formula."""
        assert self.current is not None
        found = self.current
        cells = self.cells[self.name] = self.cells.get(self.name, 0) + repeat * self.repeat_rows
        if cells > self.limits.cells_per_sheet:
            raise _too_large(self.name, f"超过 {self.limits.cells_per_sheet:,} 个单元格")
        if self.row + self.repeat_rows > self.limits.rows_per_sheet:
            raise _too_large(self.name, f"超过 {self.limits.rows_per_sheet:,} 行")
        if not formula and kind != "percentage":
            return
        text = (formula.partition(":")[2] if formula.startswith("of:") else formula) if formula else None
        for r in range(self.row, self.row + self.repeat_rows):
            for c in range(self.col, self.col + repeat):
                if text is not None:
                    found.formulas[(r, c)] = text
                if kind == "percentage":
                    found.formats[(r, c)] = PERCENT_FORMAT

    def _span(self, cols: int, rows: int) -> None:
        assert self.current is not None
        if cols > 1 or rows > 1:
            self.merged_total += cols * rows
            if self.merged_total > self.limits.merged_cells:
                raise UnreadableFile(
                    f"工作表“{self.name}”合并的单元格过多（超过 {self.limits.merged_cells:,} 个），无法读取。",
                    "请取消整行、整列或大片区域的合并，另存为 .xlsx 后重新提交。",
                )
            self.current.merged.append((self.row, self.col, self.row + rows - 1, self.col + cols - 1))


def _count(text: str | None) -> int:
    try:
        return max(1, int(text)) if text else 1
    except ValueError:
        return 1


def scan_ods(archive: zipfile.ZipFile, limits: Limits) -> dict[str, SheetExtras]:
    """Sheet name -> what its cells carry beyond their values."""
    scan = _OdsScan(limits)
    parser = guarded_parser()
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    budget, read = limits.sheet_xml_mb * _MB, 0
    try:
        with archive.open("content.xml") as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > budget:
                    raise _too_large("content.xml", f"表格数据超过 {limits.sheet_xml_mb:g} MB")
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except KeyError as exc:
        raise UnreadableFile("文件缺少表格内容（content.xml），无法打开。", SAVE_AS, detail=str(exc)) from exc
    except (expat.ExpatError, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise UnreadableFile("表格内容无法解析，可能已损坏。", SAVE_AS, detail=repr(exc)) from exc
    return scan.sheets
