"""Throughput of the value parser over a realistic mixed corpus.

    python benchmarks/bench_threshold.py [--rounds 200]

The corpus is every (name, value) pair of the 2023 seed table plus a set of other written forms
and numeric cells (percentage cells, date serials), parsed with their indicator names as a
reader would. Prints values per second (best of three runs); nothing is cached between calls.
Then the slowest of the long adversarial cells (30,000 characters, below Excel's 32,767 per
cell) that made the parser backtrack before issue 14, each timed once."""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.values.threshold import parse_threshold  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed_2023.txt"
_INDICATOR = re.compile(r"(\d+)、(\S{1,12}?指标)：(.*?)，年度指标值：(.*?)。(?=\s*\d+、|\s*$|（)")

EXTRA: list[tuple[str | None, Any, str | None]] = [
    ("合格率", "≥９５％", None), ("时长", "24小时内", None), ("人数", "1.5万人次", None),
    ("投资", "3亿元", None), ("处理时间", "小于十分钟", None), ("数量", "二十个", None),
    ("满意度", "≥98百分比", None), ("完成时间", "2023年12月底前完成", None), ("质量", "优良", None),
    ("成效", "有效提升", None), ("数量", "待定", None), ("合格率", "XX%", None),
    ("合格率", "≥≥95%", None), ("区间", "90%-95%", None), ("合格率", 0.95, "0%"),
    ("完成时间", 44561, "General"), ("完成时间", datetime(2023, 12, 31), "yyyy-mm-dd"),
    ("学时", "处级≥110学分 科级≥90学分", None), ("面积", "≥1,000平方米", None), ("数量", None, None),
]


# Long cells that were quadratic or exponential before the grammar became linear.
HOSTILE: dict[str, str] = {
    "≥×30000": "≥" * 30_000, "9×30000": "9" * 30_000, "大于等于×40+字": "大于等于" * 40 + "字",
    "2023年×6000": "2023年" * 6_000, "≥9×15000": "≥9" * 15_000, "95%，×7500": "95%，" * 7_500,
}


def corpus() -> list[tuple[str | None, Any, str | None]]:
    items: list[tuple[str | None, Any, str | None]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 7:
            items += [(m[3], m[4], None) for m in _INDICATOR.finditer(cols[6])]
    return items + EXTRA


def run(items: list[tuple[str | None, Any, str | None]], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for name, value, number_format in items:
            parse_threshold(value, name=name, number_format=number_format)
    return len(items) * rounds / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    items = corpus()
    best = max(run(items, args.rounds) for _ in range(3))
    print(f"{len(items)} values x {args.rounds} rounds: {best:,.0f} values/second")
    for label, value in HOSTILE.items():
        start = time.perf_counter()
        parse_threshold(value)
        print(f"{label:>16} ({len(value):,} characters): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
