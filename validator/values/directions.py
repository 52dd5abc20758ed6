"""Which way an indicator is better, read from its name with the vocabulary of
`validator/data/vocabulary.yaml`: "≥" (higher is better: 数量, 合格率 …), "≤" (lower is better:
成本, 时长, 投诉率, 逾期发放率 …) or None. The longest word found decides, so "不合格率" is a
cap although it contains "合格率"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from validator.values.indicators import bare_name, measure
from validator.values.vocabulary import longest, words


def likely_direction(name: str | None, *, lower: Iterable[str] = (), higher: Iterable[str] = (),
                     exceptions: Iterable[str] = ()) -> str | None:
    """"≥", "≤" or None for an indicator name; an office's own words are added to the lists."""
    if type(name) is str and len(name) <= _CACHED_LENGTH:
        return _likely(name, tuple(lower), tuple(higher), tuple(exceptions))
    return _likely_direction(name, tuple(lower), tuple(higher), tuple(exceptions))


_CACHED_LENGTH = 200  # names repeat across indicators and files: each is judged once


@lru_cache(maxsize=1 << 14)
def _likely(name: str, lower: tuple[str, ...], higher: tuple[str, ...], exceptions: tuple[str, ...]) -> str | None:
    return _likely_direction(name, lower, higher, exceptions)


def _likely_direction(name: str | None, lower: tuple[str, ...], higher: tuple[str, ...],
                      exceptions: tuple[str, ...]) -> str | None:
    text = bare_name(name)
    if not text or any(word in text for word in words("direction_exceptions", exceptions)):
        return None
    side = longest(text, words("lower_is_better", lower), words("higher_is_better", higher))
    if side is not None:
        return "≤" if side == 0 else "≥"
    kind = measure(name)
    if kind in ("count", "satisfaction"):
        return "≥"
    if kind in ("money", "time"):
        return "≤"
    return None


def legitimate_cap(name: str | None, unit: str | None) -> bool:
    """A cap on a count that is normal: staffing and quotas (≤131人 调解员数量, ≤36人 招聘数量)."""
    text = bare_name(name)
    if any(word in text for word in words("legitimate_caps")):
        return True
    return unit in words("cap_units") and measure(name) == "count"
