"""Dates in values: dates written as text (2023年12月31日, 2023-12-31, 12月底), Excel date
serials and dates typed as numbers (44561, 20231231), and the deadline a time node means."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from validator.text import normalize
from validator.values.formats import is_date_format
from validator.values.numbers import integral, whole_days

_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?<!\d)(?:19|20)\d{2}"
# Dates written as text: 2023年12月31日, 2023-12-31 (or 2023/12), 2023.12.31, 12月底.
# "2023.12" alone is a decimal, not a date.
DATE = re.compile(
    rf"(?P<y0>{_YEAR})\.(?P<m0>{_MONTH})[-~—至到](?P<y5>{_YEAR})\.(?P<m5>{_MONTH})(?!\d)"
    rf"|(?P<y6>{_YEAR})年(?P<m6a>{_MONTH})月?[-~—至到](?P<m6>{_MONTH})月"
    rf"|(?P<y1>{_YEAR})年(?:(?P<m1>{_MONTH})月(?:(?P<d1>{_DAY})[日号])?)?"
    rf"|(?P<y2>{_YEAR})(?P<sep>[-/])(?P<m2>{_MONTH})(?!\d)(?:(?P=sep)(?P<d2>{_DAY})(?!\d))?"
    r"(?: ?\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|(?P<y3>{_YEAR})\.(?P<m3>{_MONTH})\.(?P<d3>{_DAY})(?!\d)"
    rf"|(?<!\d)(?P<m4>{_MONTH})月(?:(?P<d4>{_DAY})[日号]|底|末|份|[上中下]旬)"
)
# A time node without a date: a period ("按季", "每月") or the year's end ("年底前", "年内").
_PERIODIC = re.compile(
    r"按(?:季度?|月|年度?|周|半年|旬)|每(?:季度?|个月|月|年|周|半年|旬)|逐月|年底前|年内|年度内|当年|[上下]半年"
)
_DATE_NAME = re.compile(r"时间|日期|时限|期限|截止|节点|时点|完成时|进度|年底|月底")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 36526, 55153  # 2000-01-01 .. 2050-12-31


def date_serial_value(raw: object, number_format: str | None = None, *,
                      name: str | None = None) -> date | None:
    """The date a value really holds when it is a date rather than a target: a datetime, an
    Excel serial shown as a number (44561 = 2021-12-31) or a date typed as a number (20231231).

    A serial in 2000..2050 counts only under a date format, or when `name` is unknown or reads
    like a time ("完成时间"): 45000 under "培训人数" is a count."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    dated = is_date_format(number_format)
    number = integral(raw)
    if number is None and dated and isinstance(raw, (int, float, Decimal)):
        number = whole_days(raw)  # a date-time serial such as 44561.5
    if number is None:
        return None
    if 19000101 <= number <= 20991231:
        return _yyyymmdd(number)
    in_range = _SERIAL_MIN <= number <= _SERIAL_MAX
    if in_range and (dated or name is None or _DATE_NAME.search(normalize(name))):
        return _EXCEL_EPOCH + timedelta(days=number)
    if dated and 1 <= number <= 2958465:
        return _EXCEL_EPOCH + timedelta(days=number)
    return None


def is_date_serial(raw: object, number_format: str | None = None, *,
                   name: str | None = None) -> bool:
    """True when `raw` is really a date (see `date_serial_value`)."""
    return date_serial_value(raw, number_format, name=name) is not None


def deadline(text: str) -> str | None:
    """The first date written in `text` as an ISO date (a month or year means its last day;
    a month range "2023.07-2024.01" its end), the date as written when it names no year
    ("12月底"), or the period a value names instead of a date ("按季", "年底前")."""
    match = DATE.search(text)
    if match is None:
        periodic = _PERIODIC.search(text)
        return periodic.group() if periodic else None
    year = match["y5"] or match["y6"] or match["y1"] or match["y2"] or match["y3"]
    month = match["m5"] or match["m6"] or match["m1"] or match["m2"] or match["m3"] or match["m4"]
    day = match["d1"] or match["d2"] or match["d3"] or match["d4"]
    if year is None:
        return match.group()
    if month is None:
        return f"{year}-12-31"
    last = month_end(int(year), int(month))
    return date(int(year), int(month), min(int(day), last) if day else last).isoformat()


def _yyyymmdd(number: int) -> date | None:
    year, rest = divmod(number, 10000)
    month, day = divmod(rest, 100)
    if 1 <= month <= 12 and 1 <= day <= month_end(year, month):
        return date(year, month, day)
    return None


def month_end(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
