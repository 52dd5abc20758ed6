"""What the value rules report on the real 2023 table: a record of their noise on real data.

Every finding here was read and judged; the comments say which are true problems."""

from __future__ import annotations

from collections import Counter

import pytest
from seed import seed_submission

from validator.config.loader import Config, RuleSetting, load_config
from validator.engine import check_submission
from validator.model import Finding, Severity

VALUE_RULES = (
    "threshold-malformed", "date-serial", "threshold-qualitative", "threshold-compound", "threshold-remark",
    "threshold-no-unit", "unit-mismatch", "direction-mismatch", "percent-range", "satisfaction-range",
    "value-boilerplate", "threshold-unread", "threshold-no-operator",
)

EXPECTED = {
    "threshold-no-unit": 10,      # counts without a unit (≥55, ≥200 …): true, if minor
    "threshold-remark": 4,        # the four 国家赔偿金 values with 如未发生…则…: true
    "threshold-qualitative": 3,   # 完成, 办公区域全覆盖, 五省一自治区: true
    "threshold-compound": 2,      # 处级/科级 学分, 《说法》/《普法名师大讲堂》 期数: true
    "unit-mismatch": 2,           # 到位率 in 小时, 立案数 in %: true
    # No direction-mismatch: 调解员数量 ≤131人 and 招聘数量 ≤36人 are legitimate headcount caps.
    # No value-boilerplate: 购置经费's 6 of 7 and 国家赔偿金's 4 of 4 “100%” are 100% of rates
    # (完成率, 合格率, 配备率), the natural target, not a pasted one.
    "threshold-no-operator": 26,  # 99%, 2280次-like bare values with no direction: a reviewer asks for ≥/≤
}


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    base = load_config()
    rules = {rid: RuleSetting(Severity.WARNING if rid in VALUE_RULES else None, setting.options)
             for rid, setting in base.rules.items()}
    return check_submission(seed_submission(), Config(rules, base.sections, "test", base.checksum))


def test_counts_per_rule(findings: list[Finding]) -> None:
    assert Counter(f.rule for f in findings) == EXPECTED


@pytest.mark.parametrize(("rule", "indicator", "value"), [
    ("threshold-qualitative", "第6项 法律职业资格证书机位数量达到配备比例", "完成"),
    ("threshold-compound", "第3项 人均培训学时", "处级≥110学分，科级≥90学分"),
    ("unit-mismatch", "第4项 办公场所安保措施到位率", "24小时"),
    ("threshold-no-operator", "第6项 车辆购置数", "3辆"),
    ("threshold-no-unit", "第3项 人均年度调解案件数", "≥55"),
])
def test_findings_point_at_the_value(findings: list[Finding], rule: str, indicator: str, value: str) -> None:
    [finding] = [f for f in findings if f.rule == rule and f.indicator == indicator]
    assert finding.value == value and finding.cell and finding.cell.endswith("第7列")


def test_nothing_is_malformed_out_of_range_or_a_date(findings: list[Finding]) -> None:
    rules = {f.rule for f in findings}
    assert not rules & {"threshold-malformed", "date-serial", "percent-range", "satisfaction-range"}
