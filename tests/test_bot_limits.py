"""The bot under the per-file limits: a file past `limits.seconds_per_file` is answered
无法在限定时间内审核 and archived, a file that keeps failing is answered as unreadable after
`bot.max_attempts`, annotated copies list at most `limits.findings_listed` findings, and
`validator run` stops cleanly on SIGTERM.

Slowness is injected (VALIDATOR_HANG_ON makes the worker hang on one file), so no test
depends on how fast this machine is; every wait is bounded."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from bothelpers import (
    assert_consistent,
    cli_env,
    drop,
    failing_sub,
    ledger_rows,
    prepare_root,
    run_cli,
    settings_for,
    standard_inbox,
)
from helpers import good_sub
from openpyxl import load_workbook

from validator.bot import runner as bot
from validator.bot.runner import process_inbox
from validator.bot.work import HANG_ENV
from validator.config.loader import parse_config
from validator.model import FileReport, Finding, Severity
from validator.outputs.annotate import annotate_workbook

SLOW = "慢表.xlsx"
LIMIT = 8  # seconds: far beyond what a normal file takes, even on a loaded machine
TIME_LIMIT = f"limits:\n  seconds_per_file: {LIMIT}\n"


def letter_text(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _limited(tmp_path: Path, text: str = TIME_LIMIT) -> bot.BotSettings:
    return settings_for(tmp_path, config=parse_config(text))


@pytest.mark.parametrize("step", ["review", "letter", "annotated"])
def test_a_file_past_its_time_is_answered_and_archived_and_never_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    monkeypatch.setenv(HANG_ENV, f"{step}:慢")
    settings = _limited(tmp_path)
    drop(settings.inbox, "快表.xlsx", good_sub(), mtime=1_700_000_000)
    drop(settings.inbox, SLOW, failing_sub(), mtime=1_700_000_001)
    originals = {p.name: p.read_bytes() for p in settings.inbox.iterdir()}
    result = process_inbox(settings)
    assert {o.name: o.verdict for o in result.answered} == {SLOW: "退回修改（文件无法读取）", "快表.xlsx": "通过"}
    assert result.failures == ()
    rows = {r["original_name"]: r for r in assert_consistent(tmp_path, originals)}
    slow = rows[SLOW]
    assert slow["verdict"] == "unreadable" and slow["annotated_path"] is None and slow["attempts"] == 0
    text = letter_text(slow["letter_path"])
    assert "无法在限定时间内审核" in text and f"超过了 {LIMIT} 秒的限定时间" in text
    assert "拆分" in text and "与预算科联系" in text and "前重新报送" in text
    assert rows["快表.xlsx"]["annotated_path"] is not None, "the next file got its full answer"
    again = process_inbox(settings)
    assert again.answered == () and again.failures == ()
    drop(settings.inbox, "慢表（再次报送）.xlsx", Path(slow["archive_path"]).read_bytes())
    monkeypatch.delenv(HANG_ENV)
    retried = process_inbox(settings)
    assert [(o.name, o.duplicate, o.verdict) for o in retried.answered] == [
        ("慢表（再次报送）.xlsx", False, "退回修改")], "the same bytes are reviewed in full, not called a duplicate"
    summary = load_workbook(settings.summary)["汇总"]
    assert summary.max_row == 3 + 3  # title, header, three reviews, totals


def _broken(self: bot._Pass, entry: object) -> None:
    raise RuntimeError("reader bug")


def test_a_file_that_keeps_failing_is_answered_as_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = replace(settings_for(tmp_path), max_attempts=2)
    originals = {SLOW: drop(settings.inbox, SLOW, good_sub()).read_bytes()}

    monkeypatch.setattr(bot._Pass, "_validate", _broken)
    first = process_inbox(settings)
    assert first.answered == () and [f.note for f in first.failures] == [
        "原件已保留，已出错 1 次，下次运行将重试（出错 2 次后按无法读取答复）"]
    second = process_inbox(settings)
    assert [f.note for f in second.failures] == ["已出错 2 次，按无法读取答复"]
    assert [(o.name, o.verdict) for o in second.answered] == [(SLOW, "退回修改（文件无法读取）")]
    [row] = assert_consistent(tmp_path, originals)
    assert row["attempts"] == 2 and "reader bug" in row["last_error"]
    text = letter_text(row["letter_path"])
    assert "多次处理出错，无法审核" in text and "连续 2 次" in text and "另存为新的 .xlsx" in text
    assert process_inbox(settings).answered == ()


def test_a_row_left_over_attempts_is_answered_first_thing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An older ledger (or a crash) left a row past its attempts: the next pass answers it."""
    settings = settings_for(tmp_path)
    originals = {SLOW: drop(settings.inbox, SLOW, good_sub()).read_bytes()}
    monkeypatch.setattr(bot._Pass, "_validate", _broken)
    for _ in range(2):
        process_inbox(replace(settings, max_attempts=9))
    monkeypatch.undo()
    result = process_inbox(replace(settings, max_attempts=2))
    assert [o.verdict for o in result.answered] == ["退回修改（文件无法读取）"]
    assert_consistent(tmp_path, originals)


