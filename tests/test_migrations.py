"""Ledger schema versions: new ledgers at the current version, earlier ones upgraded after a
backup, newer ones refused untouched, a failing migration rolled back with advice."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from bothelpers import settings_for
from oldseason import dump, old_office, version_of

from validator.bot import migrations
from validator.bot.ledger import Ledger
from validator.bot.migrations import (
    SCHEMA_VERSION,
    LedgerError,
    Migration,
    backups_of,
    next_backup_name,
    prune_backups,
)
from validator.bot.places import Roots


def test_a_new_ledger_starts_at_the_current_version_without_a_backup(tmp_path: Path) -> None:
    with Ledger(tmp_path / "outbox" / "ledger.sqlite3") as ledger:
        ledger.start_run("run", 1)
    assert version_of(tmp_path / "outbox" / "ledger.sqlite3") == SCHEMA_VERSION
    assert backups_of(tmp_path / "outbox" / "ledger.sqlite3") == []


def test_every_migration_has_the_next_version_and_a_chinese_title() -> None:
    assert [m.version for m in migrations.MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m.title) for m in migrations.MIGRATIONS)


def test_a_ledger_of_a_newer_release_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "outbox" / "ledger.sqlite3"
    Ledger(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(LedgerError, match=rf"台账第 {SCHEMA_VERSION + 1} 版，本程序只认识到第 {SCHEMA_VERSION} 版") as info:
        Ledger(path)
    assert "不打开、不改动" in str(info.value) and "请安装与之相同或更新的 validator" in str(info.value)
    assert path.read_bytes() == before
    assert backups_of(path) == []


def test_a_failing_migration_leaves_the_ledger_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = old_office(tmp_path / "office")
    before = dump(settings.ledger)
    real = migrations.MIGRATIONS[0].apply

    def half_done(db: sqlite3.Connection, roots: Roots) -> None:
        real(db, roots)  # the real one, then a failure
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(migrations, "MIGRATIONS", (Migration(1, "测试", half_done),))
    with pytest.raises(LedgerError) as info:
        Ledger.for_settings(settings)
    message = str(info.value)
    assert "从第 0 版升级到第 1 版时出错（RuntimeError: 磁盘已满）" in message
    assert "台账未作任何改动" in message and "升级前的备份" in message and "技术支持" in message
    assert dump(settings.ledger) == before
    assert version_of(settings.ledger) == 0


def test_an_office_that_did_not_move_keeps_its_paths(tmp_path: Path) -> None:
    """A ledger of the first release written where it is opened: paths become relative."""
    settings = settings_for(tmp_path)
    settings.ledger.parent.mkdir(parents=True)
    with sqlite3.connect(settings.ledger) as db:
        db.executescript(migrations.BASE_SCHEMA)
        db.execute("INSERT INTO submissions (state, sha256, size, mtime_ns, original_name, source_path, archive_path,"
                   " claimed, out_stem, letter_path) VALUES ('done', ?, 1, 1, 'a.xlsx', ?, ?, '2026-01-01', 'u/a', ?)",
                   ("0" * 64, str(settings.inbox / "sub" / "a.xlsx"), str(settings.archive / "2026-01" / "a.xlsx"),
                    str(settings.outbox / "u" / "a_审核意见.docx")))
    with Ledger.for_settings(settings) as ledger:
        [entry] = ledger.entries()
    assert entry.source_path == str(settings.inbox / "sub" / "a.xlsx")
    assert entry.letter_path == str(settings.outbox / "u" / "a_审核意见.docx")
    with sqlite3.connect(settings.ledger) as db:
        assert db.execute("SELECT source_path FROM submissions").fetchone()[0] == "inbox:sub/a.xlsx"


def test_a_path_outside_the_office_stays_absolute(tmp_path: Path) -> None:
    roots = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "arc")
    assert migrations.rebase("/elsewhere/x.xlsx", [], roots) == "/elsewhere/x.xlsx"


def test_old_backups_are_pruned_to_the_setting(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    for day in range(1, 6):
        next_backup_name(ledger, now=datetime(2026, 1, day, 8)).write_bytes(b"x")
    (tmp_path / "ledger-notes.sqlite3").write_bytes(b"not a backup")
    gone = prune_backups(ledger, keep=2)
    assert [p.name for p in gone] == [f"ledger-2026010{d}-080000.sqlite3" for d in (1, 2, 3)]
    assert [p.name for p in backups_of(ledger)] == ["ledger-20260104-080000.sqlite3", "ledger-20260105-080000.sqlite3"]
    assert (tmp_path / "ledger-notes.sqlite3").exists()


def test_backups_in_one_second_get_distinct_names(tmp_path: Path) -> None:
    ledger, now = tmp_path / "ledger.sqlite3", datetime(2026, 3, 1, 9, 30, 5)
    first = next_backup_name(ledger, now=now)
    first.write_bytes(b"x")
    assert first.name == "ledger-20260301-093005.sqlite3"
    second = next_backup_name(ledger, now=now)
    assert second.name == "ledger-20260301-093005-2.sqlite3"
    second.write_bytes(b"x")
    assert backups_of(ledger) == [first, second]  # oldest first


def test_the_upgrade_keeps_the_configured_number_of_backups(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    for day in range(1, 4):
        next_backup_name(settings.ledger, now=datetime(2026, 1, day)).write_bytes(b"x")
    Ledger(settings.ledger, roots=Roots(settings.inbox, settings.outbox, settings.archive), backups_kept=2).close()
    kept = backups_of(settings.ledger)
    assert len(kept) == 2 and kept[0].name == "ledger-20260103-000000.sqlite3"
    assert version_of(kept[1]) == 0  # the copy made just before the upgrade


def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    path = tmp_path / "outbox" / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.start_run("run", os.getpid())
        target = ledger.backup_to(tmp_path / "copy.sqlite3")
    with sqlite3.connect(target) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "outbox"]


def test_a_damaged_file_is_reported_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LedgerError, match=r"无法读取.*文件可能已损坏或被截断.*备份"):
        Ledger(path)


def test_the_commands_refuse_a_newer_ledger_with_the_message(tmp_path: Path) -> None:
    from bothelpers import prepare_root, run_cli

    root = prepare_root(tmp_path / "office")
    ledger = root / "outbox" / "ledger.sqlite3"
    Ledger(ledger).close()
    with sqlite3.connect(ledger) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    for args in (("run", "--settle", "0"), ("status",)):
        done = run_cli(root, *args)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "是较新版本的 validator 写的" in done.stderr
    assert version_of(ledger) == SCHEMA_VERSION + 5
