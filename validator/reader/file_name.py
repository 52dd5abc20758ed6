"""The unit a file name names, for a file whose content cannot be read: the letter's 主送 and
the bot's outbox folder then still reach the right unit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from validator.text import readable

_SEPARATORS = re.compile(r"[_＿\-－—\s]")
_NOT_A_UNIT = ("绩效", "目标表", "模板", "项目支出", "附件", "副本", "修改", "报送", "汇总")
_UNIT_END = re.compile(r"(局|委|办|院|厅|室|中心|会|部|处|所|站|队|馆|校|社|团|集团|公司|政府|街道|镇|乡|委员会)$")


def unit_from_file_name(name: str, known: Iterable[str] = ()) -> str | None:
    """The longest known unit the file name starts with (the budget list's, or units the
    office has answered before); else the part before the first `_` when it reads as a unit
    (`某市文旅局_绩效目标表.xls` → 某市文旅局); else None."""
    stem = readable(PurePath(name.replace("\\", "/")).name).rsplit(".", 1)[0].strip()
    matches = [unit for unit in known if unit and stem.startswith(unit)]
    if matches:
        return max(matches, key=len)
    prefix = _SEPARATORS.split(stem, maxsplit=1)[0].strip()
    if len(prefix) < 2 or len(prefix) == len(stem) or any(word in prefix for word in _NOT_A_UNIT):
        return None
    return prefix if _UNIT_END.search(prefix) else None
