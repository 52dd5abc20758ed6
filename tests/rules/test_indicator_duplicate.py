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


def test_duplicate_in_one_published_cell_names_the_other_by_number(tmp_path: Path) -> None:
    from helpers import GOOD_GOAL, check_published

    cell = "1、产出指标：故障排除速度，年度指标值：<24小时。 2、产出指标：故障 排除速度，年度指标值：<48小时。"
    [finding] = check_published(tmp_path, "indicator-duplicate", [("运维项目", "1", "1", None, None, GOOD_GOAL, cell)])
    assert (finding.cell, finding.indicator) == ("第6行第7列", "第2项 故障 排除速度")
    assert "另见 本单元格第1项 故障排除速度" in finding.message
