"""Tab-separated text tables (.txt/.tsv), as extracted from published documents: the file
becomes one `Grid` whose cells are located as `第N行第M列`.

Text cells carry no sheet (`Cell.sheet` is None), so a finding reads `文件:第12行第7列`; the
grid itself is named after the file for messages about the table as a whole."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from validator.reader.errors import UnreadableFile
from validator.reader.grid import Grid, coordinate
from validator.records import Cell

TEXT_SUFFIXES = frozenset({".txt", ".tsv"})
MAX_TEXT_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 40
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_HEADER_WORDS = ("项目名称", "绩效指标")
# Besides 项目名称, a header names 绩效指标 (the published layout) or 指标值 (one indicator per row).
_SECOND_WORDS = ("绩效指标", "指标值")
_SAVE_AS_TEXT = "请把表格另存为“文本文件（制表符分隔）”（UTF-8 或 GB18030 编码），或另存为 .xlsx 后重新提交。"


def decode(data: bytes, *, final: bool = True) -> str:
    """Bytes to text: a BOM decides, else UTF-8, else GB18030 (which covers GBK and GB2312).
    A table in UTF-8 (or the BOM's encoding) with a few stray bytes, from a cut or spliced
    copy, is read with the bad bytes as U+FFFD rather than rejected or read as GB18030
    mojibake. `final=False` is for the first bytes of a longer file: a character cut at the
    end is dropped instead of failing."""
    encodings = [e for bom, e in _BOMS if data.startswith(bom)][:1] or ["utf-8", "gb18030"]
    decoded: list[str] = []
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            decoded.append(_decoder(encoding).decode(data, final))
        except UnicodeDecodeError as exc:
            error = error or exc
        if decoded and _HEADER_WORDS[0] in decoded[-1]:
            return decoded[-1]
    lenient = _decoder(encodings[0], "replace").decode(data, final)
    if _HEADER_WORDS[0] in lenient:
        return lenient
    if decoded:
        return decoded[0]
    assert error is not None
    raise error


def _decoder(encoding: str, errors: str = "strict") -> codecs.IncrementalDecoder:
    return codecs.getincrementaldecoder(encoding)(errors)


def load_text_grid(path: Path) -> Grid:
    """The whole file as one grid; raises UnreadableFile for empty, binary or undecodable files."""
    data = read_bytes(path)
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith(tuple(b for b, _ in _BOMS[1:])):
        raise UnreadableFile("文件不是文本表格（含有二进制内容）。", _SAVE_AS_TEXT)
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        raise UnreadableFile("无法识别文本文件的编码（不是 UTF-8 或 GB18030）。", _SAVE_AS_TEXT,
                             detail=str(exc)) from exc
    return text_grid(path.name, text)


def text_grid(name: str, text: str) -> Grid:
    rows = [
        [_cell(r, c, value) for c, value in enumerate(line.split("\t"))]
        for r, line in enumerate(_LINE_BREAK.split(text))
    ]
    return Grid(name, rows, is_text=True)


def looks_like_published_text(path: Path) -> bool:
    """Whether a text file found in a folder is worth reading: one of its first lines is a
    tab-separated header naming 项目名称 and 绩效指标 (or 指标值). Anything else is not picked up."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        text = decode(head, final=False)
    except (OSError, UnicodeDecodeError):
        return False
    lines = _LINE_BREAK.split(text)[:SNIFF_LINES]
    return any("\t" in line and _HEADER_WORDS[0] in line and any(w in line for w in _SECOND_WORDS) for line in lines)


def read_bytes(path: Path) -> bytes:
    """A text table's bytes, refused as unreadable when too large, missing or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise UnreadableFile("文本文件过大，不像是绩效目标表。", "请只提交绩效目标表本身。")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile("无法读取文件（文件不存在或没有读取权限）。", "请确认文件完整后重新提交。",
                             detail=str(exc)) from exc
    if not data.strip():
        raise UnreadableFile("文件为空，可能上传或保存未完成。", "请重新保存表格后再提交。")
    return data


def _cell(row: int, col: int, value: str) -> Cell | None:
    if not value.strip():
        return None
    return Cell(None, coordinate(row, col, text=True), value)
