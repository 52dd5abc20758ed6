from pathlib import Path

from helpers import check, good_sub
from selfeval_builders import SelfProject, check_form, check_self_rowwise

RULE = "score-total"


def test_good(tmp_path: Path) -> None:
    assert check_form(tmp_path, RULE, [SelfProject()]) == []
    assert check_self_rowwise(tmp_path, RULE, [SelfProject()]) == []
    assert check(tmp_path, RULE, good_sub()) == []


def test_total_wrong(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [SelfProject(total_score=98)])
    assert f.cell == "G16" and "总分写为 98，各项得分合计为 96.5" in f.message


def test_total_missing(tmp_path: Path) -> None:
    [f] = check_self_rowwise(tmp_path, RULE, [SelfProject(total_score=None)])
    assert "总分未填写（各项得分合计 96.5）" in f.message


def test_grade(tmp_path: Path) -> None:
    [f] = check_form(tmp_path, RULE, [SelfProject(grade="良")])
    assert f.cell == "F17" and "总分 96.5 对应的等级是“优”" in f.message
    assert check_form(tmp_path, RULE, [SelfProject(grade="良")], grades={"优": 97, "良": 80, "中": 60, "差": 0}) == []
    [f] = check_form(tmp_path, RULE, [SelfProject(grade="A")])
    assert "不是规定的等级" in f.message
