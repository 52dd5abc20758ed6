"""The hostile corpus, timed: python benchmarks/bench_hostile.py [--goal-chars N]

Builds the hostile inputs of the tests (tests/hostile_inputs.py) plus a goal of N characters
(default 10 million) and a table with 20,000 error rows, reviews each one in the bot's
worker under limits.seconds_per_file, and prints each input's time, the slowest, and counts
of crashes (an exception or an internal-error finding) and inputs past the time limit. Each
time covers review, letter and annotated copy, as the bot's deadline does."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import good_sub, write_sub  # noqa: E402
from hostile_inputs import MARK, cjk_text, hostile_subs, many_errors_sub, with_raw_text, write_as_text  # noqa: E402

from validator.bot import work  # noqa: E402
from validator.config.limits import limits_of  # noqa: E402
from validator.config.loader import load_config, office_settings  # noqa: E402
from validator.deadline import DeadlineExceeded, DeadlineWorker  # noqa: E402


def corpus(folder: Path, goal_chars: int) -> list[Path]:
    paths = [write_as_text(folder / name.replace("\n", "_"), sub) for name, sub in hostile_subs()]
    paths.append(write_sub(folder / "两万个错误.xlsx", many_errors_sub(20_000)))
    long_goal = good_sub()
    long_goal.projects[0] = (*long_goal.projects[0][:6], MARK)
    paths.append(with_raw_text(folder / "超长目标.xlsx", long_goal, cjk_text(goal_chars)))
    for name, data in (("乱码.xlsx", os.urandom(4096)), ("空.xlsx", b""), ("旧版.xls", b"\xd0\xcf\x11\xe0" + bytes(508))):
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _step(budget: tuple[DeadlineWorker, float, float, list[str]], fn: Any, *args: Any) -> Any:
    """`fn(*args)` in the worker within what is left of the file's one budget, as in the bot."""
    worker, start, limit, steps = budget
    began = time.perf_counter()
    try:
        return worker.run(fn, *args, seconds=max(limit - (began - start), 0.0))
    finally:
        steps.append(f"{fn.__name__} {time.perf_counter() - began:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--goal-chars", type=int, default=10_000_000)
    args = parser.parse_args()
    config = load_config(ROOT / "rules.yaml")
    limits, office = limits_of(config), office_settings(config)
    crashes = late = 0
    times: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory() as tmp, DeadlineWorker() as worker:
        folder = Path(tmp)
        paths = corpus(folder, args.goal_chars)
        worker.run(work.ready, seconds=120)
        for path in paths:
            start = time.perf_counter()
            steps: list[str] = []
            budget = (worker, start, limits.seconds_per_file, steps)
            try:
                report = _step(budget, work.review, str(path), path.name, config)
                _step(budget, work.letter, report, str(folder / "意见.docx"), office, date.today(), None)
                _step(budget, work.annotated, report, str(path), str(folder / "标注.xlsx"), limits.findings_listed)
                crashes += any("内部错误" in f.message for f in report.findings)
            except DeadlineExceeded:
                late += 1
                steps.append("past the limit")
            except Exception as exc:  # counted, and the corpus goes on
                print(f"  crash on {path.name}: {exc!r}")
                crashes += 1
            times.append((time.perf_counter() - start, f"{path.name[:30]} ({', '.join(steps)})"))
    for seconds, name in sorted(times, reverse=True)[:5]:
        print(f"  {seconds:6.2f} s  {name}")
    slowest = max(times)
    print(f"{len(times)} inputs, {crashes} crashes, {late} past {limits.seconds_per_file:g} s; "
          f"slowest {slowest[0]:.2f} s: {slowest[1]}")


if __name__ == "__main__":
    main()
