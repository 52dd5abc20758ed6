"""Excel number formats: whether a cell is shown as a date or as a percentage."""

from __future__ import annotations

import re

_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_date_format(number_format: str | None) -> bool:
    """True for an Excel number format that shows a date or time ("yyyy-mm-dd", "m/d/yy")."""
    body = _FORMAT_LITERALS.sub("", str(number_format or "")).lower()
    return body != "general" and any(c in body for c in "dmy")


def is_percent_format(number_format: str | None) -> bool:
    """True for an Excel number format that shows the cell as a percentage ("0%", "0.00%")."""
    return "%" in _FORMAT_LITERALS.sub("", str(number_format or ""))


def significant_format(number_format: str) -> str:
    """The format as the rules see it: itself when it shows a percentage or a date, else
    "General" (a text or amount format changes nothing the rules read, so a reader need not
    keep it for every cell)."""
    return number_format if is_percent_format(number_format) or is_date_format(number_format) else "General"
