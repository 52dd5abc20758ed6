"""The feedback letter (审核意见) as a Word document, laid out after GB/T 9704-2012.

With `selfeval_letter.py` (a self-evaluation's own findings table) and `docx_prototype.py` (the
blank page built once per process), the only module that imports python-docx. Everything it writes is a function of one
FileReport plus the office's settings, so a letter can be regenerated from a saved report."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from validator.config.office import OfficeSettings
from validator.model import FileReport, Finding, Report, Status
from validator.outputs.changes import compare
from validator.outputs.docx_prototype import borrowed
from validator.outputs.grouping import Problem, Row, problem_number, problems_of, rows_by_project
from validator.outputs.naming import output_stem, unique_path
from validator.outputs.selfeval import SELF_APPROVAL, layout_word, self_evaluation_title, table_kind
from validator.outputs.title_lines import title_lines
from validator.reader.safety import SAVE_AS
from validator.reader.sniff import ACCEPTED_SUFFIXES
from validator.text import chinese_date

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_SIZE = Pt(14)  # 4号
LINE_PITCH = Pt(28.9)  # 22 lines per page on the GB/T 9704 type area
TITLE_PITCH = Pt(35)
INDENT = Pt(32)  # two characters of 3号
PAGE = (Mm(210), Mm(297))
HEADER_DISTANCE, FOOTER_DISTANCE = Mm(15), Mm(28)  # page number about 7 mm below the type area
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LANDSCAPE_MARGINS = {"top": Mm(28), "bottom": Mm(26), "left": Mm(37), "right": Mm(35)}  # the portrait area turned
TYPE_WIDTH = Mm(156)
LETTERHEAD_SIZE, LETTERHEAD_LINE, RED = Pt(30), Mm(170), RGBColor(0xFF, 0x00, 0x00)
LANDSCAPE_WIDTH = Mm(225)  # 297 mm less the turned margins
ATTACHMENT_COLUMNS: tuple[tuple[str, Length], ...] = (
    ("序号", Mm(10)),
    ("项目：问题、位置及修改建议", Mm(215)),
)  # 225 mm: the landscape type area
ATTACHMENT_SIZE, ATTACHMENT_PITCH = Pt(10.5), Pt(12)  # 五号, set close, in the attachment's table
ATTACHMENT_TITLE = "问题清单"
SHORT_MESSAGE = 30  # characters: a shared message this short is stated in the body, not per place
INLINE_ROWS = 6  # up to this many rows the findings are written in the letter itself, else in the attachment
LETTER_SUFFIX = "_审核意见.docx"


def write_letter(
    file_report: FileReport, path: Path | str, *, settings: OfficeSettings, today: date | None = None,
    previous: FileReport | None = None, listed: int | None = None,
) -> Path:
    """Write the feedback letter for one submission and return its path. With `previous`
    (the unit's earlier submission of the same table) the letter also says what changed.
    `listed` bounds the findings written out one by one (rules.yaml `limits.findings_listed`);
    the rest are counted ("另有 N 条未列出"), never silently dropped."""
    today = today or date.today()
    attachment: list[Attachment | Appendix] = []

    def body(doc: DocxDocument) -> None:
        attachment.extend(_BODIES[file_report.status](doc, file_report, settings, today, listed))
        if previous is not None:
            _changes_section(doc, file_report, previous)

    def after(doc: DocxDocument) -> None:
        for item in attachment:
            if isinstance(item, Attachment):
                _attachment(doc, item, single_project=len(file_report.projects) <= 1)
            else:
                item.write(doc)

    # the body decides whether there is an attachment; the frame asks only after writing it
    return _write(file_report, path, settings=settings, today=today, body=body,
                  after=after, attached=lambda: _attachment_title(attachment))


def _attachment_title(items: Sequence[Attachment | Appendix]) -> str | None:
    return next((item.title if not isinstance(item, Attachment) else ATTACHMENT_TITLE for item in items), None)


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
           body: Callable[[DocxDocument], None], after: Callable[[DocxDocument], None] | None = None,
           attached: Callable[[], str | None] = lambda: None) -> Path:
    """The frame every letter shares: title, addressee, `body`, closing with the file name as
    附注, then what comes `after` the signature (the attachment), document metadata. The
    blank page, styles and page numbers come from a prototype built once per process."""
    with borrowed(_frame_key(settings), lambda: _new_document(settings)) as loan:
        doc = loan.doc
        title = self_evaluation_title(file_report) or letter_title(file_report, settings)  # a self-evaluation has its own
        _title(doc, title)
        _plain(doc, f"{file_report.unit or '报送单位'}：", indent=False)
        body(doc)
        # an unreadable file has no title of its own to be named by: its file name is the 附注
        note = f"（报送文件：{file_report.name}）" if file_report.status is Status.UNREADABLE else None
        _closing(doc, settings, today, note=note, attachment=attached())
        if after is not None:
            after(doc)
        _properties(doc, title, settings, today, source=file_report.name)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        loan.save(target)
    return target


def _frame_key(settings: OfficeSettings) -> tuple[object, ...]:
    """What `_new_document` depends on: a changed base document file makes a new prototype."""
    base = settings.usable_base_document() if settings.letterhead else None
    stat = base.stat() if base is not None else None
    return (settings.letterhead, settings.signer, str(base) if base else None,
            (stat.st_mtime_ns, stat.st_size) if stat else None)


def letter_title(file_report: FileReport, settings: OfficeSettings) -> str:
    return settings.letter_title(unit=file_report.unit, year=file_report.year, file=Path(file_report.name).stem)


def write_letters(
    report: Report, directory: Path | str, *, settings: OfficeSettings, today: date | None = None,
    listed: int | None = None,
) -> list[Path]:
    """One letter per submission, named `{unit}_{file stem}_审核意见.docx`."""
    folder = Path(directory)
    taken: set[Path] = set()
    paths = []
    for file_report in report.files:
        target = unique_path(folder, output_stem(file_report), LETTER_SUFFIX, taken)
        paths.append(write_letter(file_report, target, settings=settings, today=today, listed=listed))
    return paths


# --- the bodies, one per outcome ------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    """附件：问题清单: the findings by project, after the letter's signature."""

    problems: list[Problem]
    rows: list[Row]
    unlisted: int  # findings beyond `limits.findings_listed`, counted, not written out


class Appendix(Protocol):
    """Another kind of attachment after the signature: the self-evaluation's 复核意见表
    (`outputs/selfeval_letter.py`)."""

    @property
    def title(self) -> str: ...

    def write(self, doc: DocxDocument) -> None: ...


Body = Callable[[DocxDocument, FileReport, OfficeSettings, date, "int | None"], list[Attachment | Appendix]]


def _approval_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date,
                   listed: int | None) -> list[Attachment | Appendix]:
    found = SELF_APPROVAL if self_evaluation_title(fr) else "经审核，该表填报完整、规范，审核结论为"
    _plain(doc, f"{_received(fr, settings)}已收悉。{found}：{Status.PASSED.verdict}。")
    _plain(doc, "请按规定公开自评结果，并把自评中发现的问题用于改进下一年度的预算和绩效管理。" if self_evaluation_title(fr)
           else "请按程序做好项目实施和绩效运行监控，确保绩效目标如期实现。")
    return []


