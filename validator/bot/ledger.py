"""The bot's ledger: one row per submission and one per run, in SQLite (stdlib sqlite3, WAL,
synchronous=FULL). The only module that speaks SQL.

A submission row moves through the states in `STATES`; every state is committed before
the next step acts, so a pass killed at any moment can resume each row where it stopped.
The row holds everything needed to redo a step: the original's hash and place, the
archive path, the saved JSON report and the output paths."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from validator.model import FileReport, Report

# claimed: intent recorded (hash, source, archive path); archived: original copied and verified;
# validated: report and output paths saved; answered: outputs written; done: inbox copy removed.
STATES = ("claimed", "archived", "validated", "answered", "done")
ANSWERED = ("answered", "done")
REVIEW, DUPLICATE = "review", "duplicate"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    kind TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    original_name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    archive_path TEXT NOT NULL UNIQUE,
    received TEXT,
    claimed TEXT NOT NULL,
    processed TEXT,
    finished TEXT,
    unit TEXT,
    projects TEXT,
    verdict TEXT,
    errors INTEGER,
    warnings INTEGER,
    previous_id INTEGER REFERENCES submissions(id),
    duplicate_of INTEGER REFERENCES submissions(id),
    out_stem TEXT UNIQUE,
    letter_path TEXT,
    annotated_path TEXT,
    json_path TEXT,
    report_json TEXT,
    run_id INTEGER REFERENCES runs(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS submissions_sha256 ON submissions(sha256);
CREATE INDEX IF NOT EXISTS submissions_state ON submissions(state);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    trigger TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    state TEXT NOT NULL,
    processed INTEGER NOT NULL DEFAULT 0,
    resumed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    message TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Entry:
    """One submission row."""

    id: int
    state: str
    kind: str | None
    sha256: str
    size: int
    mtime_ns: int
    original_name: str
    source_path: str
    archive_path: str
    received: str | None
    claimed: str
    processed: str | None
    finished: str | None
    unit: str | None
    projects: str | None
    verdict: str | None
    errors: int | None
    warnings: int | None
    previous_id: int | None
    duplicate_of: int | None
    out_stem: str | None
    letter_path: str | None
    annotated_path: str | None
    json_path: str | None
    report_json: str | None
    run_id: int | None
    attempts: int
    last_error: str | None

    @property
    def report(self) -> FileReport:
        """The saved FileReport (only once the row is validated)."""
        if not self.report_json:
            raise ValueError(f"submission {self.id} has no saved report")
        return Report.from_json(self.report_json).files[0]

    @property
    def outputs(self) -> list[str]:
        return [p for p in (self.letter_path, self.annotated_path, self.json_path) if p]

    @property
    def project_list(self) -> list[str]:
        return list(json.loads(self.projects)) if self.projects else []


@dataclass(frozen=True)
class RunRow:
    id: int
    trigger: str
    pid: int
    started: str
    finished: str | None
    state: str
    processed: int
    resumed: int
    skipped: int
    failed: int
    message: str | None


_ENTRY_COLUMNS = ", ".join(f.name for f in fields(Entry))
_RUN_COLUMNS = ", ".join(f.name for f in fields(RunRow))


def now_text() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


class Ledger:
    """Open (and create) the ledger at `path`. Use as a context manager."""

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- runs --------------------------------------------------------------------------

    def start_run(self, trigger: str, pid: int) -> int:
        cursor = self._db.execute("INSERT INTO runs (trigger, pid, started, state) VALUES (?, ?, ?, 'running')",
                                  (trigger, pid, now_text()))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, state: str, processed: int, resumed: int, skipped: int, failed: int,
                   message: str | None = None) -> None:
        self._db.execute(
            "UPDATE runs SET finished=?, state=?, processed=?, resumed=?, skipped=?, failed=?, message=? WHERE id=?",
            (now_text(), state, processed, resumed, skipped, failed, message, run_id))

    def interrupt_stale_runs(self, current: int) -> int:
        """Runs still marked running were killed (the caller holds the lock)."""
        cursor = self._db.execute("UPDATE runs SET state='interrupted' WHERE state='running' AND id<>?", (current,))
        return cursor.rowcount

    def last_runs(self, limit: int = 5) -> list[RunRow]:
        rows = self._db.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [RunRow(*row) for row in rows]

    # --- submissions -------------------------------------------------------------------

    def claim(self, *, sha256: str, size: int, mtime_ns: int, original_name: str, source_path: str,
              archive_path: str, received: str | None, run_id: int) -> Entry:
        cursor = self._db.execute(
            "INSERT INTO submissions (state, sha256, size, mtime_ns, original_name, source_path, archive_path,"
            " received, claimed, run_id) VALUES ('claimed', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sha256, size, mtime_ns, original_name, source_path, archive_path, received, now_text(), run_id))
        return self.get(int(cursor.lastrowid or 0))

    def update(self, entry_id: int, **values: Any) -> Entry:
        names = {f.name for f in fields(Entry)} - {"id"}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"unknown ledger columns: {sorted(unknown)}")
        assignments = ", ".join(f"{name}=?" for name in values)
        self._db.execute(f"UPDATE submissions SET {assignments} WHERE id=?", (*values.values(), entry_id))
        return self.get(entry_id)

    def delete(self, entry_id: int) -> None:
        self._db.execute("DELETE FROM submissions WHERE id=?", (entry_id,))

    def get(self, entry_id: int) -> Entry:
        row = self._db.execute(f"SELECT {_ENTRY_COLUMNS} FROM submissions WHERE id=?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return Entry(*row)

    def entries(self, *, where: str = "1=1", params: tuple[Any, ...] = ()) -> list[Entry]:
        query = f"SELECT {_ENTRY_COLUMNS} FROM submissions WHERE {where} ORDER BY id"
        return [Entry(*row) for row in self._db.execute(query, params)]

    def unfinished(self) -> list[Entry]:
        return self.entries(where="state<>'done'")

    def taken(self, column: str, value: str) -> bool:
        if column not in ("archive_path", "out_stem"):
            raise ValueError(column)
        return self._db.execute(f"SELECT 1 FROM submissions WHERE {column}=?", (value,)).fetchone() is not None

    def answered_with_hash(self, sha256: str, before: int) -> Entry | None:
        """The earliest full review of the same bytes."""
        found = self.entries(where="sha256=? AND kind=? AND state IN ('answered','done') AND id<?",
                             params=(sha256, REVIEW, before))
        return found[0] if found else None

    def reviews_with_hash(self, sha256: str, before: int) -> list[Entry]:
        """Every answered full review of the same bytes, oldest first."""
        return self.entries(where="sha256=? AND kind=? AND state IN ('answered','done') AND id<?",
                            params=(sha256, REVIEW, before))

    def previous_of(self, *, unit: str | None, projects: list[str], name: str, before: int) -> Entry | None:
        """The unit's latest earlier review of the same table: same unit and at least one
        project in common, or the same file name (from the same unit, or where either side
        has no unit because the file could not be read)."""
        candidates = self.entries(where="kind=? AND state IN ('answered','done') AND id<? AND (unit=? OR original_name=?)",
                                  params=(REVIEW, before, unit, name))
        for entry in reversed(candidates):
            if unit and entry.unit == unit and set(projects) & set(entry.project_list):
                return entry
            if entry.original_name == name and (entry.unit == unit or not unit or not entry.unit):
                return entry
        return None

    def reviewed_reports(self) -> list[FileReport]:
        """Every full review, oldest first: what the office summary covers."""
        return [e.report for e in self.entries(where="kind=? AND state IN ('answered','done')", params=(REVIEW,))]

    def verdict_counts(self) -> Counter[str]:
        rows = self._db.execute("SELECT kind, verdict, COUNT(*) FROM submissions WHERE state IN ('answered','done')"
                                " GROUP BY kind, verdict")
        counts: Counter[str] = Counter()
        for kind, verdict, count in rows:
            counts[DUPLICATE if kind == DUPLICATE else verdict] += count
        return counts

    def signature(self) -> str:
        """Changes whenever the set of answered reviews changes (drives summary regeneration)."""
        row = self._db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM submissions"
                               " WHERE kind=? AND state IN ('answered','done')", (REVIEW,)).fetchone()
        return f"{row[0]}:{row[1]}"

    # --- meta --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                         (key, value))

