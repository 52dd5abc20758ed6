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
