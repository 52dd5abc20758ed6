from collections.abc import Callable
from pathlib import Path

import pytest
from builders import FORMULA_PROJECT, SHEET, TEMPLATE_ROWS, error, failed_file, passed_file, unreadable_file, warning
from openpyxl import load_workbook
from openpyxl.comments import Comment

from validator.model import FileReport, Report
from validator.outputs.annotate import ERROR_FILL, SHEET_TITLE, WARNING_FILL, annotate_all, annotate_workbook

MakeWorkbook = Callable[..., Path]


def annotated(make_workbook: MakeWorkbook, tmp_path: Path, file_report: FileReport | None = None) -> tuple[Path, Path, bytes]:
    source = make_workbook(TEMPLATE_ROWS)
    before = source.read_bytes()
    target = annotate_workbook(file_report or failed_file(), source, tmp_path / "out" / "annotated.xlsx")
    assert target is not None
    return source, target, before


def colour(cell) -> str:
    return cell.fill.fgColor.rgb


def test_source_is_untouched(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source, target, before = annotated(make_workbook, tmp_path)
    assert source.read_bytes() == before
    assert target != source and target.is_file()


def test_cells_are_filled_error_red_warning_yellow(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path)
    ws = load_workbook(target)[SHEET]
    assert colour(ws["E3"]) == ERROR_FILL.fgColor.rgb
    assert colour(ws["B4"]) == ERROR_FILL.fgColor.rgb
    assert colour(ws["D3"]) == WARNING_FILL.fgColor.rgb
    assert ws["A2"].fill.fill_type is None


def test_error_wins_when_a_cell_has_both(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    report = FileReport(path="x.xlsx", findings=(warning("C2", "提示一"), error("C2", "错误一")))
    _, target, _ = annotated(make_workbook, tmp_path, report)
    assert colour(load_workbook(target)[SHEET]["C2"]) == ERROR_FILL.fgColor.rgb


def test_several_findings_share_one_comment(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path)
    text = load_workbook(target)[SHEET]["E3"].comment.text
    assert "【错误】总计 100.00 不等于各项资金之和 90.00" in text
    assert "修改建议：核对总计与财政拨款、其他资金" in text
    assert "【错误】总计与控制数不一致" in text and "修改建议：按控制数填报" in text


def test_existing_comment_is_kept(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source = make_workbook(TEMPLATE_ROWS)
    workbook = load_workbook(source)
    workbook[SHEET]["E3"].comment = Comment("单位自己的说明", "填报人")
    workbook.save(source)
    target = annotate_workbook(failed_file(), source, tmp_path / "a.xlsx")
    assert "（原批注）单位自己的说明" in load_workbook(target)[SHEET]["E3"].comment.text


def test_findings_sheet_comes_first_with_links(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path)
    workbook = load_workbook(target)
    assert workbook.sheetnames == [SHEET_TITLE, SHEET]
    assert workbook.active.title == SHEET_TITLE
    ws = workbook[SHEET_TITLE]
    assert [c.value for c in ws[1]] == ["序号", "级别", "位置", "项目", "指标", "问题", "修改建议"]  # no rule ids for the unit
    assert ws.max_row == 1 + len(failed_file().findings)
    assert [ws.cell(row, 2).value for row in range(2, 7)] == ["错误"] * 3 + ["提示"] * 2
    assert ws["C2"].value == f"{SHEET}!E3"
    assert ws["C2"].hyperlink.location == f"'{SHEET}'!E3"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G6"
    assert all(ws.column_dimensions[letter].width >= 6 for letter in "ABCDEFG")
    assert not any(cell.value in {f.rule for f in failed_file().findings} for row in ws.iter_rows() for cell in row)


def test_finding_without_a_cell_has_no_link(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path)
    ws = load_workbook(target)[SHEET_TITLE]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 6).value == "缺少成本指标")
    assert ws.cell(row, 3).value is None and ws.cell(row, 3).hyperlink is None


def test_unknown_sheet_or_text_coordinates_are_listed_not_linked(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    findings = (error("A1", "工作表不存在", sheet="没有这张表"), error("第3行第2列", "文本坐标"))
    _, target, _ = annotated(make_workbook, tmp_path, FileReport(path="x.xlsx", findings=findings))
    ws = load_workbook(target)[SHEET_TITLE]
    assert ws.max_row == 3 and ws["C2"].hyperlink is None and ws["C3"].hyperlink is None


def test_submission_text_never_becomes_a_formula(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    report = FileReport(path="x.xlsx", findings=(error("B4", "=SUM(A1:A9)", project=FORMULA_PROJECT,
                                                       indicator="#N/A", suggestion="=1+1"),))
    _, target, _ = annotated(make_workbook, tmp_path, report)
    ws = load_workbook(target)[SHEET_TITLE]
    for coord, text in (("D2", FORMULA_PROJECT), ("E2", "#N/A"), ("F2", "=SUM(A1:A9)"), ("G2", "=1+1")):
        assert ws[coord].data_type == "s" and ws[coord].value == text


def test_merged_cell_is_marked_at_its_top_left(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source = make_workbook(TEMPLATE_ROWS)
    workbook = load_workbook(source)
    workbook[SHEET].merge_cells("A2:A4")
    workbook.save(source)
    target = annotate_workbook(FileReport(path="x.xlsx", findings=(error("A3", "合并单元格内"),)), source,
                               tmp_path / "a.xlsx")
    workbook = load_workbook(target)
    assert colour(workbook[SHEET]["A2"]) == ERROR_FILL.fgColor.rgb
    assert workbook[SHEET_TITLE]["C2"].hyperlink.location == f"'{SHEET}'!A2"


def test_quote_in_sheet_name_is_escaped(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source = make_workbook(TEMPLATE_ROWS, sheet="O'Brien")
    report = FileReport(path="x.xlsx", findings=(error("B2", "x", sheet="O'Brien"),))
    target = annotate_workbook(report, source, tmp_path / "a.xlsx")
    assert load_workbook(target)[SHEET_TITLE]["C2"].hyperlink.location == "'O''Brien'!B2"


def test_existing_findings_sheet_gets_a_new_name(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source = make_workbook(TEMPLATE_ROWS, extra_sheets=[SHEET_TITLE])
    target = annotate_workbook(failed_file(), source, tmp_path / "a.xlsx")
    assert load_workbook(target).sheetnames[:1] == [f"{SHEET_TITLE}2"]


def test_clean_submission_still_gets_a_copy(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path, passed_file())
    ws = load_workbook(target)[SHEET_TITLE]
    assert ws["F2"].value == "未发现问题。"


def test_unreadable_and_non_workbook_inputs_get_no_copy(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    source = make_workbook(TEMPLATE_ROWS)
    assert annotate_workbook(unreadable_file(), source, tmp_path / "a.xlsx") is None
    text = tmp_path / "table.txt"
    text.write_text("项目名称", encoding="utf-8")
    assert annotate_workbook(failed_file(), text, tmp_path / "b.xlsx") is None
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()


def test_refuses_to_overwrite_the_source(make_workbook: MakeWorkbook) -> None:
    source = make_workbook(TEMPLATE_ROWS)
    with pytest.raises(ValueError):
        annotate_workbook(failed_file(), source, source)


def test_annotate_all_writes_one_copy_per_readable_workbook(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    first = make_workbook(TEMPLATE_ROWS, name="in/司法局2026.xlsx")
    second = make_workbook(TEMPLATE_ROWS, name="in/文旅局2026.xlsx")
    report = Report(files=(failed_file(str(first)), FileReport(path=str(second), unit="某市文旅局"),
                           unreadable_file()))
    paths = annotate_all(report, tmp_path / "out")
    assert [p.name for p in paths] == ["某市司法局_司法局2026_审核标注.xlsx", "某市文旅局_文旅局2026_审核标注.xlsx"]
    assert all(load_workbook(p).sheetnames[0] == SHEET_TITLE for p in paths)


def test_findings_sheet_prints_across_one_landscape_page(make_workbook: MakeWorkbook, tmp_path: Path) -> None:
    _, target, _ = annotated(make_workbook, tmp_path)
    ws = load_workbook(target)[SHEET_TITLE]
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")  # 9 = A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$1"
