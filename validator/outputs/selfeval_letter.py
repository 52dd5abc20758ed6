"""The body of a letter on a self-evaluation (绩效自评表) with findings, and its own findings
table, the 自评结果复核意见表: one row per scored line the findings are at (an indicator, the
预算执行率, the 总分), with what the unit filled in beside the problems and the remedies:

    序号 | 项目 | 指标 | 年度指标值 | 实际完成值 | 分值/得分 | 问题及修改建议

Columns nobody filled are dropped (项目 too when the file has one project). A few rows stand in
the body, portrait; more go after the signature as 附件, landscape, and the body sums the
problems up by kind, numbered as the table refers to them. The frame (title, addressee,
closing, layout after GB/T 9704) is `letter.py`'s; its `_review_body` hands over to here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from validator.config.office import OfficeSettings
from validator.model import FileReport, Finding, ScoreLine
from validator.outputs.grouping import problem_number, problems_of
from validator.outputs.letter import (
    ATTACHMENT_PITCH,
    ATTACHMENT_SIZE,
    BODY_FONT,
    HEADING_FONT,
    INLINE_ROWS,
    TITLE_FONT,
    TITLE_SIZE,
    Appendix,
    Attachment,
    _cell_text,
    _counts,
    _heading,
    _landscape,
    _next_step,
    _no_grid_snap,
    _plain,
    _problem_summary,
    _received,
    _repeat_header,
    _scope,
    _set_font,
    _table_frame,
    _unlisted_text,
)
from validator.outputs.selfeval import ReviewRow, review_rows

TABLE_TITLE = "自评结果复核意见表"
TOTALS_NAMED = 5  # projects whose reported 总分 the opening names; more are left to the table
# (header, landscape width, portrait width); 问题及修改建议 takes what dropped columns leave
COLUMNS: tuple[tuple[str, Length, Length], ...] = (
    ("序号", Mm(12), Mm(9)),
    ("项目", Mm(26), Mm(16)),
    ("指标", Mm(30), Mm(22)),
    ("年度指标值", Mm(24), Mm(18)),
    ("实际完成值", Mm(28), Mm(18)),
    ("分值/得分", Mm(23), Mm(20)),
    ("问题及修改建议", Mm(82), Mm(53)),
)  # 225 mm landscape, 156 mm portrait: the type areas


def review_body(doc: DocxDocument, fr: FileReport, settings: OfficeSettings, today: date,
                listed: int | None) -> list[Attachment | Appendix]:
    findings = fr.sorted_findings()
    shown = findings if listed is None else findings[:listed]
    rows = review_rows(shown, fr.scored, fr.projects)
    attached = len(rows) > INLINE_ROWS
    _plain(doc, f"{_received(fr, settings)}{_scope(fr)}已收悉。{_reported(fr.scored)}经复核，现将自评结果复核意见函告如下。")
    _heading(doc, "一、复核结论")
    _plain(doc, f"{fr.status.verdict}。{_counts(fr).replace('审核', '复核')}"
                f"{_next_step(fr, settings, today, attached=attached)}")
    _heading(doc, "二、复核发现的问题及修改建议")
    problems = problems_of(shown)
    numbers = {id(f): n for n, problem in enumerate(problems) for f in problem.findings}
    table = ReviewTable(fr, tuple(rows), numbers, unlisted=len(findings) - len(shown), attached=attached)
    if attached:
        _problem_summary(doc, problems)
        return [table]
    _plain(doc, "逐项列示如下。")
    table.table(doc)
    return []


def _reported(lines: tuple[ScoreLine, ...]) -> str:
    """“所报自评结果：普法经费总分 96.5 分（自评等级良）；…。” as the unit stated them."""
    totals = [line for line in lines if line.item == "总分" and line.score]
    if not totals or len(totals) > TOTALS_NAMED:
        return ""
    single = len({line.project for line in lines}) <= 1
    parts = []
    for line in totals:
        grade = line.actual.removeprefix("自评等级：") if line.actual else ""
        parts.append(f"{'' if single else line.project or ''}总分{line.score}分" + (f"（自评等级{grade}）" if grade else ""))
    return f"所报自评结果：{'；'.join(parts)}。"


@dataclass(frozen=True)
class ReviewTable:
    """The 自评结果复核意见表 of one letter: in the body (few rows) or as its 附件."""

    report: FileReport
    rows: tuple[ReviewRow, ...]
    numbers: dict[int, int]  # id of each finding listed -> index of its problem as the body numbers them
    unlisted: int
    attached: bool

    @property
    def title(self) -> str:
        return TABLE_TITLE

    def write(self, doc: DocxDocument) -> None:
        """The attachment: a landscape section after the signature, 附件 and the table's title."""
        _landscape(doc.add_section(WD_SECTION.NEW_PAGE))
        _plain(doc, "附件", indent=False, font=HEADING_FONT).paragraph_format.keep_with_next = True
        heading = _plain(doc, TABLE_TITLE, indent=False, font=TITLE_FONT, size=TITLE_SIZE)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.keep_with_next = True
        self.table(doc)

    def table(self, doc: DocxDocument) -> None:
        columns = self.columns()
        table = doc.add_table(rows=1, cols=len(columns))
        _table_frame(table, columns)
        for cell, (label, width) in zip(table.rows[0].cells, columns, strict=True):
            _cell_text(cell, label, width, font=HEADING_FONT, centre=True)
        _repeat_header(table)
        labels = [label for label, _ in columns]
        previous: tuple[int, str | None] | None = None
        for number, row in enumerate(self.rows, start=1):
            texts = self.texts(number, row)
            added = table.add_row()
            _keep_whole(added)
            cells = added.cells
            for at, (label, width) in enumerate(columns):
                if label == "项目" and previous is not None and previous[1] == row.project:
                    cells[at].width = width  # the project is named once for its run of rows
                    merged = table.cell(previous[0], at).merge(cells[at])
                    merged.width = width
                    continue
                paragraph = _cell_text(cells[at], "", width, centre=label in ("序号", "分值/得分"))
                first, *more = texts[label].split("\n")
                _set_font(paragraph.add_run(first), HEADING_FONT if label == "项目" else BODY_FONT, ATTACHMENT_SIZE)
                for text in more:  # each problem of the row in a paragraph of its own
                    _set_font(_cell_paragraph(cells[at]).add_run(text), BODY_FONT, ATTACHMENT_SIZE)
            if "项目" in labels and (previous is None or previous[1] != row.project):
                previous = (number, row.project)
        if self.unlisted:
            _plain(doc, _unlisted_text(self.unlisted))

    def columns(self) -> list[tuple[str, Length]]:
        """The columns somebody filled, each at its width for this page; 问题及修改建议 last,
        taking the width of those dropped."""
        kept: list[tuple[str, Length]] = []
        spare: Length = Mm(0)
        for label, wide, narrow in COLUMNS:
            width = wide if self.attached else narrow
            if label in ("序号", "指标", "问题及修改建议") or self._filled(label):
                kept.append((label, width))
            else:
                spare = Length(spare + width)
        label, width = kept[-1]
        kept[-1] = (label, Length(width + spare))
        return kept

    def _filled(self, label: str) -> bool:
        if label == "项目":
            return len({r.project for r in self.rows if r.project}) > 1 or len(self.report.projects) > 1
        return any(self._line_text(label, r.line) for r in self.rows)

    @staticmethod
    def _line_text(label: str, line: ScoreLine | None) -> str:
        if line is None:
            return ""
        if label == "年度指标值":
            return line.target or ""
        if label == "实际完成值":
            return line.actual or ""
        if label == "分值/得分":
            return f"{line.weight or '—'}/{line.score or '—'}" if line.weight or line.score else ""
        return ""

    def texts(self, number: int, row: ReviewRow) -> dict[str, str]:
        texts = {label: self._line_text(label, row.line) for label, *_ in COLUMNS}
        texts.update({"序号": str(number), "项目": row.project or "", "指标": row.item,
                      "问题及修改建议": "\n".join(self._finding_text(f) for f in row.findings)})
        return texts

    def _finding_text(self, f: Finding) -> str:
        """（三）G11：message。suggestion。 attached (the body's problem numbers), 【错误】G11：… in the body."""
        lead = problem_number(self.numbers.get(id(f), 0)) if self.attached else f"【{f.severity.label}】"
        where = (f.location if len(self._sheets) > 1 else f.cell) or ""
        text = f"{lead}{where}{'：' if where else ''}{f.message.rstrip('。')}。"
        return text + (f"{f.suggestion.rstrip('。')}。" if f.suggestion else "")

    @property
    def _sheets(self) -> set[str | None]:
        return {line.sheet for line in self.report.scored} | {f.sheet for r in self.rows for f in r.findings}


def _keep_whole(row: _Row) -> None:
    """A row is never split across pages (its problems stay beside its figures)."""
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _cell_paragraph(cell: _Cell) -> Paragraph:
    """Another paragraph in a table cell, set like the first (`letter._cell_text`)."""
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.first_line_indent, fmt.line_spacing, fmt.line_spacing_rule = Mm(0), ATTACHMENT_PITCH, WD_LINE_SPACING.EXACTLY
    _no_grid_snap(paragraph)
    return paragraph
