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
    ("培训场次数量", "<3场", None, "越高越好"),  # vehicle purchases are capped by quota: no longer here
    ("用户满意度", "90", "≤", "越高越好"),
    ("考核合格率", "≤5%", "正向", "与指标方向“正向”相反"),
])
def test_direction_reversed(tmp_path: Path, name: str, value: str, direction: str | None, phrase: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value, direction=direction))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert phrase in finding.message


def test_keyword_options_add_to_the_vocabulary(tmp_path: Path) -> None:
    sub = with_indicator("故障响应时间", "≥24小时")
    assert check(tmp_path, RULE, sub, exceptions=["响应时间"]) == []
    assert len(check(tmp_path, RULE, sub, lower_is_better=["成本"])) == 1  # 时间 stays in the vocabulary
    assert check(tmp_path, RULE, with_indicator("接待人次", "≤800人次")) == []
    assert len(check(tmp_path, RULE, with_indicator("接待人次", "≤800人次"), higher_is_better=["人次"])) == 1
    assert len(check(tmp_path, RULE, with_indicator("窗口排队人数", "≥5人"), lower_is_better=["排队"])) == 1


@pytest.mark.parametrize(("name", "value"), [
    ("逾期发放率", "≥100%"), ("结转结余率", "≥10%"), ("不合格率", "≥95%"), ("群众投诉率", ">1%"),
    ("设备故障率", "≥2%"), ("预算超支率", "不低于5%"), ("科目调整次数", "≥10次"),
])
def test_reverse_indicators_must_be_capped(tmp_path: Path, name: str, value: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value))
    assert finding.message == f"“{name}”越低越好，指标值“{value}”却要求不低于某个数。"


@pytest.mark.parametrize(("name", "value"), [
    ("逾期发放率", "≤1%"), ("结转结余率", "≤10%"), ("不合格率", "<5%"), ("全市专职人民调解员数量", "≤131人"),
    ("机构运行辅助人员招聘数量", "≤36人"), ("聘用人员数量", "≤10名"), ("公务用车购置数量", "≤3辆"),
    ("水电气消耗下降率", "≥5%"),
])
def test_caps_and_reverse_rates_that_fit(tmp_path: Path, name: str, value: str) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value)) == []


def test_a_cap_on_a_count_of_things_is_still_reported(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("培训场次数量", "≤12场"))
    assert "越高越好" in finding.message
