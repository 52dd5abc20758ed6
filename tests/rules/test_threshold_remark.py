from pathlib import Path

import pytest

from helpers import cells, check, good_sub

RULE = "threshold-remark"
LONG = "100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核"


def _value(value: object) -> object:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", "产出指标", "质量指标", "国家赔偿合规率", None, value, None, "")
    return sub


@pytest.mark.parametrize("value", ["100%", "≥95%", "≥20次（件）", "处级≥110学分，科级≥90学分", "完成"])
def test_value_only(tmp_path: Path, value: str) -> None:
    assert check(tmp_path, RULE, _value(value)) == []


def test_remark_glued_to_the_value(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, _value(LONG))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == LONG
    assert "附有说明“如未发生需要拨付国家赔偿金的情况" in finding.message
    assert finding.suggestion == "请把说明移到“指标解释”列，指标值只填“=100%”。"


def test_bracketed_remark(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, _value("≥95%（含线上服务）"))
    assert "“（含线上服务）”" in finding.message and "“≥95%”" in (finding.suggestion or "")
