"""Reading submissions: any supported file becomes a `Submission` of located records, or
raises `UnreadableFile`. Rules never see files, only what this package yields."""

from __future__ import annotations

from pathlib import Path

from ..records import Submission
from .errors import UnreadableFile
from .template import read_template
from .workbook import Grid, load_grids

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SUBMISSION_SUFFIXES = WORKBOOK_SUFFIXES | {".xls", ".et", ".xltx"}

__all__ = ["Grid", "UnreadableFile", "read_submission", "SUBMISSION_SUFFIXES"]


def read_submission(path: Path) -> Submission:
    """Read one file in whichever layout it is in."""
    grids = load_grids(path)
    return read_template(path, grids)
