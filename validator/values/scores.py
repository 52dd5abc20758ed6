"""Numbers of a self-evaluation (绩效自评表): scores, rates, what an indicator's target and
actual value say, and the expected score of a quantitative indicator. Decimal throughout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from validator.model import ScoreLine
from validator.records import Cell, Evaluation, FundsLine, Indicator, Submission
from validator.text import key
from validator.values.amounts import to_decimal
from validator.values.threshold import Part, is_percent_format, parse_threshold

_NUMBER = re.compile(r"^(-?[0-9]+(?:\.[0-9]+)?)\s*(分|%)?$")
HUNDRED = Decimal(100)


def number(cell: Cell | None) -> Decimal | None:
    """A score or amount as the user sees it: 9.5, "9.5", "9.5分", "95%" (-> 95); a formula
    cell by the result the file saved. None when empty, not a number, or a formula without a
    saved result (`uncalculated`)."""
    if cell is None or cell.empty:
        return None
    raw = cell.raw if cell.formula is None else cell.cached
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return to_decimal(raw)
    if raw is None or isinstance(raw, bool):
        return None
    m = _NUMBER.match(str(raw).strip().replace(",", ""))
    return Decimal(m.group(1)) if m else None


def uncalculated(cell: Cell | None) -> bool:
    """A formula cell whose result the file did not save (never recalculated): what it shows
    cannot be checked."""
    return cell is not None and cell.formula is not None and cell.cached in (None, "")


def seen(cell: Cell | None) -> str:
    """The value quoted in a message: as the user sees it (a formula by its saved result)."""
    if cell is None:
        return ""
    if cell.formula is not None and cell.cached not in (None, ""):
        value = to_decimal(cell.cached)
        if value is None:
            return str(cell.cached)
        return f"{fmt_number(value * HUNDRED)}%" if is_percent_format(cell.number_format) else fmt_number(value)
    return cell.shown


def formula_note(*cells: Cell | None) -> str:
    """“（G5 为公式 =E5/D5，按文件保存的计算结果核对）” for the formula cells among `cells`."""
    found = [c for c in cells if c is not None and c.formula is not None]
    if not found:
        return ""
    listed = "、".join(f"{c.coord} 为公式 {c.formula}" for c in found)
    return f"（{listed}，按文件中保存的计算结果核对）"


def rate(cell: Cell | None) -> Decimal | None:
    """An execution rate as a fraction: "95%" and 95 -> 0.95; 0.95 (or a cell formatted as a
    percentage) -> 0.95."""
    value = number(cell)
    if value is None or cell is None:
        return None
    written = cell.text if cell.formula is None else str(cell.cached)
    if "%" in written or (not is_percent_format(cell.number_format) and value > Decimal("1.5")):
        return value / HUNDRED
    return value


def fmt_number(value: Decimal) -> str:
    """2 decimals at most, no trailing zeros: 9.50 -> 9.5, 20.00 -> 20."""
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def evaluated(sub: Submission) -> Iterator[tuple[Evaluation, list[Indicator]]]:
    """Each project's evaluation with its indicators."""
    groups = sub.indicators_by_project()
    for ev in sub.evaluations:
        yield ev, groups.get(key(ev.project.text), [])


@dataclass(frozen=True)
class Quantity:
    """A quantitative target (one bound) and the figure reported against it."""

    target: Part
    actual: Decimal
    actual_unit: str | None

    @property
    def met(self) -> bool:
        op, goal, got = self.target.op, self.target.value, self.actual
        if op in ("≥", ">"):
            return got >= goal if op == "≥" else got > goal
        if op in ("≤", "<"):
            return got <= goal if op == "≤" else got < goal
        return got == goal

    @property
    def ratio(self) -> Decimal:
        """The share of the 分值 a missed target earns: 实际/目标 for ≥, 目标/实际 for ≤, the
        smaller of both for =; never above 1 or below 0."""
        op, goal, got = self.target.op, self.target.value, self.actual
        if self.met:
            return Decimal(1)
        if op in ("≤", "<"):
            share = goal / got if got > 0 else Decimal(0)
        elif op in ("≥", ">"):
            share = got / goal if goal > 0 else Decimal(0)
        else:
            share = min(got / goal if goal > 0 else Decimal(0), goal / got if got > 0 else Decimal(0))
        return max(Decimal(0), min(Decimal(1), share))


