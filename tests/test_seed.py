"""The real 2023 published table (tests/data/seed_2023.txt, and the same table as a workbook
made by tests/data/make_seed_xlsx.py): every finding of every rule, listed explicitly."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import validate
from openpyxl.utils import get_column_letter

from validator.model import FileReport
from validator.reader import read_submission
from validator.records import Indicator, RowKind
from validator.values.amounts import parse_amount

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "seed_2023.txt"
SEED_XLSX = DATA / "seed_2023.xlsx"
SHEET = "项目支出绩效目标表"

# Projects (by line) and the indicator categories they lack (产出, 效益, 满意度 required).
MISSING_CATEGORIES = {
    15: ["效益"], 17: ["效益"], 22: ["满意度"], 24: ["满意度"], 25: ["满意度"], 26: ["效益", "满意度"],
    27: ["满意度"], 28: ["效益"], 29: ["效益", "满意度"], 30: ["效益"], 32: ["效益", "满意度"], 33: ["满意度"],
    34: ["效益"], 35: ["满意度"], 37: ["效益", "满意度"], 38: ["满意度"], 42: ["满意度"], 43: ["效益"],
}
# Indicator cells whose numbering restarts (two tables merged): the first indicator of the restart.
RESTARTED_NUMBERING = {28: "第1项 故障响应时间", 39: "第1项 运维软件数量", 41: "第1项 用户满意度"}
# Project names broken by spaces (copied from a PDF).
BROKEN_NAMES = (41, 42, 43)
# The value rules (branch threshold), each finding judged by hand: (line, indicator).
VALUE_FINDINGS = {
    # qualitative values without a measurable number: true
    "threshold-qualitative": [(22, "第6项 法律职业资格证书机位数量达到配备比例"), (34, "第3项 物业管理面积"),
                              (38, "第4项 广州中心业务辐射范围")],
    # two targets in one value: true
    "threshold-compound": [(25, "第4项 制播法治节目期数"), (36, "第3项 人均培训学时")],
    # "100%，如未发生…则…" glued to the value: true
    "threshold-remark": [(32, "第1项 国家赔偿合规率"), (32, "第2项 国家赔偿成功率"), (32, "第3项 国家赔偿发放及时性"),
                         (32, "第4项 国家赔偿案件立案数")],
    # counts without a unit: true, if minor
    "threshold-no-unit": [(13, "第3项 人均年度调解案件数"), (15, "第3项 系统用户数"), (28, "第2项 上线服务个数"),
                          (30, "第3项 因公出国（境）批次"), (33, "第2项 司法救助案件立案数"), (34, "第5项 物业服务人员数量"),
                          (36, "第2项 舆情月报期数"), (39, "第1项 运维软件数量"), (41, "第2项 系统用户数"),
                          (43, "第3项 系统并发数")],
    # a 数 measured in %, a 率 measured in 小时: true
    "unit-mismatch": [(32, "第4项 国家赔偿案件立案数"), (34, "第4项 办公场所安保措施到位率")],
    # the headcount caps (≤131人 调解员数量, ≤36人 招聘数量) are legitimate caps since issue 15: no
    # direction-mismatch any more
    # bare values with no direction (issue 15): a reviewer asks for ≥ or ≤; "100%" needs none
    "threshold-no-operator": [
        (14, "第3项 正常运行率（%）"), (15, "第1项 用户满意度"), (19, "第2项 监狱安防系统建设"), (23, "第1项 组织司法鉴定人执业能力考试"),
        (23, "第3项 制作公共法律服务展板期数"), (23, "第4项 全年聘请专家提供专业意见数量"), (23, "第5项 公证办结率"), (23, "第6项 全市公共法律服务平台数量"),
        (25, "第4项 制播法治节目期数"), (25, "第5项 短视频制作数量"), (25, "第6项 原创推文数量"), (26, "第2项 法治镇街培育"), (26, "第3项 党政主要负责人述法数"),
        (26, "第4项 开展法治化营商环境宣传推介次数"), (27, "第3项 通过聘请专家对立法项目重难点问题进行分析解剖提高立法质量"), (27, "第4项 政治、社会、文化方面的地方制度建设覆盖率"),
        (28, "第2项 用户满意度"), (29, "第6项 车辆购置数"), (34, "第1项 服务对象的满意度"), (34, "第4项 办公场所安保措施到位率"), (36, "第5项 培训学员的满意度"),
        (37, "第2项 机构运行辅助人员到位率"), (37, "第3项 机构运行辅助工作考核合格率"), (38, "第1项 聘用人员数量"), (39, "第2项 正常运行率（%）"),
        (42, "第1项 故障排除速度")],
}


def _cell(line: int, col: int) -> str:
    return f"第{line}行第{col}列"


EXPECTED: list[tuple[str, str, str | None]] = sorted(
    [("category-missing", _cell(line, 1), None) for line, missing in MISSING_CATEGORIES.items() for _ in missing]
    + [("indicator-numbering", _cell(line, 7), label) for line, label in RESTARTED_NUMBERING.items()]
    + [("text-whitespace", _cell(line, 1), None) for line in BROKEN_NAMES]
    + [(rule, _cell(line, 7), label) for rule, found in VALUE_FINDINGS.items() for line, label in found],
    key=str,
)


def _to_a1(cell: str) -> str:
    line, col = map(int, re.fullmatch(r"第(\d+)行第(\d+)列", cell).groups())  # type: ignore[union-attr]
    return f"{get_column_letter(col)}{line}"


@pytest.fixture(scope="module")
def reports() -> dict[str, FileReport]:
    return {"txt": validate(SEED_TXT), "xlsx": validate(SEED_XLSX)}


def _found(report: FileReport) -> list[tuple[str, str | None, str | None]]:
    return sorted(((f.rule, f.cell, f.indicator) for f in report.findings), key=str)


def test_text_form_findings(reports: dict[str, FileReport]) -> None:
    report = reports["txt"]
    assert report.layout == "published" and report.unit == "广州市司法局" and report.year == 2023
    assert all(f.sheet is None for f in report.findings)
    assert _found(report) == EXPECTED


def test_workbook_form_findings(reports: dict[str, FileReport]) -> None:
    report = reports["xlsx"]
    assert report.layout == "published"
    assert {f.sheet for f in report.findings} == {SHEET}
    assert _found(report) == sorted(((r, _to_a1(c), i) for r, c, i in EXPECTED), key=str)


def test_both_forms_say_the_same(reports: dict[str, FileReport]) -> None:
    def messages(report: FileReport) -> list[tuple[str, str, str | None]]:
        return sorted((f.rule, f.message, f.project) for f in report.findings)

    assert messages(reports["txt"]) == messages(reports["xlsx"])


def test_counts_per_rule(reports: dict[str, FileReport]) -> None:
    assert Counter(f.rule for f in reports["txt"].findings) == {
        "category-missing": 22, "indicator-numbering": 3, "text-whitespace": 3, "threshold-no-unit": 10,
        "threshold-remark": 4, "threshold-qualitative": 3, "threshold-compound": 2, "unit-mismatch": 2,
        "threshold-no-operator": 26,
    }
    assert (reports["txt"].errors, reports["txt"].warnings) == (22, 53)
    # no funds, structure, category-name or malformed-value finding: the amounts add up (see below),
    # every category is one of 产出/效益/满意度, and every value can be read


def test_missing_categories_per_project(reports: dict[str, FileReport]) -> None:
    found: dict[int, list[str]] = {}
    for f in reports["txt"].findings:
        if f.rule == "category-missing":
            line = int(re.match(r"第(\d+)行", f.cell or "").group(1))  # type: ignore[union-attr]
            found.setdefault(line, []).append(re.search(r"“(.+?)指标”", f.message).group(1))  # type: ignore[union-attr]
    assert found == MISSING_CATEGORIES


def test_restarted_numbering_names_the_cell_sequence(reports: dict[str, FileReport]) -> None:
    values = {f.cell: f.value for f in reports["txt"].findings if f.rule == "indicator-numbering"}
    assert values == {_cell(28, 7): "1、2、1、2、", _cell(39, 7): "1、2、3、1、2、", _cell(41, 7): "1、2、3、1、"}


def test_broken_names_get_their_clean_form(reports: dict[str, FileReport]) -> None:
    suggestions = [f.suggestion for f in reports["txt"].findings if f.rule == "text-whitespace"]
    assert suggestions == [
        "建议改为“广州市司法局2022年信息化建设开发项目”。",
        "建议改为“广州市司法局2023年-2024年信息化运维服务项目(2023)”。",
        "建议改为“广东省政法跨部门大数据办案平台广州分中心(市司法局分平台)项目”。",
    ]


def test_the_amounts_add_up() -> None:
    """Checked by hand: the 29 projects sum to 9,486.23, which is the department row and 合计,
    so funds-sum and funds-row-total rightly stay silent."""
    sub = read_submission(SEED_TXT)
    kinds = Counter(r.kind for r in sub.rows)
    assert kinds == {RowKind.TOTAL: 1, RowKind.DEPARTMENT: 1, RowKind.PROJECT: 29}
    projects = sum((parse_amount(r.total).zero_if_empty for r in sub.projects), Decimal(0))
    assert projects == Decimal("9486.23")
    for row in sub.rows[:2]:
        assert parse_amount(row.total).value == parse_amount(row.fiscal).value == Decimal("9486.23")
    assert len(sub.indicators) == 141


def test_workbook_fixture_is_in_sync(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_seed_xlsx", DATA / "make_seed_xlsx.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    fresh = module.build(SEED_TXT)["项目支出绩效目标表"]
    from openpyxl import load_workbook

    committed = load_workbook(SEED_XLSX)[SHEET]
    assert [[c.value for c in r] for r in committed.iter_rows()] == [[c.value for c in r] for r in fresh.iter_rows()]


def test_reader_agrees_with_the_value_rules_stand_in() -> None:
    """tests/seed.py (branch threshold) builds the seed's indicators by a regex for want of a
    reader; the reader yields exactly the same records."""
    from seed import seed_submission

    def record(ind: Indicator) -> tuple[object, ...]:
        return (ind.project.text, ind.name.raw, ind.value.raw, ind.level1.raw, ind.position, ind.name.coord,
                ind.value.coord)

    assert [record(i) for i in read_submission(SEED_TXT).indicators] == [record(i) for i in seed_submission().indicators]
