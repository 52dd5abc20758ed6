"""The feedback letter (审核意见) as a Word document, laid out after GB/T 9704-2012.

The only module that imports python-docx. Everything it writes is a function of one
FileReport plus the office's settings, so a letter can be regenerated from a saved report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from validator.config.office import OfficeSettings
from validator.model import FileReport, Finding, Report, Severity, Status
from validator.outputs.changes import compare
from validator.outputs.naming import output_stem, unique_path
from validator.outputs.selfeval import self_evaluation_title
from validator.reader.safety import SAVE_AS

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(12)  # 小四
TABLE_PITCH = Pt(18)
LINE_PITCH = Pt(28.9)  # 22 lines per page on the GB/T 9704 type area
TITLE_PITCH = Pt(35)
INDENT = Pt(32)  # two characters of 3号
PAGE = (Mm(210), Mm(297))
HEADER_DISTANCE, FOOTER_DISTANCE = Mm(15), Mm(28)  # page number about 7 mm below the type area
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
COLUMNS: tuple[tuple[str, Length], ...] = (
    ("序号", Mm(14)),
    ("位置", Mm(26)),
    ("项目", Mm(26)),
    ("指标", Mm(24)),
    ("问题", Mm(36)),
    ("修改建议", Mm(30)),
)  # 156 mm: the type area between the margins
TYPE_WIDTH = Mm(156)
OPTIONAL_COLUMNS = ("项目", "指标")  # left out when they would say nothing (see _table_columns)
LETTER_SUFFIX = "_审核意见.docx"


def write_letter(
    file_report: FileReport, path: Path | str, *, settings: OfficeSettings, today: date | None = None,
    previous: FileReport | None = None,
) -> Path:
    """Write the feedback letter for one submission and return its path. With `previous`
    (the unit's earlier submission of the same table) the letter also says what changed."""
    today = today or date.today()

    def body(doc: DocxDocument) -> None:
        _BODIES[file_report.status](doc, file_report, settings, today)
        if previous is not None:
            _changes_section(doc, file_report, previous)

    return _write(file_report, path, settings=settings, today=today, body=body)


def write_note(
    file_report: FileReport, path: Path | str, *, settings: OfficeSettings, paragraphs: Sequence[str],
    today: date | None = None,
) -> Path:
    """A short letter with the usual title, addressee and closing around `paragraphs`
    (e.g. the answer to a file identical to one already reviewed)."""

    def body(doc: DocxDocument) -> None:
        for text in paragraphs:
            _plain(doc, text)

    return _write(file_report, path, settings=settings, today=today or date.today(), body=body)


def _write(file_report: FileReport, path: Path | str, *, settings: OfficeSettings, today: date,
           body: Callable[[DocxDocument], None]) -> Path:
    """The frame every letter shares: title, addressee, `body`, closing, document metadata."""
    doc = _new_document(settings)
    title = settings.letter_title(unit=file_report.unit, year=file_report.year, file=Path(file_report.name).stem)
    title = self_evaluation_title(file_report) or title  # a self-evaluation review has its own title
    _title(doc, title)
    _plain(doc, f"{file_report.unit or '报送单位'}：", indent=False)
    body(doc)
    _closing(doc, settings, today)
    _properties(doc, title, settings, today)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


def write_letters(
    report: Report, directory: Path | str, *, settings: OfficeSettings, today: date | None = None
) -> list[Path]:
    """One letter per submission, named `{unit}_{file stem}_审核意见.docx`."""
    folder = Path(directory)
    taken: set[Path] = set()
    paths = []
    for file_report in report.files:
        target = unique_path(folder, output_stem(file_report), LETTER_SUFFIX, taken)
        paths.append(write_letter(file_report, target, settings=settings, today=today))
    return paths


def chinese_date(day: date) -> str:
    """Arabic numerals without zero padding, as GB/T 9704 writes dates: 2026年11月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


# --- the bodies, one per outcome ------------------------------------------------------


def _approval_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date) -> None:
    _plain(doc, f"{_received(fr)}已收悉。经审核，该表填报完整、规范，审核结论为：{Status.PASSED.verdict}。")
    _plain(doc, "请按程序做好项目实施和绩效运行监控，确保绩效目标如期实现。")


def _review_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date) -> None:
    _plain(doc, f"{_received(fr)}{_scope(fr)}已收悉。经审核，现将审核意见函告如下。")
    _heading(doc, "一、审核结论")
    _plain(doc, f"{fr.status.verdict}。{_counts(fr)}")
    _heading(doc, "二、问题及修改建议")
    order = "（先列错误，后列提示）" if fr.errors and fr.warnings else ""
    _plain(doc, f"具体问题及修改建议见下表{order}。")
    _findings_table(doc, fr.sorted_findings(), single_project=len(fr.projects) <= 1)
    _heading(doc, "三、下一步工作")
    for text in _next_steps(fr, settings, today):
        _plain(doc, text)


def _unreadable_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date) -> None:
    _plain(doc, f"{_received(fr)}已收悉。经查，该文件无法读取，未能进行审核，审核结论为：{fr.status.verdict}。")
    _heading(doc, "一、文件存在的问题")
    for finding in fr.sorted_findings():
        # the generic "save as .xlsx" advice is spelt out step by step under 二、处理办法
        _plain(doc, _problem_text(finding, advice=finding.suggestion != SAVE_AS))
    _heading(doc, "二、处理办法")
    for text in _SAVE_AS_STEPS:
        _plain(doc, text)
    _plain(doc, f"请按上述要求处理后，于{chinese_date(settings.deadline(today))}前重新报送。")


_BODIES: dict[Status, Callable[[DocxDocument, FileReport, OfficeSettings, date], None]] = {
    Status.PASSED: _approval_body,
    Status.WARNINGS: _review_body,
    Status.FAILED: _review_body,
    Status.UNREADABLE: _unreadable_body,
}

_SAVE_AS_STEPS = (
    "1．请用 Excel 或 WPS 表格打开原文件，点击“文件—另存为”，将保存类型选为“Excel 工作簿（*.xlsx）”后保存。"
    "请勿直接修改文件扩展名（如把 .xls、.et 改为 .xlsx）。",
    "2．文件不要设置打开密码，不要压缩打包，不要以图片、PDF 或扫描件报送。",
    "3．请在下发的标准模板中填报，不要删除工作表或改动表头。",
)


def _received(fr: FileReport) -> str:
    when = f"于{chinese_date(fr.received.date())}" if fr.received else ""
    layout = f"（{fr.layout_label}）" if fr.layout_label else ""
    return f"你单位{when}报送的《{fr.name}》{layout}"


def _scope(fr: FileReport) -> str:
    if not fr.projects:
        return ""
    return f"（共填报项目{len(fr.projects)}个、绩效指标{fr.indicators}项）"


def _counts(fr: FileReport) -> str:
    parts = [f"{label}{n}项" for label, n in (("错误", fr.errors), ("提示", fr.warnings)) if n]
    detail = f"，其中{'、'.join(parts)}" if fr.errors and fr.warnings else f"，均为{parts[0][:2]}"
    return f"本次审核共发现问题{len(fr.findings)}项{detail}。"


def _next_steps(fr: FileReport, settings: OfficeSettings, today: date) -> list[str]:
    if fr.status is Status.FAILED:
        return [
            "请对照上表逐项修改：标为“错误”的问题须全部改正；标为“提示”的问题请逐项核实，确有不妥的一并完善。",
            f"修改完成后，请于{chinese_date(settings.deadline(today))}前重新报送。",
        ]
    return ["该表审核通过。上表所列提示事项请结合实际核实完善，无需重新报送。"]


def _problem_text(finding: Finding, *, advice: bool = True) -> str:
    text = finding.message.rstrip("。")
    if finding.suggestion and advice:
        text += f"。{finding.suggestion.rstrip('。')}"
    return text + "。"


# --- what changed since the unit's earlier submission ----------------------------------

_CHANGE_HEADINGS = {Status.PASSED: None, Status.WARNINGS: "四、", Status.FAILED: "四、", Status.UNREADABLE: "三、"}
_CHANGE_LIST_MAX = 20


def _changes_section(doc: DocxDocument, fr: FileReport, previous: FileReport) -> None:
    changes = compare(previous, fr)
    number = _CHANGE_HEADINGS[fr.status]
    if number:
        _heading(doc, f"{number}与上次报送相比")
    when = f"于{chinese_date(previous.received.date())}" if previous.received else "此前"
    _plain(doc, f"你单位{when}报送的《{previous.name}》经审核发现问题{len(previous.findings)}项。与之相比，本次"
                f"已改正{len(changes.fixed)}项，仍未改正{len(changes.still_open)}项，新发现{len(changes.new)}项。")
    for label, findings in (("已改正", changes.fixed), ("仍未改正", changes.still_open), ("新发现", changes.new)):
        if findings:
            _plain(doc, f"{label}的问题：")
            for number_, finding in enumerate(findings[:_CHANGE_LIST_MAX], start=1):
                where = f"{finding.location}，" if finding.location else ""
                _plain(doc, f"{number_}．{where}{finding.message.rstrip('。')}。")
            if len(findings) > _CHANGE_LIST_MAX:
                _plain(doc, f"……共{len(findings)}项，其余从略。")


def _closing(doc: DocxDocument, settings: OfficeSettings, today: date) -> None:
    """Contact line, 特此函告, signature and date. The last body paragraph is kept on the page
    of the signature (GB/T 9704: the page that carries the 落款 must also carry body text)."""
    chained = [doc.paragraphs[-1]] if doc.paragraphs else []
    contact = _contact_line(settings)
    if contact:
        chained.append(_plain(doc, contact))
    chained.append(_plain(doc, "特此函告。"))
    chained.append(_plain(doc, "", indent=False))
    for text in (settings.signer, chinese_date(today)):
        paragraph = _plain(doc, text, indent=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = INDENT * 2  # 右空四字
        chained.append(paragraph)
    for paragraph in chained[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _contact_line(settings: OfficeSettings) -> str | None:
    parts = []
    if settings.contact:
        parts.append(f"联系人：{settings.contact}")
    if settings.phone:
        parts.append(f"联系电话：{settings.phone}")
    return "；".join(parts) + "。" if parts else None


# --- the findings table ---------------------------------------------------------------


def _findings_table(doc: DocxDocument, findings: list[Finding], *, single_project: bool = False) -> Table:
    columns = _table_columns(findings, single_project=single_project)
    labels = [label for label, _ in COLUMNS]
    keep = [labels.index(label) for label, _ in columns]
    table = doc.add_table(rows=1, cols=len(columns))
    _table_frame(table, columns)
    for cell, (label, width) in zip(table.rows[0].cells, columns):
        _cell_text(cell, label, width, font=HEADING_FONT, centre=True)
    _repeat_header(table)
    for number, finding in enumerate(findings, start=1):
        row = table.add_row()
        _keep_row_on_one_page(row._tr)
        values = _row_values(number, finding)
        for column, (cell, (_, width)) in enumerate(zip(row.cells, columns)):
            _cell_text(cell, values[keep[column]], width, centre=column == 0)
    return table


def _table_columns(findings: list[Finding], *, single_project: bool) -> list[tuple[str, Length]]:
    """COLUMNS without a 项目 column when the table has only one project to name (the unit
    knows which), and without a 指标 column when no finding concerns an indicator; the
    width they free goes to 问题 and 修改建议, which carry the text."""
    projects = {f.project for f in findings if f.project}
    empty = {
        "项目": single_project and len(projects) <= 1,
        "指标": not any(f.indicator for f in findings),
    }
    columns = [(label, width) for label, width in COLUMNS if not empty.get(label)]
    spare = TYPE_WIDTH - sum(width for _, width in columns)
    if not spare:
        return columns
    half = Length(spare // 2)
    grow = {"问题": half, "修改建议": Length(spare - half)}
    return [(label, Length(width + grow.get(label, 0))) for label, width in columns]


def _row_values(number: int, finding: Finding) -> tuple[str, ...]:
    label = "【错误】" if finding.severity is Severity.ERROR else "【提示】"
    return (
        str(number),
        finding.location,
        finding.project or "",
        finding.indicator or "",
        label + finding.message,
        finding.suggestion or "",
    )


def _keep_row_on_one_page(tr: object) -> None:
    """A finding's row is not split between two pages."""
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.append(cant_split)


def _table_frame(table: Table, columns: Sequence[tuple[str, Length]] = COLUMNS) -> None:
    """Fixed layout, centred, single borders, column grid set: no dependence on the
    base document having a 'Table Grid' style."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            border.set(qn(f"w:{key}"), value)
        borders.append(border)
    tbl_pr.append(borders)
    for column, (_, width) in zip(table.columns, columns):
        column.width = width


def _repeat_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell: _Cell, text: str, width: Length, *, font: str = BODY_FONT, centre: bool = False) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = TABLE_PITCH
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _no_grid_snap(paragraph)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(paragraph.add_run(text), font, TABLE_SIZE)


def _no_grid_snap(paragraph: Paragraph) -> None:
    """Table text keeps its own line height instead of the body's 28.9 pt line grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().append(snap)


# --- page, styles, paragraphs ---------------------------------------------------------


def _new_document(settings: OfficeSettings) -> DocxDocument:
    base = settings.usable_base_document()
    doc = Document(str(base)) if base else Document()
    _drop_trailing_empty(doc)
    _body_style(doc)
    for section in doc.sections:
        _page_setup(section)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_numbers(doc.sections[-1])
    return doc


def _properties(doc: DocxDocument, title: str, settings: OfficeSettings, today: date) -> None:
    """Replace python-docx's template metadata (author "python-docx", dated 2013)."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, settings.office, settings.office
    props.comments = props.subject = props.keywords = props.category = ""
    props.created = props.modified = datetime.combine(today, datetime.min.time())
    props.revision = 1


def _drop_trailing_empty(doc: DocxDocument) -> None:
    """A base document saved by Word ends in an empty paragraph; the letter starts there."""
    paragraphs = doc.paragraphs
    while paragraphs and not paragraphs[-1].text.strip() and not _has_drawing(paragraphs[-1]):
        element = paragraphs.pop()._element
        element.getparent().remove(element)


def _has_drawing(paragraph: Paragraph) -> bool:
    return bool(paragraph._element.xpath(".//w:drawing | .//w:pict"))


def _page_setup(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))


def _body_style(doc: DocxDocument) -> None:
    style = doc.styles["Normal"]
    _set_font_element(style.element, BODY_FONT)
    style.font.size = BODY_SIZE
    fmt = style.paragraph_format
    fmt.line_spacing = LINE_PITCH
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)


def _title(doc: DocxDocument, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = TITLE_PITCH
    _set_font(paragraph.add_run(text), TITLE_FONT, TITLE_SIZE)
    _plain(doc, "", indent=False)


def _heading(doc: DocxDocument, text: str) -> None:
    """A 一、 heading in 黑体, never left alone at the foot of a page."""
    _plain(doc, text, font=HEADING_FONT).paragraph_format.keep_with_next = True


def _plain(doc: DocxDocument, text: str, *, indent: bool = True, font: str = BODY_FONT) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.line_spacing = LINE_PITCH
    paragraph.paragraph_format.first_line_indent = INDENT if indent else Pt(0)
    if text:
        _set_font(paragraph.add_run(text), font, BODY_SIZE)
    return paragraph


def _set_font(run: Run, name: str, size: Length) -> None:
    run.font.size = size
    _set_font_element(run._element, name)


def _set_font_element(element: object, name: str) -> None:
    """Set all four rFonts slots; `font.name` alone leaves Chinese text in the default font."""
    r_pr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = r_pr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


# --- page numbers: 4号 宋体 “— 1 —”, odd pages right, even pages left (一字 from the edge) --


def _page_numbers(section: Section) -> None:
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    if paragraph._element.xpath(".//w:instrText[contains(., 'PAGE')] | .//w:fldSimple"):
        return  # the base document brings its own page numbers
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.right_indent = PAGE_SIZE if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    fmt.left_indent = PAGE_SIZE if align == WD_ALIGN_PARAGRAPH.LEFT else None
    _set_font(paragraph.add_run("— "), PAGE_FONT, PAGE_SIZE)
    for part in _page_field():
        run = paragraph.add_run()
        _set_font(run, PAGE_FONT, PAGE_SIZE)
        run._element.append(part)
    _set_font(paragraph.add_run(" —"), PAGE_FONT, PAGE_SIZE)


def _page_field() -> list[object]:
    """A complex PAGE field (begin, instruction, separate, cached result, end): Word and
    LibreOffice both update it on opening."""
    parts: list[object] = []
    for tag, value in (("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
                       ("t", "1"), ("fldChar", "end")):
        element = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        parts.append(element)
    return parts
