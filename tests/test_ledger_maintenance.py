"""`validator ledger backup | check | export | prune` on real offices (the bot's own passes
and the first release's season)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from bothelpers import ledger_rows, prepare_root, run_cli, settings_for, standard_inbox
from oldseason import dump, old_office
from openpyxl import load_workbook

from validator.bot.ledger import Ledger
from validator.bot.maintenance import backup_ledger, check_ledger, export_ledger, prune_ledger
from validator.bot.migrations import backups_of, next_backup_name
from validator.bot.runner import process_inbox


def test_check_passes_on_a_healthy_office(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    standard_inbox(root / "inbox")
    assert run_cli(root, "run", "--settle", "0").returncode == 0
    done = run_cli(root, "ledger", "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "台账检查通过" in done.stdout and "SQLite 完整性检查：正常" in done.stdout
    assert "归档原件 4 份，均在且与登记的 SHA-256 一致" in done.stdout
    assert "输出文件 10 个，均在" in done.stdout


def test_check_finds_a_missing_and_a_changed_original_and_a_missing_letter(tmp_path: Path) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    rows = ledger_rows(settings.ledger)
    Path(rows[1]["archive_path"]).unlink()
    with open(rows[2]["archive_path"], "ab") as handle:
        handle.write(b"changed")
    Path(rows[4]["letter_path"]).unlink()
    done = run_cli(root, "ledger", "check")
    assert done.returncode == 1
    assert "台账检查发现 3 个问题" in done.stdout
    assert f"第 2 条报送（教育局_绩效目标表.xlsx）：归档原件缺失：{rows[1]['archive_path']}" in done.stdout
    assert "第 3 条报送（文旅局_2026年绩效目标表.xlsx）：归档原件与登记时不一致（SHA-256 不同" in done.stdout
    assert f"第 5 条报送（教育局_绩效目标表（修改后）.xlsx）：输出文件缺失：{rows[4]['letter_path']}" in done.stdout
    assert "处理办法：" in done.stdout


def test_check_finds_a_truncated_ledger(tmp_path: Path) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    Ledger.for_settings(settings).close()
    size = settings.ledger.stat().st_size
    with open(settings.ledger, "r+b") as handle:
        handle.truncate(size // 2)
    done = run_cli(root, "ledger", "check")
    assert done.returncode == 1
    assert "SQLite 完整性检查：database disk image is malformed" in done.stdout
    assert "台账文件无法读取" in done.stdout and "把最新的备份" in done.stdout
    # the advice works: the latest backup in place of the ledger, and the check passes again
    shutil.copy(backups_of(settings.ledger)[-1], settings.ledger)
    for extra in ("-wal", "-shm"):
        Path(f"{settings.ledger}{extra}").unlink(missing_ok=True)
    again = run_cli(root, "ledger", "check")
    assert again.returncode == 0, again.stdout


def test_check_finds_inconsistent_states(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    Ledger.for_settings(settings).close()
    with sqlite3.connect(settings.ledger) as db:
        db.execute("UPDATE submissions SET report_json=NULL WHERE id=1")
        db.execute("UPDATE submissions SET state='shipped' WHERE id=2")
        db.execute("UPDATE submissions SET kind='duplicate', duplicate_of=6 WHERE id=3")
        db.execute("UPDATE submissions SET finished=NULL WHERE id=4")
    problems = check_ledger(settings).problems
    assert problems == (
        "第 1 条报送（司法局_绩效目标表.xlsx）：已审核，但审核结果、类型或意见函路径缺失",
        "第 2 条报送（教育局_绩效目标表.xlsx）：状态“shipped”无法识别",
        "第 3 条报送（文旅局_2026年绩效目标表.xlsx）：标为重复报送，但所重复的第 6 条不存在或不是审核记录",
        "第 4 条报送（说明.pdf）：已处理完成，但没有完成时间",
    )


def test_backup_while_the_ledger_is_open_for_writing(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    standard_inbox(settings.inbox)
    process_inbox(settings)
    with Ledger.for_settings(settings) as writer:
        run = writer.start_run("run", os.getpid())  # another connection writes before and after the copy
        target = backup_ledger(settings, tmp_path / "备份")
        writer.finish_run(run, state="finished", processed=0, resumed=0, skipped=0, failed=0)
    assert target.parent == tmp_path / "备份" and target.name.startswith("ledger-")
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 4
        assert db.execute("SELECT state FROM runs ORDER BY id DESC").fetchone()[0] == "running"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_command_writes_next_to_the_ledger(tmp_path: Path) -> None:
    root = tmp_path / "office"
    old_office(root)
    done = run_cli(root, "ledger", "backup")
    assert done.returncode == 0, done.stderr
    backups = backups_of(root / "outbox" / "ledger.sqlite3")
    assert len(backups) == 2  # the one before the upgrade and the one asked for
    assert f"台账已备份：{backups[-1]}" in done.stdout


def test_export_to_xlsx_one_row_per_submission(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    count = export_ledger(settings, tmp_path / "台账.xlsx")
    assert count == 6
    sheet = load_workbook(tmp_path / "台账.xlsx")["台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:10] == ("编号", "年度", "单位", "文件", "接收时间", "处理时间", "审核结论", "错误数", "提示数", "审核意见")
    assert rows[2][:4] == (2, 2027, "某市教育局", "教育局_绩效目标表.xlsx")
    assert rows[2][6:9] == ("退回修改", 1, 0)
    assert isinstance(rows[2][4], datetime)
    assert rows[6][6] == "重复报送（通过）" and str(rows[6][9]).endswith("_重复报送告知.docx")
    assert rows[4][6] == "退回修改（文件无法读取）" and rows[4][1] is None
    assert export_ledger(settings, tmp_path / "2026.csv", year=2026) == 1


def test_export_refuses_other_suffixes(tmp_path: Path) -> None:
    root = tmp_path / "office"
    old_office(root)
    done = run_cli(root, "ledger", "export", "-o", "台账.txt")
    assert done.returncode == 2 and "应为 .xlsx 或 .csv" in done.stderr


def test_prune_takes_run_rows_and_backups_but_never_submissions(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    Ledger.for_settings(settings).close()
    old_backup = next_backup_name(settings.ledger, now=datetime(2026, 1, 1))
    old_backup.write_bytes(b"x")
    with sqlite3.connect(settings.ledger) as db:
        db.execute("UPDATE runs SET started='2026-01-01T00:00:00' WHERE id=1")
    pruned = prune_ledger(settings, date(2026, 6, 1))
    assert pruned.runs == 1 and pruned.backups == (old_backup,) and pruned.entries == ()
    assert not old_backup.exists() and len(backups_of(settings.ledger)) == 1
    rows = ledger_rows(settings.ledger)
    assert len(rows) == 6 and all(Path(r["archive_path"]).is_file() for r in rows)
    assert [r["run_id"] for r in rows] == [None, None, None, None, 2, 2]
    assert check_ledger(settings).ok


def test_prune_of_originals_needs_the_second_flag_and_lists_them(tmp_path: Path) -> None:
    root = tmp_path / "office"
    settings = old_office(root)
    listed = run_cli(root, "ledger", "prune", "--before", "2099-01-01", "--originals", "--dry-run")
    assert listed.returncode == 0, listed.stderr
    assert "将删除报送记录 6 条及其原件和输出文件 22 个" in listed.stdout
    assert "第 2 条 教育局_绩效目标表.xlsx（某市教育局）" in listed.stdout
    assert len(ledger_rows(settings.ledger)) == 6
    kept = dump(settings.ledger)
    plain = run_cli(root, "ledger", "prune", "--before", "2099-01-01")
    assert "已删除运行记录 2 条，台账备份 1 份。" in plain.stdout
    assert len(ledger_rows(settings.ledger)) == 6 and kept != dump(settings.ledger)
    gone = run_cli(root, "ledger", "prune", "--before", "2099-01-01", "--originals")
    assert "已删除报送记录 6 条及其原件和输出文件 22 个" in gone.stdout
    assert ledger_rows(settings.ledger) == []
    assert [p for p in (root / "archive").rglob("*") if p.is_file()] == []
    assert check_ledger(settings).ok


def test_the_pass_prunes_run_rows_older_than_the_setting(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, keep_runs_days=30)
    process_inbox(settings)
    with sqlite3.connect(settings.ledger) as db:
        db.execute("UPDATE runs SET started='2020-01-01T00:00:00'")
    process_inbox(settings)
    with Ledger.for_settings(settings) as ledger:
        assert [r.id for r in ledger.last_runs()] == [2]


def test_commands_without_a_ledger_say_so(tmp_path: Path) -> None:
    root = prepare_root(tmp_path / "office")
    done = run_cli(root, "ledger", "export", "-o", "台账.xlsx")
    assert done.returncode == 2 and "台账不存在" in done.stderr
    checked = run_cli(root, "ledger", "check")
    assert checked.returncode == 1 and "台账不存在" in checked.stdout


def test_pruning_an_old_review_keeps_its_later_duplicate_consistent(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    Ledger.for_settings(settings).close()
    with sqlite3.connect(settings.ledger) as db:
        db.execute("UPDATE submissions SET finished='2026-01-01T00:00:00' WHERE id=1")
    pruned = prune_ledger(settings, date(2026, 6, 1), originals=True)
    assert [e.id for e in pruned.entries] == [1]
    rows = ledger_rows(settings.ledger)
    assert [r["id"] for r in rows] == [2, 3, 4, 5, 6]
    assert rows[-1]["kind"] == "duplicate" and rows[-1]["duplicate_of"] is None
    assert check_ledger(settings).ok, check_ledger(settings).problems
