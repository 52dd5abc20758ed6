"""The one-cell indicator list of the published layout, both ways:
`1、产出指标：<name>，年度指标值：<value>。 2、满意度指标：…`.

`split_cell` is tolerant of what real tables do: blank lines, numbering that restarts or skips,
names broken by spaces or line breaks (kept as written, so the whitespace rule can see them),
category words with or without 指标 (and an optional 二级 after a dash or in brackets),
full-width or half-width colons and commas, a missing 年度指标值 label, and remarks or notes
after the value. `format_cell` writes the published wording."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from validator.values.categories import normalize_level1, normalize_level2

# A number starting an item: at the start of the cell or after a space or a sentence end.
_MARKER = re.compile(r"(?:^|(?<=[\s。；;]))[（(]?(?P<num>[0-9０-９]{1,3})\s*(?:[、．)）]|\.(?![0-9０-９]))\s*")
_CATEGORY = re.compile(r"^\s*(?P<cat>[^:：，,。；;\s]{1,24}?)\s*[:：]")
_LEVELS = re.compile(r"^(?P<l1>[^-—/／（(]+?)\s*(?:[-—/／]\s*(?P<l2a>.+)|[（(](?P<l2b>[^）)]+)[）)])$")
_LABEL = re.compile(r"[，,；;。\s]*(?:年度)?(?:指标值|目标值)\s*[:：]")
_VALUE_START = (r"[≥≤<>=＜＞＝≧≦]|[0-9０-９]|不少于|不低于|不超过|不高于|不多于|大于|小于|高于|低于|"
                r"达到|至少|超过|少于|完成")
_BARE_SPLIT = re.compile(rf"[，,：:\s]+(?={_VALUE_START})")
_REMARK = re.compile(r"^(?P<value>.*?)[。.]\s*(?P<remark>[（(].*[）)]|注[:：].*?)\s*[。.]?\s*$", re.DOTALL)
_TRAILING = re.compile(r"[\s。；;，,]+$")
_LEADING = re.compile(r"^[\s，,；;：:]+")

LABEL = "年度指标值"


@dataclass(frozen=True)
class CellItem:
    """One indicator as written inside the cell. Texts are raw (whitespace kept) except for
    separators trimmed at both ends; `position` is the number written before it."""

    position: int | None
    level1: str | None
    level2: str | None
    name: str
    value: str
    remark: str | None = None


def split_cell(text: str) -> list[CellItem]:
    """Every indicator written in `text`, in order (an empty cell gives none)."""
    return [_item(position, body) for position, body in _segments(text) if body.strip()]


def format_cell(items: Iterable[tuple[str | None, str, str]]) -> str:
    """(level1, name, value) triples in the published wording, numbered from 1."""
    parts = []
    for number, (level1, name, value) in enumerate(items, start=1):
        category = f"{level1}：" if level1 else ""
        parts.append(f"{number}、{category}{name}，{LABEL}：{value}。")
    return " ".join(parts)


def _segments(text: str) -> list[tuple[int | None, str]]:
    """(written number, body) per item. A marker that does not start something shaped like
    an indicator is part of the previous item's text."""
    segments: list[tuple[int | None, str]] = []
    matches = list(_MARKER.finditer(text))
    head = text[: matches[0].start()] if matches else text
    if head.strip():
        segments.append((None, head))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end():end]
        if segments and not _shaped(body, segments[-1][1]):
            position, previous = segments[-1]
            segments[-1] = (position, previous + text[match.start():end])
        else:
            segments.append((int(match.group("num")), body))
    return segments


def _shaped(body: str, previous: str) -> bool:
    """A category starts an item; so does a value label, unless the previous item still lacks
    its own (then "完成第 2、3 期建设，年度指标值：…" is one item); so does a name and a value."""
    if _category(body) is not None:
        return True
    if _LABEL.search(body):
        return _LABEL.search(previous) is not None
    return _BARE_SPLIT.search(body) is not None


def _category(body: str) -> tuple[str, str | None, int] | None:
    """(level1, level2, end of the category prefix) when `body` starts with a category."""
    match = _CATEGORY.match(body)
    if match is None:
        return None
    word = match.group("cat")
    levels = _LEVELS.match(word)
    if levels and normalize_level1(levels.group("l1")):
        level2 = levels.group("l2a") or levels.group("l2b")
        if normalize_level2(level2):
            return levels.group("l1").strip(), level2.strip(), match.end()
    if normalize_level1(word) or (word.endswith("指标") and "指标值" not in word):
        return word, None, match.end()
    return None


def _item(position: int | None, body: str) -> CellItem:
    category = _category(body)
    level1, level2, start = category if category else (None, None, 0)
    name, value = _name_and_value(body[start:])
    value, remark = _remark(value)
    return CellItem(position, level1, level2, _clean_ends(name), _clean_ends(value), remark)


def _name_and_value(rest: str) -> tuple[str, str]:
    label = _LABEL.search(rest)
    if label:
        return rest[: label.start()], rest[label.end():]
    bare = _BARE_SPLIT.search(rest)
    if bare:
        return rest[: bare.start()], rest[bare.end():]
    for separator in ("：", ":", "，", ","):
        if separator in rest:
            name, _, value = rest.rpartition(separator) if separator in "，," else rest.partition(separator)
            return name, value
    return rest, ""


def _remark(value: str) -> tuple[str, str | None]:
    match = _REMARK.match(value.strip())
    if match is None:
        return value, None
    return match.group("value"), match.group("remark").strip()


def _clean_ends(text: str) -> str:
    return _LEADING.sub("", _TRAILING.sub("", text))
