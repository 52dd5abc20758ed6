"""The engine: stamping, isolation of a broken rule, which files a folder yields."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import good_sub, only_rule, write_sub

from validator import engine
from validator.config.loader import load_config, parse_config
from validator.engine import collect_files, validate_file, validate_paths
from validator.model import Severity


def test_severity_comes_from_configuration(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], "做好普法工作。")
    path = write_sub(tmp_path / "s.xlsx", sub)
    [warning] = validate_file(path, load_config()).findings
    assert (warning.rule, warning.severity) == ("goal-too-short", Severity.WARNING)
    config = parse_config("rules:\n  goal-too-short: error\n")
    [error] = validate_file(path, config).findings
    assert error.severity is Severity.ERROR
    assert validate_file(path, parse_config("rules:\n  goal-too-short: off\n")).findings == ()


def test_a_broken_rule_is_reported_and_the_others_still_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.rules import RULES

    def explode(submission, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("bug")

    monkeypatch.setattr(RULES["goal-missing"], "check", explode)
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某局", 700, 500, 0, 100, None)
    report = validate_file(write_sub(tmp_path / "s.xlsx", sub), load_config())
    rules = {(f.rule, f.severity) for f in report.findings}
    assert ("goal-missing", Severity.WARNING) in rules and ("funds-row-total", Severity.ERROR) in rules


def test_a_reader_bug_becomes_an_unreadable_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(path):  # type: ignore[no-untyped-def]
        raise RuntimeError("bug")

    monkeypatch.setattr(engine, "read_submission", explode)
    report = validate_file(write_sub(tmp_path / "s.xlsx", good_sub()), load_config())
    assert report.status.value == "unreadable" and "内部错误" in report.findings[0].message


def test_folders_skip_lock_hidden_and_temporary_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.xlsx", "sub/b.XLSX", "~$a.xlsx", ".hidden.xlsx", "c.xlsx.tmp", "d.docx", "e.xls"):
        (tmp_path / name).write_bytes(b"x")
    names = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])]
    assert names == ["a.xlsx", "e.xls", "sub/b.XLSX"]
    assert collect_files([tmp_path / "d.docx"]) == [tmp_path / "d.docx"]  # named directly: always read


def test_report_describes_the_submission(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    report = validate_paths([path], only_rule("goal-missing"))
    [file_report] = report.files
    assert (file_report.unit, file_report.year, file_report.projects, file_report.indicators) == (
        "某市司法局", 2027, ("普法经费",), 3)
    assert file_report.sha256 and len(file_report.sha256) == 64 and file_report.received is not None


def test_names_are_quoted_as_written_and_findings_come_in_reading_order(tmp_path: Path) -> None:
    sub = good_sub()
    name = "行政执法“两平台”：市级（一期）办案平台"
    sub.projects = [(name, "某市司法局", 700, 500, 0, 100, "开展")]
    sub.indicators = [(name, *row[1:]) for row in sub.indicators]
    report = validate_file(write_sub(tmp_path / "a.xlsx", sub), load_config())
    assert report.projects == (name,)
    assert {f.project for f in report.findings} == {name}
    cells = [(f.sheet, f.position) for f in report.findings]
    assert cells == sorted(cells, key=lambda c: (c[0] != "项目信息", c[1])), "project sheet first, then by row and column"


def test_a_finding_on_a_hidden_row_says_the_row_is_hidden(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from validator.engine import HIDDEN_ROW_NOTE

    sub = good_sub()
    sub.projects.append(("法律援助", "某市司法局", 700, 500, 0, 100, "开展法律援助，全年办理法律援助案件不少于1200件，群众满意度达到90%以上。"))
    sub.indicators += [("法律援助", *row[1:]) for row in sub.indicators]
    path = write_sub(tmp_path / "a.xlsx", sub)
    book = load_workbook(path)
    book["项目信息"].row_dimensions[5].hidden = True  # 法律援助: 总计 700 ≠ 500 + 0 + 100
    book.save(path)
    [finding] = [f for f in validate_file(path, load_config()).findings if f.rule == "funds-row-total"]
    assert finding.location == "项目信息!C5" and finding.message.endswith(HIDDEN_ROW_NOTE)
    shown = validate_file(write_sub(tmp_path / "b.xlsx", sub), load_config())
    assert not any(HIDDEN_ROW_NOTE in f.message for f in shown.findings), "only hidden rows are marked"
