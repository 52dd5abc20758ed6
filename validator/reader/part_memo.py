"""Small parts parsed once per distinct content within a process: a batch of workbooks made
from one template repeats its styles, workbook and relationships parts byte for byte, and
parsing them (expat, defusedxml) costs more than reading them. Keyed by the part's exact bytes
(never by its size or checksum alone), bounded in entries and in the size of what is kept, and
holding only immutable results, so a hit is the same as parsing again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 32
MAX_PART_BYTES = 256 * 1024  # larger parts are parsed every time (and never held)
_MEMO: dict[tuple[Hashable, bytes], object] = {}
_LOCK = threading.Lock()  # the web server reads files in threads: eviction must not race


def parsed(kind: Hashable, data: bytes, parse: Callable[[bytes], T]) -> T:
    """`parse(data)`, from the memo when this `kind` of part was parsed with these exact bytes.
    A part that fails to parse is not remembered: it fails the same way every time."""
    if len(data) > MAX_PART_BYTES:
        return parse(data)
    key = (kind, data)
    hit = _MEMO.get(key, _MEMO)
    if hit is not _MEMO:
        return hit  # type: ignore[return-value]
    result = parse(data)
    with _LOCK:
        while len(_MEMO) >= MAX_ENTRIES:
            del _MEMO[next(iter(_MEMO))]  # the oldest: a new template's parts replace an old one's
        _MEMO[key] = result
    return result


def clear() -> None:
    with _LOCK:
        _MEMO.clear()
