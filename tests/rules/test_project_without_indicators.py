from pathlib import Path

from helpers import GOOD_GOAL, cells, check, good_sub


def test_every_project_has_indicators(tmp_path: Path) -> None:
    assert check(tmp_path, "project-without-indicators", good_sub()) == []


def test_project_with_none(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.append(("购置经费", "某市司法局", 48, 48, 0, 0, GOOD_GOAL))
    assert cells(check(tmp_path, "project-without-indicators", sub)) == [("项目信息", "A5")]
