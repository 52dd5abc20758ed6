"""Header texts (with the synonyms real tables use) for every field the readers look for."""

from __future__ import annotations

import re
from typing import Final, TypeVar

from validator.text import key

# field -> header texts, compared after `header_key` (no spaces, no markers, no "(万元)").
PROJECT_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("项目名称", "项目名称(资金使用单位)", "项目"),
    "unit": ("资金使用单位", "实施单位", "使用单位", "项目实施单位"),
    "total": ("总计", "合计", "资金总额", "项目资金总额", "年度资金总额", "预算金额", "金额合计"),
    "fiscal": ("财政拨款", "一般公共预算", "一般公共预算拨款", "财政资金", "财政拨款资金"),
    "special": ("财政专户拨款", "财政专户", "财政专户管理资金", "财政专户资金"),
    "other": ("其他资金", "其他", "其他来源资金"),
    "goal": ("绩效目标", "年度目标", "年度绩效目标", "项目绩效目标", "总体目标"),
    "indicators": ("绩效指标",),
}

INDICATOR_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "project": ("项目名称", "项目"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "三级指标名称", "绩效指标名称"),
    "direction": ("指标方向", "符号", "比较符号", "运算符号", "指标值方向"),
    "value": ("指标值", "年度指标值", "目标值", "年度目标值", "指标目标值"),
    "unit": ("计量单位", "度量单位", "单位", "指标单位"),
    "note": ("指标解释/备注", "指标解释", "备注", "指标说明", "说明"),
}

# One indicator per row (budget-system exports): the project's fields and the indicator's
# on the same row. 指标性质 is read as the operator column unless the sheet also has one of
# the operator headers; then it is the nature (正向/反向/定性), like 指标方向性.
ROWWISE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "budget_unit": ("单位名称", "预算单位", "预算单位名称", "单位", "部门名称", "填报单位", "部门(单位)名称",
                    "单位(部门)名称", "部门单位"),
    "project": ("项目名称", "项目", "预算项目名称", "项目名称(资金使用单位)"),
    "user": ("资金使用单位", "实施单位", "使用单位", "项目实施单位"),
    "total": ("预算数", "年度预算", "年度预算数", "资金总额", "年度资金总额", "项目资金总额", "预算金额",
              "总计", "合计", "金额合计", "项目金额", "预算总额", "本年预算数", "项目总额", "申报数", "年度预算金额"),
    "fiscal": ("财政拨款", "一般公共预算", "一般公共预算拨款", "财政资金", "财政拨款资金", "财政拨款收入"),
    "special": ("财政专户拨款", "财政专户", "财政专户管理资金", "财政专户资金"),
    "other": ("其他资金", "其他", "其他来源资金", "其他收入"),
    "goal": ("年度目标", "年度绩效目标", "绩效目标", "项目绩效目标", "项目年度绩效目标", "年度总体目标", "总体目标",
             "年度项目绩效目标", "整体目标"),
    "level1": ("一级指标", "一级指标名称"),
    "level2": ("二级指标", "二级指标名称"),
    "name": ("三级指标", "指标名称", "三级指标名称", "绩效指标名称"),
    "direction": ("指标方向", "符号", "比较符号", "运算符号", "指标值方向", "计算符号", "比较方式", "运算符", "指标符号"),
    "property": ("指标性质",),
    "nature": ("指标方向性", "指标属性", "正反向", "指标正反向", "指标类型"),
    "value": ("指标值", "年度指标值", "目标值", "年度目标值", "指标目标值", "绩效指标值", "指标值(年度)"),
    "unit": ("计量单位", "度量单位", "指标单位", "指标值单位", "计量单位名称"),
    "weight": ("权重", "分值", "指标权重", "权重分值", "分值权重", "指标分值", "权重(分)"),
    "note": ("指标解释/备注", "指标解释", "备注", "指标说明", "说明"),
}
ROWWISE_HEADERS: Final[dict[str, str]] = {
    "budget_unit": "单位名称", "project": "项目名称", "user": "实施单位", "total": "预算数",
    "fiscal": "财政拨款", "special": "财政专户拨款", "other": "其他资金", "goal": "年度目标",
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "direction": "指标方向",
    "nature": "指标方向性", "property": "指标性质", "value": "指标值", "unit": "计量单位", "weight": "权重", "note": "备注",
}
ROWWISE_REQUIRED: Final = ("project", "total", "goal", "level1", "level2", "name", "value")
# What makes a sheet one-indicator-per-row: the indicator core and some project field.
ROWWISE_SIGNATURE: Final = ("project", "value")
ROWWISE_PROJECT_FIELDS: Final = ("total", "fiscal", "goal")

