"""Money in cells: numbers, text with thousands separators, full-width digits. Always
Decimal, never float arithmetic."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from validator.records import Cell, FundsRow

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ZERO_MARKS = {"-", "—", "--", "——", "/", "无", "0"}
_UNIT_SUFFIX = re.compile(r"\s*(?:万元|元)$")
_NOISE = Decimal("1e-9")
_MICRO = Decimal("1e-6")


@dataclass(frozen=True)
class Amount:
    """A parsed amount. `value` is None when the cell is empty, a formula or invalid;
    `problem` is one of None, "text", "negative", "decimals"."""

    value: Decimal | None
    problem: str | None = None
    formula: bool = False

    @property
    def zero_if_empty(self) -> Decimal:
        return self.value if self.value is not None else Decimal(0)


def to_decimal(raw: object) -> Decimal | None:
    """A cell value as Decimal with Excel's float noise removed, or None if not a number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    if isinstance(raw, float):
        if not math.isfinite(raw):  # <v>1E+400</v> reads as inf: not an amount
            return None
        exact = Decimal(repr(raw + 0.0))  # + 0.0 turns -0.0 into 0.0 (no "-0.00" in messages)
        rounded = _quantize(exact, _MICRO)
        if abs(exact - rounded) >= _NOISE:
            return exact
        return rounded.to_integral() if rounded == rounded.to_integral() else rounded.normalize()
    return None


def _quantize(value: Decimal, step: Decimal) -> Decimal:
    """`value.quantize(step)` with enough precision for any magnitude (the default context's 28
    digits make quantize raise for 1e30 or a 27-digit amount with decimals)."""
    with localcontext(prec=max(28, value.adjusted() - step.adjusted() + 2)):
        return value.quantize(step)


def parse_amount(cell: Cell | None, *, decimals: int = 2) -> Amount:
    if cell is None or cell.empty:
        return Amount(None)
    if cell.formula is not None:
        return Amount(None, formula=True)
    raw = cell.raw
    if type(raw) is float or type(raw) is int:  # a sheet's amounts repeat: each number parsed once
        return _number_amount(raw, cell.text, decimals)
    return _amount(raw, cell.text, decimals)


@lru_cache(maxsize=4096, typed=True)
def _number_amount(raw: float | int, text: str, decimals: int) -> Amount:
    return _amount(raw, text, decimals)


def _amount(raw: object, text: str, decimals: int) -> Amount:
    """The amount a cell's value (`raw`, normalised as `text`) holds."""
    value = to_decimal(raw)
    if value is None:
        text = _UNIT_SUFFIX.sub("", text).replace(" ", "")
        if text in _ZERO_MARKS:
            return Amount(Decimal(0))
        if not _NUMBER.match(text):
            return Amount(None, "text")
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return Amount(None, "text")
    if value < 0:
        return Amount(value, "negative")
    exponent = value.as_tuple().exponent  # an int: value is finite here
    if isinstance(exponent, int) and -exponent > decimals and value != _quantize(value, Decimal(1).scaleb(-decimals)):
        return Amount(value, "decimals")
    return Amount(value)


def sum_amounts(cells: Iterable[Cell | None]) -> Decimal | None:
    """The exact sum of the cells (empty counts as 0), or None when any is invalid or a
    formula: such a sum cannot be checked, and the cell itself is reported elsewhere."""
    amounts = [parse_amount(cell) for cell in cells]
    if any(a.problem or a.formula for a in amounts):
        return None
    return sum((a.zero_if_empty for a in amounts), Decimal(0))


def fmt(value: Decimal | None) -> str:
    """An amount as the office writes it: two decimals with thousands separators."""
    if value is None:
        return "（空）"
    return f"{value:,.2f}"


def other_and_sources(row: FundsRow) -> Decimal | None:
    """其他资金 together with the further sources a form lists (上级补助, 单位自筹 …): what the
    template's and the published table's 其他资金 column holds. None when all are empty or
    any is not a valid amount."""
    cells = [row.other, *(cell for _, cell in row.sources)]
    if all(cell is None or cell.empty for cell in cells):
        return None
    return sum_amounts(cells)
