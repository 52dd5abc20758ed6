"""The 版头 (GB/T 9704 信函格式), the shipped base document, and what the office is told about
how its letters are signed."""

from datetime import date
from pathlib import Path

import docx
from builders import failed_file
from click.testing import CliRunner
from docx.oxml.ns import qn

from validator.cli import cli
from validator.config.loader import load_config, office_settings
from validator.config.office import OfficeSettings
from validator.outputs.letter import write_letter, write_letter_base

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 28)


def red_line(paragraph: docx.text.paragraph.Paragraph) -> dict[str, str]:
    bottom = paragraph._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    return {key: bottom.get(qn(f"w:{key}")) for key in ("val", "color")}


def test_letterhead_names_the_signer_over_a_red_double_line(tmp_path: Path) -> None:
    settings = OfficeSettings(signature="某市财政局", letterhead=True)
    document = docx.Document(str(write_letter(failed_file(), tmp_path / "a.docx", settings=settings, today=TODAY)))
    head = document.paragraphs[0]
    assert head.text == "某市财政局" and head.alignment == 1
    assert str(head.runs[0].font.color.rgb) == "FF0000"
    assert red_line(head) == {"val": "thickThinSmallGap", "color": "FF0000"}  # 上粗下细
    assert round((head.paragraph_format.left_indent.mm * -2) + 156) == 170  # the line is 170 mm long
    assert document.paragraphs[1].text.startswith("关于《")


def test_no_letterhead_unless_switched_on(tmp_path: Path) -> None:
    base = write_letter_base(tmp_path / "base.docx", issuer="某区财政局")
    settings = OfficeSettings(base_document=base)
    document = docx.Document(str(write_letter(failed_file(), tmp_path / "a.docx", settings=settings, today=TODAY)))
    assert document.paragraphs[0].text.startswith("关于《")


def test_the_shipped_base_document_is_what_the_setting_names(tmp_path: Path) -> None:
    settings = office_settings(load_config(ROOT / "rules.yaml"))
    assert settings.usable_base_document() == ROOT / "templates" / "letter_base.docx"
    shipped = docx.Document(str(ROOT / "templates" / "letter_base.docx"))
    fresh = docx.Document(str(write_letter_base(tmp_path / "base.docx")))
    assert [p.text for p in shipped.paragraphs] == [p.text for p in fresh.paragraphs] == ["某市财政局"]
    assert red_line(shipped.paragraphs[0]) == red_line(fresh.paragraphs[0])
    letter = write_letter(failed_file(), tmp_path / "l.docx", settings=OfficeSettings(
        signature="某市财政局", letterhead=True, base_document=settings.base_document), today=TODAY)
    assert docx.Document(str(letter)).paragraphs[0].text == "某市财政局"


def test_default_letters_are_signed_by_the_office_named_in_rules_yaml() -> None:
    settings = office_settings(load_config(ROOT / "rules.yaml"))
    assert settings.signer == "某市财政局" and settings.notices() == []


def test_rules_check_says_when_letters_go_out_signed_by_the_section(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("letter:\n  office: 预算绩效管理科\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "--check", str(rules)])
    assert result.exit_code == 0
    assert "注意：意见函将以“预算绩效管理科”署名发出" in result.output and "letter.signature" in result.output
    rules.write_text("letter:\n  signature: 某市财政局\n", encoding="utf-8")
    assert "注意" not in CliRunner().invoke(cli, ["rules", "--check", str(rules)]).output
