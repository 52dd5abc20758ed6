"""The bot when its own machinery fails, not the submission: an archive copy that keeps
failing is tried `bot.max_attempts` times, then held (original untouched in the inbox) with
what IT staff should do, until `validator run --retry`; a worker process that dies while
working (killed, segfault) is noticed at once and the file is retried on the next pass,
without waiting for `limits.seconds_per_file`.

Faults are real: the archive folder is a plain file (so every copy fails with the operating
system's error), and the worker is killed with a real signal. Every wait is bounded."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pytest
from bothelpers import assert_consistent, drop, failing_sub, ledger_rows, prepare_root, run_cli, settings_for
from helpers import good_sub

from validator.bot.runner import inbox_status, process_inbox
from validator.bot.view import render_status
from validator.bot.work import HANG_ENV
from validator.config.loader import parse_config

NAME = "某市司法局_绩效目标表.xlsx"


def _break_archive(root: Path) -> None:
    """The archive folder is a plain file: every copy into it fails (even as root)."""
    (root / "archive").write_bytes(b"not a folder")


def _mend_archive(root: Path) -> None:
    (root / "archive").unlink()


def test_an_archive_copy_that_keeps_failing_is_held_after_max_attempts(tmp_path: Path) -> None:
    settings = replace(settings_for(tmp_path), max_attempts=2)
    original = drop(settings.inbox, NAME, good_sub()).read_bytes()
    _break_archive(tmp_path)

    first = process_inbox(settings)
    assert first.answered == () and [f.note for f in first.failures] == [
        "归档出错，原件仍在收件箱中，已出错 1 次，下次运行将重试（出错 2 次后停止重试，等待信息技术人员处理）"]
    assert "NotADirectoryError" in first.failures[0].message or "FileExistsError" in first.failures[0].message
    second = process_inbox(settings)
    [held] = second.failures
    assert held.note.startswith("归档已出错 2 次，已停止重试，原件仍在收件箱中、未作改动。请信息技术人员检查：归档文件夹 ")
    assert held.note.endswith("排除原因后运行 validator run --retry 重新归档并审核")
    assert second.waiting == (), "the held file is not also listed as waiting"

    third = process_inbox(settings)  # not tried again: the count stays, the same advice is given
    assert [f.note for f in third.failures] == [held.note]
    [row] = ledger_rows(settings.ledger)
    assert (row["state"], row["attempts"]) == ("claimed", 2)
    assert (settings.inbox / NAME).read_bytes() == original

    status = render_status(inbox_status(settings), settings)
    assert "归档出错、已停止重试 1 份（原件仍在收件箱中，未作改动；需信息技术人员处理）：" in status
    assert f"  {NAME} — 出错 2 次：" in status
    assert "  处理办法：请信息技术人员检查：归档文件夹 " in status and "validator run --retry" in status
    assert "未完成的处理" not in status and "收件箱中待处理 0 份" in status, "a held file is listed once, as held"

    _mend_archive(tmp_path)
    assert process_inbox(settings).answered == (), "mended but not asked to retry: still held"
    retried = process_inbox(settings, retry=True)
    assert [(o.name, o.verdict) for o in retried.answered] == [(NAME, "通过")] and retried.failures == ()
    assert_consistent(tmp_path, {NAME: original})


def test_a_held_file_replaced_by_the_unit_is_claimed_afresh(tmp_path: Path) -> None:
    settings = replace(settings_for(tmp_path), max_attempts=1)
    drop(settings.inbox, NAME, good_sub(), mtime=1_700_000_000)
    _break_archive(tmp_path)
    process_inbox(settings)
    [old] = ledger_rows(settings.ledger)
    assert old["attempts"] == 1
    fixed = drop(settings.inbox, NAME, failing_sub(), mtime=1_700_000_500).read_bytes()
    _mend_archive(tmp_path)
    result = process_inbox(settings)
    assert [(o.name, o.verdict) for o in result.answered] == [(NAME, "退回修改")]
    assert_consistent(tmp_path, {NAME: fixed})


def test_validator_run_and_status_tell_it_staff_what_to_do(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    (root / "rules.yaml").write_text("bot:\n  settle_seconds: 0\n  max_attempts: 1\n", encoding="utf-8")
    original = drop(root / "inbox", NAME, good_sub()).read_bytes()
    _break_archive(root)
    run = run_cli(root, "run")
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"处理出错：{NAME} — " in run.stdout and "（归档已出错 1 次，已停止重试" in run.stdout
    status = run_cli(root, "status")
    assert status.returncode == 0, status.stderr
    assert "归档出错、已停止重试 1 份" in status.stdout and "处理办法：请信息技术人员检查" in status.stdout
    _mend_archive(root)
    retried = run_cli(root, "run", "--retry")
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert f"已答复：{NAME}（某市司法局）— 通过" in retried.stdout
    assert_consistent(root, {NAME: original})


# --- a worker that dies while working ------------------------------------------------------

SLOW = "慢表.xlsx"


def _row(ledger: Path, name: str) -> tuple[str, int] | None:
    if not ledger.exists():
        return None
    with suppress(sqlite3.Error):  # being created, or locked for a moment
        db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
        try:
            return db.execute("SELECT state, attempts FROM submissions WHERE original_name=?", (name,)).fetchone()
        finally:
            db.close()
    return None


def _kill_the_worker_while(ledger: Path, name: str, signum: int, done: list[int]) -> None:
    """From a thread: while `name` is in review (archived, not yet failed), kill the worker
    process with `signum`. Again if need be: a worker killed before it took the work is
    replaced and given the work again, which is right but not the case under test."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        row = _row(ledger, name)
        if row is not None and row[1] > 0:
            return
        children = multiprocessing.active_children()
        if row == ("archived", 0) and children:
            time.sleep(0.3)  # let it reach the hang
            for child in children:
                with suppress(ProcessLookupError):
                    os.kill(child.pid or 0, signum)
                    done.append(signum)
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGSEGV])
def test_a_worker_killed_while_working_is_answered_as_an_internal_error_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """With an hour per file, a crash noticed only at the deadline would hold this pass an
    hour; it is noticed at once, and the file is retried (in a fresh worker) next pass."""
    monkeypatch.setenv(HANG_ENV, "review:慢")
    settings = settings_for(tmp_path, config=parse_config("limits:\n  seconds_per_file: 3600\n"))
    originals = {"快表.xlsx": drop(settings.inbox, "快表.xlsx", failing_sub(), mtime=1_700_000_000).read_bytes(),
                 SLOW: drop(settings.inbox, SLOW, good_sub(), mtime=1_700_000_001).read_bytes()}
    killed: list[int] = []
    killer = threading.Thread(target=_kill_the_worker_while, args=(settings.ledger, SLOW, signum, killed), daemon=True)
    killer.start()
    result = process_inbox(settings)
    killer.join(10)
    assert killed, "the worker was killed"
    [failure] = result.failures
    assert failure.name == SLOW
    assert failure.message.startswith(f"审核子进程意外退出（被信号 {signal.Signals(signum).name} 终止）")
    assert failure.note == "原件已保留，已出错 1 次，下次运行将重试（出错 3 次后按无法读取答复）"
    assert [(o.name, o.verdict) for o in result.answered] == [("快表.xlsx", "退回修改")]
    [row] = [r for r in ledger_rows(settings.ledger) if r["original_name"] == SLOW]
    assert (row["state"], row["attempts"]) == ("archived", 1) and "审核子进程意外退出" in row["last_error"]

    monkeypatch.delenv(HANG_ENV)
    again = process_inbox(settings)
    assert [(o.name, o.verdict, o.resumed) for o in again.answered] == [(SLOW, "通过", True)]
    assert_consistent(tmp_path, originals)
