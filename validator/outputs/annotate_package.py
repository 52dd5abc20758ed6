"""The annotated copy of a plain .xlsx/.xlsm written by patching its package: the quick way.

Loading a filled template with openpyxl and saving it again costs half a second (every styled
empty cell of the prepared rows becomes an object twice); the copy needs only a few changes.
So the parts are copied as they are, and only these are rewritten: the sheets with formulas
(each frozen to its cached value, or its text), the sheets with findings (fill, comment), the
styles (the fills), the workbook (the 审核意见 sheet first and active, names pointing into
other files dropped), its relationships and the content types; macros and the calculation
chain are left out. The 审核意见 sheet, the comments and their drawing are written by
openpyxl's own writers, exactly as the openpyxl way writes them.

Only a package made of plain parts (worksheets, shared strings, styles, theme, properties,
printer settings, macros, calculation chain) is patched; `write_patched` returns False for
anything else (comments already there, drawings, tables, external links, embedded objects,
shared formulas with no cached value…) and `annotate` takes the openpyxl way instead. Both ways
give the same copy as a user sees it: tests compare them cell by cell."""

from __future__ import annotations

import copy
import posixpath
import re
import threading
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet
from openpyxl.styles.cell_style import CellStyle
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, quote_sheetname, range_boundaries
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.functions import tostring

from validator.model import Finding, Severity

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
WORKBOOK_TYPE = _SML + "sheet.main+xml"
WORKSHEET_TYPE = _SML + "worksheet+xml"
COMMENTS_TYPE = _SML + "comments+xml"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
WORKBOOK_TYPES = {WORKBOOK_TYPE, _SML + "template.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                  "application/vnd.ms-excel.template.macroEnabled.main+xml"}
DROPPED_TYPES = {_SML + "calcChain+xml", "application/vnd.ms-office.vbaProject"}
KEPT_TYPES = {WORKSHEET_TYPE, _SML + "sharedStrings+xml", _SML + "styles+xml", _SML + "printerSettings",
              "application/vnd.openxmlformats-officedocument.theme+xml",
              "application/vnd.openxmlformats-package.core-properties+xml",
              "application/vnd.openxmlformats-officedocument.extended-properties+xml",
              "application/vnd.openxmlformats-officedocument.custom-properties+xml"}
_WORKSHEET_REL = REL + "/worksheet"
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")  # what follows legacyDrawing in a worksheet (ECMA-376 order)
_LEGACY_FREE = re.compile(rb"<(?:\w+:)?(?:legacyDrawing|drawing|oleObjects|controls)\b")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_SELECTED = (b'tabSelected="1"', b'tabSelected="true"', b"tabSelected='1'", b"tabSelected='true'")
_SHEET_RELS = {REL + "/hyperlink", REL + "/printerSettings"}


class NotPlain(Exception):
    """The package holds something this way does not handle: take the openpyxl way."""


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)  # a submission's parts


