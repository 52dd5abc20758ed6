"""The letter's structure, read back from the .docx: problems stated once, the attachment
by project with every place, nothing dropped, the title's lines, the addressee."""

from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from validator.config.office import OfficeSettings
from validator.model import UNREADABLE_RULE, FileReport, Finding, Severity
from validator.outputs.grouping import problems_of, rows_by_project
from validator.outputs.letter import write_letter
from validator.outputs.title_lines import display_width, title_lines
from validator.reader.file_name import unit_from_file_name

TODAY = date(2026, 12, 1)
SETTINGS = OfficeSettings(signature="某市财政局")
PROJECTS = tuple(f"项目{n:02d}" for n in range(1, 13))


def missing(project: str, row: int, category: str) -> Finding:
    return Finding(rule="category-missing", severity=Severity.ERROR, message=f"项目缺少“{category}”类绩效指标。",
                   suggestion=f"请至少补充一条“{category}”，并写明可衡量的年度指标值。", sheet="项目信息",
                   cell=f"A{row}", project=project)


def no_unit(project: str, row: int, value: str) -> Finding:
    return Finding(rule="threshold-no-unit", severity=Severity.WARNING, message=f"指标值“{value}”没有写明计量单位。",
                   suggestion=f"请在指标值中写明单位（如“{value}个”）。", sheet="绩效指标", cell=f"F{row}",
                   project=project, indicator=f"指标{row}")


def many() -> FileReport:
    findings = [missing(p, 4 + n, "满意度指标") for n, p in enumerate(PROJECTS)]
    findings += [missing(p, 4 + n, "效益指标") for n, p in enumerate(PROJECTS[:5])]
    findings += [no_unit(PROJECTS[1], 20, "≥55"), no_unit(PROJECTS[1], 21, "≥10"), no_unit(PROJECTS[7], 30, "≥3")]
    return FileReport(path="inbox/某市司法局_错误填报.xlsx", findings=tuple(findings), unit="某市司法局", year=2027,
                      received=datetime(2026, 11, 30, 9, 0), projects=PROJECTS, indicators=40)


def letter(tmp_path: Path, report: FileReport, **kw: object) -> docx.Document:
    path = write_letter(report, tmp_path / "l.docx", settings=SETTINGS, today=TODAY, **kw)  # type: ignore[arg-type]
    return docx.Document(str(path))


def body(document: docx.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def cells(document: docx.Document) -> list[list[str]]:
    return [[c.text for c in row.cells] for table in document.tables for row in table.rows]


def test_each_problem_is_stated_once_in_the_body(tmp_path: Path) -> None:
    text = body(letter(tmp_path, many()))
    items = [t for t in text if t.startswith("（")]
    assert items == [
        "（一）缺少必备的一级指标（错误12项）。项目缺少“满意度指标”类绩效指标。请至少补充一条“满意度指标”，并写明可衡量的年度指标值。",
        "（二）缺少必备的一级指标（错误5项）。项目缺少“效益指标”类绩效指标。请至少补充一条“效益指标”，并写明可衡量的年度指标值。",
        "（三）指标值未写计量单位（提示3项）。",
    ]
    assert sum("请至少补充一条“满意度指标”" in t for t in text) == 1
    assert "本次审核共发现问题20项，其中错误17项、提示3项，涉及12个项目。" in "".join(text)


def test_attachment_lists_every_place_by_project_in_a_landscape_section(tmp_path: Path) -> None:
    document = letter(tmp_path, many())
    assert "附件：问题清单" in body(document)
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    rows = cells(document)
    assert rows[0] == ["序号", "项目：问题、位置及修改建议"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 13)]  # one row per project, in file order
    assert rows[2][1] == ("项目02：（一）项目信息!A5。（二）项目信息!A5。"
                          "（三）绩效指标!F20、F21（指标20、指标21）：指标值“≥55”没有写明计量单位；指标值“≥10”没有写明计量单位。"
                          "请在指标值中写明单位（如“≥55个”）；请在指标值中写明单位（如“≥10个”）。")
    listed = "".join(r[1] for r in rows[1:])
    for finding in many().findings:  # nothing dropped: every place is in the attachment
        assert f"{finding.sheet}!{finding.cell}" in listed or finding.cell in listed
    sizes = {run.font.size for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs
             for run in p.runs}
    assert sizes == {Pt(10.5)}


def test_findings_beyond_the_limit_are_counted_not_dropped(tmp_path: Path) -> None:
    document = letter(tmp_path, many(), listed=10)
    text = "\n".join(body(document))
    assert "另有10条问题未列出" in text
    assert "共发现问题20项" in text  # the counts still cover every finding
    # the first ten findings in reading order (by cell): five projects, each missing both categories
    rows = cells(document)[1:]
    assert len(rows) == 5 and all("（一）" in text and "（二）" in text for _, text in rows)


def test_few_findings_stay_in_the_letter_grouped_by_project(tmp_path: Path) -> None:
    report = FileReport(path="inbox/a.xlsx", unit="某局", year=2027, projects=("甲", "乙"), indicators=4,
                        findings=(missing("乙", 5, "效益指标"), missing("甲", 4, "效益指标"), no_unit("甲", 9, "≥5")))
    document = letter(tmp_path, report)
    assert document.tables == [] and len(document.sections) == 1
    text = body(document)
    start = text.index("二、问题及修改建议")
    assert text[start + 1:start + 6] == [
        "（一）甲",
        "【错误】项目信息!A4：项目缺少“效益指标”类绩效指标。请至少补充一条“效益指标”，并写明可衡量的年度指标值。",
        "【提示】绩效指标!F9（指标9）：指标值“≥5”没有写明计量单位。请在指标值中写明单位（如“≥5个”）。",
        "（二）乙",
        "【错误】项目信息!A5：项目缺少“效益指标”类绩效指标。请至少补充一条“效益指标”，并写明可衡量的年度指标值。",
    ]


