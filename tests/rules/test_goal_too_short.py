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
