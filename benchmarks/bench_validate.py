"""Benchmark of `validate`: python benchmarks/bench_validate.py [--files N] [--projects P] [--indicators K]

Builds N filled template workbooks (P projects, K indicators each) in a temporary folder,
validates them with the default rules and prints files/second, indicator rows/second, the
share of time spent reading, and peak memory. Speed targets are measured here, never in
unit tests."""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import GOOD_GOAL, Sub, write_sub  # noqa: E402

from validator.config.loader import load_config  # noqa: E402
from validator.engine import validate_paths  # noqa: E402
from validator.reader import read_submission  # noqa: E402

CATEGORIES = [("产出指标", "数量指标", "≥", "48", "场"), ("产出指标", "质量指标", "≥", "95", "%"),
              ("效益指标", "社会效益指标", "=", "100", "%"), ("满意度指标", "服务对象满意度指标", "≥", "90", "%")]


def build(folder: Path, files: int, projects: int, indicators: int) -> list[Path]:
    paths = []
    for f in range(files):
        sub = Sub(department=f"单位{f}")
        for p in range(projects):
            name = f"项目{p:03d}"
            sub.projects.append((name, f"单位{f}", 600 + p, 500 + p, 0, 100, GOOD_GOAL))
            for i in range(indicators):
                level1, level2, op, value, unit = CATEGORIES[i % len(CATEGORIES)]
                sub.indicators.append((name, level1, level2, f"指标{i:02d}", op, value, unit, ""))
        paths.append(write_sub(folder / f"sub{f:03d}.xlsx", sub))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--indicators", type=int, default=8)
    args = parser.parse_args()
    config = load_config(ROOT / "rules.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.files, args.projects, args.indicators)
        start = time.perf_counter()
        for path in paths:
            read_submission(path)
        reading = time.perf_counter() - start
        start = time.perf_counter()
        report = validate_paths([Path(tmp)], config)
        total = time.perf_counter() - start
    rows = args.files * args.projects * args.indicators
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"validate: {args.files} files x {args.projects} projects x {args.indicators} indicators "
          f"= {rows} indicator rows")
    print(f"  {total:.2f} s total, {args.files / total:.1f} files/s, {rows / total:.0f} indicator rows/s")
    print(f"  reading: {reading / total:.0%} of the time; findings: {report.summary().errors} errors, "
          f"{report.summary().warnings} warnings; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
