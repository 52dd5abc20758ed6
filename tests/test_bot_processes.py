"""The bot as real processes: killed at many points (fault injection and kill -9), two
passes at once, and the scheduler service started, fed and stopped with SIGTERM.

Every wait here is bounded; the subprocesses are `python -m validator` from this checkout."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bothelpers import (
    assert_consistent,
    cli_env,
    drop,
    failing_sub,
    ledger_rows,
    other_unit_sub,
    prepare_root,
    run_cli,
    standard_inbox,
    warning_sub,
)
from helpers import good_sub

from validator.bot.runner import CRASH_POINTS, exclusive_lock

# (step, n): die the n-th time the pass reaches `step`. The standard inbox holds 4 files
# (passing, failing, unreadable, identical copy): 10 output writes, 1 summary.
CRASHES = [
    ("run-start", 1),
    ("claimed", 1), ("claimed", 2), ("claimed", 4),
    ("archive-temp", 1), ("archive-temp", 3),
    ("archive-renamed", 2), ("archive-renamed", 4),
    ("archived", 1), ("archived", 3),
    ("validated", 1), ("validated", 2), ("validated", 4),
    ("output-temp", 1), ("output-temp", 2), ("output-temp", 5), ("output-temp", 8), ("output-temp", 10),
    ("output-written", 3), ("output-written", 6), ("output-written", 9),
    ("answered", 2), ("answered", 3),
    ("inbox-removed", 1), ("inbox-removed", 4),
    ("done", 2), ("done", 4),
    ("summary-temp", 1), ("summary-written", 1),
]


@pytest.fixture(scope="module")
def template_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inbox = tmp_path_factory.mktemp("template") / "inbox"
    standard_inbox(inbox)
    return inbox


def fresh_office(tmp_path: Path, template: Path) -> tuple[Path, dict[str, bytes]]:
    root = prepare_root(tmp_path / "office")
    for path in template.iterdir():
        shutil.copy2(path, root / "inbox" / path.name)  # keeps the mtimes: a fixed processing order
    return root, {p.name: p.read_bytes() for p in template.iterdir()}


def test_every_crash_point_is_exercised() -> None:
    assert {step for step, _ in CRASHES} == set(CRASH_POINTS)
    assert len(CRASHES) >= 20


@pytest.mark.parametrize(("step", "n"), CRASHES, ids=[f"{s}:{n}" for s, n in CRASHES])
def test_killed_at_any_step_the_next_run_finishes_the_job(tmp_path: Path, template_inbox: Path, step: str,
                                                           n: int) -> None:
    root, originals = fresh_office(tmp_path, template_inbox)
    crashed = run_cli(root, "run", env={"VALIDATOR_CRASH_AT": f"{step}:{n}"})
    assert crashed.returncode == 137, crashed.stdout + crashed.stderr
    finished = run_cli(root, "run")
    assert finished.returncode == 0, finished.stdout + finished.stderr
    rows = assert_consistent(root, originals)
    assert [r["kind"] for r in rows] == ["review", "review", "review", "duplicate"]


def test_crashes_during_recovery_are_recovered_too(tmp_path: Path, template_inbox: Path) -> None:
    root, originals = fresh_office(tmp_path, template_inbox)
    for point in ("validated:2", "output-temp:1", "archive-temp:1", "answered:1", "summary-temp:1"):
        crashed = run_cli(root, "run", env={"VALIDATOR_CRASH_AT": point})
        assert crashed.returncode == 137, (point, crashed.stdout + crashed.stderr)
    finished = run_cli(root, "run")
    assert finished.returncode == 0, finished.stderr
    assert_consistent(root, originals)
    again = run_cli(root, "run")
    assert "答复 0 份" in again.stdout
    assert_consistent(root, originals)
    with sqlite3.connect(root / "outbox" / "ledger.sqlite3") as db:
        states = [r[0] for r in db.execute("SELECT state FROM runs ORDER BY id")]
    assert states == ["interrupted"] * 5 + ["finished", "finished"]


def test_kill_9_at_random_moments(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    inbox = root / "inbox"
    subs = [good_sub(), failing_sub(), warning_sub(), other_unit_sub(), other_unit_sub("某市卫健委", "疫苗接种")]
    for i, sub in enumerate(subs * 2):
        drop(inbox, f"表{i:02d}.xlsx", sub, mtime=1_700_000_000 + i)
    drop(inbox, "扫描件.pdf", b"%PDF-1.4 scan", mtime=1_700_000_100)
    originals = {p.name: p.read_bytes() for p in inbox.iterdir()}
    chance = random.Random(20261128)
    for _ in range(6):
        process = subprocess.Popen([sys.executable, "-m", "validator", "run"], cwd=root, env=cli_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=chance.uniform(0.4, 1.6))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
    finished = run_cli(root, "run")
    assert finished.returncode == 0, finished.stderr
    assert_consistent(root, originals)


def test_two_runs_at_once_never_process_a_file_twice(tmp_path: Path, template_inbox: Path) -> None:
    root, originals = fresh_office(tmp_path, template_inbox)
    for i in range(4):
        drop(root / "inbox", f"补充{i}.xlsx", other_unit_sub(f"某市第{i}局", f"项目{i}"), mtime=1_700_000_010 + i)
    originals = {p.name: p.read_bytes() for p in (root / "inbox").iterdir()}
    runs = [subprocess.Popen([sys.executable, "-m", "validator", "run", "--wait"], cwd=root, env=cli_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    answered = [{line.split("：", 1)[1].split("（")[0] for line in out.splitlines() if line.startswith("已答复：")}
                for out, _ in outputs]
    assert answered[0].isdisjoint(answered[1]) and answered[0] | answered[1] == set(originals)
    rows = assert_consistent(root, originals)
    assert len(rows) == len(originals) == 8


def test_a_run_without_wait_leaves_a_locked_inbox_alone(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    drop(root / "inbox", "表.xlsx", good_sub())
    with exclusive_lock(root / "outbox" / "ledger.sqlite3.lock", wait=False):
        busy = run_cli(root, "run")
        assert busy.returncode == 75
        assert f"另一个审核进程（PID {os.getpid()}）正在处理收件箱" in busy.stderr
        assert (root / "inbox" / "表.xlsx").exists()
        waiting = subprocess.Popen([sys.executable, "-m", "validator", "run", "--wait"], cwd=root, env=cli_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1.5)  # queued behind the lock, not processing
        assert (root / "inbox" / "表.xlsx").exists()
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "已答复：表.xlsx" in out


def _wait_for(condition: object, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def _done_rows(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        return sum(1 for r in ledger_rows(ledger) if r["state"] == "done")
    except sqlite3.OperationalError:
        return 0


def test_schedule_service_answers_files_and_stops_on_sigterm(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    log_file = root / "outbox" / "bot.log"
    service = subprocess.Popen([sys.executable, "-m", "validator", "schedule", "--interval", "1"], cwd=root,
                               env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = _wait_for(lambda: log_file.exists() and "第 1 次运行" in log_file.read_text(encoding="utf-8"),
                            timeout=15)
        assert started, "the start-up pass ran"
        staging = tmp_path / "staging"
        for name, sub in (("一.xlsx", good_sub()), ("二.xlsx", failing_sub())):
            os.replace(drop(staging, name, sub), root / "inbox" / name)  # arrive whole, as a move does
        assert _wait_for(lambda: _done_rows(root / "outbox" / "ledger.sqlite3") == 2, timeout=15)
    finally:
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=10)
    assert service.returncode == 0, err
    assert "已答复 一.xlsx（某市司法局）：通过" in out and "已答复 二.xlsx（某市司法局）：退回修改" in out
    assert "收到停止信号（SIGTERM）" in out and out.rstrip().endswith("定时服务已停止。")
    assert out.count("次运行：") >= 2 and log_file.read_text(encoding="utf-8").count("次运行：") == out.count("次运行：")
    assert list((root / "inbox").iterdir()) == [] and (root / "outbox" / "汇总.xlsx").is_file()


def test_sigterm_during_a_pass_finishes_the_current_file(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    for i in range(40):
        drop(root / "inbox", f"表{i:02d}.xlsx", other_unit_sub(f"某市第{i}局", f"项目{i}"), mtime=1_700_000_000 + i)
    log_file = root / "outbox" / "bot.log"
    service = subprocess.Popen([sys.executable, "-m", "validator", "schedule", "--interval", "3600"], cwd=root,
                               env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: log_file.exists() and "已答复" in log_file.read_text(encoding="utf-8"), timeout=15)
    finally:
        service.send_signal(signal.SIGTERM)
        out, err = service.communicate(timeout=15)
    assert service.returncode == 0, err
    rows = ledger_rows(root / "outbox" / "ledger.sqlite3")
    assert rows and all(r["state"] == "done" for r in rows), "the file in hand was finished"
    left = sorted(p.name for p in (root / "inbox").iterdir())
    assert len(rows) + len(left) == 40 and left, "the rest waits for the next pass"
    assert "收到停止信号后提前结束" in out and out.rstrip().endswith("定时服务已停止。")