# Fields a sheet must have to be recognised as that sheet, and those the rules need.
PROJECT_REQUIRED: Final = ("name", "total", "fiscal", "special", "other", "goal")
INDICATOR_REQUIRED: Final = ("project", "level1", "level2", "name", "value")

# Display names used in messages (the template's own header text).
PROJECT_HEADERS: Final[dict[str, str]] = {
    "name": "项目名称", "unit": "资金使用单位", "total": "总计", "fiscal": "财政拨款",
    "special": "财政专户拨款", "other": "其他资金", "goal": "绩效目标", "indicators": "绩效指标",
}
INDICATOR_HEADERS: Final[dict[str, str]] = {
    "project": "项目名称", "level1": "一级指标", "level2": "二级指标", "name": "三级指标",
    "direction": "指标方向", "value": "指标值", "unit": "计量单位", "note": "指标解释/备注",
}

_PAREN = re.compile(r"\((?:万元|元|单位[:：]?万元|必填|选填|%|分)\)")
_WHEREOF = re.compile(r"^其中[:：]?")
_MARKERS = "*＊※"  # required-field markers before or after a header: `*总计`, `总计※`


def header_key(text: str) -> str:
    """The comparable form of a header cell: `*总计（万元）` -> `总计`."""
    k = HEADER_KEYS.get(text)
    if k is None:
        k = _keep(HEADER_KEYS, text, _header_key(text))
    return k


# Every layout looks at every cell of a sheet's first rows and every row of its tables, and the
# files of one folder share most of those texts: each distinct short text is worked out once per
# process. Plain dicts, emptied when full, so that hot loops can read them inline
# (`HEADER_KEYS.get(text)`, then `header_key(text)` when absent) without two calls per cell.
HEADER_KEYS: dict[str, str] = {}
LOOKUP_KEYS: dict[str, tuple[str, str | None]] = {}
# Longer texts (goals, notes) are not kept by the per-process memos of the layout scans: they
# are seldom headers or labels, and each would hold its whole text.
CACHED_TEXT_LENGTH = 200
_KEPT = 1 << 14

V = TypeVar("V")


def _keep(memo: dict[str, V], text: str, value: V) -> V:
    if len(text) <= CACHED_TEXT_LENGTH:
        if len(memo) >= _KEPT:
            memo.clear()
        memo[text] = value
    return value


def _header_key(text: str) -> str:
    k = key(text)
    k = _PAREN.sub("", k)
    # str.strip, not a regex anchored at both ends: that one tried every position of a long
    # text (20 µs for a 270-character instruction line). The same result: a key has no spaces.
    return _WHEREOF.sub("", k.strip(_MARKERS))


_ASIDE = re.compile(r"\([^()]*\)$")


def lookup(index: dict[str, str], text: str) -> str | None:
    """The field a header cell names: its key, else its key without a trailing bracketed
    aside (“指标值（包含数字及文字描述）”, “三级指标（指标名称）”)."""
    k, short = lookup_keys(text)
    return index.get(k) or (index.get(short) if short is not None else None)


def lookup_keys(text: str) -> tuple[str, str | None]:
    """The keys `lookup` tries for a header cell: its key and, when it ends in a bracketed
    aside, the key without it."""
    keys = LOOKUP_KEYS.get(text)
    if keys is None:
        keys = _keep(LOOKUP_KEYS, text, _lookup_keys(text))
    return keys


def _lookup_keys(text: str) -> tuple[str, str | None]:
    k = header_key(text)
    return k, (_ASIDE.sub("", k) if k.endswith(")") else None)


def _index(fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(s): f for f, synonyms in fields.items() for s in synonyms}


PROJECT_INDEX: Final = _index(PROJECT_FIELDS)
INDICATOR_INDEX: Final = _index(INDICATOR_FIELDS)
ROWWISE_INDEX: Final = _index(ROWWISE_FIELDS)