def _parse(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def q(tag: str, ns: str = MAIN) -> str:
    return f"{{{ns}}}{tag}"


@dataclass
class Package:
    """The source package's members, and what changes."""

    members: dict[str, bytes]
    order: list[str]
    types: Any  # [Content_Types].xml
    workbook_path: str
    workbook: Any
    workbook_rels: Any
    sheets: list[tuple[str, str]]  # (title, part path) in workbook order
    styles_path: str
    styles: Any
    written: dict[str, bytes] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    parsed: dict[str, Any] = field(default_factory=dict)
    variants: dict[tuple[int, int | None, bool], int] = field(default_factory=dict)

    def sheet_xml(self, path: str) -> Any:
        if path not in self.parsed:
            self.parsed[path] = _parse(self.members[path])
        return self.parsed[path]


def write_patched(source: Path, target: Path, findings: list[Finding], *, unlisted: int,
                  sheet_title: str, build_sheet: Any, fills: dict[Severity, Any], comment: Any) -> bool:
    """The annotated copy written by patching; False (nothing written) when the package is
    not plain. `build_sheet(ws, findings, anchors, unlisted)` fills the 审核意见 sheet in a scratch
    workbook; `comment(group)` makes a cell's comment; `fills` are the severity fills."""
    try:
        package = _open(source)
        anchors = [_locate(package, finding) for finding in findings]
        _freeze_formulas(package)
        _mark(package, findings, anchors, fills, comment)
        title = _free_title([t for t, _ in package.sheets], sheet_title)
        _add_findings_sheet(package, title, build_sheet, findings, anchors, unlisted)
    except NotPlain:
        return False
    except (KeyError, IndexError, ValueError, TypeError, etree.LxmlError, BadZipFile, zlib.error):
        return False  # a package this way did not foresee: the openpyxl way decides what to make of it
    target.parent.mkdir(parents=True, exist_ok=True)
    _save(package, target)
    return True


# --- reading ------------------------------------------------------------------------------------


def _open(source: Path) -> Package:
    with ZipFile(source) as archive:
        order = archive.namelist()
        members = {name: archive.read(name) for name in order}
    if "[Content_Types].xml" not in members:
        raise NotPlain
    types = _parse(members["[Content_Types].xml"])
    root_rels = _parse(members.get("_rels/.rels", b"<x/>"))
    main = [r.get("Target") for r in root_rels if r.get("Type", "").endswith("/officeDocument")]
    if len(main) != 1:
        raise NotPlain
    workbook_path = main[0].lstrip("/")
    kinds = {name: _content_type(types, name) for name in order if not name.endswith((".rels", "/"))
             and name != "[Content_Types].xml"}
    if kinds.get(workbook_path) not in WORKBOOK_TYPES:
        raise NotPlain
    strange = [n for n, t in kinds.items() if n != workbook_path and t not in KEPT_TYPES | DROPPED_TYPES]
    if strange:
        raise NotPlain
    rels_path = _rels_path(workbook_path)
    workbook = _parse(members[workbook_path])
    workbook_rels = _parse(members[rels_path]) if rels_path in members else None
    if workbook_rels is None:
        raise NotPlain
    targets = {r.get("Id"): (r.get("Type"), _resolve(workbook_path, r.get("Target", ""))) for r in workbook_rels}
    sheets = []
    for sheet in workbook.iterfind(f"{q('sheets')}/{q('sheet')}"):
        kind, path = targets.get(sheet.get(q("id", REL)), (None, ""))
        if kind != _WORKSHEET_REL or kinds.get(path) != WORKSHEET_TYPE:
            raise NotPlain  # a chart sheet or dialog sheet
        sheets.append((sheet.get("name", ""), path))
    styles = [path for kind, path in targets.values() if kind == REL + "/styles"]
    if len(styles) != 1 or styles[0] not in members:
        raise NotPlain
    package = Package(members, order, types, workbook_path, workbook, workbook_rels, sheets, styles[0],
                      _parse(members[styles[0]]))
    for name, kind in kinds.items():
        if kind in DROPPED_TYPES:
            package.dropped.add(name)
    for _, path in sheets:
        rels = _parse(members[_rels_path(path)]) if _rels_path(path) in members else []
        if _has(members[path], _LEGACY_FREE, b"rawing", b"oleObjects", b"controls") or any(
                r.get("Type") not in _SHEET_RELS for r in rels):
            raise NotPlain
    return package


def _has(data: bytes, pattern: re.Pattern[bytes], *hints: bytes) -> bool:
    """`pattern` occurs in `data`; the plain substring search for `hints` first is much quicker."""
    return any(hint in data for hint in hints) and pattern.search(data) is not None


def _content_type(types: Any, name: str) -> str | None:
    for override in types.iterfind(q("Override", TYPES)):
        if override.get("PartName", "").lstrip("/") == name:
            return str(override.get("ContentType"))
    extension = name.rpartition(".")[2].lower()
    for default in types.iterfind(q("Default", TYPES)):
        if default.get("Extension", "").lower() == extension:
            return str(default.get("ContentType"))
    return None


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


# --- where findings go ----------------------------------------------------------------------------

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})(?::.*)?$")
_TEXT_CELL = re.compile(r"^第([1-9][0-9]{0,6})行第([1-9][0-9]{0,4})列$")
Anchor = tuple[str, str]  # (sheet title, cell)


