from pathlib import Path

import pytest
from helpers import cells, check, with_indicator

RULE = "threshold-qualitative"
NAME = "物业管理面积"



@pytest.mark.parametrize("value", ["≥95%", "不少于4个", "2023年12月底前完成", "达成", "待定", None])
def test_measurable_or_graded(tmp_path: Path, value: object) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, value)) == []


@pytest.mark.parametrize(("value", "advice"), [
    ("完成", "达成 / 部分达成 / 未达成"), ("有效提升", "达成 / 部分达成 / 未达成"),
    ("办公区域全覆盖", "覆盖率=100%"), ("五省一自治区", "覆盖6个省份"),
])
def test_qualitative(tmp_path: Path, value: str, advice: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, value))
    assert cells([finding]) == [("绩效指标", "F4")]
    assert finding.value == value and f"“{value}”是定性表述" in finding.message
    assert advice in (finding.suggestion or "")


@pytest.mark.parametrize(("name", "value", "level2"), [
    ("对维护基建市场公平的影响程度", "效果明显", "社会效益指标"),
    ("对控制基建项目成本影响程度", "效果明显", "生态效益指标"),
    ("经费支出合规性", "严格执行相关制度规定", "质量指标"),
    ("群众法治意识", "有效提升", "社会效益指标"),
    ("生态环境改善情况", "逐步改善", "生态效益指标"),
    ("工程质量", "优良", "质量指标"),
    ("是否按规定公开", "是", "质量指标"),
    ("社会效益", "较好", "社会效益指标"),
])
def test_graded_phrases_on_qualitative_indicators_are_fine(tmp_path: Path, name: str, value: str,
                                                            level2: str) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, level2=level2)) == []


@pytest.mark.parametrize(("name", "value", "advice"), [
    ("培训场次", "完成", "“≥10个”"),
    ("任务完成率", "全部完成", "“=100%”"),
    ("项目总成本", "不超预算", "“≤50万元”"),
    ("对维护基建市场公平的影响程度", "完成", "达成 / 部分达成 / 未达成"),
])
def test_qualitative_where_a_number_is_natural(tmp_path: Path, name: str, value: str, advice: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value))
    assert advice in (finding.suggestion or "")


@pytest.mark.parametrize(("name", "value"), [
    ("项目完成时间", "2023.07-2024.01"), ("补贴发放时间", "按季"), ("资金拨付时间", "12月底前"),
    ("项目实施周期", "2023年1月-12月"), ("工作安排时间", "按月安排"),
])
def test_time_nodes_are_deadlines(tmp_path: Path, name: str, value: str) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, level2="时效指标")) == []


def test_accepted_option(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, "完成"), accepted=["完成"]) == []
