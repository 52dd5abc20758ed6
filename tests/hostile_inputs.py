"""Generators of hostile inputs for the tests: workbooks whose cells hold what openpyxl
would refuse to write (more than Excel's 32,767 characters), names a sender may choose,
and inbox entries that are not plain files. Everything is made in code, deterministically."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from helpers import Sub, write_sub

MARK = "HOSTILEMARK"


def cjk_text(chars: int, *, seed: int = 14) -> str:
    """`chars` varied Chinese characters: long, yet compressible only about 2:1, as real
    text is (a repeated character would be refused as a zip bomb)."""
    alphabet = [chr(0x4E00 + n) for n in range(3000)]
    return "".join(random.Random(seed).choices(alphabet, k=chars))


def with_raw_text(path: Path, sub: Sub, text: str) -> Path:
    """Write `sub` (one of its cells holding MARK), then put `text` in place of MARK in the
    stored XML, as another program could write it: openpyxl itself cuts text at 32,767."""
    plain = write_sub(path.with_name(path.stem + "-plain.xlsx"), sub)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace(MARK.encode(), escaped))
    plain.unlink()
    return path
