"""The template helps before sending: pre-filled 控制数 cannot be typed over, and a wrong
总计 or an empty required cell is shaded while the unit types."""

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from validator.template.writer import BudgetLine, write_template


def sheets(tmp_path: Path, lines: list[BudgetLine] | None = None) -> tuple:
    path = write_template(tmp_path / "t.xlsx", year=2027, department="某局", lines=lines)
    book = load_workbook(path)
    return book["项目信息"], book["绩效指标"]


def rules_of(ws) -> dict[str, list[str]]:
    return {str(rng.sqref): [f for rule in rng.rules for f in rule.formula] for rng in ws.conditional_formatting}


def test_prefilled_control_amounts_are_locked_and_inputs_are_not(tmp_path: Path) -> None:
    projects, _ = sheets(tmp_path, [BudgetLine("普法经费", Decimal("100"), Decimal("90"), None, Decimal("10"))])
    assert projects.protection.sheet and not projects.protection.password
    assert projects["A4"].protection.locked and projects["C4"].protection.locked and projects["F4"].protection.locked
    assert not projects["B4"].protection.locked and not projects["G4"].protection.locked
    for letter in "ABCDEFG":  # every other row: the column styles leave the input cells open
        assert projects.column_dimensions[letter].protection.locked is False
    assert not projects.protection.formatColumns and not projects.protection.formatRows  # still resizable


def test_a_plain_template_is_not_protected(tmp_path: Path) -> None:
    projects, indicators = sheets(tmp_path)
    assert not projects.protection.sheet and not indicators.protection.sheet


def test_wrong_totals_and_empty_required_cells_are_highlighted(tmp_path: Path) -> None:
    projects, indicators = sheets(tmp_path)
    rules = rules_of(projects)
    assert "AND(COUNT($C4:$F4)>0,ROUND(N($C4),2)<>ROUND(SUM($D4:$F4),2))" in rules["C4:C203"]
    for letter in "ACG":
        assert f"AND(COUNTA($A4:$G4)>0,LEN(TRIM({letter}4))=0)" in rules[f"{letter}4:{letter}203"]
    rules = rules_of(indicators)
    assert sorted(rules) == ["A4:A2003", "B4:B2003", "C4:C2003", "D4:D2003", "F4:F2003"]
    assert rules["F4:F2003"] == ["AND(COUNTA($A4:$H4)>0,LEN(TRIM(F4))=0)"]
