from decimal import Decimal
from pathlib import Path

from helpers import GOOD_GOAL, check, good_sub, run_rule, write_sub
from openpyxl import load_workbook

from validator.template.writer import BudgetLine


def _controlled(total: object) -> object:
    sub = good_sub()
    sub.lines = [BudgetLine("普法经费", Decimal("600"), Decimal("500"), None, Decimal("100"))]
    sub.projects[0] = ("普法经费", "某市司法局", total, 500, 0, 100, GOOD_GOAL)
    return sub


def test_amounts_equal_control(tmp_path: Path) -> None:
    assert check(tmp_path, "budget-control", _controlled(600)) == []


def test_amount_changed(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "budget-control", _controlled(650))
    assert (finding.sheet, finding.cell) == ("项目信息", "C4")
    assert "600.00" in finding.message


def test_controlled_project_removed(tmp_path: Path) -> None:
    sub = good_sub()
    sub.lines = [BudgetLine("普法经费", Decimal("600")), BudgetLine("购置经费", Decimal("48"))]
    path = write_sub(tmp_path / "s.xlsx", sub)
    book = load_workbook(path)
    assert book["项目信息"]["A5"].value == "购置经费"  # pre-filled by the template
    book["项目信息"].delete_rows(5)
    book.save(path)
    [finding] = run_rule("budget-control", path)
    assert "购置经费" in finding.message


def test_no_control_numbers(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 9999, 500, 0, 100, GOOD_GOAL)
    assert check(tmp_path, "budget-control", sub) == []
