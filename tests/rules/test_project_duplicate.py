from pathlib import Path

from helpers import GOOD_GOAL, cells, check, good_sub


def test_unique_names(tmp_path: Path) -> None:
    assert check(tmp_path, "project-duplicate", good_sub()) == []


def test_duplicate_despite_spaces(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.append(("普法 经费", "某市司法局", 10, 10, 0, 0, GOOD_GOAL))
    findings = check(tmp_path, "project-duplicate", sub)
    assert cells(findings) == [("项目信息", "A5")]
    assert "A4" in findings[0].message
