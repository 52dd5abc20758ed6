"""Benchmark of reading and checking the two other layouts:
python benchmarks/bench_layouts.py [--projects P] [--indicators K] [--runs R]

Builds a budget-system export (P projects x K indicators, one indicator per row, project
fields merged down) and a national-form workbook (P sheets of K indicators), then prints, per
layout, the best of R runs of `read_submission` and of the whole validation (all rules), with
indicator rows per second. Speed is measured here, never in unit tests."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from layout_builders import Form, RowProject, write_national, write_rowwise  # noqa: E402

from validator.config.loader import load_config  # noqa: E402
from validator.engine import validate_file  # noqa: E402
from validator.reader import read_submission  # noqa: E402

KINDS = [("产出指标", "数量指标", "≥", "48", "场"), ("产出指标", "质量指标", "≥", "95", "%"),
         ("效益指标", "社会效益指标", "=", "100", "%"), ("满意度指标", "服务对象满意度指标", "≥", "90", "%")]


def _indicators(k: int) -> list[tuple[object, ...]]:
    return [(l1, l2, f"指标{i:02d}", op, v, u, "10") for i, (l1, l2, op, v, u) in
            ((i, KINDS[i % len(KINDS)]) for i in range(k))]


def _best(runs: int, job: object) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        job()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--indicators", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        export = write_rowwise(Path(tmp) / "export.xlsx", [
            RowProject(f"项目{p:03d}", "600.00", "500.00", "100.00", indicators=_indicators(args.indicators))
            for p in range(args.projects)])
        forms = write_national(Path(tmp) / "forms.xlsx", [
            Form(f"项目{p:03d}", indicators=_indicators(args.indicators)) for p in range(args.projects)])
        rows = args.projects * args.indicators
        print(f"{args.projects} 个项目 × {args.indicators} 条指标（共 {rows} 条），取 {args.runs} 次中最快的一次：")
        for label, path in (("预算系统导出", export), ("申报表", forms)):
            read = _best(args.runs, lambda p=path: read_submission(p))
            whole = _best(args.runs, lambda p=path: validate_file(p, config))
            print(f"  {label}：读取 {read:.3f} s，审核（含读取）{whole:.3f} s，{rows / whole:,.0f} 条指标/秒")


if __name__ == "__main__":
    main()
