"""Finding targets in a value's text: each number with its operator, unit and operator word
is a candidate; `choose()` picks the candidates that are the value's targets.

A number counts as a target when it carries an operator or ends where the value (or a clause)
ends; numbers inside brackets, quotes and dates are never targets."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from validator.values.dates import DATE
from validator.values.numbers import arabic, cn_number
from validator.values.operators import PREFIX_ALT, SUFFIX, SUFFIX_OPS, SYMBOL_OPS, prefix_op
from validator.values.units import UNIT_PATTERN, lookup_unit

SEPARATORS = ",;、。 "
_BOUNDARY = frozenset(SEPARATORS + "()-~—–〜至到:")
RANGE_SEPARATORS = frozenset({"-", "~", "—", "–", "〜", "至", "到"})
_HOLD_CONTEXT = frozenset(SEPARATORS + "".join(SYMBOL_OPS) + "(:")

_TARGET = re.compile(
    rf"(?P<approx>(?<![节集简制契预公])(?:大约|约))?(?P<word>{PREFIX_ALT})?(?:(?<![≥≤=<>±])(?P<sym>[≥≤=<>±]++))?(?P<sign>-)?(?P<pct>百分之)?"
    r"(?:(?<![A-Za-z0-9.])(?P<num>\d++(?:\.\d+)?)(?P<mult>千万|百万|十万|万|亿|千(?![米克瓦]))?"
    r"|(?<!第)(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*))"
    rf"(?P<unit>{UNIT_PATTERN})?(?P<suffix>{SUFFIX})?"
)
_SUFFIX_RE = re.compile(SUFFIX)
# A word after a number that is not a known unit ("11区", "10镇街以上") counts as the unit
# only where the clause ends right after it.
# It never starts with a numeral or multiplier ("0千千" has no unit).
_UNKNOWN_UNIT = re.compile(
    r"(?![零〇一二两三四五六七八九十百千万亿])"
    rf"[A-Za-z\u4e00-\u9fff]{{1,4}}?(?=$|[{re.escape(SEPARATORS)}(]|{SUFFIX})"
)
# Numbers here are never targets: "7×24", anything in brackets or quotes, dates.
_EXCLUDED = re.compile(
    r"(?<!\d)\d++[×xX*]\d+|\([^()]*\)|《[^《》]*》|【[^【】]*】|\[[^\[\]]*\]|“[^“”]*”|「[^「」]*」|"
    + DATE.pattern
)
_REMARK = re.compile(
    r"[,;。 ](?=如|若|其中|注|备注|说明|则|即|含|包括|不含|按|根据|视|具体|以(?![上下内]))"
)


@dataclass(frozen=True)
class Candidate:
    """A number that may be a target: where it is written, its value, operator and unit."""

    start: int
    end: int
    value: Decimal
    op: str | None
    unit: str | None
    unit_known: bool
    strict: bool
    chinese: bool
    prefixed: bool
    error: str | None = None
    fix: str | None = None
    sym_span: tuple[int, int] = (0, 0)
    approx: bool = False
    negative_zero: bool = False


def candidates(text: str) -> list[Candidate]:
    excluded = _Spans([m.span() for m in _EXCLUDED.finditer(text)])
    found: list[Candidate] = []
    for match in _TARGET.finditer(text):
        candidate = _candidate(match, text, excluded)
        if candidate is not None:
            found.append(candidate)
    return found


class _Spans:
    """Non-overlapping spans in order (as `finditer` yields them): which one holds a position
    is a binary search, so a value with thousands of dates stays linear-logarithmic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]


def _candidate(m: re.Match[str], text: str, excluded: _Spans) -> Candidate | None:
    chinese = m["num"] is None
    number_at = m.start("cn") if chinese else m.start("num")
    if number_at in excluded:
        return None
    value = cn_number(m["cn"]) if chinese else arabic(m["num"], m["mult"])
    start = m.start()
    if m["sign"] and not (m["word"] or m["sym"]) and start > 0 and text[start - 1] not in _HOLD_CONTEXT:
        start = m.start("sign") + 1  # "5-10": a range dash, not a minus sign
    elif m["sign"]:
        value = -value
    negative_zero = bool(m["sign"]) and start <= m.start("sign") and value == 0
    unit, known, end, suffix = _unit_after(m, text)
    op, error, fix = prefix_op(m["word"], m["sym"])
    suffix_op = SUFFIX_OPS[suffix.replace("(含)", "")] if suffix else None
    if op and suffix_op and op != suffix_op and error is None:
        error = f"中的比较符号“{m['word'] or m['sym']}”与“{suffix}”相互矛盾"
    boundary = end == len(text) or text[end] in _BOUNDARY
    has_op = bool(op or suffix_op or error)
    whole = start == 0 and end == len(text)
    if chinese and not (whole or (known and (has_op or boundary)) or (has_op and boundary)):
        return None
    return Candidate(
        start=start, end=end, value=value, op=op or suffix_op, unit=unit, unit_known=known,
        strict=has_op or boundary, chinese=chinese, prefixed=bool(op), error=error, fix=fix,
        sym_span=m.span("sym") if m["sym"] else (0, 0), approx=bool(m["approx"]) or suffix == "左右",
        negative_zero=negative_zero,
    )


def _unit_after(m: re.Match[str], text: str) -> tuple[str | None, bool, int, str | None]:
    """The unit written after the number, whether it is a known one, where the target ends,
    and the operator word after it."""
    unit = lookup_unit(m["unit"]) if m["unit"] else None
    if m["pct"] and unit is None:
        unit = "%"
    end, suffix = m.end(), m["suffix"]
    if unit is not None or suffix or m["num"] is None:
        return unit, unit is not None, end, suffix
    word = _UNKNOWN_UNIT.match(text, end)
    if word is None:
        return None, False, end, None
    end = word.end()
    after = _SUFFIX_RE.match(text, end)
    if after is not None:
        return word.group(), False, after.end(), after.group()
    return word.group(), False, end, None


def choose(text: str, found: list[Candidate]) -> list[Candidate]:
    """The targets: every strict candidate before the remark starts; failing that, the last
    number with a known unit ("22个镇街", "100%覆盖")."""
    strict = [c for c in found if c.strict]
    if strict:
        remark = _REMARK.search(text, strict[0].end)
        cut = remark.start() if remark else len(text)
        return [c for c in strict if c.start < cut]
    loose = [c for c in found if c.unit_known and not c.chinese]
    return loose[-1:]
