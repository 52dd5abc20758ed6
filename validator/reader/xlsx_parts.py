"""What python-calamine does not give for an .xlsx/.xlsm, read from the package's own XML
parts: which cells are formulas (and their text), each cell's number format, merged ranges,
hidden rows and the sheets' parts. Each worksheet is streamed once through expat (DTDs and
entities refused, as defusedxml does), counting rows and cells against the limits while it
streams, so a hostile sheet is refused before anything loads it."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.sniff import SAVE_AS

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
REL_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CHUNK = 1 << 20
_MB = 1024 * 1024
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
# An empty cell (a style and nothing else), as every spreadsheet program writes thousands of
# them: counted and dropped before expat sees it. Only with `r` first, so no position shifts.
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: [^<>]*)?/>')
# Excel's built-in number formats (ECMA-376 part 1, 18.8.30), as openpyxl's BUILTIN_FORMATS
# (a test checks they are the same): kept here so reading never imports openpyxl.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy",
    16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str
    hidden: bool


@dataclass
class SheetExtras:
    """What the scan of one worksheet found. Rows and columns are zero-based."""

    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    hidden_rows: set[int] = field(default_factory=set)
    rows: int = 0
    cells: int = 0


def column_index(letters: str) -> int:
    """`A` -> 1, `AA` -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_COLUMNS: dict[str, int] = {}


def parse_ref(ref: str) -> tuple[int, int] | None:
    """`B3` -> (2, 1), zero-based; None when it is not an A1 reference."""
    m = _REF.fullmatch(ref.strip())
    if m is None:
        return None
    letters = m.group(1)
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS.setdefault(letters, column_index(letters) - 1) if len(_COLUMNS) < 20_000 else column_index(letters) - 1
    return int(m.group(2)) - 1, col


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_small(archive: zipfile.ZipFile, name: str) -> Any | None:
    try:
        return fromstring(archive.read(name), forbid_dtd=True)
    except KeyError:
        return None


def sheet_parts(archive: zipfile.ZipFile) -> list[SheetPart]:
    """The worksheets in workbook order, with the part each is stored in (wherever the
    relationships put it, inside `xl/` or not)."""
    book_part = _main_part(archive)
    book = _read_small(archive, book_part)
    if book is None:
        raise UnreadableFile("文件缺少工作簿内容（workbook.xml），无法打开。", SAVE_AS)
    rels = _relationships(archive, book_part)
    parts = []
    for element in book.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((element.get(f"{{{ns}}}id") for ns in REL_NS if element.get(f"{{{ns}}}id")), None)
        target = rels.get(rid or "")
        if target is None or not target[1].endswith("worksheet"):
            continue  # chart sheets and dialog sheets hold no cells
        parts.append(SheetPart(element.get("name", ""), target[0], element.get("state", "visible") != "visible"))
    return parts


def _main_part(archive: zipfile.ZipFile) -> str:
    rels = _relationships(archive, "")
    for target, kind in rels.values():
        if kind.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (resolved part name, type) of `part` ("" for the package)."""
    folder, base = posixpath.split(part)
    root = _read_small(archive, posixpath.join(folder, "_rels", f"{base}.rels"))
    found: dict[str, tuple[str, str]] = {}
    if root is None:
        return found
    for rel in root:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (resolved, rel.get("Type", ""))
    return found


def number_formats(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (`s` index), as openpyxl reports it."""
    book_part = _main_part(archive)
    styles_part = next((t for t, kind in _relationships(archive, book_part).values() if kind.endswith("/styles")), None)
    root = _read_small(archive, styles_part) if styles_part else None
    if root is None:
        return ["General"]
    custom: dict[int, str] = {}
    codes: list[str] = []
    for element in root:
        name = _local(element.tag)
        if name == "numFmts":
            for fmt in element:
                if (number := _int(fmt.get("numFmtId"))) is not None:
                    custom[number] = fmt.get("formatCode", "General")
        elif name == "cellXfs":
            for xf in element:
                number = _int(xf.get("numFmtId")) or 0
                codes.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
    return codes or ["General"]


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


