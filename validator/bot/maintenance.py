"""The office's care of its ledger (`validator ledger ...`): a consistent backup while the
bot runs, a check of the ledger against the files it points at, an export as a table, and
pruning of old run rows and backups (originals and letters only when asked explicitly).

Speaks no SQL: everything goes through `validator.bot.ledger`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from validator.bot.inbox import path_from_text, sha256_of
from validator.bot.ledger import ANSWERED, DUPLICATE, REVIEW, STATES, Entry, Ledger, integrity_problems
from validator.bot.migrations import LedgerError, backup_time, backups_of, next_backup_name
from validator.bot.settings import BotSettings
from validator.model import Status
from validator.outputs.ledgersheet import write_ledger_table

_STEPS = {"claimed": "已登记", "archived": "已归档", "validated": "已审核", "answered": "已答复", "done": "处理完成"}


class MaintenanceError(Exception):
    """The command cannot run (no ledger ...). The message is Chinese."""


def _open(settings: BotSettings) -> Ledger:
    if not settings.ledger.is_file():
        raise MaintenanceError(f"台账不存在：{settings.ledger}（请检查 rules.yaml 的 bot: 一节，或先运行 validator run）。")
    try:
        return Ledger.for_settings(settings)
    except LedgerError as exc:
        raise MaintenanceError(str(exc)) from exc


# --- backup -------------------------------------------------------------------------------


def backup_ledger(settings: BotSettings, folder: Path | None = None) -> Path:
    """A consistent copy of the ledger in `folder` (default: next to it), named
    `<ledger>-YYYYMMDD-HHMMSS.sqlite3`. Safe while a pass runs."""
    with _open(settings) as ledger:
        return ledger.backup_to(next_backup_name(settings.ledger, folder.absolute() if folder else None))


# --- check --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[str, ...]
    checked: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_ledger(settings: BotSettings) -> CheckResult:
    """SQLite's integrity check, then every row: its archived original present with the
    recorded SHA-256, its outputs present, its state consistent."""
    if not settings.ledger.is_file():
        return CheckResult((f"台账不存在：{settings.ledger}",))
    problems = [f"SQLite 完整性检查：{p}" for p in integrity_problems(settings.ledger)]
    checked: Counter[str] = Counter()
    try:
        with Ledger.for_settings(settings) as ledger:
            entries = ledger.entries()
            ids = {e.id: e for e in entries}
            for entry in entries:
                problems += [f"第 {entry.id} 条报送（{entry.original_name}）：{p}"
                             for p in _entry_problems(entry, ids, checked)]
    except LedgerError as exc:  # damaged (the SQLite error says how) or written by a newer release
        problems.append(f"台账文件无法读取：{exc.__cause__}" if exc.__cause__ else str(exc))
    except Exception as exc:  # a damaged file can fail anywhere: report it, never crash
        problems.append(f"读取台账时出错（{type(exc).__name__}: {exc}），台账可能已损坏。")
    return CheckResult(tuple(problems), checked)


def _entry_problems(entry: Entry, ids: dict[int, Entry], checked: Counter[str]) -> list[str]:
    checked["rows"] += 1
    problems = _state_problems(entry, ids)
    if entry.state != "claimed":
        problems += _original_problems(entry, checked)
    if entry.state in ANSWERED:
        for path in entry.outputs:
            checked["outputs"] += 1
            if not path_from_text(path).is_file():
                problems.append(f"输出文件缺失：{path}")
    return problems


def _original_problems(entry: Entry, checked: Counter[str]) -> list[str]:
    checked["originals"] += 1
    archived = path_from_text(entry.archive_path)
    if not archived.is_file():
        return [f"归档原件缺失：{entry.archive_path}"]
    if sha256_of(archived) != entry.sha256:
        return [f"归档原件与登记时不一致（SHA-256 不同，文件被改动或替换）：{entry.archive_path}"]
    return []


def _state_problems(entry: Entry, ids: dict[int, Entry]) -> list[str]:
    if entry.state not in STATES:
        return [f"状态“{entry.state}”无法识别"]
    problems = []
    reviewed = STATES.index(entry.state) >= STATES.index("validated")
    if reviewed and (not entry.report_json or entry.kind not in (REVIEW, DUPLICATE) or not entry.letter_path):
        problems.append("已审核，但审核结果、类型或意见函路径缺失")
    if reviewed and entry.verdict not in {s.value for s in Status}:
        problems.append(f"审核结论“{entry.verdict}”无法识别")
    if entry.state == "done" and not entry.finished:
        problems.append("已处理完成，但没有完成时间")
    # a duplicate whose earlier review was pruned (--originals) keeps its own saved report
    if entry.kind == DUPLICATE and entry.duplicate_of is not None and (
            entry.duplicate_of not in ids or ids[entry.duplicate_of].kind != REVIEW):
        problems.append(f"标为重复报送，但所重复的第 {entry.duplicate_of} 条不存在或不是审核记录")
    if entry.previous_id is not None and entry.previous_id not in ids:
        problems.append(f"上次报送（第 {entry.previous_id} 条）不存在")
    if reviewed and entry.report_json:
        try:
            entry.report  # noqa: B018  (reads the saved report of any format version)
        except ValueError as exc:
            problems.append(f"保存的审核结果无法读取：{exc}")
    return problems


# --- export -------------------------------------------------------------------------------


def export_ledger(settings: BotSettings, target: Path, *, year: int | None = None) -> int:
    """One row per submission (of `year`, or all) as .xlsx or .csv; returns the row count."""
    with _open(settings) as ledger:
        entries = [e for e in ledger.entries() if year is None or e.year == year]
    write_ledger_table([_export_row(e, settings) for e in entries], target)
    return len(entries)


def _export_row(entry: Entry, settings: BotSettings) -> tuple[Any, ...]:
    return (entry.id, entry.year, entry.unit, entry.original_name, _when(entry.received), _when(entry.processed),
            entry_verdict(entry), entry.errors, entry.warnings, _inside(entry.letter_path, settings.outbox),
            _STEPS.get(entry.state, entry.state))


def entry_verdict(entry: Entry) -> str:
    if not entry.verdict:
        return ""
    status = Status(entry.verdict)
    return f"重复报送（{status.verdict}）" if entry.kind == DUPLICATE else status.office_verdict


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _inside(text: str | None, folder: Path) -> str | None:
    if not text:
        return None
    path = path_from_text(text)
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


# --- prune --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pruned:
    runs: int
    backups: tuple[Path, ...]
    entries: tuple[Entry, ...] = ()
    files: tuple[Path, ...] = ()


def prune_ledger(settings: BotSettings, before: date, *, originals: bool = False, dry_run: bool = False) -> Pruned:
    """Run rows and backups from before `before`. With `originals`, also the submissions
    finished before then: their rows, archived originals and outputs (letters, annotated
    copies, JSON). `dry_run` lists what would go and removes nothing."""
    cutoff = datetime.combine(before, datetime.min.time())
    backups = tuple(p for p in backups_of(settings.ledger) if backup_time(p) < cutoff)
    with _open(settings) as ledger:
        old = tuple(e for e in ledger.entries(where="state='done'") if _before(e.finished, cutoff)) if originals else ()
        files = tuple(path_from_text(p) for e in old for p in (e.archive_path, *e.outputs))
        if dry_run:
            runs = sum(1 for r in ledger.last_runs(limit=-1) if r.state != "running" and _before(r.started, cutoff))
            return Pruned(runs, backups, old, files)
        runs = ledger.prune_runs(before=cutoff)
        if old:
            ledger.remove_entries([e.id for e in old])
    for path in (*backups, *files):
        path.unlink(missing_ok=True)
    return Pruned(runs, backups, old, files)


def _before(text: str | None, cutoff: datetime) -> bool:
    return text is not None and datetime.fromisoformat(text) < cutoff


__all__ = ["MaintenanceError", "backup_ledger", "check_ledger", "export_ledger", "prune_ledger"]
