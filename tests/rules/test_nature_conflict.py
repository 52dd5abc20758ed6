from pathlib import Path

import pytest
from helpers import cells
from layout_builders import GOOD_INDICATORS, check_rowwise, project

RULE = "nature-conflict"
BOTH = ("项目名称", "预算数（万元）", "其中：财政拨款", "其他资金", "年度绩效目标", "一级指标", "二级指标", "三级指标",
        "指标方向", "指标值", "度量单位", "权重", "指标方向性")


def _one(op: object, value: object, nature: object, unit: object = "%") -> list[tuple[object, ...]]:
    return [("产出指标", "质量指标", "验收合格率", op, value, unit, "50", nature), *GOOD_INDICATORS[1:]]


@pytest.mark.parametrize(("op", "value", "nature"), [
    ("≥", "95", "正向指标"), ("大于等于", "95", "正向"), ("≤", "5", "反向指标"), ("=", "100", "正向"),
    ("定性", "达成", "定性"), (None, "≤5%", "反向"), (None, "95%", None),
])
def test_consistent(tmp_path: Path, op: object, value: object, nature: object) -> None:
    assert check_rowwise(tmp_path, RULE, [project(_one(op, value, nature))], columns=BOTH) == []


def test_positive_with_at_most(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("小于等于", "95", "正向"))], columns=BOTH)
    assert cells([finding]) == [("绩效目标", "I5")]
    assert "指标性质“正向”与比较符号“≤”矛盾" in finding.message and "越大越好" in finding.message


def test_negative_with_at_least_in_the_value(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one(None, "≥90%", "反向指标", None))], columns=BOTH)
    assert finding.cell == "J5" and "越小越好" in finding.message


def test_qualitative_nature_with_a_number(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("≥", "48", "定性", "场"))], columns=BOTH)
    assert finding.cell == "M5" and "却是数值目标" in finding.message


def test_property_column_is_the_nature_when_an_operator_column_exists(tmp_path: Path) -> None:
    columns = tuple("指标性质" if c == "指标方向性" else c for c in BOTH)
    [finding] = check_rowwise(tmp_path, RULE, [project(_one("≤", "95", "正向"))], columns=columns)
    assert finding.cell == "I5"
