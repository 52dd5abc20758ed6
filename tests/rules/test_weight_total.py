from pathlib import Path

from helpers import cells, check, good_sub
from layout_builders import GOOD_INDICATORS, check_rowwise, project

RULE = "weight-total"


def _weights(*weights: object) -> list[tuple[object, ...]]:
    return [(*row[:6], w) for row, w in zip(GOOD_INDICATORS, weights, strict=True)]


def test_weights_add_up(tmp_path: Path) -> None:
    assert check_rowwise(tmp_path, RULE, [project(_weights("50", 30, "20分"))]) == []


def test_no_weights_no_check(tmp_path: Path) -> None:
    assert check(tmp_path, RULE, good_sub()) == []
    assert check_rowwise(tmp_path, RULE, [project(_weights(None, None, None))]) == []


def test_total_differs(tmp_path: Path) -> None:
    [finding] = check_rowwise(tmp_path, RULE, [project(_weights("50", "30", "10"))])
    assert cells([finding]) == [("绩效目标", "B5")]
    assert "权重合计 90 分，应为 100 分（相差 -10）" in finding.message and finding.project == "普法经费"


def test_total_option_90(tmp_path: Path) -> None:
    assert check_rowwise(tmp_path, RULE, [project(_weights("50", "30", "10"))], total=90) == []


def test_total_null_skips_the_total(tmp_path: Path) -> None:
    assert check_rowwise(tmp_path, RULE, [project(_weights("50", "30", "10"))], total=None) == []


def test_shares(tmp_path: Path) -> None:
    findings = check_rowwise(tmp_path, RULE, [project(_weights("60", "30", "10"))], total=100,
                             shares={"产出": 50, "效益指标": 30, "满意度": 20})
    assert cells(findings) == [("绩效目标", "M5"), ("绩效目标", "M7")]
    assert "“产出”类指标权重合计 60 分，应为 50 分" in findings[0].message


def test_missing_and_textual_weights(tmp_path: Path) -> None:
    findings = check_rowwise(tmp_path, RULE, [project(_weights("五十", None, "20"))])
    assert cells(findings) == [("绩效目标", "M5"), ("绩效目标", "M6")]
    assert "“五十”不是数字" in findings[0].message and "未填写" in findings[1].message
