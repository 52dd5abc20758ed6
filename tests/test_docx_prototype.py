"""Letters start from a prototype built once per process: each loan starts from the pristine
body, the package written equals what python-docx writes, and a letter never leaks into the next."""

import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
from builders import error, failed_file, warnings_file
from docx.enum.style import WD_STYLE_TYPE

from validator.config.office import OfficeSettings
from validator.outputs import docx_prototype
from validator.outputs.docx_prototype import borrowed
from validator.outputs.letter import write_letter

TODAY = date(2026, 11, 28)
SETTINGS = OfficeSettings(signature="某市财政局", contact="张三", letterhead=True)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> docx.document.Document:
        self.calls += 1
        doc = docx.Document()
        doc.add_paragraph("版头")
        return doc


def test_a_loan_is_saved_as_python_docx_saves_the_same_document(tmp_path: Path) -> None:
    with borrowed(("test", tmp_path, 1), Builder()) as loan:
        loan.doc.add_paragraph("正文")
        loan.save(tmp_path / "fast.docx")
        loan.doc.save(str(tmp_path / "plain.docx"))
    fast, plain = members(tmp_path / "fast.docx"), members(tmp_path / "plain.docx")
    assert list(fast) == list(plain)
    assert fast == plain


def test_each_loan_starts_from_the_pristine_body_and_the_prototype_is_built_once(tmp_path: Path) -> None:
    build, key = Builder(), ("test", tmp_path, 2)
    for text in ("第一封", "第二封"):
        with borrowed(key, build) as loan:
            loan.doc.add_paragraph(text)
            loan.save(tmp_path / f"{text}.docx")
    assert [p.text for p in docx.Document(str(tmp_path / "第二封.docx")).paragraphs] == ["版头", "第二封"]
    assert build.calls == 1


def test_two_borrowers_at_once_get_two_documents(tmp_path: Path) -> None:
    build, key = Builder(), ("test", tmp_path, 3)
    with borrowed(key, build) as first, borrowed(key, build) as second:
        assert first.doc is not second.doc
    assert build.calls == 2


def test_a_part_changed_by_a_letter_is_written_and_its_prototype_not_lent_again(tmp_path: Path) -> None:
    build, key = Builder(), ("test", tmp_path, 4)
    with borrowed(key, build) as loan:
        loan.doc.styles.add_style("审核表格", WD_STYLE_TYPE.PARAGRAPH)
        loan.save(tmp_path / "styled.docx")
    assert "审核表格" in [s.name for s in docx.Document(str(tmp_path / "styled.docx")).styles]
    with borrowed(key, build) as loan:
        loan.save(tmp_path / "next.docx")
    assert "审核表格" not in [s.name for s in docx.Document(str(tmp_path / "next.docx")).styles]
    assert build.calls == 2


def test_a_letter_after_another_is_the_letter_a_fresh_process_writes(tmp_path: Path) -> None:
    projects = tuple(f"项目{row}" for row in range(4, 14))
    many = replace(failed_file(), projects=projects,  # more rows than the letter holds: an attachment
                   findings=tuple(error(f"C{row}", "总计不等于各项资金之和", project=f"项目{row}") for row in range(4, 14)))
    write_letter(many, tmp_path / "first.docx", settings=SETTINGS, today=TODAY)
    assert "附件" in [p.text for p in docx.Document(str(tmp_path / "first.docx")).paragraphs]
    second = warnings_file()
    write_letter(second, tmp_path / "second.docx", settings=SETTINGS, today=TODAY)
    docx_prototype._POOLS.clear()  # as a new process starts
    write_letter(second, tmp_path / "fresh.docx", settings=SETTINGS, today=TODAY)
    assert members(tmp_path / "second.docx") == members(tmp_path / "fresh.docx")
    assert "附件" not in [p.text for p in docx.Document(str(tmp_path / "second.docx")).paragraphs]
