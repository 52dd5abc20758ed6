"""Where things are in rules.yaml, for messages a person can act on: the line of a key, and
a YAML syntax error said in Chinese with its line and column (PyYAML's own text names
`<unicode string>` and speaks parser English)."""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml's parser under PyYAML's safe constructor: the same values as yaml.safe_load, ten
# times faster (rules.yaml is read on every start). PyYAML built without libyaml has none.
_FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"expected ',' or '\]'", "方括号 [ ] 没有闭合，或列表各项之间缺少逗号"),
    (r"expected ',' or '\}'", "花括号 { } 没有闭合，或各项之间缺少逗号"),
    (r"mapping values are not allowed", "这里不能出现冒号：冒号后要空一格，含冒号的文字请加引号"),
    (r"found character '\\t'", "不能用 Tab 缩进，请改用空格"),
    (r"could not find expected ':'", "缺少冒号（应写作“键: 值”）"),
    (r"did not find expected key", "缩进不一致：同一层的键要左对齐"),
    (r"did not find expected '-' indicator", "缩进不一致：列表各项的“-”要左对齐"),
    (r"found unexpected end of stream|found unexpected end", "引号没有闭合"),
    (r"found duplicate", "键重复"),
    (r"found undefined alias", "引用了未定义的别名（*名称）"),
    (r"found unknown escape character", "双引号里的反斜杠 \\ 要写成 \\\\，或改用单引号"),
    (r"found character .* that cannot start any token", "这里有不能作为开头的字符（如 @ 或 `），请给文字加引号"),
)


def syntax_error(exc: yaml.YAMLError) -> str:
    """第 3 行第 1 列：方括号 [ ] 没有闭合… (the place where the broken construct starts, and
    where the parser gave up when that is elsewhere)."""
    problem = str(getattr(exc, "problem", "") or exc)
    said = next((chinese for pattern, chinese in _PROBLEMS if re.search(pattern, problem)), "格式不正确")
    marks = [m for m in (getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)) if m is not None]
    where = "，".join(dict.fromkeys(f"第 {m.line + 1} 行第 {m.column + 1} 列" for m in marks))
    return f"YAML 格式错误：{where + '：' if where else ''}{said}。"


def safe_load(text: str) -> Any:
    """yaml.safe_load(text), through libyaml when PyYAML has it. A text libyaml rejects is
    parsed again by PyYAML itself, so errors (and the messages `syntax_error` translates) are
    PyYAML's own, and a text the two parsers judge differently still loads as before."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """(section,) / (section, key) / (rules, rule, option) → 1-based line of that key."""
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return {}
    lines: dict[tuple[str, ...], int] = {}
    _walk(root, (), lines, depth=0)
    return lines


def _walk(node: yaml.Node | None, path: tuple[str, ...], lines: dict[tuple[str, ...], int], *, depth: int) -> None:
    if not isinstance(node, yaml.MappingNode) or depth > 2:
        return
    for key, value in node.value:
        name = (*path, str(key.value))
        lines.setdefault(name, key.start_mark.line + 1)
        _walk(value, name, lines, depth=depth + 1)


def at_line(lines: dict[tuple[str, ...], int], *path: str) -> str:
    """（第 12 行）for the deepest part of `path` rules.yaml has, or "" when it has none."""
    for end in range(len(path), 0, -1):
        line = lines.get(tuple(path[:end]))
        if line:
            return f"（第 {line} 行）"
    return ""
