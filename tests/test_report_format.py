"""The JSON report as an interface: a format version, every earlier version readable, and
real outputs valid against docs/report.schema.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bothelpers import drop, ledger_rows, settings_for, standard_inbox
from jsonschema import Draft202012Validator
from oldseason import FIXTURE

from validator.bot.runner import process_inbox
from validator.model import FORMAT_VERSION, Report, ReportFormatError

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def errors_of(document: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def test_the_schema_is_a_valid_schema_of_the_current_version() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format_version"]["const"] == FORMAT_VERSION == 1


def test_validate_json_output_carries_the_version_and_matches_the_schema(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    standard_inbox(inbox)
    drop(inbox, "坏.xlsx", b"not a workbook")
    done = subprocess.run([sys.executable, "-m", "validator", "validate", str(inbox), "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    data = json.loads(done.stdout)
    assert data["format_version"] == FORMAT_VERSION
    assert {f["status"] for f in data["files"]} == {"passed", "failed", "unreadable"}
    assert errors_of(data) == []


def test_the_bot_s_saved_reports_match_the_schema(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    standard_inbox(settings.inbox)
    process_inbox(settings)
    rows = ledger_rows(settings.ledger)
    for row in rows:
        assert errors_of(json.loads(row["report_json"])) == []
        assert errors_of(json.loads(Path(row["json_path"]).read_text(encoding="utf-8"))) == []


def test_the_schema_rejects_what_readers_could_not_use() -> None:
    good = json.loads(Report().to_json())
    assert errors_of(good) == []
    assert errors_of({**good, "format_version": 2})
    assert errors_of({k: v for k, v in good.items() if k != "files"})
    bad_file = {"path": "a.xlsx", "status": "lost"}
    assert errors_of({**good, "files": [bad_file]})


def test_every_earlier_version_reads_back() -> None:
    """Format 0: the first release's validate.json and the bot's saved reports."""
    old = json.loads((FIXTURE / "validate.json").read_text(encoding="utf-8"))
    assert "format_version" not in old
    report = Report.from_dict(old)
    assert [f.status.value for f in report.files] == ["passed", "failed", "warnings"]  # a folder skips the .pdf
    assert report.files[1].findings[0].rule == "funds-row-total"
    assert errors_of(json.loads(report.to_json())) == []  # re-saved, it is the current format
    for saved in (FIXTURE / "outbox").rglob("*_审核结果.json"):
        again = Report.from_json(saved.read_text(encoding="utf-8"))
        assert again.files and errors_of(json.loads(again.to_json())) == []


def test_a_report_of_a_newer_format_is_refused_in_chinese() -> None:
    text = json.dumps({**json.loads(Report().to_json()), "format_version": FORMAT_VERSION + 1})
    with pytest.raises(ReportFormatError, match="只能读取第 1 版及更早的版本，请升级 validator"):
        Report.from_json(text)
