"""Reading real-world workbook shapes: merged headers and cells, moved columns, formulas,
files whose declared dimensions lie, hidden sheets."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from helpers import GOOD_GOAL, good_sub, validate, write_sub
from openpyxl import Workbook, load_workbook

from validator.reader import read_submission
from validator.records import RowKind

PROJECT_HEADER = ["项目名称", "资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]


def _system_export(path: Path) -> Path:
    """Two-row merged headers, the project name merged down over its indicator rows."""
    book = Workbook()
    ws = book.active
    ws.title = "项目"
    ws.append(["项目名称", "资金使用单位", "资金来源（万元）", None, None, None, "年度绩效目标"])
    ws.append([None, None, "总计", "财政拨款", "财政专户拨款", "其他资金", None])
    ws.append(["普法经费", "某局", 600, 500, 0, 100, GOOD_GOAL])
    for col in ("A", "B", "G"):
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("C1:F1")
    ind = book.create_sheet("指标")
    ind.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "指标值", "度量单位", "权重"])
    ind.append(["普法经费", "产出指标", "数量指标", "法治讲座场次", "正向", "大于等于", "48", "场", 50])
    ind.append([None, "效益指标", "社会效益指标", "覆盖率", "正向", "等于", "100", "%", 30])
    ind.append([None, "满意度指标", "服务对象满意度指标", "群众满意度", "正向", "大于等于", "90", "%", 10])
    ind.merge_cells("A2:A4")
    book.save(path)
    return path


def test_merged_headers_and_cells(tmp_path: Path) -> None:
    sub = read_submission(_system_export(tmp_path / "export.xlsx"))
    [project] = sub.projects
    assert (project.total.coord, project.total.raw, project.goal.coord) == ("C3", 600, "G3")
    assert [i.project.text for i in sub.indicators] == ["普法经费"] * 3
    assert {i.project.coord for i in sub.indicators} == {"A2"}  # the cell the user sees
    assert [i.direction.text for i in sub.indicators] == ["大于等于", "等于", "大于等于"]
    report = validate(tmp_path / "export.xlsx")
    assert {f.rule for f in report.findings} == {"template-version"}


def test_formula_totals_are_not_trusted_nor_flagged(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "f.xlsx", good_sub())
    book = load_workbook(path)
    book["项目信息"]["C4"] = "=SUM(D4:F4)"
    book.save(path)
    sub = read_submission(path)
    assert sub.projects[0].total.formula == "=SUM(D4:F4)"
    rules = {f.rule for f in validate(path).findings}
    assert not rules & {"amount-invalid", "funds-row-total", "field-required"}


def _set_dimension(path: Path, ref: str) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data)
            dst.writestr(item, data)
    shutil.move(tmp, path)


def test_lying_dimensions_as_written_by_wps(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "wps.xlsx", good_sub())
    _set_dimension(path, "A1:A1")
    report = validate(path)
    assert report.status.value == "passed" and report.indicators == 3


def test_hidden_sheet_with_headers_is_ignored(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "h.xlsx", good_sub())
    book = load_workbook(path)
    book.move_sheet("绩效指标", offset=-2)
    hidden = book.copy_worksheet(book["项目信息"])
    hidden.sheet_state = "hidden"
    book.move_sheet(hidden, offset=-hidden.parent.index(hidden))
    hidden["C4"] = 1  # a wrong total on a sheet nobody sees
    book.save(path)
    assert validate(path).status.value == "passed"


def test_blank_rows_and_note_rows_are_skipped(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects = [sub.projects[0], (None,) * 7, ("注：金额单位为万元。",)]
    path = write_sub(tmp_path / "n.xlsx", sub)
    assert validate(path).status.value == "passed"


def test_total_row_and_department_line(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.append(("合计", None, 600, 500, 0, 100, None))
    parsed = read_submission(write_sub(tmp_path / "t.xlsx", sub))
    assert [r.kind for r in parsed.rows] == [RowKind.PROJECT, RowKind.TOTAL]
    assert parsed.department == "某市司法局"


def test_full_width_text_is_normalised_but_kept(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某局", "６００．００", "５００", "０", "１００", GOOD_GOAL)
    path = write_sub(tmp_path / "fw.xlsx", sub)
    row = read_submission(path).projects[0]
    assert row.total.text == "600.00" and row.total.display == "６００．００"
    assert validate(path).status.value == "passed"


def test_reading_never_changes_the_file(tmp_path: Path, good_path: Path) -> None:
    before = good_path.read_bytes()
    validate(good_path)
    assert good_path.read_bytes() == before


def test_empty_merged_cell_is_located_at_its_anchor(tmp_path: Path) -> None:
    """A finding about an empty merged area names the cell the user sees (the top-left
    one), not a cell hidden under the merge."""
    sub = good_sub()
    sub.projects.append((None, "某局", 100, 100, 0, 0, GOOD_GOAL))
    path = write_sub(tmp_path / "m.xlsx", sub)
    book = load_workbook(path)
    book["项目信息"].merge_cells("A5:B5")  # the project name merged with the (emptied) unit column
    book["项目信息"]["A5"] = None
    book.save(path)
    findings = [f for f in validate(path).findings if f.rule == "field-required"]
    assert [(f.sheet, f.cell) for f in findings] == [("项目信息", "A5")]
    book = load_workbook(path)
    book["项目信息"].merge_cells("A6:A7")
    book["项目信息"]["B7"] = "某局"  # a row whose name cell is the lower half of an empty merge
    book["项目信息"]["C7"] = 1
    book.save(path)
    cells = {f.cell for f in validate(path).findings if f.rule == "field-required"}
    assert "A7" not in cells and "A6" in cells


def test_template_year_that_is_not_a_plain_year(tmp_path: Path) -> None:
    """'፩' and a 5000-digit string pass str.isdigit() but int() raises: the reader crashed."""
    for year in ("፩", "9" * 5000, "99999"):
        path = write_sub(tmp_path / "y.xlsx", good_sub())
        book = load_workbook(path)
        book["模板信息"]["B3"] = year
        book.save(path)
        report = validate(path)
        assert report.status.value == "passed" and report.year == 2027  # from the title


def _add_merge(path: Path, ref: str) -> None:
    """Add a merged area to 项目信息 by editing the XML, as another program could write it."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</mergeCells>", f'<mergeCell ref="{ref}"/></mergeCells>'.encode())
            dst.writestr(item, data)
    shutil.move(tmp, path)


