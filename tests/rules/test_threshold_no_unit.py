from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "threshold-no-unit"



def test_template_with_unit_column(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("value", "name", "unit"), [
    ("≥55件", "人均年度调解案件数", None),
    ("≥55", "人均年度调解案件数", "件"),
    ("≥95", "考核评估合格率（%）", None),
    ("为0", "重大安全事故发生数", None),
    ("完成", "人均年度调解案件数", None),
    ("待定", "人均年度调解案件数", None),
])
def test_unit_somewhere(tmp_path: Path, value: str, name: str, unit: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, unit=unit)) == []


@pytest.mark.parametrize(("value", "name", "example"), [
    ("≥55", "人均年度调解案件数", "“≥55个”"),
    ("≥90", "用户满意度", "“≥90%”"),
    ("≥200", "系统用户", "“≥95%”“≥10个”"),
])
def test_no_unit(tmp_path: Path, value: str, name: str, example: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert f"“{value}”没有写明计量单位" in finding.message
    assert example in (finding.suggestion or "")
