"""Reading submissions: any supported file becomes a `Submission` of located records, or
raises `UnreadableFile`. Rules never see files, only what this package yields.

Workbooks are read as the standard template unless they hold the published flat layout (a
sheet with a 绩效指标 column and no separate indicator sheet); text tables (.txt/.tsv) are
always the published layout."""

from __future__ import annotations

from pathlib import Path

from validator.reader.columns import INDICATOR_INDEX
from validator.reader.errors import UnreadableFile
from validator.reader.layout import find_table
from validator.reader.published import find_published, no_header, read_published
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