def finding_cell(finding: Finding) -> tuple[int, int, str] | None:
    """The row, column and A1 reference a finding names (a text table's 第N行第M列 placed at
    the same row and column), or None when it names no cell inside a worksheet's bounds."""
    match = _A1.match(finding.cell or "")
    text_cell = _TEXT_CELL.match(finding.cell or "") if finding.sheet is None else None
    if text_cell is not None:
        coord = f"{get_column_letter(int(text_cell.group(2)))}{text_cell.group(1)}"
    elif match is not None:
        coord = f"{match.group(1).upper()}{match.group(2)}"
    else:
        return None
    try:
        row, column = coordinate_to_tuple(coord)
    except ValueError:
        return None
    if column > 16384 or row > 1048576:
        return None
    return row, column, coord


def _locate(package: Package, finding: Finding) -> Anchor | None:
    """As annotate._locate: the sheet and top-left cell a finding points at, or None."""
    titles = [t for t, _ in package.sheets]
    if finding.sheet is None:
        title = titles[0] if len(titles) == 1 else None
    else:
        title = finding.sheet if finding.sheet in titles else None
    place = finding_cell(finding)
    if title is None or place is None:
        return None
    row, column, coord = place
    sheet = package.sheet_xml(dict(package.sheets)[title])
    for merged in sheet.iterfind(f"{q('mergeCells')}/{q('mergeCell')}"):
        min_col, min_row, max_col, max_row = range_boundaries(merged.get("ref", ""))
        if min_row <= row <= max_row and min_col <= column <= max_col:
            return title, f"{get_column_letter(min_col)}{min_row}"
    return title, coord


# --- formulas ---------------------------------------------------------------------------------


def _freeze_formulas(package: Package) -> None:
    """As annotate._freeze_formulas: each formula becomes its cached value, or its text."""
    for _, path in package.sheets:
        if not _has(package.members[path], _FORMULA, b"<f>", b"<f ", b":f>", b":f ") and path not in package.parsed:
            continue
        sheet = package.sheet_xml(path)
        for formula in list(sheet.iter(q("f"))):
            cell = formula.getparent()
            _freeze(package, cell, formula)


def _freeze(package: Package, cell: Any, formula: Any) -> None:
    kind, value = cell.get("t", "n"), cell.find(q("v"))
    cached = value.text if value is not None else None
    if formula.get("t") == "dataTable" or (formula.get("t") == "shared" and formula.text is None and not cached):
        raise NotPlain  # text that only openpyxl's translator can give
    if cached and kind not in ("str", "e", "inlineStr"):
        cell.remove(formula)  # a number or a truth value stays what it is
        return
    text = cached if cached else "=" + (formula.text or "")
    _put_text(package, cell, text)