def _review_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date,
                 listed: int | None) -> list[Attachment | Appendix]:
    if self_evaluation_title(fr):  # a self-evaluation review has its own wording and findings table
        from validator.outputs.selfeval_letter import review_body

        return review_body(doc, fr, settings, today, listed)
    _plain(doc, f"{_received(fr, settings)}{_scope(fr)}已收悉。经审核，现将审核意见函告如下。")
    findings = fr.sorted_findings()
    shown = findings if listed is None else findings[:listed]
    problems = problems_of(shown)
    rows = rows_by_project(problems, fr.projects)
    attached = len(rows) > INLINE_ROWS
    _heading(doc, "一、审核结论")
    _plain(doc, f"{fr.status.verdict}。{_counts(fr)}{_next_step(fr, settings, today, attached=attached)}{_copy_note(fr)}")
    _heading(doc, "二、问题及修改建议")
    if not attached:
        _inline_findings(doc, problems, rows, single_project=len(fr.projects) <= 1)
        if len(shown) < len(findings):
            _plain(doc, _unlisted_text(len(findings) - len(shown)))
        return []
    _problem_summary(doc, problems)
    return [Attachment(problems, rows, len(findings) - len(shown))]


def _problem_summary(doc: DocxDocument, problems: list[Problem]) -> None:
    """Each problem once: what it is, how often, the remedy the places share; the places
    themselves are in the attachment, by project."""
    _plain(doc, "按类别归纳如下，所在位置和具体修改建议见附件。")
    for index, problem in enumerate(problems):
        text = f"{problem_number(index)}{problem.title}（{problem.severity.label}{len(problem.findings)}项）。"
        if _message_in_body(problem):
            text += problem.message.rstrip("。") + "。"  # type: ignore[union-attr]
        if problem.remedies:
            text += "；".join(problem.remedies) + "。"
        _plain(doc, text)


