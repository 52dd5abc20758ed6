"""Make the old-season fixture: a small season run through the real bot by the code of the
commit named in README.txt (ledger schema 0, reports without a format version).

    python tests/data/season_2027_v0/make_fixture.py

The office is built at OFFICE (an absolute path, as a real office's ledger stores them) and
copied here: outbox/ (ledger, letters, annotated copies, JSON reports, 汇总.xlsx), archive/,
rules.yaml and validate.json (`validate --format json` of the first pass's files). The tests
copy this folder elsewhere and open it there: an office moved to another machine.

This script documents how the files were made; the committed files are the fixture. Later
releases must keep reading them, not regenerate them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from bothelpers import drop, failing_sub, good_sub, other_unit_sub, settings_for, warning_sub  # noqa: E402

from validator.bot.runner import process_inbox  # noqa: E402

OFFICE = Path("/tmp/validator-office-2027")
BASE = 1_790_000_000  # 2026-09 in Unix time: the order the bot sees the files in
RULES = "bot:\n  settle_seconds: 0\n"


def first_pass(inbox: Path) -> None:
    drop(inbox, "司法局_绩效目标表.xlsx", good_sub(), mtime=BASE)
    returned = other_unit_sub()
    returned.projects[0] = ("校舍维修", "某市教育局", 600, 500, 0, 50, returned.projects[0][-1])
    drop(inbox, "教育局_绩效目标表.xlsx", returned, mtime=BASE + 1)
    old = warning_sub()
    old.year, old.department = 2026, "某市文旅局"
    old.projects = [("文化惠民", "某市文旅局", *row[2:]) for row in old.projects]
    old.indicators = [("文化惠民", *row[1:]) for row in old.indicators]
    drop(inbox, "文旅局_2026年绩效目标表.xlsx", old, mtime=BASE + 2)
    drop(inbox, "说明.pdf", b"%PDF-1.4\n% not a workbook\n", mtime=BASE + 3)


def second_pass(inbox: Path) -> None:
    drop(inbox, "教育局_绩效目标表（修改后）.xlsx", other_unit_sub(), mtime=BASE + 100)
    copy = (OFFICE / "copies" / "司法局_绩效目标表.xlsx").read_bytes()
    drop(inbox, "司法局_再次报送.xlsx", copy, mtime=BASE + 101)


def main() -> None:
    assert failing_sub  # the returned table fails funds-row-total the same way
    shutil.rmtree(OFFICE, ignore_errors=True)
    inbox = OFFICE / "inbox"
    settings = settings_for(OFFICE)
    first_pass(inbox)
    shutil.copytree(inbox, OFFICE / "copies")
    (OFFICE / "rules.yaml").write_text(RULES, encoding="utf-8")
    json_out = subprocess.run([sys.executable, "-m", "validator", "validate", "copies", "--format", "json"],
                              cwd=OFFICE, capture_output=True, text=True, check=False,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert json_out.returncode == 1, json_out.stderr
    process_inbox(settings)
    second_pass(inbox)
    process_inbox(settings)
    for name in ("outbox", "archive"):
        shutil.rmtree(HERE / name, ignore_errors=True)
        shutil.copytree(OFFICE / name, HERE / name,
                        ignore=shutil.ignore_patterns("*.lock", "*-wal", "*-shm", "bot.log"))
    shutil.copy(OFFICE / "rules.yaml", HERE / "rules.yaml")
    (HERE / "validate.json").write_text(json_out.stdout, encoding="utf-8")


if __name__ == "__main__":
    main()
