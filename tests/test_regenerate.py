"""Every output is a function of the report: a report saved as JSON and loaded again gives
the same letters, annotated copies and summary."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
from builders import TEMPLATE_ROWS, failed_file, passed_file, unreadable_file, warnings_file
from openpyxl import load_workbook

from validator.config.office import OfficeSettings
from validator.model import Report
from validator.outputs.annotate import annotate_all
from validator.outputs.letter import write_letters
from validator.outputs.summary import write_summary

SETTINGS = OfficeSettings(contact="张三", phone="0571-1")


def letter_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def workbook_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}


def outputs(report: Report, folder: Path) -> tuple[list[list[str]], list[dict], dict]:
    letters = write_letters(report, folder / "letters", settings=SETTINGS, today=date(2026, 11, 28))
    copies = annotate_all(report, folder / "annotated")
    summary = write_summary(report, folder / "summary.xlsx")
    return [letter_text(p) for p in letters], [workbook_values(p) for p in copies], workbook_values(summary)


def test_outputs_regenerate_from_saved_json(make_workbook: Callable[..., Path], tmp_path: Path) -> None:
    readable = [failed_file(), warnings_file(), passed_file()]
    files = [replace(fr, path=str(make_workbook(TEMPLATE_ROWS, name=f"inbox/{fr.name}"))) for fr in readable]
    report = Report(files=(*files, unreadable_file()))
    saved = tmp_path / "report.json"
    saved.write_text(report.to_json(), encoding="utf-8")
    reloaded = Report.from_json(saved.read_text(encoding="utf-8"))
    first = outputs(report, tmp_path / "first")
    second = outputs(reloaded, tmp_path / "second")
    assert first == second
    letters, copies, summary = second
    assert len(letters) == 4 and len(copies) == 3 and len(summary["汇总"]) == 1 + 1 + 4 + 1  # title, header, totals
