"""What the bot runs in its worker process, under the per-file deadline
(`limits.seconds_per_file`): the review and the two outputs whose cost grows with the
submission (the letter and the annotated copy). Module-level functions, so they pickle.

`VALIDATOR_HANG_ON=<step>:<text>` (fault injection for the tests, like VALIDATOR_CRASH_AT)
makes step `review`, `letter` or `annotated` (`*`: each) hang on any file whose name
contains <text>, so the deadline is reached."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from validator.bot.places import Roots
from validator.config.loader import Config
from validator.config.office import OfficeSettings
from validator.engine import validate_file
from validator.model import FileReport
from validator.outputs.annotate import annotate_workbook
from validator.outputs.letter import write_letter

HANG_ENV = "VALIDATOR_HANG_ON"


def ready() -> int:
    """A first, empty piece of work: the worker has started and imported all of the above."""
    return os.getpid()


def review(path: str, name: str, config: Config, office: Roots | None = None, ledger: str | None = None) -> FileReport:
    """The review; with the office's ledger, a self-evaluation is compared with the targets it
    approved (the ledger is opened here: a connection does not cross into the worker)."""
    _hang_point("review", name)
    if ledger is None or office is None:
        return validate_file(Path(path), config)
    from validator.bot.approved import ledger_context
    from validator.bot.ledger import Ledger

    with Ledger(Path(ledger), roots=office) as book:
        return validate_file(Path(path), config, ledger_context(book))


def letter(report: FileReport, target: str, office: OfficeSettings, today: date,
           previous: FileReport | None, listed: int | None) -> None:
    _hang_point("letter", report.name)
    write_letter(report, Path(target), settings=office, today=today, previous=previous, listed=listed)


def annotated(report: FileReport, source: str, target: str, listed: int | None) -> bool:
    _hang_point("annotated", report.name)
    return annotate_workbook(report, Path(source), Path(target), listed=listed) is not None


def _hang_point(step: str, name: str) -> None:
    where, _, text = os.environ.get(HANG_ENV, "").partition(":")
    if text and where in (step, "*") and text in name:
        time.sleep(3600)
