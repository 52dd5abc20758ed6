"""The budget-system export (one indicator per row) becomes the same records as the template."""

from __future__ import annotations

from pathlib import Path

from helpers import make_xlsx, validate
from layout_builders import GOOD_INDICATORS, RowProject, write_rowwise
from openpyxl import load_workbook

from validator.reader import read_submission
from validator.records import RowKind

TWO = [RowProject("普法经费", "600.00", "500.00", "100.00"), RowProject("购置经费", "48", "48", None)]


def test_merged_down_project_fields(tmp_path: Path) -> None:
    sub = read_submission(write_rowwise(tmp_path / "x.xlsx", TWO))
    assert sub.layout == "rowwise" and sub.department == "某市司法局" and sub.year == 2027
    assert [(r.name.coord, r.total.coord if r.total else None, r.goal.coord if r.goal else None)
            for r in sub.rows] == [("B5", "C5", "F5"), ("B8", "C8", "F8")]
    assert [i.project.coord for i in sub.indicators] == ["B5"] * 3 + ["B8"] * 3
    first = sub.indicators[0]
    assert (first.name.coord, first.value.coord, first.direction.text, first.unit.text, first.weight.text) == (
        "I5", "K5", "≥", "场", "50")
    assert sub.columns_missing == [] and sub.projects[1].other is not None and sub.projects[1].other.empty


def test_repeated_project_fields_read_once(tmp_path: Path) -> None:
    sub = read_submission(write_rowwise(tmp_path / "x.xlsx", TWO, merge=False))
    assert [r.name.text for r in sub.rows] == ["普法经费", "购置经费"] and len(sub.indicators) == 6
    assert sub.rows[0].total.coord == "C5"


def test_synonyms_and_column_order(tmp_path: Path) -> None:
    columns = ("目标值", "计量单位", "指标方向", "指标名称", "二级指标", "一级指标", "年度目标", "分值", "资金总额",
               "财政拨款", "项目名称", "预算单位")
    sub = read_submission(write_rowwise(tmp_path / "x.xlsx", TWO, columns=columns))
    assert sub.layout == "rowwise" and [r.name.coord for r in sub.rows] == ["K5", "K8"]
    assert sub.indicators[0].value.coord == "A5" and sub.indicators[0].weight.coord == "H5"
    assert sub.rows[0].other is None


def test_blank_name_cells_continue_the_project(tmp_path: Path) -> None:
    rows = [["项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["普法经费", 600, "目标", *GOOD_INDICATORS[0][:3], "≥48场"],
            [None, None, None, *GOOD_INDICATORS[1][:3], "100%"],
            [],
            [None, None, None, *GOOD_INDICATORS[2][:3], "≥90%"]]
    sub = read_submission(make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}))
    assert [r.name.text for r in sub.rows] == ["普法经费"] and len(sub.indicators) == 3
    assert {i.project.coord for i in sub.indicators} == {"A2"}


def test_several_units_in_blocks(tmp_path: Path) -> None:
    projects = [TWO[0], RowProject("法律援助", "50", "50", None, unit="某区司法局")]
    sub = read_submission(write_rowwise(tmp_path / "x.xlsx", projects, unit_blocks=True))
    assert [(r.name.text, r.department) for r in sub.projects] == [("普法经费", "某市司法局"), ("法律援助", "某区司法局")]
    assert sub.department == "某市司法局等2个单位" and sub.repeated_headers == []


def test_several_units_in_a_column(tmp_path: Path) -> None:
    projects = [TWO[0], RowProject("普法经费", "50", "50", None, unit="某区司法局")]
    sub = read_submission(write_rowwise(tmp_path / "x.xlsx", projects, title_lines=False))
    assert [(r.name.coord, r.department) for r in sub.projects] == [("B2", "某市司法局"), ("B5", "某区司法局")]
    assert sub.projects[1].unit is not None and sub.projects[1].unit.text == "某区司法局"


def test_total_row_and_missing_columns(tmp_path: Path) -> None:
    rows = [["项目名称", "预算数", "一级指标", "三级指标", "指标值"], ["普法经费", 600, "产出指标", "场次", "≥48场"],
            ["合计", 600, None, None, None]]
    sub = read_submission(make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}))
    assert [r.kind for r in sub.rows] == [RowKind.PROJECT, RowKind.TOTAL]
    assert [m.column for m in sub.columns_missing] == ["年度目标", "二级指标"]


def test_template_indicator_sheet_is_not_an_export(tmp_path: Path) -> None:
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], ["普法经费", "产出指标", "数量指标", "场次", "≥48场"]]
    assert read_submission(make_xlsx(tmp_path / "x.xlsx", {"绩效指标": rows})).layout == "template"


def test_every_rule_applies(tmp_path: Path) -> None:
    bad = RowProject("普法经费", "600.00", "500.00", "90.00", goal=None,
                     indicators=[("产出指标", "数量指标", "法治讲座场次", "≥", "待定", "场", "100")])
    report = validate(write_rowwise(tmp_path / "x.xlsx", [bad]))
    assert report.layout == "rowwise"
    assert {(f.rule, f.location) for f in report.findings} == {
        ("funds-row-total", "绩效目标!C5"), ("goal-missing", "绩效目标!F5"), ("threshold-malformed", "绩效目标!K5"),
        ("category-missing", "绩效目标!B5"),
    }


def test_department_line_names_the_submitter_of_several_units(tmp_path: Path) -> None:
    rows = [["部门名称：某市司法局"], ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "三级指标", "指标值"],
            ["某市法律援助中心", "法律援助", 50, "目标", "产出指标", "案件数", "≥300件"],
            ["某市公证处", "公证服务", 20, "目标", "产出指标", "公证件数", "≥100件"]]
    sub = read_submission(make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}))
    assert sub.department == "某市司法局"
    assert [r.department for r in sub.projects] == ["某市法律援助中心", "某市公证处"]


def test_two_row_header_with_national_words_is_still_an_export(tmp_path: Path) -> None:
    rows = [["项目名称", "年度资金总额", None, "年度目标", "绩效指标", None, None],
            [None, "合计", "财政拨款", None, "一级指标", "三级指标", "指标值"],
            ["普法经费", 600, 600, "目标", "产出指标", "场次", "≥48场"]]
    path = make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows})
    book = load_workbook(path)
    book["Sheet1"].merge_cells("A1:A2")
    book["Sheet1"].merge_cells("D1:D2")
    book.save(path)
    sub = read_submission(path)
    assert sub.layout == "rowwise" and [r.name.coord for r in sub.rows] == ["A3"]
    assert sub.rows[0].total is not None and sub.rows[0].total.coord == "B3"
