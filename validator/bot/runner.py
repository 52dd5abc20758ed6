"""The inbox bot: one plain, synchronous, idempotent pass over the inbox.

Each new submission is claimed in the ledger, copied into the archive (verified by hash),
validated, answered (letter, annotated copy, JSON report in the outbox), and only then
removed from the inbox. Every step is recorded before the next one acts and is safe to
repeat, so a pass killed at any moment (kill -9, power cut) is finished by the next one:
each submission ends with one ledger row, one set of outputs, and its original in the
archive byte for byte. An exclusive lock keeps two passes from running at once.

The scheduler and the CLI only call `process_inbox`."""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from filelock import FileLock, Timeout

from validator.bot import work
from validator.bot.approved import is_self_evaluation
from validator.bot.crash import crash_point
from validator.bot.inbox import (
    Candidate,
    Inventory,
    SourceChanged,
    Waiting,
    archived_ok,
    atomic_target,
    copy_to_archive,
    path_from_text,
    path_to_text,
    remove_if_unchanged,
    remove_stale_temps,
    sha256_of,
    survey,
    unchanged,
)
from validator.bot.ledger import DUPLICATE, REVIEW, Entry, Ledger, RunRow, now_text
from validator.bot.places import Roots
from validator.bot.settings import BotSettings
from validator.config.limits import limits_of
from validator.config.loader import load_config
from validator.config.office import OfficeSettings
from validator.deadline import Abandoned, DeadlineExceeded, DeadlineWorker, WorkerCrashed
from validator.engine import stamp
from validator.model import UNREADABLE_RULE, FileReport, Report, Severity, Status
from validator.outputs.annotate import ANNOTATED_MARK, ANNOTATED_SUFFIX, WORKBOOK_SUFFIXES
from validator.outputs.letter import LETTER_SUFFIX, write_note
from validator.outputs.naming import output_stem, safe_part, unit_folder
from validator.outputs.selfeval import table_kind
from validator.outputs.summary import write_summary
from validator.reader.file_name import unit_from_file_name
from validator.rules.base import Problem
from validator.rules.reference import rule_purposes
from validator.text import chinese_date, readable

log = logging.getLogger("validator.bot")

CRASH_POINTS = (
    "run-start", "claimed", "archive-temp", "archive-renamed", "archived", "validated", "output-temp",
    "output-written", "answered", "inbox-removed", "done", "summary-temp", "summary-written",
)
NOTE_SUFFIX = "_重复报送告知.docx"
JSON_SUFFIX = "_审核结果.json"
NO_UNIT = "未识别单位"
_STAMP = "%Y%m%d-%H%M%S"
STOP_GRACE_SECONDS = 10.0  # after a stop signal, the file in hand may take this long to finish
WORKER_START_SECONDS = 120.0  # starting the worker process (imports) is not counted against a file
TIMED_OUT = "无法在限定时间内审核"  # how the answers to files given up on begin
GAVE_UP = "多次处理出错，无法审核"
RETRY_COMMAND = "validator run --retry"

StopFlag = Callable[[], bool]
T = TypeVar("T")


class BotError(Exception):
    """The pass cannot start (missing inbox ...). The message is Chinese."""


class InboxBusy(BotError):
    """Another pass holds the lock."""


@dataclass(frozen=True)
class Outcome:
    """One submission answered in this pass."""

    entry_id: int
    name: str
    unit: str | None
    verdict: str
    duplicate: bool
    letter: str | None
    resumed: bool


@dataclass(frozen=True)
class Failure:
    name: str
    message: str
    note: str = "原件已保留，下次运行将重试"


@dataclass(frozen=True)
class RunResult:
    run_id: int
    started: datetime
    finished: datetime
    answered: tuple[Outcome, ...] = ()
    waiting: tuple[Waiting, ...] = ()
    failures: tuple[Failure, ...] = ()
    summary: Path | None = None
    stopped: bool = False
    skipped: tuple[Waiting, ...] = ()

    @property
    def seconds(self) -> float:
        return (self.finished - self.started).total_seconds()

    @property
    def resumed(self) -> int:
        return sum(1 for o in self.answered if o.resumed)


_HANDLERS: list[logging.Handler] = []


