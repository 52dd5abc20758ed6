from pathlib import Path

from helpers import good_sub, make_xlsx, run_rule, write_sub
from openpyxl import load_workbook


def test_current_template(good_path: Path) -> None:
    assert run_rule("template-version", good_path) == []


def test_outdated_template(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    book = load_workbook(path)
    book["模板信息"]["B2"] = "2025.1"
    book.save(path)
    [finding] = run_rule("template-version", path)
    assert "2025.1" in finding.message and finding.sheet == "模板信息"
    assert run_rule("template-version", path, accepted=["2025.1", "2027.1"]) == []


def test_self_made_table_with_template_headers(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "own.xlsx", {
        "项目": [["项目名称", "资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"]],
        "指标": [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]],
    })
    [finding] = run_rule("template-version", path)
    assert "不是由标准模板生成" in finding.message
