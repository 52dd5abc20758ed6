from pathlib import Path

from helpers import cells, check, good_sub


def test_goal_present(tmp_path: Path) -> None:
    assert check(tmp_path, "goal-missing", good_sub()) == []


def test_goal_empty(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], None)
    assert cells(check(tmp_path, "goal-missing", sub)) == [("项目信息", "G4")]


def test_goal_copies_name(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], "普法 经费")
    [finding] = check(tmp_path, "goal-missing", sub)
    assert "照抄" in finding.message


def test_a_dash_is_no_goal(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], "—")
    [finding] = check(tmp_path, "goal-missing", sub)
    assert (finding.cell, finding.message) == ("G4", "未填写绩效目标。")