def configure_logging(log_file: Path, *, stdout: bool) -> None:
    """Log lines of the bot to `log_file` (and to stdout for the long-running service).
    Calling it again replaces the handlers it installed before."""
    import sys

    root = logging.getLogger("validator")
    for handler in _HANDLERS:
        root.removeHandler(handler)
        handler.close()
    _HANDLERS.clear()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    _HANDLERS.append(logging.FileHandler(log_file, encoding="utf-8"))
    if stdout:
        _HANDLERS.append(logging.StreamHandler(sys.stdout))
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
    for handler in _HANDLERS:
        handler.setFormatter(fmt)
        root.addHandler(handler)
    root.setLevel(logging.INFO)


def process_inbox(settings: BotSettings, *, stop: StopFlag | None = None, wait: bool = False,
                  trigger: str = "run", retry: bool = False) -> RunResult:
    """Finish whatever an interrupted pass left, then answer every new submission once.
    Raises InboxBusy when another pass runs (unless `wait`), BotError when the inbox is
    missing. `stop` is checked between files and while one is in hand: once it is true, the
    file in hand has STOP_GRACE_SECONDS to finish, or is abandoned (left in its last
    recorded step for the next pass), and the run is recorded as stopped. A file whose
    archive copy failed `max_attempts` times is held (not retried) until a pass with `retry`."""
    check_folders(settings)
    with exclusive_lock(settings.lock_file, wait=wait, stop=stop), Ledger.for_settings(settings) as ledger:
        return _Pass(settings, ledger, stop or (lambda: False), trigger, retry=retry).run()


def held(entry: Entry, max_attempts: int) -> bool:
    """A row whose archive copy failed `max_attempts` times: nothing of it is archived, its
    original is untouched in the inbox, and no pass tries again until IT staff say so."""
    return entry.state == "claimed" and entry.attempts >= max_attempts


def held_advice(settings: BotSettings) -> str:
    """What the office's IT staff do about a held file (status and the run's output)."""
    return (f"请信息技术人员检查：归档文件夹 {settings.archive} 是否存在、可写，所在磁盘空间是否足够；"
            "收件箱中的原件能否读取（文件权限、是否被杀毒软件等程序占用）。排除原因后运行 "
            f"{RETRY_COMMAND} 重新归档并审核")


def check_folders(settings: BotSettings) -> None:
    """The inbox must exist, and nothing the bot writes may lie inside it: answers and
    archived originals would come back as new submissions."""
    inbox = settings.inbox.resolve()
    if not inbox.is_dir():
        raise BotError(f"收件箱文件夹不存在：{settings.inbox}（请检查 rules.yaml 的 bot.inbox 或 --inbox）。")
    for label, path in (("输出文件夹", settings.outbox), ("归档文件夹", settings.archive), ("台账", settings.ledger),
                        ("日志文件", settings.log_file)):
        if path.resolve().is_relative_to(inbox):
            raise BotError(f"{label}（{path}）不能放在收件箱（{settings.inbox}）里面，否则会被当作新的报送处理。"
                           "请修改 rules.yaml 的 bot: 一节。")


