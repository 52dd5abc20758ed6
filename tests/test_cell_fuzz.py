"""Hostile cell contents through the whole answer: review, letter, annotated copy (bounded)
and summary. Whatever a cell holds (formula-looking text, control characters, huge or odd
numbers, dates, emoji, bidi controls), nothing raises, every output opens again, no output
cell becomes a formula, and the submission stays byte-identical."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from helpers import good_sub, write_sub
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_messy_inputs import FORMATS, MESSY, put

from validator.config.loader import load_config, office_settings
from validator.engine import validate_file
from validator.model import Report
from validator.outputs.annotate import annotate_workbook
from validator.outputs.letter import write_letter
from validator.outputs.summary import write_summary

EXAMPLES = int(os.environ.get("CELL_FUZZ_EXAMPLES", "40"))
CONFIG = load_config()
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
EDITS = st.lists(st.tuples(st.sampled_from(["项目信息", "绩效指标"]), st.integers(4, 6), st.integers(1, 8), MESSY,
                           FORMATS), min_size=1, max_size=8)


def _template() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_sub(Path(folder) / "t.xlsx", good_sub()).read_bytes()


TEMPLATE = _template()


def _no_formulas(path: Path) -> None:
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, ws.title, cell.coordinate, cell.value)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_any_cells_give_complete_safe_answers(edits: list[tuple[str, int, int, Any, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "报送.xlsx"
        source.write_bytes(TEMPLATE)
        book = load_workbook(source)
        for sheet, row, col, value, number_format in edits:
            put(book[sheet], row, col, value, number_format)
        book.save(source)
        before = hashlib.sha256(source.read_bytes()).hexdigest()
        report = validate_file(source, CONFIG)
        letter = write_letter(report, root / "意见.docx", settings=office_settings(CONFIG), today=date(2026, 12, 1))
        assert docx.Document(str(letter)).paragraphs
        annotated = annotate_workbook(report, source, root / "标注.xlsx", listed=3)
        if annotated is not None:
            listing = load_workbook(annotated)["审核意见"]
            assert listing.max_row <= 3 + 2
        summary = write_summary(Report((report,)), root / "汇总.xlsx")
        _no_formulas(summary)
        if annotated is not None:
            listing_book = load_workbook(annotated)
            for row in listing_book["审核意见"].iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (cell.coordinate, cell.value)
        assert hashlib.sha256(source.read_bytes()).hexdigest() == before
