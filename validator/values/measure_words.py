"""The measure word (量词) an indicator's own name asks for: 场次 → 场, 批次 → 批, 期数 → 期,
人次, 件. Suggestions use it rather than a generic 个 or %."""

from __future__ import annotations

import re

from validator.values.indicators import bare_name

# Checked in order: the longer, more specific words first. Each pattern is a fixed word.
_WORDS: tuple[tuple[str, str], ...] = (
    ("用户", "个"), ("软件", "套"), ("人次", "人次"), ("户次", "户次"),
    ("场次", "场"), ("批次", "批"), ("架次", "架次"), ("台次", "台次"),
    ("期数", "期"), ("课时", "课时"), ("学时", "学时"), ("学分", "学分"), ("件数", "件"), ("案件", "件"),
    ("人数", "人"), ("户数", "户"), ("家数", "家"), ("篇数", "篇"), ("册数", "册"), ("份数", "份"),
    ("场数", "场"), ("次数", "次"), ("项数", "项"), ("台数", "台"), ("套数", "套"), ("个数", "个"),
    ("面积", "平方米"), ("里程", "公里"), ("天数", "天"), ("期", "期"), ("场", "场"), ("批", "批"),
    ("件", "件"), ("篇", "篇"), ("册", "册"), ("份", "份"), ("人", "人"), ("次", "次"),
)
_PATTERN = re.compile("|".join(re.escape(word) for word, _ in _WORDS))
_BY_WORD = dict(_WORDS)


def measure_word(name: str | None) -> str | None:
    """The measure word of the name's last counting word (法治讲座场次 → 场, 因公出国(境)批次
    → 批, 制播法治节目期数 → 期), or None when the name has none."""
    text = bare_name(name)
    if not text:
        return None
    found = _PATTERN.findall(text)
    return _BY_WORD[found[-1]] if found else None
