from pathlib import Path

from helpers import run_rule

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_formats_that_carry_everything_give_no_hint(good_path: Path) -> None:
    assert run_rule("format-unchecked", good_path) == []
    for name in ("styled.xlsx", "styled.xls", "styled.ods", "funds.xls", "clean.xls"):
        assert run_rule("format-unchecked", FORMATS / name) == [], name


def test_an_xlsb_says_once_what_it_cannot_tell() -> None:
    findings = run_rule("format-unchecked", FORMATS / "styled.xlsb")
    assert [(f.sheet, f.cell) for f in findings] == [("项目信息", "C4"), ("绩效指标", "F6")]
    formulas, numbers = findings
    assert "读不出哪些单元格是公式" in formulas.message and "另存为" in formulas.suggestion
    assert "数字格式" in numbers.message and "F6、F7" in numbers.message and "百分比" in numbers.message
