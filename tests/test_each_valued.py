"""values.indicators.each_valued asks one indicator of each kind (same threshold, name,
direction, nature, 二级指标) and gives every indicator the answer it would get on its own, in
order."""

from __future__ import annotations

from pathlib import Path

from validator.records import Cell, Indicator, Submission
from validator.values.indicators import each_valued, valued


def _ind(row: int, name: str = "讲座场次", value: object = "≥48场", *, direction: object = None,
         nature: object = None, level2: str = "数量指标") -> Indicator:
    def at(col: str, raw: object) -> Cell | None:
        return None if raw is None else Cell("绩效指标", f"{col}{row}", raw)
    return Indicator(project=Cell("绩效指标", f"A{row}", "普法经费"), name=at("D", name), value=at("F", value),
                     level2=at("C", level2), direction=at("E", direction), nature=at("H", nature))


def _submission(indicators: list[Indicator]) -> Submission:
    return Submission(Path("x.xlsx"), "template", indicators=indicators)


def test_each_kind_is_asked_until_it_finds_something() -> None:
    inds = [_ind(4), _ind(5), _ind(6, direction="≥"), _ind(7, nature="正向"), _ind(8, level2="质量指标"),
            _ind(9, name="宣传场次"), _ind(10, value="≥12场"), _ind(11), _ind(12, direction=" ≥")]
    sub = _submission(inds)
    asked: list[str] = []

    def nothing(ind: Indicator, cell: Cell, result: object) -> list[str]:
        asked.append(cell.coord)
        return []

    assert list(each_valued(sub, nothing)) == []
    # rows 5 and 11 repeat row 4; " ≥" is another direction cell than "≥", though it reads the same
    assert asked == ["F4", "F6", "F7", "F8", "F9", "F10", "F12"]


def test_answers_are_each_indicator_own_in_order() -> None:
    inds = [_ind(4, value="待定"), _ind(5), _ind(6, value="待定"), _ind(7, value="待定", direction="≥"), _ind(8)]
    sub = _submission(inds)

    def malformed(ind: Indicator, cell: Cell, result: object) -> list[str]:
        return [cell.coord, ind.project.coord] if getattr(result, "kind", None) == "malformed" else []

    expected = [x for ind, cell, result in valued(sub) for x in malformed(ind, cell, result)]
    assert list(each_valued(sub, malformed)) == expected == ["F4", "A4", "F6", "A6", "F7", "A7"]
