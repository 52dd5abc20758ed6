"""The annotated copy: the submitted workbook with every finding marked on its cell, and a
first sheet 审核意见 that lists the findings with links to their cells.

The original is never written: the copy is loaded from `source` and saved to `target`
(openpyxl drops parts of an Excel file it does not understand, so only a copy may be saved).

The copy never carries live content from the submission: formulas become their cached value
(or their text when the file holds none), and macros (vbaProject.bin), external links and
embedded objects are dropped; it is always an .xlsx. An .xls/.xlsb/.ods/.csv submission gets a
fresh .xlsx built from the cells as read, with the same sheet names and cell positions, so
every finding lands on the cell it names."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from validator.model import FileReport, Finding, Report, Severity, Status
from validator.outputs.annotate_package import finding_cell, write_patched
from validator.outputs.naming import output_stem, unique_path
from validator.outputs.sheetout import FINDING_COLUMNS, put_text, put_value, write_table

ERROR_FILL = PatternFill("solid", fgColor="FFFFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFFFEB9C")
LINK_FONT = Font(color="FF0563C1", underline="single")
SHEET_TITLE = "审核意见"
COMMENT_AUTHOR = "审核意见"
ANNOTATED_MARK = "_审核标注"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".et", ".csv")
ANNOTATED_SUFFIX = ".xlsx"
COLUMNS = (("序号", 6), *FINDING_COLUMNS)  # no rule id: the copy goes back to the unit, for whom the id means nothing

Anchor = tuple[Worksheet, str]


def annotate_workbook(file_report: FileReport, source: Path | str, target: Path | str, *,
                      listed: int | None = None) -> Path | None:
    """Write the annotated copy of `source` to `target`. Returns None when there is nothing
    to annotate: an unreadable submission, or input that is not an xlsx/xlsm workbook.
    With `listed` (limits.findings_listed), only the first `listed` findings (errors first)
    are marked and listed, and the list ends with "另有 N 条未列出"."""
    source, target = Path(source), Path(target)
    if file_report.status is Status.UNREADABLE or source.suffix.lower() not in WORKBOOK_SUFFIXES:
        return None
    if target.resolve() == source.resolve():
        raise ValueError(f"标注副本不能覆盖原文件：{source}")
    everything = file_report.sorted_findings()
    findings = everything if listed is None else everything[:listed]
    unlisted = len(everything) - len(findings)
    if _patchable(source) and write_patched(
            source, target, findings, unlisted=unlisted, sheet_title=SHEET_TITLE, build_sheet=_fill_findings_sheet,
            fills={Severity.ERROR: ERROR_FILL, Severity.WARNING: WARNING_FILL}, comment=lambda g: _comment(g, None)):
        return target  # the quick way: the package patched (see outputs/annotate_package.py)
    workbook = load_source(source)
    anchors = [_locate(workbook, finding) for finding in findings]
    _mark_cells(findings, anchors)
    _findings_sheet(workbook, findings, anchors, unlisted)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _patchable(source: Path) -> bool:
    from validator.reader.sniff import sniff

    return sniff(source).format in ("xlsx", "xlsm")


def load_source(source: Path) -> Workbook:
    """The submission as a workbook that holds no live content (see the module docstring)."""
    if not _patchable(source):
        return _rebuilt(source)
    with source.open("rb") as fh:  # a file object: openpyxl would judge a misnamed file by its name
        workbook = load_workbook(fh, keep_vba=False, keep_links=False, rich_text=False)
    _freeze_formulas(workbook, source)
    workbook.template = False
    for name in [n for n, d in workbook.defined_names.items() if "[" in str(d.value) or "|" in str(d.value)]:
        del workbook.defined_names[name]  # names pointing into other files or at DDE servers
    return workbook


def _freeze_formulas(workbook: Workbook, source: Path) -> None:
    """Every formula becomes the value the file shows for it (its cached value), or its text
    when the file holds no cached value."""
    cached: Workbook | None = None
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                if cached is None:
                    with source.open("rb") as fh:
                        cached = load_workbook(fh, data_only=True, keep_links=False, rich_text=False)
                shown = cached[ws.title][cell.coordinate].value
                text = getattr(cell.value, "text", cell.value)
                if shown is None or isinstance(shown, str):
                    put_text(cell, shown if shown is not None else text)
                else:
                    cell.value = shown


def _rebuilt(source: Path) -> Workbook:
    """A fresh workbook of the cells as the reader read them (same sheet names and positions)."""
    from validator.reader import TABLE_SUFFIXES
    from validator.reader.csvfile import load_csv_grid
    from validator.reader.textfile import load_text_grid
    from validator.reader.workbook import load_grids

    suffix = source.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        grids = [load_csv_grid(source) if suffix == ".csv" else load_text_grid(source)]
    else:
        grids = load_grids(source)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for grid in grids:
        ws = workbook.create_sheet(_sheet_title(grid.name) if grid.is_text else grid.name)
        if grid.hidden:
            ws.sheet_state = "hidden"
        for r, row in enumerate(grid.rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell is not None and cell.coord == _coord(r, c, grid.is_text):
                    value = cell.formula if cell.formula is not None else cell.raw
                    put_value(ws.cell(row=r, column=c), value)
        for min_row, min_col, max_row, max_col in grid.merged or ():
            if max_row > min_row or max_col > min_col:
                ws.merge_cells(start_row=min_row + 1, start_column=min_col + 1, end_row=max_row + 1, end_column=max_col + 1)
    return workbook


def _coord(row: int, col: int, text: bool) -> str:
    return f"第{row}行第{col}列" if text else f"{get_column_letter(col)}{row}"


def _sheet_title(name: str) -> str:
    """A text table's file name as a legal sheet title."""
    title = re.sub(r"[\\/?*\[\]:']", "_", Path(name).stem).strip() or "Sheet1"
    return title[:31]