def _put_text(package: Package, cell: Any, text: str) -> None:
    """As sheetout.put_text on a formula cell: literal text, with Excel's quote prefix."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:32767]
    for child in list(cell):
        cell.remove(child)
    _inline(cell, text)
    cell.set("s", str(_variant(package, int(cell.get("s", "0")), quote=True)))


# --- styles -------------------------------------------------------------------------------------


def _cell_xfs(package: Package) -> Any:
    xfs = package.styles.find(q("cellXfs"))
    if xfs is None or not len(xfs):
        raise NotPlain
    return xfs


def _variant(package: Package, style: int, *, fill: int | None = None, quote: bool = False) -> int:
    """The index of cell format `style` with `fill` and/or the quote prefix, added once."""
    xfs = _cell_xfs(package)
    key = (style, fill, quote)
    if key in package.variants:
        return package.variants[key]
    if style >= len(xfs):
        style = 0
    xf = copy.deepcopy(xfs[style])
    if fill is not None:
        xf.set("fillId", str(fill))
        xf.set("applyFill", "1")
    if quote:
        xf.set("quotePrefix", "1")
    xfs.append(xf)
    xfs.set("count", str(len(xfs)))
    package.variants[key] = len(xfs) - 1
    return package.variants[key]


def _append(package: Package, section: str, elements: Iterable[Any]) -> int:
    """Append serialized openpyxl style objects to a section of styles.xml; the first new index."""
    parent = package.styles.find(q(section))
    if parent is None:
        raise NotPlain
    first = len(parent)
    for element in elements:
        parent.append(_parse(tostring(element.to_tree())))
    parent.set("count", str(len(parent)))
    return first


# --- marking cells ----------------------------------------------------------------------------


def _mark(package: Package, findings: list[Finding], anchors: list[Anchor | None], fills: dict[Severity, Any],
          comment: Any) -> None:
    """As annotate._mark_cells: one fill and one comment per cell; red wins."""
    groups: dict[Anchor, list[Finding]] = defaultdict(list)
    for finding, anchor in zip(findings, anchors):
        if anchor is not None:
            groups[anchor].append(finding)
    if not groups:
        return
    fill_ids = {}
    for severity, fill in fills.items():
        fill_ids[severity] = _append(package, "fills", [fill])
    by_sheet: dict[str, list[tuple[str, list[Finding]]]] = defaultdict(list)
    for (title, coord), group in groups.items():
        by_sheet[title].append((coord, group))
    paths = dict(package.sheets)
    for number, (title, cells) in enumerate(by_sheet.items(), start=1):
        sheet = package.sheet_xml(paths[title])
        records = []
        for coord, group in cells:
            cell = _cell(sheet, coord)
            severity = Severity.ERROR if any(f.severity is Severity.ERROR for f in group) else Severity.WARNING
            style = int(cell.get("s", "0"))
            cell.set("s", str(_variant(package, style, fill=fill_ids[severity])))
            made = comment(group)
            record = CommentRecord(ref=coord, author=made.author)
            record.text.t = made.content
            record.height, record.width = made.height, made.width
            records.append(record)
        _comments(package, paths[title], sheet, records, number)


def _cell(sheet: Any, coord: str) -> Any:
    """The `c` element at `coord`, made (in row and column order) when the sheet has none."""
    row_number, column = coordinate_to_tuple(coord)
    data = sheet.find(q("sheetData"))
    if data is None:
        raise NotPlain
    row = None
    for candidate in data.iterfind(q("row")):
        if candidate.get("r") is None:
            raise NotPlain
        number = int(candidate.get("r"))
        if number == row_number:
            row = candidate
            break
        if number > row_number:
            row = etree.Element(q("row"), r=str(row_number))
            candidate.addprevious(row)
            break
    if row is None:
        row = etree.SubElement(data, q("row"), r=str(row_number))
    for cell in row.iterfind(q("c")):
        if cell.get("r") is None:
            raise NotPlain
        found = coordinate_to_tuple(cell.get("r"))[1]
        if found == column:
            return cell
        if found > column:
            new = etree.Element(q("c"), r=coord)
            cell.addprevious(new)
            return new
    return etree.SubElement(row, q("c"), r=coord)


def _comments(package: Package, path: str, sheet: Any, records: list[CommentRecord], number: int) -> None:
    """The comments part and its VML drawing, as openpyxl's workbook writer makes them."""
    comments = CommentSheet.from_comments(records)
    comments_path = _free_path(package, f"xl/comments/annotation{number}.xml")
    vml_path = _free_path(package, f"xl/drawings/annotationDrawing{number}.vml")
    package.written[comments_path] = tostring(comments.to_tree())
    package.written[vml_path] = comments.write_shapes(None)
    rels_path = _rels_path(path)
    rels = _parse(package.members[rels_path]) if rels_path in package.members else etree.Element(
        q("Relationships", PKG_REL), nsmap={None: PKG_REL})
    taken = {r.get("Id") for r in rels}
    comment_id, vml_id = _free_id(taken, "rIdComments"), _free_id(taken | {"rIdComments"}, "rIdVml")
    etree.SubElement(rels, q("Relationship", PKG_REL), Id=comment_id, Type=REL + "/comments",
                     Target="/" + comments_path)
    etree.SubElement(rels, q("Relationship", PKG_REL), Id=vml_id, Type=REL + "/vmlDrawing", Target="/" + vml_path)
    package.written[rels_path] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    legacy = etree.Element(q("legacyDrawing"), nsmap={"r": REL})
    legacy.set(q("id", REL), vml_id)
    following = next((child for child in sheet if etree.QName(child).localname in _AFTER_LEGACY), None)
    if following is not None:
        following.addprevious(legacy)
    else:
        sheet.append(legacy)
    _override(package, comments_path, COMMENTS_TYPE)
    _default(package, "vml", VML_TYPE)


def _free_path(package: Package, wanted: str) -> str:
    stem, dot, ext = wanted.rpartition(".")
    candidate, n = wanted, 2
    while candidate in package.members or candidate in package.written:
        candidate, n = f"{stem}_{n}{dot}{ext}", n + 1
    return candidate


