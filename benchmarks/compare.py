"""Side-by-side speed of `validate` against the readers it is measured by:

    python benchmarks/compare.py [--files 200] [--batch 2000] [--no-libreoffice] [--fixtures DIR]

Builds realistic fixtures in a temporary folder: FILES filled templates of 20 projects x 8
indicators, re-saved through LibreOffice when it is installed (shared strings and a style on
every cell, as Excel and WPS write them), every third one with injected mistakes; the same
share saved as .xls and as .ods; the large workbook (2,000 projects, 10,000 indicators); a workbook of
50,000 indicator rows; and a BATCH-file folder (copies of the share) for memory. With
--fixtures DIR the fixtures are built into DIR once and reused by later runs (building them
through LibreOffice takes minutes).

Prints ms per file and the ratio to python-calamine's bare read of the same files (all sheets,
all cells) for: `validate -q` with 1 worker and with all workers (whole processes, start-up
included), openpyxl read-only (values only), frictionless validating the indicator sheet
against an equivalent table schema (when it is installed), and the unzip floor; then the large
workbooks, one small file's wall time, letters/s and annotated copies/s, and peak memory.
Speed is only ever measured here, never in unit tests."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_validate import build  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标"]
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], fmt: str, out: Path) -> list[Path]:
    """`files` saved by LibreOffice as `fmt` into `out` (one LibreOffice process)."""
    out.mkdir(parents=True, exist_ok=True)
    office = soffice()
    assert office is not None
    subprocess.run([office, "--headless", "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=1800)
    return sorted(out.glob(f"*.{fmt}"))


def inject_mistakes(paths: list[Path]) -> None:
    """Every third file: an amount that does not add up, a vague indicator value."""
    for path in paths[::3]:
        book = load_workbook(path)
        book["项目信息"]["C4"] = 9999
        book["绩效指标"]["F4"] = "较好"
        book.save(path)


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best wall seconds of `repeat` runs of `fn` in this process."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


# Runs the command and reports the peak RSS of the largest process below it (its own children
# only: the LibreOffice conversions of this script must not count).
_WRAP = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def process(args: list[str], repeat: int = 3) -> tuple[float, float]:
    """(median wall seconds, peak RSS MiB of the largest single process) over `repeat` runs."""
    walls, peak = [], 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", _WRAP, *args], capture_output=True, check=True, text=True)
        walls.append(time.perf_counter() - start)
        rss, code = result.stdout.split()
        if int(code) not in (0, 1):
            raise RuntimeError(f"{args} exited with {code}")
        peak = max(peak, int(rss) / 1024)
    walls.sort()
    return walls[len(walls) // 2], peak


def validate_args(target: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "validator", "validate", str(target), "-q", "--workers", str(workers)]


def calamine_read(paths: Iterable[Path]) -> None:
    from python_calamine import CalamineWorkbook

    for path in paths:
        with CalamineWorkbook.from_path(str(path)) as book:
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def unzip(paths: Iterable[Path]) -> None:
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                archive.read(name)


def openpyxl_read_only(paths: Iterable[Path]) -> None:
    for path in paths:
        book = load_workbook(path, read_only=True, data_only=True)
        for ws in book.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        book.close()


def frictionless_check(paths: list[Path]) -> Callable[[], None] | None:
    """The indicator sheet of each file validated against an equivalent table schema."""
    try:
        from frictionless import Checklist, Detector, Dialect, Resource, Schema, fields, formats
    except ImportError:
        return None
    schema = Schema(fields=[
        fields.StringField(name="项目名称", constraints={"required": True}),
        fields.StringField(name="一级指标", constraints={"required": True, "enum": LEVEL1}),
        fields.StringField(name="二级指标", constraints={"required": True}),
        fields.StringField(name="三级指标", constraints={"required": True}),
        fields.StringField(name="指标方向"),
        fields.StringField(name="指标值", constraints={"required": True}),
        fields.StringField(name="计量单位"),
        fields.StringField(name="备注"),
    ])
    control = formats.ExcelControl(sheet="绩效指标", preserve_formatting=False)
    dialect = Dialect(header_rows=[3], controls=[control])
    detector = Detector(schema_sync=True)

    def run() -> None:
        for path in paths:
            Resource(str(path), schema=schema, dialect=dialect, detector=detector).validate(checklist=Checklist())

    return run


def outputs(paths: list[Path], work: Path) -> tuple[float, float]:
    """(letters per second, annotated copies per second) for the share's report."""
    from validator.config.loader import load_config, office_settings
    from validator.engine import validate_paths
    from validator.outputs.annotate import annotate_all
    from validator.outputs.letter import write_letters

    config = load_config(ROOT / "rules.yaml")
    report = validate_paths(paths, config)
    letters = timed(lambda: write_letters(report, work / "letters", settings=office_settings(config)), 1)
    annotated = timed(lambda: annotate_all(report, work / "annotated"), 1)
    return len(paths) / letters, len(paths) / annotated