def annotate_all(report: Report, directory: Path | str, *, listed: int | None = None) -> list[Path]:
    """Annotated copies of every readable workbook in the report, named
    `{unit}_{file stem}_审核标注.xlsx` (always .xlsx). Returns the paths written."""
    folder = Path(directory)
    taken: set[Path] = set()
    written = []
    for file_report in report.files:
        source = Path(file_report.path)
        target = unique_path(folder, output_stem(file_report) + ANNOTATED_MARK, ANNOTATED_SUFFIX, taken)
        result = annotate_workbook(file_report, source, target, listed=listed)
        if result is not None:
            written.append(result)
    return written


def _locate(workbook: Workbook, finding: Finding) -> Anchor | None:
    """The worksheet and top-left cell a finding points at, or None when it names no cell
    of this workbook (text input, a missing sheet, a whole-sheet finding)."""
    ws = _sheet(workbook, finding.sheet)
    place = finding_cell(finding)
    if ws is None or place is None:
        return None
    row, column, coord = place
    for merged in ws.merged_cells.ranges:
        if (row, column) in merged.cells:
            return ws, merged.start_cell.coordinate
    return ws, coord


def _sheet(workbook: Workbook, name: str | None) -> Worksheet | None:
    if name is None:
        sheets = workbook.worksheets
        return sheets[0] if len(sheets) == 1 else None
    if name in workbook.sheetnames and isinstance(workbook[name], Worksheet):
        return workbook[name]
    return None


def _mark_cells(findings: list[Finding], anchors: list[Anchor | None]) -> None:
    """One fill and one comment per cell, however many findings it has; red wins."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    sheets: dict[str, Worksheet] = {}
    for finding, anchor in zip(findings, anchors):
        if anchor is not None:
            groups[(anchor[0].title, anchor[1])].append(finding)
            sheets[anchor[0].title] = anchor[0]
    for (title, coord), group in groups.items():
        cell = sheets[title][coord]
        has_error = any(f.severity is Severity.ERROR for f in group)
        cell.fill = ERROR_FILL if has_error else WARNING_FILL
        cell.comment = _comment(group, cell.comment)


def _comment(group: list[Finding], existing: Comment | None) -> Comment:
    entries = [_comment_entry(finding) for finding in group]
    if existing is not None and existing.text:
        entries.append(f"（原批注）{existing.text}")
    text = "\n\n".join(entries)
    lines = sum(1 + len(line) // 18 for line in text.splitlines())
    return Comment(text, COMMENT_AUTHOR, height=min(max(60, lines * 15), 400), width=280)


def _comment_entry(finding: Finding) -> str:
    text = f"【{finding.severity.label}】{finding.message}"
    if finding.suggestion:
        text += f"\n修改建议：{finding.suggestion}"
    return text


def _findings_sheet(workbook: Workbook, findings: list[Finding], anchors: list[Anchor | None],
                    unlisted: int) -> Worksheet:
    ws = workbook.create_sheet(_free_title(workbook, SHEET_TITLE), 0)
    _fill_findings_sheet(ws, findings, [(a[0].title, a[1]) if a else None for a in anchors], unlisted)
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    workbook.active = 0
    return ws


def _fill_findings_sheet(ws: Worksheet, findings: list[Finding], links: list[tuple[str, str] | None],
                         unlisted: int) -> None:
    """The list of findings, each linked to its (sheet title, cell) when it has one."""
    rows = [_row(number, finding) for number, finding in enumerate(findings, start=1)]
    write_table(ws, COLUMNS, rows, wrap=(3, 4, 5, 6))
    for row, (finding, link) in enumerate(zip(findings, links), start=2):
        ws.cell(row=row, column=2).fill = ERROR_FILL if finding.severity is Severity.ERROR else WARNING_FILL
        if link is not None:
            _link(ws.cell(row=row, column=3), *link)
    if not findings:
        put_text(ws.cell(row=2, column=6), "未发现问题。")
    if unlisted:
        _not_listed(ws, unlisted)


def _not_listed(ws: Worksheet, count: int) -> None:
    """The line under a bounded list of findings."""
    put_text(ws.cell(row=ws.max_row + 1, column=6),
             f"另有 {count} 条未列出。请先改正以上问题，重新报送后将再次审核并列出其余问题。")


def _row(number: int, finding: Finding) -> tuple[object, ...]:
    return (
        number,
        finding.severity.label,
        finding.location,
        finding.project,
        finding.indicator,
        finding.message,
        finding.suggestion,
    )


def _link(cell: Cell, title: str, coord: str) -> None:
    quoted = title.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{coord}")
    cell.font = LINK_FONT


def _free_title(workbook: Workbook, title: str) -> str:
    """审核意见, or 审核意见2 … when the submission already has such a sheet (a resubmitted copy)."""
    candidate, number = title, 2
    while candidate in workbook.sheetnames:
        candidate, number = f"{title}{number}", number + 1
    return candidate

