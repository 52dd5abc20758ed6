"""The bot's ledger: one row per submission and one per run, in SQLite (stdlib sqlite3, WAL,
synchronous=FULL). With its sibling `validator.bot.migrations` (which owns the schema, its
version and the upgrades), the only module that speaks SQL.

A submission row moves through the states in `STATES`; every state is committed before
the next step acts, so a pass killed at any moment can resume each row where it stopped.
The row holds everything needed to redo a step: the original's hash and place, the
archive path, the saved JSON report and the output paths.

Paths cross this module's boundary as absolute paths (ledger text, see
`validator.bot.inbox.path_to_text`); inside the ledger they are kept relative to the
office's folders (`validator.bot.places`), so a moved office keeps its links."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.bot.migrations import DEFAULT_BACKUPS_KEPT, PATH_COLUMNS, open_ledger, report_year, write_backup
from validator.bot.places import Roots
from validator.model import FileReport, Report

if TYPE_CHECKING:
    from validator.bot.settings import BotSettings

# claimed: intent recorded (hash, source, archive path); archived: original copied and verified;
# validated: report and output paths saved; answered: outputs written; done: inbox copy removed.
STATES = ("claimed", "archived", "validated", "answered", "done")
ANSWERED = ("answered", "done")
REVIEW, DUPLICATE = "review", "duplicate"



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
    year: int | None = None

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


_ENTRY_NAMES = tuple(f.name for f in fields(Entry))
_ENTRY_COLUMNS = ", ".join(_ENTRY_NAMES)
_RUN_COLUMNS = ", ".join(f.name for f in fields(RunRow))


def now_text() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


class Ledger:
    """Open (and create) the ledger at `path`. Use as a context manager."""

    def __init__(self, path: Path, *, timeout: float = 30.0, roots: Roots | None = None,
                 backups_kept: int = DEFAULT_BACKUPS_KEPT) -> None:
        """`roots`: the office's folders (default: inbox and archive next to the outbox that
        holds the ledger). Raises `LedgerError` for a ledger of a newer release or a damaged
        file; upgrades one of an earlier release (with a backup first)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.roots = roots or Roots.beside(path)
        self._db = open_ledger(path, roots=self.roots, timeout=timeout, backups_kept=backups_kept)

    @classmethod
    def for_settings(cls, settings: BotSettings) -> Ledger:
        """The office's ledger, its paths relative to the office's folders."""
        return cls(settings.ledger, roots=Roots(settings.inbox, settings.outbox, settings.archive),
                   backups_kept=settings.backups_kept)

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

    def prune_runs(self, *, older_than_days: int | None = None, before: datetime | None = None) -> int:
        """Remove finished run rows started before `before` (or more than `older_than_days`
        ago); submissions keep their own dates and lose only the link to the run."""
        if before is None:
            if older_than_days is None:
                return 0
            before = datetime.now() - timedelta(days=older_than_days)
        cutoff = (before.replace(microsecond=0).isoformat(),)
        old = "SELECT id FROM runs WHERE started<? AND state<>'running'"
        with self._transaction():
            self._db.execute(f"UPDATE submissions SET run_id=NULL WHERE run_id IN ({old})", cutoff)
            return self._db.execute("DELETE FROM runs WHERE started<? AND state<>'running'", cutoff).rowcount

    def last_runs(self, limit: int = 5) -> list[RunRow]:
        rows = self._db.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [RunRow(*row) for row in rows]

    # --- submissions -------------------------------------------------------------------

    def claim(self, *, sha256: str, size: int, mtime_ns: int, original_name: str, source_path: str,
              archive_path: str, received: str | None, run_id: int) -> Entry:
        cursor = self._db.execute(
            "INSERT INTO submissions (state, sha256, size, mtime_ns, original_name, source_path, archive_path,"
            " received, claimed, run_id) VALUES ('claimed', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sha256, size, mtime_ns, original_name, self.roots.store(source_path), self.roots.store(archive_path),
             received, now_text(), run_id))
        return self.get(int(cursor.lastrowid or 0))

    def update(self, entry_id: int, **values: Any) -> Entry:
        names = {f.name for f in fields(Entry)} - {"id"}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"unknown ledger columns: {sorted(unknown)}")
        if "report_json" in values and "year" not in values:
            values["year"] = report_year(values["report_json"])
        values = {k: self.roots.store(v) if k in PATH_COLUMNS else v for k, v in values.items()}
        assignments = ", ".join(f"{name}=?" for name in values)
        self._db.execute(f"UPDATE submissions SET {assignments} WHERE id=?", (*values.values(), entry_id))
        return self.get(entry_id)

    def delete(self, entry_id: int) -> None:
        self._db.execute("DELETE FROM submissions WHERE id=?", (entry_id,))

    def get(self, entry_id: int) -> Entry:
        row = self._db.execute(f"SELECT {_ENTRY_COLUMNS} FROM submissions WHERE id=?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return self._entry(row)

    def entries(self, *, where: str = "1=1", params: tuple[Any, ...] = ()) -> list[Entry]:
        query = f"SELECT {_ENTRY_COLUMNS} FROM submissions WHERE {where} ORDER BY id"
        return [self._entry(row) for row in self._db.execute(query, params)]

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        values: dict[str, Any] = {k: self.roots.load(v) if k in PATH_COLUMNS else v
                                  for k, v in zip(_ENTRY_NAMES, row, strict=True)}
        return Entry(**values)

    def unfinished(self) -> list[Entry]:
        return self.entries(where="state<>'done'")

    def taken(self, column: str, value: str) -> bool:
        if column not in ("archive_path", "out_stem"):
            raise ValueError(column)
        stored = self.roots.store(value) if column in PATH_COLUMNS else value
        return self._db.execute(f"SELECT 1 FROM submissions WHERE {column}=?", (stored,)).fetchone() is not None

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

    def verdict_counts(self, year: int | None = None) -> Counter[str]:
        """Answered submissions by verdict (duplicates apart), of every year or of `year`."""
        season = "" if year is None else f" AND year={int(year)}"
        rows = self._db.execute("SELECT kind, verdict, COUNT(*) FROM submissions WHERE state IN ('answered','done')"
                                f"{season} GROUP BY kind, verdict")
        counts: Counter[str] = Counter()
        for kind, verdict, count in rows:
            counts[DUPLICATE if kind == DUPLICATE else verdict] += count
        return counts

    def signature(self) -> str:
        """Changes whenever the set of answered reviews changes (drives summary regeneration)."""
        row = self._db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM submissions"
                               " WHERE kind=? AND state IN ('answered','done')", (REVIEW,)).fetchone()
        return f"{row[0]}:{row[1]}"

    def years(self) -> Counter[int | None]:
        """Answered submissions per year of their table (None: no year, e.g. unreadable)."""
        rows = self._db.execute("SELECT year, COUNT(*) FROM submissions WHERE state IN ('answered','done') GROUP BY year")
        return Counter({year: count for year, count in rows})

    def units(self, year: int) -> set[str]:
        rows = self._db.execute("SELECT DISTINCT unit FROM submissions WHERE state IN ('answered','done') AND year=?"
                                " AND unit IS NOT NULL", (year,))
        return {str(row[0]) for row in rows}

    def remove_entries(self, ids: list[int]) -> None:
        """Delete submission rows (maintenance only); later rows that point at them keep
        their own saved reports and lose only the link."""
        marks = ", ".join("?" * len(ids))
        with self._transaction():
            self._db.execute(f"UPDATE submissions SET previous_id=NULL WHERE previous_id IN ({marks})", ids)
            self._db.execute(f"UPDATE submissions SET duplicate_of=NULL WHERE duplicate_of IN ({marks})", ids)
            self._db.execute(f"DELETE FROM submissions WHERE id IN ({marks})", ids)

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the ledger at `target` (safe while a pass writes)."""
        return write_backup(self._db, target)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- meta --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                         (key, value))

    # --- read-only queries for the office's season view (validator.web.season) -----------

    def answered(self) -> list[Entry]:
        """Every answered submission, reviews and duplicates, oldest first."""
        return self.entries(where="state IN ('answered','done')")


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own check of the file (pages, indexes, foreign keys), opened read-only:
    an empty list when the file is sound."""
    try:
        db = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        found = [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
        problems = [] if found == ["ok"] else found
        problems += [f"外键不一致：{row}" for row in db.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        db.close()
