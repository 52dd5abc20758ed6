from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from builders import error, failed_file, passed_file, unreadable_file, warning, warnings_file
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from validator.config.office import OfficeSettings
from validator.model import UNREADABLE_RULE, FileReport, Finding, Report, Severity
from validator.outputs.letter import write_letter, write_letters
from validator.reader.safety import SAVE_AS

TODAY = date(2026, 11, 28)
SETTINGS = OfficeSettings(office="某市财政局预算绩效管理科", contact="张三", phone="0571-87000000",
                          signature="某市财政局", resubmit_days=10)


def letter(tmp_path: Path, file_report: FileReport, settings: OfficeSettings = SETTINGS) -> docx.Document:
    path = write_letter(file_report, tmp_path / "letter.docx", settings=settings, today=TODAY)
    return docx.Document(str(path))


def texts(document: docx.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def all_runs(document: docx.Document) -> list:
    runs = [run for p in document.paragraphs for run in p.runs]
    for table in document.tables:
        runs += [run for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    return runs


def east_asia(run) -> str | None:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_gb_margins(tmp_path: Path) -> None:
    section = letter(tmp_path, failed_file()).sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.left_margin,
                section.right_margin, section.bottom_margin]
    assert [round(length.mm) for length in measured] == [210, 297, 37, 28, 26, 35]


def test_every_run_sets_its_chinese_font(tmp_path: Path) -> None:
    document = letter(tmp_path, failed_file())
    runs = [run for run in all_runs(document) if run.text]
    assert runs and all(east_asia(run) in {"仿宋_GB2312", "方正小标宋简体", "黑体"} for run in runs)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_title_heading_and_body_fonts(tmp_path: Path) -> None:
    document = letter(tmp_path, failed_file())
    title = document.paragraphs[0]
    assert title.text.split("\n") == ["关于《某市司法局2026年", "项目支出绩效目标表》的审核意见"]
    assert east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert title.alignment == 1  # centred
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert east_asia(heading.runs[0]) == "黑体"
    body = next(p for p in document.paragraphs if p.text.startswith("你单位"))
    assert east_asia(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(body.paragraph_format.line_spacing.pt - 28.9) < 0.1


def test_returned_letter_states_verdict_counts_and_deadline(tmp_path: Path) -> None:
    body = "\n".join(texts(letter(tmp_path, failed_file())))
    assert "某市司法局：" in body
    assert "你单位于2026年11月20日报送的《某市司法局2026年项目支出绩效目标表》" in body
    assert "司法局2026.xlsx" not in body  # the file name is metadata, not text
    assert "退回修改" in body and "共发现问题5项，其中错误3项、提示2项" in body
    assert "于2026年12月8日前重新报送" in body
    assert "联系人：张三；联系电话：0571-87000000" in body
    assert texts(letter(tmp_path, failed_file()))[-2:] == ["某市财政局", "2026年11月28日"]


def test_footer_has_page_field_in_songti(tmp_path: Path) -> None:
    section = letter(tmp_path, failed_file()).sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in "".join(footer._element.xpath(".//w:instrText/text()"))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert {east_asia(r) for r in paragraph.runs} == {"宋体"}
        assert {r.font.size for r in paragraph.runs} == {Pt(14)}


def test_warnings_only_letter_passes_with_hints(tmp_path: Path) -> None:
    document = letter(tmp_path, warnings_file())
    body = "\n".join(texts(document))
    assert "通过（有提示）" in body and "无需重新报送" in body and "重新报送。" not in body.replace("无需重新报送。", "")
    assert document.tables == [] and "【提示】项目绩效目标!D5：满意度目标为 100%。" in body


def test_clean_submission_gets_a_short_approval_without_table(tmp_path: Path) -> None:
    document = letter(tmp_path, passed_file())
    body = "\n".join(texts(document))
    assert document.tables == []
    assert "审核结论为：通过。" in body and "退回" not in body
    assert len(document.paragraphs) < 12


def test_unreadable_letter_explains_save_as(tmp_path: Path) -> None:
    document = letter(tmp_path, unreadable_file())
    body = "\n".join(texts(document))
    assert document.tables == []
    assert texts(document)[0] == "关于《项目支出绩效目标表》的审核意见"
    assert texts(document)[-1] == "（报送文件：卫健委.xls）"  # the 附注 names the file the title cannot
    assert "报送单位：" in body
    assert "文件是旧版 .xls 格式，无法读取" in body
    assert "另存为" in body and ".xlsx" in body
    assert "于2026年12月8日前重新报送" in body


def test_fixed_deadline_and_no_contact_line(tmp_path: Path) -> None:
    settings = OfficeSettings(resubmit_by=date(2026, 12, 31))
    body = "\n".join(texts(letter(tmp_path, failed_file(), settings)))
    assert "于2026年12月31日前重新报送" in body and "联系人" not in body
    assert "预算绩效管理科" in body


def test_base_document_is_kept(tmp_path: Path) -> None:
    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "某市财政局文件"
    base.add_paragraph("")
    base_path = tmp_path / "letter_base.docx"
    base.save(str(base_path))
    document = letter(tmp_path, failed_file(), OfficeSettings(base_document=base_path, letterhead=True))
    assert document.sections[0].header.paragraphs[0].text == "某市财政局文件"
    assert document.paragraphs[0].text.startswith("关于《")  # the empty paragraph was dropped
    assert round(document.sections[0].page_width.mm) == 210


def test_write_letters_uses_safe_unique_names(tmp_path: Path) -> None:
    odd = FileReport(path="a/b/x.xlsx", unit="某局/办公室:一科")
    twin = FileReport(path="c/x.xlsx", unit="某局/办公室:一科")
    paths = write_letters(Report(files=(odd, twin, passed_file())), tmp_path / "out", settings=SETTINGS, today=TODAY)
    assert [p.name for p in paths] == ["某局_办公室_一科_x_审核意见.docx", "某局_办公室_一科_x-2_审核意见.docx",
                                       "某市文旅局_文旅局2026_审核意见.docx"]
    assert all(p.parent == tmp_path / "out" and p.is_file() for p in paths)


@pytest.mark.parametrize("file_report", [failed_file(), warnings_file(), passed_file(), unreadable_file()])
def test_every_outcome_opens(tmp_path: Path, file_report: FileReport) -> None:
    assert "2026年11月28日" in texts(letter(tmp_path, file_report))[-2:]


def test_metadata_names_the_office_not_the_library(tmp_path: Path) -> None:
    props = letter(tmp_path, failed_file()).core_properties
    assert props.author == SETTINGS.signer and props.title.startswith("关于《")
    assert props.comments == "报送文件：司法局2026.xlsx"
    assert props.created.date() == TODAY


def test_counts_name_only_what_is_there(tmp_path: Path) -> None:
    assert "共发现问题1项，均为提示。" in "\n".join(texts(letter(tmp_path, warnings_file())))


def one_project_file(*, indicator: str | None = None) -> FileReport:
    findings = (
        error("C4", "总计 800.00 不等于 财政拨款 + 财政专户拨款 + 其他资金 = 700.00", project="设备购置",
              suggestion="请核对各资金来源"),
        warning("F5", "指标值“有效改善”是定性表述", project="设备购置", indicator=indicator, suggestion="请写明评判标准"),
    )
    return FileReport(path="inbox/卫健委.xlsx", unit="某市卫健委", year=2027, findings=findings,
                      received=datetime(2026, 11, 28, 9, 0), projects=("设备购置",), indicators=2)


@pytest.mark.parametrize("file_report", [failed_file(), warnings_file(), passed_file(), unreadable_file()])
def test_signature_is_never_alone_on_the_last_page(tmp_path: Path, file_report: FileReport) -> None:
    paragraphs = letter(tmp_path, file_report).paragraphs
    start = [p.text for p in paragraphs].index("特此函告。") - 1  # the last body paragraph
    assert paragraphs[start].text
    kept = [bool(p.paragraph_format.keep_with_next) for p in paragraphs[start:]]
    assert kept == [True] * (len(kept) - 1) + [False]  # 特此函告, the blank line and the signer hold on


def test_unreadable_letter_gives_the_save_as_advice_once(tmp_path: Path) -> None:
    old_xls = Finding(rule=UNREADABLE_RULE, severity=Severity.ERROR, suggestion=SAVE_AS,
                      message="文件是旧版 Excel 97-2003 格式（.xls）或 WPS 专有格式（.et），系统只接受 .xlsx。")
    body = texts(letter(tmp_path, FileReport(path="inbox/文旅局.xls", findings=(old_xls,))))
    assert "经查，文件是旧版 Excel 97-2003 格式（.xls）或 WPS 专有格式（.et），系统只接受 .xlsx。" in body
    assert sum("另存为" in line for line in body) == 1
    encrypted = Finding(rule=UNREADABLE_RULE, severity=Severity.ERROR, message="文件设置了打开密码（已加密），无法读取。",
                        suggestion="请在 Excel 或 WPS 中取消密码保护后另存为 .xlsx 再提交。")
    body = texts(letter(tmp_path, FileReport(path="inbox/文旅局.xlsx", findings=(encrypted,))))
    assert "经查，文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码保护后另存为 .xlsx 再提交。" \
        in body  # specific advice stays


@pytest.mark.parametrize("file_report", [failed_file(), warnings_file()])
def test_headings_stay_with_what_follows_them(tmp_path: Path, file_report: FileReport) -> None:
    headings = [p for p in letter(tmp_path, file_report).paragraphs if p.text[:2] in {"一、", "二、", "三、", "四、"}]
    assert len(headings) >= 2 and all(p.paragraph_format.keep_with_next for p in headings)
