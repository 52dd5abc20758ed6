from pathlib import Path

from helpers import check, good_sub
from selfeval_builders import Scored, SelfProject, check_form, check_self_rowwise, good_indicators

RULE = "indicator-score"


def _with(ind: Scored) -> SelfProject:
    inds = good_indicators()
    inds[0] = ind
    return SelfProject(indicators=inds)


def test_good(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []
    assert check(tmp_path, RULE, good_sub()) == []


def test_score_above_weight(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [_with(Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "50场", 20, 22))])
    assert f.cell == "G11" and "得分 22 不在 0 与分值 20 之间" in f.message


def test_full_score_on_missed_target(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [_with(Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "40场", 20, 20))])
    assert "未达到年度指标值“≥48场”，却得满分 20" in f.message and "16.67" in f.message


def test_proportional(tmp_path: Path) -> None:
    ok = Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "40场", 20, 16.67, "原因")
    assert check_form(tmp_path, RULE, [_with(ok)]) == []
    wrong = Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "40场", 20, 12, "原因")
    [f] = check_self_rowwise(tmp_path, RULE, [_with(wrong)])
    assert "按 实际 ÷ 目标 × 分值 应约为 16.67 分" in f.message
    assert check_form(tmp_path, RULE, [_with(wrong)], proportional=False) == []


def test_at_most_target(tmp_path: Path) -> None:
    late = Scored("产出指标", "时效指标", "办结时间", "≤5天", "8天", 20, 12.5, "原因")
    assert check_form(tmp_path, RULE, [_with(late)]) == []  # 5/8 × 20
    [f] = check_form(tmp_path, RULE, [_with(Scored("产出指标", "时效指标", "办结时间", "≤5天", "4天", 20, 18))])
    assert "已达到" in f.message and "应得满分 20" in f.message


def test_qualitative_bands(tmp_path: Path) -> None:
    inds = good_indicators()
    inds[3] = Scored("效益指标", "社会效益指标", "群众法治意识", "明显提升", "部分达成", 30, 28, "原因")
    [f] = check_form(tmp_path, RULE, [SelfProject(indicators=inds)])
    assert f.cell == "G14" and "得分应在 18–24 分之间" in f.message
    inds[3].score = 20
    assert check_form(tmp_path, RULE, [SelfProject(indicators=inds)]) == []


def test_not_a_number(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [_with(Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "50场", 20, "良好"))])
    assert "得分未填写或不是数字" in f.message