@contextmanager
def exclusive_lock(path: Path, *, wait: bool, stop: StopFlag | None = None) -> Iterator[None]:
    """An exclusive lock on `path` (filelock: flock on POSIX, msvcrt on Windows), released
    when the process ends however it ends. The holder's PID is written beside it for the
    message another pass shows; it is informational only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=0)
    while True:
        try:
            lock.acquire(timeout=0.5 if wait else 0)
            break
        except Timeout:
            if not wait:
                raise InboxBusy(f"另一个审核进程（PID {_holder(path)}）正在处理收件箱，本次未处理任何文件。"
                                f"如需排队等待，请加 --wait。锁文件：{path}") from None
            if stop is not None and stop():
                raise InboxBusy("收到停止信号，在等待另一个审核进程时退出，本次未处理任何文件。") from None
    try:
        _write_holder(path)
        yield
    finally:
        lock.release()


def lock_held(path: Path) -> bool:
    """Whether a pass holds the lock now (probed without waiting; nothing is created when
    the lock file does not exist)."""
    if not path.exists():
        return False
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False


def _holder_file(path: Path) -> Path:
    return path.with_name(path.name + ".pid")


def _write_holder(path: Path) -> None:
    """The holder's PID beside the lock file (never inside it: the lock file belongs to
    filelock, which may keep its own marker there)."""
    with suppress(OSError):
        _holder_file(path).write_text(f"{os.getpid()}\n", encoding="ascii")


def _holder(path: Path) -> str:
    try:
        return _holder_file(path).read_bytes()[:32].decode(errors="replace").strip() or "未知"
    except OSError:
        return "未知"


class _Pass:
    """One pass under the lock."""

    def __init__(self, settings: BotSettings, ledger: Ledger, stop: StopFlag, trigger: str, *,
                 retry: bool = False) -> None:
        self.settings, self.ledger, self.stop, self.trigger, self.retry = settings, ledger, stop, trigger, retry
        self.config = settings.config or load_config()
        self.limits = limits_of(self.config)
        self.worker = DeadlineWorker()
        self._worker_ready = False
        self._clock = 0.0
        self.started = datetime.now()
        self.answered: list[Outcome] = []
        self.failures: list[Failure] = []
        self.waiting: list[Waiting] = []
        self.skipped: list[Waiting] = []
        self.stopped = False
        self.run_id = 0

    def run(self) -> RunResult:
        self.run_id = self.ledger.start_run(self.trigger, os.getpid())
        try:
            return self._run()
        except BaseException:  # a bug or an interrupt: the run row must not stay `running`
            self.ledger.finish_run(self.run_id, state="failed", processed=len(self.answered), resumed=0,
                                   skipped=len(self.waiting) + len(self.skipped), failed=len(self.failures) + 1)
            raise
        finally:
            self.worker.close()

    def _run(self) -> RunResult:
        crash_point("run-start")
        self.ledger.interrupt_stale_runs(self.run_id)
        self._first_run_notices()
        self.ledger.prune_runs(older_than_days=self.settings.keep_runs_days)
        remove_stale_temps(self.settings.archive, self.settings.outbox)
        for entry in self.ledger.unfinished():
            if self._should_stop():
                break
            if held(entry, self.settings.max_attempts) and not self._release(entry):
                continue
            self._advance(entry, resumed=True)
        if not self.stopped:
            self._new_files()
        summary = self._safe_summary()
        result = RunResult(self.run_id, self.started, datetime.now(), tuple(self.answered),
                           tuple(self.waiting), tuple(self.failures), summary, self.stopped, tuple(self.skipped))
        self.ledger.finish_run(self.run_id, state="stopped" if self.stopped else "finished",
                               processed=len(self.answered), resumed=result.resumed,
                               skipped=len(self.waiting) + len(self.skipped),
                               failed=len(self.failures))
        log.info("%s", run_line(result))
        return result

    def _first_run_notices(self) -> None:
        """Said once, on the first pass: how the letters go out (e.g. signed by the 科)."""
        if self.ledger.get_meta("office_notices") is None:
            for notice in self.settings.office.notices():
                log.warning("%s", notice)
            self.ledger.set_meta("office_notices", "shown")

    def _release(self, entry: Entry) -> bool:
        """A held row: tried again under `retry`; forgotten when its original has changed or
        gone (a new file is claimed afresh); otherwise reported again and left alone."""
        source = path_from_text(entry.source_path)
        if not unchanged(source, size=entry.size, mtime_ns=entry.mtime_ns):
            self.ledger.delete(entry.id)  # nothing of it was archived
            return False
        if self.retry:
            log.info("重新尝试归档 %s（此前出错 %d 次）", entry.original_name, entry.attempts)
            self.ledger.update(entry.id, attempts=0)
            return True
        self.failures.append(Failure(entry.original_name, entry.last_error or "归档出错",
                                     _held_note(entry.attempts, self.settings)))
        return False

    def _should_stop(self) -> bool:
        self.stopped = self.stopped or self.stop()
        return self.stopped

    def _new_files(self) -> None:
        found = _survey(self.settings)
        self.waiting.extend(found.waiting)
        self.skipped.extend(found.skipped)
        unfinished = self.ledger.unfinished()
        pending = {e.source_path for e in unfinished}
        holding = {e.source_path for e in unfinished if held(e, self.settings.max_attempts)}
        for candidate in found.ready:
            if path_to_text(candidate.path) in holding:
                continue  # reported with what to do
            if path_to_text(candidate.path) in pending:
                self.waiting.append(Waiting(candidate.relative, "上次处理未完成，请查看 validator status"))
            elif not self._should_stop():
                try:
                    self._claim(candidate)
                except Exception as exc:  # e.g. a name the ledger cannot store; the file stays in the inbox
                    log.exception("登记 %s 时出错", candidate.relative)
                    self.failures.append(Failure(candidate.relative, f"{type(exc).__name__}: {exc}"))

    def _claim(self, candidate: Candidate) -> None:
        try:
            sha256 = sha256_of(candidate.path)
        except FileNotFoundError:
            return  # taken away meanwhile
        if not unchanged(candidate.path, size=candidate.size, mtime_ns=candidate.mtime_ns):
            self.waiting.append(Waiting(candidate.relative, "文件刚有改动，等待写入完成"))
            return
        received = datetime.fromtimestamp(candidate.mtime_ns / 1e9).replace(microsecond=0).isoformat()
        name = readable(candidate.path.name)
        entry = self.ledger.claim(
            sha256=sha256, size=candidate.size, mtime_ns=candidate.mtime_ns, original_name=name,
            source_path=path_to_text(candidate.path), archive_path=str(self._archive_path(name, sha256)),
            received=received, run_id=self.run_id)
        crash_point("claimed")
        self._advance(entry, resumed=False)

    def _archive_path(self, name: str, sha256: str) -> Path:
        now = datetime.now()
        stem, suffix = os.path.splitext(name)
        base = f"{now.strftime(_STAMP)}_{sha256[:8]}_{safe_part(stem) or '未命名'}"
        folder = self.settings.archive / now.strftime("%Y-%m")
        candidate, number = folder / f"{base}{suffix}", 2
        while self.ledger.taken("archive_path", str(candidate)) or candidate.exists():
            candidate, number = folder / f"{base}-{number}{suffix}", number + 1
        return candidate

    # --- the steps: each moves a row one state on, and may be repeated --------------------

    def _advance(self, entry: Entry, *, resumed: bool, last_try: bool = False) -> None:
        """Move one row to `done`. A file past its time is answered 无法在限定时间内审核; a file
        that failed `max_attempts` times is answered as unreadable; both are archived and never
        retried. Abandoned on a stop, the row stays where it was for the next pass."""
        steps = {"claimed": self._archive, "archived": self._validate, "validated": self._answer,
                 "answered": self._remove}
        self._clock = time.monotonic()
        current: Entry | None = entry
        try:
            if entry.attempts >= self.settings.max_attempts and entry.state in ("archived", "validated") \
                    and given_up(entry) is None:
                current = self._give_up(entry, GAVE_UP)
            while current is not None and current.state != "done":
                step = current
                try:
                    current = steps[step.state](step)
                except DeadlineExceeded:
                    log.warning("%s 未能在 %g 秒内审核完，按“%s”答复", entry.original_name,
                                self.limits.seconds_per_file, TIMED_OUT)
                    current = self._give_up(step, TIMED_OUT)
        except Abandoned:
            log.info("收到停止信号：%s 未能在 %g 秒内处理完，已放弃，下次运行时重做", entry.original_name,
                     STOP_GRACE_SECONDS)
            return
        except Exception as exc:  # one bad file must not stop the pass; the row is retried next pass
            self._failed(entry, exc, resumed=resumed, last_try=last_try)
            return
        if current is not None:
            self.answered.append(_outcome(current, resumed=resumed))
            log.info("已答复 %s（%s）：%s", current.original_name, current.unit or NO_UNIT, _verdict_label(current))

    def _failed(self, entry: Entry, exc: Exception, *, resumed: bool, last_try: bool) -> None:
        log.exception("处理 %s 时出错", entry.original_name)
        attempts = entry.attempts + 1
        message = error_text(exc)
        entry = self.ledger.update(entry.id, attempts=attempts, last_error=message[:500])
        final = attempts >= self.settings.max_attempts and entry.state in ("archived", "validated")
        note = failure_note(entry.state, attempts, self.settings)
        self.failures.append(Failure(entry.original_name, message, note))
        if held(entry, self.settings.max_attempts):
            log.error("%s：%s", entry.original_name, note)
        if final and not last_try:
            self._advance(entry, resumed=resumed, last_try=True)

    def _give_up(self, entry: Entry, why: str) -> Entry:
        """Replace whatever was planned for `entry` by the short answer that it could not be
        reviewed (`why`: TIMED_OUT or GAVE_UP); the row goes back to `validated`."""
        known = entry.report if entry.report_json else None
        received = datetime.fromisoformat(entry.received) if entry.received else None
        setting = self.config.rules.get(UNREADABLE_RULE)
        level = setting.level if setting and setting.level else Severity.ERROR
        finding = stamp(UNREADABLE_RULE, level, _give_up_problem(why, self.limits.seconds_per_file, entry.attempts))
        report = FileReport(path=entry.original_name, findings=(finding,), received=received, sha256=entry.sha256,
                            unit=known.unit if known else None, year=known.year if known else None,
                            layout=known.layout if known else None, projects=known.projects if known else ())
        processed = datetime.now().replace(microsecond=0)
        for old in (entry.annotated_path, entry.letter_path):
            if old:
                Path(old).unlink(missing_ok=True)  # a copy written before the time ran out
        values = self._output_paths(entry, report, processed, duplicate=False)
        entry = self.ledger.update(
            entry.id, state="validated", kind=REVIEW, previous_id=None, duplicate_of=None,
            processed=processed.isoformat(), unit=report.unit, projects=_json_list(report.projects),
            verdict=report.status.value, errors=report.errors, warnings=report.warnings,
            report_json=Report((report,), generated=processed).to_json(), **values)
        crash_point("validated")
        return entry

    def _work(self, fn: Callable[..., T], *args: object) -> T:
        """`fn(*args)` in the worker, within what is left of this file's time."""
        if not self._worker_ready:
            try:
                self.worker.run(work.ready, seconds=WORKER_START_SECONDS, stop=self._should_stop,
                                grace=STOP_GRACE_SECONDS)
            except DeadlineExceeded:
                raise RuntimeError("审核子进程未能启动") from None
            self._worker_ready = True
        left = self.limits.seconds_per_file - (time.monotonic() - self._clock)
        try:
            return self.worker.run(fn, *args, seconds=max(left, 0.0), stop=self._should_stop,
                                   grace=STOP_GRACE_SECONDS)
        except (DeadlineExceeded, Abandoned, WorkerCrashed):
            self._worker_ready = False  # its worker was killed, or died
            raise

    def _archive(self, entry: Entry) -> Entry | None:
        target, source = Path(entry.archive_path), path_from_text(entry.source_path)
        if not archived_ok(target, entry.sha256):
            if not unchanged(source, size=entry.size, mtime_ns=entry.mtime_ns):
                self.ledger.delete(entry.id)  # nothing archived and the original is gone or changed
                return None
            try:
                copy_to_archive(source, target, sha256=entry.sha256, size=entry.size, mtime_ns=entry.mtime_ns,
                                hook=crash_point)
            except SourceChanged:
                self.ledger.delete(entry.id)
                self.waiting.append(Waiting(entry.original_name, "文件在复制时发生变化，等待写入完成"))
                return None
        crash_point("archive-renamed")
        entry = self.ledger.update(entry.id, state="archived")
        crash_point("archived")
        return entry

    def _validate(self, entry: Entry) -> Entry:
        received = datetime.fromisoformat(entry.received) if entry.received else None
        office = Roots(self.settings.inbox, self.settings.outbox, self.settings.archive)
        reviewed = self._work(work.review, entry.archive_path, entry.original_name, self.config, office,
                              str(self.settings.ledger))  # self-evaluations: against the approved targets
        report = replace(reviewed, path=entry.original_name, received=received, sha256=entry.sha256)
        if report.status is Status.UNREADABLE:  # the archived name is hashed: the unit is in the original's
            known = {e.unit for e in self.ledger.entries(where="unit IS NOT NULL") if e.unit}
            report = replace(report, unit=unit_from_file_name(entry.original_name, known))
        processed = datetime.now().replace(microsecond=0)
        # a file given up on was never reviewed: the same bytes get a full try (the limits may have changed)
        earlier = next((e for e in self.ledger.reviews_with_hash(entry.sha256, before=entry.id) if given_up(e) is None),
                       None)
        values: dict[str, object] = {"kind": REVIEW, "previous_id": None, "duplicate_of": None}
        if earlier is not None:
            report = replace(earlier.report, path=entry.original_name, received=received)
            values.update(kind=DUPLICATE, duplicate_of=earlier.id)
        else:
            previous = self.ledger.previous_of(unit=report.unit, projects=list(report.projects),
                                               name=entry.original_name, before=entry.id)
            if previous is not None and is_self_evaluation(previous.report) != is_self_evaluation(report):
                previous = None  # a self-evaluation is not a resubmission of the target table
            values["previous_id"] = previous.id if previous else None
        values.update(self._output_paths(entry, report, processed, duplicate=earlier is not None))
        entry = self.ledger.update(
            entry.id, state="validated", processed=processed.isoformat(), unit=report.unit,
            projects=_json_list(report.projects), verdict=report.status.value, errors=report.errors,
            warnings=report.warnings, report_json=Report((report,), generated=processed).to_json(), **values)
        crash_point("validated")
        return entry

    def _output_paths(self, entry: Entry, report: FileReport, processed: datetime, *,
                      duplicate: bool) -> dict[str, object]:
        folder = unit_folder(report.unit, fallback=NO_UNIT)
        stem = f"{folder}/{output_stem(report)}_{processed.strftime(_STAMP)}"
        if self.ledger.taken("out_stem", stem):
            stem = f"{stem}-{entry.id}"
        base = self.settings.outbox / stem
        suffix = Path(entry.archive_path).suffix.lower()
        annotate = not duplicate and report.status is not Status.UNREADABLE and suffix in WORKBOOK_SUFFIXES
        return {
            "out_stem": stem,
            "letter_path": f"{base}{NOTE_SUFFIX if duplicate else LETTER_SUFFIX}",
            "annotated_path": f"{base}{ANNOTATED_MARK}{ANNOTATED_SUFFIX}" if annotate else None,
            "json_path": f"{base}{JSON_SUFFIX}",
        }

    def _answer(self, entry: Entry) -> Entry:
        report = entry.report
        today = datetime.fromisoformat(entry.processed or now_text()).date()
        with atomic_target(Path(entry.letter_path or "")) as temp:
            self._write_letter(entry, report, temp, today)
            crash_point("output-temp")
        crash_point("output-written")
        if entry.annotated_path:
            with atomic_target(Path(entry.annotated_path)) as temp:
                if not self._work(work.annotated, report, entry.archive_path, str(temp), self.limits.findings_listed):
                    raise RuntimeError("annotated copy was planned but not written")
                crash_point("output-temp")
            crash_point("output-written")
        with atomic_target(Path(entry.json_path or "")) as temp:
            temp.write_text(entry.report_json or "", encoding="utf-8")
            crash_point("output-temp")
        crash_point("output-written")
        entry = self.ledger.update(entry.id, state="answered")
        crash_point("answered")
        return entry

    def _write_letter(self, entry: Entry, report: FileReport, target: Path, today: date) -> None:
        office = self.settings.office
        if entry.kind == DUPLICATE and entry.duplicate_of is not None:
            paragraphs = duplicate_note(report, self.ledger.get(entry.duplicate_of))
            write_note(report, target, settings=office, paragraphs=paragraphs, today=today)
            return
        why = given_up(entry)
        if why is not None:
            write_note(report, target, settings=office, paragraphs=give_up_note(report, why, office, today), today=today)
            return
        previous = self.ledger.get(entry.previous_id).report if entry.previous_id else None
        self._work(work.letter, report, str(target), office, today, previous, self.limits.findings_listed)

    def _remove(self, entry: Entry) -> Entry:
        source = path_from_text(entry.source_path)
        if not remove_if_unchanged(source, sha256=entry.sha256, size=entry.size, mtime_ns=entry.mtime_ns):
            log.info("%s 已被新文件替换，新文件留待下次处理", entry.original_name)
        crash_point("inbox-removed")
        entry = self.ledger.update(entry.id, state="done", finished=now_text())
        crash_point("done")
        return entry

    def _safe_summary(self) -> Path | None:
        try:
            return self._summary()
        except Exception as exc:  # the answers are out; the summary is rebuilt by the next pass
            log.exception("生成汇总表时出错")
            self.failures.append(Failure(self.settings.summary.name, f"{type(exc).__name__}: {exc}"))
            return None

    def _summary(self) -> Path | None:
        """Regenerate 汇总.xlsx from every saved review when the set of reviews changed."""
        target = self.settings.summary
        signature = self.ledger.signature()
        if signature == self.ledger.get_meta("summary") and target.exists():
            return target
        reports = self.ledger.reviewed_reports()
        if not reports:
            return None
        with atomic_target(target) as temp:
            write_summary(Report(tuple(reports), generated=datetime.now().replace(microsecond=0)), temp,
                          rule_titles=rule_purposes(), office=self.settings.office.signer)
            crash_point("summary-temp")
        crash_point("summary-written")
        self.ledger.set_meta("summary", signature)
        return target


