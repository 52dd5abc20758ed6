"""Text normalisation shared by the readers and the rules."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

_SPACES = re.compile(r"\s+")


def normalize(raw: Any) -> str:
    """Full-width to half-width (NFKC), whitespace runs folded to one space, trimmed."""
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


def _format_float(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 10))


def key(text: str) -> str:
    """A matching key: normalised and with every space removed (names are often broken
    by spaces or line breaks when copied from a PDF)."""
    return _SPACES.sub("", normalize(text)).lower()


def shorten(text: str, limit: int = 40) -> str:
    text = normalize(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
