"""Throughput of the three outputs: letters, annotated copies and the summary workbook.

    python benchmarks/bench_outputs.py [N]   (default N = 50 files, ~20 findings each)

Builds N small workbooks and a hand-made report over them in a temporary directory, then
times each output. A plain script: no pytest, no plugins."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validator.config.office import OfficeSettings
from validator.model import FileReport, Finding, Report, Severity
from validator.outputs.annotate import annotate_all
from validator.outputs.letter import write_letters
from validator.outputs.summary import write_summary

SHEET = "项目绩效目标"
FINDINGS_PER_FILE = 20
ROWS = 60


def make_workbook(path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    ws.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "总计"])
    for row in range(ROWS):
        ws.append([f"项目{row // 6}", "产出指标", "数量指标", f"指标{row}", "≥95%", 100 + row])
    workbook.save(path)


def make_findings(index: int) -> tuple[Finding, ...]:
    findings = []
    for n in range(FINDINGS_PER_FILE):
        severity = Severity.ERROR if n % 3 == 0 else Severity.WARNING
        findings.append(Finding(
            rule=f"rule-{n % 7}", severity=severity, message=f"第{n}个问题：指标值“≥95%”无法衡量",
            suggestion="改为可衡量的数值", sheet=SHEET, cell=f"{'ABCDEF'[n % 6]}{2 + n * 2}",
            project=f"项目{n // 6}", indicator=f"指标{n}", value="≥95%",
        ))
    return tuple(findings)


def make_report(folder: Path, files: int) -> Report:
    reports = []
    for index in range(files):
        path = folder / f"单位{index}_绩效目标表.xlsx"
        make_workbook(path)
        reports.append(FileReport(path=str(path), findings=make_findings(index), unit=f"某市第{index}局", year=2026,
                                  received=datetime(2026, 11, 20, 9, 0), projects=tuple(f"项目{p}" for p in range(10)),
                                  indicators=ROWS))
    return Report(files=tuple(reports))


def timed(label: str, count: int, action: object) -> None:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    rate = f"{count / elapsed:8.1f} per second" if count else ""
    print(f"{label:<18}{elapsed:8.2f} s  {rate}")


def main(files: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = make_report(folder, files)
        print(f"{files} files x {FINDINGS_PER_FILE} findings")
        settings = OfficeSettings(contact="张三", phone="0571-87000000")
        timed("letters", files, lambda: write_letters(report, folder / "letters", settings=settings,
                                                      today=date(2026, 11, 28)))
        timed("annotated copies", files, lambda: annotate_all(report, folder / "annotated"))
        timed("summary", 0, lambda: write_summary(report, folder / "summary.xlsx"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
