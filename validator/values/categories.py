"""The indicator taxonomy (both the older and the 2021+ style) and alias normalisation."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from validator.text import key

# 一级 category -> accepted 二级 categories (union of both taxonomies).
TAXONOMY: Final[dict[str, tuple[str, ...]]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

_LEVEL2: Final = frozenset(c for cs in TAXONOMY.values() for c in cs)

# Short names used in configuration and messages: 产出, 成本, 效益, 满意度.
SHORT: Final = {name: name.removesuffix("指标") for name in TAXONOMY}

LEVEL1_ALIASES: Final[dict[str, str]] = {
    "产出": "产出指标", "预期产出": "产出指标", "预期产出指标": "产出指标",
    "成本": "成本指标", "预算控制指标": "成本指标", "预算(或投资规模)控制指标": "成本指标",
    "投资规模控制指标": "成本指标",
    "效益": "效益指标", "效果指标": "效益指标", "效果": "效益指标",
    "满意度": "满意度指标", "社会公众或服务对象满意度指标": "满意度指标", "服务对象满意度": "满意度指标",
    "社会公众或服务对象满意度": "满意度指标", "满意度指标(服务对象满意度)": "满意度指标",
}

LEVEL2_ALIASES: Final[dict[str, str]] = {
    "数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "成本": "成本指标",
    "时效指标(工期指标)": "时效指标", "工期指标": "时效指标", "进度指标": "时效指标",
    "经济成本": "经济成本指标", "社会成本": "社会成本指标", "生态环境成本": "生态环境成本指标",
    "经济效益": "经济效益指标", "社会效益": "社会效益指标", "生态效益": "生态效益指标",
    "环境效益": "生态效益指标", "环境效益指标": "生态效益指标", "可持续影响": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标", "社会公众或服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标", "满意度指标": "服务对象满意度指标",
    "满意度": "服务对象满意度指标",
}

# Frameworks for evaluation, not for targets.
NOT_TARGET: Final = frozenset({"投入指标", "过程指标", "决策指标", "管理指标"})

_SCORE = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$|\d+(?:\.\d+)?分$")
_NUMBERING = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[、.．)）]\s*")


def _clean(text: str) -> str:
    if type(text) is str and len(text) <= _CACHED_LENGTH:
        return _clean_short(text)
    return _SCORE.sub("", _NUMBERING.sub("", key(text)))


_CACHED_LENGTH = 200  # the same category names fill every indicator row


@lru_cache(maxsize=4096)
def _clean_short(text: str) -> str:
    return _SCORE.sub("", _NUMBERING.sub("", key(text)))


def normalize_level1(text: str) -> str | None:
    """`产出指标(50分)`, `预期产出指标`, `产出` -> `产出指标`; None when not a known category."""
    k = _clean(text)
    if k in TAXONOMY:
        return k
    return LEVEL1_ALIASES.get(k)


def normalize_level2(text: str) -> str | None:
    k = _clean(text)
    if k in _LEVEL2:
        return k
    return LEVEL2_ALIASES.get(k)


def level1_of_short(short: str) -> str | None:
    """`产出` or `产出指标` (as written in rules.yaml) -> `产出指标`."""
    return normalize_level1(short)
