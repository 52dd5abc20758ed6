from pathlib import Path

import pytest
from helpers import cells, check, with_indicator
from layout_builders import GOOD_INDICATORS, check_rowwise, project

RULE = "operator-invalid"


def _one(op: object, value: object, unit: object = "%") -> list[tuple[object, ...]]:
    return [("产出指标", "质量指标", "验收合格率", op, value, unit, "50"), *GOOD_INDICATORS[1:]]


@pytest.mark.parametrize(("op", "value", "unit"), [
    ("大于等于", "95", "%"), ("≥", "95", "%"), ("小于等于", "24", "小时"), ("等于", "100", "%"), ("定性", "达成", None),
    ("正向", "≥90%", None), ("反向", "有效降低", None), ("≥", "2027年12月底前完成", None), (None, "95%", None),
])
def test_operator_value_and_unit_make_one_target(tmp_path: Path, op: object, value: object, unit: object) -> None:
    assert check_rowwise(tmp_path, RULE, [project(_one(op, value, unit))]) == []


def test_unknown_operator(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("大约", "95"))])
    assert cells([finding]) == [("绩效目标", "J5")] and "指标方向“大约”无法识别" in finding.message
    assert "大于等于" in (finding.suggestion or "")


def test_qualitative_operator_with_a_number(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("定性", "95"))])
    assert finding.cell == "J5" and "却是数值目标" in finding.message and finding.value == "定性"


def test_comparison_with_prose(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("≥", "有效提升", None))])
    assert finding.cell == "J5" and "“有效提升”却不是数值" in finding.message


def test_template_direction_column_too(tmp_path: Path) -> None:
    [finding] = check(tmp_path, RULE, with_indicator("法治讲座场次", "48", direction="约", unit="场"))
    assert cells([finding]) == [("绩效指标", "E4")]
