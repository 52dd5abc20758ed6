"""The quick scan of a worksheet's XML (byte searches) finds exactly what the streaming expat
scan finds: rows and cells counted, hidden rows, merged ranges and the formats that matter, on
the acceptance corpus, the seed and sheets written every way the tests can think of; and it
hands every sheet it could misread to the streaming scan, so limits and refusals read the same."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.xlsx_parts import SheetExtras, SheetPart, _quick_scan, _stream_scan, number_formats, sheet_parts

ROOT = Path(__file__).resolve().parent
CORPUS = [p for p in [*sorted((ROOT / "acceptance").glob("*/*.xlsx")), ROOT / "data" / "seed_2023.xlsx"]
          if zipfile.is_zipfile(p)]
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def streamed(data: bytes, formats: list[str], limits: Limits) -> SheetExtras | str:
    try:
        return _stream_scan(SheetPart("表", "sheet.xml", False), formats, limits, [data], io.BytesIO(b""))
    except UnreadableFile as exc:
        return exc.message


def sheet_bytes(path: Path) -> list[tuple[bytes, list[str]]]:
    with zipfile.ZipFile(path) as archive:
        formats = number_formats(archive)
        return [(archive.read(part.part), formats) for part in sheet_parts(archive)]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_the_quick_scan_agrees_on_the_corpus(path: Path) -> None:
    for data, formats in sheet_bytes(path):
        quick = _quick_scan(data, formats, Limits())
        if b"<f>" in data or b"<f " in data:
            assert quick is None  # formulas always go through the streaming scan
            continue
        assert quick is not None  # the rest of the corpus is written plainly: no slow scan needed
        assert quick == streamed(data, formats, Limits())


def _workbook(tmp_path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "项目信息"
    ws["A1"], ws["B1"], ws["C1"] = "项目名称", 600, 0.95
    ws["C1"].number_format = "0.00%"
    ws["D1"] = datetime(2023, 12, 31)
    ws["B4"] = 12.5
    ws["B4"].number_format = '#,##0.00"万元"'  # an amount format: not one the rules read
    ws["C5"] = 7
    ws["C5"].number_format = "0%"
    ws["D5"] = "文字"  # an inline string: the streaming scan records no format for it either
    ws["D5"].number_format = "0%"
    ws.merge_cells("A6:C7")
    ws.merge_cells("E9:F9")
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[8].hidden = True
    ws["G10"] = "末尾"
    path = tmp_path / "f.xlsx"
    book.save(path)
    return path


def test_formats_hidden_rows_and_merges_read_the_same(tmp_path: Path) -> None:
    data, formats = sheet_bytes(_workbook(tmp_path))[0]
    quick = _quick_scan(data, formats, Limits())
    assert quick is not None and quick == streamed(data, formats, Limits())
    assert quick.formats == {(0, 2): "0.00%", (0, 3): "yyyy-mm-dd h:mm:ss", (4, 2): "0%"}
    assert quick.hidden_rows == {2, 7} and sorted(quick.merged) == [(5, 0, 6, 2), (8, 4, 8, 5)]


# Sheets written in ways the byte searches could misread: each goes to the streaming scan.
ODD_WRITINGS = {
    "formula": (b'<c r="B1" t="n">', b'<c r="B1" t="n"><f>1+1</f>'),
    "error value": (b'<c r="B1" t="n"><v>600', b'<c r="B1" t="e"><v>#N/A'),
    "comment": (b"<sheetData>", b"<!-- <c r=\"Z9\"/> --><sheetData>"),
    "cell without position": (b'<c r="B1" t="n">', b'<c t="n">'),
    "attributes reordered": (b'<c r="C1" s="1" t="n">', b'<c s="1" r="C1" t="n">'),
    "tag over two lines": (b'<c r="B1" t="n">', b'<c\nr="B1" t="n">'),
    "hidden in single quotes": (b'<row r="3" hidden="1">', b"<row hidden='1' r=\"3\">"),
    "row without number": (b'<row r="3" hidden="1">', b'<row hidden="1">'),
    "style number with a leading zero": (b'<c r="C1" s="1" t="n">', b'<c r="C1" s="01" t="n">'),
    "entity": (b"<sheetData>", b"<sheetData>&bomb;"),
    "processing instruction": (b"<sheetData>", b"<?php x?><sheetData>"),
    "main namespace under a prefix": (MAIN, MAIN + b' xmlns:m="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'),
    "second default namespace": (b"<sheetData>", b'<sheetData xmlns="urn:other">'),
    "merge written oddly": (b'<mergeCell ref="A6:C7"/>', b'<mergeCell  ref="A6:C7"/>'),
    "error value by a character reference": (b'<c r="B1" t="n">', b'<c r="B1" t="&#101;">'),
    "sheet namespace under a prefix by a character reference":
        (MAIN, MAIN + b' xmlns:m="http://schemas.openxmlformats.org/spreadsheetml/2006/m&#97;in"'),
    "formula after many rare bytes": (b"<sheetData>", b"<sheetData>" + b"<!-- ! ? & x -->" * 200),
}


@pytest.mark.parametrize("name", ODD_WRITINGS)
def test_odd_writings_take_the_streaming_scan(tmp_path: Path, name: str) -> None:
    data, formats = sheet_bytes(_workbook(tmp_path))[0]
    old, new = ODD_WRITINGS[name]
    assert old in data
    odd = data.replace(old, new, 1)
    assert _quick_scan(odd, formats, Limits()) is None


@pytest.mark.parametrize("limits", [Limits(rows_per_sheet=5), Limits(cells_per_sheet=6), Limits(merged_cells=7)],
                         ids=["rows", "cells", "merged"])
def test_a_sheet_past_a_limit_is_refused_by_the_streaming_scan(tmp_path: Path, limits: Limits) -> None:
    data, formats = sheet_bytes(_workbook(tmp_path))[0]
    assert _quick_scan(data, formats, limits) is None
    refusal = streamed(data, formats, limits)
    assert isinstance(refusal, str) and "工作表“表”" in refusal


def test_the_rare_bytes_are_looked_at_past_their_budget(tmp_path: Path) -> None:
    """Many `!`, `?`, `&` and `x` in plain text: the quick scan still reads the sheet, the same as
    the streaming scan; one comment after them still sends it to the streaming scan."""
    data, formats = sheet_bytes(_workbook(tmp_path))[0]
    text = b'<c r="H1" t="inlineStr"><is><t>' + b"x! x? &amp; &#33;" * 300 + b"</t></is></c></row>"
    assert data.count(b"</row>") > 1
    plain = data.replace(b"</row>", text, 1)
    quick = _quick_scan(plain, formats, Limits())
    assert quick is not None and quick == streamed(plain, formats, Limits())
    assert _quick_scan(plain.replace(b"</sheetData>", b"<!-- x --></sheetData>"), formats, Limits()) is None


@pytest.mark.parametrize("limit", [200_000, 150_000, 99_999, 12])
def test_row_numbers_of_any_length_are_checked_against_the_limit(tmp_path: Path, limit: int) -> None:
    """A row numbered past what the quick scan takes on sight is counted exactly: read the same
    as the streaming scan within the limit, left to the streaming scan (its refusal) past it."""
    data, formats = sheet_bytes(_workbook(tmp_path))[0]
    far = data.replace(b'<row r="10"', b'<row r="150000"', 1).replace(b'r="G10"', b'r="G150000"', 1)
    assert far != data
    limits = Limits(rows_per_sheet=limit)
    quick = _quick_scan(far, formats, limits)
    if limit >= 150_000:
        assert quick is not None and quick == streamed(far, formats, limits)
    else:
        assert quick is None and "超过" in str(streamed(far, formats, limits))
