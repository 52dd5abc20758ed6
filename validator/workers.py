"""`validate --workers N`: files reviewed in N worker processes, results merged in input order,
so the report holds the same findings in the same order as with one worker. Each file runs
under `limits.seconds_per_file` (`DeadlineWorker`): a file past it is answered
无法在限定时间内审核 and its worker replaced, so one hostile file never holds the batch.
Memory stays flat: each worker holds one file at a time and the parent keeps only reports."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from validator.config.limits import limits_of
from validator.config.loader import Config
from validator.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed
from validator.engine import collect_files, stamp, validate_file, validate_paths
from validator.model import UNREADABLE_RULE, FileReport, Report, Severity
from validator.rules.base import Problem

Progress = Callable[[Path], None]


# Starting a worker interpreter costs about as much as reviewing 20-30 files (measured by
# benchmarks/compare.py on 2 cores): a batch gets one more worker per this many files.
FILES_PER_WORKER = 40


def default_workers(files: int | None = None) -> int:
    """One worker per core this process may use; for a batch of `files`, no more workers than
    pay back their start (one per FILES_PER_WORKER files)."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        cores = max(1, os.cpu_count() or 1)
    return cores if files is None else max(1, min(cores, files // FILES_PER_WORKER))


def validate_batch(paths: Sequence[Path], config: Config, *, workers: int, progress: Progress | None = None) -> Report:
    """Every file found in `paths`, in order: in `workers` processes when there is more than
    one file, the same report as `engine.validate_paths` in one."""
    files = collect_files(paths)
    if workers <= 1 or len(files) <= 1:
        return validate_paths(files, config, progress=progress)
    return Report(tuple(validate_parallel(files, config, min(workers, len(files)), progress)))


def validate_parallel(paths: Sequence[Path], config: Config, workers: int,
                      progress: Progress | None = None) -> Iterator[FileReport]:
    """The FileReport of each path, in input order, reviewed by `workers` processes."""
    seconds = limits_of(config).seconds_per_file
    local = threading.local()
    started: list[DeadlineWorker] = []
    lock = threading.Lock()

    def one(path: Path) -> FileReport:
        worker = getattr(local, "worker", None)
        if worker is None:
            worker = local.worker = DeadlineWorker()
            with lock:
                started.append(worker)
        try:
            return worker.run(validate_file, path, config, seconds=seconds)
        except DeadlineExceeded:
            return timed_out(path, seconds, config)
        except WorkerCrashed as exc:  # noticed at once; the next file gets a fresh worker
            return crashed(path, exc, config)

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for report in pool.map(one, paths):
                if progress:
                    progress(Path(report.path))
                yield report
    finally:
        for worker in started:
            worker.close()


def timed_out(path: Path, seconds: float, config: Config) -> FileReport:
    problem = Problem(f"无法在限定时间内审核：审核本文件超过了 {seconds:g} 秒，已停止。",
                      "请删除表格以外的多余内容（大量空行、无关工作表、超长文字）后重新提交；如仍有问题请联系预算科。")
    return _not_reviewed(path, problem, config)


def crashed(path: Path, exc: WorkerCrashed, config: Config) -> FileReport:
    problem = Problem(f"审核本文件时{exc}，未能完成审核。",
                      "请再审核一次；如仍出现，请用 Excel 或 WPS 打开原文件另存为新的 .xlsx 后再审核，或联系信息技术人员。")
    return _not_reviewed(path, problem, config)


def _not_reviewed(path: Path, problem: Problem, config: Config) -> FileReport:
    setting = config.rules.get(UNREADABLE_RULE)
    level = setting.level if setting and setting.level else Severity.ERROR
    return FileReport(path=str(path)).with_findings([stamp(UNREADABLE_RULE, level, problem)])
