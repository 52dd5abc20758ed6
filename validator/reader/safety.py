"""Checks on the raw file before any parser sees it: empty, .xls, encrypted, not a zip,
zip bombs, merged-cell bombs. Each failure is an UnreadableFile with a Chinese explanation."""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from openpyxl.utils import column_index_from_string

from validator.reader.errors import UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
# openpyxl creates an object for every cell of a merged area while loading: one line of XML
# merging whole columns (H1:J1048576) takes half a minute, the whole sheet never finishes.
MAX_MERGED_CELLS = 500_000
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_CHUNK = 1 << 20
SAVE_AS = "请在 Excel 或 WPS 中打开后选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再重新提交。"


def check_workbook_file(path: Path) -> None:
    """Raise UnreadableFile unless `path` looks like a safe .xlsx package."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnreadableFile("无法读取文件（文件不存在或没有读取权限）。", "请确认文件完整后重新提交。", detail=str(exc)) from exc
    if size == 0:
        raise UnreadableFile("文件为空（0 字节），可能上传或保存未完成。", "请重新保存表格后再提交。")
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if not head.startswith(ZIP_MAGIC):
        raise UnreadableFile("文件不是有效的 Excel 工作簿（.xlsx）。", SAVE_AS)
    _check_zip(path)


def _ole_error(path: Path) -> UnreadableFile:
    with path.open("rb") as fh:
        blob = fh.read(2 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in blob:
        return UnreadableFile(
            "文件设置了打开密码（已加密），无法读取。",
            "请在 Excel 或 WPS 中取消密码保护（文件 → 信息/文档加密 → 清除密码）后另存为 .xlsx 再提交。",
        )
    return UnreadableFile("文件是旧版 Excel 97-2003 格式（.xls）或 WPS 专有格式（.et），系统只接受 .xlsx。", SAVE_AS)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS, detail=str(exc)) from exc
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise UnreadableFile("文件是压缩包或其他 Office 文档，不是 Excel 工作簿。", SAVE_AS)
    declared = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if declared > MAX_UNCOMPRESSED or declared / packed > MAX_RATIO:
        raise UnreadableFile(
            "文件解压后体积异常（可能损坏或含有异常内容），已拒绝读取。",
            "请删除无关的工作表、图片和大量空行后另存为 .xlsx 再提交。",
        )
    _check_merged_cells(path)


def _check_merged_cells(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.startswith("xl/") or not name.endswith(".xml"):
                    continue
                total, largest = 0, ("", 0)
                for ref, size in _merged_areas(archive, name):
                    total += size
                    largest = max(largest, (ref, size), key=lambda pair: pair[1])
                if total > MAX_MERGED_CELLS:
                    raise UnreadableFile(
                        f"工作表“{_sheet_names(archive).get(name, name)}”合并的单元格过多（共 {total:,} 个，"
                        f"最大的合并区域是 {largest[0]}），无法读取。",
                        "请取消整行、整列或大片区域的合并（开始 → 合并后居中 → 取消单元格合并），另存为 .xlsx 后重新提交。",
                    )
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as exc:
        raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS, detail=str(exc)) from exc


def _merged_areas(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, int]]:
    """(ref, number of cells) of every <mergeCell> in one part, read in chunks."""
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            end = 0
            for m in _MERGE.finditer(data):
                first_col, first_row = m.group(1).decode(), m.group(2).decode()  # the pattern always has both
                last_col = m.group(3).decode() if m.group(3) else first_col
                last_row = m.group(4).decode() if m.group(4) else first_row
                rows = int(last_row) - int(first_row) + 1
                cols = column_index_from_string(last_col) - column_index_from_string(first_col) + 1
                yield f"{first_col}{first_row}:{last_col}{last_row}", max(rows, 0) * max(cols, 0)
                end = m.end()
            tail = data[max(end, len(data) - 200):]


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> sheet name, best effort (for the message only)."""
    try:
        rels = [_attributes(e) for e in _REL.findall(archive.read("xl/_rels/workbook.xml.rels"))]
        sheets = [_attributes(e) for e in _SHEET.findall(archive.read("xl/workbook.xml"))]
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    names = {}
    for sheet in sheets:
        target = targets.get(sheet.get("r:id"), "")
        names[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = sheet.get("name", "")
    return names


def _attributes(element: bytes) -> dict[str, str]:
    text = element.decode("utf-8", errors="replace")
    return {k: html.unescape(v) for k, v in re.findall(r'([\w:]+)="([^"]*)"', text)}