def _free_id(taken: set[str | None], wanted: str) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}{n}", n + 1
    return candidate


def _override(package: Package, path: str, content_type: str) -> None:
    etree.SubElement(package.types, q("Override", TYPES), PartName="/" + path, ContentType=content_type)


def _default(package: Package, extension: str, content_type: str) -> None:
    if not any(d.get("Extension", "").lower() == extension for d in package.types.iterfind(q("Default", TYPES))):
        package.types.insert(0, etree.Element(q("Default", TYPES), Extension=extension, ContentType=content_type))


# --- the 审核意见 sheet -----------------------------------------------------------------------


def _free_title(titles: list[str], title: str) -> str:
    candidate, number = title, 2
    while candidate in titles:
        candidate, number = f"{title}{number}", number + 1
    return candidate


_SCRATCH: list[Workbook] = []  # scratch workbooks to lend: a new one costs more than the sheet
_SCRATCH_LOCK = threading.Lock()


@contextmanager
def _scratch(title: str) -> Iterator[tuple[Workbook, Any]]:
    """An empty workbook of one sheet `title`; its formats stay for the next loan (the same few
    each time), its strings do not."""
    with _SCRATCH_LOCK:
        book = _SCRATCH.pop() if _SCRATCH else Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    book.shared_strings = IndexedList()
    yield book, book.create_sheet(title)
    with _SCRATCH_LOCK:
        _SCRATCH.append(book)


def _add_findings_sheet(package: Package, title: str, build_sheet: Any, findings: list[Finding],
                        anchors: list[Anchor | None], unlisted: int) -> None:
    with _scratch(title) as (scratch, ws):
        build_sheet(ws, findings, anchors, unlisted)
        ws.sheet_view.tabSelected = True
        writer = WorksheetWriter(ws, out=BytesIO())
        writer.write()
        xml = _parse(writer.read())
        if len(writer._rels) or ws._comments:
            raise NotPlain
        _restyle(package, scratch, xml)
    sheet_path = _free_path(package, "xl/worksheets/annotation.xml")
    package.written[sheet_path] = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)
    _override(package, sheet_path, WORKSHEET_TYPE)
    r_id = _free_id({r.get("Id") for r in package.workbook_rels}, "rIdAnnotation")
    etree.SubElement(package.workbook_rels, q("Relationship", PKG_REL), Id=r_id, Type=_WORKSHEET_REL,
                     Target="/" + sheet_path)
    _first_sheet(package, title, r_id, ws)


def _restyle(package: Package, scratch: Workbook, xml: Any) -> None:
    """The scratch sheet's cell formats added to the copy's styles (its defaults are the copy's
    defaults, as when openpyxl adds a sheet to the loaded workbook); its strings inline."""
    if scratch._number_formats:
        raise NotPlain
    fonts = _mapped(package, "fonts", scratch._fonts, keep=1)
    fills = _mapped(package, "fills", scratch._fills, keep=2)
    borders = _mapped(package, "borders", scratch._borders, keep=1)
    xfs = _cell_xfs(package)
    moved = []
    for style in scratch._cell_styles:
        if not any(style):
            moved.append(0)  # an unformatted cell: the copy's own default format
            continue
        xf = CellStyle.from_array(style)
        xf.fontId, xf.fillId, xf.borderId = fonts[style.fontId], fills[style.fillId], borders[style.borderId]
        if style.alignmentId:
            xf.alignment = scratch._alignments[style.alignmentId]
        if style.protectionId:
            xf.protection = scratch._protections[style.protectionId]
        xfs.append(_parse(tostring(xf.to_tree())))
        moved.append(len(xfs) - 1)
    xfs.set("count", str(len(xfs)))
    strings = list(scratch.shared_strings)
    for cell in xml.iter(q("c")):
        cell.set("s", str(moved[int(cell.get("s", "0"))]))
        if cell.get("t") == "s":
            value = cell.find(q("v"))
            text = strings[int(value.text)]
            cell.remove(value)
            _inline(cell, text)


def _mapped(package: Package, section: str, items: Any, *, keep: int) -> list[int]:
    """Index in the copy's styles of each scratch item: the first `keep` (the defaults) are
    the copy's own, the others appended."""
    first = _append(package, section, list(items)[keep:])
    return [*range(keep), *range(first, first + len(items) - keep)]


