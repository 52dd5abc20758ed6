from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "threshold-no-operator"


def test_template_gives_directions_in_their_column(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("name", "value", "direction"), [
    ("合格率", "≥95%", None), ("车辆购置数", "不少于10辆", None), ("项目总成本", "≤5万元", None),
    ("任务完成率", "100%", None), ("政策知晓率", "100%", None), ("安全事故发生率", "0%", None),
    ("合格率", "90%-95%", None), ("完成时间", "2023年12月底前", None), ("维修维护次数", "2280", "≥"),
    ("用户满意度", "90", "正向"), ("合格率", "完成", None),
])
def test_direction_written_or_obvious(tmp_path: Path, name: str, value: str, direction: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, direction=direction)) == []


@pytest.mark.parametrize(("name", "value", "advice"), [
    ("验收合格率", "95%", "设下限（不少于），请在数值前加“≥”"),
    ("日常维修维护次数", "2280次", "请在数值前加“≥”"),
    ("车辆购置数量", "10辆", "请在数值前加“≥”"),
    ("项目总成本", "5万元", "设上限（不超过），请在数值前加“≤”"),
    ("投诉率", "1%", "请在数值前加“≤”"),
    ("收入增长率", "100%", "“≥”（下限）、“≤”（上限）或“=”（固定值）"),
    ("绿化", "300平方米", "“≥”（下限）、“≤”（上限）或“=”（固定值）"),
])
def test_bare_values_get_the_likely_direction(tmp_path: Path, name: str, value: str, advice: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert finding.message == "指标值未写比较方向（下限、上限还是固定值）。" and finding.value == value
    assert advice in (finding.suggestion or "")


@pytest.mark.parametrize("value", ["约12000平方米", "12000平方米左右"])
def test_an_approximation_says_so(tmp_path: Path, value: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("绿化面积", value))
    assert "是约数" in finding.message and "“≥12000平方米”" in (finding.suggestion or "")


def test_full_rate_option(tmp_path: Path) -> None:
    assert len(check(tmp_path, RULE, with_indicator("任务完成率", "100%"), full_rate=False)) == 1
