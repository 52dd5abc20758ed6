"""Self-evaluation workbooks (项目支出绩效自评表) built the way real ones are: the per-project
form of the 2020 central rules (merged labels, the 项目资金 block, 总分 and 自评等级 rows) and the
budget-system export (one indicator per row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

GOAL = "全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。"
GOAL_ACTUAL = "全年开展法治讲座50场，覆盖全市11个区，群众满意度92%，目标全部完成。"


@dataclass
class Scored:
    level1: str
    level2: str
    name: str
    target: Any
    actual: Any
    weight: Any
    score: Any
    reason: str = ""


def good_indicators() -> list[Scored]:
    return [
        Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "50场", 20, 20),
        Scored("产出指标", "质量指标", "讲座区覆盖率", "100%", "100%", 15, 15),
        Scored("产出指标", "时效指标", "按时完成率", "≥95%", "96%", 15, 15),
        Scored("效益指标", "社会效益指标", "群众法治意识", "明显提升", "达成", 30, 27,
               "个别街道覆盖不足，明年增加社区讲座"),
        Scored("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10),
    ]


# (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
FundsRowData = tuple[Any, ...]


def good_funds() -> list[FundsRowData]:
    return [
        ("年度资金总额", 100, 100, 95, 10, "95%", 9.5),
        ("其中：财政拨款", 100, 100, 95, None, None, None),
        ("其他资金", 0, 0, 0, None, None, None),
    ]


@dataclass
class SelfProject:
    name: str = "普法经费"
    department: str = "某市司法局"
    user: str = "某市法治宣传中心"
    funds: list[FundsRowData] = field(default_factory=good_funds)
    goal: str = GOAL
    goal_actual: str = GOAL_ACTUAL
    indicators: list[Scored] = field(default_factory=good_indicators)
    total_weight: Any = 100
    total_score: Any = 96.5
    grade: Any = "优"


def write_form(path: Path, projects: Sequence[SelfProject], *, year: int = 2027) -> Path:
    """One project per sheet in the central form's layout (columns A:H)."""
    book = Workbook()
    book.remove(book.active)
    for i, project in enumerate(projects):
        _form_sheet(book.create_sheet(f"自评表{i + 1}"), project, year)
    book.save(path)
    return path


def _form_sheet(ws: Worksheet, p: SelfProject, year: int) -> None:
    ws["A1"] = f"{year}年度项目支出绩效自评表"
    ws.merge_cells("A1:H1")
    ws["A2"], ws["B2"] = "项目名称", p.name
    ws.merge_cells("B2:H2")
    ws["A3"], ws["B3"], ws["E3"], ws["F3"] = "主管部门", p.department, "实施单位", p.user
    ws.merge_cells("B3:D3")
    ws.merge_cells("F3:H3")
    ws["A4"] = "项目资金（万元）"
    for col, text in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), strict=True):
        ws[f"{col}4"] = text
    r = 5
    for line in p.funds:
        for col, value in zip("BCDEFGH", line, strict=True):
            ws[f"{col}{r}"] = value
        r += 1
    ws.merge_cells(f"A4:A{r - 1}")
    ws[f"A{r}"], ws[f"B{r}"], ws[f"F{r}"] = "年度总体目标", "预期目标", "实际完成情况"
    ws[f"B{r + 1}"], ws[f"F{r + 1}"] = p.goal, p.goal_actual
    ws.merge_cells(f"A{r}:A{r + 1}")
    ws.merge_cells(f"B{r}:E{r}")
    ws.merge_cells(f"F{r}:H{r}")
    ws.merge_cells(f"B{r + 1}:E{r + 1}")
    ws.merge_cells(f"F{r + 1}:H{r + 1}")
    r += 2
    headers = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for col, text in zip("ABCDEFGH", headers, strict=True):
        ws[f"{col}{r}"] = text
    r += 1
    start, previous = r, None
    for ind in p.indicators:
        values = (ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.reason)
        for col, value in zip("ABCDEFGH", values, strict=True):
            if col == "A" and ind.level1 == previous:
                continue
            ws[f"{col}{r}"] = value if value != "" else None
        if ind.level1 != previous and previous is not None and r - 1 > start:
            ws.merge_cells(f"A{start}:A{r - 1}")
        if ind.level1 != previous:
            start = r
        previous = ind.level1
        r += 1
    if r - 1 > start:
        ws.merge_cells(f"A{start}:A{r - 1}")
    ws[f"A{r}"], ws[f"F{r}"], ws[f"G{r}"] = "总分", p.total_weight, p.total_score
    ws.merge_cells(f"A{r}:E{r}")
    ws[f"A{r + 1}"], ws[f"F{r + 1}"] = "自评等级", p.grade
    ws.merge_cells(f"A{r + 1}:E{r + 1}")
    ws.merge_cells(f"F{r + 1}:H{r + 1}")


