"""The words the value rules judge indicator names by (`validator/data/vocabulary.yaml`): which
way is better, which caps are legitimate, which indicators can only be judged qualitatively,
which values are graded phrases, which names are unmeasurable outcomes.

The vocabulary is data, not code: an office adds words through the rules' options in
rules.yaml; the packaged file is read once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import yaml

Words = tuple[str, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: the same values, faster


@lru_cache(maxsize=1)
def _table() -> dict[str, Words]:
    text = resources.files("validator").joinpath("data/vocabulary.yaml").read_text(encoding="utf-8")
    return {name: tuple(str(word) for word in words) for name, words in yaml.load(text, Loader=_LOADER).items()}


def words(name: str, extra: Iterable[str] = ()) -> Words:
    """One list of the vocabulary, with an office's own words added."""
    return _words(name, tuple(extra))


@lru_cache(maxsize=256)
def _words(name: str, extra: Words) -> Words:
    return tuple(dict.fromkeys((*_table()[name], *extra)))


def longest(name: str, *lists: Words) -> int | None:
    """Which list holds the longest word found in `name` (its index), None when no word is
    found or the longest words of two lists are equally long ("不合格率" beats "合格率")."""
    best: list[int] = [max((len(w) for w in words_ if w in name), default=0) for words_ in lists]
    top = max(best, default=0)
    if top == 0 or best.count(top) > 1:
        return None
    return best.index(top)