def _inline(cell: Any, text: str) -> None:
    cell.set("t", "inlineStr")
    t = etree.SubElement(etree.SubElement(cell, q("is")), q("t"))
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _first_sheet(package: Package, title: str, r_id: str, ws: Any) -> None:
    """The new sheet first and active; local names moved up one; the others not selected."""
    workbook = package.workbook
    sheets = workbook.find(q("sheets"))
    ids = [int(s.get("sheetId", "0")) for s in sheets]
    new = etree.Element(q("sheet"), name=title, sheetId=str(max(ids, default=0) + 1))
    new.set(q("id", REL), r_id)
    sheets.insert(0, new)
    views = workbook.find(q("bookViews"))
    if views is None:
        views = etree.Element(q("bookViews"))
        sheets.addprevious(views)
    if not len(views):
        etree.SubElement(views, q("workbookView"))
    for view in views:
        view.set("activeTab", "0")
        if view.get("firstSheet") is not None:
            view.set("firstSheet", "0")
    names = workbook.find(q("definedNames"))
    if names is None:
        names = etree.Element(q("definedNames"))
        following = next((c for c in workbook if etree.QName(c).localname not in (
            "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
            "functionGroups", "externalReferences")), None)
        if following is not None:
            following.addprevious(names)
        else:
            workbook.append(names)
    for name in list(names):
        if "[" in (name.text or "") or "|" in (name.text or ""):
            names.remove(name)  # names pointing into other files or at DDE servers
        elif name.get("localSheetId") is not None:
            name.set("localSheetId", str(int(name.get("localSheetId")) + 1))
    quoted = quote_sheetname(title)
    if ws.auto_filter:
        _name(names, "_xlnm._FilterDatabase", f"{quoted}!{ws.auto_filter}", hidden=True)
    if ws.print_titles:
        _name(names, "_xlnm.Print_Titles", ws.print_titles)
    if not len(names):
        workbook.remove(names)
    for _, path in package.sheets:
        if path in package.parsed or any(m in package.members[path] for m in _SELECTED):
            for view in package.sheet_xml(path).iter(q("sheetView")):
                if view.get("tabSelected") is not None:
                    view.set("tabSelected", "0")
    for member in package.dropped:
        for rel in list(package.workbook_rels):
            if _resolve(package.workbook_path, rel.get("Target", "")) == member:
                package.workbook_rels.remove(rel)


def _name(names: Any, name: str, value: str, *, hidden: bool = False) -> None:
    element = etree.SubElement(names, q("definedName"), name=name, localSheetId="0")
    if hidden:
        element.set("hidden", "1")
    element.text = value


# --- writing ------------------------------------------------------------------------------------


def _save(package: Package, target: Path) -> None:
    for override in list(package.types.iterfind(q("Override", TYPES))):
        part = override.get("PartName", "").lstrip("/")
        if part in package.dropped:
            package.types.remove(override)
        elif part == package.workbook_path:
            override.set("ContentType", WORKBOOK_TYPE)  # no macros, not a template
    if _content_type(package.types, package.workbook_path) != WORKBOOK_TYPE:
        _override(package, package.workbook_path, WORKBOOK_TYPE)
    package.written["[Content_Types].xml"] = _xml(package.types)
    package.written[package.workbook_path] = _xml(package.workbook)
    package.written[_rels_path(package.workbook_path)] = _xml(package.workbook_rels)
    package.written[package.styles_path] = _xml(package.styles)
    for path, element in package.parsed.items():
        package.written[path] = _xml(element)
    names = [n for n in package.order if n not in package.dropped and n not in (
        _rels_path(d) for d in package.dropped)]
    names = ["[Content_Types].xml", *[n for n in names if n != "[Content_Types].xml"],
             *[n for n in package.written if n not in package.members]]
    with ZipFile(target, "w", compression=ZIP_DEFLATED) as archive:
        for name in names:
            if name in package.written:
                archive.writestr(name, package.written[name])
            else:  # copied as it was: zlib's quickest level, the copy is a little larger
                archive.writestr(name, package.members[name], compresslevel=1)


def _xml(element: Any) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True))
