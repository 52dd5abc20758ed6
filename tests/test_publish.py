"""`validator publish`: the disclosure table from accepted submissions, and the round trip
seed -> import -> publish -> read."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import GOOD_GOAL, Sub, good_sub, validate, write_sub
from openpyxl import load_workbook

from validator.config.loader import load_config
from validator.published.disclosure import build_workbook, disclosure_text, write_disclosure
from validator.published.importer import import_table
from validator.published.publish import build_table, build_tables, published_value, select_sources
from validator.reader import read_submission
from validator.records import Cell, Indicator, Submission
from validator.text import key
from validator.values.amounts import parse_amount
from validator.values.categories import normalize_level1
from validator.values.indicator_cell import split_cell
from validator.values.threshold import parse_threshold

SEED = Path(__file__).parent / "data" / "seed_2023.txt"


def _content(sub: Submission) -> list[tuple[object, ...]]:
    """What a disclosure says, parsed: projects, amounts, and each indicator's category, name
    and value (as the value parser reads it)."""
    groups = sub.indicators_by_project()
    result = []
    for row in sub.projects:
        indicators = tuple(
            (normalize_level1(i.level1.text if i.level1 else ""), key(i.name.text if i.name else ""),
             parse_threshold(i.value.raw if i.value else None, name=i.name.text if i.name else None).normalized)
            for i in groups[key(row.name.text)]
        )
        amounts = tuple(parse_amount(c).value or Decimal(0) for c in row.amounts.values())
        result.append((key(row.name.text), amounts, key(row.goal.text if row.goal else ""), indicators))
    return result


@pytest.mark.parametrize("suffix", [".xlsx", ".txt"])
def test_round_trip_of_the_seed(tmp_path: Path, suffix: str) -> None:
    templates = import_table(SEED, tmp_path / "templates").paths
    selection = select_sources(templates, load_config(), include_failed=True)
    out = write_disclosure(build_table(selection.included), tmp_path / f"pub{suffix}", as_text=suffix == ".txt")
    assert _content(read_submission(out)) == _content(read_submission(SEED))


def test_republished_seed_keeps_only_the_seeds_own_gaps(tmp_path: Path) -> None:
    templates = import_table(SEED, tmp_path / "templates").paths
    table = build_table(select_sources(templates, load_config(), include_failed=True).included)
    report = validate(write_disclosure(table, tmp_path / "pub.txt", as_text=True))
    # restarted numbering, names broken by spaces and remarks glued to values are gone; the
    # missing categories and what the values themselves say remain: the seed's 26 bare values with
    # no direction, and the bare “0” the import made of 保护监狱工作有序开展's value
    assert Counter(f.rule for f in report.findings) == {
        "category-missing": 22, "threshold-no-unit": 10, "threshold-qualitative": 3, "threshold-compound": 2,
        "unit-mismatch": 2, "threshold-no-operator": 27,
    }


def _submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir(parents=True)
    write_sub(folder / "a.xlsx", good_sub())
    other = good_sub()
    other.department = "某市公证处"
    other.projects = [("公证经费", "某市公证处", "100.50", "100.50", None, None, GOOD_GOAL)]
    other.indicators = [("公证经费", *ind[1:]) for ind in other.indicators]
    write_sub(folder / "b.xlsx", other)
    bad = good_sub()
    bad.projects[0] = ("购置经费", "某市司法局", 700, 500, 0, 100, GOOD_GOAL)
    bad.indicators = [("购置经费", *ind[1:]) for ind in bad.indicators]
    write_sub(folder / "bad.xlsx", bad)
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    return folder


def test_sources_with_errors_are_skipped_and_named(tmp_path: Path) -> None:
    selection = select_sources([_submissions(tmp_path)], load_config())
    assert [s.path.name for s in selection.included] == ["a.xlsx", "b.xlsx"]
    assert [(s.path.name, s.reason) for s in selection.skipped] == [("bad.xlsx", "有错误 1 条"), ("broken.xlsx", "无法读取")]
    selection = select_sources([_submissions(tmp_path / "x")], load_config(), include_failed=True)
    assert [s.path.name for s in selection.included] == ["a.xlsx", "b.xlsx", "bad.xlsx"]


def test_departments_and_totals_are_recomputed(tmp_path: Path) -> None:
    selection = select_sources([_submissions(tmp_path)], load_config(), include_failed=True)
    table = build_table(selection.included, department="某市司法局")
    assert [(d.name, [p.name for p in d.projects]) for d in table.departments] == [
        ("某市司法局", ["普法经费", "购置经费"]), ("某市公证处", ["公证经费"]),
    ]
    assert table.amounts == (Decimal("1400.50"), Decimal("1100.50"), Decimal(0), Decimal("200"))
    assert table.title == "某市司法局2027年项目支出绩效目标表"
    sub = read_submission(write_disclosure(table, tmp_path / "pub.xlsx"))
    assert [(r.kind.value, r.name.text, r.total.display if r.total else None) for r in sub.rows] == [
        ("total", "合计", "1400.5"), ("department", "某市司法局", "1300"), ("project", "普法经费", "600"),
        ("project", "购置经费", "700"), ("department", "某市公证处", "100.5"), ("project", "公证经费", "100.5"),
    ]


def test_workbook_layout_and_print_settings(tmp_path: Path) -> None:
    selection = select_sources([_submissions(tmp_path)], load_config())
    path = write_disclosure(build_table(selection.included, title="测试标题"), tmp_path / "pub.xlsx")
    ws = load_workbook(path).active
    assert ws["A1"].value == "测试标题" and "A1:G1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "部门名称：某市司法局、某市公证处" and ws["G2"].value == "单位：万元"
    assert [c.value for c in ws[3]] == ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]
    assert ws["A4"].value == "合计" and ws["B4"].number_format == "#,##0.00"
    assert ws["D4"].value is None  # no 财政专户拨款: blank, as published tables do
    assert ws["G6"].value.startswith("1、产出指标：法治讲座场次，年度指标值：≥48场。 2、效益指标：")
    assert ws["G6"].alignment.wrap_text
    last = ws.max_row
    assert ws.cell(last, 1).value == "注：不含保密项目。"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$3:$3"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.column_dimensions["G"].width == 80 and ws.column_dimensions["A"].width == 30
    # wrapped rows get a height that shows their text: the project row is taller than 合计
    assert ws.row_dimensions[6].height > ws.row_dimensions[4].height == 16 + 3


def test_text_from_submissions_is_never_a_formula(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("=HYPERLINK(\"http://evil\",\"点击\")", "某市司法局", 600, 500, 0, 100, "=1+1" + GOOD_GOAL)
    sub.indicators = [("=HYPERLINK(\"http://evil\",\"点击\")", *ind[1:]) for ind in sub.indicators]
    folder = tmp_path / "in"
    folder.mkdir()
    write_sub(folder / "x.xlsx", sub)
    selection = select_sources([folder], load_config(), include_failed=True)
    ws = load_workbook(write_disclosure(build_table(selection.included), tmp_path / "pub.xlsx")).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert {c.coordinate for c in cells} == {"A6", "F6"} and all(c.data_type == "s" for c in cells)


def test_text_form(tmp_path: Path) -> None:
    selection = select_sources([_submissions(tmp_path)], load_config())
    text = disclosure_text(build_table(selection.included, note="注：测试。"))
    lines = text.split("\n")
    assert lines[2] == "部门名称：某市司法局、某市公证处" and lines[4] == "单位：万元"
    assert lines[7] == "合计\t700.50\t600.50\t\t100.00\t\t"
    assert lines[-2] == "注：测试。"


def _ind(value: object, direction: str | None = None, unit: str | None = None, name: str = "指标",
         number_format: str = "General") -> Indicator:
    def cell(raw: object, fmt: str = "General") -> Cell:
        return Cell("绩效指标", "A1", raw, fmt)

    return Indicator(project=cell("项目"), name=cell(name), value=cell(value, number_format),
                     direction=cell(direction), unit=cell(unit))


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        (_ind("95", "≥", "%"), "≥95%"),
        (_ind("100", "=", "%"), "100%"),  # a bare value means =
        (_ind("24", "<", "小时"), "<24小时"),
        (_ind("≥95%", None, None), "≥95%"),
        (_ind("不少于4", "≥", "个"), "≥4个"),
        (_ind(0.95, "≥", None, number_format="0%"), "≥95%"),  # a percentage cell
        (_ind("完成", "定性", None), "完成"),
        (_ind("处级≥110学分，科级≥90学分", None, None), "处级≥110学分，科级≥90学分"),
        (_ind("8", "≥", None, name="时间（小时）"), "≥8小时"),
    ],
)
def test_published_value(indicator: Indicator, expected: str) -> None:
    assert published_value(indicator) == expected


def test_indicator_cell_reads_back(tmp_path: Path) -> None:
    table = build_table([read_submission(write_sub(tmp_path / "a.xlsx", good_sub()))])
    cell = build_workbook(table).active["G6"].value
    assert [(i.position, i.level1, i.name, i.value) for i in split_cell(cell)] == [
        (1, "产出指标", "法治讲座场次", "≥48场"), (2, "效益指标", "宪法宣传周活动区覆盖率", "100%"),
        (3, "满意度指标", "群众满意度", "≥90%"),
    ]


def test_department_falls_back_to_the_unit_column(tmp_path: Path) -> None:
    sub = Sub(projects=[("普法经费", "某区司法局", 600, 600, 0, 0, GOOD_GOAL)], indicators=good_sub().indicators,
              department=None)
    table = build_table([read_submission(write_sub(tmp_path / "a.xlsx", sub))])
    assert [d.name for d in table.departments] == ["某区司法局"]


def test_one_table_per_department_each_titled_with_its_own(tmp_path: Path) -> None:
    selection = select_sources([_submissions(tmp_path)], load_config())
    tables = build_tables(selection.included)
    assert [(t.title, t.department, [d.name for d in t.departments]) for t in tables] == [
        ("某市司法局2027年项目支出绩效目标表", "某市司法局", ["某市司法局"]),
        ("某市公证处2027年项目支出绩效目标表", "某市公证处", ["某市公证处"]),
    ]
    book = load_workbook(write_disclosure(tables, tmp_path / "pub.xlsx"))
    assert book.sheetnames == ["某市司法局", "某市公证处"]
    assert [ws["A1"].value for ws in book.worksheets] == [t.title for t in tables]
    assert [ws["A2"].value for ws in book.worksheets] == ["部门名称：某市司法局", "部门名称：某市公证处"]
    assert [ws["A4"].value for ws in book.worksheets] == ["合计", "合计"]
    assert len(build_tables(selection.included, department="某市")) == 1  # an explicit heading: one table


def test_rows_are_tall_enough_for_every_line(tmp_path: Path) -> None:
    sub = good_sub()
    long_goal = "全年开展法治讲座覆盖全市各区群众满意度达到预期" * 10  # 230 CJK characters
    sub.projects[0] = (*sub.projects[0][:6], long_goal)
    table = build_table([read_submission(write_sub(tmp_path / "a.xlsx", sub))])
    ws = build_workbook(table).active
    goal_lines = -(-2 * len(long_goal) // (50 - 4))  # CJK counts double in a 50-wide column
    assert ws.row_dimensions[6].height >= goal_lines * 16
    assert ws["F6"].font.name == "宋体"  # one font, so the height holds in Excel and LibreOffice
