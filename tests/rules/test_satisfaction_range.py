from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "satisfaction-range"
NAME = "用户满意度"



def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("value", "name"), [
    ("≥90%", "用户满意度"), ("85%", "服务对象的满意度"), (">98%", "用户满意度"), ("≥90", "群众满意度"),
    ("95%以上", "出国人员满意率"), ("≥80%", "用户满意度"), ("≤60%", "用户满意度"), ("100%", "考核合格率"),
    ("完成", "用户满意度"),
])
def test_reasonable(tmp_path: Path, value: str, name: str) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value)) == []


@pytest.mark.parametrize(("value", "phrase"), [
    ("≥60%", "低于 80%，明显偏低"),
    ("70", "低于 80%，明显偏低"),
    ("100%", "定为 100%，无法超越"),
    ("≥100%", "定为 100%，无法超越"),
])
def test_out_of_band(tmp_path: Path, value: str, phrase: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, value))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert phrase in finding.message


def test_options(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, "≥60%"), floor=50) == []
    assert "低于 90%" in check(tmp_path, RULE, with_indicator(NAME, "≥85%"), floor=90)[0].message
    assert check(tmp_path, RULE, with_indicator(NAME, "100%"), flag_full=False) == []
