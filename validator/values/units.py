"""Units of measure (计量单位): aliases, canonical names and categories.

One table serves the value parser (which builds its unit regex from it), the name scanner
("合格率（%）") and the rules that compare a unit with what the indicator measures."""

from __future__ import annotations

import re
from typing import Literal

from validator.text import normalize

UnitCategory = Literal["percent", "time", "count", "money", "data", "measure", "score", "ratio"]

# canonical unit -> category. Every canonical unit is also its own alias.
_CANONICAL: dict[str, UnitCategory] = {
    "%": "percent", "‰": "percent", "百分点": "percent",
    "小时": "time", "分钟": "time", "秒": "time", "毫秒": "time", "天": "time",
    "工作日": "time", "周": "time", "月": "time", "年": "time", "季度": "time",
    "元": "money",
    "TB": "data", "GB": "data", "MB": "data", "KB": "data", "PB": "data",
    "Mbps": "data", "Gbps": "data",
    "米": "measure", "千米": "measure", "平方米": "measure", "平方千米": "measure",
    "亩": "measure", "公顷": "measure", "立方米": "measure", "吨": "measure",
    "千克": "measure", "克": "measure", "升": "measure", "千瓦": "measure", "千瓦时": "measure",
    "分": "score",
}

_COUNT_UNITS = (
    "个 人 人次 次 件 条 期 场 场次 名 户 家 辆 台 台套 套 项 篇 份 本 册 张 所 座 处 批 批次 宗 起 例 "
    "课时 学时 学分 节 门 类 种 部 轮 届 笔 组 支 队 栋 间 层 棵 株 头 只 单 幅 块 段 趟 班 首 集 "
    "人日 人天 人月 站 点 点位 页 字 级 户次 家次 件次 篇次 册次 架次 车次 班次 期次 门次 宗次 份次 "
    "条次 个次 床 路 颗 根 枚 把 盏 副 对"
)
for _unit in _COUNT_UNITS.split():
    _CANONICAL[_unit] = "count"

# alias -> canonical. Latin aliases are matched case-insensitively (keys in lower case).
_ALIASES: dict[str, str] = {
    "百分比": "%", "百分率": "%", "千分比": "‰",
    "个小时": "小时", "h": "小时", "hr": "小时", "hrs": "小时", "hour": "小时", "hours": "小时",
    "min": "分钟", "mins": "分钟", "minute": "分钟", "minutes": "分钟",
    "秒钟": "秒", "s": "秒", "sec": "秒", "ms": "毫秒",
    "日": "天", "自然日": "天", "个工作日": "工作日",
    "星期": "周", "个星期": "周", "个月": "月", "个季度": "季度",
    "公里": "千米", "km": "千米", "m2": "平方米", "平米": "平方米",
    "km2": "平方千米", "平方公里": "平方千米", "m3": "立方米", "公斤": "千克", "kg": "千克",
    "kw": "千瓦", "kwh": "千瓦时",
    "tb": "TB", "gb": "GB", "mb": "MB", "kb": "KB", "pb": "PB", "mbps": "Mbps", "gbps": "Gbps",
}
for _unit in _CANONICAL:
    _ALIASES.setdefault(_unit.lower() if _unit.isascii() else _unit, _unit)

_LATIN = sorted((a for a in _ALIASES if a.isascii() and a.isalpha()), key=len, reverse=True)
_OTHER = sorted((a for a in _ALIASES if not (a.isascii() and a.isalpha())), key=len, reverse=True)

# One known unit, longest alias first; a Latin unit must not run into further letters.
KNOWN_UNIT = (
    "(?:" + "|".join(map(re.escape, _OTHER))
    + "|(?i:" + "|".join(map(re.escape, _LATIN)) + ")(?![A-Za-z]))"
)
# A unit as written after a number: "个", "个/秒", "次/年", "次(件)".
UNIT_PATTERN = rf"{KNOWN_UNIT}(?:/{KNOWN_UNIT}(?:[*·]{KNOWN_UNIT})?)?(?:\({KNOWN_UNIT}\))?"

_UNIT_FULL = re.compile(
    rf"(?P<main>{KNOWN_UNIT})(?:/(?P<per>{KNOWN_UNIT})(?:[*·](?P<per2>{KNOWN_UNIT}))?)?"
    rf"(?:\((?P<alt>{KNOWN_UNIT})\))?"
)
_MULTIPLIER = re.compile(r"(?:千万|百万|十万|万|亿)(?=.)")
_NAME_UNIT = re.compile(r"\((?:单位[:：]?)?([^()]{1,8})\)")


def canonical(alias: str) -> str | None:
    """The canonical form of one alias ("百分比" -> "%", "h" -> "小时"), None if unknown."""
    return _ALIASES.get(alias) or _ALIASES.get(alias.lower())


def normalize_unit(text: str | None) -> str | None:
    """A unit as written ("百分比", "次/年", "个 / 秒", "次（件）", "万元") in canonical form, or
    None when it is not a known unit. An alternative in brackets ("次（件）") is dropped; a
    multiplier stays part of a unit given apart from the number ("万元" in a unit column)."""
    if not text:
        return None
    return lookup_unit(normalize(text).replace(" ", ""))


def lookup_unit(compact: str) -> str | None:
    """`normalize_unit` for text already normalised and without spaces (the parser's)."""
    multiplier = _MULTIPLIER.match(compact)
    if multiplier is not None:
        base = lookup_unit(compact[multiplier.end():])
        return multiplier.group() + base if base else None
    match = _UNIT_FULL.fullmatch(compact)
    if match is None:
        return None
    main = canonical(match["main"])
    if match["per2"]:  # "元/人*月": per person and month
        return f"{main}/{canonical(match['per'])}·{canonical(match['per2'])}"
    if match["per"]:
        return f"{main}/{canonical(match['per'])}"
    return main


def unit_from_name(name: str | None) -> str | None:
    """The unit an indicator name carries in brackets ("合格率（%）" -> "%",
    "时间（小时）" -> "小时"); the last bracket that holds a known unit wins."""
    if not name:
        return None
    for content in reversed(_NAME_UNIT.findall(normalize(name))):
        unit = lookup_unit(content.replace(" ", ""))
        if unit is not None:
            return unit
    return None


def unit_category(unit: str | None) -> UnitCategory | None:
    """What a canonical unit measures; "ratio" for compound units such as "个/秒"."""
    if not unit:
        return None
    if "/" in unit:
        return "ratio"
    multiplier = _MULTIPLIER.match(unit)
    return _CANONICAL.get(unit[multiplier.end():] if multiplier else unit)
