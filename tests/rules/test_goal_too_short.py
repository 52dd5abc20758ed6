from pathlib import Path

from helpers import check, good_sub


def test_long_enough(tmp_path: Path) -> None:
    assert check(tmp_path, "goal-too-short", good_sub()) == []


def test_too_short(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], "做好普法工作。")
    [finding] = check(tmp_path, "goal-too-short", sub)
    assert (finding.cell, finding.value) == ("G4", "做好普法工作。")
    assert "6 个字" in finding.message
    assert check(tmp_path, "goal-too-short", sub, min_chars=5) == []


def test_one_cause_one_finding(tmp_path: Path) -> None:
    """A goal that is missing, a copy of the project name or a placeholder is reported by
    goal-missing or text-placeholder alone, not also as too short."""
    for goal in ("普法经费", "—", "无", "待定"):
        sub = good_sub()
        sub.projects[0] = (*sub.projects[0][:6], goal)
        assert check(tmp_path, "goal-too-short", sub) == [], goal
