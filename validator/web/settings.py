"""The `serve:` section of rules.yaml as settings (schema: `validator.config.sections.SERVE_SCHEMA`).
The office's access token may come from the environment instead, so it need not sit in a file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.bot.settings import config_dir
from validator.config.loader import Config

TOKEN_VARIABLE = "VALIDATOR_OFFICE_TOKEN"


@dataclass(frozen=True)
class ServeSettings:
    upload_mb: float = 20
    check_seconds: float = 30
    workers: int = 2
    keep_minutes: float = 60
    submit: bool = False
    office: bool = False
    office_token: str | None = None
    budget_list: Path | None = None

    @property
    def upload_bytes(self) -> int:
        return int(self.upload_mb * 1024 * 1024)

    @property
    def office_open(self) -> bool:
        """/office is served only when enabled AND protected by a non-empty token."""
        return self.office and bool(self.office_token)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, *, base_dir: Path,
                     environ: Mapping[str, str] | None = None) -> ServeSettings:
        values = {k: v for k, v in dict(data or {}).items() if v is not None}
        env = os.environ if environ is None else environ
        token = env.get(TOKEN_VARIABLE) or values.get("office_token") or None
        budget = values.get("budget_list")
        return cls(
            upload_mb=float(values.get("upload_mb", cls.upload_mb)),
            check_seconds=float(values.get("check_seconds", cls.check_seconds)),
            workers=int(values.get("workers", cls.workers)),
            keep_minutes=float(values.get("keep_minutes", cls.keep_minutes)),
            submit=bool(values.get("submit", False)), office=bool(values.get("office", False)),
            office_token=token.strip() if token and token.strip() else None,
            budget_list=(base_dir / Path(budget).expanduser()) if budget else None,
        )


def serve_settings(config: Config, *, environ: Mapping[str, str] | None = None) -> ServeSettings:
    return ServeSettings.from_mapping(config.sections.get("serve"), base_dir=config_dir(config), environ=environ)
