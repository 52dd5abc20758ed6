from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "unit-mismatch"



def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("name", "value", "unit"), [
    ("考核合格率", "≥95%", None),
    ("考核合格率（%）", "≥95", None),
    ("专职调解员调解案件数", "≥7800件", None),
    ("故障响应时间", "<24小时", None),
    ("系统吞吐量", "≥100个/秒", None),
    ("用户满意度", "≥90", "%"),
    ("提供设备运维次数（延长设备使用寿命，节省国家财政资金）", "≥100000次/年", None),
    ("广州中心业务辐射范围", "五省一自治区", None),
    ("出访费用超支率", "≤0%", None),
])
def test_consistent(tmp_path: Path, name: str, value: str, unit: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, unit=unit)) == []


@pytest.mark.parametrize(("name", "value", "unit", "kind", "wrong"), [
    ("办公场所安保措施到位率", "24小时", None, "比率类指标", "小时"),
    ("国家赔偿案件立案数", "100%", None, "数量类指标", "%"),
    ("故障响应时间", "≤5个", None, "时间类指标", "个"),
    ("出访经费", "≤10%", None, "金额类指标", "%"),
    ("用户满意度", "≥90", "人", "满意度类指标", "人"),
])
def test_contradiction(tmp_path: Path, name: str, value: str, unit: str | None, kind: str, wrong: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(name, value, unit=unit))
    assert cells([finding]) == [("绩效指标", "F4")] and finding.value == value
    assert finding.message == f"“{name}”是{kind}，指标值“{value}”的单位却是“{wrong}”。"
    assert (finding.suggestion or "").startswith("请核对指标名称与单位")
