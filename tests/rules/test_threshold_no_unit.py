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
    ("≥55", "人均年度调解案件数", "“≥55件”"),  # the measure word of the name, not 个
    ("≥90", "用户满意度", "“≥90%”"),
    ("≥200", "系统用户", "“≥200个”"),
    ("≥48", "法治讲座场次", "“≥48场”"),
    ("≥1", "因公出国(境)批次", "“≥1批”"),
    ("≥4", "舆情月报期数", "“≥4期”"),
    ("≥500", "培训人次", "“≥500人次”"),
    ("≥3", "上线服务", "“≥95%”“≥10个”"),  # nothing in the name to go by
])
def test_no_unit(tmp_path: Path, value: str, name: str, example: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert f"“{value}”没有写明计量单位" in finding.message
    assert example in (finding.suggestion or "")


def test_a_rate_written_as_a_fraction_is_asked_about(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("系统正常运行率", "≥0.99"))
    assert finding.suggestion == ("“0.99”是指 99% 吗？如是，请写作“≥99%”；比率请以 % 为单位，或在计量单位列填写。")
    assert "0.99%" not in (finding.suggestion or "")
