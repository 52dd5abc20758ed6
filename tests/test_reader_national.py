"""The national per-project form is read by its labels, into the same records as the template."""

from __future__ import annotations

from pathlib import Path

from helpers import make_xlsx, validate
from layout_builders import Form, write_national
from openpyxl import load_workbook

from validator.reader import read_submission


def _only(form: Form, tmp_path: Path) -> tuple:
    sub = read_submission(write_national(tmp_path / "f.xlsx", [form]))
    assert sub.layout == "national"
    return sub, sub.rows[0]


def test_side_by_side_form(tmp_path: Path) -> None:
    sub, row = _only(Form("普法宣传"), tmp_path)
    assert (sub.department, sub.year, row.name.coord, row.name.text) == ("某市司法局", 2027, "B3", "普法宣传")
    assert [(c.coord, c.text) for c in (row.total, row.fiscal, row.other)] == [
        ("G6", "600.00"), ("G7", "500.00"), ("G8", "100.00")]
    assert row.special is None and row.goal.coord == "E10" and row.unit.text == "某市普法办"
    assert [(i.level1.text, i.name.coord, i.value.coord, i.value.text) for i in sub.indicators] == [
        ("产出指标", "G13", "H13", "≥48场"), ("效益指标", "G14", "H14", "100%"), ("满意度指标", "G15", "H15", "≥90%")]
    assert sub.sheets_found["项目信息"] == "普法宣传" and sub.columns_missing == []


def test_labels_in_any_order_width_and_spacing(tmp_path: Path) -> None:
    form = Form("法律援助", side_by_side=False, order=("goals", "funds", "department", "name"), spacers=2,
                label_width=3)
    sub, row = _only(form, tmp_path)
    assert row.name.text == "法律援助" and row.name.coord.startswith("D")
    assert row.total.text == "600.00" and row.goal.text.startswith("全年开展") and len(sub.indicators) == 3


def test_other_sources_count_towards_the_total(tmp_path: Path) -> None:
    form = Form("普法宣传", total="700", sources=(("上级补助资金", "100"),))
    sub, row = _only(form, tmp_path)
    assert [(label, cell.coord) for label, cell in row.sources] == [("上级补助资金", "G9")]
    assert "funds-row-total" not in {f.rule for f in validate(sub.path).findings}


def test_funds_that_do_not_add_up_are_located(tmp_path: Path) -> None:
    report = validate(write_national(tmp_path / "f.xlsx", [Form("普法宣传", total="650")]))
    [finding] = [f for f in report.findings if f.rule == "funds-row-total"]
    assert finding.location == "普法宣传!G6" and "财政拨款 + 其他资金 = 600.00" in finding.message


def test_inline_values_and_across_layout(tmp_path: Path) -> None:
    rows = [["某省项目支出绩效目标表（2026年度）"], ["项目名称", "普法宣传"], [],
            ["项目资金", "年度资金总额：120", "财政拨款", "其他资金"], [None, None, "100", "20"],
            ["年度总体目标", "开展普法宣传活动120场。"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "活动场次", "≥120场"]]
    sub = read_submission(make_xlsx(tmp_path / "p.xlsx", {"说明": [["填表说明"]], "普法宣传": rows}))
    row = sub.rows[0]
    assert sub.layout == "national" and sub.year == 2026
    assert (row.total.coord, row.total.text, row.fiscal.coord, row.other.coord) == ("B4", "120", "C5", "D5")
    assert row.goal.coord == "B6" and [i.value.text for i in sub.indicators] == ["≥120场"]


def test_missing_and_empty_annual_goal(tmp_path: Path) -> None:
    path = write_national(tmp_path / "f.xlsx", [Form("普法宣传", goal_label=""), Form("法律援助", goal=None)])
    sub = read_submission(path)
    assert [(m.sheet, m.column, m.what) for m in sub.columns_missing] == [("普法宣传", "年度目标", "栏目")]
    report = validate(path)
    assert ("column-missing", "普法宣传") in {(f.rule, f.location) for f in report.findings}
    assert ("goal-missing", "法律援助!E10") in {(f.rule, f.location) for f in report.findings}


def test_placeholder_rows_and_footer_are_skipped(tmp_path: Path) -> None:
    form = Form("普法宣传", side_by_side=False,
                indicators=[("产出指标", "数量指标", "法治讲座场次", "≥", "48", "场"),
                            ("产出指标", "质量指标", "指标1：", None, None, None)])
    path = write_national(tmp_path / "f.xlsx", [form])
    book = load_workbook(path)
    book["普法宣传"].append(["填表人：张三", None, "联系电话：0571-1"])
    book.save(path)
    assert [i.name.text for i in read_submission(path).indicators] == ["法治讲座场次"]


def test_every_project_sheet_is_read_and_instructions_ignored(tmp_path: Path) -> None:
    path = write_national(tmp_path / "f.xlsx", [Form("普法宣传"), Form("法律援助")])
    sub = read_submission(path)
    assert [r.name.text for r in sub.projects] == ["普法宣传", "法律援助"]
    assert {i.project.text for i in sub.indicators} == {"普法宣传", "法律援助"} and len(sub.indicators) == 6
    report = validate(path)
    assert report.layout == "national" and report.findings == ()


def test_headers_with_asides_and_annual_values_in_brackets(tmp_path: Path) -> None:
    rows = [["项目名称", "普法宣传"], ["年度资金总额", "100"], ["年度绩效目标", "开展普法宣传活动120场。"],
            ["一级指标", "二级指标", "三级指标（指标名称）", "指标值（中期）", "指标值（年度）"],
            ["产出指标", "数量指标", "活动场次", "≥360场", "≥120场"]]
    sub = read_submission(make_xlsx(tmp_path / "p.xlsx", {"普法宣传": rows}))
    assert sub.layout == "national" and [(i.name.text, i.value.coord) for i in sub.indicators] == [("活动场次", "E5")]
    assert sub.rows[0].total.coord == "B2" and sub.rows[0].goal.coord == "B3"


def test_a_form_without_annual_funds_says_so(tmp_path: Path) -> None:
    rows = [["项目名称", "普法宣传"], ["年度目标", "开展普法宣传活动120场。"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "活动场次", "≥120场"]]
    sub = read_submission(make_xlsx(tmp_path / "p.xlsx", {"普法宣传": rows}))
    assert sub.layout == "national" and sub.rows[0].total is None
    assert [(m.column, m.what) for m in sub.columns_missing] == [("年度资金总额", "栏目")]