def _inline_findings(doc: DocxDocument, problems: list[Problem], rows: list[Row], *, single_project: bool) -> None:
    """Few findings: each written out in the letter itself, grouped by project."""
    project: str | None = ""
    number = 0
    for row in rows:
        if row.project != project and not single_project:
            number += 1
            _plain(doc, f"{problem_number(number - 1)}{row.project or '其他问题'}")
        project = row.project
        problem = problems[row.problem]
        where = "、".join(row.places)
        what = "；".join(row.indicators)
        head = f"【{problem.severity.label}】{where}{('（' + what + '）') if what else ''}："
        advice = "；".join(row.suggestions)
        _plain(doc, head + "；".join(row.messages) + "。" + (advice + "。" if advice else ""))


# Submissions whose annotated copy is written anew as .xlsx (not a copy of the original's kind).
_REWRITTEN_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv", ".et")


def _copy_note(fr: FileReport) -> str:
    """For an .xls/.xlsb/.ods/.csv submission: its annotated copy is an .xlsx (one sentence)."""
    suffix = Path(fr.path).suffix.lower()
    if suffix not in _REWRITTEN_SUFFIXES:
        return ""
    return (f"原表为 {suffix} 文件，标出问题所在单元格的审核标注副本为 Excel 工作簿（.xlsx），"
            "工作表名和单元格位置与原表相同。")


def _unlisted_text(count: int) -> str:
    return f"另有{count}条问题未列出（超出每份意见函列出的条数上限），请改正上述问题后重新报送，届时一并审核。"


def _unreadable_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date,
                     listed: int | None) -> list[Attachment | Appendix]:
    """One page: what is wrong with the file, how to save it properly, by when."""
    _plain(doc, f"{_received(fr, settings)}无法读取，未能进行审核，审核结论为：{fr.status.verdict}。")
    for finding in fr.sorted_findings():
        # the generic "save as .xlsx" advice is spelt out step by step below
        _plain(doc, "经查，" + _problem_text(finding, advice=finding.suggestion != SAVE_AS))
    _plain(doc, f"{_SAVE_AS_STEPS}请按上述要求处理后，于{chinese_date(settings.deadline(today))}前重新报送。")
    return []


_BODIES: dict[Status, Body] = {
    Status.PASSED: _approval_body,
    Status.WARNINGS: _review_body,
    Status.FAILED: _review_body,
    Status.UNREADABLE: _unreadable_body,
}

# The steps, the WPS .et steps and the accepted formats in as few lines as the one page allows.
_SAVE_AS_STEPS = (
    "请用 Excel 或 WPS 表格打开原文件，点击“文件—另存为”，保存类型选“Excel 工作簿（*.xlsx）”"
    "（WPS 中为“Microsoft Excel 文件（*.xlsx）”，不要选 .et），勿直接改扩展名；"
    f"可报送 {'、'.join(ACCEPTED_SUFFIXES)} 文件，勿加密、压缩或以图片、PDF 报送；"
    "请在下发的标准模板中填报，勿删工作表或改表头。"
)


def _received(fr: FileReport, settings: OfficeSettings) -> str:
    """The submission named by its title, never by its file name (that is the 附注)."""
    when = f"于{chinese_date(fr.received.date())}" if fr.received else ""
    name = settings.submission_name(unit=fr.unit, year=fr.year, table=f"项目支出{table_kind(fr)}")
    label = layout_word(fr)
    layout = f"（{label}）" if label and label not in name else ""
    return f"你单位{when}报送的《{name}》{layout}"


def _scope(fr: FileReport) -> str:
    if not fr.projects:
        return ""
    return f"（共填报项目{len(fr.projects)}个、绩效指标{fr.indicators}项）"


