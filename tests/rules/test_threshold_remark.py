from pathlib import Path

import pytest
from helpers import cells, check, with_indicator

RULE = "threshold-remark"
NAME = "国家赔偿合规率"
LONG = "100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核"


@pytest.mark.parametrize("value", ["100%", "≥95%", "≥20次（件）", "处级≥110学分，科级≥90学分", "完成"])
def test_value_only(tmp_path: Path, value: str) -> None:
    assert check(tmp_path, RULE, with_indicator(NAME, value)) == []


def test_remark_glued_to_the_value(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, LONG))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == LONG
    assert "附有说明“如未发生需要拨付国家赔偿金的情况" in finding.message
    assert finding.suggestion == "请把说明移到“指标解释”列，指标值只填“=100%”。"


def test_bracketed_remark(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, "≥95%（含线上服务）"))
    assert "“（含线上服务）”" in finding.message and "“≥95%”" in (finding.suggestion or "")