def error_text(exc: Exception) -> str:
    """A failed attempt's reason, as the run's output and the ledger keep it: a dead worker
    explains itself in Chinese; a bug is named by its type for whoever reads the log."""
    return str(exc) if isinstance(exc, WorkerCrashed) else f"{type(exc).__name__}: {exc}"


def failure_note(state: str, attempts: int, settings: BotSettings) -> str:
    """What happens next to a file whose attempt failed in step `state`, said after the reason."""
    limit = settings.max_attempts
    if state == "claimed":
        if attempts >= limit:
            return _held_note(attempts, settings)
        return (f"归档出错，原件仍在收件箱中，已出错 {attempts} 次，下次运行将重试"
                f"（出错 {limit} 次后停止重试，等待信息技术人员处理）")
    if state == "answered":
        return f"审核意见已写出，原件未能移出收件箱，已出错 {attempts} 次，下次运行将重试（请检查收件箱文件夹的删除权限）"
    if attempts >= limit:
        return f"已出错 {attempts} 次，按无法读取答复"
    return f"原件已保留，已出错 {attempts} 次，下次运行将重试（出错 {limit} 次后按无法读取答复）"


def _held_note(attempts: int, settings: BotSettings) -> str:
    return f"归档已出错 {attempts} 次，已停止重试，原件仍在收件箱中、未作改动。{held_advice(settings)}"


