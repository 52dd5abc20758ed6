"""The approved targets the ledger holds, as a `ReviewContext` for reviewing self-evaluations.

An accepted target table is a review (not a duplicate) whose verdict is passed or passed with
warnings and whose layout is not a self-evaluation. Its archived original is read again with
`read_submission` (the ledger keeps reports, not indicators). For each (unit, year, project) the
latest accepted table that has the project wins. Uses only the ledger's public methods."""

from __future__ import annotations

import logging
from pathlib import Path

from validator.bot.ledger import ANSWERED, REVIEW, Entry, Ledger
from validator.context import ApprovedProject, Key, ReviewContext, project_book
from validator.model import FileReport, Status
from validator.reader import UnreadableFile, read_submission
from validator.records import SELF_EVALUATION_LAYOUTS, Submission
from validator.text import key

log = logging.getLogger(__name__)
_ACCEPTED = {Status.PASSED.value, Status.WARNINGS.value}


def accepted_targets(ledger: Ledger) -> list[Entry]:
    """Accepted target-table reviews, oldest first."""
    found = []
    for entry in ledger.entries():
        if entry.kind != REVIEW or entry.state not in ANSWERED or not entry.report_json:
            continue
        report = entry.report
        if is_self_evaluation(report) or report.status.value not in _ACCEPTED:
            continue
        found.append(entry)
    return found


def approved_projects(ledger: Ledger, *, unit: str | None = None, year: int | None = None) -> dict[Key, ApprovedProject]:
    """The approved projects, from every accepted target table, or only those of `unit` and
    `year` when given (so a review re-reads only that unit's tables)."""
    tables: list[tuple[str, str | None, Submission]] = []
    for entry in accepted_targets(ledger):
        report = entry.report
        if unit is not None and (key(report.unit or "") != key(unit) or report.year != year):
            continue
        try:
            tables.append((entry.original_name, entry.received, read_submission(Path(entry.archive_path))))
        except (UnreadableFile, OSError):
            log.warning("archived target table %s cannot be read again", entry.archive_path)
    return project_book(tables)


def ledger_context(ledger: Ledger) -> ReviewContext:
    """A context whose look-up reads a unit's accepted tables once, on first use."""
    cache: dict[tuple[str, int | None], dict[Key, ApprovedProject]] = {}

    def lookup(unit: str | None, year: int | None, project: str) -> ApprovedProject | None:
        where = (key(unit or ""), year)
        if where not in cache:
            cache[where] = approved_projects(ledger, unit=unit or "", year=year)
        return cache[where].get((where[0], year, key(project)))

    return ReviewContext(lookup)


def is_self_evaluation(report: FileReport) -> bool:
    return report.layout in SELF_EVALUATION_LAYOUTS
