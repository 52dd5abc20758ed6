"""What a review may know besides the file itself: the targets the office already approved.

Rules see only (submission, options). A rule that compares with approved targets also offers
`check_in_context(submission, options, context)`; the engine calls it when a `ReviewContext`
is given and `check` otherwise (then the rule says once that nothing was compared). The bot
builds the context from its ledger (`validator.bot.approved`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from validator.records import FundsRow, Indicator, Submission
from validator.text import key
from validator.values.threshold import parse_threshold


@dataclass(frozen=True)
class ApprovedProject:
    """One project of an accepted target table: where it was approved and its indicators."""

    source: str  # the table's file name as received
    received: str | None
    name: str
    indicators: tuple[Indicator, ...]
    row: FundsRow | None = None  # amounts, goal and 实施单位 as approved
    unit: str | None = None
    year: int | None = None


# (unit, year, project name) -> the approved project, or None when there is none.
Lookup = Callable[[str | None, int | None, str], ApprovedProject | None]


@dataclass(frozen=True)
class ReviewContext:
    approved: Lookup


def indicator_key(ind: Indicator) -> str:
    """How an indicator is recognised across tables: its 三级指标 name, compared as keys."""
    return key(ind.name.text) if ind.name is not None else ""


def same_target(a: Indicator, b: Indicator) -> bool:
    """Whether two 年度指标值 say the same: equal text, or the same reading of the grammar
    (“≥ 800 件” and “≥800件”)."""
    left, right = (key(i.value.text) if i.value is not None else "" for i in (a, b))
    if left == right:
        return True
    parsed = [parse_threshold(i.value.raw if i.value is not None else None,
                              direction=i.direction.raw if i.direction is not None else None,
                              unit=i.unit.raw if i.unit is not None else None) for i in (a, b)]
    return all(p.kind == "quantitative" for p in parsed) and parsed[0].normalized == parsed[1].normalized


Key = tuple[str, int | None, str]


def project_book(tables: list[tuple[str, str | None, Submission]]) -> dict[Key, ApprovedProject]:
    """(unit, year, project) -> approved project, from accepted target tables (file name, when
    received, what was read), oldest first: a later table replaces an earlier one's project."""
    book: dict[Key, ApprovedProject] = {}
    for source, received, sub in tables:
        groups = sub.indicators_by_project()
        for row in sub.projects:
            name = row.name.shown
            book[(key(sub.department or ""), sub.year, key(name))] = ApprovedProject(
                source, received, name, tuple(groups.get(key(row.name.text), [])), row, sub.department, sub.year)
    return book


def book_context(book: dict[Key, ApprovedProject]) -> ReviewContext:
    return ReviewContext(lambda unit, year, project: book.get((key(unit or ""), year, key(project))))


def target_text(ind: Indicator) -> str:
    """The target as a reader sees it, with the operator and unit columns joined in: 90 with
    ≥ and % -> “≥90%”; an “=” is left out (100 with = and % -> “100%”), as a cell starting
    with “=” would be a formula in Excel."""
    value = ind.value.shown if ind.value is not None else ""
    op = ind.direction.shown if ind.direction is not None else ""
    unit = ind.unit.shown if ind.unit is not None else ""
    if op and op not in ("=", "＝") and not value.startswith(op):
        value = op + value
    if unit and not value.endswith(unit):
        value += unit
    return value