def _counts(fr: FileReport) -> str:
    parts = [f"{label}{n}项" for label, n in (("错误", fr.errors), ("提示", fr.warnings)) if n]
    detail = f"，其中{'、'.join(parts)}" if fr.errors and fr.warnings else f"，均为{parts[0][:2]}"
    projects = len({f.project for f in fr.findings if f.project})
    where = f"，涉及{projects}个项目" if projects > 1 else ""
    return f"本次审核共发现问题{len(fr.findings)}项{detail}{where}。"


def _next_step(fr: FileReport, settings: OfficeSettings, today: date, *, attached: bool) -> str:
    where = "附件" if attached else "下列问题"
    if fr.status is Status.FAILED:
        return (f"请对照{where}逐项修改：错误须全部改正，提示请逐项核实完善，"
                f"于{chinese_date(settings.deadline(today))}前重新报送。")
    return f"{where}所列提示事项请结合实际核实完善，无需重新报送。"


def _problem_text(finding: Finding, *, advice: bool = True) -> str:
    text = finding.message.rstrip("。")
    if finding.suggestion and advice:
        text += f"。{finding.suggestion.rstrip('。')}"
    return text + "。"


# --- what changed since the unit's earlier submission ----------------------------------

_CHANGE_HEADINGS = {Status.PASSED: None, Status.WARNINGS: "三、", Status.FAILED: "三、", Status.UNREADABLE: "三、"}
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


