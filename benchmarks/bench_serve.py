"""Benchmark of the self-check page: python benchmarks/bench_serve.py [--uploads N] [--projects P] [--indicators K]

Starts the real `validator serve` on 127.0.0.1 and a free port, then uploads a normal table
(default 5 projects × 8 indicators, one failing) N times one after another, and prints the time
from sending the file to having the answer: the HTML page with the findings, and the JSON
document. Finally a burst of 4 concurrent uploads (2 workers)."""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import urllib3  # noqa: E402
from bench_validate import build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--projects", type=int, default=5)
    parser.add_argument("--indicators", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = build(Path(tmp), 1, args.projects, args.indicators)[0]
        data = table.read_bytes()
        started = time.perf_counter()
        server = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", "0"], cwd=tmp,
                                  stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert server.stderr is not None
        port = re.search(r":(\d+)/", server.stderr.readline())
        assert port, "server did not start"
        print(f"start-up (workers warm): {time.perf_counter() - started:.2f} s")
        url = f"http://127.0.0.1:{port.group(1)}/check"
        http = urllib3.PoolManager(maxsize=4)
        try:
            for accept in ("text/html", "application/json"):
                times = [_upload(http, url, data, accept) for _ in range(args.uploads)]
                print(f"{accept:17} {args.projects} projects × {args.indicators} indicators, {len(data) // 1024} KB: "
                      f"median {statistics.median(times):.3f} s, max {max(times):.3f} s over {len(times)} uploads")
            burst = time.perf_counter()
            with ThreadPoolExecutor(4) as pool:
                list(pool.map(lambda _: _upload(http, url, data, "application/json"), range(4)))
            print(f"4 concurrent uploads: all answered in {time.perf_counter() - burst:.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


def _upload(http: urllib3.PoolManager, url: str, data: bytes, accept: str) -> float:
    start = time.perf_counter()
    answer = http.request("POST", url, fields={"file": ("某单位_绩效目标表.xlsx", data)}, headers={"Accept": accept})
    assert answer.status == 200, answer.status
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
