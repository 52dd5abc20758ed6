"""检查：每个项目的指标权重（权重 / 分值 列）是否填写完整、是否为数字，合计是否等于规定的总分，
以及各类指标的权重之和是否等于规定的分配（如 产出 50、效益 30、满意度 10）。没有权重列的表不检查；
绩效自评表的分值含预算执行率，由 score-weights 检查。

为什么：预算系统导出的绩效目标带有权重，年底自评按权重打分；权重漏填、写成文字或合计不对，
自评得分就无从计算，各类指标的轻重也与要求不符。

选项：
  total：每个项目权重的合计，默认 100；设为 null 时不检查合计（例如只检查分类）。
  shares：各类指标权重之和，键为 产出、成本、效益、满意度（或带“指标”），默认 {}（不检查），
    例如 {产出: 50, 效益: 30, 满意度: 10}（此时 total 可设为 90）。
  tolerance：允许的误差（分），默认 0。

通过示例：三条指标权重 50、30、20，合计 100。

不通过示例：权重 50、30、10，合计 90（要求 100）；权重“五十”；产出类合计 60（要求 50）；某条指标未填权重。
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from validator.records import Cell, FundsRow, Indicator, Submission
from validator.rules.base import Options, Problem, at_indicator
from validator.text import key
from validator.values.amounts import fmt
from validator.values.categories import SHORT, normalize_level1
from validator.values.indicators import clip

ID = "weight-total"
LEVEL = "error"
_CATEGORIES = ["产出", "成本", "效益", "满意度", "产出指标", "成本指标", "效益指标", "满意度指标"]
OPTIONS = {
    "total": {"type": "number", "min": 0, "nullable": True, "default": 100},
    "shares": {"type": "dict", "keysrules": {"type": "string", "allowed": _CATEGORIES},
               "valuesrules": {"type": "number", "min": 0}, "default": {}},
    "tolerance": {"type": "number", "min": 0, "default": 0},
}
_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(?:分|%)?$")


def check(submission: Submission, options: Options) -> Iterator[Problem]:
    if submission.is_self_evaluation:
        return  # a self-evaluation's 分值 include 预算执行率: score-weights checks them
    groups = submission.indicators_by_project()
    tolerance = Decimal(str(options["tolerance"]))
    for row in submission.projects:
        indicators = groups.get(key(row.name.text), [])
        if not any(i.weight is not None and not i.weight.empty for i in indicators):
            continue  # no weight column, or no weights written for this project
        weights = list(_weights(indicators))
        bad = [p for _, _, p in weights if p is not None]
        yield from bad
        if bad:
            continue
        yield from _total(row, weights, options["total"], tolerance)
        yield from _shares(row, weights, options["shares"], tolerance)


def weight_value(cell: Cell | None) -> Decimal | None:
    """A weight as written: 50, "50", "50分", "50%"; None when empty or not a number."""
    if cell is None or cell.empty or cell.formula is not None:
        return None
    m = _NUMBER.match(cell.text.replace(",", ""))
    try:
        return Decimal(m.group(1)) if m else None
    except InvalidOperation:
        return None


def _weights(indicators: list[Indicator]) -> Iterator[tuple[Indicator, Decimal, Problem | None]]:
    for ind in indicators:
        cell = ind.weight
        value = weight_value(cell)
        if value is not None:
            yield ind, value, None
        elif cell is not None and cell.formula is not None:
            yield ind, Decimal(0), None  # what a formula shows is unknown: not counted, not blamed
        elif cell is None or cell.empty:
            yield ind, Decimal(0), at_indicator(ind, cell, "指标权重未填写。", "请为每条指标填写权重（分值）。")
        else:
            yield ind, Decimal(0), at_indicator(ind, cell, f"指标权重“{clip(cell.display)}”不是数字。",
                                                "请只填写阿拉伯数字，如“20”。", value=cell.display)


def _total(row: FundsRow, weights: list[tuple[Indicator, Decimal, Problem | None]], total: object,
           tolerance: Decimal) -> Iterator[Problem]:
    if total is None:
        return
    expected = Decimal(str(total))
    actual = sum((w for _, w, _ in weights), Decimal(0))
    if abs(actual - expected) > tolerance:
        yield Problem(f"项目各指标权重合计 {_num(actual)} 分，应为 {_num(expected)} 分（相差 {_num(actual - expected)}）。",
                      f"请调整各指标的权重，使合计为 {_num(expected)} 分。", cell=row.name, project=row.name.text or None)


def _shares(row: FundsRow, weights: list[tuple[Indicator, Decimal, Problem | None]], shares: dict[str, object],
            tolerance: Decimal) -> Iterator[Problem]:
    for category, share in shares.items():
        level1 = normalize_level1(category)
        if level1 is None:
            continue
        members = [(i, w) for i, w, _ in weights if i.level1 is not None and normalize_level1(i.level1.text) == level1]
        expected = Decimal(str(share))
        actual = sum((w for _, w in members), Decimal(0))
        if abs(actual - expected) > tolerance:
            where = members[0][0].weight if members else row.name
            yield Problem(f"“{SHORT[level1]}”类指标权重合计 {_num(actual)} 分，应为 {_num(expected)} 分。",
                          f"请调整“{SHORT[level1]}”类指标的权重，使其合计为 {_num(expected)} 分。",
                          cell=where, project=row.name.text or None)


def _num(value: Decimal) -> str:
    """A score without trailing zeros: 50, 12.5."""
    text = fmt(value).replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text
