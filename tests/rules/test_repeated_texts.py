"""Rules judge each distinct text (or value, name and direction) once per submission and reuse
the verdict on the rows that repeat it: a later row that differs in anything the verdict reads
is still judged, and a repeated problem is reported on every row."""

from __future__ import annotations

from pathlib import Path

from helpers import GOOD_GOAL, cells, check, good_sub

from validator.records import Cell
from validator.values.amounts import parse_amount


def _indicators(*rows: tuple[object, ...]):  # type: ignore[no-untyped-def]
    sub = good_sub()
    sub.indicators = [("普法经费", *row) for row in rows] + sub.indicators[1:]
    return sub


def test_level2_differing_after_a_fine_pair(tmp_path: Path) -> None:
    sub = _indicators(("产出指标", "数量指标", "讲座场次", "≥", "48", "场", ""),
                      ("产出指标", "数量指标", "宣传场次", "≥", "12", "场", ""),
                      ("产出指标", "经济效益指标", "培训场次", "≥", "6", "场", ""))
    assert cells(check(tmp_path, "category-unknown", sub)) == [("绩效指标", "C6")]


def test_direction_judged_with_the_name(tmp_path: Path) -> None:
    sub = _indicators(("产出指标", "数量指标", "服务人次", None, "≥24小时", None, ""),
                      ("产出指标", "时效指标", "故障响应时间", None, "≥24小时", None, ""))
    assert cells(check(tmp_path, "direction-mismatch", sub)) == [("绩效指标", "F5")]


def test_direction_cell_judged_with_the_value(tmp_path: Path) -> None:
    sub = _indicators(("产出指标", "数量指标", "讲座场次", "≥", "48", "场", ""),
                      ("产出指标", "质量指标", "讲座质量", "≥", "有效提升", None, ""),
                      ("产出指标", "数量指标", "宣传场次", "≥", "48", "场", ""))
    assert cells(check(tmp_path, "operator-invalid", sub)) == [("绩效指标", "E5")]


def test_repeated_problems_are_reported_on_every_row(tmp_path: Path) -> None:
    sub = _indicators(("产出指标", "数量指标", "XXX讲座场次", "≥", "48", "场", ""),
                      ("产出指标", "数量指标", "XXX讲座场次", "≥", "48", "场", ""))
    assert cells(check(tmp_path, "text-placeholder", sub)) == [("绩效指标", "D4"), ("绩效指标", "D5")]
    sub = _indicators(("产出指标", "数量指标", "讲座 场次", "≥", "48", "场", ""),
                      ("产出指标", "数量指标", "讲座 场次", "≥", "48", "场", ""))
    assert cells(check(tmp_path, "text-whitespace", sub)) == [("绩效指标", "D4"), ("绩效指标", "D5")]


def test_short_goals_judged_with_each_project_name(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects = [("普法经费", "某市司法局", 600, 500, 0, 100, "普法经费"),  # a copy of the name: goal-missing's
                    ("法律援助", "某市司法局", 600, 500, 0, 100, "普法经费"),
                    ("公证服务", "某市司法局", 600, 500, 0, 100, GOOD_GOAL)]
    assert cells(check(tmp_path, "goal-too-short", sub)) == [("项目信息", "G5")]


def test_amounts_of_one_number_with_other_decimals() -> None:
    cell = Cell("项目信息", "C4", 12.345)
    assert parse_amount(cell).problem == "decimals"
    assert parse_amount(cell, decimals=3).problem is None
    assert parse_amount(cell).problem == "decimals"
    assert parse_amount(Cell("项目信息", "C5", 12)).value == parse_amount(Cell("项目信息", "C6", 12.0)).value == 12
    assert parse_amount(Cell("项目信息", "C7", True)).problem == "text"  # a boolean is no amount, though True == 1
