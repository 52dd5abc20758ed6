"""The inbox bot's settings: where submissions arrive, where answers and originals go, and
how long a file must stay unchanged before it counts as submitted. Read from the `bot:`
section of rules.yaml, whose schema (`validator.config.sections.BOT_SCHEMA`) the
configuration layer owns and checks before these settings are built."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validator.bot.migrations import DEFAULT_BACKUPS_KEPT  # automatic ledger backups kept next to it
from validator.config.loader import Config, office_settings
from validator.config.office import OfficeSettings

DEFAULT_SETTLE_SECONDS = 5.0
DEFAULT_OWNER_FILE_HOURS = 12.0  # an Excel/WPS owner file older than this is left over, not a file in use
DEFAULT_MAX_ATTEMPTS = 3  # failed attempts before a file is answered as unreadable and archived
LEDGER_NAME = "ledger.sqlite3"
LOG_NAME = "bot.log"
SUMMARY_NAME = "汇总.xlsx"
DEFAULT_KEEP_RUNS_DAYS = 400  # run rows older than this are pruned by the pass

@dataclass(frozen=True)
class BotSettings:
    """Resolved absolute paths plus what a pass needs to validate and write letters."""

    inbox: Path
    outbox: Path
    archive: Path
    ledger: Path
    log_file: Path
    settle_seconds: float = DEFAULT_SETTLE_SECONDS
    owner_file_hours: float = DEFAULT_OWNER_FILE_HOURS
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    config: Config | None = field(default=None, repr=False)
    office: OfficeSettings = field(default_factory=OfficeSettings, repr=False)
    backups_kept: int = DEFAULT_BACKUPS_KEPT
    keep_runs_days: int | None = DEFAULT_KEEP_RUNS_DAYS

    @property
    def summary(self) -> Path:
        return self.outbox / SUMMARY_NAME

    @property
    def lock_file(self) -> Path:
        return self.ledger.with_name(self.ledger.name + ".lock")

    @classmethod
    def build(cls, *, inbox: Path | str = "inbox", outbox: Path | str = "outbox", archive: Path | str = "archive",
              ledger: Path | str | None = None, log_file: Path | str | None = None,
              settle_seconds: float = DEFAULT_SETTLE_SECONDS, base_dir: Path | None = None,
              config: Config | None = None, office: OfficeSettings | None = None,
              backups_kept: int = DEFAULT_BACKUPS_KEPT,
              keep_runs_days: int | None = DEFAULT_KEEP_RUNS_DAYS,
              owner_file_hours: float = DEFAULT_OWNER_FILE_HOURS, max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> BotSettings:
        """Relative paths are taken from `base_dir` (default: the current directory); the
        ledger and the log file default to files inside the outbox."""
        base = (base_dir or Path.cwd()).absolute()
        out = _absolute(outbox, base)
        return cls(
            inbox=_absolute(inbox, base), outbox=out, archive=_absolute(archive, base),
            ledger=_absolute(ledger, base) if ledger else out / LEDGER_NAME,
            log_file=_absolute(log_file, base) if log_file else out / LOG_NAME,
            settle_seconds=float(settle_seconds), config=config, office=office or OfficeSettings(),
            backups_kept=backups_kept, keep_runs_days=keep_runs_days,
            owner_file_hours=float(owner_file_hours), max_attempts=int(max_attempts),
        )

    @classmethod
    def from_config(cls, config: Config, *, inbox: Path | None = None, outbox: Path | None = None) -> BotSettings:
        """Settings from the `bot:` (and `letter:`) sections. Paths in rules.yaml are relative
        to the folder of rules.yaml; `inbox`/`outbox` (command-line overrides) to the current
        directory. An overridden outbox also moves the default ledger and log file."""
        section: Mapping[str, Any] = config.sections.get("bot") or {}
        base = config_dir(config)
        values = {k: section[k] for k in ("inbox", "outbox", "archive", "ledger", "log_file") if section.get(k)}
        paths = {k: _absolute(v, base) for k, v in values.items()}
        if inbox is not None:
            paths["inbox"] = inbox.absolute()
        if outbox is not None:
            paths["outbox"] = outbox.absolute()
        paths.setdefault("inbox", base / "inbox")
        paths.setdefault("outbox", base / "outbox")
        paths.setdefault("archive", base / "archive")
        settle = section.get("settle_seconds")

        office = office_settings(config)
        hours, attempts = section.get("owner_file_hours"), section.get("max_attempts")
        return cls.build(**paths, settle_seconds=DEFAULT_SETTLE_SECONDS if settle is None else settle,
                         base_dir=base, config=config, office=office,
                         backups_kept=section.get("backups_kept") or DEFAULT_BACKUPS_KEPT,
                         keep_runs_days=section.get("keep_runs_days", DEFAULT_KEEP_RUNS_DAYS),
                         owner_file_hours=DEFAULT_OWNER_FILE_HOURS if hours is None else hours,
                         max_attempts=DEFAULT_MAX_ATTEMPTS if attempts is None else attempts)


def config_dir(config: Config) -> Path:
    """The folder of the rules.yaml in use, or the current directory for the built-in one."""
    if config.source and Path(config.source).is_file():
        return Path(config.source).absolute().parent
    return Path.cwd().absolute()


def _absolute(path: Path | str, base: Path) -> Path:
    path = Path(path).expanduser()
    return path if path.is_absolute() else base / path
