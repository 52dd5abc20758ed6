"""CSV exports (comma-separated, UTF-8 with or without BOM, or GB18030), read like the
tab-separated text tables: one `Grid` whose cells are located as `第N行第M列`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from validator.reader.errors import UnreadableFile
from validator.reader.grid import Grid
from validator.reader.textfile import SNIFF_BYTES, SNIFF_LINES, decode, read_bytes, text_grid

CSV_SUFFIX = ".csv"
_SAVE_AS_CSV = "请把表格另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重新提交。"


def load_csv_grid(path: Path) -> Grid:
    """The whole file as one grid (quoted fields may hold commas and line breaks)."""
    data = read_bytes(path)
    if b"\x00" in data[:65536]:
        raise UnreadableFile("文件不是文本表格（含有二进制内容）。", _SAVE_AS_CSV)
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise UnreadableFile("无法识别文本文件的编码（不是 UTF-8 或 GB18030）。", _SAVE_AS_CSV, detail=str(exc)) from exc
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadableFile("CSV 文件格式有误，无法读取。", _SAVE_AS_CSV, detail=str(exc)) from exc
    grid = text_grid(path.name, "\n".join("\t".join(_flat(v) for v in row) for row in rows))
    return grid


def _flat(value: str) -> str:
    """A field as one text-table cell (its own tabs and line breaks become spaces)."""
    return value.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def looks_like_csv_table(path: Path) -> bool:
    """Whether a .csv found in a folder is worth reading: one of its first lines is a
    comma-separated header naming 项目名称 (so unrelated exports stay quiet)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        lines = decode(head, final=False).splitlines()[:SNIFF_LINES]
    except (OSError, UnicodeDecodeError):
        return False
    return any("," in line and "项目名称" in line for line in lines)
