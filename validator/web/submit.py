"""报送 from the page: the checked file goes into the inbox the bot reads, whole or not at all.
It is written to a hidden temporary file in the inbox (which the bot ignores), flushed to disk,
and renamed with `os.replace` to a name no other file has, so the bot never sees half a file and
no earlier submission is ever overwritten. The bot then answers it as usual."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from validator.outputs.naming import output_stem
from validator.web.checking import CheckResult

MARK = "_网页报送_"
_STAMP = "%Y%m%d-%H%M%S"
_names = threading.Lock()  # choosing a free name and taking it is one step for this process


@dataclass(frozen=True)
class Receipt:
    unit: str | None
    original: str
    file: str
    time: datetime
    sha256: str

    def to_dict(self) -> dict[str, str | None]:
        return {"unit": self.unit, "original": self.original, "file": self.file,
                "time": self.time.isoformat(), "sha256": self.sha256}


def submit_to_inbox(result: CheckResult, inbox: Path) -> Receipt:
    """Put the checked upload into `inbox` and say what arrived there."""
    inbox.mkdir(parents=True, exist_ok=True)
    now = datetime.now().replace(microsecond=0)
    temp = inbox / f".网页报送-{secrets.token_hex(8)}.part"
    digest = hashlib.sha256()
    try:
        with result.upload.open("rb") as source, temp.open("xb") as target:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
        with _names:
            final = _free_name(inbox, f"{output_stem(result.report)}{MARK}{now.strftime(_STAMP)}",
                               result.upload.suffix.lower())
            os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    return Receipt(result.report.unit, result.name, final.name, now, digest.hexdigest())


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate, number = folder / f"{stem}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate
