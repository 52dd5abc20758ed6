"""Every rule that applies to the standard template fires on the two other layouts too, at the
cell the user sees: one case per rule, each a passing submission with one thing broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import cells
from layout_builders import GOOD_INDICATORS, ROWWISE_COLUMNS, Form, RowProject, check_national, check_rowwise

S = "绩效目标"
LONG = "100%，如未发生需要拨付国家赔偿金的情况，则以我局已完成该项目指标认定。如有发生，则按实际发生情况进行考核"
# (rule, first indicator replaced by (一级, 二级, 三级, 符号, 值, 单位)): the value sits in K5 of the
# export and in E12 of the form.
VALUE_CASES: list[tuple[str, tuple[Any, ...], str, str]] = [
    ("threshold-malformed", ("产出指标", "数量指标", "法治讲座场次", "≥", "≥≥48", "场"), "K5", "E12"),
    ("date-serial", ("产出指标", "时效指标", "项目完成时间", None, "44561", None), "K5", "E12"),
    ("threshold-qualitative", ("产出指标", "数量指标", "法治讲座场次", None, "完成", None), "K5", "E12"),  # a count: a figure is natural
    ("threshold-compound", ("产出指标", "数量指标", "培训学分", None, "处级≥110学分，科级≥90学分", None), "K5", "E12"),
    ("threshold-remark", ("产出指标", "质量指标", "国家赔偿合规率", None, LONG, None), "K5", "E12"),
    ("threshold-no-unit", ("产出指标", "数量指标", "人均年度调解案件数", None, "≥55", None), "K5", "E12"),
    ("unit-mismatch", ("产出指标", "质量指标", "办公场所安保措施到位率", None, "24小时", None), "K5", "E12"),
    ("direction-mismatch", ("产出指标", "时效指标", "故障响应时长", None, "≥2小时", None), "K5", "E12"),
    ("percent-range", ("产出指标", "质量指标", "验收合格率", None, "≥120%", None), "K5", "E12"),
    ("text-placeholder", ("产出指标", "数量指标", "XXX场次", "≥", "48", "场"), "I5", "D12"),
    ("category-unknown", ("投入指标", "数量指标", "法治讲座场次", "≥", "48", "场"), "G5", "B12"),
    ("field-required", ("产出指标", None, "法治讲座场次", "≥", "48", "场"), "H5", "C12"),
]


def _rows(first: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [(*first, "50"), *GOOD_INDICATORS[1:]]


@pytest.mark.parametrize(("rule", "first", "export_cell", "form_cell"), VALUE_CASES, ids=[c[0] for c in VALUE_CASES])
def test_value_rules(tmp_path: Path, rule: str, first: tuple[Any, ...], export_cell: str, form_cell: str) -> None:
    export = check_rowwise(tmp_path, rule, [RowProject("普法经费", "600.00", "500.00", "100.00", indicators=_rows(first))])
    assert cells(export) == [(S, export_cell)]
    form = check_national(tmp_path, rule, [Form("普法宣传", side_by_side=False, indicators=_rows(first))])
    assert cells(form) == [("普法宣传", form_cell)]


def test_satisfaction_and_duplicate_indicators(tmp_path: Path) -> None:
    rows = [*GOOD_INDICATORS[:2], ("满意度指标", "服务对象满意度指标", "群众满意度", "=", "100", "%", "20")]
    project = RowProject("普法经费", "600.00", "500.00", "100.00", indicators=rows)
    assert cells(check_rowwise(tmp_path, "satisfaction-range", [project])) == [(S, "K7")]
    assert cells(check_national(tmp_path, "satisfaction-range", [Form("普法宣传", side_by_side=False, indicators=rows)])) == [
        ("普法宣传", "E14")]
    twice = [GOOD_INDICATORS[0], *GOOD_INDICATORS]
    project = RowProject("普法经费", "600.00", "500.00", "100.00", indicators=twice)
    assert cells(check_rowwise(tmp_path, "indicator-duplicate", [project])) == [(S, "I6")]
    assert cells(check_national(tmp_path, "indicator-duplicate", [Form("普法宣传", side_by_side=False, indicators=twice)])) == [
        ("普法宣传", "D13")]


def test_project_rules_in_the_export(tmp_path: Path) -> None:
    def one(**kw: Any) -> list[RowProject]:
        return [RowProject(**{"name": "普法经费", "total": "600.00", "fiscal": "500.00", "other": "100.00", **kw})]

    assert cells(check_rowwise(tmp_path, "amount-invalid", one(total="约六百万"))) == [(S, "C5")]
    assert cells(check_rowwise(tmp_path, "goal-too-short", one(goal="普法"))) == [(S, "F5")]
    assert cells(check_rowwise(tmp_path, "text-whitespace", one(name="普法 经费"))) == [(S, "B5")]
    two = [*one(), RowProject("普法经费", "48", "48", None)]
    assert cells(check_rowwise(tmp_path, "project-duplicate", two)) == [(S, "B8")]
    empty = [*one(), RowProject("购置经费", "48", "48", None, indicators=[])]
    assert cells(check_rowwise(tmp_path, "project-without-indicators", empty)) == [(S, "B8")]
    total = [*one(), RowProject("合计", "700.00", "600.00", "100.00", goal=None, indicators=[])]
    assert cells(check_rowwise(tmp_path, "funds-sum", total)) == [(S, "C8"), (S, "D8")]
    columns = tuple(c for c in ROWWISE_COLUMNS if c != "二级指标")
    [missing] = check_rowwise(tmp_path, "column-missing", one(), columns=columns)
    assert (missing.sheet, missing.value) == (S, "A4") and "缺少“二级指标”列" in missing.message


def test_project_rules_in_the_form(tmp_path: Path) -> None:
    def one(**kw: Any) -> list[Form]:
        return [Form(**{"name": "普法宣传", "side_by_side": False, **kw})]

    assert cells(check_national(tmp_path, "amount-invalid", one(total="约六百万"))) == [("普法宣传", "E6")]
    assert cells(check_national(tmp_path, "goal-too-short", one(goal="普法"))) == [("普法宣传", "D9")]
    assert cells(check_national(tmp_path, "text-whitespace", one(name="普法 宣传"))) == [("普法 宣传", "B3")]
    assert cells(check_national(tmp_path, "project-without-indicators", one(indicators=[]))) == [("普法宣传", "B3")]
    assert cells(check_national(tmp_path, "project-duplicate", [*one(), *one()])) == [("普法宣传1", "B3")]
