"""Header texts (with the synonyms real tables use) for every field the readers look for."""

from __future__ import annotations

import re
from typing import Final

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

_PAREN = re.compile(r"\((?:万元|元|单位[:：]?万元|必填|选填)\)")
_MARKERS = re.compile(r"^[*＊※]+|[*＊※]+$")


def header_key(text: str) -> str:
    """The comparable form of a header cell: `*总计（万元）` -> `总计`."""
    k = key(text)
    k = _PAREN.sub("", k)
    return _MARKERS.sub("", k)


def _index(fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(s): f for f, synonyms in fields.items() for s in synonyms}


PROJECT_INDEX: Final = _index(PROJECT_FIELDS)
INDICATOR_INDEX: Final = _index(INDICATOR_FIELDS)
