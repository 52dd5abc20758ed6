"""Fault injection for the crash tests of the bot and of ledger upgrades: with
VALIDATOR_CRASH_AT=<step>:<n> the process dies (as if killed) the n-th time it reaches `step`.
Does nothing otherwise. Its own module, so the ledger's migrations and the pass share it
without importing each other."""

from __future__ import annotations

import os
from collections import Counter

CRASH_ENV = "VALIDATOR_CRASH_AT"

_CRASH_SEEN: Counter[str] = Counter()


def crash_point(step: str) -> None:
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    name, _, count = spec.partition(":")
    if name == step:
        _CRASH_SEEN[step] += 1
        if _CRASH_SEEN[step] == int(count or 1):
            os._exit(137)
