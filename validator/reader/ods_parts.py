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


class _OdsScan:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sheets: dict[str, SheetExtras] = {}
        self.current: SheetExtras | None = None
        self.name = ""
        self.row, self.col, self.repeat_rows = 0, 0, 1
        self.merged_total = 0
        self.cells: dict[str, int] = {}  # cells with content of each sheet, against the limit

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.partition(" ")
        if ns != TABLE:
            return
        if local == "table":
            self.name = attrs.get(f"{TABLE} name", "")
            self.current = self.sheets.setdefault(self.name, SheetExtras())
            self.row = 0
        elif local == "table-row" and self.current is not None:
            self.repeat_rows = _count(attrs.get(f"{TABLE} number-rows-repeated"))
            self.col = 0
            if attrs.get(f"{TABLE} visibility") in ("collapse", "filter"):
                self.current.hidden_rows.update(range(self.row, min(self.row + self.repeat_rows, self.limits.rows_per_sheet)))
        elif local in ("table-cell", "covered-table-cell") and self.current is not None:
            self._cell(local, attrs)

    def end(self, tag: str) -> None:
        if tag == f"{TABLE} table-row":
            self.row += self.repeat_rows
            self.repeat_rows = 1

    def _cell(self, local: str, attrs: dict[str, str]) -> None:
        assert self.current is not None
        repeat = _count(attrs.get(f"{TABLE} number-columns-repeated"))
        kind = attrs.get(f"{OFFICE} value-type")
        formula = attrs.get(f"{TABLE} formula")
        if local == "table-cell" and (kind or formula):
            found = self.current
            cells = self.cells[self.name] = self.cells.get(self.name, 0) + repeat * self.repeat_rows
            if cells > self.limits.cells_per_sheet:
                raise _too_large(self.name, f"超过 {self.limits.cells_per_sheet:,} 个单元格")
            if self.row + self.repeat_rows > self.limits.rows_per_sheet:
                raise _too_large(self.name, f"超过 {self.limits.rows_per_sheet:,} 行")
            for r in range(self.row, self.row + self.repeat_rows):
                for c in range(self.col, self.col + repeat):
                    if formula:
                        found.formulas[(r, c)] = formula.partition(":")[2] if formula.startswith("of:") else formula
                    if kind == "percentage":
                        found.formats[(r, c)] = PERCENT_FORMAT
        cols = _count(attrs.get(f"{TABLE} number-columns-spanned"))
        rows = _count(attrs.get(f"{TABLE} number-rows-spanned"))
        if local == "table-cell" and (cols > 1 or rows > 1):
            self.merged_total += cols * rows
            if self.merged_total > self.limits.merged_cells:
                raise UnreadableFile(
                    f"工作表“{self.name}”合并的单元格过多（超过 {self.limits.merged_cells:,} 个），无法读取。",
                    "请取消整行、整列或大片区域的合并，另存为 .xlsx 后重新提交。",
                )
            self.current.merged.append((self.row, self.col, self.row + rows - 1, self.col + cols - 1))
        self.col += repeat


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
