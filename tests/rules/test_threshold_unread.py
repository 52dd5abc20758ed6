from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "threshold-unread"


def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("name", "value"), [
    ("验收合格率", "≥5%"), ("验收合格率", "全年≥95%"), ("人均补助标准", "人均≥200元"),
    ("培训学时", "处级≥110学分，科级≥90学分"), ("能耗同比增长率", "-5%"), ("事故率", "0%"), ("验收合格率", "完成"),
])
def test_everything_read(tmp_path: Path, name: str, value: str) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value)) == []


def test_an_ocr_operator_is_reported_with_the_likely_fix(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("验收合格率", "工5%"))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == "工5%"
    assert finding.message == "指标值“工5%”中的“工”无法识别，按“=5%”读出时被略去。"
    assert "如“工”是“≥”，请改为“≥5%”" in (finding.suggestion or "")


@pytest.mark.parametrize(("value", "piece", "advice"), [
    ("-0%", "“-”", "负号没有意义"),
    ("95%*", "“*”", "只写比较符号、数值和单位"),
    ("甲95%", "“甲”", "只写比较符号、数值和单位"),
])
def test_other_dropped_characters(tmp_path: Path, value: str, piece: str, advice: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("安全事故发生率", value))
    assert piece in finding.message and advice in (finding.suggestion or "")
