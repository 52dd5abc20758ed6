"""The limits of rules.yaml hold before the expensive work, for every format: rows and cells
counted while a sheet streams, merged-cell bombs refused however the XML is spelled or
wherever the sheet is stored, and each limit taken from the configuration."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from helpers import good_sub, write_sub

from validator.config.limits import Limits, limits_of
from validator.config.loader import parse_config
from validator.engine import validate_file
from validator.reader import UnreadableFile, read_submission

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
MERGE_BOMB = "A1:XFD1048576"


def _rewrite(path: Path, edit: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> Path:
    """Copy `path` with some parts replaced (None drops a part) and others added."""
    out = path.with_name("edited_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit.get(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out


def _with_merge(sheet: bytes, element: bytes) -> bytes:
    return sheet.replace(b"</sheetData>", b"</sheetData><mergeCells count=\"1\">" + element + b"</mergeCells>", 1)


@pytest.mark.parametrize("element", [
    f'<mergeCell ref="{MERGE_BOMB}"/>'.encode(),
    f"<mergeCell ref='{MERGE_BOMB}'/>".encode(),
    f'<mergeCell ref = "{MERGE_BOMB}" />'.encode(),
    f'<mergeCell\n  ref=\n"{MERGE_BOMB}"/>'.encode(),
])
def test_a_merged_cell_bomb_is_refused_however_it_is_spelled(tmp_path: Path, element: bytes) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    bomb = _rewrite(path, {"xl/worksheets/sheet2.xml": _with_merge(sheet, element)})
    for engine in ("calamine", "openpyxl"):
        with pytest.raises(UnreadableFile, match="合并的单元格过多"):
            read_submission(bomb, engine=engine)


def test_a_merged_cell_bomb_in_a_sheet_stored_outside_xl_is_refused(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
        types = archive.read("[Content_Types].xml")
    rels = rels.replace(b'Target="worksheets/sheet2.xml"', b'Target="/elsewhere/data.xml"')
    rels = rels.replace(b'Target="/xl/worksheets/sheet2.xml"', b'Target="/elsewhere/data.xml"')
    assert b"/elsewhere/data.xml" in rels
    types = types.replace(b"/xl/worksheets/sheet2.xml", b"/elsewhere/data.xml")
    bomb = _rewrite(path, {"xl/worksheets/sheet2.xml": None, "xl/_rels/workbook.xml.rels": rels,
                           "[Content_Types].xml": types},
                    add={"elsewhere/data.xml": _with_merge(sheet, f'<mergeCell ref="{MERGE_BOMB}"/>'.encode())})
    with pytest.raises(UnreadableFile, match="合并的单元格过多"):
        read_submission(bomb)


def test_cells_and_rows_are_counted_while_streaming(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    with pytest.raises(UnreadableFile, match="超过 10 个单元格"):
        read_submission(path, limits=Limits(cells_per_sheet=10))
    with pytest.raises(UnreadableFile, match="超过 3 行"):
        read_submission(path, limits=Limits(rows_per_sheet=3))
    assert read_submission(path).indicators  # the defaults read it


@pytest.mark.parametrize("name", ["funds.xls", "funds.ods"])
def test_the_limits_hold_for_xls_and_ods(name: str) -> None:
    with pytest.raises(UnreadableFile, match="超过 3 行"):
        read_submission(FORMATS / name, limits=Limits(rows_per_sheet=3))
    with pytest.raises(UnreadableFile, match="文件过大"):
        read_submission(FORMATS / name, limits=Limits(file_mb=0.001))


def test_the_sheet_xml_size_is_bounded_while_it_streams(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    with pytest.raises(UnreadableFile, match="工作表数据超过"):
        read_submission(path, limits=Limits(sheet_xml_mb=0.001))


def test_validate_takes_the_limits_from_rules_yaml(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    config = parse_config("limits:\n  cells_per_sheet: 10\n")
    assert limits_of(config).cells_per_sheet == 10
    [finding] = validate_file(path, config).findings
    assert finding.rule == "file-unreadable" and re.search("超过 10 个单元格", finding.message)


def test_cells_and_merged_areas_of_an_xls_are_bounded() -> None:
    with pytest.raises(UnreadableFile, match="超过 5 个单元格"):
        read_submission(FORMATS / "funds.xls", limits=Limits(cells_per_sheet=5))
    with pytest.raises(UnreadableFile, match="合并的单元格过多"):
        read_submission(FORMATS / "funds.xls", limits=Limits(merged_cells=2))


def test_empty_styled_cells_count_towards_the_cell_limit(tmp_path: Path) -> None:
    path = write_sub(tmp_path / "s.xlsx", good_sub())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    stored = sheet.count(b"<c ")
    empty = b"".join(f'<c r="Z{row}" s="0"/>'.encode() for row in range(1, 2))
    padded = _rewrite(path, {"xl/worksheets/sheet2.xml": sheet.replace(b"</row>", empty * 50 + b"</row>", 1)})
    assert read_submission(padded, limits=Limits(cells_per_sheet=stored + 50)).projects
    with pytest.raises(UnreadableFile, match="个单元格"):
        read_submission(padded, limits=Limits(cells_per_sheet=stored + 49))