def test_merging_whole_columns_is_refused_before_loading(tmp_path: Path) -> None:
    """openpyxl builds an object per merged cell: this 13 KB file took 25 s, A1:XFD1048576
    would never finish (a stuck batch, a stuck bot)."""
    path = write_sub(tmp_path / "cols.xlsx", good_sub())
    _add_merge(path, "H1:J1048576")
    [finding] = validate(path).findings
    assert finding.rule == "file-unreadable"
    assert "“项目信息”合并的单元格过多" in finding.message and "H1:J1048576" in finding.message


def test_a_note_merged_across_the_table_is_a_note(tmp_path: Path) -> None:
    """It filled every column with the note: a project named "注：…" with four bad amounts."""
    sub = good_sub()
    sub.projects.append(("注：金额单位为万元。",))
    path = write_sub(tmp_path / "note.xlsx", sub)
    _add_merge(path, "A5:G5")
    assert validate(path).status.value == "passed"
    _add_merge(path, "A7:G3000")  # and a large empty merged block below: nothing to read there
    assert validate(path).status.value == "passed"


def test_a_far_away_cell_is_reported_not_a_memory_bomb(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "far.xlsx", good_sub())
    book = load_workbook(path)
    book["项目信息"].cell(150_000, 150, "x")  # a 150,000 x 150 grid: gigabytes as Python lists
    book.save(path)
    [finding] = validate(path).findings
    assert finding.rule == "file-unreadable" and "“项目信息”的内容范围过大" in finding.message
    assert "ET150000" in finding.suggestion


def test_header_below_a_long_block_of_instructions(tmp_path: Path) -> None:
    """Only the first 20 rows were searched: with 30 lines of 填报说明 pasted above the
    table, the report said the sheet 项目信息 did not exist."""
    path = write_sub(tmp_path / "deep.xlsx", good_sub())
    book = load_workbook(path)
    for name in ("项目信息", "绩效指标"):
        book[name].insert_rows(1, 30)
        book[name]["A1"] = "填报说明：请按下列要求填写……"
    book.save(path)
    report = validate(path)
    assert report.status.value == "passed" and report.indicators == 3
