"""Shared by the bot tests: inboxes of real submissions, running the bot in a subprocess,
and the invariants a pass must leave behind (one row, one output set and one byte-identical
archived original per submission, nothing left in the inbox)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from helpers import GOOD_GOAL, good_sub, write_sub
from openpyxl import load_workbook

from validator.bot.ledger import Ledger
from validator.bot.settings import BotSettings
from validator.config.loader import load_config

ROOT = Path(__file__).resolve().parents[1]
RULES_YAML = "bot:\n  settle_seconds: 0\n"
BOT_FILES = {"ledger.sqlite3", "ledger.sqlite3-wal", "ledger.sqlite3-shm", "ledger.sqlite3.lock", "ledger.sqlite3.lock.pid", "bot.log", "汇总.xlsx"}


def settings_for(root: Path, **overrides: Any) -> BotSettings:
    """Settings for a bot rooted in `root` (inbox/, outbox/, archive/), no settle window."""
    (root / "inbox").mkdir(parents=True, exist_ok=True)
    values: dict[str, Any] = {"settle_seconds": 0, "config": load_config(), "base_dir": root}
    values.update(overrides)
    return BotSettings.build(**values)


def failing_sub() -> Any:
    """Fails funds-row-total (总计 600 ≠ 500 + 0 + 50)."""
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600, 500, 0, 50, GOOD_GOAL)
    return sub


def warning_sub() -> Any:
    """Passes with a hint: the goal is too short."""
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600, 500, 0, 100, "开展普法讲座")
    return sub


def other_unit_sub(unit: str = "某市教育局", project: str = "校舍维修") -> Any:
    sub = good_sub()
    sub.department = unit
    sub.projects = [(project, unit, *row[2:]) for row in sub.projects]
    sub.indicators = [(project, *row[1:]) for row in sub.indicators]
    return sub


def drop(inbox: Path, name: str, content: Any, *, mtime: float | None = None) -> Path:
    """Put a submission into the inbox: bytes as they are, or a Sub as a filled template."""
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        write_sub(path, content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def standard_inbox(inbox: Path) -> dict[str, bytes]:
    """A passing, a failing and an unreadable submission, plus an identical copy of the
    passing one, in a fixed processing order (oldest first). Returns name -> bytes."""
    base = 1_700_000_000
    drop(inbox, "司法局_绩效目标表.xlsx", good_sub(), mtime=base)
    drop(inbox, "教育局_绩效目标表.xlsx", failing_sub(), mtime=base + 1)
    drop(inbox, "说明.pdf", b"%PDF-1.4\n% not a workbook\n", mtime=base + 2)
    copy = (inbox / "司法局_绩效目标表.xlsx").read_bytes()
    drop(inbox, "司法局_再次报送.xlsx", copy, mtime=base + 3)
    return {p.name: p.read_bytes() for p in inbox.iterdir()}


def run_cli(root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m validator ARGS` in `root` (which holds rules.yaml), this checkout first on the path."""
    return subprocess.run([sys.executable, "-m", "validator", *args], cwd=root, env=cli_env(env), text=True,
                          capture_output=True, timeout=timeout)


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VALIDATOR_CRASH_AT"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra or {})
    return env


def prepare_root(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    (root / "inbox").mkdir(exist_ok=True)
    return root


def ledger_rows(ledger: Path) -> list[dict[str, Any]]:
    """Every submission row, paths absolute (the ledger keeps them relative to the office's
    folders, here the default layout: inbox and archive next to the outbox)."""
    with Ledger(ledger) as opened:
        return [asdict(entry) for entry in opened.entries()]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_consistent(root: Path, originals: dict[str, bytes]) -> list[dict[str, Any]]:
    """Everything a finished pass promises, checked from the outside."""
    outbox, archive, inbox = root / "outbox", root / "archive", root / "inbox"
    rows = ledger_rows(outbox / "ledger.sqlite3")
    assert sorted(r["original_name"] for r in rows) == sorted(originals), "one ledger row per submission"
    assert all(r["state"] == "done" for r in rows), [(r["original_name"], r["state"]) for r in rows]
    for row in rows:
        assert row["sha256"] == sha(originals[row["original_name"]])
        assert Path(row["archive_path"]).read_bytes() == originals[row["original_name"]]
    archived = [p.read_bytes() for p in archive.rglob("*") if p.is_file()]
    assert Counter(map(sha, archived)) == Counter(map(sha, originals.values())), "archive = the originals, once each"
    expected = {Path(p) for r in rows for p in (r["letter_path"], r["annotated_path"], r["json_path"]) if p}
    assert all(p.is_file() and p.stat().st_size > 0 for p in expected)
    produced = {p for p in outbox.rglob("*") if p.is_file() and p.name not in BOT_FILES}
    assert produced == expected, "exactly one set of outputs per submission, no leftovers"
    assert [p.name for p in inbox.rglob("*") if p.is_file()] == [], "inbox emptied"
    reviews = [r for r in rows if r["kind"] == "review"]
    summary = load_workbook(outbox / "汇总.xlsx")["汇总"]
    assert summary.max_row == 3 + len(reviews)  # title, header, one row per review, totals
    return rows
