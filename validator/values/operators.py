"""Comparison operators in values and direction cells: symbols (≥ ≤ = > <), their other
spellings (>=, ≧, ≦), the words before a number (不少于, 达到, 控制在) and after it (以上, 以内),
and what a direction cell (正向, 越小越好, 小于等于) stands for."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from validator.text import normalize

OPS = ("≥", "≤", "=", ">", "<")

PREFIX_OPS: dict[str, str] = {
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
SUFFIX_OPS: dict[str, str] = {
    "及以上": "≥", "或以上": "≥", "以上": "≥",
    "及以下": "≤", "或以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
    "左右": "=",
}
SYMBOL_OPS: dict[str, str] = {"≥": "≥", "≤": "≤", "=": "=", ">": ">", "<": "<", "±": "≤"}
_OP_WORDS = frozenset(PREFIX_OPS) | frozenset(SUFFIX_OPS) | frozenset(SYMBOL_OPS)
_LONGEST_WORD = max(map(len, _OP_WORDS))
# A direction cell holds an operator symbol or word, or says which way is better.
_DIRECTIONS: dict[str, str] = {
    **PREFIX_OPS, **{k: v for k, v in SYMBOL_OPS.items() if k != "±"},
    "正向": "≥", "正向指标": "≥", "越大越好": "≥", "反向": "≤", "反向指标": "≤", "越小越好": "≤",
}
_OP_SPELLINGS: dict[str, str] = {
    ">=": "≥", "=>": "≥", "<=": "≤", "=<": "≤", "≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤",
    "−": "-", "﹣": "-",
}


def alternation(words: Any) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


PREFIX_ALT = alternation(PREFIX_OPS)
SUFFIX_ALT = alternation(SUFFIX_OPS)
SUFFIX = rf"(?:\(含\))?(?:{SUFFIX_ALT})(?:\(含\))?"
_OP_SPELLING = re.compile(alternation(_OP_SPELLINGS))
OPS_ANYWHERE = re.compile(rf"[≥≤=<>±]+|^(?:{PREFIX_ALT})|(?:{SUFFIX_ALT})$")


def unify_spellings(text: str) -> str:
    """Other spellings of the operators and the minus sign in their one form (">=" -> "≥")."""
    return _OP_SPELLING.sub(lambda m: _OP_SPELLINGS[m.group()], text)


def only_operators(text: str) -> bool:
    """True when `text` is nothing but operator symbols and words ("≥", "不少于", "以上≥").

    A scan over the positions the words can reach, linear in the text: the regex
    `(?:≥|不少于|…)+` backtracks exponentially on "大于等于大于等于…字"."""
    if not text:
        return False
    reached = [True] + [False] * len(text)
    for start in range(len(text)):
        if not reached[start]:
            continue
        for end in range(start + 1, min(start + _LONGEST_WORD, len(text)) + 1):
            if text[start:end] in _OP_WORDS:
                reached[end] = True
    return reached[-1]


def direction_op(direction: object) -> str | None:
    """The operator a direction cell stands for (大于等于/正向 -> ≥, 反向/小于等于 -> ≤ …)."""
    if type(direction) is str and len(direction) <= 200:
        return _direction_op(direction)  # a handful of directions fill every indicator row
    return _DIRECTIONS.get(unify_spellings(normalize(direction)).replace(" ", ""))


@lru_cache(maxsize=1024)
def _direction_op(direction: str) -> str | None:
    return _DIRECTIONS.get(unify_spellings(normalize(direction)).replace(" ", ""))


def prefix_op(word: str | None, sym: str | None) -> tuple[str | None, str | None, str | None]:
    """The operator before the number, or an error and the operator that fixes it."""
    word_op = PREFIX_OPS[word] if word else None
    if not sym:
        return word_op, None, None
    sym_op = SYMBOL_OPS.get(sym)
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


def opposed(op: str | None, direction: str | None) -> bool:
    """True when one operator is a floor and the other a cap."""
    up, down = {"≥", ">"}, {"≤", "<"}
    return bool(op and direction and ((op in up and direction in down)
                                      or (op in down and direction in up)))
