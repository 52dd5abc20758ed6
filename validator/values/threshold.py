"""Parse an indicator's annual value (年度指标值) into a structured threshold.

`parse_threshold()` is a pure function that never raises: whatever the cell holds, it returns a
`Threshold` whose `kind` is

- ``quantitative``: one or more targets (`Part`: operator, number, unit), e.g. "≥95%",
  "95%以上" (≥95%), "24小时内" (≤24小时), "处理时间小于十分钟" (<10分钟), "1.5万人次" (=15000人次),
  "处级≥110学分，科级≥90学分" (two parts, `compound`), "90%-95%" (a range: two parts,
  `is_range`, not compound);
- ``qualitative``: Chinese prose without a measurable number ("完成", "有效提升",
  "办公区域全覆盖", "五省一自治区"), including time nodes such as "2023年12月底前完成"
  (`deadline` set);
- ``malformed``: empty cells, placeholders (待定, XX%, 同上), a lone operator, doubled or
  contradictory operators (≥≥95%, >=<), text without Chinese and without a number, Excel date
  serials and dates typed as numbers (`is_date_serial`). `suggestion` names the nearest
  well-formed value where it is obvious.

How free text is classified: a value with no recognisable target that contains Chinese prose
is qualitative (the rules suggest gradable wording); a value that is a placeholder, only
operators, or contains no Chinese character at all is malformed.

How a target is recognised: a number (Arabic, with decimals and multipliers 万/亿, or Chinese
numerals followed by a known unit) optionally preceded by an operator symbol or word (不少于,
达到, 小于 …) and followed by a unit and an operator word (以上, 以内, 内 …). A number counts as a
target when it carries an operator or ends where the value (or a clause) ends; numbers inside
brackets, quotes and dates are never targets. Text before a target becomes its `label`; text
after the last target, from the first separator on, is the `remark`.

Every interpretation is recorded in `notes` (Chinese), e.g. "“95%以上”按≥95%理解",
"单位“%”取自指标名称". Regexes are compiled once at import; a call allocates only its result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from validator.text import normalize
from validator.values.units import UNIT_PATTERN, lookup_unit, unit_from_name

OPS = ("≥", "≤", "=", ">", "<")
KINDS = ("quantitative", "qualitative", "malformed")


@dataclass(frozen=True)
class Part:
    """One target of a value: "≥95%" is Part("≥", Decimal("95"), "%")."""

    op: str
    value: Decimal
    unit: str | None
    label: str | None = None

    def __str__(self) -> str:
        return f"{self.op}{format_decimal(self.value)}{self.unit or ''}"


@dataclass(frozen=True)
class Threshold:
    """What an annual value means. `text` is the value as cleaned for parsing (full-width
    folded, thousands separators removed); `normalized` the canonical form ("" if malformed).
    `bare`: some target has no operator written in the value (it came from the direction cell
    or `bare_op`). `reason`: why a malformed value is malformed, a phrase that completes
    "指标值“…”" ("是占位文字，不是目标值")."""

    kind: str
    parts: tuple[Part, ...]
    normalized: str
    notes: tuple[str, ...]
    remark: str | None = None
    unit_source: str | None = None
    suggestion: str | None = None
    text: str = ""
    is_date_serial: bool = False
    date_value: date | None = None
    percent_cell: bool = False
    is_range: bool = False
    deadline: str | None = None
    direction_conflict: bool = False
    bare: bool = False
    reason: str | None = None

    @property
    def compound(self) -> bool:
        """Several targets in one value. A range ("90%-95%") is one target with two bounds."""
        return len(self.parts) > 1 and not self.is_range

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.unit for p in self.parts if p.unit))


# --- vocabulary -------------------------------------------------------------------------

_PREFIX_OPS: dict[str, str] = {
    "大于或等于": "≥", "大于等于": "≥", "不少于": "≥", "不低于": "≥", "不小于": "≥",
    "至少": "≥", "最少": "≥", "达到": "≥", "达": "≥",
    "小于或等于": "≤", "小于等于": "≤", "不超过": "≤", "不高于": "≤", "不大于": "≤",
    "不多于": "≤", "最多": "≤", "至多": "≤", "控制在": "≤",
    "大于": ">", "高于": ">", "超过": ">", "多于": ">", "超出": ">",
    "小于": "<", "低于": "<", "少于": "<", "不足": "<", "不到": "<",
    "等于": "=", "为": "=",
}
# Filler words that yield to a symbol written after them ("达到≥95%", "为≤5%").
_SOFT_WORDS = frozenset({"达", "达到", "为", "控制在"})
_SUFFIX_OPS: dict[str, str] = {
    "及以上": "≥", "或以上": "≥", "以上": "≥",
    "及以下": "≤", "或以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
    "左右": "=",
}
_SYMBOL_OPS: dict[str, str] = {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<", "±": "≤"}
# A direction cell holds an operator symbol or word, or says which way is better.
_DIRECTIONS: dict[str, str] = {
    **_PREFIX_OPS, **{k: v for k, v in _SYMBOL_OPS.items() if k != "±"},
    "正向": "≥", "正向指标": "≥", "越大越好": "≥", "反向": "≤", "反向指标": "≤", "越小越好": "≤",
}
_MULTIPLIERS: dict[str, int] = {
    "千万": 10**7, "百万": 10**6, "十万": 10**5, "万": 10**4, "亿": 10**8, "千": 10**3,
}
_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}
_CN_SMALL: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE: dict[str, int] = {"万": 10**4, "亿": 10**8}
_PLACEHOLDERS = frozenset({
    "待定", "待确定", "未定", "暂定", "另定", "另行确定", "待补充", "待填", "暂无", "无数据", "略",
    "空", "同上", "见附件", "详见附件", "不适用", "/", "-", "--", "—", "——", "n/a", "na",
    "null", "none", "tbd", "?", "??", "…", "...",
})
_SEPARATORS = ",;、。 "
_BOUNDARY = frozenset(_SEPARATORS + "()-~—–〜至到:")
_RANGE_SEPARATORS = frozenset({"-", "~", "—", "–", "〜", "至", "到"})
_HOLD_CONTEXT = frozenset(_SEPARATORS + "".join(_SYMBOL_OPS) + "(:")


def _alternation(words: Any) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_PREFIX_ALT = _alternation(_PREFIX_OPS)
_SUFFIX_ALT = _alternation(_SUFFIX_OPS)
_SUFFIX = rf"(?:\(含\))?(?:{_SUFFIX_ALT})(?:\(含\))?"

_TARGET = re.compile(
    rf"(?P<word>{_PREFIX_ALT})?(?P<sym>[≥≤=<>±]+)?(?P<sign>-)?(?P<pct>百分之)?"
    r"(?:(?<![A-Za-z0-9.])(?P<num>\d+(?:\.\d+)?)(?P<mult>千万|百万|十万|万|亿|千(?![米克瓦]))?"
    r"|(?<!第)(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*))"
    rf"(?P<unit>{UNIT_PATTERN})?(?P<suffix>{_SUFFIX})?"
)
_SUFFIX_RE = re.compile(_SUFFIX)
# A word after a number that is not a known unit ("11区", "10镇街以上") counts as the unit
# only where the clause ends right after it.
# It never starts with a numeral or multiplier ("0千千" has no unit).
_UNKNOWN_UNIT = re.compile(
    r"(?![零〇一二两三四五六七八九十百千万亿])"
    rf"[A-Za-z\u4e00-\u9fff]{{1,4}}?(?=$|[{re.escape(_SEPARATORS)}(]|{_SUFFIX})"
)
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_YEAR = r"(?<!\d)(?:19|20)\d{2}"
# Dates written as text: 2023年12月31日, 2023-12-31 (or 2023/12), 2023.12.31, 12月底.
# "2023.12" alone is a decimal, not a date.
_DATE = re.compile(
    rf"(?P<y1>{_YEAR})年(?:(?P<m1>{_MONTH})月(?:(?P<d1>{_DAY})[日号])?)?"
    rf"|(?P<y2>{_YEAR})(?P<sep>[-/])(?P<m2>{_MONTH})(?!\d)(?:(?P=sep)(?P<d2>{_DAY})(?!\d))?"
    r"(?: ?\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|(?P<y3>{_YEAR})\.(?P<m3>{_MONTH})\.(?P<d3>{_DAY})(?!\d)"
    rf"|(?<!\d)(?P<m4>{_MONTH})月(?:(?P<d4>{_DAY})[日号]|底|末|份|[上中下]旬)"
)
# Numbers here are never targets: "7×24", anything in brackets or quotes, dates.
_EXCLUDED = re.compile(
    r"\d+[×xX*]\d+|\([^()]*\)|《[^《》]*》|【[^【】]*】|\[[^\[\]]*\]|“[^“”]*”|「[^「」]*」|"
    + _DATE.pattern
)
_REMARK = re.compile(
    r"[,;。 ](?=如|若|其中|注|备注|说明|则|即|含|包括|不含|按|根据|视|具体|以(?![上下内]))"
)
_OP_SPELLINGS: dict[str, str] = {
    ">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤", "≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤",
    "−": "-", "﹣": "-",
}
_OP_SPELLING = re.compile(_alternation(_OP_SPELLINGS))
_SPACE = re.compile(r"(?<=\d) (?=[A-Za-z%])| (?![A-Za-z0-9])|(?<![A-Za-z0-9]) ")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PLACEHOLDER_MARK = re.compile(r"(?<![A-Za-z0-9])[Xx]{1,4}(?![A-Za-z0-9])|[*＊★□○△]{2,}|某")
_ONLY_OPS = re.compile(rf"(?:[≥≤=<>±]|{_PREFIX_ALT}|{_SUFFIX_ALT})+")
_OPS_ANYWHERE = re.compile(rf"[≥≤=<>±]+|^(?:{_PREFIX_ALT})|(?:{_SUFFIX_ALT})$")
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！"})
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+(?:\.0+)?")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_NAME = re.compile(r"时间|日期|时限|期限|截止|节点|时点|完成时|进度|年底|月底")
_EXCEL_EPOCH = date(1899, 12, 30)
_FILL_IN = "请填写年度指标值，如“≥95%”或“≥10个”"
_SPECIFY = "请填写具体的目标值，如“≥95%”"
_SERIAL_MIN, _SERIAL_MAX = 36526, 55153  # 2000-01-01 .. 2050-12-31


# --- public helpers ---------------------------------------------------------------------

def format_decimal(value: Decimal) -> str:
    """A number as a person writes it: no exponent, no trailing zeros ("15000", "0.01")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def is_date_format(number_format: str | None) -> bool:
    """True for an Excel number format that shows a date or time ("yyyy-mm-dd", "m/d/yy")."""
    body = _FORMAT_LITERALS.sub("", str(number_format or "")).lower()
    return body != "general" and any(c in body for c in "dmy")


