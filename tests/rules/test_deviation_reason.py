from pathlib import Path

from helpers import check, good_sub
from selfeval_builders import Scored, SelfProject, check_form, check_self_rowwise, good_indicators

RULE = "deviation-reason"


def _with(actual: object, score: object, reason: str) -> SelfProject:
    inds = good_indicators()
    inds[0] = Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", actual, 20, score, reason)
    return SelfProject(indicators=inds)


def test_good(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []
    assert check(tmp_path, RULE, good_sub()) == []
    assert check_form(tmp_path, RULE, [_with("40场", 16.67, "两个区场地改造，明年补齐")]) == []


def test_missing_reason(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [_with("50场", 16, "")])
    assert f.cell == "H11" and "得分 16 低于分值 20" in f.message
    [f] = check_self_rowwise(tmp_path, RULE, [_with("40场", 20, "无")])
    assert "实际完成值未达到年度指标值" in f.message


def test_min_length(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [_with("50场", 16, "天气")]) != []
    assert check_form(tmp_path, RULE, [_with("50场", 16, "天气")], min_length=2) == []