ROWWISE_COLUMNS = ("单位名称", "项目名称", "年初预算数", "全年预算数", "其中：财政拨款", "全年执行数", "执行率",
                   "预算执行率分值",
                   "预算执行率得分", "年度总体目标", "实际完成情况", "一级指标", "二级指标", "三级指标", "年度指标值",
                   "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "总分", "自评等级")


def write_rowwise(path: Path, projects: Sequence[SelfProject], *, year: int = 2027) -> Path:
    """The export: a title, the header, one row per indicator with the project's fields
    repeated on each row."""
    book = Workbook()
    ws = book.active
    ws.title = "绩效自评"
    ws.append([f"{year}年度项目支出绩效自评表"])
    ws.append(list(ROWWISE_COLUMNS))
    for p in projects:
        total = p.funds[0]
        for ind in p.indicators:
            ws.append([p.department, p.name, total[1], total[2], p.funds[1][2], total[3], total[5], total[4], total[6], p.goal,
                       p.goal_actual, ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.weight,
                       ind.score, ind.reason or None, p.total_score, p.grade])
    book.save(path)
    return path


def check_form(tmp_path: Path, rule_id: str, projects: Sequence[SelfProject], **options: Any) -> list[Any]:
    from helpers import run_rule

    return run_rule(rule_id, write_form(tmp_path / "自评表.xlsx", projects), **options)


def check_self_rowwise(tmp_path: Path, rule_id: str, projects: Sequence[SelfProject], **options: Any) -> list[Any]:
    from helpers import run_rule

    return run_rule(rule_id, write_rowwise(tmp_path / "自评导出.xlsx", projects), **options)


def approved_indicators() -> list[Scored]:
    """The indicators of `helpers.good_sub()` (the target table), scored."""
    return [
        Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "50场", 50, 50),
        Scored("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "100%", "100%", 30, 30),
        Scored("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10),
    ]


def run_in_context(tmp_path: Path, rule_id: str, evaluation: SelfProject, targets: Any | None) -> list[Any]:
    """Write the self-evaluation form and, when given, the target table (`helpers.Sub`); run
    one rule through the engine with the target table as the approved one."""
    from helpers import only_rule, write_sub

    from validator.context import book_context, project_book
    from validator.engine import validate_file
    from validator.reader import read_submission

    form = write_form(tmp_path / "自评表.xlsx", [evaluation])
    tables = []
    if targets is not None:
        path = write_sub(tmp_path / "目标表.xlsx", targets)
        tables.append(("目标表.xlsx", None, read_submission(path)))
    report = validate_file(form, only_rule(rule_id), book_context(project_book(tables)))
    return [f for f in report.findings if f.rule == rule_id]


def save_cached(path: Path, cached: dict[tuple[int, str], float | str]) -> Path:
    """Give formula cells the results Excel or WPS would have saved: openpyxl writes a formula
    with an empty `<v></v>`; the value goes there, as in a file saved by Excel. Keys are
    (sheet number from 1, A1 cell); cells not listed keep no result (never recalculated)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as book:
        parts = {info.filename: book.read(info.filename) for info in book.infolist()}
    for (sheet, coord), value in cached.items():
        name = f"xl/worksheets/sheet{sheet}.xml"
        xml = parts[name].decode()
        kind = ' t="str"' if isinstance(value, str) else ""
        xml, count = re.subn(rf'<c r="{coord}"([^>]*)><f>(.*?)</f><v></v></c>',
                             rf'<c r="{coord}"\1{kind}><f>\2</f><v>{value}</v></c>', xml)
        assert count == 1, f"no formula at {coord} of sheet {sheet}"
        parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path
