from pathlib import Path

from helpers import check, good_sub
from selfeval_builders import SelfProject, check_form, check_self_rowwise, good_indicators

RULE = "score-weights"


def test_good(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []
    assert check(tmp_path, RULE, good_sub()) == []


def test_share_and_total_differ(tmp_path: Path) -> None:
    inds = good_indicators()
    inds[0].weight = 15  # 产出 45, total 95
    findings = check_form(tmp_path, RULE, [SelfProject(indicators=inds, total_weight=95)])
    messages = [f.message for f in findings]
    assert any("各项分值合计 95 分，应为 100 分" in m for m in messages)
    assert any("“产出”部分分值合计 45 分，应为 50 分" in m for m in messages)
    assert [f.cell for f in findings if "产出" in f.message] == ["F11"]


def test_stated_total_row(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [SelfProject(total_weight=90)])
    assert f.cell == "F16" and "总分一行的分值写为 90" in f.message


def test_options(tmp_path: Path) -> None:
    inds = good_indicators()
    inds[0].weight = 15
    assert check_form(tmp_path, RULE, [SelfProject(indicators=inds, total_weight=95)], total=95,
                      shares={"产出": 45}) == []
    assert check_form(tmp_path, RULE, [SelfProject(indicators=inds, total_weight=95)], total=None, shares={}) == []


def test_weight_total_leaves_self_evaluations_to_this_rule(tmp_path: Path) -> None:
    # The indicators' 分值 add to 90 (预算执行率 has the other 10): weight-total would say 90 ≠ 100.
    assert check_form(tmp_path, "weight-total", [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, "weight-total", [SelfProject()]) == []