def _give_up_problem(why: str, seconds: float, attempts: int) -> Problem:
    if why == TIMED_OUT:
        return Problem(f"{TIMED_OUT}：该文件内容过多或结构过于复杂，审核用时超过了 {seconds:g} 秒的限定时间，未能完成审核。",
                       "请将表格按项目拆分为几个较小的文件分别报送，删除多余的空行、空列和与填报无关的工作表后重新报送；"
                       "如确需整表报送，请与预算科联系。")
    return Problem(f"{GAVE_UP}：处理该文件时连续 {max(attempts, 1)} 次发生程序错误，未能完成审核。",
                   "请用 Excel 或 WPS 打开原文件，另存为新的 .xlsx 文件后重新报送；如仍无法审核，请与预算科联系。")


def given_up(entry: Entry) -> str | None:
    """TIMED_OUT or GAVE_UP when the row's saved report is such a short answer, else None."""
    if not entry.report_json or entry.verdict != Status.UNREADABLE.value:
        return None
    for finding in entry.report.findings:
        for why in (TIMED_OUT, GAVE_UP):
            if finding.rule == UNREADABLE_RULE and finding.message.startswith(why):
                return why
    return None


def give_up_note(report: FileReport, why: str, office: OfficeSettings, today: date) -> list[str]:
    """The answer to a file that could not be reviewed: what happened and what to do."""
    received = f"于{chinese_date(report.received.date())}" if report.received else ""
    finding = next((f for f in report.findings if f.rule == UNREADABLE_RULE), None)
    problem = finding.message if finding else why
    advice = (finding.suggestion if finding else None) or "请与预算科联系。"
    return [f"你单位{received}报送的《{report.name}》已收悉。经查，{problem}审核结论为：{report.status.verdict}。",
            f"{advice.rstrip('。')}。请于{chinese_date(office.deadline(today))}前重新报送。原文件已存档，无需重复发送。"]


