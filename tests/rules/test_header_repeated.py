from pathlib import Path

from helpers import PUBLISHED_HEADER, cells, check_published, good_published, good_sub, make_xlsx, run_rule, write_sub
from layout_builders import Form, RowProject, check_rowwise, write_national, write_rowwise
from openpyxl import load_workbook

from validator.reader import read_submission

RULE = "header-repeated"


def test_clean_tables_have_no_copy(tmp_path: Path) -> None:
    assert run_rule(RULE, write_sub(tmp_path / "t.xlsx", good_sub())) == []
    assert check_published(tmp_path, RULE, good_published()) == []


def test_template_copy_is_skipped_with_a_hint(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects.append(("项目名称", "资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"))
    path = write_sub(tmp_path / "t.xlsx", sub)
    [finding] = run_rule(RULE, path)
    assert cells([finding]) == [("项目信息", "A5")] and "第 5 行重复了表头" in finding.message
    assert [r.name.text for r in read_submission(path).projects] == ["普法经费"]


def test_published_copy(tmp_path: Path) -> None:
    rows = [*good_published(), PUBLISHED_HEADER]
    [finding] = check_published(tmp_path, RULE, rows)
    assert finding.cell == "第9行第1列" and "第 9 行" in finding.message


def test_rowwise_copy_but_not_a_new_units_header(tmp_path: Path) -> None:
    projects = [RowProject("普法经费", "600", "500", "100"), RowProject("法律援助", "50", "50", None)]
    path = write_rowwise(tmp_path / "x.xlsx", projects, repeat_header_at=3)
    [finding] = run_rule(RULE, path)
    assert finding.sheet == "绩效目标" and finding.cell == "A8"
    assert [r.name.text for r in read_submission(path).projects] == ["普法经费", "法律援助"]
    blocks = [RowProject("普法经费", "600", "500", "100"), RowProject("法律援助", "50", "50", None, unit="某区司法局")]
    assert check_rowwise(tmp_path, RULE, blocks) == []
    units = write_rowwise(tmp_path / "u.xlsx", blocks, unit_blocks=True)
    assert run_rule(RULE, units) == []


def test_national_indicator_table_copy(tmp_path: Path) -> None:
    path = write_national(tmp_path / "f.xlsx", [Form("普法宣传", side_by_side=False)])
    book = load_workbook(path)
    ws = book["普法宣传"]
    ws.insert_rows(14)
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值"), start=2):
        ws.cell(14, c, text)
    book.save(path)
    findings = run_rule(RULE, path)
    assert cells(findings) == [("普法宣传", "B14")]
    assert len(read_submission(path).indicators) == 3


def test_plain_sheet_copy(tmp_path: Path) -> None:
    header = ["项目名称", "资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]
    path = make_xlsx(tmp_path / "p.xlsx", {"项目信息": [header, ["普法经费", "某局", 1, 1, 0, 0, "目标"], header]})
    assert cells(run_rule(RULE, path)) == [("项目信息", "A3")]
