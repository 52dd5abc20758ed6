"""The committed old-season fixture (tests/data/season_2027_v0, made by the first release):
copied into a test's folder, which is an office moved to another machine."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bothelpers import settings_for

from validator.bot.settings import BotSettings

FIXTURE = Path(__file__).parent / "data" / "season_2027_v0"
OLD_OFFICE = "/tmp/validator-office-2027"  # where the fixture was made: the paths in its ledger


def old_office(root: Path) -> BotSettings:
    """A copy of the old office at `root` (inbox/, outbox/, archive/, rules.yaml)."""
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("*.py", "README.txt"))
    return settings_for(root)


def dump(ledger: Path) -> list[str]:
    """Everything in the ledger, as SQL (compares contents, not bytes)."""
    with sqlite3.connect(f"{ledger.absolute().as_uri()}?mode=ro", uri=True) as db:
        return [*db.iterdump(), f"user_version={db.execute('PRAGMA user_version').fetchone()[0]}"]


def version_of(ledger: Path) -> int:
    with sqlite3.connect(f"{ledger.absolute().as_uri()}?mode=ro", uri=True) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