def _closing(doc: DocxDocument, settings: OfficeSettings, today: date, *, note: str | None = None,
             attachment: str | None = None) -> None:
    """Contact line, 特此函告, signature and date, then the 附注 (居左空二字加圆括号). The last
    body paragraph is kept on the page of the signature (GB/T 9704: the page that carries the
    落款 must also carry body text)."""
    chained = [doc.paragraphs[-1]] if doc.paragraphs else []
    contact = _contact_line(settings)
    if contact:
        chained.append(_plain(doc, contact))
    chained.append(_plain(doc, "特此函告。"))
    chained.append(_plain(doc, "", indent=False))
    if attachment:  # 附件说明: 正文下空一行左空二字, then the signature one line below
        chained.append(_plain(doc, f"附件：{attachment}"))
        chained.append(_plain(doc, "", indent=False))
    for text in (settings.signer, chinese_date(today)):
        paragraph = _plain(doc, text, indent=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = INDENT * 2  # 右空四字
        chained.append(paragraph)
    if note:
        chained.append(_plain(doc, note))
    for paragraph in chained[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _contact_line(settings: OfficeSettings) -> str | None:
    parts = []
    if settings.contact:
        parts.append(f"联系人：{settings.contact}")
    if settings.phone:
        parts.append(f"联系电话：{settings.phone}")
    return "；".join(parts) + "。" if parts else None


# --- the attachment: 附件：问题清单, landscape, the findings by project ---------------------


def _attachment(doc: DocxDocument, item: Attachment, *, single_project: bool) -> Table:
    """One row per project; its cell lists each of the project's problems once, numbered as
    the letter's body numbers them, with every place and what is specific to it."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _landscape(section)
    _plain(doc, "附件", indent=False, font=HEADING_FONT).paragraph_format.keep_with_next = True
    heading = _plain(doc, ATTACHMENT_TITLE, indent=False, font=TITLE_FONT, size=TITLE_SIZE)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.keep_with_next = True
    columns = _attachment_columns(item.rows, single_project=single_project)
    table = doc.add_table(rows=1, cols=len(columns))
    _table_frame(table, columns)
    for cell, (label, width) in zip(table.rows[0].cells, columns):
        _cell_text(cell, label, width, font=HEADING_FONT, centre=True)
    _repeat_header(table)
    text_width = columns[-1][1]
    for number, (project, rows) in enumerate(_by_project(item.rows), start=1):
        number_cell, text_cell = table.add_row().cells
        _cell_text(number_cell, str(number), columns[0][1], centre=True)
        paragraph = _cell_text(text_cell, f"{project}：" if project and len(columns) > 1 else "", text_width,
                               font=HEADING_FONT)
        _add_run(paragraph, "".join(_row_text(row, item.problems) for row in rows), BODY_FONT, ATTACHMENT_SIZE)
    if item.unlisted:
        _plain(doc, _unlisted_text(item.unlisted))
    return table


def _by_project(rows: list[Row]) -> list[tuple[str | None, list[Row]]]:
    groups: dict[str | None, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.project, []).append(row)
    return list(groups.items())


def _attachment_columns(rows: list[Row], *, single_project: bool) -> list[tuple[str, Length]]:
    """序号 and the text; the text leads with its project (in 黑体) unless the file has only
    one project (the unit knows which)."""
    if single_project and len({r.project for r in rows}) <= 1:
        return [ATTACHMENT_COLUMNS[0], ("问题、位置及修改建议", ATTACHMENT_COLUMNS[1][1])]
    return list(ATTACHMENT_COLUMNS)


def _row_text(row: Row, problems: list[Problem]) -> str:
    """（三）绩效指标!F5、F7（完成率）：message。suggestion。 What the problem's places share
    (its message, its suggestion) is stated once in the body; the number refers to it."""
    problem = problems[row.problem]
    recurring = len(problem.findings) > 1
    what = "、".join(row.indicators)
    text = problem_number(row.problem) + _places(row.places) + (f"（{what}）" if what else "")
    if not _message_in_body(problem):
        text += ("：" if text[-1] != "）" or what else "") + "；".join(row.messages)
    text += "。"
    if row.suggestions and not (recurring and problem.remedies):
        text += "；".join(row.suggestions) + "。"
    return text


def _message_in_body(problem: Problem) -> bool:
    """A short message all places share is said once, in the body."""
    return len(problem.findings) > 1 and problem.message is not None and len(problem.message) <= SHORT_MESSAGE


def _places(places: list[str]) -> str:
    """项目信息!A4、A7、绩效指标!F5: the sheet named once for its run of cells."""
    parts, sheet = [], None
    for place in places:
        name, _, cell = place.rpartition("!")
        parts.append(cell if name and name == sheet else place)
        sheet = name or None
    return "、".join(parts)


def _table_frame(table: Table, columns: Sequence[tuple[str, Length]]) -> None:
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


def _cell_text(cell: _Cell, text: str, width: Length, *, font: str = BODY_FONT, centre: bool = False) -> Paragraph:
    """The cell's paragraph, its format and run copied from a model made once per process."""
    cell.width = width
    paragraph = cell.paragraphs[0]
    key = (font, centre, bool(text))
    model = _CELL_MODELS.get(key)
    if model is None:
        model = _CELL_MODELS[key] = _model_cell_paragraph(font=font, centre=centre, text=bool(text))
    children = [copy.deepcopy(child) for child in model]
    paragraph._p.extend(children)
    if text:
        _set_text(children[-1], text)
    return paragraph


_CELL_MODELS: dict[tuple[str, bool, bool], Any] = {}


def _model_cell_paragraph(*, font: str, centre: bool, text: bool) -> Any:
    paragraph = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = ATTACHMENT_PITCH
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    _no_grid_snap(paragraph)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _set_font(paragraph.add_run(), font, ATTACHMENT_SIZE)
    return paragraph._p


def _add_run(paragraph: Paragraph, text: str, font: str, size: Length) -> None:
    """paragraph.add_run(text) in `font` and `size`, copied from a model run."""
    key = (font, size)
    model = _RUN_MODELS.get(key)
    if model is None:
        run = Paragraph(OxmlElement("w:p"), None).add_run()  # type: ignore[arg-type]
        _set_font(run, font, size)
        model = _RUN_MODELS[key] = run._r
    element = copy.deepcopy(model)
    paragraph._p.append(element)
    _set_text(element, text)


def _set_text(run: Any, text: str) -> None:
    """What `Run.text = text` writes into a run that holds only its format: one w:t for
    plain text (python-docx's own setter, character by character, when there are tabs or
    line breaks to turn into w:tab and w:br)."""
    if "\t" in text or "\n" in text or "\r" in text:
        Run(run, None).text = text  # type: ignore[arg-type]
    else:
        run.add_t(text)


_RUN_MODELS: dict[tuple[str, Length], Any] = {}


def _no_grid_snap(paragraph: Paragraph) -> None:
    """Table text keeps its own line height instead of the body's 28.9 pt line grid."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().append(snap)


# --- page, styles, paragraphs ---------------------------------------------------------


def _new_document(settings: OfficeSettings) -> DocxDocument:
    """A blank A4 letter; with `letterhead` on, it starts from the base document (its 版头),
    or from the built-in 版头 naming the signer when the base document is missing."""
    base = settings.usable_base_document() if settings.letterhead else None
    doc = Document(str(base)) if base else Document()
    _drop_trailing_empty(doc)
    _body_style(doc)
    for section in doc.sections:
        _page_setup(section)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_numbers(doc.sections[-1])
    if settings.letterhead and base is None:
        _letterhead(doc, settings.signer)
    return doc


def write_letter_base(path: Path | str, *, issuer: str = "某市财政局") -> Path:
    """The base document rules.yaml's `letter.base_document` names (templates/letter_base.docx):
    A4, the GB/T 9704 margins and the 信函格式 版头. An office opens it in Word or WPS, puts
    its own name (or emblem) in the 版头 and turns on `letter.letterhead`."""
    doc = Document()
    _drop_trailing_empty(doc)
    _body_style(doc)
    _page_setup(doc.sections[0])
    _letterhead(doc, issuer)
    doc.core_properties.title, doc.core_properties.author = "意见函底稿", issuer
    target = Path(path)
    doc.save(str(target))
    return target


def _letterhead(doc: DocxDocument, issuer: str) -> Paragraph:
    """版头 of the 信函格式 (GB/T 9704 10.1): the issuing office's name centred in red 小标宋,
    a red double line (上粗下细) 4 mm below it, 170 mm long, centred on the page."""
    paragraph = doc.paragraphs[0] if doc.paragraphs and not doc.paragraphs[0].text else doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.line_spacing, fmt.first_line_indent = Pt(40), Pt(0)
    fmt.left_indent = fmt.right_indent = Length(-(LETTERHEAD_LINE - TYPE_WIDTH) // 2)
    fmt.space_after = Pt(28.9)
    run = paragraph.add_run(issuer)
    _set_font(run, TITLE_FONT, LETTERHEAD_SIZE)
    run.font.color.rgb = RED
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "thickThinSmallGap"), ("sz", "24"), ("space", "11"), ("color", str(RED))):
        bottom.set(qn(f"w:{key}"), value)  # space is in points: 11 pt is about 4 mm
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _properties(doc: DocxDocument, title: str, settings: OfficeSettings, today: date, *, source: str) -> None:
    """Replace python-docx's template metadata (author "python-docx", dated 2013); the
    reviewed file's name goes here (and into the 附注), not into the text."""
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, settings.signer, settings.signer
    props.subject = props.keywords = props.category = ""
    props.comments = f"报送文件：{source}"
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


def _landscape(section: Section) -> None:
    """The attachment's section: A4 turned, the portrait type area's margins turned with it."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE[1], PAGE[0]
    for edge, length in LANDSCAPE_MARGINS.items():
        setattr(section, f"{edge}_margin", length)
    section.footer_distance = Mm(18)


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
    """One centred paragraph, broken between words into lines of similar length."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = TITLE_PITCH
    paragraph.paragraph_format.keep_with_next = True
    for number, line in enumerate(title_lines(text)):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)
        _set_font(run, TITLE_FONT, TITLE_SIZE)
    _plain(doc, "", indent=False)


def _heading(doc: DocxDocument, text: str) -> None:
    """A 一、 heading in 黑体, never left alone at the foot of a page."""
    _plain(doc, text, font=HEADING_FONT).paragraph_format.keep_with_next = True


def _plain(doc: DocxDocument, text: str, *, indent: bool = True, font: str = BODY_FONT,
           size: Length = BODY_SIZE) -> Paragraph:
    """A paragraph of one run: a copy of a model paragraph formatted once per process."""
    paragraph = doc.add_paragraph()
    key = (indent, font, size, bool(text))
    model = _MODELS.get(key)
    if model is None:
        model = _MODELS[key] = _model_paragraph(indent=indent, font=font, size=size, text=bool(text))
    children = [copy.deepcopy(child) for child in model]
    paragraph._p.extend(children)
    if text:
        _set_text(children[-1], text)
    return paragraph


_MODELS: dict[tuple[bool, str, Length, bool], Any] = {}


def _model_paragraph(*, indent: bool, font: str, size: Length, text: bool) -> Any:
    paragraph = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    paragraph.paragraph_format.line_spacing = LINE_PITCH if size == BODY_SIZE else TITLE_PITCH
    paragraph.paragraph_format.first_line_indent = INDENT if indent else Pt(0)
    if text:
        _set_font(paragraph.add_run(), font, size)
    return paragraph._p


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
