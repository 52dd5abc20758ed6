"""Benchmark of the inbox bot: python benchmarks/bench_bot.py [--files N] [--projects P] [--indicators K]

Fills a temporary inbox with N submissions (every third one fails funds-row-total), runs one
pass of `process_inbox` and prints seconds per submission with the share of the time spent in
each step (archive copy, validation, letter, annotated copy, summary; the work done in the
worker process is timed from the bot's side, so it includes passing the report across),
then a second pass over the empty inbox (the cost of an idle scheduled run)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bench_validate import build  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from validator.bot import runner as bot  # noqa: E402
from validator.bot.settings import BotSettings  # noqa: E402
from validator.config.loader import load_config  # noqa: E402

TIMED = ("copy_to_archive", "write_note", "write_summary")
WORKER = {"ready": "worker start-up", "review": "validate (worker)", "letter": "letter (worker)",
          "annotated": "annotate (worker)"}


def timed(spent: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return wrapper


def fail_some(inbox: Path) -> None:
    for path in sorted(inbox.iterdir())[::3]:
        book = load_workbook(path)
        book["项目信息"]["C4"] = 9999
        book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--projects", type=int, default=5)
    parser.add_argument("--indicators", type=int, default=8)
    args = parser.parse_args()
    spent: dict[str, float] = defaultdict(float)
    for name in TIMED:
        setattr(bot, name, timed(spent, name, getattr(bot, name)))
    real_work = bot._Pass._work

    def work(self: bot._Pass, fn: Callable[..., Any], *args: Any) -> Any:
        return timed(spent, WORKER[fn.__name__], lambda: real_work(self, fn, *args))()

    bot._Pass._work = work  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "inbox").mkdir()
        build(root / "inbox", args.files, args.projects, args.indicators)
        fail_some(root / "inbox")
        settings = BotSettings.build(base_dir=root, settle_seconds=0, config=load_config(ROOT / "rules.yaml"))
        start = time.perf_counter()
        result = bot.process_inbox(settings)
        total = time.perf_counter() - start
        start = time.perf_counter()
        bot.process_inbox(settings)
        idle = time.perf_counter() - start
    answered = len(result.answered)
    print(f"process_inbox: {answered} submissions ({args.projects} projects x {args.indicators} indicators each)")
    print(f"  {total:.2f} s for the pass, {total / answered:.3f} s per submission")
    for name in (*TIMED, *WORKER.values()):
        if spent[name]:
            print(f"  {name:18} {spent[name]:6.2f} s  {spent[name] / total:4.0%}")
    print(f"  ledger, hashing, file moves: {1 - sum(spent.values()) / total:.0%}; idle pass {idle * 1000:.0f} ms")


if __name__ == "__main__":
    main()
