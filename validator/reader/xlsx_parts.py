"""What python-calamine does not give for an .xlsx/.xlsm, read from the package's own XML
parts: which cells are formulas (and their text), each cell's number format, merged ranges,
hidden rows and the sheets' parts. Each worksheet is streamed once through expat (DTDs and
entities refused, as defusedxml does), counting rows and cells against the limits while it
streams, so a hostile sheet is refused before anything loads it.

Most sheets need no expat at all (`_quick_scan`): when a sheet of moderate size is written the
way Excel, WPS, LibreOffice and openpyxl write it (plain `<row r=…>` and `<c r=… s=… t=…>`
tags, no DTD, comments or unusual entities, no formulas or error values), a few byte searches
give the same hidden rows, merged ranges and formats, and show the rows and cells within the
limits (counted only when the sheet is long enough to hold more). Anything else, and any sheet
past a limit, takes the streaming scan, so its refusal reads exactly as before.

styles.xml, workbook.xml and their relationships are parsed once per distinct content in a
process (`part_memo`): a batch made from one template repeats them byte for byte."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.part_memo import parsed
from validator.reader.sniff import SAVE_AS
from validator.values.formats import significant_format

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


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        return None


def sheet_parts(archive: zipfile.ZipFile) -> list[SheetPart]:
    """The worksheets in workbook order, with the part each is stored in (wherever the
    relationships put it, inside `xl/` or not)."""
    book_part = _main_part(archive)
    data = _read_part(archive, book_part)
    if data is None:
        raise UnreadableFile("文件缺少工作簿内容（workbook.xml），无法打开。", SAVE_AS)
    sheets = parsed("workbook", data, _book_sheets)
    rels = _relationships(archive, book_part)
    parts = []
    for name, rid, state in sheets:
        target = rels.get(rid or "")
        if target is None or not target[1].endswith("worksheet"):
            continue  # chart sheets and dialog sheets hold no cells
        parts.append(SheetPart(name, target[0], state != "visible"))
    return parts


def _book_sheets(data: bytes) -> tuple[tuple[str, str | None, str], ...]:
    """(name, relationship id, state) of each `sheet` element of workbook.xml."""
    sheets = []
    for element in fromstring(data, forbid_dtd=True).iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((element.get(f"{{{ns}}}id") for ns in REL_NS if element.get(f"{{{ns}}}id")), None)
        sheets.append((element.get("name", ""), rid, element.get("state", "visible")))
    return tuple(sheets)


def _main_part(archive: zipfile.ZipFile) -> str:
    rels = _relationships(archive, "")
    for target, kind in rels.values():
        if kind.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (resolved part name, type) of `part` ("" for the package)."""
    folder, base = posixpath.split(part)
    data = _read_part(archive, posixpath.join(folder, "_rels", f"{base}.rels"))
    if data is None:
        return {}
    return dict(parsed(("rels", folder), data, lambda text: _parse_relationships(text, folder)))


