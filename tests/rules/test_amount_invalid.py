from pathlib import Path

import pytest

from helpers import GOOD_GOAL, cells, check, good_sub


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
