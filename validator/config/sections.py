"""Schemas of the sections of rules.yaml beside `rules:` that belong to no rule. The
configuration layer owns every schema; the settings classes (`validator.bot.settings`,
`validator.config.office`) only read sections that were already checked."""

from __future__ import annotations

from typing import Any

from validator.config.office import LETTER_SCHEMA

_DIR = {"type": "string", "empty": False, "maxlength": 1000}
_OPTIONAL_PATH = {"type": "string", "nullable": True, "empty": False, "maxlength": 1000}

BOT_SCHEMA: dict[str, Any] = {
    "inbox": _DIR,
    "outbox": _DIR,
    "archive": _DIR,
    "ledger": _OPTIONAL_PATH,
    "log_file": _OPTIONAL_PATH,
    "settle_seconds": {"type": "number", "min": 0, "max": 86400},
}
"""Schema of the `bot:` section (cerberus 1.3), registered in `SECTIONS`."""

SECTIONS: dict[str, dict[str, Any]] = {"letter": LETTER_SCHEMA, "bot": BOT_SCHEMA}
"""Section name -> cerberus schema of that section of rules.yaml."""
