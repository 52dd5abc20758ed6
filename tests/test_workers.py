"""`validate --workers N`: the same findings in the same order as one worker, and a file past
`limits.seconds_per_file` is answered 无法在限定时间内审核 without holding the batch."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from validator.cli import validate_command
from validator.config.loader import load_config, parse_config
from validator.engine import validate_paths
from validator.workers import default_workers, validate_batch, validate_parallel

ROOT = Path(__file__).resolve().parent


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted((ROOT / "acceptance").glob("*/*.xlsx")) + sorted((ROOT / "data" / "formats").glob("*.xls")):
        shutil.copyfile(source, folder / source.name)
    return folder


def _flat(report: object) -> list[tuple[object, ...]]:
    return [(f.path, g.rule, g.severity, g.sheet, g.cell, g.message) for f in report.files for g in f.findings]  # type: ignore[attr-defined]


def test_two_workers_give_the_one_worker_report(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    config = load_config()
    one = validate_paths([folder], config)
    two = validate_batch([folder], config, workers=2)
    assert [f.path for f in two.files] == [f.path for f in one.files]
    assert _flat(two) == _flat(one) and len(_flat(one)) > 20


def test_a_file_past_its_time_is_answered_and_the_rest_go_on(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    paths = sorted(folder.iterdir())[:3]
    config = parse_config("limits:\n  seconds_per_file: 0.001\n")
    reports = list(validate_parallel(paths, config, 2))
    assert [r.path for r in reports] == [str(p) for p in paths]
    assert all(r.findings[0].rule == "file-unreadable" and "限定时间" in r.findings[0].message for r in reports)


def test_the_cli_option(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    one = CliRunner().invoke(validate_command, [str(folder), "-q", "--workers", "1"])
    two = CliRunner().invoke(validate_command, [str(folder), "-q", "--workers", "2"])
    assert one.exit_code == two.exit_code == 1 and one.output == two.output
    assert default_workers() >= 1