def target_part(ind: Indicator) -> Part | None:
    """The single bound of a quantitative 年度指标值 (“≥800件”, “=100%”), else None."""
    if ind.value is None or ind.value.empty:
        return None
    t = parse_threshold(ind.value.raw, direction=ind.direction.raw if ind.direction else None,
                        unit=ind.unit.raw if ind.unit else None, name=ind.name.raw if ind.name else None,
                        number_format=ind.value.number_format)
    if t.kind != "quantitative" or len(t.parts) != 1:
        return None
    return t.parts[0]


def is_qualitative(ind: Indicator) -> bool:
    if ind.value is None or ind.value.empty:
        return False
    return parse_threshold(ind.value.raw, number_format=ind.value.number_format).kind == "qualitative"


def actual_figure(cell: Cell | None) -> tuple[Decimal, str | None] | None:
    """The figure a 实际完成值 reports (“50场”, “96%”, 820), with its unit when written."""
    if cell is None or cell.empty or cell.formula is not None:
        return None
    t = parse_threshold(cell.raw, number_format=cell.number_format)
    if t.kind != "quantitative" or len(t.parts) != 1:
        return None
    return t.parts[0].value, t.parts[0].unit


def quantity(ind: Indicator) -> Quantity | None:
    """Target and actual figure of a quantitative indicator, when both are readable and the
    units agree (a figure without a unit is taken in the target's unit)."""
    target = target_part(ind)
    figure = actual_figure(ind.actual)
    if target is None or figure is None:
        return None
    value, unit = figure
    if unit and target.unit and key(unit) != key(target.unit):
        return None
    return Quantity(target, value, unit)


def grade_word(cell: Cell | None, words: list[str]) -> str | None:
    """The grade word an actual value starts with (longest first: 部分达成 before 达成)."""
    if cell is None or cell.empty:
        return None
    text = key(cell.text)
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(key(w))), None)


# --- what was scored, for the letter's review table -----------------------------------------


def score_lines(sub: Submission) -> tuple[ScoreLine, ...]:
    """Each project's 预算执行率 line(s), indicators and 总分 row as the unit filled them, with the
    cells each covers (findings there belong to it); () for a target table."""
    if not sub.is_self_evaluation:
        return ()
    lines: list[ScoreLine] = []
    for ev, indicators in evaluated(sub):
        project = ev.project.shown or None
        for funds in ev.funds:
            if funds.label == "年度资金总额" or any(_filled(c) for c in (funds.rate, funds.score)):
                lines.append(_funds_line(project, funds))
        lines.extend(_indicator_line(project, ind) for ind in indicators)
        if any(_filled(c) for c in (ev.total_weight, ev.total_score, ev.grade)):
            lines.append(ScoreLine(project, "总分", _sheet(ev.total_score, ev.total_weight, ev.grade),
                                   _coords(ev.total_weight, ev.total_score, ev.grade),
                                   actual=f"自评等级：{seen(ev.grade)}" if _filled(ev.grade) else None,
                                   weight=_text(ev.total_weight), score=_text(ev.total_score)))
    return tuple(lines)


def _funds_line(project: str | None, f: FundsLine) -> ScoreLine:
    item = "预算执行率" if f.label == "年度资金总额" else f"{f.label}执行率"
    executed = f"全年执行数 {seen(f.executed)}万元" if _filled(f.executed) else None
    rate_text = f"执行率 {seen(f.rate)}" if _filled(f.rate) else None
    return ScoreLine(project, item, _sheet(f.budget, f.executed, f.rate, f.score, f.label_cell),
                     _coords(f.start, f.budget, f.executed, f.weight, f.rate, f.score),
                     target=f"全年预算数 {seen(f.budget)}万元" if _filled(f.budget) else None,
                     actual="，".join(t for t in (executed, rate_text) if t) or None,
                     weight=_text(f.weight), score=_text(f.score))


def _indicator_line(project: str | None, ind: Indicator) -> ScoreLine:
    target = _text(ind.value)
    if target and ind.unit is not None and _filled(ind.unit) and ind.unit.shown not in target:
        target += ind.unit.shown
    return ScoreLine(project, ind.label, _sheet(ind.name, ind.value, ind.score),
                     _coords(ind.name, ind.value, ind.direction, ind.unit, ind.weight, ind.actual, ind.score,
                             ind.reason),
                     target=target, actual=_text(ind.actual), weight=_text(ind.weight), score=_text(ind.score))


def _filled(cell: Cell | None) -> bool:
    return cell is not None and not cell.empty


def _text(cell: Cell | None) -> str | None:
    return seen(cell) or None if _filled(cell) else None


def _sheet(*cells: Cell | None) -> str | None:
    return next((c.sheet for c in cells if c is not None), None)


def _coords(*cells: Cell | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.coord for c in cells if c is not None))
