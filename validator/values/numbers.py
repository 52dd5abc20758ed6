"""Numbers in values: Arabic digits with the multipliers 万/亿, Chinese numerals, and numbers
as a person writes them. Pure functions; money and targets are always `Decimal`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from validator.text import normalize

MULTIPLIERS: dict[str, int] = {
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "亿": 10**8, "千": 10**3,
}
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}
_CN_SMALL: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE: dict[str, int] = {"万": 10**4, "亿": 10**8}
DIGITS = re.compile(r"\d+(?:\.0+)?")


def format_decimal(value: Decimal) -> str:
    """A number as a person writes it: no exponent, no trailing zeros ("15000", "0.01")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_decimal(value: int | float | Decimal) -> Decimal | None:
    """A cell's number as a finite Decimal (floats rounded to 10 places), else None."""
    try:
        number = Decimal(repr(round(value, 10))) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if number.is_finite() else None


def integral(raw: object) -> int | None:
    """An integer written as a number or as digits only, else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = normalize(raw)
        return int(text.split(".")[0]) if DIGITS.fullmatch(text) and len(text) < 20 else None
    if isinstance(raw, (int, float, Decimal)):
        number = to_decimal(raw)
        if number is not None and number == number.to_integral_value() and abs(number) < 10**12:
            return int(number)
    return None


def whole_days(raw: int | float | Decimal) -> int | None:
    number = to_decimal(raw)
    if number is None or not 0 <= number < 10**7:
        return None
    return int(number)


def arabic(digits: str, multiplier: str | None) -> Decimal:
    number = Decimal(digits)
    if multiplier:
        number = Decimal(format_decimal(number * MULTIPLIERS[multiplier]))
    return number


def cn_number(text: str) -> Decimal:
    """Chinese numerals: 十 = 10, 二十 = 20, 一百零五 = 105, 1.5亿 style handled elsewhere;
    digit by digit ("二〇二三") when no place word is used."""
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "亿":
            total = (total + section + digit) * _CN_LARGE[ch]
            section = digit = 0
        else:
            total += (section + digit) * _CN_LARGE[ch]
            section = digit = 0
    return Decimal(total + section + digit)


def json_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)
