"""Safe, unique output file names derived from a submission (unit + file stem).

A name is built from submission text only after it is made one harmless path component:
no separators or characters Windows rejects, no leading dot, option character (`-`) or
formula character (`=`, `+`, `@`, quotes), never a Windows reserved device name (CON, NUL,
COM1 …), and short enough for ext4 and NTFS."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from validator.model import FileReport

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_HASHED = re.compile(r"_[0-9a-f]{16}$")
# Leading characters that make a name an option (`-rf`) or a formula in a spreadsheet that
# lists it (`=`, `+`, `@`), or that shells and CSV readers treat as quoting.
_LEADING = "-=+@'\"`“”‘’＝＋－＠ ._"
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                       *(f"{d}{n}" for d in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))})
_MAX_STEM = 80
# File names are limited to 255 bytes (ext4) or 255 UTF-16 units (NTFS): leave room for a
# unit, a time stamp and a suffix such as `_审核意见.docx`.
_MAX_STEM_BYTES = 120
_MAX_OUTPUT_STEM_BYTES = 180


def safe_part(text: str) -> str:
    """One path component: no separators, no characters Windows rejects, no leading dot,
    option or formula character, no reserved device name ("" when nothing is left)."""
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("_", text)).lstrip(_LEADING).rstrip(" ._")
    return _unreserved(_fit(cleaned[:_MAX_STEM], _MAX_STEM_BYTES))


def _unreserved(part: str) -> str:
    """Windows treats `CON`, `con.txt`, `NUL .docx` … as devices: such a name gets a prefix."""
    device = part.split(".", 1)[0].rstrip(" ").upper()
    return f"文件_{part}" if device in _RESERVED else part


def unit_folder(unit: str | None, *, fallback: str) -> str:
    """The outbox folder of a unit: its name made safe (`fallback` when there is none).
    Whenever making it safe changed the name (or case or Unicode form, which Windows and
    macOS fold), a short hash of the exact name is added, so two different unit names never
    share a folder: `某市/司法局` cannot write into the folder of `某市_司法局`, and a name that
    looks like a hashed one (`…_0123456789abcdef`) is hashed again."""
    if not unit:
        return fallback
    part = safe_part(unit) or fallback
    if part == unit != fallback and part == unicodedata.normalize("NFC", part.casefold()) and not _HASHED.search(part):
        return part
    digest = hashlib.sha256(unit.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # 64 bits: no crafted twin
    return _fit(f"{part}_{digest}", _MAX_STEM_BYTES + 17)


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
