"""The annotated copy written by patching the package (outputs/annotate_package.py) is the copy
the openpyxl way writes, as a user sees it: every sheet, cell value and type, fill, font, quote
prefix, comment, link, merged range, column width, row height, frozen pane, filter, print
set-up, the sheet order, the active sheet and the names. Compared on the acceptance corpus, the
seed, LibreOffice-saved files, and workbooks with formulas, macros and odd names."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from helpers import good_sub, validate, write_sub
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from validator.model import FileReport
from validator.outputs import annotate
from validator.outputs.annotate import annotate_workbook

ROOT = Path(__file__).resolve().parent
SOURCES = [*sorted(p for p in (ROOT / "acceptance").rglob("*.xlsx") if p.stem != "unreadable"),
           ROOT / "data" / "seed_2023.xlsx", ROOT / "data" / "formats" / "funds_really_xlsx.xls"]


def seen(path: Path) -> dict[str, Any]:
    """What a user sees of a workbook, read back with openpyxl."""
    book = load_workbook(path)
    view: dict[str, Any] = {"sheets": book.sheetnames, "active": book.active.title if book.active else None,
                            "names": sorted((n, str(d.value)) for n, d in book.defined_names.items())}
    for ws in book.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                look = (cell.value, cell.data_type, cell.fill.fgColor.rgb if cell.fill.fill_type else None,
                        bool(cell.font.b), cell.font.color.rgb if cell.font.color else None, cell.font.u,
                        bool(cell.alignment.wrap_text), cell.alignment.vertical or "bottom",  # the default
                        cell.quotePrefix, cell.number_format,
                        (cell.comment.text, cell.comment.author, cell.comment.width, cell.comment.height)
                        if cell.comment else None,
                        cell.hyperlink.location if cell.hyperlink else None)
                if look[0] is not None or any(look[2:3]) or look[10] or look[11]:
                    cells[cell.coordinate] = look
        view[ws.title] = {
            "state": ws.sheet_state, "cells": cells, "merged": sorted(map(str, ws.merged_cells.ranges)),
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "titles": ws.print_title_rows,
            "page": (ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToWidth,
                     ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                     if ws.sheet_properties.pageSetUpPr else None),
            "selected": bool(ws.sheet_view.tabSelected),
            "validations": sorted((str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation),
        }
    return view


def both_ways(source: Path, report: FileReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              listed: int | None = None) -> tuple[Path, Path]:
    quick = annotate_workbook(report, source, tmp_path / "quick.xlsx", listed=listed)
    assert quick is not None
    with monkeypatch.context() as patch:
        patch.setattr(annotate, "write_patched", lambda *args, **kwargs: False)
        slow = annotate_workbook(report, source, tmp_path / "slow.xlsx", listed=listed)
    assert slow is not None
    return quick, slow


def patched(path: Path) -> bool:
    return "xl/worksheets/annotation.xml" in zipfile.ZipFile(path).namelist()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_patched_copy_is_the_copy_openpyxl_writes(source: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    quick, slow = both_ways(source, validate(source), tmp_path, monkeypatch)
    assert patched(quick)
    assert seen(quick) == seen(slow)


def test_the_template_is_patched_with_findings_filled_and_commented(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:2], 999, *sub.projects[0][3:])
    source = write_sub(tmp_path / "sub.xlsx", sub)
    report = validate(source)
    assert report.errors
    quick, slow = both_ways(source, report, tmp_path, monkeypatch, listed=1)
    assert patched(quick) and not patched(slow)
    assert seen(quick) == seen(slow)
    book = load_workbook(quick)
    assert book.sheetnames[0] == "审核意见" and book.active.title == "审核意见"
    marked = [c for ws in book.worksheets[1:] for row in ws.iter_rows() for c in row if c.comment]
    assert marked and all(c.fill.fgColor.rgb == annotate.ERROR_FILL.fgColor.rgb for c in marked[:1])


def _odd_workbook(path: Path) -> Path:
    """Formulas with and without cached values, a merged range, names local and external, a
    hidden sheet, a sheet selected, an existing 审核意见 sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "项目信息"
    ws["A1"], ws["B1"], ws["C1"] = "=1+1", " 前后空格 ", "=B1&\"x\""
    ws["A3"] = "项目"
    ws.merge_cells("A3:C3")
    book.create_sheet("审核意见")["A1"] = "上次的意见"
    hidden = book.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = 5
    book.defined_names["远程"] = DefinedName("远程", attr_text="'[other.xlsx]Sheet1'!$A$1")
    book.defined_names["本地"] = DefinedName("本地", attr_text="'项目信息'!$A$1")
    ws.print_title_rows = "1:1"
    book.active = 2
    book.save(path)
    return path


def test_formulas_names_merged_cells_and_sheets_come_out_the_same(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from builders import error, warning

    source = _odd_workbook(tmp_path / "odd.xlsx")
    report = FileReport(path=str(source), findings=(
        error("B3", "合并单元格里的问题", sheet="项目信息"), warning("A1", "公式", sheet="项目信息"),
        error("A1", "同一格的错误", sheet="项目信息"), warning("Z99", "远处", sheet="隐藏"),
        error("C4", "不存在的表", sheet="没有这张表"), warning(None, "整个文件", sheet=None)))
    quick, slow = both_ways(source, report, tmp_path, monkeypatch)
    assert patched(quick)
    assert seen(quick) == seen(slow)
    book = load_workbook(quick)
    assert book.sheetnames[:2] == ["审核意见2", "项目信息"]
    assert book["项目信息"]["A1"].value == "=1+1" and book["项目信息"]["A1"].data_type == "s"
    assert book["项目信息"]["A3"].comment is not None


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not on PATH")
def test_a_template_saved_by_libreoffice_with_cached_values_is_patched(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:2], 999, *sub.projects[0][3:])
    written = write_sub(tmp_path / "in" / "sub.xlsx", sub)
    assert OFFICE is not None
    subprocess.run([OFFICE, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(written)],
                   check=True, capture_output=True, timeout=300)
    source = tmp_path / "lo" / "sub.xlsx"
    with zipfile.ZipFile(source) as archive:
        assert any(b"<f" in archive.read(n) and b"<v>" in archive.read(n) for n in archive.namelist()
                   if n.startswith("xl/worksheets/"))  # formulas with the values LibreOffice computed
    report = validate(source)
    assert report.errors
    quick, slow = both_ways(source, report, tmp_path, monkeypatch)
    assert patched(quick)
    assert seen(quick) == seen(slow)


def _with_macros(path: Path) -> None:
    """An .xlsm as Excel writes it: the macro project, its relationship and content types."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
        b"<Default ", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
        b'vbaProject" Target="vbaProject.bin"/></Relationships>')
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake macro project"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("what", ["comment", "macro"])
def test_what_the_patch_does_not_handle_goes_the_openpyxl_way(what: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from builders import error

    book = Workbook()
    book.active.title = "项目信息"
    book.active["A1"] = 1
    if what == "comment":
        book.active["B2"].comment = Comment("单位的批注", "单位")
    source = tmp_path / ("in.xlsm" if what == "macro" else "in.xlsx")
    book.save(source)
    if what == "macro":
        _with_macros(source)
    report = FileReport(path=str(source), findings=(error("B2", "问题", sheet="项目信息"),))
    quick, slow = both_ways(source, report, tmp_path, monkeypatch)
    assert patched(quick) is (what == "macro")  # a macro project is only dropped; a comment needs merging
    assert seen(quick) == seen(slow)
    assert "xl/vbaProject.bin" not in zipfile.ZipFile(quick).namelist()
