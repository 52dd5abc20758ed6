"""`validate --workers N`: the same findings in the same order as one worker, and a file past
`limits.seconds_per_file` is answered 无法在限定时间内审核 without holding the batch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator import workers
from validator.cli import validate_command
from validator.config.loader import load_config, parse_config
from validator.engine import validate_file, validate_paths
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


def test_a_small_batch_is_not_spread_over_more_workers_than_pay_back_their_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(workers, "can_fork", lambda: False)  # spawned workers: an interpreter each
    assert default_workers() == 4  # no batch size: one per core
    assert [default_workers(n) for n in (0, 1, 39, 40, 79, 80, 120, 160, 10_000)] == [1, 1, 1, 1, 1, 2, 3, 4, 4]
    monkeypatch.setattr(workers, "can_fork", lambda: True)  # forked workers cost about a file each
    assert [default_workers(n) for n in (0, 3, 4, 8, 12, 16, 10_000)] == [1, 1, 1, 2, 3, 4, 4]


# Run in a fresh process: the test process may have threads left by other tests, and then the
# workers are (rightly) spawned instead.
_BATCH_IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
from validator import workers
from validator.config.loader import load_config
methods = []
original = workers.DeadlineWorker.start
def start(self):
    started = original(self)
    methods.append(started.start_method)
    return started
workers.DeadlineWorker.start = start
paths = [Path(p) for p in sys.argv[1:]]
reports = list(workers.validate_parallel(paths, load_config(), 2))
assert [r.path for r in reports] == [str(p) for p in paths]
print(" ".join(methods), sum(len(r.findings) for r in reports))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_batch_workers_are_forked_before_the_threads_that_feed_them(tmp_path: Path) -> None:
    paths = sorted(_folder(tmp_path).iterdir())[:4]
    done = subprocess.run([sys.executable, "-c", _BATCH_IN_A_FRESH_PROCESS, *map(str, paths)], capture_output=True,
                          text=True, timeout=300, check=True)
    methods = done.stdout.split()
    expected = sum(len(r.findings) for r in validate_paths(paths, load_config()).files)
    assert methods == ["fork", "fork", str(expected)] and expected > 0


def segfault_on_bad(path: Path, config: object) -> object:
    """Stands in for validate_file in the worker: a real crash in C code on one file."""
    if "bad" in Path(path).name:
        import ctypes

        ctypes.string_at(0)
    return validate_file(path, config)  # type: ignore[arg-type]


def test_a_worker_that_crashes_is_noticed_at_once_and_the_rest_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    paths = sorted(folder.iterdir())[:3]
    bad = paths[1].rename(paths[1].with_name("bad_" + paths[1].name))
    paths[1] = bad
    monkeypatch.setattr(workers, "validate_file", segfault_on_bad)
    config = parse_config("limits:\n  seconds_per_file: 3600\n")  # noticed at the deadline, this would take an hour
    reports = list(validate_parallel(paths, config, 1))
    assert [r.path for r in reports] == [str(p) for p in paths]
    [finding] = reports[1].findings
    assert finding.rule == "file-unreadable"
    assert finding.message == ("审核本文件时审核子进程意外退出（被信号 SIGSEGV 终止），可能是内存不足、被其他程序结束或程序错误，"
                               "未能完成审核。")
    assert all(g.rule != "file-unreadable" for r in (reports[0], reports[2]) for g in r.findings)
