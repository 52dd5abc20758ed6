"""Property tests: what the two other layouts read does not depend on column order, spacer
rows, merged or repeated project fields, label order, label width or spacing."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_builders import ROWWISE_COLUMNS, Form, RowProject, write_national, write_rowwise
from openpyxl import Workbook

from validator.config.loader import load_config
from validator.engine import check_submission, validate_file
from validator.reader import read_submission
from validator.records import Submission

EXAMPLES = int(os.environ.get("LAYOUT_EXAMPLES", "25"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONFIG = load_config()
A1 = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")

PROJECTS = [
    RowProject("普法经费", "600.00", "500.00", "100.00"),
    RowProject("法律援助", "1,200", "1200", None, indicators=[
        ("产出指标", "数量指标", "援助案件数", "大于等于", "300", "件", "50"),
        ("效益指标", "社会效益指标", "结案率", "≥", "95", "%", "40"),
        ("满意度指标", "服务对象满意度指标", "受援人满意度", "≤", "90", "%", "5"),
    ]),
]
FORMS = [
    Form("普法宣传"),
    Form("法律援助", total="650", goal="", indicators=[
        ("产出指标", "数量指标", "援助案件数", "≥", "300", "件"), ("效益指标", "社会效益指标", "结案率", None, "待定", None)]),
]


def _read(sub: Submission) -> tuple[Any, ...]:
    """What a reader yields, without positions."""
    def text(cell: Any) -> str | None:
        return cell.text if cell is not None else None

    rows = [(r.kind, r.name.text, text(r.total), text(r.fiscal), text(r.other), text(r.goal), r.department)
            for r in sub.rows]
    indicators = [(i.project.text, text(i.level1), text(i.level2), text(i.name), text(i.direction), text(i.value),
                   text(i.unit), text(i.weight)) for i in sub.indicators]
    findings = sorted((f.rule, f.project or "", f.indicator or "", f.message) for f in check_submission(sub, CONFIG))
    return sub.layout, rows, indicators, findings


def _rowwise(**kwargs: Any) -> tuple[Any, ...]:
    with tempfile.TemporaryDirectory() as tmp:
        return _read(read_submission(write_rowwise(Path(tmp) / "x.xlsx", PROJECTS, **kwargs)))


def _national(forms: list[Form]) -> tuple[Any, ...]:
    with tempfile.TemporaryDirectory() as tmp:
        return _read(read_submission(write_national(Path(tmp) / "f.xlsx", forms)))


ROWWISE_BASE = _rowwise()
NATIONAL_BASE = _national(FORMS)


def test_bases_read_what_was_written() -> None:
    layout, rows, indicators, findings = ROWWISE_BASE
    assert layout == "rowwise" and [r[1] for r in rows] == ["普法经费", "法律援助"] and len(indicators) == 6
    assert {f[0] for f in findings} == {"direction-mismatch", "weight-total"}  # ≤90% satisfaction; 95 points
    layout, rows, indicators, findings = NATIONAL_BASE
    assert layout == "national" and [r[1] for r in rows] == ["普法宣传", "法律援助"] and len(indicators) == 5
    assert {"funds-row-total", "goal-missing", "threshold-malformed", "category-missing"} <= {f[0] for f in findings}


@PROPERTY
@given(order=st.permutations(ROWWISE_COLUMNS), spacers=st.sets(st.integers(1, 5), max_size=3),
       merge=st.booleans(), title=st.booleans())
def test_rowwise_reads_the_same_in_any_arrangement(order: list[str], spacers: set[int], merge: bool,
                                                   title: bool) -> None:
    assert _rowwise(columns=order, spacer_after=sorted(spacers), merge=merge, title_lines=title) == ROWWISE_BASE


_BLOCKS = ("name", "department", "attribute", "funds", "goals")


@PROPERTY
@given(order=st.permutations(_BLOCKS), spacers=st.integers(0, 2), width=st.integers(1, 3), across=st.booleans())
def test_national_reads_the_same_in_any_arrangement(order: list[str], spacers: int, width: int,
                                                    across: bool) -> None:
    forms = [Form(f.name, total=f.total, goal=f.goal, indicators=f.indicators, order=tuple(order), spacers=spacers,
                  label_width=width, side_by_side=across) for f in FORMS]
    assert _national(forms) == NATIONAL_BASE


WORDS = ["项目名称", "年度资金总额：", "其中：财政拨款", "其他资金", "上级补助资金", "年度目标", "中期目标", "总体目标",
         "一级指标", "二级指标", "三级指标", "指标值", "指标方向", "指标性质", "权重", "预算数", "单位名称：某局",
         "产出指标", "数量指标", "≥", "正向", "定性", "100", "1,200.00", "≥95%", "待定", "", "", "", None, None, None]


@PROPERTY
@given(rows=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), min_size=1, max_size=14),
       merges=st.lists(st.tuples(st.integers(1, 14), st.integers(1, 7)), max_size=6))
def test_any_mix_of_labels_and_headers_is_read_without_internal_errors(rows: list[list[Any]],
                                                                        merges: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Workbook()
        ws = book.active
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        for r, c in dict(merges).items():  # one merge per row: two cells side by side, never overlapping
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + 1)
        path = Path(tmp) / "mix.xlsx"
        book.save(path)
        report = validate_file(path, CONFIG)
    assert all("内部错误" not in f.message for f in report.findings)
    assert all(f.cell is None or A1.fullmatch(f.cell) for f in report.findings)
