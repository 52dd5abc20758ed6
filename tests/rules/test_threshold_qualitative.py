from pathlib import Path

import pytest
from helpers import cells, check, with_indicator

RULE = "threshold-qualitative"
NAME = "物业管理面积"



@pytest.mark.parametrize("value", ["≥95%", "不少于4个", "2023年12月底前完成", "达成", "待定", None])
def test_measurable_or_graded(tmp_path: Path, value: object) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, value)) == []


@pytest.mark.parametrize("value", ["完成", "有效提升", "办公区域全覆盖", "五省一自治区"])
def test_qualitative(tmp_path: Path, value: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, value))
    assert cells([finding]) == [("绩效指标", "F4")]
    assert finding.value == value and f"“{value}”是定性表述" in finding.message
    assert "达成 / 部分达成 / 未达成" in (finding.suggestion or "")


def test_accepted_option(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, "完成"), accepted=["完成"]) == []
