from pathlib import Path

from helpers import cells, check, good_sub


def test_distinct_indicators(tmp_path: Path) -> None:
    assert check(tmp_path, "indicator-duplicate", good_sub()) == []


def test_same_name_twice_in_a_project(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators.append(("普法经费", "产出指标", "数量指标", "法治讲座 场次", "≥", "50", "场", ""))
    assert cells(check(tmp_path, "indicator-duplicate", sub)) == [("绩效指标", "D7")]


def test_same_name_in_different_projects_is_fine(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators.append(("购置经费", "产出指标", "数量指标", "法治讲座场次", "≥", "50", "场", ""))
    assert check(tmp_path, "indicator-duplicate", sub) == []
