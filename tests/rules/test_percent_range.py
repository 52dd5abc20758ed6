from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "percent-range"



def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("name", "value", "unit"), [
    ("考核合格率", "≥95%", None),
    ("法律顾问覆盖率", "100%", None),
    ("监控覆盖率", "≥100%", None),
    ("出访费用超支率", "≤0%", None),
    ("业务量增长率", "150%", None),
    ("办公用房面积", "≥120%", None),
    ("考核合格率", "≥120", None),
])
def test_in_range_or_not_checked(tmp_path: Path, name: str, value: str, unit: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, unit=unit)) == []


@pytest.mark.parametrize(("name", "value", "unit", "part"), [
    ("考核合格率", "≥120%", None, "≥120%"),
    ("考核合格率（%）", "950", None, "=950%"),
    ("考核合格率", "≥120", "%", "≥120%"),
    ("用户满意度", ">100%", None, ">100%"),
    ("事故发生率", "-5%", None, "=-5%"),
    ("事故发生率", "<0%", None, "<0%"),
])
def test_out_of_range(tmp_path: Path, name: str, value: str, unit: str | None, part: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value, unit=unit))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert f"（{part}）超出了比率 0～100% 的范围" in finding.message


def test_exclude_option(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, with_indicator("考核合格率", "≥120%"), exclude=["合格"]) == []
    assert len(check(tmp_path, RULE, with_indicator("业务量增长率", "150%"), exclude=[])) == 1
