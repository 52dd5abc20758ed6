from pathlib import Path

from helpers import GOOD_GOAL, cells, check, good_sub


def test_total_equals_sources(tmp_path: Path) -> None:
    assert check(tmp_path, "funds-row-total", good_sub()) == []


def test_total_differs(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600, 500, 0, 90, GOOD_GOAL)
    [finding] = check(tmp_path, "funds-row-total", sub)
    assert (finding.sheet, finding.cell) == ("项目信息", "C4")
    assert "590.00" in finding.message and "10.00" in finding.message
    assert finding.value == "600"


def test_exact_decimal_arithmetic(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 0.3, 0.1, 0.2, None, GOOD_GOAL)
    assert check(tmp_path, "funds-row-total", sub) == []


def test_text_amounts_with_separators(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", "9,486.23", "9,000.00", "", "486.23", GOOD_GOAL)
    assert check(tmp_path, "funds-row-total", sub) == []


def test_tolerance(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600.01, 500, 0, 100, GOOD_GOAL)
    assert cells(check(tmp_path, "funds-row-total", sub)) == [("项目信息", "C4")]
    assert check(tmp_path, "funds-row-total", sub, tolerance=0.01) == []
