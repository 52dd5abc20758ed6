"""What an indicator measures, read from its name, and its value as a parsed threshold.

Shared by the threshold rules so that each value is parsed once per run and every rule
classifies names ("合格率" is a rate, "案件数" a count) the same way."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Literal, TypeVar

from validator.records import Cell, Indicator, Submission
from validator.text import normalize
from validator.values.threshold import Threshold, direction_op, parse_threshold

Measure = Literal["satisfaction", "rate", "money", "time", "count"]

MEASURE_LABELS: dict[str, str] = {
    "satisfaction": "满意度类指标", "rate": "比率类指标", "money": "金额类指标",
    "time": "时间类指标", "count": "数量类指标",
}

_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_SATISFACTION = re.compile(r"满意")
_RATE = re.compile(r"率|比例|占比|比重")
_NOT_RATE = re.compile(r"频率|功率|速率|效率|汇率")
_MONEY = re.compile(r"金额|费用|成本|资金|经费|投资|价格|单价|造价")
_TIME = re.compile(r"时间|时长|时限|用时|耗时|工期|周期|速度")
_COUNT = re.compile(r"数量|个数|人数|次数|件数|户数|场次|数$")
_NOT_COUNT = re.compile(r"(?:指|系|分|倍|函|基|参)数$|数据|数字")


def bare_name(name: str | None) -> str:
    """The name without bracketed asides ("（%）", "（延长设备使用寿命…）") and spaces."""
    if type(name) is str and len(name) <= _CACHED_LENGTH:
        return _bare_name(name)
    return _BRACKETS.sub("", normalize(name)).replace(" ", "")


_CACHED_LENGTH = 200  # names repeat across indicators and files: each is read once


@lru_cache(maxsize=1 << 14)
def _bare_name(name: str) -> str:
    return _BRACKETS.sub("", normalize(name)).replace(" ", "")


def measure(name: str | None) -> Measure | None:
    """What the name says is measured. The first match wins, in this order: satisfaction
    (满意度), rate (…率, 比例), money (金额, 费用, 成本), time (时间, 时长), count (数量, …数)."""
    if type(name) is str and len(name) <= _CACHED_LENGTH:
        return _measure(name)
    return _measure_of(name)


@lru_cache(maxsize=1 << 14)
def _measure(name: str) -> Measure | None:
    return _measure_of(name)


def _measure_of(name: str | None) -> Measure | None:
    text = bare_name(name)
    if not text:
        return None
    if _SATISFACTION.search(text):
        return "satisfaction"
    if _RATE.search(text) and not _NOT_RATE.search(text):
        return "rate"
    if _MONEY.search(text):
        return "money"
    if _TIME.search(text):
        return "time"
    if _COUNT.search(text) and not _NOT_COUNT.search(text):
        return "count"
    return None


def value_threshold(ind: Indicator) -> Threshold | None:
    """The indicator's value parsed with its direction, unit column and name; None when there
    is no value cell or the cell holds a formula (what it shows is unknown)."""
    cell = ind.value
    if cell is None or cell.formula is not None:
        return None
    args = (_text(ind.direction), _text(ind.unit), ind.name.text if ind.name else None)
    try:
        return _parse_cached(cell.raw, cell.number_format, *args)
    except TypeError:  # an unhashable raw value: parse without the cache
        return parse_threshold(cell.raw, number_format=cell.number_format, direction=args[0],
                               unit=args[1], name=args[2])


Valued = tuple[Indicator, Cell, Threshold]
P = TypeVar("P")


def valued(submission: Submission) -> Iterator[Valued]:
    """Each indicator that has a value cell (not a formula), with that cell and its threshold
    (worked out once per submission: most value rules ask)."""
    return iter(submission.worked_out("valued", _valued)[0])


def each_valued(submission: Submission, problems: Callable[[Indicator, Cell, Threshold], Iterable[P]]) -> Iterator[P]:
    """`problems(ind, cell, threshold)` for each item of `valued`, in order, worked out once
    per kind: indicators with the same value, name, direction, unit, nature and 二级指标
    cells (so the same threshold) get the same answer, so only the first of each kind is
    asked until it finds something. `problems` must decide on nothing else (it may quote the
    cell, project and label of the item it is given)."""
    items, kinds = submission.worked_out("valued", _valued)
    found: dict[int, list[P]] = {}
    for members in kinds:
        answer = list(problems(*items[members[0]]))
        if answer:
            found[members[0]] = answer
            found.update((i, []) for i in members[1:])
    for i in sorted(found):
        yield from found[i] or problems(*items[i])


def _valued(indicators: list[Indicator]) -> tuple[list[Valued], list[list[int]]]:
    """The items of `valued` and the positions of the items of each kind (see `each_valued`):
    a kind's threshold is parsed once (values repeat on thousands of rows)."""
    items: list[Valued] = []
    kinds: dict[object, tuple[Threshold, list[int]]] = {}
    for ind in indicators:
        cell = ind.value
        if cell is None or cell.formula is not None:
            continue
        name, direction, unit, nature, level2 = ind.name, ind.direction, ind.unit, ind.nature, ind.level2
        kind: object = (type(cell.raw), cell.raw, cell.number_format, None if name is None else name.text,
                        None if direction is None else (type(direction.raw), direction.raw, direction.text,
                                                        direction.formula),
                        None if unit is None else unit.text,
                        None if nature is None else (type(nature.raw), nature.raw, nature.text, nature.formula),
                        None if level2 is None else level2.text)
        try:
            known = kinds.get(kind)
        except TypeError:  # an unhashable value: a kind of its own
            kind, known = object(), None
        if known is None:
            result = value_threshold(ind)
            assert result is not None  # a value cell without a formula
            known = kinds[kind] = (result, [])
        known[1].append(len(items))
        items.append((ind, cell, known[0]))
    return items, [members for _, members in kinds.values()]


def clip(text: str, limit: int = 30) -> str:
    """A value cut short for quoting in a message; the finding's `value` keeps it whole.
    Unlike text.shorten it keeps the user's own (full-width) punctuation."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def explicit_direction(ind: Indicator) -> str | None:
    """The operator of the indicator's direction cell, if it has one."""
    return direction_op(ind.direction.raw) if ind.direction is not None else None


def _text(cell: Cell | None) -> str | None:
    return cell.text or None if cell is not None else None


@lru_cache(maxsize=4096, typed=True)
def _parse_cached(raw: object, number_format: str, direction: str | None, unit: str | None,
                  name: str | None) -> Threshold:
    # Every threshold rule reads the same values; parse each (value, context) once.
    return parse_threshold(raw, number_format=number_format, direction=direction, unit=unit,
                           name=name)
