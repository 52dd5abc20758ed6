"""The ledger's schema versions and the upgrade path between them.

The ledger carries its schema version in SQLite's `user_version`. Opening a ledger of an
earlier version first writes a consistent copy next to it (`ledger-YYYYMMDD-HHMMSS.sqlite3`,
SQLite's backup API), then applies every later migration, in order, inside one transaction:
killed or failing at any point, the ledger stays as it was. A ledger of a later version (a
newer release wrote it) is refused and left untouched.

This module and `validator.bot.ledger` are the only ones that speak SQL to the ledger: this
one owns the schema and its versions, the ledger module the rows.

Every change of the schema adds a `Migration` at the end of `MIGRATIONS` (never edits one
that shipped) and keeps the old-season fixture tests (tests/data/season_2027_v0) passing."""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from validator.bot.crash import crash_point
from validator.bot.inbox import fsync_dir, path_from_text, path_to_text
from validator.bot.places import Roots, is_stored

log = logging.getLogger("validator.bot")

# Version 0: the first release (no user_version, absolute paths).
BASE_SCHEMA = """
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

PATH_COLUMNS = ("source_path", "archive_path", "letter_path", "annotated_path", "json_path")
DEFAULT_BACKUPS_KEPT = 10
_STAMP = "%Y%m%d-%H%M%S"
_MONTH = re.compile(r"\d{4}-\d{2}")
_PART = ".backup-part"
_BACKUP_STAMP = re.compile(r"-(\d{8}-\d{6})(-\d+)?\.sqlite3$")
CRASH_POINTS = ("backup-temp", "backup-written", "migration-applied", "migration-commit")
"""Where the crash tests kill an upgrade or a backup (VALIDATOR_CRASH_AT, as for the bot)."""


class LedgerError(Exception):
    """The ledger cannot be used as it is. The message is Chinese and says what to do."""


@dataclass(frozen=True)
class Migration:
    version: int
    title: str
    apply: Callable[[sqlite3.Connection, Roots], None]


# --- the migrations ---------------------------------------------------------------------


def _v1_years_and_relative_paths(db: sqlite3.Connection, roots: Roots) -> None:
    """Each submission keeps the year of its table; paths become relative to the office's
    folders, and absolute paths of folders that have moved are rebased."""
    db.execute("ALTER TABLE submissions ADD COLUMN year INTEGER")
    db.execute("CREATE INDEX submissions_year ON submissions(year)")
    rows = db.execute(f"SELECT id, out_stem, report_json, {', '.join(PATH_COLUMNS)} FROM submissions").fetchall()
    pairs = moved_folders(rows, roots)
    for entry_id, _stem, report_json, *paths in rows:
        new = [rebase(text, pairs, roots) for text in paths]
        assignments = ", ".join(f"{name}=?" for name in PATH_COLUMNS)
        db.execute(f"UPDATE submissions SET year=?, {assignments} WHERE id=?",
                   (report_year(report_json), *new, entry_id))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "台账记录每份报送的年度；路径改为相对收件箱、输出和归档文件夹保存", _v1_years_and_relative_paths),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def report_year(report_json: str | None) -> int | None:
    """The year of the (first) table in a saved report, of any format version."""
    if not report_json:
        return None
    try:
        files = json.loads(report_json).get("files") or [{}]
        year = files[0].get("year")
    except (ValueError, AttributeError):
        return None
    return year if isinstance(year, int) else None


# --- rebasing absolute paths of an office that has moved ---------------------------------


def moved_folders(rows: Iterable[tuple[object, ...]], roots: Roots) -> list[tuple[str, Path]]:
    """(old folder, its place now) for the folders the rows' paths were written under. The
    outbox is read off the output paths (outbox/<out_stem><suffix>), the archive off the
    archived originals (archive/YYYY-MM/<name>); their common parent (the office folder)
    maps to the current one, which rebases the inbox too."""
    found: dict[str, Path] = {}
    for _id, stem, _report, _source, archive, *outputs in rows:
        for text in outputs:
            if isinstance(text, str) and isinstance(stem, str) and not is_stored(text) and f"/{stem}" in text:
                _add(found, text[: text.index(f"/{stem}")], roots.outbox)
        if isinstance(archive, str) and not is_stored(archive):
            month = PurePath(_plain(archive)).parent
            if _MONTH.fullmatch(month.name):
                _add(found, str(month.parent), roots.archive)
    return sorted(found.items(), key=lambda pair: len(PurePath(pair[0]).parts), reverse=True)


def _add(found: dict[str, Path], old: str, new: Path) -> None:
    if old in found:
        return
    found[old] = new
    office_old, office_new = _office_pair(PurePath(old), new)
    found.setdefault(str(office_old), office_new)


def _office_pair(old: PurePath, new: Path) -> tuple[PurePath, Path]:
    """Strip the folder names both end with: /old/office/outbox -> /new/place/outbox gives
    /old/office -> /new/place."""
    old_parts, new_parts = list(old.parts), list(new.parts)
    while len(old_parts) > 1 and len(new_parts) > 1 and old_parts[-1] == new_parts[-1]:
        old_parts.pop()
        new_parts.pop()
    return PurePath(*old_parts), Path(*new_parts)


def _plain(text: str) -> str:
    """Ledger text as a plain path string (`hex:` names decoded to surrogate escapes)."""
    return str(path_from_text(text)) if text.startswith("hex:") else text


def rebase(text: str | None, pairs: list[tuple[str, Path]], roots: Roots) -> str | None:
    if text is None or is_stored(text):
        return text
    stored = roots.store(text)
    if stored != text:
        return stored  # inside today's folders: the office has not moved
    plain = _plain(text)
    for old, new in pairs:
        prefix = old.rstrip("/") + "/"
        if plain.startswith(prefix):
            return roots.store(path_to_text(new / plain[len(prefix):]))
    return text


# --- opening: version check, backup, migrations ------------------------------------------


def open_ledger(path: Path, *, roots: Roots, timeout: float, backups_kept: int = DEFAULT_BACKUPS_KEPT
                ) -> sqlite3.Connection:
    """A connection to the ledger at `path` at SCHEMA_VERSION (creating or upgrading it)."""
    db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    try:
        refuse_newer(db, path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        if schema_version(db) < SCHEMA_VERSION:
            _upgrade(db, path, roots, backups_kept)
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise LedgerError(f"台账 {path} 正被另一个进程长时间占用（{exc}），请稍后再试。") from exc
        raise LedgerError(damaged_message(path, exc)) from exc
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LedgerError(damaged_message(path, exc)) from exc
    except BaseException:
        db.close()
        raise
    return db


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(db: sqlite3.Connection, path: Path) -> None:
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise LedgerError(
            f"台账 {path} 是较新版本的 validator 写的（台账第 {version} 版，本程序只认识到第 {SCHEMA_VERSION} 版），"
            "为免损坏，本程序不打开、不改动它。请安装与之相同或更新的 validator 版本；"
            "如确需退回旧版本，请用升级时自动留下的备份（台账旁边的 ledger-日期-时间.sqlite3）。")


def damaged_message(path: Path, exc: BaseException) -> str:
    return (f"台账 {path} 无法读取（{exc}），文件可能已损坏或被截断。请先运行 validator ledger check 查看详情，"
            "再把台账旁边最新的备份（ledger-日期-时间.sqlite3）复制为台账文件名（旁边如有 -wal、-shm 文件一并删除）后重新运行。")


def _has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='submissions'").fetchone() is not None


def _upgrade(db: sqlite3.Connection, path: Path, roots: Roots, backups_kept: int) -> None:
    backup = None
    if _has_tables(db):  # an existing ledger of an earlier release: keep a copy first
        backup = write_backup(db, next_backup_name(path))
        prune_backups(path, keep=backups_kept)
    start = schema_version(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)  # another process may have upgraded it meanwhile
        refuse_newer(db, path)
        if not _has_tables(db):
            for statement in BASE_SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
        for migration in MIGRATIONS:
            if migration.version > version:
                migration.apply(db, roots)
                _crash("migration-applied")
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        _crash("migration-commit")
        db.execute("COMMIT")
    except BaseException as exc:
        db.execute("ROLLBACK")
        if isinstance(exc, LedgerError | KeyboardInterrupt | SystemExit):
            raise
        kept = f"升级前的备份：{backup}。" if backup else ""
        raise LedgerError(
            f"台账 {path} 从第 {start} 版升级到第 {SCHEMA_VERSION} 版时出错（{type(exc).__name__}: {exc}），"
            f"台账未作任何改动。{kept}请暂时继续使用原来的 validator 版本，"
            "并把这条信息和台账文件交给技术支持。") from exc
    if backup is not None:
        log.info("台账已从第 %s 版升级到第 %s 版，升级前的备份：%s", start, SCHEMA_VERSION, backup)


# --- backups ------------------------------------------------------------------------------


def next_backup_name(ledger: Path, folder: Path | None = None, now: datetime | None = None) -> Path:
    """`<ledger stem>-YYYYMMDD-HHMMSS.sqlite3` in `folder` (default: next to the ledger)."""
    folder = folder or ledger.parent
    base = f"{ledger.stem}-{(now or datetime.now()).strftime(_STAMP)}"
    target, number = folder / f"{base}.sqlite3", 2
    while target.exists():
        target, number = folder / f"{base}-{number}.sqlite3", number + 1
    return target


def write_backup(db: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the open ledger (SQLite's online backup, one step, so it is one
    snapshot even while a pass writes), written beside `target` and renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_dead_parts(target.parent)
    part = target.with_name(f".{target.name}.{os.getpid()}{_PART}")
    part.unlink(missing_ok=True)
    copy = sqlite3.connect(str(part))
    try:
        db.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()
    with open(part, "rb") as handle:
        os.fsync(handle.fileno())
    _crash("backup-temp")
    os.replace(part, target)
    fsync_dir(target.parent)
    _crash("backup-written")
    return target


def backups_of(ledger: Path, folder: Path | None = None) -> list[Path]:
    """The ledger's backups in `folder` (default: next to it), oldest first."""
    pattern = re.compile(rf"{re.escape(ledger.stem)}-(\d{{8}}-\d{{6}})(-\d+)?\.sqlite3")
    found = [p for p in (folder or ledger.parent).glob(f"{ledger.stem}-*.sqlite3") if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: (backup_time(p), _backup_number(p)))


def backup_time(backup: Path) -> datetime:
    match = _BACKUP_STAMP.search(backup.name)
    return datetime.strptime(match.group(1), _STAMP) if match else datetime.min


def _backup_number(backup: Path) -> int:
    """The -2, -3 ... of backups made within one second (the first has none)."""
    match = _BACKUP_STAMP.search(backup.name)
    return int(match.group(2)[1:]) if match and match.group(2) else 1


def prune_backups(ledger: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups next to the ledger; returns what went."""
    backups = backups_of(ledger)
    gone = backups[: max(0, len(backups) - max(1, keep))]
    for old in gone:
        old.unlink(missing_ok=True)
    return gone


def _remove_dead_parts(folder: Path) -> None:
    """Half-written copies of backups whose process is gone (killed while copying)."""
    for part in folder.glob(f".*{_PART}"):
        pid = part.name[: -len(_PART)].rsplit(".", 1)[-1]
        if not pid.isdigit() or not _alive(int(pid)):
            part.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _crash(step: str) -> None:
    """The bot's fault injection (VALIDATOR_CRASH_AT, shared with its crash tests)."""
    crash_point(step)
