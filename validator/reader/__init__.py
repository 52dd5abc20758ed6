"""Reading submissions: any supported file becomes a `Submission` of located records, or
raises `UnreadableFile`. Rules never see files, only what this package yields.

Workbooks are read as a budget-system export when one header row has both project and
indicator columns (one indicator per row), as the national per-project form when a sheet has
its labels (项目名称 … above an 一级指标 | 三级指标 | 指标值 table), as the published flat layout when a
sheet has a 绩效指标 column and no separate indicator sheet, and otherwise as the standard
template; text tables (.txt/.tsv/.csv) are read as a row-per-indicator export (a self-evaluation's
or a target table's) or as the published layout. Files are recognised
by content (`sniff`): .xlsx, .xlsm, .xlsb, .xls and .ods are read whatever their name says, and
the Submission records what the file really is (`file_format`, for the `file-format` hint). Self-evaluation tables
(绩效自评表, `selfeval.py`) are the export and per-project form with 实际完成值 and 得分 columns."""

from __future__ import annotations

from pathlib import Path

from validator.config.limits import Limits
from validator.reader.columns import INDICATOR_INDEX
from validator.reader.csvfile import CSV_SUFFIX, load_csv_grid, looks_like_csv_table
from validator.reader.errors import UnreadableFile
from validator.reader.grid import Grid
from validator.reader.layout import find_table
from validator.reader.national import find_national, is_national, read_national
from validator.reader.published import find_published, no_header, read_published
from validator.reader.rowwise import find_rowwise, read_rowwise
from validator.reader.safety import SAVE_AS, check_file
from validator.reader.selfeval import (
    find_self_rowwise,
    read_self_forms,
    read_self_rowwise,
    self_evaluation_forms,
    with_template_meta,
)
from validator.reader.sniff import OLE_MAGIC, ZIP_MAGIC, regular_file
from validator.reader.template import read_template
from validator.reader.textfile import TEXT_SUFFIXES, load_text_grid, looks_like_published_text
from validator.reader.unread import unread_of
from validator.reader.workbook import load_book
from validator.records import Submission

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
SUBMISSION_SUFFIXES = WORKBOOK_SUFFIXES | {".et", ".xltx", ".xltm", ".xlt", ".ots"}
TABLE_SUFFIXES = TEXT_SUFFIXES | {CSV_SUFFIX}

__all__ = [
    "SUBMISSION_SUFFIXES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "Grid",
    "UnreadableFile",
    "is_submission_file",
    "read_submission",
]


def read_submission(path: Path, *, limits: Limits | None = None, engine: str = "calamine") -> Submission:
    """Read one file in whichever layout it is in, within `limits` (rules.yaml `limits:`).
    `engine="openpyxl"` reads .xlsx/.xlsm with openpyxl instead (to compare the two)."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES and not _binary_workbook(path):
        return _read_text(path, suffix, "text")
    sniffed = check_file(path, limits)
    if sniffed.format == "text":
        try:
            return _read_text(path, CSV_SUFFIX if b"," in _head(path) and b"\t" not in _head(path) else ".txt", "text")
        except UnreadableFile:
            raise UnreadableFile("文件不是有效的 Excel 工作簿（.xlsx）。", SAVE_AS) from None
    file_format, grids = load_book(path, limits=limits, engine=engine)
    sub = _read_workbook(path, grids)
    sub.file_format = file_format
    sub.hidden_rows = {g.name: frozenset(r + 1 for r in g.hidden_rows) for g in grids if g.hidden_rows}
    sub.unread = unread_of(grids)
    return sub


def _read_workbook(path: Path, grids: list[Grid]) -> Submission:
    self_rows = find_self_rowwise(grids)  # self-evaluations (绩效自评表) first: they also look like targets
    if self_rows:
        return with_template_meta(read_self_rowwise(path, self_rows), grids)
    rowwise = find_rowwise(grids)
    if rowwise:
        return read_rowwise(path, rowwise)  # one indicator per row, project fields repeated
    forms = find_national(grids)
    self_forms = self_evaluation_forms(forms)
    if self_forms:
        return with_template_meta(read_self_forms(path, self_forms), grids)  # forms with 实际完成值 and 得分
    if is_national(forms):
        return read_national(path, forms)  # one project per sheet, label-value blocks
    found = find_published(grids)
    if found is not None and find_table(grids, INDICATOR_INDEX, ("value", "name")) is None:
        return read_published(path, *found)  # the flat layout: no indicator-per-row sheet
    return read_template(path, grids)


def _read_text(path: Path, suffix: str, file_format: str) -> Submission:
    regular_file(path)
    grid = load_csv_grid(path) if suffix == CSV_SUFFIX else load_text_grid(path)
    sub = _read_text_grid(path, grid)
    sub.file_format = file_format
    return sub


def _read_text_grid(path: Path, grid: Grid) -> Submission:
    """A text table in the layouts a text export can have: one indicator per row (as budget
    systems export self-evaluations and target tables), or published."""
    self_rows = find_self_rowwise([grid])
    if self_rows:
        return read_self_rowwise(path, self_rows)
    rowwise = find_rowwise([grid])
    if rowwise:
        return read_rowwise(path, rowwise)
    found = find_published([grid])
    if found is None:
        raise no_header()
    return read_published(path, *found)


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4096)


def _binary_workbook(path: Path) -> bool:
    """A text-named file that is really a workbook (a .csv that is an .xlsx)."""
    regular_file(path)
    try:
        return _head(path).startswith((ZIP_MAGIC, OLE_MAGIC))
    except OSError:
        return False


def is_submission_file(path: Path) -> bool:
    """Whether a file found in a folder should be read: workbooks by their suffix; text
    files only when they look like a published table (so notes and readme files stay quiet)."""
    suffix = path.suffix.lower()
    if suffix in SUBMISSION_SUFFIXES:
        return True
    if suffix == CSV_SUFFIX:
        return looks_like_csv_table(path)
    return suffix in TEXT_SUFFIXES and looks_like_published_text(path)
