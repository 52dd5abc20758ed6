"""The annotated copy never carries live content from a submission (formulas frozen to their
cached value or text; macros, external links and DDE names dropped), is always an .xlsx, and
for .xls/.ods/.csv submissions is a fresh workbook of the read cells where every finding lands
on the cell it names."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers import validate
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from validator.model import Report
from validator.outputs.annotate import ERROR_FILL, SHEET_TITLE, annotate_all, annotate_workbook

ROOT = Path(__file__).resolve().parent
FORMATS = ROOT / "data" / "formats"
LIVE = ('=HYPERLINK("http://example.com/x","点我")', "=cmd|' /C calc'!A0", "=SUM(B1:B2)")


def _live_workbook(path: Path, *, vba: bool = False) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "项目信息"
    ws["B1"], ws["B2"] = 1, 2
    for row, formula in enumerate(LIVE, start=3):
        ws.cell(row, 1, formula)
    book.defined_names["远程"] = DefinedName("远程", attr_text="'[other.xlsx]Sheet1'!$A$1")
    book.save(path)
    if vba:  # an .xlsm: the macro project travels as xl/vbaProject.bin
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 fake macro project")
    return path


@pytest.mark.parametrize("name", ["live.xlsx", "live.xlsm"])
def test_no_formula_macro_or_external_name_survives(tmp_path: Path, name: str) -> None:
    source = _live_workbook(tmp_path / name, vba=name.endswith(".xlsm"))
    report = validate(source)
    target = annotate_workbook(report, source, tmp_path / "out.xlsx")
    assert target is not None
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        xml = b"".join(archive.read(n) for n in names if n.endswith(".xml"))
    assert "xl/vbaProject.bin" not in names and b"<f>" not in xml and b"<f " not in xml
    assert b"[other.xlsx]" not in xml
    book = load_workbook(target)
    ws = book["项目信息"]
    # openpyxl wrote no cached values: each formula stays as its text, never live
    assert [ws.cell(row, 1).value for row in range(3, 6)] == list(LIVE)
    assert all(ws.cell(row, 1).data_type == "s" for row in range(3, 6))
    assert b"vbaProject" not in zipfile.ZipFile(target).read("[Content_Types].xml")


def test_a_cached_value_replaces_its_formula(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "=1+1"
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(cached, "w") as dst:
        for n, data in parts.items():
            dst.writestr(n, data)
    assert b"<v>2</v>" in zipfile.ZipFile(cached).read("xl/worksheets/sheet1.xml")
    target = annotate_workbook(validate(cached), cached, tmp_path / "out.xlsx")
    assert target is not None and load_workbook(target)["Sheet"]["A1"].value == 2


@pytest.mark.parametrize("name", ["funds.xls", "funds.ods", "funds_really_xls.xlsx"])
def test_other_formats_get_a_fresh_xlsx_with_findings_on_their_cells(tmp_path: Path, name: str) -> None:
    source = FORMATS / name
    report = validate(source)
    [written] = annotate_all(Report((report,)), tmp_path / "out")
    assert written.suffix == ".xlsx"
    book = load_workbook(written)
    assert book.sheetnames[0] == SHEET_TITLE
    original = load_workbook(ROOT / "acceptance" / "fail" / "funds.xlsx")
    assert book.sheetnames[1:] == original.sheetnames
    located = [f for f in report.findings if f.cell]
    assert located
    for finding in located:
        cell = book[finding.sheet][finding.cell]
        assert cell.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb or cell.comment is not None
        assert cell.value == original[finding.sheet][finding.cell].value


def test_a_csv_table_gets_an_xlsx_copy_marked_at_its_row_and_column(tmp_path: Path) -> None:
    source = FORMATS / "seed_2023.csv"
    report = validate(source)
    target = annotate_workbook(report, source, tmp_path / "seed.xlsx")
    assert target is not None
    ws = load_workbook(target).worksheets[1]
    finding = next(f for f in report.findings if f.cell and f.cell.startswith("第"))
    row, col = (int(n) for n in finding.cell.removeprefix("第").removesuffix("列").split("行第"))
    assert ws.cell(row, col).comment is not None
