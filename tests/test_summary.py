from datetime import datetime
from pathlib import Path

from builders import FORMULA_PROJECT, FORMULA_UNIT
from openpyxl import load_workbook

from validator.model import Report
from validator.outputs.summary import rule_statistics, write_summary


def read(path: Path) -> dict[str, list[list[object]]]:
    workbook = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook.worksheets}


def test_overview_has_one_row_per_submission(report: Report, tmp_path: Path) -> None:
    sheets = read(write_summary(report, tmp_path / "summary.xlsx"))
    assert list(sheets) == ["汇总", "问题明细", "规则统计"]
    _title, header, *rows, _totals = sheets["汇总"]
    assert header == ["单位", "文件", "接收时间", "审核结论", "错误数", "提示数", "项目数", "常见问题", "表格"]
    assert [r[1] for r in rows] == ["司法局2026.xlsx", "教育局.xlsx", "文旅局2026.xlsx", "卫健委.xls"]
    assert [r[3] for r in rows] == ["退回修改", "通过（有提示）", "通过", "退回修改（文件无法读取）"]
    assert [(r[4], r[5], r[6]) for r in rows] == [(3, 2, 2), (0, 1, 1), (0, 0, 1), (1, 0, 0)]
    assert rows[0][2] == datetime(2026, 11, 20, 9, 30)
    assert rows[0][7] == "amount-sum（1）、control-amount（1）、项目重复填报（1）"  # titles; unknown ids stay ids
    assert rows[2][7] is None or rows[2][7] == ""


def test_details_list_every_finding(report: Report, tmp_path: Path) -> None:
    header, *rows = read(write_summary(report, tmp_path / "s.xlsx"))["问题明细"]
    assert header[:4] == ["单位", "文件", "级别", "位置"]
    assert len(rows) == sum(len(f.findings) for f in report.files) == 7
    assert rows[0][:4] == ["某市司法局", "司法局2026.xlsx", "错误", "项目绩效目标!E3"]


def test_rule_counts_and_files_affected(report: Report, tmp_path: Path) -> None:
    header, *rows = read(write_summary(report, tmp_path / "s.xlsx"))["规则统计"]
    assert header == ["规则", "说明", "出现次数", "其中错误", "其中提示", "涉及文件数"]
    table = {row[0]: (row[2], row[3], row[4], row[5]) for row in rows}
    assert table["value-qualitative"] == (2, 0, 2, 2)
    assert table["amount-sum"] == (1, 1, 0, 1)
    assert sum(v[0] for v in table.values()) == sum(report.rule_counts().values())
    assert rows[0][0] == "value-qualitative"  # most frequent first


def test_rule_titles_explain_the_rules(report: Report, tmp_path: Path) -> None:
    titles = {"amount-sum": "资金合计不符", "value-qualitative": "定性指标值"}
    sheets = read(write_summary(report, tmp_path / "s.xlsx", rule_titles=titles))
    assert sheets["规则统计"][1][:2] == ["value-qualitative", "定性指标值"]
    assert [row[1] for row in sheets["规则统计"] if row[0] == "project-duplicate"] == [None]


def test_every_sheet_has_frozen_header_filter_and_widths(report: Report, tmp_path: Path) -> None:
    for ws in load_workbook(write_summary(report, tmp_path / "s.xlsx")).worksheets:
        top = 2 if ws.title == "汇总" else 1  # 汇总 has its title row above the header
        assert ws.freeze_panes == f"A{top + 1}"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{top}:")
        assert ws.column_dimensions["A"].width > 8


def test_overview_has_a_title_row_and_a_totals_row(report: Report, tmp_path: Path) -> None:
    path = write_summary(report, tmp_path / "s.xlsx", office="某市财政局", today=datetime(2026, 12, 1).date())
    ws = load_workbook(path)["汇总"]
    assert ws["A1"].value == "2026年度项目支出绩效目标审核汇总\n（审核单位：某市财政局，制表日期：2026年12月1日）"
    assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    totals = [c.value for c in ws[ws.max_row]]
    assert totals[0] == "合计（4个文件）" and totals[4:7] == [4, 3, 4]
    assert totals[3] == "退回修改1、通过（有提示）1、通过1、退回修改（文件无法读取）1"
    assert ws[ws.max_row][0].font.bold


def test_no_column_cuts_its_text(report: Report, tmp_path: Path) -> None:
    ws = load_workbook(write_summary(report, tmp_path / "s.xlsx"))["汇总"]
    verdicts = [ws.cell(row=r, column=4).value for r in range(3, ws.max_row)]
    assert "退回修改（文件无法读取）" in verdicts
    assert ws.column_dimensions["D"].width >= 2 * len("退回修改（文件无法读取）")  # CJK characters are double width


def test_submission_text_is_never_a_formula(report: Report, tmp_path: Path) -> None:
    workbook = load_workbook(write_summary(report, tmp_path / "s.xlsx"))
    unit = workbook["汇总"]["A4"]
    assert unit.data_type == "s" and unit.value == FORMULA_UNIT
    project = [c for c in workbook["问题明细"]["E"] if c.value == FORMULA_PROJECT]
    assert project and all(c.data_type == "s" for c in project)
    for ws in workbook.worksheets:
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_empty_report_writes_headers_only(tmp_path: Path) -> None:
    sheets = read(write_summary(Report(), tmp_path / "s.xlsx"))
    assert [len(rows) for rows in sheets.values()] == [3, 1, 1]  # 汇总: title, header, totals


def test_rule_statistics_is_plain_data(report: Report) -> None:
    rows = rule_statistics(report)
    assert rows[0] == ("value-qualitative", None, 2, 0, 2, 2)


def test_every_sheet_prints_across_one_landscape_page(report: Report, tmp_path: Path) -> None:
    for ws in load_workbook(write_summary(report, tmp_path / "s.xlsx")).worksheets:
        assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape"), ws.title  # 9 = A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == ("$1:$2" if ws.title == "汇总" else "$1:$1"), ws.title


def test_the_totals_row_wraps_instead_of_widening_columns(report: Report, tmp_path: Path) -> None:
    ws = load_workbook(write_summary(report, tmp_path / "s.xlsx"))["汇总"]
    assert ws.column_dimensions["D"].width < 2 * len("退回修改1、通过（有提示）1、通过1、退回修改（文件无法读取）1")
    assert ws.cell(ws.max_row, 4).alignment.wrap_text and ws.row_dimensions[ws.max_row].height > 15
