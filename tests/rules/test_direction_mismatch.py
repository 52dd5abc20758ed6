from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "direction-mismatch"



def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("name", "value", "direction"), [
    ("故障响应时间", "<24小时", None),
    ("故障响应时间", "24", "≤"),
    ("考核合格率", "≥95%", None),
    ("公证案件申请人投诉率", "低于0.01%", None),
    ("用户满意度", "100%", None),
    ("每月提供法律服务折抵时间（小时）", "≥8", None),
    ("系统用户数", "≥200", None),
    ("故障响应时间", "完成", None),
])
def test_direction_fits(tmp_path: Path, name: str, value: str, direction: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, direction=direction)) == []


@pytest.mark.parametrize(("name", "value", "direction", "phrase"), [
    ("故障响应时间", "≥24小时", None, "越低越好"),
    ("出访费用超支率", "≥5%", None, "越低越好"),
    ("用户满意度", "≤90%", None, "越高越好"),
    ("车辆购置数量", "<3辆", None, "越高越好"),
    ("用户满意度", "90", "≤", "越高越好"),
    ("考核合格率", "≤5%", "正向", "与指标方向“正向”相反"),
])
def test_direction_reversed(tmp_path: Path, name: str, value: str, direction: str | None, phrase: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value, direction=direction))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert phrase in finding.message


def test_keyword_options(tmp_path: Path) -> None:
    sub = with_indicator("故障响应时间", "≥24小时")
    assert check(tmp_path, RULE, sub, exceptions=["响应时间"]) == []
    assert check(tmp_path, RULE, sub, lower_is_better=["成本"]) == []
    assert len(check(tmp_path, RULE, with_indicator("接待人次", "≤800人次"), higher_is_better=["人次"])) == 1
