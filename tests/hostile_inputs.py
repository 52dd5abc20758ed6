"""Generators of hostile inputs for the tests: workbooks whose cells hold what openpyxl
would refuse to write (more than Excel's 32,767 characters), names a sender may choose,
and inbox entries that are not plain files. Everything is made in code, deterministically."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from helpers import Sub, write_sub

MARK = "HOSTILEMARK"


def cjk_text(chars: int, *, seed: int = 14) -> str:
    """`chars` varied Chinese characters: long, yet compressible only about 2:1, as real
    text is (a repeated character would be refused as a zip bomb)."""
    alphabet = [chr(0x4E00 + n) for n in range(3000)]
    return "".join(random.Random(seed).choices(alphabet, k=chars))


def with_raw_text(path: Path, sub: Sub, text: str) -> Path:
    """Write `sub` (one of its cells holding MARK), then put `text` in place of MARK in the
    stored XML, as another program could write it: openpyxl itself cuts text at 32,767."""
    plain = write_sub(path.with_name(path.stem + "-plain.xlsx"), sub)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace(MARK.encode(), escaped))
    plain.unlink()
    return path


SECRET = b"SECRET-OUTSIDE-THE-INBOX-7f3a"
HOSTILE_NAMES = ("-rf.xlsx", "=cmd.xlsx", "+1.xlsx", "@SUM.xlsx", "'引号.xlsx", '"双引号".xlsx', "CON.xlsx", "nul.xlsx",
                 "COM1.xlsx", " 前有空格.xlsx", "换\n行.xlsx", "某" * 78 + ".xlsx", "-.xlsx", "-..xlsx")
HOSTILE_UNITS = ("../../etc", "某市/司法局", "某市_司法局", "CON", '=HYPERLINK("http://x","点我")', "-rf", "..",
                 "未识别单位", "@cmd", "某市司法局")
FORMULA_TEXTS = ("=1+1", '=HYPERLINK("http://evil","点我")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "=DDE(\"x\")")


def hostile_subs() -> list[tuple[str, Sub]]:
    """(file name, submission) pairs: hostile names, units and formula-looking text."""
    from helpers import good_sub

    made: list[tuple[str, Sub]] = []
    for n, name in enumerate(HOSTILE_NAMES):
        sub = good_sub()
        sub.department = HOSTILE_UNITS[n % len(HOSTILE_UNITS)]
        text = FORMULA_TEXTS[n % len(FORMULA_TEXTS)]
        sub.projects[0] = (text if n % 3 == 0 else f"项目{n}", sub.department, 600, 500, 0, 100,
                           text + "，全年开展法治讲座不少于48场，覆盖全市11个区。")
        sub.indicators = [(sub.projects[0][0], *row[1:]) for row in sub.indicators]
        made.append((name, sub))
    return made


def many_errors_sub(rows: int) -> Sub:
    """A table with `rows` indicator rows, each with an error (an unknown category)."""
    from helpers import good_sub

    sub = good_sub()
    sub.indicators += [("普法经费", "奇怪指标", "数量指标", f"指标{n}", "≥", "1", "个", "") for n in range(rows)]
    return sub


def write_as_text(path: Path, sub: Sub) -> Path:
    """`sub` written with formula-looking text stored as text (as a unit typing `'=1+1` gets):
    openpyxl would otherwise store `=1+1` as a live formula."""
    from openpyxl import load_workbook

    write_sub(path, sub)
    book = load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    book.save(path)
    return path
