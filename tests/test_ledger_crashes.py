"""The upgrade of an old ledger and `validator ledger backup`, killed anywhere: by fault
injection at each step (VALIDATOR_CRASH_AT, as the bot's crash tests) and by kill -9 at
random moments. The ledger is always either the old one, unchanged, or fully upgraded;
no half-written backup ever carries a backup's name; the next run finishes the job."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bothelpers import cli_env, run_cli
from oldseason import dump, old_office, version_of

from validator.bot.migrations import CRASH_POINTS, SCHEMA_VERSION, backups_of

MIGRATION_CRASHES = [("backup-temp", 1), ("backup-written", 1), ("migration-applied", 1), ("migration-commit", 1)]


def assert_healthy_after_rerun(root: Path, original: list[str]) -> None:
    ledger = root / "outbox" / "ledger.sqlite3"
    again = run_cli(root, "ledger", "check")
    assert again.returncode == 0, again.stdout + again.stderr
    assert version_of(ledger) == SCHEMA_VERSION
    assert list((root / "outbox").glob(".*.backup-part")) == []
    backups = backups_of(ledger)
    assert backups and all(dump(b) == original for b in backups)  # each a whole copy of the old ledger


def test_every_crash_point_is_exercised() -> None:
    assert {step for step, _ in MIGRATION_CRASHES} == set(CRASH_POINTS)


@pytest.mark.parametrize(("step", "n"), MIGRATION_CRASHES, ids=[f"{s}:{n}" for s, n in MIGRATION_CRASHES])
def test_an_upgrade_killed_at_any_step_leaves_the_old_ledger(tmp_path: Path, step: str, n: int) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    original = dump(settings.ledger)
    crashed = run_cli(root, "status", env={"VALIDATOR_CRASH_AT": f"{step}:{n}"})
    assert crashed.returncode == 137, crashed.stdout + crashed.stderr
    assert dump(settings.ledger) == original and version_of(settings.ledger) == 0
    expected = 1 if step != "backup-temp" else 0
    assert len(backups_of(settings.ledger)) == expected
    assert_healthy_after_rerun(root, original)


@pytest.mark.parametrize("step", ["backup-temp", "backup-written"])
def test_a_backup_killed_midway_leaves_no_false_backup(tmp_path: Path, step: str) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    assert run_cli(root, "status").returncode == 0  # upgraded: one backup of the old ledger
    upgraded = dump(settings.ledger)
    folder = tmp_path / "备份"
    crashed = run_cli(root, "ledger", "backup", str(folder), env={"VALIDATOR_CRASH_AT": f"{step}:1"})
    assert crashed.returncode == 137
    assert dump(settings.ledger) == upgraded
    made = backups_of(settings.ledger, folder)
    assert len(made) == (0 if step == "backup-temp" else 1)
    assert all(dump(b) == upgraded for b in made)
    done = run_cli(root, "ledger", "backup", str(folder))
    assert done.returncode == 0, done.stderr
    assert [p.name for p in folder.iterdir() if not p.name.startswith("ledger-")] == []  # the dead part is gone
    assert all(dump(b) == upgraded for b in backups_of(settings.ledger, folder))


@pytest.mark.parametrize("seed", range(6))
def test_kill_9_at_a_random_moment_of_the_upgrade(tmp_path: Path, seed: int) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    original = dump(settings.ledger)
    process = subprocess.Popen([sys.executable, "-m", "validator", "status"], cwd=root, env=cli_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(seed).uniform(0.0, 0.8))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    version = version_of(settings.ledger)
    assert version in (0, SCHEMA_VERSION)
    if version == 0:
        assert dump(settings.ledger) == original
    assert_healthy_after_rerun(root, original)
