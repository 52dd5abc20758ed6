"""Folders of workbooks that must pass and must fail, each with the exact (rule, location)
pairs it must report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import validate

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "pass").glob("*.xlsx")) + sorted((HERE / "fail").glob("*.xlsx"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    expected = yaml.safe_load(path.with_name(f"{path.stem}.expect.yaml").read_text(encoding="utf-8"))["findings"]
    report = validate(path)
    assert Counter((f.rule, f.location) for f in report.findings) == Counter(tuple(e) for e in expected)
    assert (report.errors == 0) == (path.parent.name == "pass")


def test_there_are_cases_of_both_kinds() -> None:
    assert len(list((HERE / "pass").glob("*.xlsx"))) >= 3 and len(list((HERE / "fail").glob("*.xlsx"))) >= 5
