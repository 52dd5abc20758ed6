from datetime import datetime
from pathlib import Path

import pytest
from helpers import cells, check, good_sub, with_indicator

RULE = "date-serial"
NAME = "项目完成时间"



def test_template(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []


@pytest.mark.parametrize(("value", "name", "unit"), [
    ("2023年12月31日前完成", "项目完成时间", None),
    ("≤30天", "项目完成时间", None),
    ("44561人次", "培训人次", None),
    ("44561", "培训人数", None),
    ("44561", "项目完成时间", "人次"),
])
def test_not_a_date(tmp_path: Path, value: str, name: str, unit: str | None) -> None:
    assert check(tmp_path, RULE, with_indicator(name, value, unit=unit)) == []


@pytest.mark.parametrize(("value", "message"), [
    ("44561", "指标值“44561”像是Excel日期序列号，显示为日期2021-12-31。"),
    (20231231, "指标值“20231231”像是以数字填写的日期（2023-12-31）。"),
    (datetime(2023, 12, 31), "指标值单元格是日期（2023-12-31），不是目标值。"),
])
def test_date(tmp_path: Path, value: object, message: str) -> None:
    [finding] = check(tmp_path, RULE, with_indicator(NAME, value))
    assert cells([finding]) == [("绩效指标", "F4")]
    assert finding.message == message
    assert finding.value and finding.value.startswith(str(value)[:8])
    assert "年" in (finding.suggestion or "") and "日前完成" in (finding.suggestion or "")


def test_not_reported_twice(tmp_path: Path) -> None:
    assert check(tmp_path, "threshold-malformed", with_indicator(NAME, "44561")) == []
