from pathlib import Path

from helpers import check, good_sub
from selfeval_builders import Scored, SelfProject, check_form, check_self_rowwise, good_indicators

RULE = "actual-comparable"


def _with(actual: object, target: str = "≥800件", at: int = 0) -> SelfProject:
    inds = good_indicators()
    old = inds[at]
    inds[at] = Scored(old.level1, old.level2, old.name, target, actual, old.weight, old.score, "原因说明四字")
    return SelfProject(indicators=inds)


def test_good(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []
    assert check_form(tmp_path, RULE, [_with(820)]) == []
    assert check(tmp_path, RULE, good_sub()) == []


def test_words_against_a_figure(tmp_path: Path) -> None:
    for words in ("达成预期指标", "已完成"):
        [f] = check_form(tmp_path, RULE, [_with(words)])
        assert f.cell == "E11" and f"实际完成值“{words}”不是数值" in f.message and "800件" in f.suggestion


def test_other_unit(tmp_path: Path) -> None:
    [f] = check_self_rowwise(tmp_path, RULE, [_with("3小时", "≤5天")])
    assert "单位“小时”与年度指标值“≤5天”的单位“天”不同" in f.message


def test_missing_and_qualitative(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [_with(None)])
    assert "实际完成值未填写" in f.message and f.cell == "E11"
    [f] = check_form(tmp_path, RULE, [_with("群众很满意", "明显提升", at=3)])
    assert "没有写明完成档次" in f.message
    assert check_form(tmp_path, RULE, [_with("部分达成，部分街道覆盖不足", "明显提升", at=3)]) == []
    assert check_form(tmp_path, RULE, [_with("很好", "明显提升", at=3)], grades=["很好"]) == []
