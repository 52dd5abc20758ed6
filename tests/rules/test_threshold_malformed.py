from pathlib import Path

import pytest
from helpers import cells, check, good_sub


def _value(value: object) -> object:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", "讲座场次", None, value, None, "")
    return sub


@pytest.mark.parametrize("value", ["≥48场", "不少于4个", "<24小时", "95%以上", "完成", 48])
def test_well_formed(tmp_path: Path, value: object) -> None:
    assert check(tmp_path, "threshold-malformed", _value(value)) == []


@pytest.mark.parametrize(("value", "phrase"), [(None, "未填写"), ("待定", "占位"), ("XX%", "占位"),
                                              ("≥", "只有比较符号"), ("≥≥95%", "重复")])
def test_malformed(tmp_path: Path, value: object, phrase: str) -> None:
    findings = check(tmp_path, "threshold-malformed", _value(value))
    assert cells(findings) == [("绩效指标", "F4")]
    assert phrase in findings[0].message and findings[0].indicator == "讲座场次"


@pytest.mark.parametrize(("value", "message", "suggestion"), [
    ("≥≥95%", "指标值“≥≥95%”中的比较符号“≥≥”重复。", "请改为“≥95%”。"),
    (">=<95", "指标值“>=<95”中的比较符号“≥<”相互矛盾，无法判断。", "请只保留一个比较符号，如“≥95%”或“≤95%”。"),
    ("同上", "指标值“同上”是占位文字，不是目标值。", "请填写具体的目标值，如“≥95%”。"),
    ("abc", "指标值“abc”无法识别为目标值。", "请填写具体的目标值，如“≥95%”。"),
])
def test_messages_from_the_parser(tmp_path: Path, value: str, message: str, suggestion: str) -> None:
    [finding] = check(tmp_path, "threshold-malformed", _value(value))
    assert (finding.message, finding.suggestion, finding.value) == (message, suggestion, value)
