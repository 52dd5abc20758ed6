"""The ledger, outbox and archive of a season run by the first release (schema 0, absolute
paths of another machine) under today's code: migrated on opening, with a backup, and every
view of the old season intact. Every later change of the ledger or the report keeps these."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import docx
from bothelpers import drop, good_sub, ledger_rows, run_cli
from oldseason import FIXTURE, OLD_OFFICE, dump, old_office, version_of

from validator.bot.ledger import Ledger
from validator.bot.maintenance import check_ledger
from validator.bot.migrations import SCHEMA_VERSION, backups_of
from validator.bot.runner import process_inbox
from validator.bot.seasons import season_view
from validator.model import Report


def letter_text(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_fixture_is_the_first_release_s(tmp_path: Path) -> None:
    assert version_of(FIXTURE / "outbox" / "ledger.sqlite3") == 0
    with sqlite3.connect(FIXTURE / "outbox" / "ledger.sqlite3") as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(submissions)")}
        paths = [row[0] for row in db.execute("SELECT archive_path FROM submissions")]
    assert "year" not in columns
    assert all(p.startswith(OLD_OFFICE + "/archive/") for p in paths)


def test_opening_migrates_with_a_backup_and_rebases_the_paths(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    before = dump(settings.ledger)
    with Ledger.for_settings(settings) as ledger:
        entries = ledger.entries()
    assert version_of(settings.ledger) == SCHEMA_VERSION == 1
    [backup] = backups_of(settings.ledger)
    assert backup.name.startswith("ledger-") and dump(backup) == before  # the old ledger, as it was
    assert [e.original_name for e in entries] == [
        "司法局_绩效目标表.xlsx", "教育局_绩效目标表.xlsx", "文旅局_2026年绩效目标表.xlsx", "说明.pdf",
        "教育局_绩效目标表（修改后）.xlsx", "司法局_再次报送.xlsx"]
    assert [e.year for e in entries] == [2027, 2027, 2026, None, 2027, 2027]
    for entry in entries:
        assert Path(entry.archive_path).parent.parent == settings.archive
        assert Path(entry.source_path).parent == settings.inbox
        assert all(Path(p).is_file() and Path(p).is_relative_to(settings.outbox) for p in entry.outputs)
    with sqlite3.connect(settings.ledger) as db:
        stored = db.execute("SELECT archive_path, letter_path FROM submissions WHERE id=1").fetchone()
    assert stored[0].startswith("archive:2026-12/") and stored[1].startswith("outbox:某市司法局/")


def test_opening_again_changes_nothing(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    Ledger.for_settings(settings).close()
    migrated = dump(settings.ledger)
    Ledger.for_settings(settings).close()
    assert dump(settings.ledger) == migrated
    assert len(backups_of(settings.ledger)) == 1


def test_old_reports_and_links_read_back(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    rows = ledger_rows(settings.ledger)
    assert [r["verdict"] for r in rows] == ["passed", "failed", "warnings", "unreadable", "passed", "passed"]
    assert rows[4]["previous_id"] == 2 and rows[5]["duplicate_of"] == 1 and rows[5]["kind"] == "duplicate"
    with Ledger.for_settings(settings) as ledger:
        reports = [e.report for e in ledger.entries()]
    assert [r.errors for r in reports] == [0, 1, 0, 1, 0, 0]
    assert reports[1].findings[0].rule == "funds-row-total"
    assert "退回修改" in letter_text(rows[1]["letter_path"])
    assert "内容完全相同" in letter_text(rows[5]["letter_path"])
    saved = json.loads(Path(rows[0]["json_path"]).read_text(encoding="utf-8"))
    assert "format_version" not in saved  # written by the first release
    assert Report.from_dict(saved).files[0].unit == "某市司法局"


def test_status_shows_the_old_season(tmp_path: Path) -> None:
    root = tmp_path / "office"
    old_office(root)
    done = run_cli(root, "status", "--year", "2027")
    assert done.returncode == 0, done.stderr
    assert "#2 2026-12-01 22:21:42 完成：答复 2 份" in done.stdout
    assert "合计：6" in done.stdout
    assert "按年度：2026 年度 1 份，2027 年度 4 份，未识别年度 1 份" in done.stdout
    assert "2027 年度（括号内为 2026 年度）：" in done.stdout
    assert "  退回修改：1（0）" in done.stdout and "  通过（有提示）：0（1）" in done.stdout
    assert "  报送单位：2（1）" in done.stdout


def test_a_season_view_of_the_year_before(tmp_path: Path) -> None:
    view = season_view(old_office(tmp_path / "office"), 2026)
    assert view.season is not None and view.season.counts == {"warnings": 1} and view.last is None


def test_a_resubmission_against_an_old_record_gives_the_right_diff(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    fixed = good_sub()
    fixed.year, fixed.department = 2026, "某市文旅局"
    fixed.projects = [("文化惠民", "某市文旅局", *row[2:]) for row in fixed.projects]
    fixed.indicators = [("文化惠民", *row[1:]) for row in fixed.indicators]
    drop(settings.inbox, "文旅局_2026年绩效目标表（修改后）.xlsx", fixed)
    result = process_inbox(settings)
    assert [o.verdict for o in result.answered] == ["通过"]
    row = ledger_rows(settings.ledger)[-1]
    assert row["previous_id"] == 3 and row["year"] == 2026
    text = letter_text(row["letter_path"])
    assert "《文旅局_2026年绩效目标表.xlsx》经审核发现问题1项" in text
    assert "本次已改正1项，仍未改正0项，新发现0项" in text


def test_an_identical_copy_of_an_old_submission_is_a_duplicate(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    original = next((settings.archive / "2026-12").glob("*_教育局_绩效目标表.xlsx")).read_bytes()
    drop(settings.inbox, "教育局_又一次.xlsx", original)
    process_inbox(settings)
    row = ledger_rows(settings.ledger)[-1]
    assert row["kind"] == "duplicate" and row["duplicate_of"] == 2
    assert "退回修改" in letter_text(row["letter_path"])


def test_the_old_season_checks_clean_and_lists_its_letters(tmp_path: Path) -> None:
    settings = old_office(tmp_path / "office")
    result = check_ledger(settings)
    assert result.ok, result.problems
    assert result.checked == {"rows": 6, "originals": 6, "outputs": 16}
    done = run_cli(tmp_path / "office", "ledger", "export", "-o", "台账.csv")
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "office" / "台账.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 7
    assert "某市教育局/某市教育局_教育局_绩效目标表_20261201-222141_审核意见.docx" in lines[2]
