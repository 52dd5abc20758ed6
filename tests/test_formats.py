"""Every format a unit sends: the same tables saved by LibreOffice as .xls and .ods (committed
in tests/data/formats, made by make_formats.sh) give the same findings at the same cells as the
.xlsx; the seed as CSV (UTF-8 with BOM, GB18030) as the .txt; workbooks whose extension lies
are read with a hint; what cannot be read says why."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from helpers import validate, xls_with_hidden_row_and_formula

from validator.model import Status

ROOT = Path(__file__).resolve().parent
FORMATS = ROOT / "data" / "formats"
TABLES = {
    "clean": ROOT / "acceptance" / "pass" / "clean.xlsx",
    "outdated": ROOT / "acceptance" / "pass" / "outdated.xlsx",
    "funds": ROOT / "acceptance" / "fail" / "funds.xlsx",
    "values": ROOT / "acceptance" / "fail" / "values.xlsx",
    "text": ROOT / "acceptance" / "fail" / "text.xlsx",
    "seed_2023": ROOT / "data" / "seed_2023.xlsx",
    "styled": FORMATS / "styled.xlsx",  # a percentage-formatted and a date-formatted 指标值 cell
}


def located(path: Path) -> list[tuple[str, str, str | None, str | None]]:
    return [(f.rule, f.severity.value, f.sheet, f.cell) for f in validate(path).findings]


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
@pytest.mark.parametrize("stem", sorted(TABLES))
def test_the_same_table_in_another_format_gives_the_same_findings(stem: str, suffix: str) -> None:
    expected = located(TABLES[stem])
    assert located(FORMATS / f"{stem}{suffix}") == expected
    if stem == "clean":
        assert expected == []  # the passing table stays passing
    if stem in ("funds", "values", "text", "seed_2023", "styled"):
        assert any(level == "error" for _, level, _, _ in expected)
    if stem == "styled":  # read with its number formats: 120% is out of range, the date is a date
        assert expected == [("date-serial", "error", "绩效指标", "F5"), ("percent-range", "error", "绩效指标", "F6")]


@pytest.mark.parametrize("stem", ["clean", "funds", "styled"])
def test_an_xlsb_gives_the_same_findings_or_says_what_it_could_not_check(stem: str) -> None:
    """.xlsb (written by pyxlsbwriter, make_xlsb.py) carries values only: every finding of the
    .xlsx is there except on cells whose number format is needed, and one hint per missing kind
    says which check could not be made."""
    expected = located(TABLES[stem])
    got = located(FORMATS / f"{stem}.xlsb")
    hints = [(sheet, cell) for rule, _, sheet, cell in got if rule == "format-unchecked"]
    numbers = {"styled": [("绩效指标", "F6"), ("绩效指标", "F7")]}.get(stem, [])
    assert hints == [("项目信息", "C4"), *numbers[:1]]  # formulas; number formats only where a value is a number
    kept = [f for f in got if f[0] != "format-unchecked" and (f[2], f[3]) not in numbers]
    assert kept == [f for f in expected if (f[2], f[3]) not in numbers]
    if stem == "styled":  # the date reads as a date even from .xlsb: the same error
        assert ("date-serial", "error", "绩效指标", "F5") in kept


def test_xls_hidden_rows_number_formats_and_formulas(tmp_path: Path) -> None:
    """What calamine does not give for .xls comes from xlrd: hidden rows and number formats;
    a workbook with formulas gets the format-unchecked hint (which cells are formulas is unknown)."""
    from validator.reader.workbook import load_grids

    plain_xls, formula_xls = xls_with_hidden_row_and_formula(tmp_path)
    grid = next(g for g in load_grids(plain_xls) if g.name == "绩效指标")
    assert grid.hidden_rows == frozenset({3}) and grid.source_format == "xls"
    assert grid.cell(5, 5).number_format.endswith("%") and grid.cell(4, 5).raw.year == 2027
    plain = validate(plain_xls)
    assert not any(f.rule == "format-unchecked" for f in plain.findings)
    assert [(f.rule, f.cell) for f in plain.findings] == [(f.rule, f.cell) for f in validate(plain_xls.with_suffix(".xlsx")).findings]
    [hint] = [f for f in validate(formula_xls).findings if f.rule == "format-unchecked"]
    assert "公式" in hint.message and not any(f.rule == "format-unchecked" for f in validate(formula_xls.with_suffix(".xlsx")).findings)


@pytest.mark.parametrize("name", ["seed_2023.csv", "seed_2023_gb18030.csv"])
def test_csv_exports_read_like_the_text_table(name: str) -> None:
    text = [(rule, level, cell) for rule, level, _, cell in located(ROOT / "data" / "seed_2023.txt")]
    assert [(rule, level, cell) for rule, level, _, cell in located(FORMATS / name)] == text
    assert len(text) == 22 + 53  # the seed: 22 errors, 53 hints (tests/test_seed.py lists them)


def _text_cell(cell: str | None) -> str | None:
    from validator.reader.grid import coordinate
    from validator.reader.xlsx_parts import parse_ref

    at = parse_ref(cell) if cell else None
    return coordinate(*at, text=True) if at else cell


@pytest.mark.parametrize("name", ["rowwise_problems.csv", "rowwise_problems_bom.csv", "rowwise_problems_gb18030.csv",
                                  "rowwise_problems.txt"])
def test_row_per_indicator_text_exports_give_the_workbooks_findings(name: str) -> None:
    """The budget-system export (one indicator per row) saved by LibreOffice as CSV (UTF-8 with
    and without BOM, GB18030) or tab-separated text: the same findings at the same cells,
    named by row and column (E7 -> 第7行第5列)."""
    from validator.reader import is_submission_file

    workbook = [(rule, level, _text_cell(cell)) for rule, level, _, cell in located(ROOT / "acceptance" / "fail" / "rowwise_problems.xlsx")]
    report = validate(FORMATS / name)
    assert report.layout == "rowwise"
    assert [(rule, level, cell) for rule, level, _, cell in located(FORMATS / name)] == workbook
    assert len(workbook) == 11 and is_submission_file(FORMATS / name)


def test_a_self_evaluation_csv_export_gives_the_workbooks_findings() -> None:
    source = ROOT / "acceptance" / "fail" / "selfeval_rowwise_problems.xlsx"
    workbook = [(rule, level, _text_cell(cell)) for rule, level, _, cell in located(source)]
    report = validate(FORMATS / "selfeval_rowwise_problems.csv")
    assert report.layout == "self-evaluation-rowwise"
    assert [(f.rule, f.severity.value, f.cell) for f in report.findings] == workbook
    assert sorted(rule for rule, _, _ in workbook) == ["actual-comparable", "deviation-reason", "indicator-score",
                                                       "score-total", "target-approved"]


@pytest.mark.parametrize(("name", "really"), [("funds_really_xls.xlsx", ".xls"), ("funds_really_xlsx.xls", ".xlsx")])
def test_a_workbook_whose_extension_lies_is_read_with_a_hint(name: str, really: str) -> None:
    report = validate(FORMATS / name)
    [hint] = [f for f in report.findings if f.rule == "file-format"]
    assert hint.severity.value == "warning"
    assert ("97-2003" if really == ".xls" else "Excel 工作簿（.xlsx）") in hint.message
    assert f"改名为“{Path(name).stem}{really}”" in hint.suggestion
    others = [(f.rule, f.sheet, f.cell) for f in report.findings if f.rule != "file-format"]
    assert others == [(rule, sheet, cell) for rule, _, sheet, cell in located(TABLES["funds"])]


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize(("name", "data", "phrase"), [
    ("scan.xlsx", b"%PDF-1.7\n...", "PDF"),
    ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "图片"),
    ("photo.xls", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "图片"),
    ("all.xlsx", b"Rar!\x1a\x07\x00" + b"\x00" * 40, "压缩包"),
])
def test_what_cannot_be_read_says_what_it_is(tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    report = validate(path)
    assert report.status is Status.UNREADABLE and phrase in report.findings[0].message
    assert path.read_bytes() == data


def test_a_word_file_and_a_plain_archive_are_named(tmp_path: Path) -> None:
    word = _zip(tmp_path / "表.xlsx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    archive = _zip(tmp_path / "打包.xlsx", {"a/b.txt": "x"})
    assert "Word" in validate(word).findings[0].message
    assert "压缩包" in validate(archive).findings[0].message


def test_an_ole_file_that_is_not_a_workbook_gets_the_wps_steps(tmp_path: Path) -> None:
    import olefile  # noqa: F401 (the sniffer's own dependency)

    source = FORMATS / "funds.xls"
    data = bytearray(source.read_bytes())
    for name in ("Workbook", "Book"):  # rename the stream: an OLE file without a workbook
        encoded = name.encode("utf-16-le")
        data = bytearray(bytes(data).replace(encoded, "XXXXXXXX".encode("utf-16-le")[: len(encoded)]))
    path = tmp_path / "表.et"
    path.write_bytes(bytes(data))
    [finding] = validate(path).findings
    assert "WPS" in finding.message and "另存为" in finding.suggestion


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)  # opening it for reading would block forever: no writer
    [finding] = validate(fifo).findings
    assert finding.rule == "file-unreadable" and "不是普通文件" in finding.message


def test_ods_gives_formulas_percentages_and_merged_areas(tmp_path: Path) -> None:
    """What calamine does not give for .ods is read from its content.xml."""
    import subprocess

    from openpyxl import Workbook

    from validator.reader.workbook import load_grids

    book = Workbook()
    ws = book.active
    ws["A1"], ws["B1"], ws["C1"] = 2, "=A1*2", 0.5
    ws["C1"].number_format = "0%"
    ws.merge_cells("A3:B4")
    ws["A3"] = "合并"
    book.save(tmp_path / "f.xlsx")
    try:
        subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(tmp_path / "f.xlsx")],
                       check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("LibreOffice is not installed")
    grid = load_grids(tmp_path / "f.ods")[0]
    assert grid.source_format == "ods" and grid.merged == ((2, 0, 3, 1),)
    assert grid.cell(0, 1).formula is not None and grid.cell(0, 1).raw is None
    assert grid.cell(0, 2).number_format == "0%" and grid.cell(2, 1).coord == "A3"


def test_an_xls_that_xlrd_cannot_read_says_what_could_not_be_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine read the values; when xlrd then fails, the number formats are unknown and the
    hint says so, instead of the percentage reading silently as a plain number."""
    import xlrd

    def broken(*args: object, **kwargs: object) -> None:
        raise xlrd.XLRDError("Unsupported format, or corrupt file")

    monkeypatch.setattr(xlrd, "open_workbook", broken)
    findings = validate(FORMATS / "styled.xls").findings
    hints = [f for f in findings if f.rule == "format-unchecked"]
    assert [(f.sheet, f.cell) for f in hints] == [("项目信息", "C4"), ("绩效指标", "F6")]
    assert "数字格式" in hints[1].message and ("date-serial", "F5") in [(f.rule, f.cell) for f in findings]