def fixtures(work: Path, files: int, resaved: bool) -> tuple[list[Path], dict[str, list[Path]], list[Path], list[Path]]:
    """(the share, the same share as .xls and .ods, the large workbook, the 50,000 rows),
    built into `work` unless a complete earlier build of the same size is there."""
    done = work / f"built-{files}-{'libreoffice' if resaved else 'openpyxl'}"
    if not done.exists():
        print(f"building fixtures in {work} ({CORES} cores) …", flush=True)
        for old in ("openpyxl", "share", "xls", "ods", "large", "rows50k", "large_lo", "rows50k_lo"):
            shutil.rmtree(work / old, ignore_errors=True)
        written = build(work / "openpyxl", files, 20, 8)
        inject_mistakes(written)
        if resaved:
            convert(written, "xlsx", work / "share")
            for fmt in ("xls", "ods"):
                convert(sorted((work / "share").glob("*.xlsx")), fmt, work / fmt)
        build(work / "large", 1, 2000, 5)
        build(work / "rows50k", 1, 5000, 10)
        if resaved:
            convert(sorted((work / "large").glob("*.xlsx")), "xlsx", work / "large_lo")
            convert(sorted((work / "rows50k").glob("*.xlsx")), "xlsx", work / "rows50k_lo")
        done.touch()
    suffix = "_lo" if resaved else ""
    share = sorted((work / ("share" if resaved else "openpyxl")).glob("*.xlsx"))
    others = {fmt: sorted((work / fmt).glob(f"*.{fmt}")) for fmt in ("xls", "ods") if resaved}
    return (share, others, sorted((work / f"large{suffix}").glob("*.xlsx")),
            sorted((work / f"rows50k{suffix}").glob("*.xlsx")))


def row(label: str, seconds: float, files: int, floor: float, note: str = "") -> str:
    ms = seconds / files * 1000
    ratio = f"{ms / floor:6.2f} x" if floor else "   —   "
    return f"| {label:<52} | {ms:9.2f} | {ratio} | {note}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--no-libreoffice", action="store_true", help="keep the files as openpyxl wrote them")
    parser.add_argument("--fixtures", type=Path, help="build the fixtures here once and reuse them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.fixtures or Path(tmp)
        resaved = not args.no_libreoffice and soffice() is not None
        share, others, large, rows50k = fixtures(work, args.files, resaved)
        share_dir = share[0].parent
        n = len(share)
        print(f"share: {n} files, {'re-saved by LibreOffice (shared strings)' if resaved else 'as openpyxl wrote them'}")

        floor = timed(lambda: calamine_read(share)) / n * 1000
        print("\n| | ms per file | × calamine bare read | |")
        print("|---|---:|---:|---|")
        print(row("python-calamine bare read (all sheets, all cells)", floor * n / 1000, n, floor))
        one, mem_one = process(validate_args(share_dir, 1))
        print(row("validate -q, 1 worker (whole process)", one, n, floor, f"peak {mem_one:.0f} MiB"))
        many, mem_many = process(validate_args(share_dir, CORES))
        print(row(f"validate -q, {CORES} workers (whole process)", many, n, floor,
                  f"peak {mem_many:.0f} MiB per process; speed-up {one / many:.2f}"))
        for fmt, files in others.items():  # the same share as .xls and .ods, beside the .xlsx row above
            other_one, _ = process(validate_args(files[0].parent, 1))
            other_floor = timed(lambda f=files: calamine_read(f)) / len(files) * 1000  # type: ignore[misc]
            print(row(f"validate -q, 1 worker, the same share as .{fmt}", other_one, len(files), floor,
                      f"calamine bare read of the .{fmt}: {other_floor:.2f} ms"))
        print(row("openpyxl read-only, values only", timed(lambda: openpyxl_read_only(share), 1), n, floor))
        sample = share[:20]
        check = frictionless_check(sample)
        if check is None:
            print('| frictionless (indicator sheet vs table schema) | not installed (pip install -e ".[bench]") | | |')
        else:
            print(row(f"frictionless: indicator sheet vs table schema ({len(sample)} files)", timed(check, 1),
                      len(sample), floor))
        print(row("unzip only (every part)", timed(lambda: unzip(share)), n, floor))

        print("\n| workbook | whole process (validate -q) | peak memory | calamine bare read |")
        print("|---|---:|---:|---:|")
        for label, path in (("2,000 projects / 10,000 indicators", large[0]), ("50,000 indicator rows", rows50k[0])):
            wall, mem = process(validate_args(path, 1))
            bare = timed(lambda p=path: calamine_read([p]))  # type: ignore[misc]
            print(f"| {label} | {wall:.2f} s | {mem:.0f} MiB | {bare:.2f} s |")
        small, small_mem = process(validate_args(share[0], 1), repeat=5)
        print(f"| one small file (20 projects × 8 indicators) | {small:.2f} s | {small_mem:.0f} MiB | |")

        batch = work / "batch"
        shutil.rmtree(batch, ignore_errors=True)
        batch.mkdir()
        for i in range(args.batch):
            shutil.copyfile(share[i % n], batch / f"{i:05d}.xlsx")
        wall, mem = process(validate_args(batch, 1), repeat=1)
        print(f"| {args.batch}-file batch, 1 worker | {wall:.1f} s ({wall / args.batch * 1000:.1f} ms per file) | "
              f"{mem:.0f} MiB | |")

        letters, annotated = outputs(share[:50], work)
        print(f"\nletters: {letters:.0f} per second; annotated copies: {annotated:.0f} per second "
              f"({len(share[:50])} files)")


if __name__ == "__main__":
    main()
