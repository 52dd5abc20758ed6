"""Benchmark of the ledger's upgrade path: python benchmarks/bench_ledger.py [--rows N]

Builds a first-release ledger (schema 0, absolute paths of another machine) with N answered
submissions, each with a saved report, and times: opening it under today's code (backup and
migration to the current schema, paths rebased), `validator ledger backup`, the export to
.xlsx, and `check` with every archived original and output present."""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.bot.ledger import Ledger  # noqa: E402
from validator.bot.maintenance import backup_ledger, check_ledger, export_ledger  # noqa: E402
from validator.bot.migrations import BASE_SCHEMA  # noqa: E402
from validator.bot.settings import BotSettings  # noqa: E402
from validator.model import FileReport, Finding, Report, Severity  # noqa: E402

OLD = "/srv/old-office"


def build(root: Path, rows: int) -> BotSettings:
    settings = BotSettings.build(base_dir=root, settle_seconds=0)
    settings.outbox.mkdir(parents=True)
    finding = Finding("funds-row-total", Severity.ERROR, "总计不等于各项之和", sheet="项目信息", cell="C4")
    with sqlite3.connect(settings.ledger) as db:
        db.executescript(BASE_SCHEMA)
        for i in range(rows):
            data = f"submission {i}".encode()
            sha = hashlib.sha256(data).hexdigest()
            stem = f"单位{i % 40}/表{i}_20261201-020000"
            archive = settings.archive / "2026-12" / f"{i}_{sha[:8]}.xlsx"
            archive.parent.mkdir(parents=True, exist_ok=True)
            archive.write_bytes(data)
            letter = settings.outbox / f"{stem}_审核意见.docx"
            letter.parent.mkdir(parents=True, exist_ok=True)
            letter.write_bytes(b"letter")
            report = FileReport(path=f"表{i}.xlsx", findings=(finding,), unit=f"单位{i % 40}", year=2027)
            db.execute(
                "INSERT INTO submissions (state, kind, sha256, size, mtime_ns, original_name, source_path, archive_path,"
                " claimed, finished, unit, verdict, errors, warnings, out_stem, letter_path, report_json)"
                " VALUES ('done', 'review', ?, ?, 1, ?, ?, ?, '2026-12-01T02:00:00', '2026-12-01T02:00:01', ?, 'failed',"
                " 1, 0, ?, ?, ?)",
                (sha, len(data), f"表{i}.xlsx", f"{OLD}/inbox/表{i}.xlsx",
                 f"{OLD}/archive/2026-12/{archive.name}", report.unit, stem, f"{OLD}/outbox/{stem}_审核意见.docx",
                 Report((report,)).to_json()))
    return settings


def timed(label: str, call: object) -> None:
    start = time.perf_counter()
    result = call()  # type: ignore[operator]
    print(f"{label:<40} {time.perf_counter() - start:7.3f} s  {result}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = build(Path(folder), args.rows)
        size = settings.ledger.stat().st_size / 2**20
        print(f"{args.rows} submissions, ledger {size:.1f} MiB")
        timed("open: backup + migrate 0 -> current", lambda: len(Ledger.for_settings(settings).entries()))
        timed("validator ledger backup", lambda: backup_ledger(settings).name)
        timed("validator ledger export -o 台账.xlsx", lambda: export_ledger(settings, Path(folder) / "台账.xlsx"))
        timed("validator ledger check", lambda: len(check_ledger(settings).problems))


if __name__ == "__main__":
    main()
