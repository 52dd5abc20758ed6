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

The grammar lives in its own modules: `numbers` (Arabic and Chinese numerals), `operators`
(symbols, operator words, direction cells), `dates` (dates, serials, deadlines), `formats`
(Excel number formats), `units` and `scanner` (finding the candidate targets); this module
cleans the text, assembles the result and keeps the public API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from validator.text import normalize
from validator.values.dates import date_serial_value, is_date_serial
from validator.values.dates import deadline as find_deadline
from validator.values.formats import is_date_format, is_percent_format
from validator.values.numbers import DIGITS, format_decimal, integral, json_number, to_decimal
from validator.values.operators import (
    OPS,
    OPS_ANYWHERE,
    direction_op,
    only_operators,
    opposed,
    unify_spellings,
)
from validator.values.scanner import RANGE_SEPARATORS, SEPARATORS, Candidate, candidates, choose
from validator.values.units import lookup_unit, unit_from_name

__all__ = [
    "KINDS", "OPS", "Part", "Threshold", "date_serial_value", "direction_op", "format_decimal",
    "is_date_format", "is_date_serial", "is_percent_format", "parse_threshold",
    "threshold_to_json", "threshold_to_text",
]

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
    "指标值“…”" ("是占位文字，不是目标值"). `approximate`: a target is written as an
    approximation ("约12000平方米"). `unread`: characters of the value the grammar could not
    place ("工" in "工5%", an OCR'd "≥"; the "-" of "-0%"), which the rules report rather than
    silently drop."""

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
    approximate: bool = False
    unread: tuple[str, ...] = ()

    @property
    def compound(self) -> bool:
        """Several targets in one value. A range ("90%-95%") is one target with two bounds."""
        return len(self.parts) > 1 and not self.is_range

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.unit for p in self.parts if p.unit))


# --- vocabulary -------------------------------------------------------------------------

_PLACEHOLDERS = frozenset({
    "待定", "待确定", "未定", "暂定", "另定", "另行确定", "待补充", "待填", "暂无", "无数据", "略",
    "空", "同上", "见附件", "详见附件", "不适用", "/", "-", "--", "—", "——", "n/a", "na",
    "null", "none", "tbd", "?", "??", "…", "...",
})
_SPACE = re.compile(r"(?<=\d) (?=[A-Za-z%])| (?![A-Za-z0-9])|(?<![A-Za-z0-9]) ")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PLACEHOLDER_MARK = re.compile(r"(?<![A-Za-z0-9])[Xx]{1,4}(?![A-Za-z0-9])|[*＊★□○△]{2,}|某")
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！"})
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Words before a single target that qualify it rather than replace its operator.
_QUALIFIERS = frozenset({
    "全年", "年均", "人均", "户均", "日均", "月均", "每年", "每月", "每次", "每人", "每户", "每天", "累计",
    "平均", "单次", "共", "总计", "合计", "全部", "总", "各", "每", "全", "均", "年度", "本年", "当年",
})
_FILL_IN = "请填写年度指标值，如“≥95%”或“≥10个”"
_SPECIFY = "请填写具体的目标值，如“≥95%”"
# No target reaches 10^15 (a budget of 千万亿元); longer numbers are typing accidents and would
# not survive JSON as exact numbers.
_TOO_LARGE = Decimal(10) ** 15


# --- public API -------------------------------------------------------------------------

def threshold_to_json(t: Threshold) -> dict[str, Any]:
    """The JSON contract: kind, parts (op, value as a JSON number, unit), normalized, notes.
    `label` (per part), `remark` and `suggestion` are added only when set."""
    parts: list[dict[str, Any]] = []
    for part in t.parts:
        item: dict[str, Any] = {"op": part.op, "value": json_number(part.value), "unit": part.unit}
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
    if t.approximate:
        lines.append("约数：是（未写明下限或上限）")
    if t.unread:
        lines.append("未读入的文字：" + "、".join(f"“{piece}”" for piece in t.unread))
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
            if not DIGITS.fullmatch(text):
                return None
            value = text
    when = date_serial_value(value, ctx.number_format, name=ctx.name)
    if when is None:
        return None
    shown = "" if is_date else normalize(value)
    if is_date:
        reason = f"单元格是日期（{when.isoformat()}），不是目标值"
    elif (integral(value) or 0) >= 19000101:
        reason = f"像是以数字填写的日期（{when.isoformat()}）"
    else:
        reason = f"像是Excel日期序列号，显示为日期{when.isoformat()}"
    suggestion = f"{when.year}年{when.month}月{when.day}日前完成"
    return _malformed(ctx, reason, suggestion, shown=shown, is_date_serial=True, date_value=when)


def _number_text(value: int | float | Decimal, ctx: _Context) -> str | None:
    """A numeric cell as text; a percentage cell (0.95 shown as 95%) becomes "95%"."""
    number = to_decimal(value)
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
    text = unify_spellings(normalize(raw))
    text = _THOUSANDS.sub("", _SPACE.sub("", text))
    return text.lstrip(" ,;、。:!").rstrip(" ,;、。.:!")


def _parse_text(text: str, ctx: _Context) -> Threshold:
    if not text:
        return _malformed(ctx, "未填写年度指标值", _FILL_IN)
    bad = _placeholder(text, ctx)
    if bad is not None:
        return bad
    targets = choose(text, candidates(text))
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
    if only_operators(text):
        return _malformed(ctx, "只有比较符号，没有数值", f"请在“{text}”后填写数值，如“{text}95%”",
                          shown=text)
    deadline = find_deadline(text)
    if deadline is not None:
        ctx.notes.append(f"按时间节点理解（{deadline}）")
        return _result("qualitative", (), ctx, text=text, deadline=deadline)
    if not _HAN.search(text):
        return _malformed(ctx, "无法识别为目标值", _SPECIFY, shown=text)
    if OPS_ANYWHERE.search(text):
        ctx.notes.append("比较符号后不是数值，按定性表述处理")
    ctx.notes.append("定性表述，没有可度量的数值")
    return _result("qualitative", (), ctx, text=text)


# --- assembling a quantitative result ---------------------------------------------------

def _quantitative(text: str, targets: list[Candidate], ctx: _Context) -> Threshold:
    wrong = next((t for t in targets if t.error), None)
    if wrong is not None:
        return _operator_error(text, wrong, ctx)
    if any(abs(t.value) >= _TOO_LARGE for t in targets):
        return _malformed(ctx, "中的数值过大（超过千万亿），不是有效的目标值", _SPECIFY, shown=text)
    labels, trailing = _labels(text, targets)
    remark_at = _first_separator(text, targets[-1].end)
    remark = _chinese_punctuation(text[remark_at:].strip(SEPARATORS)) or None
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
    approximate = any(t.approx for t in targets)
    if approximate:
        ctx.notes.append("“约”“左右”表示约数，没有写明是下限还是上限")
    unread = _unread(targets, labels, trailing, is_range)
    return _result("quantitative", tuple(parts), ctx, remark=remark, unit_source=source,
                   is_range=is_range, direction_conflict=conflict, text=text,
                   bare=any(t.op is None for t in targets), approximate=approximate,
                   unread=unread)


def _unread(targets: list[Candidate], labels: list[str | None], trailing: list[str],
            is_range: bool) -> tuple[str, ...]:
    """What the grammar read past: a short word before a single target that is no qualifier
    ("工5%"), a minus sign on zero ("-0%"), symbols glued after a number ("95%*")."""
    found: list[str] = []
    label = labels[0] if len(targets) == 1 or is_range else None
    if label and len(label) <= 2 and label not in _QUALIFIERS:
        found.append(label)
    found += ["-" for t in targets if t.negative_zero]
    found += [words for words in trailing if words and not _HAN.search(words)]
    return tuple(found)


def _operator_error(text: str, wrong: Candidate, ctx: _Context) -> Threshold:
    fixed = None
    if wrong.fix is not None:
        start, end = wrong.sym_span
        fixed = text[:start] + wrong.fix + text[end:]
    suggestion = fixed or "请只保留一个比较符号，如“≥95%”或“≤95%”"
    return _malformed(ctx, wrong.error or "中的比较符号有误", suggestion, shown=text)


def _labels(text: str, targets: list[Candidate]) -> tuple[list[str | None], list[str]]:
    """Text before each target (its label) and text glued after it before a separator."""
    labels: list[str | None] = []
    trailing: list[str] = []
    previous = 0
    for target in targets:
        piece = text[previous:target.start]
        if labels:
            cut = next((i for i, ch in enumerate(piece) if ch in SEPARATORS), 0)
            trailing.append(piece[:cut])
            piece = piece[cut:]
        labels.append(_chinese_punctuation(piece.strip(SEPARATORS + ":")) or None)
        previous = target.end
    trailing.append(text[previous:_first_separator(text, previous)])
    return labels, trailing


def _chinese_punctuation(text: str) -> str:
    """Punctuation folded to ASCII by NFKC back to the full-width forms of Chinese prose."""
    return text.translate(_FULL_WIDTH) if _HAN.search(text) else text


def _first_separator(text: str, start: int) -> int:
    for i in range(start, len(text)):
        if text[i] in SEPARATORS or text[i] == "(":
            return i
    return len(text)


def _is_range(text: str, targets: list[Candidate]) -> bool:
    if len(targets) != 2:
        return False
    first, second = targets
    return (text[first.end:second.start] in RANGE_SEPARATORS and first.op is None
            and not second.prefixed)


def _range_parts(text: str, parts: list[Part], ctx: _Context) -> list[Part]:
    low, high = parts
    unit = low.unit or high.unit
    low = Part("≥", low.value, unit, low.label)
    high = Part("≤", high.value, unit)
    ctx.notes.append(f"“{text}”按区间理解：{low}且{high}")
    return [low, high]


def _part(text: str, target: Candidate, label: str | None, ctx: _Context) -> Part:
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


def _unit_source(targets: list[Candidate], parts: list[Part], ctx: _Context) -> str | None:
    if any(t.unit for t in targets):
        return "value"
    if not any(p.unit for p in parts):
        return None
    return "column" if ctx.unit_column else "name"


def _fill_ops(parts: list[Part], targets: list[Candidate],
              ctx: _Context) -> tuple[list[Part], bool]:
    """Operators for bare values (from the direction cell, else `bare_op`) and whether an
    explicit operator contradicts the direction cell."""
    default = ctx.direction_op or ctx.bare_op
    filled = [p if p.op else Part(default, p.value, p.unit, p.label) for p in parts]
    if any(not p.op for p in parts):
        ctx.notes.append(f"未写比较符号，按指标方向“{ctx.direction}”取“{default}”"
                         if ctx.direction_op else f"未写比较符号，按“{default}”理解")
    conflict = any(opposed(t.op, ctx.direction_op) for t in targets)
    if conflict:
        ctx.notes.append(f"指标值的比较符号与指标方向“{ctx.direction}”不一致，以指标值为准")
    return filled, conflict


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
