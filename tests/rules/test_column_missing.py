from pathlib import Path

from helpers import good_sub, run_rule, write_sub
from openpyxl import load_workbook


def test_all_columns_present(good_path: Path) -> None:
    assert run_rule("column-missing", good_path) == []


def test_deleted_column_is_named(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    book = load_workbook(path)
    book["绩效指标"].delete_cols(3)  # 二级指标
    book.save(path)
    [finding] = run_rule("column-missing", path)
    assert finding.sheet == "绩效指标" and "二级指标" in finding.message


def test_moved_and_extra_columns_still_read(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    book = load_workbook(path)
    ws = book["项目信息"]
    ws.insert_cols(1)
    ws["A3"] = "序号"
    ws.insert_rows(1, 2)  # blank rows above the table
    book.save(path)
    assert run_rule("column-missing", path) == []
    from helpers import validate

    report = validate(path)
    assert report.projects == ("普法经费",)
    assert report.status.value == "passed"
