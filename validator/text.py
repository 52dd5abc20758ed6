"""Text normalisation shared by the readers and the rules."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

_SPACES = re.compile(r"\s+")


def normalize(raw: Any) -> str:
    """Full-width to half-width (NFKC), whitespace runs folded to one space, trimmed."""
    if type(raw) is str and len(raw) <= _CACHED_LENGTH:
        return _normalize_short(raw)
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float):
        return _format_float(raw)
    if isinstance(raw, (int, Decimal)):
        return str(raw)
    if isinstance(raw, (datetime, date)):
        return raw.isoformat()
    text = unicodedata.normalize("NFKC", str(raw))
    return _SPACES.sub(" ", text).strip()


def fold(raw: Any) -> str:
    """Text as the user wrote it, for quoting: whitespace runs (line breaks from a PDF copy)
    folded to one space and trimmed, every character kept (no NFKC: ：stays ：)."""
    return _SPACES.sub(" ", "" if raw is None else str(raw)).strip()


_CACHED_LENGTH = 200  # a workbook repeats the same short texts (shared strings) thousands of times


@lru_cache(maxsize=1 << 15)
def _normalize_short(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _format_float(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 10))


def key(text: str) -> str:
    """A matching key: normalised and with every space removed (names are often broken
    by spaces or line breaks when copied from a PDF)."""
    if type(text) is str and len(text) <= _CACHED_LENGTH:
        return _key_short(text)
    return _SPACES.sub("", normalize(text)).lower()


@lru_cache(maxsize=1 << 15)
def _key_short(text: str) -> str:
    return _SPACES.sub("", _normalize_short(text)).lower()


def shorten(text: str, limit: int = 40) -> str:
    text = normalize(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def readable(text: str) -> str:
    """A file name or path as a person should see it. Components that are not UTF-8 (zip
    tools and Samba shares on Chinese Windows still produce GBK names, which Python keeps as
    lone surrogates) are decoded as GB18030, so the result can always be printed and saved."""
    return "/".join(_readable_part(part) for part in text.split("/"))


def _readable_part(part: str) -> str:
    try:
        part.encode("utf-8")
        return part
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(part).decode("gb18030", errors="replace")
    except UnicodeEncodeError:  # a surrogate that no file name decoding produced
        return part.encode("utf-8", errors="replace").decode("utf-8")


def chinese_date(day: date) -> str:
    """Arabic numerals without zero padding, as GB/T 9704 writes dates: 2026年11月8日."""
    return f"{day.year}年{day.month}月{day.day}日"
