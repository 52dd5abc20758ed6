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
    "backups_kept": {"type": "integer", "min": 1, "max": 1000},
    "keep_runs_days": {"type": "integer", "min": 1, "nullable": True},
    "owner_file_hours": {"type": "number", "min": 0, "max": 8760},
    "max_attempts": {"type": "integer", "min": 1, "max": 100},
}
"""Schema of the `bot:` section (cerberus 1.3), registered in `SECTIONS`."""

_COUNT = {"type": "integer", "min": 0, "nullable": True}
_SIZE = {"type": "number", "min": 0, "nullable": True}

LIMITS_SCHEMA: dict[str, Any] = {
    "file_mb": _SIZE, "uncompressed_mb": _SIZE, "ratio": _SIZE, "sheet_xml_mb": _SIZE,
    "cells_per_sheet": _COUNT, "rows_per_sheet": _COUNT, "merged_cells": _COUNT,
    "seconds_per_file": _SIZE, "findings_listed": _COUNT,
}
"""Schema of the `limits:` section; the defaults live in `validator.config.limits.Limits`."""

SERVE_SCHEMA: dict[str, Any] = {
    "upload_mb": {"type": "number", "min": 0.001, "max": 1024, "nullable": True},
    "check_seconds": {"type": "number", "min": 0.001, "max": 3600, "nullable": True},
    "workers": {"type": "integer", "min": 1, "max": 16, "nullable": True},
    "keep_minutes": {"type": "number", "min": 1, "max": 10080, "nullable": True},
    "submit": {"type": "boolean", "nullable": True},
    "office": {"type": "boolean", "nullable": True},
    "office_token": {"type": "string", "nullable": True, "maxlength": 1000},
    "budget_list": _OPTIONAL_PATH,
}
"""Schema of the `serve:` section (the self-check page); defaults in `validator.web.settings`."""

SECTIONS: dict[str, dict[str, Any]] = {"letter": LETTER_SCHEMA, "bot": BOT_SCHEMA, "limits": LIMITS_SCHEMA}
SECTIONS["serve"] = SERVE_SCHEMA
"""Section name -> cerberus schema of that section of rules.yaml."""
