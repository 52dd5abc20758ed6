"""Seasons: the ledger keeps the year of each submitted table, so the office can look at
one budget year and compare it with the year before (`validator status --year`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from validator.bot.ledger import Ledger
from validator.bot.settings import BotSettings


@dataclass(frozen=True)
class Season:
    year: int
    counts: Counter[str]
    units: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SeasonView:
    season: Season | None
    last: Season | None
    years: Counter[int | None]


def season_view(settings: BotSettings, year: int | None) -> SeasonView:
    """`year` (default: the latest year in the ledger) and the year before it. Reads only
    an existing ledger."""
    if not settings.ledger.exists():
        return SeasonView(None, None, Counter())
    with Ledger.for_settings(settings) as ledger:
        years = ledger.years()
        known = sorted(y for y in years if y is not None)
        if year is None and not known:
            return SeasonView(None, None, years)
        chosen = year if year is not None else known[-1]
        earlier = [y for y in known if y < chosen]
        last = _season(ledger, earlier[-1]) if earlier else None
        return SeasonView(_season(ledger, chosen), last, years)


def _season(ledger: Ledger, year: int) -> Season:
    return Season(year, ledger.verdict_counts(year), len(ledger.units(year)))