def duplicate_note(report: FileReport, earlier: Entry) -> list[str]:
    """The short answer to a file identical to one already reviewed."""
    received = f"于{chinese_date(report.received.date())}" if report.received else ""
    earlier_report = earlier.report
    earlier_received = (f"于{chinese_date(earlier_report.received.date())}" if earlier_report.received else "此前")
    answered = datetime.fromisoformat(earlier.processed).date() if earlier.processed else None
    when = f"已于{chinese_date(answered)}" if answered else "已"
    text = [f"你单位{received}报送的《{report.name}》已收悉。经核对，该文件与你单位{earlier_received}报送的"
            f"《{earlier.original_name}》内容完全相同，{when}出具审核意见（审核结论：{earlier_report.status.verdict}），"
            "本次不再重复审核。"]
    if earlier_report.status in (Status.FAILED, Status.UNREADABLE):
        text.append("请按该审核意见修改后重新报送。如已修改，请确认报送的是修改后保存的文件。")
    else:
        text.append("请以该审核意见为准，无需再次报送。")
    return text


def _outcome(entry: Entry, *, resumed: bool) -> Outcome:
    return Outcome(entry.id, entry.original_name, entry.unit, _verdict_label(entry), entry.kind == DUPLICATE,
                   entry.letter_path, resumed)