class _SheetScan:
    """The expat handlers of one worksheet's scan."""

    def __init__(self, sheet: str, formats: list[str], limits: Limits) -> None:
        self.sheet, self.formats, self.limits = sheet, formats, limits
        self.found = SheetExtras()
        self.row, self.col = -1, -1
        self.cell: tuple[int, int] | None = None
        self.ref: str | None = None  # the current cell's r, until it is worked out
        self.attrs: dict[str, str] = {}
        self.kind = "n"
        self.text: list[str] | None = None  # collecting a formula's or an error's text
        self.shared: dict[str, tuple[str, tuple[int, int]]] = {}
        self.formula: tuple[str | None, str | None] | None = None  # (type, si) of the open <f>
        self.merged_total = 0
        self.largest = ("", 0)
        self.parser: Any = None
        handlers: dict[str, Callable[[dict[str, str]], None]] = {}
        for ns in MAIN_NS:
            handlers[f"{ns} c"] = self._cell
            handlers[f"{ns} row"] = self._row
            handlers[f"{ns} f"] = self._formula
            handlers[f"{ns} v"] = self._value
            handlers[f"{ns} mergeCell"] = self._merge
        self.handlers = handlers

    def _collect(self, on: bool) -> None:
        """Text and end tags matter only inside a formula or an error value: the handlers are
        set just for those (most elements of a sheet then cost one call, not three)."""
        self.text = [] if on else None
        if self.parser is not None:
            self.parser.EndElementHandler = self.end if on else None
            self.parser.CharacterDataHandler = self.data if on else None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        handler = self.handlers.get(name)
        if handler is not None:
            handler(attrs)

    def end(self, name: str) -> None:
        if self.text is None:
            return
        local = name.rpartition(" ")[2]
        if local == "f" and self.cell is not None and self.formula is not None:
            self._formula_done("".join(self.text))
            self._collect(False)
        elif local == "v" and self.cell is not None:
            self.found.errors[self.cell] = "".join(self.text)
            self._collect(False)

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def _row(self, attrs: dict[str, str]) -> None:
        number = _int(attrs.get("r"))
        self.row = number - 1 if number is not None and number > 0 else self.row + 1
        self.col = -1
        self.ref, self.cell = None, None
        self.found.rows += 1
        if self.found.rows > self.limits.rows_per_sheet or self.row >= self.limits.rows_per_sheet:
            raise _too_large(self.sheet, f"超过 {self.limits.rows_per_sheet:,} 行")
        if attrs.get("hidden") in ("1", "true"):
            self.found.hidden_rows.add(self.row)

    def _cell(self, attrs: dict[str, str]) -> None:
        # Most cells of a re-saved sheet are empty styled ones: only count them here, and work
        # out where a cell is and what it shows when it turns out to hold something.
        self.found.cells += 1
        if self.found.cells > self.limits.cells_per_sheet:
            raise _too_large(self.sheet, f"超过 {self.limits.cells_per_sheet:,} 个单元格")
        ref = attrs.get("r")
        if ref is None:  # placed after the previous cell of the row
            if self.ref is not None:
                self.row, self.col = parse_ref(self.ref) or (self.row, self.col)
            self.col += 1
        self.ref, self.attrs, self.cell = ref, attrs, None

    def _plain(self, style: str | None) -> bool:
        index = _int(style) or 0
        return not 0 <= index < len(self.formats) or self.formats[index] == "General"

    def _here(self) -> tuple[int, int]:
        """The current cell's position, its number format recorded the first time."""
        if self.cell is not None:
            return self.cell
        at = parse_ref(self.ref) if self.ref is not None else None
        if at is None:
            at = (self.row, self.col) if self.ref is None else (self.row, self.col + 1)
        self.row, self.col = at
        self.ref = None
        self.cell = at
        self.kind = self.attrs.get("t", "n")
        style = _int(self.attrs.get("s")) or 0
        code = self.formats[style] if 0 <= style < len(self.formats) else "General"
        if code != "General":
            self.found.formats[at] = code
        return at

    def _value(self, attrs: dict[str, str]) -> None:
        if self.cell is None and self.attrs.get("t") != "e" and self._plain(self.attrs.get("s")):
            return  # a value in General format: calamine gives all there is to know
        at = self._here()
        if self.kind == "e" and at not in self.found.formulas:
            self._collect(True)

    def _formula(self, attrs: dict[str, str]) -> None:
        at = self._here()
        self.formula = (attrs.get("t"), attrs.get("si"))
        self.found.formulas[at] = "="
        self._collect(True)

    def _formula_done(self, text: str) -> None:
        assert self.cell is not None and self.formula is not None
        kind, si = self.formula
        value = "=" + text
        if kind == "shared" and si is not None:
            if si in self.shared:
                value = _translate(*self.shared[si], self.cell)
            elif value != "=":
                self.shared[si] = (value, self.cell)
        self.found.formulas[self.cell] = value
        self.formula = None

    def _merge(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("ref", "")
        first, _, last = ref.partition(":")
        start, end = parse_ref(first), parse_ref(last or first)
        if start is None or end is None:
            return
        area = (start[0], start[1], end[0], end[1])
        size = max(0, end[0] - start[0] + 1) * max(0, end[1] - start[1] + 1)
        self.merged_total += size
        self.largest = max(self.largest, (ref, size), key=lambda pair: pair[1])
        if self.merged_total > self.limits.merged_cells:
            raise UnreadableFile(
                f"工作表“{self.sheet}”合并的单元格过多（超过 {self.limits.merged_cells:,} 个，"
                f"最大的合并区域是 {self.largest[0]}），无法读取。",
                "请取消整行、整列或大片区域的合并（开始 → 合并后居中 → 取消单元格合并），另存为 .xlsx 后重新提交。",
            )
        if size:
            self.found.merged.append(area)


def _translate(formula: str, origin: tuple[int, int], target: tuple[int, int]) -> str:
    """A shared formula as openpyxl writes it for another cell of its range."""
    from openpyxl.formula.translate import Translator  # only files with shared formulas need it

    return str(Translator(formula, _a1(origin)).translate_formula(_a1(target)))


def _a1(at: tuple[int, int]) -> str:
    from validator.reader.grid import coordinate

    return coordinate(*at)


def _too_large(sheet: str, what: str) -> UnreadableFile:
    return UnreadableFile(
        f"工作表“{sheet}”的内容过多（{what}），超出可审核的范围。",
        "请删除表格以外的多余内容和大量空行，另存为 .xlsx 后重新提交。",
    )


def _forbid(*args: object) -> None:
    raise DTDForbidden(None, None, None)


def _forbid_entity(*args: object) -> None:
    raise EntitiesForbidden(None, None, None, None, None, None)


def _forbid_external(*args: object) -> int:
    raise ExternalReferenceForbidden(None, None, None, None)


def guarded_parser() -> Any:
    """A streaming expat parser that refuses DTDs, entity declarations and external entities
    (what defusedxml refuses), for the parts too large to parse whole."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external
    return parser


def scan_sheet(archive: zipfile.ZipFile, sheet: SheetPart, formats: list[str], limits: Limits) -> SheetExtras:
    """Stream one worksheet part, refusing it as soon as a limit is passed."""
    scan = _SheetScan(sheet.name, formats, limits)
    parser = guarded_parser()
    parser.StartElementHandler = scan.start
    scan.parser = parser
    parser.buffer_text = True
    budget = limits.sheet_xml_mb * _MB
    read = 0
    try:
        with archive.open(sheet.part) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > budget:
                    raise _too_large(sheet.name, f"工作表数据超过 {limits.sheet_xml_mb:g} MB")
                chunk, empty = _EMPTY_CELL.subn(b"", chunk)
                scan.found.cells += empty
                if scan.found.cells > limits.cells_per_sheet:
                    raise _too_large(sheet.name, f"超过 {limits.cells_per_sheet:,} 个单元格")
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except KeyError as exc:
        raise UnreadableFile(f"工作表“{sheet.name}”的内容缺失，文件不完整。", SAVE_AS, detail=str(exc)) from exc
    except (expat.ExpatError, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise UnreadableFile(f"工作表“{sheet.name}”的内容无法解析，可能已损坏。", SAVE_AS, detail=repr(exc)) from exc
    return scan.found
