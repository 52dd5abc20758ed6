"""`validate --workers N`: files reviewed in N worker processes, results merged in input order,
so the report holds the same findings in the same order as with one worker. Each file runs
under `limits.seconds_per_file` (`DeadlineWorker`): a file past it is answered
无法在限定时间内审核 and its worker replaced, so one hostile file never holds the batch.
Memory stays flat: each worker holds one file at a time and the parent keeps only reports.

The workers are started together before the threads that feed them, so on Linux each is forked
from this process (already started, everything imported) and costs about one file's review; a
worker replaced after a crash or a missed deadline is spawned (see `deadline.can_fork`)."""

from __future__ import annotations

import os
import queue
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from validator.config.limits import limits_of
from validator.config.loader import Config
from validator.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed, can_fork
from validator.engine import collect_files, stamp, validate_file, validate_paths
from validator.model import UNREADABLE_RULE, FileReport, Report, Severity
from validator.rules.base import Problem

Progress = Callable[[Path], None]


# A batch gets one more worker per this many files, so each pays back its start (measured by
# benchmarks/compare.py on 2 cores): a spawned worker interpreter costs about as much as
# reviewing 20-30 files, a forked one about one file.
FILES_PER_WORKER = {"spawn": 40, "fork": 4}


def default_workers(files: int | None = None) -> int:
    """One worker per core this process may use; for a batch of `files`, no more workers than
    pay back their start (one per FILES_PER_WORKER files, by how a worker would start now)."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        cores = max(1, os.cpu_count() or 1)
    if files is None:
        return cores
    return max(1, min(cores, files // FILES_PER_WORKER["fork" if can_fork() else "spawn"]))


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
    started = [DeadlineWorker(fork=True) for _ in range(workers)]
    idle: queue.SimpleQueue[DeadlineWorker] = queue.SimpleQueue()

    def one(path: Path) -> FileReport:
        worker = idle.get()  # one file per worker at a time; never waits (one thread per worker)
        try:
            return worker.run(validate_file, path, config, seconds=seconds)
        except DeadlineExceeded:
            return timed_out(path, seconds, config)
        except WorkerCrashed as exc:  # noticed at once; the next file gets a fresh worker
            return crashed(path, exc, config)
        finally:
            idle.put(worker)

    try:
        for worker in started:  # before the threads below exist: forked where the platform allows
            idle.put(worker.start())
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