def _verdict_label(entry: Entry) -> str:
    if not entry.verdict:
        return "未知"
    status = Status(entry.verdict)
    return f"重复报送（{status.verdict}）" if entry.kind == DUPLICATE else status.office_verdict


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def run_line(result: RunResult) -> str:
    """The one log line per pass."""
    stopped = "，收到停止信号后提前结束" if result.stopped else ""
    return (f"第 {result.run_id} 次运行：答复 {len(result.answered)} 份（其中续做 {result.resumed} 份），"
            f"等待 {len(result.waiting)} 份，出错 {len(result.failures)} 份，用时 {result.seconds:.1f} 秒{stopped}。")


# --- status ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusInfo:
    ready: tuple[str, ...]
    waiting: tuple[Waiting, ...]
    unfinished: tuple[Entry, ...]
    runs: tuple[RunRow, ...]
    counts: Counter[str]
    running_pid: int | None
    skipped: tuple[Waiting, ...] = ()
    max_attempts: int = 3
    kinds: Counter[str] = field(default_factory=Counter)  # reviewed tables: 绩效目标表 / 绩效自评表


def inbox_status(settings: BotSettings, *, runs: int = 5) -> StatusInfo:
    """Every entry of the inbox (ready, waiting, skipped and why), what is unfinished and
    why, the last runs and counts by verdict. Reads only: takes no lock and creates no ledger."""
    found = _survey(settings) if settings.inbox.is_dir() else Inventory((), (), ())
    ready = tuple(c.relative for c in found.ready)
    if not settings.ledger.exists():
        return StatusInfo(ready, found.waiting, (), (), Counter(), None, found.skipped, settings.max_attempts)
    with Ledger.for_settings(settings) as ledger:
        last = tuple(ledger.last_runs(runs))
        locked = lock_held(settings.lock_file)
        running = next((r.pid for r in last if r.state == "running" and locked), None)
        unfinished = tuple(ledger.unfinished())
        holding = {e.source_path for e in unfinished if held(e, settings.max_attempts)}
        ready = tuple(c.relative for c in found.ready if path_to_text(c.path) not in holding)  # listed as held
        return StatusInfo(ready, found.waiting, unfinished, last, ledger.verdict_counts(), running,
                          found.skipped, settings.max_attempts,
                          Counter(table_kind(r) for r in ledger.reviewed_reports()))


def _survey(settings: BotSettings) -> Inventory:
    return survey(settings.inbox, settle_seconds=settings.settle_seconds, owner_file_hours=settings.owner_file_hours)


__all__ = ["BotError", "InboxBusy", "RunResult", "inbox_status", "process_inbox"]
