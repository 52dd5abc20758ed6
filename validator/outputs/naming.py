"""Safe, unique output file names derived from a submission (unit + file stem)."""

from __future__ import annotations

import re
from pathlib import Path

from validator.model import FileReport

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_MAX_STEM = 80
# File names are limited to 255 bytes (ext4) or 255 UTF-16 units (NTFS): leave room for a
# unit, a time stamp and a suffix such as `_审核意见.docx`.
_MAX_STEM_BYTES = 120
_MAX_OUTPUT_STEM_BYTES = 180


def safe_part(text: str) -> str:
    """One path component: no separators, no characters Windows rejects, no leading dots."""
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("_", text)).strip(" ._")
    return _fit(cleaned[:_MAX_STEM], _MAX_STEM_BYTES)


def _fit(text: str, max_bytes: int) -> str:
    """`text` cut at a character boundary to at most `max_bytes` of UTF-8."""
    cut = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    return cut.rstrip(" ._")


def output_stem(file_report: FileReport) -> str:
    """`{unit}_{file stem}`, without repeating the unit when the stem already starts with it."""
    stem = safe_part(Path(file_report.name).stem) or "未命名文件"
    unit = safe_part(file_report.unit or "")
    if not unit or stem.startswith(unit):
        return stem
    return _fit(f"{unit}_{stem}", _MAX_OUTPUT_STEM_BYTES)


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
