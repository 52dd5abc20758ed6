"""One sentence for the letter's body where a recurring problem's places have a few variants
of the same remedy ("here a floor, there a cap"): the body states the problem once, and the
variants joined by "；" read as three instructions in a row. Kept apart from the rule modules,
like `titles`, so outputs need not import rules; the rules take their wording from here, so
the variants and the sentence that stands for them cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable

NO_OPERATOR_ANY = "请在数值前写明“≥”（下限）、“≤”（上限）或“=”（固定值）。"
_DIRECTION_WORDS = {"≥": "下限（不少于）", "≤": "上限（不超过）"}


def no_operator_typical(op: str) -> str:
    """threshold-no-operator where the indicator's kind suggests a direction (`op` ≥ or ≤)."""
    return f"此类指标一般设{_DIRECTION_WORDS[op]}，请在数值前加“{op}”；确为固定值的加“=”。"


def _stripped(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(t.rstrip("。") for t in texts)


# rule -> (the variants the sentence stands for, the sentence without its full stop)
BODY_REMEDIES: dict[str, tuple[frozenset[str], str]] = {
    "threshold-no-operator": (
        _stripped([NO_OPERATOR_ANY, *(no_operator_typical(op) for op in _DIRECTION_WORDS)]),
        "请在数值前写明比较方向：应不少于的（下限）加“≥”，应不超过的（上限）加“≤”，确为固定值的加“=”",
    ),
}


def body_remedy(rule: str, variants: Iterable[str]) -> str | None:
    """The one sentence standing for `variants` (suggestions without their full stop) of
    `rule`, or None when the rule has none or a variant is not one it stands for."""
    known = BODY_REMEDIES.get(rule)
    given = frozenset(variants)
    if known is None or len(given) < 2 or not given <= known[0]:
        return None
    return known[1]
