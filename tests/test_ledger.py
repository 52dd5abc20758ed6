from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from validator.bot.ledger import DUPLICATE, REVIEW, Ledger
from validator.model import FileReport, Report


def _claim(ledger: Ledger, name: str, sha: str = "a" * 64) -> int:
    run_id = ledger.start_run("test", 1)
    entry = ledger.claim(sha256=sha, size=1, mtime_ns=1, original_name=name, source_path=f"/in/{name}",
                         archive_path=f"/archive/{name}-{sha[:4]}-{len(ledger.entries())}", received=None, run_id=run_id)
    return entry.id


def _answer(ledger: Ledger, entry_id: int, *, unit: str | None, projects: list[str], verdict: str = "passed",
            kind: str = REVIEW) -> None:
    report = FileReport(path="x.xlsx", unit=unit, projects=tuple(projects))
    ledger.update(entry_id, state="done", kind=kind, unit=unit, projects=json.dumps(projects), verdict=verdict,
                  report_json=Report((report,)).to_json())


def test_wal_and_schema(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        ledger.start_run("run", 1)
    with sqlite3.connect(tmp_path / "l.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"submissions", "runs", "meta"} <= tables


def test_rows_move_through_states(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        run = ledger.start_run("run", 1)
        entry_id = _claim(ledger, "a.xlsx")
        assert [e.state for e in ledger.unfinished()] == ["claimed"]
        _answer(ledger, entry_id, unit="甲", projects=["项目一"])
        assert ledger.unfinished() == []
        assert ledger.get(entry_id).report.unit == "甲"
        ledger.finish_run(run, state="finished", processed=1, resumed=0, skipped=0, failed=0)
        by_id = {r.id: r for r in ledger.last_runs()}
        assert (by_id[run].state, by_id[run].processed) == ("finished", 1)


def test_interrupted_runs_are_marked(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        killed = ledger.start_run("run", 1)
        current = ledger.start_run("run", 2)
        assert ledger.interrupt_stale_runs(current) == 1
        states = {r.id: r.state for r in ledger.last_runs()}
    assert states == {killed: "interrupted", current: "running"}


def test_previous_submission_of_the_same_unit(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        first = _claim(ledger, "甲.xlsx")
        _answer(ledger, first, unit="甲单位", projects=["一", "二"])
        other = _claim(ledger, "乙.xlsx")
        _answer(ledger, other, unit="乙单位", projects=["一"])
        assert ledger.previous_of(unit="甲单位", projects=["二", "三"], name="新.xlsx", before=99).id == first
        assert ledger.previous_of(unit="甲单位", projects=["四"], name="新.xlsx", before=99) is None
        assert ledger.previous_of(unit="甲单位", projects=["四"], name="甲.xlsx", before=99).id == first
        assert ledger.previous_of(unit="丙单位", projects=["四"], name="甲.xlsx", before=99) is None
        assert ledger.previous_of(unit=None, projects=[], name="乙.xlsx", before=99).id == other
        assert ledger.previous_of(unit="甲单位", projects=["一"], name="x", before=first) is None


def test_duplicates_point_at_the_first_review(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.sqlite3") as ledger:
        first = _claim(ledger, "a.xlsx", sha="b" * 64)
        _answer(ledger, first, unit="甲", projects=[])
        again = _claim(ledger, "a2.xlsx", sha="b" * 64)
        _answer(ledger, again, unit="甲", projects=[], kind=DUPLICATE)
        assert ledger.answered_with_hash("b" * 64, before=99).id == first
        assert ledger.answered_with_hash("c" * 64, before=99) is None
        assert ledger.verdict_counts() == {"passed": 1, DUPLICATE: 1}
        assert len(ledger.reviewed_reports()) == 1
