"""The real 2023 table (tests/data/seed_2023.txt, the published flat layout) as indicator
values and as a Submission the rules can run on, extracted here by one plain regex,
independently of validator.reader: test_reader_published checks that the reader yields
the same records, so each side checks the other. Every part of an indicator points at the
shared cell (第N行第7列), as the flat layout does."""

from __future__ import annotations

import re
from pathlib import Path

from validator.records import Cell, Indicator, Submission

SEED = Path(__file__).parent / "data" / "seed_2023.txt"
_INDICATOR = re.compile(r"(\d+)、(\S{1,12}?指标)：(.*?)，年度指标值：(.*?)。(?=\s*\d+、|\s*$|（)")


def seed_indicators() -> list[tuple[str, str, str]]:
    """(project, indicator name, annual value) for every indicator of the seed table."""
    return [(ind.project.text, ind.name.raw, ind.value.raw)  # type: ignore[union-attr]
            for ind in seed_submission().indicators]


def seed_submission() -> Submission:
    indicators = []
    for row, line in enumerate(SEED.read_text(encoding="utf-8").splitlines(), start=1):
        cols = line.split("\t")
        if len(cols) < 7 or "年度指标值" not in cols[6]:
            continue
        project, where = Cell(None, f"第{row}行第1列", cols[0]), f"第{row}行第7列"
        for m in _INDICATOR.finditer(cols[6]):
            indicators.append(Indicator(project=project, name=Cell(None, where, m[3]),
                                        value=Cell(None, where, m[4]), level1=Cell(None, where, m[2]),
                                        position=int(m[1])))
    return Submission(path=SEED, layout="published", indicators=indicators)
