"""The rule engine: reads each file, runs every enabled rule, stamps rule id and severity
from the configuration, and returns the Report. Never raises for bad input and never
modifies, moves or locks the files it reads."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from validator.collector import collector_paused
from validator.config.limits import limits_of
from validator.config.loader import Config
from validator.context import ReviewContext
from validator.model import UNREADABLE_RULE, FileReport, Finding, Report, Severity, reading_order
from validator.reader import UnreadableFile, is_submission_file, read_submission
from validator.reader.file_name import unit_from_file_name
from validator.reader.sniff import regular_file
from validator.records import Submission
from validator.rules import RULES
from validator.rules.base import Problem
from validator.values.scores import score_lines

log = logging.getLogger(__name__)

Progress = Callable[[Path], None]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus the submissions inside named folders (recursively),
    skipping Excel/WPS lock files and hidden or temporary files. In folders, text files are
    picked up only when they look like a published table (see `is_submission_file`)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_candidate(p)))
        else:
            found.append(path)
    return found


def is_candidate(path: Path) -> bool:
    name = path.name
    if name.startswith(("~$", ".", "~")) or name.endswith((".tmp", ".part", ".crdownload")):
        return False
    return is_submission_file(path)


def validate_paths(paths: Iterable[Path], config: Config, *, progress: Progress | None = None,
                   context: ReviewContext | None = None) -> Report:
    """Every file found in `paths`, in order, in this process (`validator.workers` spreads a
    batch over several, giving the same report)."""
    reports = []
    for path in collect_files(paths):
        reports.append(validate_file(path, config, context))
        if progress:
            progress(path)
    return Report(tuple(reports))


def validate_file(path: Path, config: Config, context: ReviewContext | None = None) -> FileReport:
    with collector_paused():  # one file's cells and records hold no cycles (see validator.collector)
        return _validate_file(path, config, context)


def _validate_file(path: Path, config: Config, context: ReviewContext | None) -> FileReport:
    try:
        regular_file(path)  # a FIFO or a device would block the hashing below forever
    except UnreadableFile as exc:
        return FileReport(path=str(path), received=_mtime(path)).with_findings(_unreadable(exc, config))
    base = FileReport(path=str(path), received=_mtime(path), sha256=_sha256(path))
    try:
        submission = read_submission(path, limits=limits_of(config))
    except UnreadableFile as exc:
        # no content to name the unit: the file name does (某市文旅局_绩效目标表.xls)
        return replace(base, unit=unit_from_file_name(path.name)).with_findings(_unreadable(exc, config))
    except Exception as exc:  # a reader bug must not stop the batch or lose the file
        log.exception("unexpected error reading %s", path)
        return base.with_findings(_unreadable(UnreadableFile(
            "读取文件时发生内部错误，未能完成审核。", "请联系预算科（系统管理员）处理，原文件已保留。",
            detail=repr(exc)), config))
    findings = reading_order(check_submission(submission, config, context), submission.sheets_found.values())
    return _describe(base, submission).with_findings(_on_hidden_rows(findings, submission.hidden_rows))


HIDDEN_ROW_NOTE = "（此行在表格中被隐藏；隐藏的行同样审核）"


def _on_hidden_rows(findings: list[Finding], hidden: dict[str, frozenset[int]]) -> list[Finding]:
    """A finding on a hidden row says so: the unit may not see the row it points to."""
    if not hidden:
        return findings
    return [replace(f, message=f.message + HIDDEN_ROW_NOTE) if f.sheet in hidden and f.position[0] in hidden[f.sheet]
            else f for f in findings]


def _describe(base: FileReport, sub: Submission) -> FileReport:
    names = tuple(r.name.shown for r in sub.projects if r.name.text)
    return replace(base, unit=sub.department, year=sub.year, layout=sub.layout, projects=names,
                   indicators=len(sub.indicators), scored=score_lines(sub))


def check_submission(submission: Submission, config: Config, context: ReviewContext | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule_id, setting in config.enabled():
        assert setting.level is not None
        args = (rule_id, setting.level, submission, setting.options)
        findings.extend(_run_rule(*args) if context is None else _run_rule(*args, context))
    return findings


def _run_rule(rule_id: str, level: Severity, sub: Submission, options: Mapping[str, Any],
              context: ReviewContext | None = None) -> Iterator[Finding]:
    module = RULES[rule_id]
    in_context = getattr(module, "check_in_context", None)  # rules that compare with approved targets
    try:
        problems = list(in_context(sub, options, context) if in_context and context else module.check(sub, options))
    except Exception:  # one broken rule is reported, the other rules still run
        log.exception("rule %s failed on %s", rule_id, sub.path)
        problems = [Problem("本项检查因程序内部错误未能完成。", "请联系系统管理员；其他检查结果不受影响。")]
        level = Severity.WARNING
    for p in problems:
        yield stamp(rule_id, level, p)


def stamp(rule_id: str, level: Severity, p: Problem) -> Finding:
    cell = p.cell
    value = p.value if p.value is not None else (cell.display if cell is not None and not cell.empty else None)
    return Finding(
        rule=rule_id, severity=level, message=p.message, suggestion=p.suggestion,
        sheet=cell.sheet if cell is not None else p.sheet, cell=cell.coord if cell is not None else None,
        project=p.project, indicator=p.indicator, value=value,
    )


def _unreadable(exc: UnreadableFile, config: Config) -> list[Finding]:
    setting = config.rules.get(UNREADABLE_RULE)
    level = setting.level if setting and setting.level else Severity.ERROR
    return [stamp(UNREADABLE_RULE, level, Problem(exc.message, exc.suggestion, value=exc.detail))]


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError:
        return None


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()
