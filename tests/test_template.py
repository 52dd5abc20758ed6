"""The standard template: structure, mistake-proofing, the committed copy, pre-filling."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import assert_same_cells, validate
from openpyxl import load_workbook

from validator.cli import cli
from validator.config.loader import load_config
from validator.outputs.sheetout import wrapped_lines
from validator.template.writer import BudgetLine, default_year, write_template

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "templates" / "项目支出绩效目标表模板.xlsx"


@pytest.fixture
def book(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_workbook(write_template(tmp_path / "t.xlsx", year=2027, department="某市司法局"))


def test_sheets_and_visibility(book) -> None:  # type: ignore[no-untyped-def]
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states == {"填报说明": "visible", "项目信息": "visible", "绩效指标": "visible",
                      "下拉列表": "hidden", "模板信息": "hidden", "控制数": "hidden"}
    meta = {row[0].value: row[1].value for row in book["模板信息"].iter_rows()}
    assert meta["template_id"] == "xmzc-jxmb" and meta["year"] == "2027" and meta["department"] == "某市司法局"


def test_headers_and_frozen_panes(book) -> None:  # type: ignore[no-untyped-def]
    projects, indicators = book["项目信息"], book["绩效指标"]
    assert [c.value for c in projects[3]] == ["项目名称", "资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]
    assert [c.value for c in indicators[3]] == ["项目名称", "一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位", "指标解释/备注"]
    assert projects.freeze_panes == "B4" and indicators.freeze_panes == "B4"
    assert projects.column_dimensions["C"].number_format == "#,##0.00"
    assert indicators.column_dimensions["F"].number_format == "@"  # 95% stays text
    assert projects.column_dimensions["A"].width == 36


def test_sheets_print_on_a4_one_page_wide_with_headers_repeated(book) -> None:  # type: ignore[no-untyped-def]
    for title, orientation, titles in (("填报说明", "portrait", None), ("项目信息", "landscape", "$1:$3"),
                                       ("绩效指标", "landscape", "$1:$3")):
        ws = book[title]
        assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, orientation), title  # 9 = A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, title
        assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == titles, title


def test_guide_names_the_columns_of_the_example_and_shows_every_line(book) -> None:  # type: ignore[no-untyped-def]
    ws = book["填报说明"]
    lines = [c.value for c in ws["A"] if c.value]
    header = "绩效指标表每行各列依次为：项目名称 | 一级指标 | 二级指标 | 三级指标 | 指标方向 | 指标值 | 计量单位 | 指标解释/备注"
    assert lines.index(header) == lines.index(next(x for x in lines if x.startswith("绩效指标：普法经费"))) - 1
    for cell in ws["A"][2:]:
        if cell.value and wrapped_lines(cell.value, 72) > 1:  # wider than one line of the 72-wide column
            assert (ws.row_dimensions[cell.row].height or 0) >= 30, cell.value
    assert any(ws.row_dimensions[row].height for row in range(3, 11))  # some guide lines do wrap


def _validations(ws) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}


def test_dropdowns_point_at_ranges_never_long_inline_lists(book) -> None:  # type: ignore[no-untyped-def]
    dvs = _validations(book["绩效指标"])
    assert dvs["A4"].formula1 == "='项目信息'!$A$4:$A$203"
    assert dvs["B4"].formula1 == "=一级指标"
    assert dvs["C4"].formula1 == "=INDIRECT($B4)"
    for ws in (book["项目信息"], book["绩效指标"]):
        for dv in ws.data_validations.dataValidation:
            assert dv.formula1 is None or len(dv.formula1) < 255
            assert dv.prompt  # every input has a Chinese prompt
    amounts = _validations(book["项目信息"])["C4"]
    assert (amounts.type, amounts.operator, amounts.formula1) == ("decimal", "greaterThanOrEqual", "0")


def test_named_ranges_for_dependent_lists(book) -> None:  # type: ignore[no-untyped-def]
    names = book.defined_names
    assert names["一级指标"].attr_text == "'下拉列表'!$A$2:$A$5"
    lists = book["下拉列表"]
    level1 = [lists.cell(r, 1).value for r in range(2, 6)]
    assert level1 == ["产出指标", "成本指标", "效益指标", "满意度指标"]
    target = names["效益指标"].attr_text.split("!")[1].replace("$", "")
    values = [c.value for row in lists[target] for c in row]
    assert "社会效益指标" in values and "数量指标" not in values


def test_empty_template_reads_as_template_without_projects(tmp_path: Path) -> None:
    report = validate(write_template(tmp_path / "t.xlsx", year=2027))
    assert [f.rule for f in report.findings] == ["field-required"]
    assert report.layout == "template" and report.year == 2027


def test_committed_template_is_in_sync(tmp_path: Path) -> None:
    committed = load_workbook(COMMITTED)
    year = int(committed["模板信息"]["B3"].value)
    fresh = load_workbook(write_template(tmp_path / "t.xlsx", year=year,
                                         rules_checksum=load_config(REPO / "rules.yaml").checksum))
    assert_same_cells(committed, fresh)
    assert set(committed.defined_names) == set(fresh.defined_names)


def test_default_year_is_next_year() -> None:
    from datetime import date

    assert default_year(date(2026, 11, 28)) == 2027


def test_prefilled_per_unit_from_csv(tmp_path: Path) -> None:
    budget = tmp_path / "清单.csv"
    budget.write_text("单位,项目名称,总计,财政拨款,财政专户拨款,其他资金\n"
                      "某市司法局,普法经费,600,500,,100\n某市司法局,购置经费,48,48,,\n"
                      "某市公证处,公证信息化,\"1,200.50\",1200.50,,\n", encoding="utf-8-sig")
    result = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "out"), "--budget-list", str(budget), "--year", "2027"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["2027年项目支出绩效目标表_某市公证处.xlsx", "2027年项目支出绩效目标表_某市司法局.xlsx"]
    book = load_workbook(tmp_path / "out" / files[1])
    ws = book["项目信息"]
    assert [ws["A4"].value, ws["C4"].value, ws["F4"].value, ws["A5"].value] == ["普法经费", 600, 100, "购置经费"]
    control = [[c.value for c in r] for r in book["控制数"].iter_rows(min_row=2)]
    assert control == [["普法经费", "600", "500", None, "100"], ["购置经费", "48", "48", None, None]]
    notary = load_workbook(tmp_path / "out" / files[0])["项目信息"]
    assert Decimal(str(notary["C4"].value)) == Decimal("1200.50")


def test_prefilled_from_xlsx_budget_list(tmp_path: Path) -> None:
    from helpers import make_xlsx

    from validator.template.budget_list import read_budget_list

    path = make_xlsx(tmp_path / "b.xlsx", {"清单": [["2027年预算清单"], [], ["部门名称", "项目名称", "总计"], ["甲局", "项目一", 10.5]]})
    assert read_budget_list(path) == {"甲局": [BudgetLine("项目一", Decimal("10.5"))]}


def test_bad_budget_list_is_a_usage_error(tmp_path: Path) -> None:
    budget = tmp_path / "bad.csv"
    budget.write_text("甲,乙\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "out"), "--budget-list", str(budget)])
    assert result.exit_code == 2 and "未找到“单位”和“项目名称”列" in result.output


def test_template_output_must_be_xlsx(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["template", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "请以 .xlsx 结尾" in result.output and "x.docx" in result.output
    assert not (tmp_path / "x.docx").exists()
