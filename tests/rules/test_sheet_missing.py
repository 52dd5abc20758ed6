from pathlib import Path

from helpers import good_sub, make_xlsx, run_rule, write_sub
from openpyxl import load_workbook


def test_template_has_both_sheets(good_path: Path) -> None:
    assert run_rule("sheet-missing", good_path) == []


def test_workbook_that_is_not_a_template(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "other.xlsx", {"Sheet1": [["姓名", "年龄"], ["张三", 30]]})
    [finding] = run_rule("sheet-missing", path)
    assert "未识别到绩效目标表" in finding.message


def test_indicator_sheet_deleted(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    book = load_workbook(path)
    del book["绩效指标"]
    book.save(path)
    [finding] = run_rule("sheet-missing", path)
    assert finding.sheet == "绩效指标" and "未找到" in finding.message


def test_sheets_are_found_by_header_not_by_name(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    book = load_workbook(path)
    book["项目信息"].title = "表一"
    book["绩效指标"].title = "表二"
    book.save(path)
    assert run_rule("sheet-missing", path) == []
