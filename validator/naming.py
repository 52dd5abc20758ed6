"""Safe, unique output file names derived from a submission (unit + file stem)."""

from __future__ import annotations

import re
from pathlib import Path

from .model import FileReport

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_MAX_STEM = 80


def safe_part(text: str) -> str:
    """One path component: no separators, no characters Windows rejects, no leading dots."""
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("_", text)).strip(" ._")
    return cleaned[:_MAX_STEM].rstrip(" ._")


def output_stem(file_report: FileReport) -> str:
    """`{unit}_{file stem}`, without repeating the unit when the stem already starts with it."""
    stem = safe_part(Path(file_report.name).stem) or "未命名文件"
    unit = safe_part(file_report.unit or "")
    if not unit or stem.startswith(unit):
        return stem
    return f"{unit}_{stem}"


def unique_path(directory: Path, stem: str, suffix: str, taken: set[Path]) -> Path:
    """`directory/stem+suffix`, or `stem-2`, `stem-3` … when a file of this run took it.
    Files left over from earlier runs are overwritten: outputs are regenerable."""
    candidate = directory / f"{stem}{suffix}"
    number = 2
    while candidate in taken:
        candidate = directory / f"{stem}-{number}{suffix}"
        number += 1
    taken.add(candidate)
    return candidate
