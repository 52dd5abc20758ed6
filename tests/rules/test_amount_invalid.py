import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import GOOD_GOAL, cells, check, good_sub, run_rule, write_sub


@pytest.mark.parametrize("total", [600, 600.0, "600", "600.00", "６００", "0,600.00", "600万元"])
def test_well_formed_amounts(tmp_path: Path, total: object) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", total, 500, 0, 100, GOOD_GOAL)
    assert check(tmp_path, "amount-invalid", sub) == []


@pytest.mark.parametrize(("total", "phrase"), [("约六百万", "不是数字"), (-600, "负数"), (600.125, "2 位小数")])
def test_malformed_amounts(tmp_path: Path, total: object, phrase: str) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", total, 500, 0, 100, GOOD_GOAL)
    findings = check(tmp_path, "amount-invalid", sub)
    assert cells(findings) == [("项目信息", "C4")]
    assert phrase in findings[0].message


def test_decimals_option(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600.125, 500.125, 0, 100, GOOD_GOAL)
    assert check(tmp_path, "amount-invalid", sub, decimals=3) == []


@pytest.mark.parametrize("total", [1e308, 1e30, 10**30, 1.5e20])
def test_huge_amounts_are_checked_not_crashed(tmp_path: Path, total: object) -> None:
    """Decimal's 28-digit context made quantize() raise on these, and the rule was lost."""
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", total, 500, 0, 100, GOOD_GOAL)
    assert check(tmp_path, "amount-invalid", sub) == []
    assert cells(check(tmp_path, "funds-row-total", sub)) == [("项目信息", "C4")]


def test_negative_zero_is_zero(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("普法经费", "某市司法局", 600, 500, -0.0, 100, GOOD_GOAL)
    assert check(tmp_path, "amount-invalid", sub) == []
    assert check(tmp_path, "funds-row-total", sub) == []


def test_overflowing_number_in_the_file(tmp_path: Path) -> None:
    """`<v>1E+400</v>` (written by hand or by another program) reads as float inf."""
    path = write_sub(tmp_path / "inf.xlsx", good_sub())
    patched = tmp_path / "patched.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # 项目信息
                data = data.replace(b'<c r="C4" t="n"><v>600</v></c>', b'<c r="C4" t="n"><v>1E+400</v></c>')
            dst.writestr(item, data)
    shutil.move(patched, path)
    [finding] = run_rule("amount-invalid", path)
    assert (finding.sheet, finding.cell) == ("项目信息", "C4") and "不是数字" in finding.message
    assert run_rule("funds-row-total", path) == []  # no total to compare, no crash
