"""检查：绩效自评表的分值：预算执行率的分值与各指标分值之和是否等于总分（默认 100），总分一行写的
分值是否与之相等，各部分（预算执行率、产出、效益、满意度……）的分值之和是否符合规定的分配。
只检查自评表，目标表的权重由 weight-total 检查。

为什么：分值决定各部分在总分里的轻重；分值合计不是 100 或分配与规定不符，总分和自评等级就失去可比性。

选项：
  total：分值合计，默认 100；设为 null 时不检查合计。
  shares：各部分分值之和，键为 预算执行率、产出、成本、效益、满意度，默认
    {预算执行率: 10, 产出: 50, 效益: 30, 满意度: 10}；设为 {} 时不检查分配；未列出的部分不检查。
  tolerance：允许的误差（分），默认 0。

通过示例：预算执行率 10 分，产出 20 + 15 + 15，效益 30，满意度 10，合计 100。

不通过示例：产出类分值合计 45（应为 50）；各项分值合计 95（应为 100）；总分一行分值写 90。
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from validator.records import Cell, Evaluation, Indicator, Submission
from validator.rules.base import Options, Problem, noted
from validator.text import key
from validator.values.scores import evaluated, fmt_number, number

ID = "score-weights"
LEVEL = "error"
_PARTS = ["预算执行率", "产出", "成本", "效益", "满意度"]
OPTIONS = {
    "total": {"type": "number", "min": 0, "nullable": True, "default": 100},
    "shares": {"type": "dict", "keysrules": {"type": "string", "allowed": _PARTS},
               "valuesrules": {"type": "number", "min": 0},
               "default": {"预算执行率": 10, "产出": 50, "效益": 30, "满意度": 10}},
    "tolerance": {"type": "number", "min": 0, "default": 0},
}


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    return map(noted, _check(submission, options))  # a 分值 that is a formula says so


def _check(submission: Submission, options: Options) -> Iterator[Problem]:
    tolerance = Decimal(str(options["tolerance"]))
    for ev, indicators in evaluated(submission):
        weights = _weights(ev, indicators)
        if weights is None:
            continue
        project = ev.project.shown or None
        total = sum(weights.values(), Decimal(0))
        if options["total"] is not None:
            wanted = Decimal(str(options["total"]))
            if abs(total - wanted) > tolerance:
                yield Problem(f"各项分值合计 {fmt_number(total)} 分，应为 {fmt_number(wanted)} 分（相差 "
                              f"{fmt_number(total - wanted)}）。", "请调整各项分值，使合计等于总分。",
                              cell=ev.total_weight or ev.project, project=project)
        stated = number(ev.total_weight)
        if stated is not None and abs(stated - total) > tolerance:
            yield Problem(f"总分一行的分值写为 {fmt_number(stated)}，各项分值合计为 {fmt_number(total)}。",
                          "请使总分一行的分值等于各项分值之和。", cell=ev.total_weight, project=project)
        for part, share in options["shares"].items():
            got = weights.get(part, Decimal(0))
            if abs(got - Decimal(str(share))) > tolerance:
                yield Problem(f"“{part}”部分分值合计 {fmt_number(got)} 分，应为 {fmt_number(Decimal(str(share)))} 分。",
                              f"请按规定的分配调整“{part}”的分值。", cell=_first_cell(ev, indicators, part),
                              project=project)


def part_of(ind: Indicator) -> str | None:
    text = key(ind.level1.text) if ind.level1 is not None else ""
    return next((p for p in _PARTS[1:] if text.startswith(p)), None)


def _weights(ev: Evaluation, indicators: list[Indicator]) -> dict[str, Decimal] | None:
    """分值 per part; None when any 分值 is missing or not a number (nothing to add up)."""
    parts: dict[str, Decimal] = {}
    line = ev.total_line
    if line is not None and line.weight is not None and not line.weight.empty:
        value = number(line.weight)
        if value is None:
            return None
        parts["预算执行率"] = value
    for ind in indicators:
        value = number(ind.weight)
        if value is None:
            return None
        part = part_of(ind) or (key(ind.level1.text) if ind.level1 is not None else "")
        parts[part] = parts.get(part, Decimal(0)) + value
    return parts if indicators else None


def _first_cell(ev: Evaluation, indicators: list[Indicator], part: str) -> Cell:
    if part == "预算执行率":
        line = ev.total_line
        return line.weight if line is not None and line.weight is not None else ev.project
    return next((i.weight for i in indicators if part_of(i) == part and i.weight is not None), ev.project)
