from pathlib import Path

from helpers import GOOD_GOAL, Sub, cells, check, good_sub


def test_complete_rows_pass(tmp_path: Path) -> None:
    assert check(tmp_path, "field-required", good_sub()) == []


def test_empty_level2_is_reported_at_its_cell(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators[1] = ("普法经费", "效益指标", None, "覆盖率", "=", "100", "%", "")
    findings = check(tmp_path, "field-required", sub)
    assert cells(findings) == [("绩效指标", "C5")]
    assert "二级指标" in findings[0].message and findings[0].project == "普法经费"


def test_project_without_total(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.append(("购置经费", "某市司法局", None, 10, 0, 0, GOOD_GOAL))
    assert cells(check(tmp_path, "field-required", sub)) == [("项目信息", "C5")]


def test_required_set_is_configurable(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", None, 600, 500, 0, 100, GOOD_GOAL)
    assert check(tmp_path, "field-required", sub) == []
    findings = check(tmp_path, "field-required", sub, project_fields=["项目名称", "资金使用单位"])
    assert cells(findings) == [("项目信息", "B4")]


def test_no_project_at_all(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "field-required", Sub())
    assert "没有填写任何项目" in finding.message and finding.sheet == "项目信息"