def _parse_relationships(data: bytes, folder: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    found: dict[str, tuple[str, str]] = {}
    for rel in fromstring(data, forbid_dtd=True):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (resolved, rel.get("Type", ""))
    return tuple(found.items())


def number_formats(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (`s` index), as openpyxl reports it, when
    it shows a percentage or a date (what the rules read); "General" for the others."""
    book_part = _main_part(archive)
    styles_part = next((t for t, kind in _relationships(archive, book_part).values() if kind.endswith("/styles")), None)
    data = _read_part(archive, styles_part) if styles_part else None
    if data is None:
        return ["General"]
    return list(parsed("styles", data, _style_formats))


def _style_formats(data: bytes) -> tuple[str, ...]:
    scan = _StylesScan()
    parser = guarded_parser()
    parser.StartElementHandler, parser.EndElementHandler = scan.start, scan.end
    parser.Parse(data, True)
    codes = tuple(significant_format(scan.custom.get(n) or BUILTIN_FORMATS.get(n, "General")) for n in scan.xfs)
    return codes or ("General",)


class _StylesScan:
    """The expat handlers that read styles.xml's number formats: the children of the root's
    `numFmts` (custom codes) and of its `cellXfs` (the format of each cell style). A style
    sheet has hundreds of elements: streamed, not built into a tree."""

    def __init__(self) -> None:
        self.depth = 0
        self.section = ""
        self.custom: dict[int, str] = {}
        self.xfs: list[int] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 2:
            self.section = name.rpartition(" ")[2]
        elif self.depth == 3 and self.section == "numFmts":
            if (number := _int(attrs.get("numFmtId"))) is not None:
                self.custom[number] = attrs.get("formatCode", "General")
        elif self.depth == 3 and self.section == "cellXfs":
            self.xfs.append(_int(attrs.get("numFmtId")) or 0)

    def end(self, name: str) -> None:
        if self.depth == 2:
            self.section = ""
        self.depth -= 1


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
        self.rows = self.cells = 0  # counted against the limits
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
        self.rows += 1
        if self.rows > self.limits.rows_per_sheet or self.row >= self.limits.rows_per_sheet:
            raise _too_large(self.sheet, f"超过 {self.limits.rows_per_sheet:,} 行")
        if attrs.get("hidden") in ("1", "true"):
            self.found.hidden_rows.add(self.row)

    def _cell(self, attrs: dict[str, str]) -> None:
        # Most cells of a re-saved sheet are empty styled ones: only count them here, and work
        # out where a cell is and what it shows when it turns out to hold something.
        self.cells += 1
        if self.cells > self.limits.cells_per_sheet:
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
    """One worksheet part's extras: by `_quick_scan` when the sheet is small and plainly
    written, else streamed through expat, refusing it as soon as a limit is passed."""
    budget = limits.sheet_xml_mb * _MB
    try:
        with archive.open(sheet.part) as stream:
            head: list[bytes] = []
            read, ended = 0, False
            while read <= min(budget, _QUICK_BYTES):
                chunk = stream.read(_CHUNK)
                if not chunk:
                    ended = True
                    break
                head.append(chunk)
                read += len(chunk)
            if ended and read <= budget:
                found = _quick_scan(b"".join(head), formats, limits)
                if found is not None:
                    return found
            return _stream_scan(sheet, formats, limits, head, stream)
    except KeyError as exc:
        raise UnreadableFile(f"工作表“{sheet.name}”的内容缺失，文件不完整。", SAVE_AS, detail=str(exc)) from exc


def _stream_scan(sheet: SheetPart, formats: list[str], limits: Limits, head: list[bytes], stream: Any) -> SheetExtras:
    """Stream the sheet (the chunks already read first) through expat under the limits."""
    scan = _SheetScan(sheet.name, formats, limits)
    parser = guarded_parser()
    parser.StartElementHandler = scan.start
    scan.parser = parser
    parser.buffer_text = True
    budget = limits.sheet_xml_mb * _MB
    read = 0
    try:
        for chunk in _chunks(head, stream):
            read += len(chunk)
            if read > budget:
                raise _too_large(sheet.name, f"工作表数据超过 {limits.sheet_xml_mb:g} MB")
            chunk, empty = _EMPTY_CELL.subn(b"", chunk)
            scan.cells += empty
            if scan.cells > limits.cells_per_sheet:
                raise _too_large(sheet.name, f"超过 {limits.cells_per_sheet:,} 个单元格")
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise UnreadableFile(f"工作表“{sheet.name}”的内容无法解析，可能已损坏。", SAVE_AS, detail=repr(exc)) from exc
    return scan.found


def _chunks(head: list[bytes], stream: Any) -> Iterator[bytes]:
    """The chunks already read (let go of one by one), then the rest of the stream."""
    while head:
        yield head.pop(0)
    while chunk := stream.read(_CHUNK):
        yield chunk


# --- the quick scan ---------------------------------------------------------------------
# A sheet up to this size may be scanned whole in memory by byte searches.
_QUICK_BYTES = 32 * _MB
_NS_ALT = b"|".join(re.escape(ns.encode()) for ns in MAIN_NS)
# The root element, with the sheet namespace as the default (the only default declared).
_QUICK_ROOT = re.compile(rb'(?:\xef\xbb\xbf)?\s*(?:<\?xml[^<>]*\?>)?\s*<worksheet\s[^<>]*?\bxmlns="(?:' + _NS_ALT + rb')"')
# A namespace declaration at an `x`: group 1 is "=" (the default one) or what follows the prefix when
# it binds the sheet namespace, or a namespace written with character references (expat reads
# those as the sheet namespace too), else no match.
_NS_DECL = re.compile(rb'xmlns(?:\s*(=)|:[^\s=]+\s*=\s*(["\'](?:(?:' + _NS_ALT + rb')["\']|[^"\'<>]*&)))')
_ATTR = rb' (?![rst]=)[A-Za-z_][\w.:-]*="[^"<>&]*"'
_CELL_TAG = rb' r="[A-Z]{1,3}[1-9][0-9]{0,6}"(?: s="(?:0|[1-9][0-9]{0,8})")?(?: t="[A-Za-z]{1,9}")?(?:' + _ATTR + rb')* ?/?>'
_ROW_TAG = rb' r="[1-9][0-9]{0,6}"(?: [A-Za-z_][\w.:-]*="[^"<>&]*")* ?/?>'
# What the byte searches below could misread: a DTD, comment or CDATA section, processing
# instructions and entities besides the five of XML (each holds a byte a plain sheet rarely has,
# `!`, `?`, `&`, so only the places of that byte are looked at: a regex pass over a sheet of
# LibreOffice's empty styled cells costs 100-300 µs, a search for one byte a few µs) ...
_RARE = (
    (re.compile(rb"<!"), b"!", 1),
    (re.compile(rb"<\?(?!xml )"), b"?", 1),
    (re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)"), b"&", 0),
)
# ... error values (a `t` of "e", or written with a character reference) ...
_ERROR = re.compile(rb"""t\s*=\s*["'](?:e["']|&)""")
# ... and, in one pass over the tags: formulas, cells, rows and merges written other than plainly,
# rows whose number is not plainly under the limit (`_tags`). Each pattern opens with a literal,
# so each search runs at the speed of a scan.
_TAGS: dict[int, re.Pattern[bytes]] = {}
_ROW_NUMBER = re.compile(rb'<row r="([1-9][0-9]{0,6})"')
_ODD_ROW = re.compile(rb"<row(?=[\s/>])(?!" + _ROW_TAG + rb")")
_ODD_CELL = re.compile(rb"<c(?=[\s/>])(?!" + _CELL_TAG + rb")")
# Any hidden="…" that is not plainly false: only then are the rows read one by one.
_MAYBE_HIDDEN = re.compile(rb"""hidden\s*=\s*(?!["'](?:false|0)["'])""")
_HIDDEN_ROW = re.compile(rb'<row r="([0-9]+)"(?: (?!hidden=)[A-Za-z_][\w.:-]*="[^"<>&]*")* hidden="(?:1|true)"')
_MERGE = re.compile(rb'<mergeCell ref="([^"<>&]*)" ?/>')
# How many places of a rare byte are looked at one by one before one regex pass is cheaper
# (an `x` more: a root element declares a dozen namespaces).
_RARE_VISITS = 32
_X_VISITS = 128


def _quick_scan(data: bytes, formats: list[str], limits: Limits) -> SheetExtras | None:
    """The extras of a plainly written sheet within the limits, by byte searches (the same
    result as the streaming scan); None when the streaming scan must decide."""
    if _QUICK_ROOT.match(data) is None or not _one_namespace(data):
        return None
    if any(not _nowhere(data, *rare) for rare in _RARE) or _error_values(data):
        return None
    found = SheetExtras()
    merges = _plain_tags(data, limits, found)
    if merges is None or not _quick_counts(data, limits, found):
        return None
    if _MAYBE_HIDDEN.search(data):
        if _ODD_ROW.search(data):
            return None
        found.hidden_rows.update(int(number) - 1 for number in _HIDDEN_ROW.findall(data))
    styled = [str(i).encode() for i, code in enumerate(formats) if code != "General"]
    if styled and not _quick_formats(data, styled, formats, found):
        return None
    return found if _quick_merges(merges, formats, limits, found) else None


def _nowhere(data: bytes, pattern: re.Pattern[bytes], rare: bytes, offset: int) -> bool:
    """Whether `pattern` matches nowhere in `data`, given that every match holds the byte
    `rare` `offset` bytes after its start: only the places of that byte are tried."""
    at, visits = data.find(rare), 0
    while at >= 0:
        if visits == _RARE_VISITS:  # a byte that is not rare here: one pass from there on
            return pattern.search(data, max(0, at - offset)) is None
        if at >= offset and pattern.match(data, at - offset) is not None:
            return False
        at, visits = data.find(rare, at + 1), visits + 1
    return True


def _error_values(data: bytes) -> bool:
    """Whether a cell may hold an error value: a `t` of "e", or a `t` attribute whose value
    starts with a character reference (the `&` of `prompt="&#…` is no `t` attribute)."""
    for found in _ERROR.finditer(data):
        if found[0][-1:] != b"&" or data[found.start() - 1:found.start()] in (b" ", b"\t", b"\r", b"\n"):
            return True
    return False


def _one_namespace(data: bytes) -> bool:
    """The root's default namespace is the only one declared, and no prefix is bound to the
    sheet namespace (each declaration starts at an `x`, rare in a sheet past its root)."""
    at, defaults = data.find(b"x"), 0
    for _ in range(_X_VISITS):
        if at < 0:
            return defaults == 1
        found = _NS_DECL.match(data, at)
        if found is not None:
            if found[2] is not None:
                return False
            defaults += 1
        at = data.find(b"x", at + 1)
    if at < 0:
        return defaults == 1
    for found in _NS_DECL.finditer(data, at):  # many `x`s: the rest in one pass
        if found[2] is not None:
            return False
        defaults += 1
    return defaults == 1


def _tags(limits: Limits) -> re.Pattern[bytes]:
    """The tags the quick scan must look at: matched `<f`, `<c`, `<row`, `<mergeCell` written
    other than `<name ` (odd), every `<mergeCell ` (its range in group 1 when plainly written),
    and `<row ` without a plain number that is surely under the row limit."""
    digits = len(str(limits.rows_per_sheet)) - 1  # any number of that many digits is under the limit
    pattern = _TAGS.get(digits)
    if pattern is None:
        number = rb'r="[1-9][0-9]{0,%d}"' % (digits - 1) if digits > 0 else rb"(?!)"
        pattern = _TAGS.setdefault(digits, re.compile(
            rb'<(?:f[\s/>]|c[\t\r\n/>]|row(?:[\t\r\n/>]| (?!' + number + rb'))'
            rb'|mergeCell(?:[\t\r\n/>]| (?:ref="([^"<>&]*)" ?/>)?))'))
    return pattern


def _plain_tags(data: bytes, limits: Limits, found: SheetExtras) -> list[bytes] | None:
    """The merged ranges as written, after one pass over the tags (None: not plain)."""
    merges: list[bytes] = []
    rows_checked = False
    for tag in _tags(limits).finditer(data):
        text = tag[0]
        if text.startswith(b"<mergeCell "):
            if tag[1] is None:
                return None
            merges.append(tag[1])
        elif text == b"<row " and not rows_checked:  # a number with more digits: counted exactly
            if not _quick_row_numbers(data, limits):
                return None
            rows_checked = True
        elif text != b"<row ":
            return None  # a formula, or a cell, row or merge written oddly
    return merges


def _quick_row_numbers(data: bytes, limits: Limits) -> bool:
    """Every row starts with its number, none past the row limit."""
    numbers = _ROW_NUMBER.findall(data)
    return len(numbers) == data.count(b"<row ") and (not numbers or max(map(int, numbers)) <= limits.rows_per_sheet)


def _quick_counts(data: bytes, limits: Limits, found: SheetExtras) -> bool:
    """Rows and cells within the limits. Every row and cell of a sheet the quick scan reads is
    written `<row ` / `<c ` (the other writings are odd), so a sheet too short to hold more
    than the limit of them needs no counting."""
    if len(data) // len(b"<row ") > limits.rows_per_sheet and data.count(b"<row ") > limits.rows_per_sheet:
        return False
    return len(data) // len(b"<c ") <= limits.cells_per_sheet or data.count(b"<c ") <= limits.cells_per_sheet


def _quick_formats(data: bytes, styled: list[bytes], formats: list[str], found: SheetExtras) -> bool:
    """The formats of the cells with a value in a style that matters (False: not plain)."""
    if _ODD_CELL.search(data):
        return False
    pattern = (rb'<c r="([A-Z]{1,3}[1-9][0-9]{0,6})" s="(' + b"|".join(styled)
               + rb')"(?: t="[A-Za-z]{1,9}")?(?:' + _ATTR + rb')* ?>\s*<v[\s/>]')
    for ref, style in re.findall(pattern, data):
        at = parse_ref(ref.decode())
        if at is not None:
            found.formats[at] = formats[int(style)]
    return True


def _quick_merges(merges: list[bytes], formats: list[str], limits: Limits, found: SheetExtras) -> bool:
    """The merged ranges (False: past the limit)."""
    if not merges:
        return True
    scan = _SheetScan("", formats, limits)
    try:
        for ref in merges:
            scan._merge({"ref": ref.decode("utf-8", "replace")})
    except UnreadableFile:
        return False
    found.merged = scan.found.merged
    return True
