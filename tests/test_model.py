"""The report model round-trips through JSON and derives verdicts from findings."""

from __future__ import annotations

from datetime import datetime

from validator.model import FileReport, Finding, Report, Severity, Status, cell_position, reading_order


def _finding(rule: str, severity: Severity) -> Finding:
    return Finding(rule, severity, "问题", "建议", "项目信息", "C4", "普法经费", None, "700")


def test_status_and_verdicts() -> None:
    assert FileReport("a.xlsx").status is Status.PASSED
    warn = FileReport("a.xlsx", (_finding("goal-too-short", Severity.WARNING),))
    assert warn.status is Status.WARNINGS and warn.status.verdict == "通过（有提示）"
    assert not warn.failed() and warn.failed(strict=True)
    failed = FileReport("a.xlsx", (_finding("goal-too-short", Severity.WARNING), _finding("funds-sum", Severity.ERROR)))
    assert failed.status is Status.FAILED and failed.status.verdict == "退回修改"
    assert [f.rule for f in failed.sorted_findings()] == ["funds-sum", "goal-too-short"]
    assert FileReport("a.xlsx", (_finding("file-unreadable", Severity.ERROR),)).status is Status.UNREADABLE


def test_office_verdict_tells_an_unreadable_file_from_a_returned_one() -> None:
    # the unit's letter says 退回修改 either way; the office's outputs count the two apart
    assert Status.UNREADABLE.verdict == "退回修改"
    assert Status.UNREADABLE.office_verdict == "退回修改（文件无法读取）"
    assert [s.office_verdict for s in (Status.PASSED, Status.WARNINGS, Status.FAILED)] == ["通过", "通过（有提示）", "退回修改"]


def test_json_round_trip() -> None:
    report = Report((
        FileReport("in/a.xlsx", (_finding("funds-sum", Severity.ERROR),), unit="某局", year=2027, layout="template",
                   received=datetime(2026, 11, 28, 9, 30), sha256="ab" * 32, projects=("普法经费",), indicators=3),
        FileReport("in/b.xlsx"),
    ), generated=datetime(2026, 11, 28, 10, 0))
    again = Report.from_json(report.to_json())
    assert again == report
    assert again.summary().to_dict() == {"files": 2, "passed": 1, "with_warnings": 0, "failed": 1, "unreadable": 0,
                                         "errors": 1, "warnings": 0}
    assert report.files[0].findings[0].location == "项目信息!C4"


def test_findings_read_by_sheet_row_and_column_errors_first() -> None:
    def at(sheet: str | None, cell: str | None, severity: Severity = Severity.ERROR) -> Finding:
        return Finding("r", severity, "问题", None, sheet, cell)

    findings = (at("绩效指标", "F12"), at("项目信息", "C10"), at("绩效指标", "B4"), at("项目信息", "AA2"),
                at("项目信息", "C9", Severity.WARNING), at(None, None), at("绩效指标", "C4"))
    report = FileReport("a.xlsx", findings)
    # sheets in order of first appearance, then row, then column; the whole-file finding first
    assert [f.location for f in report.sorted_findings()] == [
        "", "绩效指标!B4", "绩效指标!C4", "绩效指标!F12", "项目信息!AA2", "项目信息!C10", "项目信息!C9"]
    assert [f.location for f in reading_order(findings, ["项目信息", "绩效指标"])][:3] == ["", "项目信息!AA2", "项目信息!C9"]


def test_cell_positions_of_workbooks_and_text_tables() -> None:
    assert cell_position("C4") == (4, 3)
    assert cell_position("AA10:AB12") == (10, 27)
    assert cell_position("第12行第7列") == (12, 7)
    assert cell_position("第3行") == (3, 0)
    assert cell_position(None) == cell_position("（整个文件）") == (0, 0)
