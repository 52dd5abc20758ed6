from pathlib import Path

from helpers import cells, check, good_sub


def test_indicators_name_existing_projects(tmp_path: Path) -> None:
    assert check(tmp_path, "indicator-orphan", good_sub()) == []


def test_unknown_project(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators.append(("普法宣传经费", "产出指标", "数量指标", "场次", "≥", "5", "场", ""))
    findings = check(tmp_path, "indicator-orphan", sub)
    assert cells(findings) == [("绩效指标", "A7")] and "普法宣传经费" in findings[0].message


def test_spacing_differences_still_match(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators[0] = ("普法 经费", *sub.indicators[0][1:])
    assert check(tmp_path, "indicator-orphan", sub) == []