def _report(findings: int) -> FileReport:
    return FileReport(path="表.xlsx", findings=tuple(
        Finding("funds-row-total", Severity.ERROR, f"第{n}个问题", sheet="项目信息", cell=f"C{4 + n}")
        for n in range(findings)))


def test_an_annotated_copy_lists_at_most_the_limit(tmp_path: Path) -> None:
    from helpers import write_sub

    source = write_sub(tmp_path / "表.xlsx", good_sub())
    target = annotate_workbook(_report(7), source, tmp_path / "标注.xlsx", listed=3)
    assert target is not None
    book = load_workbook(target)
    rows = [[c.value for c in row] for row in book["审核意见"].iter_rows(min_row=2)]
    assert [r[0] for r in rows[:3]] == [1, 2, 3] and len(rows) == 4
    assert rows[3][5].startswith("另有 4 条未列出")
    marked = [c.coordinate for row in book["项目信息"].iter_rows() for c in row if c.comment is not None]
    assert marked == ["C4", "C5", "C6"]
    unbounded = load_workbook(annotate_workbook(_report(7), source, tmp_path / "全部.xlsx") or "")
    assert unbounded["审核意见"].max_row == 8


def test_the_bot_bounds_the_annotated_copy(tmp_path: Path) -> None:
    settings = _limited(tmp_path, "limits:\n  findings_listed: 1\n")
    sub = failing_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600, 500, 0, 50, "短")
    drop(settings.inbox, "表.xlsx", sub)
    process_inbox(settings)
    [row] = ledger_rows(settings.ledger)
    assert row["errors"] + row["warnings"] >= 2
    listing = load_workbook(row["annotated_path"])["审核意见"]
    assert listing.max_row == 3 and str(listing.cell(3, 6).value).startswith(
        f"另有 {row['errors'] + row['warnings'] - 1} 条未列出")


def _state(ledger: Path, name: str) -> str | None:
    if not ledger.exists():
        return None
    try:
        return next((r["state"] for r in ledger_rows(ledger) if r["original_name"] == name), None)
    except sqlite3.OperationalError:
        return None


def _wait_for(condition: object, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_sigterm_stops_a_run_cleanly_and_the_next_run_finishes(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    (root / "rules.yaml").write_text("bot:\n  settle_seconds: 0\nlimits:\n  seconds_per_file: 600\n", encoding="utf-8")
    drop(root / "inbox", SLOW, good_sub(), mtime=1_700_000_000)
    drop(root / "inbox", "后.xlsx", failing_sub(), mtime=1_700_000_001)
    originals = {p.name: p.read_bytes() for p in (root / "inbox").iterdir()}
    ledger = root / "outbox" / "ledger.sqlite3"
    run = subprocess.Popen([sys.executable, "-m", "validator", "run"], cwd=root, env=cli_env({HANG_ENV: "review:慢"}),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: _state(ledger, SLOW) == "archived", timeout=60), "the slow file is in hand"
        time.sleep(0.5)
    finally:
        run.send_signal(signal.SIGTERM)
        out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "收到停止信号后提前结束" in out
    with sqlite3.connect(ledger) as db:
        assert [r[0] for r in db.execute("SELECT state FROM runs")] == ["stopped"]
    assert _state(ledger, SLOW) == "archived" and (root / "inbox" / SLOW).exists(), "abandoned, kept for the next run"
    assert (root / "inbox" / "后.xlsx").exists()
    finished = run_cli(root, "run")
    assert finished.returncode == 0, finished.stderr
    assert_consistent(root, originals)


# Killed anywhere while a file past its time is given up: the next run (still slow on that
# file) finishes, with one answer per file. The standard inbox plus the slow file, 5 files.
LIMIT_CRASHES = ["validated:1", "output-temp:1", "answered:1", "done:1"]


@pytest.mark.parametrize("point", LIMIT_CRASHES)
def test_killed_while_a_slow_file_is_given_up(tmp_path: Path, point: str) -> None:
    root = prepare_root(tmp_path / "office")
    (root / "rules.yaml").write_text(f"bot:\n  settle_seconds: 0\n{TIME_LIMIT}", encoding="utf-8")
    drop(root / "inbox", SLOW, good_sub(), mtime=1_600_000_000)  # first in line
    originals = {SLOW: (root / "inbox" / SLOW).read_bytes(), **standard_inbox(root / "inbox")}
    slow = {HANG_ENV: "*:慢"}
    crashed = run_cli(root, "run", env={**slow, "VALIDATOR_CRASH_AT": point})
    assert crashed.returncode == 137, crashed.stdout + crashed.stderr
    finished = run_cli(root, "run", env=slow)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    rows = {r["original_name"]: r for r in assert_consistent(root, originals)}
    assert rows[SLOW]["verdict"] == "unreadable" and "无法在限定时间内审核" in letter_text(rows[SLOW]["letter_path"])
    assert [r["kind"] for r in rows.values()].count("duplicate") == 1, [(r["original_name"], r["verdict"]) for r in rows.values()]
