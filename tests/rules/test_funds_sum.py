from pathlib import Path

from helpers import GOOD_GOAL, check, good_sub


def _with_total(total: object) -> object:
    sub = good_sub()
    sub.projects.append(("购置经费", "某市司法局", 48, 48, 0, 0, GOOD_GOAL))
    sub.projects.append(("合计", None, total, 548, 0, 100, None))
    return sub


def test_total_row_matches(tmp_path: Path) -> None:
    assert check(tmp_path, "funds-sum", _with_total(648)) == []


def test_total_row_differs(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "funds-sum", _with_total(700))
    assert (finding.sheet, finding.cell) == ("项目信息", "C6")
    assert "648.00" in finding.message


def test_department_row_against_its_projects(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.insert(0, ("某市司法局", None, 650, 550, 0, 100, None))
    sub.projects.append(("购置经费", "某市司法局", 48, 48, 0, 0, GOOD_GOAL))
    findings = check(tmp_path, "funds-sum", sub)
    assert [(f.cell, f.project) for f in findings] == [("C4", "某市司法局"), ("D4", "某市司法局")]


def test_no_summary_rows_nothing_to_check(tmp_path: Path) -> None:
    assert check(tmp_path, "funds-sum", good_sub()) == []