def is_percent_format(number_format: str | None) -> bool:
    """True for an Excel number format that shows the cell as a percentage ("0%", "0.00%")."""
    return "%" in _FORMAT_LITERALS.sub("", str(number_format or ""))


def date_serial_value(raw: object, number_format: str | None = None, *,
                      name: str | None = None) -> date | None:
    """The date a value really holds when it is a date rather than a target: a datetime, an
    Excel serial shown as a number (44561 = 2021-12-31) or a date typed as a number (20231231).

    A serial in 2000..2050 counts only under a date format, or when `name` is unknown or reads
    like a time ("完成时间"): 45000 under "培训人数" is a count."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    dated = is_date_format(number_format)
    number = _integral(raw)
    if number is None and dated and isinstance(raw, (int, float, Decimal)):
        number = _whole_days(raw)  # a date-time serial such as 44561.5
    if number is None:
        return None
    if 19000101 <= number <= 20991231:
        return _yyyymmdd(number)
    in_range = _SERIAL_MIN <= number <= _SERIAL_MAX
    if in_range and (dated or name is None or _DATE_NAME.search(normalize(name))):
        return _EXCEL_EPOCH + timedelta(days=number)
    if dated and 1 <= number <= 2958465:
        return _EXCEL_EPOCH + timedelta(days=number)
    return None


def is_date_serial(raw: object, number_format: str | None = None, *,
                   name: str | None = None) -> bool:
    """True when `raw` is really a date (see `date_serial_value`)."""
    return date_serial_value(raw, number_format, name=name) is not None


def direction_op(direction: object) -> str | None:
    """The operator a direction cell stands for (大于等于/正向 -> ≥, 反向/小于等于 -> ≤ …)."""
    text = _OP_SPELLING.sub(lambda m: _OP_SPELLINGS[m.group()], normalize(direction))
    return _DIRECTIONS.get(text.replace(" ", ""))


def threshold_to_json(t: Threshold) -> dict[str, Any]:
    """The JSON contract: kind, parts (op, value as a JSON number, unit), normalized, notes.
    `label` (per part), `remark` and `suggestion` are added only when set."""
    parts: list[dict[str, Any]] = []
    for part in t.parts:
        item: dict[str, Any] = {"op": part.op, "value": _json_number(part.value), "unit": part.unit}
        if part.label:
            item["label"] = part.label
        parts.append(item)
    data: dict[str, Any] = {
        "kind": t.kind, "parts": parts, "normalized": t.normalized, "notes": list(t.notes),
    }
    for key in ("remark", "suggestion"):
        if getattr(t, key):
            data[key] = getattr(t, key)
    return data


_KIND_LABELS = {"quantitative": "定量", "qualitative": "定性", "malformed": "无法识别"}
_SOURCE_LABELS = {"value": "指标值", "column": "计量单位列", "name": "指标名称"}


def threshold_to_text(t: Threshold) -> str:
    """A Chinese description for people: kind, normalised form, each target, notes."""
    lines = [f"类型：{_KIND_LABELS.get(t.kind, t.kind)}"]
    if t.normalized:
        lines.append(f"规范写法：{t.normalized}")
    for part in t.parts:
        unit = f"  单位：{part.unit}" if part.unit else "  单位：（无）"
        label = f"{part.label}：" if part.label and len(t.parts) > 1 else ""
        lines.append(f"目标：{label}{part.op} {format_decimal(part.value)}{unit}")
    if t.unit_source:
        lines.append(f"单位来源：{_SOURCE_LABELS.get(t.unit_source, t.unit_source)}")
    if t.deadline:
        lines.append(f"时间节点：{t.deadline}")
    if t.remark:
        lines.append(f"附带说明：{t.remark}")
    if t.suggestion:
        verb = "建议" if t.suggestion.startswith("请") else "建议改为"
        lines.append(f"{verb}：{t.suggestion}")
    if t.notes:
        lines.append("说明：")
        lines.extend(f"  · {note}" for note in t.notes)
    return "\n".join(lines)


def parse_threshold(value: object, *, direction: str | None = None, unit: str | None = None,
                    name: str | None = None, number_format: str | None = None,
                    bare_op: str = "=") -> Threshold:
    """Interpret one annual value. Never raises: anything unexpected is reported as a
    malformed value rather than an exception, because one odd cell must not stop a review."""
    try:
        return _parse(value, direction=direction, unit=unit, name=name,
                      number_format=number_format, bare_op=bare_op)
    except Exception:
        return Threshold("malformed", (), "", ("指标值无法解析",), reason="无法解析",
                         suggestion=_SPECIFY)


# --- the parse --------------------------------------------------------------------------

@dataclass
class _Context:
    """What the call knows besides the value, and the notes gathered on the way."""

    direction: str
    direction_op: str | None
    unit_column: str | None
    unit_name: str | None
    name: str | None
    number_format: str | None
    bare_op: str
    notes: list[str] = field(default_factory=list)
    percent_cell: bool = False


def _context(direction: object, unit: object, name: object, number_format: object,
             bare_op: str) -> _Context:
    column = normalize(unit).replace(" ", "").strip("()") if unit is not None else ""
    clean_name = normalize(name) if name is not None else None
    ctx = _Context(
        direction=normalize(direction) if direction is not None else "",
        direction_op=direction_op(direction) if direction is not None else None,
        unit_column=(lookup_unit(column) or column) if column else None,
        unit_name=unit_from_name(clean_name),
        name=clean_name,
        number_format=str(number_format) if number_format is not None else None,
        bare_op=bare_op if bare_op in OPS else "=",
    )
    if ctx.direction and ctx.direction_op is None and ctx.direction not in ("定性", "定量"):
        ctx.notes.append(f"指标方向“{ctx.direction}”无法识别，已忽略")
    return ctx


def _parse(value: object, *, direction: object, unit: object, name: object,
           number_format: object, bare_op: str) -> Threshold:
    ctx = _context(direction, unit, name, number_format, bare_op)
    if value is None:
        return _malformed(ctx, "未填写年度指标值", _FILL_IN)
    if isinstance(value, bool):
        return _malformed(ctx, "不是目标值", _FILL_IN, shown=str(value))
    numeric = isinstance(value, (int, float, Decimal))
    text = "" if numeric or isinstance(value, (date, datetime)) else _clean(str(value))
    dated = _date_trap(value, text, ctx)
    if dated is not None:
        return dated
    if numeric:
        number_text = _number_text(value, ctx)  # type: ignore[arg-type]
        if number_text is None:
            return _malformed(ctx, "不是有效数值", _SPECIFY, shown=str(value))
        text = number_text
    return _parse_text(text, ctx)


def _date_trap(value: object, text: str, ctx: _Context) -> Threshold | None:
    """A datetime cell, an Excel serial or a date typed as a number (`text` is the cleaned
    text of a string value), unless a unit says the number is a quantity."""
    is_date = isinstance(value, (date, datetime))
    if not is_date:
        if ctx.unit_column or ctx.unit_name or is_percent_format(ctx.number_format):
            return None
        if isinstance(value, str):
            if not _DIGITS.fullmatch(text):
                return None
            value = text
    when = date_serial_value(value, ctx.number_format, name=ctx.name)
    if when is None:
        return None
    shown = "" if is_date else normalize(value)
    if is_date:
        reason = f"单元格是日期（{when.isoformat()}），不是目标值"
    elif (_integral(value) or 0) >= 19000101:
        reason = f"像是以数字填写的日期（{when.isoformat()}）"
    else:
        reason = f"像是Excel日期序列号，显示为日期{when.isoformat()}"
    suggestion = f"{when.year}年{when.month}月{when.day}日前完成"
    return _malformed(ctx, reason, suggestion, shown=shown, is_date_serial=True, date_value=when)


def _number_text(value: int | float | Decimal, ctx: _Context) -> str | None:
    """A numeric cell as text; a percentage cell (0.95 shown as 95%) becomes "95%"."""
    number = _decimal(value)
    if number is None:
        return None
    if not is_percent_format(ctx.number_format):
        return format_decimal(number)
    ctx.percent_cell = True
    shown = format_decimal(number * 100)
    ctx.notes.append(f"单元格存储为{format_decimal(number)}、以百分比格式显示，按{shown}%理解")
    return shown + "%"


def _clean(raw: str) -> str:
    """Full-width folded, operator spellings unified, spaces around numbers and between
    Chinese characters (PDF line breaks) removed, thousands separators dropped."""
    text = _OP_SPELLING.sub(lambda m: _OP_SPELLINGS[m.group()], normalize(raw))
    text = _THOUSANDS.sub("", _SPACE.sub("", text))
    return text.lstrip(" ,;、。:!").rstrip(" ,;、。.:!")


def _parse_text(text: str, ctx: _Context) -> Threshold:
    if not text:
        return _malformed(ctx, "未填写年度指标值", _FILL_IN)
    bad = _placeholder(text, ctx)
    if bad is not None:
        return bad
    targets = _choose(text, _candidates(text))
    if targets:
        return _quantitative(text, targets, ctx)
    return _without_target(text, ctx)


def _placeholder(text: str, ctx: _Context) -> Threshold | None:
    core = text.strip("≥≤=<>± ")
    if core.lower() in _PLACEHOLDERS:
        return _malformed(ctx, "是占位文字，不是目标值", _SPECIFY, shown=text)
    mark = _PLACEHOLDER_MARK.search(text)
    if mark is not None:
        return _malformed(ctx, f"含占位符“{mark.group()}”",
                          f"请将“{mark.group()}”替换为具体数值，如“≥95%”", shown=text)
    if "%%" in text:
        fixed = re.sub("%+", "%", text)
        return _malformed(ctx, "中的“%”重复", fixed, shown=text)
    return None


def _without_target(text: str, ctx: _Context) -> Threshold:
    """No number that reads as a target: a deadline, prose (qualitative) or garbage."""
    if _ONLY_OPS.fullmatch(text):
        return _malformed(ctx, "只有比较符号，没有数值", f"请在“{text}”后填写数值，如“{text}95%”",
                          shown=text)
    deadline = _deadline(text)
    if deadline is not None:
        ctx.notes.append(f"按时间节点理解（{deadline}）")
        return _result("qualitative", (), ctx, text=text, deadline=deadline)
    if not _HAN.search(text):
        return _malformed(ctx, "无法识别为目标值", _SPECIFY, shown=text)
    if _OPS_ANYWHERE.search(text):
        ctx.notes.append("比较符号后不是数值，按定性表述处理")
    ctx.notes.append("定性表述，没有可度量的数值")
    return _result("qualitative", (), ctx, text=text)


def _deadline(text: str) -> str | None:
    match = _DATE.search(text)
    if match is None:
        return None
    year = match["y1"] or match["y2"] or match["y3"]
    month = match["m1"] or match["m2"] or match["m3"] or match["m4"]
    day = match["d1"] or match["d2"] or match["d3"] or match["d4"]
    if year is None:
        return match.group()
    if month is None:
        return f"{year}-12-31"
    last = _month_end(int(year), int(month))
    return date(int(year), int(month), min(int(day), last) if day else last).isoformat()


# --- candidates -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    value: Decimal
    op: str | None
    unit: str | None
    unit_known: bool
    strict: bool
    chinese: bool
    prefixed: bool
    error: str | None = None
    fix: str | None = None
    sym_span: tuple[int, int] = (0, 0)


def _candidates(text: str) -> list[_Candidate]:
    excluded = [m.span() for m in _EXCLUDED.finditer(text)]
    found: list[_Candidate] = []
    for match in _TARGET.finditer(text):
        candidate = _candidate(match, text, excluded)
        if candidate is not None:
            found.append(candidate)
    return found


def _candidate(m: re.Match[str], text: str,
               excluded: list[tuple[int, int]]) -> _Candidate | None:
    chinese = m["num"] is None
    number_at = m.start("cn") if chinese else m.start("num")
    if any(start <= number_at < end for start, end in excluded):
        return None
    value = _cn_number(m["cn"]) if chinese else _arabic(m["num"], m["mult"])
    start = m.start()
    if m["sign"] and not (m["word"] or m["sym"]) and start > 0 and text[start - 1] not in _HOLD_CONTEXT:
        start = m.start("sign") + 1  # "5-10": a range dash, not a minus sign
    elif m["sign"]:
        value = -value
    unit, known, end, suffix = _unit_after(m, text)
    op, error, fix = _prefix_op(m["word"], m["sym"])
    suffix_op = _SUFFIX_OPS[suffix.replace("(含)", "")] if suffix else None
    if op and suffix_op and op != suffix_op and error is None:
        error = f"中的比较符号“{m['word'] or m['sym']}”与“{suffix}”相互矛盾"
    boundary = end == len(text) or text[end] in _BOUNDARY
    has_op = bool(op or suffix_op or error)
    whole = start == 0 and end == len(text)
    if chinese and not (whole or (known and (has_op or boundary)) or (has_op and boundary)):
        return None
    return _Candidate(
        start=start, end=end, value=value, op=op or suffix_op, unit=unit, unit_known=known,
        strict=has_op or boundary, chinese=chinese, prefixed=bool(op), error=error, fix=fix,
        sym_span=m.span("sym") if m["sym"] else (0, 0),
    )


def _unit_after(m: re.Match[str], text: str) -> tuple[str | None, bool, int, str | None]:
    """The unit written after the number, whether it is a known one, where the target ends,
    and the operator word after it."""
    unit = lookup_unit(m["unit"]) if m["unit"] else None
    if m["pct"] and unit is None:
        unit = "%"
    end, suffix = m.end(), m["suffix"]
    if unit is not None or suffix or m["num"] is None:
        return unit, unit is not None, end, suffix
    word = _UNKNOWN_UNIT.match(text, end)
    if word is None:
        return None, False, end, None
    end = word.end()
    after = _SUFFIX_RE.match(text, end)
    if after is not None:
        return word.group(), False, after.end(), after.group()
    return word.group(), False, end, None


def _prefix_op(word: str | None, sym: str | None) -> tuple[str | None, str | None, str | None]:
    """The operator before the number, or an error and the operator that fixes it."""
    word_op = _PREFIX_OPS[word] if word else None
    if not sym:
        return word_op, None, None
    sym_op = _SYMBOL_OPS.get(sym)
    if sym_op is None:
        kinds = set(sym)
        if len(kinds) == 1 and sym[0] in OPS:
            return None, f"中的比较符号“{sym}”重复", sym[0]
        if kinds in ({"≥", "="}, {"≤", "="}):
            return None, f"中的比较符号“{sym}”重复", (kinds - {"="}).pop()
        return None, f"中的比较符号“{sym}”相互矛盾，无法判断", None
    if word_op and word_op != sym_op and word not in _SOFT_WORDS:
        return None, f"中的比较符号“{word}”与“{sym}”相互矛盾", None
    return sym_op, None, None


def _choose(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """The targets: every strict candidate before the remark starts; failing that, the last
    number with a known unit ("22个镇街", "100%覆盖")."""
    strict = [c for c in candidates if c.strict]
    if strict:
        remark = _REMARK.search(text, strict[0].end)
        cut = remark.start() if remark else len(text)
        return [c for c in strict if c.start < cut]
    loose = [c for c in candidates if c.unit_known and not c.chinese]
    return loose[-1:]


# --- assembling a quantitative result ---------------------------------------------------

def _quantitative(text: str, targets: list[_Candidate], ctx: _Context) -> Threshold:
    wrong = next((t for t in targets if t.error), None)
    if wrong is not None:
        return _operator_error(text, wrong, ctx)
    labels, trailing = _labels(text, targets)
    remark_at = _first_separator(text, targets[-1].end)
    remark = _chinese_punctuation(text[remark_at:].strip(_SEPARATORS)) or None
    is_range = _is_range(text, targets)
    parts = [
        _part(text, t, label, ctx)
        for t, label in zip(targets, labels)
    ]
    for words in trailing:
        if words:
            ctx.notes.append(f"数值后的文字“{words}”未计入单位")
    if is_range:
        parts = _range_parts(text, parts, ctx)
    parts = _fill_units(parts, ctx)
    source = _unit_source(targets, parts, ctx)
    parts, conflict = _fill_ops(parts, targets, ctx)
    if len(parts) == 1 and parts[0].label:
        ctx.notes.append(f"指标值中含文字“{parts[0].label}”，目标值取“{parts[0]}”")
    if len(parts) > 1 and not is_range:
        ctx.notes.append(f"指标值含{len(parts)}个目标")
    if remark:
        ctx.notes.append("目标值后附有说明文字，已与目标值分开")
    return _result("quantitative", tuple(parts), ctx, remark=remark, unit_source=source,
                   is_range=is_range, direction_conflict=conflict, text=text,
                   bare=any(t.op is None for t in targets))


def _operator_error(text: str, wrong: _Candidate, ctx: _Context) -> Threshold:
    fixed = None
    if wrong.fix is not None:
        start, end = wrong.sym_span
        fixed = text[:start] + wrong.fix + text[end:]
    suggestion = fixed or "请只保留一个比较符号，如“≥95%”或“≤95%”"
    return _malformed(ctx, wrong.error or "中的比较符号有误", suggestion, shown=text)


def _labels(text: str, targets: list[_Candidate]) -> tuple[list[str | None], list[str]]:
    """Text before each target (its label) and text glued after it before a separator."""
    labels: list[str | None] = []
    trailing: list[str] = []
    previous = 0
    for target in targets:
        piece = text[previous:target.start]
        if labels:
            cut = next((i for i, ch in enumerate(piece) if ch in _SEPARATORS), 0)
            trailing.append(piece[:cut])
            piece = piece[cut:]
        labels.append(_chinese_punctuation(piece.strip(_SEPARATORS + ":")) or None)
        previous = target.end
    trailing.append(text[previous:_first_separator(text, previous)])
    return labels, trailing


def _chinese_punctuation(text: str) -> str:
    """Punctuation folded to ASCII by NFKC back to the full-width forms of Chinese prose."""
    return text.translate(_FULL_WIDTH) if _HAN.search(text) else text


def _first_separator(text: str, start: int) -> int:
    for i in range(start, len(text)):
        if text[i] in _SEPARATORS or text[i] == "(":
            return i
    return len(text)


def _is_range(text: str, targets: list[_Candidate]) -> bool:
    if len(targets) != 2:
        return False
    first, second = targets
    return (text[first.end:second.start] in _RANGE_SEPARATORS and first.op is None
            and not second.prefixed)


def _range_parts(text: str, parts: list[Part], ctx: _Context) -> list[Part]:
    low, high = parts
    unit = low.unit or high.unit
    low = Part("≥", low.value, unit, low.label)
    high = Part("≤", high.value, unit)
    ctx.notes.append(f"“{text}”按区间理解：{low}且{high}")
    return [low, high]


def _part(text: str, target: _Candidate, label: str | None, ctx: _Context) -> Part:
    part = Part(target.op or "", target.value, target.unit, label)
    written = text[target.start:target.end]
    shown = str(part)
    if written != shown and not target.error:
        interpreted = shown if target.op else f"{format_decimal(part.value)}{part.unit or ''}"
        ctx.notes.append(f"“{written}”按{interpreted}理解")
    return part


def _fill_units(parts: list[Part], ctx: _Context) -> list[Part]:
    """Parts without a unit of their own take the unit column's, else the name's."""
    fallback = ctx.unit_column or ctx.unit_name
    if fallback is None:
        return parts
    where = "计量单位列" if ctx.unit_column else "指标名称"
    own = next((p.unit for p in parts if p.unit), None)
    if own and own != fallback:
        ctx.notes.append(f"指标值单位“{own}”与{where}中的单位“{fallback}”不一致，以指标值为准")
    if all(p.unit for p in parts):
        return parts
    ctx.notes.append(f"单位“{fallback}”取自{where}")
    return [p if p.unit else Part(p.op, p.value, fallback, p.label) for p in parts]


def _unit_source(targets: list[_Candidate], parts: list[Part], ctx: _Context) -> str | None:
    if any(t.unit for t in targets):
        return "value"
    if not any(p.unit for p in parts):
        return None
    return "column" if ctx.unit_column else "name"


def _fill_ops(parts: list[Part], targets: list[_Candidate],
              ctx: _Context) -> tuple[list[Part], bool]:
    """Operators for bare values (from the direction cell, else `bare_op`) and whether an
    explicit operator contradicts the direction cell."""
    default = ctx.direction_op or ctx.bare_op
    filled = [p if p.op else Part(default, p.value, p.unit, p.label) for p in parts]
    if any(not p.op for p in parts):
        ctx.notes.append(f"未写比较符号，按指标方向“{ctx.direction}”取“{default}”"
                         if ctx.direction_op else f"未写比较符号，按“{default}”理解")
    conflict = any(_opposed(t.op, ctx.direction_op) for t in targets)
    if conflict:
        ctx.notes.append(f"指标值的比较符号与指标方向“{ctx.direction}”不一致，以指标值为准")
    return filled, conflict


def _opposed(op: str | None, direction: str | None) -> bool:
    up, down = {"≥", ">"}, {"≤", "<"}
    return bool(op and direction and ((op in up and direction in down)
                                      or (op in down and direction in up)))


# --- results ----------------------------------------------------------------------------

def _result(kind: str, parts: tuple[Part, ...], ctx: _Context, *, text: str,
            **extra: Any) -> Threshold:
    if kind == "quantitative":
        joiner = "且" if extra.get("is_range") else "；"
        shown = [f"{p.label}{p}" if p.label and len(parts) > 1 and not extra.get("is_range")
                 else str(p) for p in parts]
        normalized = joiner.join(shown)
    else:
        normalized = text
    return Threshold(kind, parts, normalized, tuple(ctx.notes), text=text,
                     percent_cell=ctx.percent_cell, **extra)


def _malformed(ctx: _Context, reason: str, suggestion: str | None, *, shown: str = "",
               **extra: Any) -> Threshold:
    """`reason` completes the phrase "指标值“<shown>”…" ("是占位文字，不是目标值")."""
    ctx.notes.append(f"“{shown}”{reason}" if shown else reason)
    return Threshold("malformed", (), "", tuple(ctx.notes), suggestion=suggestion, reason=reason,
                     text=shown, percent_cell=ctx.percent_cell, **extra)


# --- numbers ----------------------------------------------------------------------------

def _decimal(value: int | float | Decimal) -> Decimal | None:
    try:
        number = Decimal(repr(round(value, 10))) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return number if number.is_finite() else None


def _integral(raw: object) -> int | None:
    """An integer written as a number or as digits only, else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = normalize(raw)
        return int(text.split(".")[0]) if _DIGITS.fullmatch(text) and len(text) < 20 else None
    if isinstance(raw, (int, float, Decimal)):
        number = _decimal(raw)
        if number is not None and number == number.to_integral_value() and abs(number) < 10**12:
            return int(number)
    return None


def _whole_days(raw: int | float | Decimal) -> int | None:
    number = _decimal(raw)
    if number is None or not 0 <= number < 10**7:
        return None
    return int(number)


def _yyyymmdd(number: int) -> date | None:
    year, rest = divmod(number, 10000)
    month, day = divmod(rest, 100)
    if 1 <= month <= 12 and 1 <= day <= _month_end(year, month):
        return date(year, month, day)
    return None


def _month_end(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _arabic(digits: str, multiplier: str | None) -> Decimal:
    number = Decimal(digits)
    if multiplier:
        number = Decimal(format_decimal(number * _MULTIPLIERS[multiplier]))
    return number


def _cn_number(text: str) -> Decimal:
    """Chinese numerals: 十 = 10, 二十 = 20, 一百零五 = 105, 1.5亿 style handled elsewhere;
    digit by digit ("二〇二三") when no place word is used."""
    if len(text) > 1 and all(ch in _CN_DIGITS for ch in text):
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = section = digit = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "亿":
            total = (total + section + digit) * _CN_LARGE[ch]
            section = digit = 0
        else:
            total += (section + digit) * _CN_LARGE[ch]
            section = digit = 0
    return Decimal(total + section + digit)


def _json_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)
