from pathlib import Path

import pytest
from helpers import cells, check, good_sub


def _one(level1: str, level2: str) -> object:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", level1, level2, "讲座场次", "≥", "48", "场", "")
    return sub


@pytest.mark.parametrize(("level1", "level2"), [
    ("产出指标", "数量指标"), ("产出", "质量"), ("预期产出指标", "时效指标（工期指标）"), ("产出指标", "成本指标"),
    ("成本指标", "经济成本指标"), ("效果指标", "环境效益"), ("效益指标", "可持续影响指标"),
])
def test_both_taxonomies_and_aliases(tmp_path: Path, level1: str, level2: str) -> None:
    assert check(tmp_path, "category-unknown", _one(level1, level2)) == []


def test_evaluation_category(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "category-unknown", _one("投入指标", "数量指标"))
    assert (finding.sheet, finding.cell) == ("绩效指标", "B4") and "绩效评价" in finding.message


def test_level2_under_wrong_level1(tmp_path: Path) -> None:
    findings = check(tmp_path, "category-unknown", _one("效益指标", "数量指标"))
    assert cells(findings) == [("绩效指标", "C4")]
    assert check(tmp_path, "category-unknown", _one("效益指标", "数量指标"), check_level2=False) == []


def test_unknown_level2(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "category-unknown", _one("产出指标", "工作指标"))
    assert "无法识别" in finding.message and "数量指标" in (finding.suggestion or "")
