"""Reading submissions: any supported file becomes a `Submission` of located records, or
raises `UnreadableFile`. Rules never see files, only what this package yields.

Workbooks are read as a budget-system export when one header row has both project and
indicator columns (one indicator per row), as the national per-project form when a sheet has
its labels (项目名称 … above an 一级指标 | 三级指标 | 指标值 table), as the published flat layout when a
sheet has a 绩效指标 column and no separate indicator sheet, and otherwise as the standard
template; text tables (.txt/.tsv) are always the published layout. Self-evaluation tables
(绩效自评表, `selfeval.py`) are the export and per-project form with 实际完成值 and 得分 columns."""

from __future__ import annotations

from pathlib import Path

from validator.reader.columns import INDICATOR_INDEX
from validator.reader.errors import UnreadableFile
from validator.reader.layout import find_table
from validator.reader.national import find_national, is_national, read_national
from validator.reader.published import find_published, no_header, read_published
from validator.reader.rowwise import find_rowwise, read_rowwise
from validator.reader.selfeval import find_self_rowwise, read_self_forms, read_self_rowwise, self_evaluation_forms
from validator.reader.template import read_template
from validator.reader.textfile import TEXT_SUFFIXES, load_text_grid, looks_like_published_text
from validator.reader.workbook import Grid, load_grids
from validator.records import Submission

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SUBMISSION_SUFFIXES = WORKBOOK_SUFFIXES | {".xls", ".et", ".xltx"}

__all__ = [
    "SUBMISSION_SUFFIXES",
    "TEXT_SUFFIXES",
    "Grid",
    "UnreadableFile",
    "is_submission_file",
    "read_submission",
]


def read_submission(path: Path) -> Submission:
    """Read one file in whichever layout it is in."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        found = find_published([load_text_grid(path)])
        if found is None:
            raise no_header()
        return read_published(path, *found)
    grids = load_grids(path)
    self_rows = find_self_rowwise(grids)  # self-evaluations (绩效自评表) first: they also look like targets
    if self_rows:
        return read_self_rowwise(path, self_rows)
    rowwise = find_rowwise(grids)
    if rowwise:
        return read_rowwise(path, rowwise)  # one indicator per row, project fields repeated
    forms = find_national(grids)
    self_forms = self_evaluation_forms(forms)
    if self_forms:
        return read_self_forms(path, self_forms)  # per-project forms with 实际完成值 and 得分 columns
    if is_national(forms):
        return read_national(path, forms)  # one project per sheet, label-value blocks
    found = find_published(grids)
    if found is not None and find_table(grids, INDICATOR_INDEX, ("value", "name")) is None:
        return read_published(path, *found)  # the flat layout: no indicator-per-row sheet
    return read_template(path, grids)


def is_submission_file(path: Path) -> bool:
    """Whether a file found in a folder should be read: workbooks by their suffix; text
    files only when they look like a published table (so notes and readme files stay quiet)."""
    suffix = path.suffix.lower()
    if suffix in SUBMISSION_SUFFIXES:
        return True
    return suffix in TEXT_SUFFIXES and looks_like_published_text(path)