def test_grouping_keeps_every_finding_once() -> None:
    report = many()
    problems = problems_of(report.sorted_findings())
    rows = rows_by_project(problems, report.projects)
    assert sum(len(p.findings) for p in problems) == sum(len(r.findings) for r in rows) == len(report.findings)
    assert [r.project for r in rows][:3] == ["项目01", "项目01", "项目02"]


@pytest.mark.parametrize("unit", ["某局", "某市卫健委", "广州市司法局", "广州市规划和自然资源局",
                                  "广东省广州市黄埔区城市更新和住房保障管理委员会办公室"])
def test_title_breaks_between_words_into_even_lines(unit: str) -> None:
    title = f"关于《{unit}2027年项目支出绩效目标表》的审核意见"
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(display_width(line) <= 19 for line in lines) and all(len(line) >= 2 for line in lines)
    assert not any(line[0] in "》）”、，。" or line[-1] in "《（“" for line in lines)
    if len(lines) > 1:
        widths = [display_width(line) for line in lines]
        assert max(widths) - min(widths) <= 4
        assert not any(line.startswith(("表》", "》")) for line in lines)


def test_title_lines_in_the_document(tmp_path: Path) -> None:
    title = letter(tmp_path, many()).paragraphs[0]
    assert title.text.split("\n") == ["关于《某市司法局2027年", "项目支出绩效目标表》的审核意见"]


def test_opening_names_the_submission_by_its_title_not_its_file(tmp_path: Path) -> None:
    document = letter(tmp_path, many())
    text = "\n".join(body(document))
    assert "报送的《某市司法局2027年项目支出绩效目标表》" in text and "错误填报" not in text
    assert document.core_properties.comments == "报送文件：某市司法局_错误填报.xlsx"


def test_unreadable_letter_is_addressed_to_the_unit_its_file_name_names(tmp_path: Path) -> None:
    finding = Finding(rule=UNREADABLE_RULE, severity=Severity.ERROR, message="文件是旧版格式。", suggestion="请另存。")
    report = FileReport(path="inbox/某市文旅局_绩效目标表.xls", findings=(finding,),
                        unit=unit_from_file_name("某市文旅局_绩效目标表.xls"))
    text = body(letter(tmp_path, report))
    assert text[2] == "某市文旅局："
    assert text[0].replace("\n", "") == "关于《某市文旅局项目支出绩效目标表》的审核意见"
    assert text[-1] == "（报送文件：某市文旅局_绩效目标表.xls）"


@pytest.mark.parametrize(("name", "known", "unit"), [
    ("某市文旅局_绩效目标表.xls", (), "某市文旅局"),
    ("某市卫健委-2027年绩效目标.xlsx", (), "某市卫健委"),
    ("广州市司法局2027年目标表.xls", ("广州市司法局", "广州市"), "广州市司法局"),
    ("绩效目标表_修改版.xls", (), None),
    ("新建 Microsoft Excel 工作表.xls", (), None),
    ("目标表.xls", (), None),
])
def test_unit_from_file_name(name: str, known: tuple[str, ...], unit: str | None) -> None:
    assert unit_from_file_name(name, known) == unit


def test_problems_past_ten_are_numbered_in_chinese() -> None:
    from validator.outputs.grouping import chinese_numeral, problem_number

    assert [problem_number(i) for i in (0, 9, 10, 19, 20)] == ["（一）", "（十）", "（十一）", "（二十）", "（二十一）"]
    assert chinese_numeral(99) == "九十九" and chinese_numeral(100) == "100"


def test_the_direction_remedy_variants_read_as_one_sentence(tmp_path: Path) -> None:
    """The real 2023 table: 26 values without a direction, with three variants of the remedy
    (a floor, a cap, either); the body says it in one sentence, once."""
    from validator.config.loader import load_config
    from validator.engine import validate_file

    report = validate_file(Path(__file__).parent / "data" / "seed_2023.txt", load_config())
    text = body(letter(tmp_path, report))
    [line] = [t for t in text if "指标值未写比较方向（提示" in t]
    assert line.endswith("。请在数值前写明比较方向：应不少于的（下限）加“≥”，应不超过的（上限）加“≤”，确为固定值的加“=”。")
    assert "；" not in line and line.count("请") == 1


def test_variants_the_sentence_does_not_stand_for_are_kept_as_they_are() -> None:
    from validator.rules.remedies import NO_OPERATOR_ANY, body_remedy, no_operator_typical

    floor, either = no_operator_typical("≥").rstrip("。"), NO_OPERATOR_ANY.rstrip("。")
    assert body_remedy("threshold-no-operator", [floor, either]) is not None
    assert body_remedy("threshold-no-operator", [floor]) is None, "one variant is said as it is"
    assert body_remedy("threshold-no-operator", [floor, "请去掉“约”“左右”，写明下限“≥5%”"]) is None
    assert body_remedy("threshold-no-unit", [floor, either]) is None
    findings = tuple(Finding("threshold-no-operator", Severity.WARNING, "指标值未写比较方向。", suggestion=s,
                             sheet="绩效指标", cell=f"F{n}") for n, s in enumerate([floor, floor, floor, either]))
    [problem] = problems_of(list(findings))
    assert problem.remedies == ["请在数值前写明比较方向：应不少于的（下限）加“≥”，应不超过的（上限）加“≤”，确为固定值的加“=”"]
