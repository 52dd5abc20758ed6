"""Checks on the raw file before any parser sees it: not a regular file, empty, too large,
what it really is (`sniff`), zip bombs by declared sizes. Each failure is an UnreadableFile
with a Chinese explanation. The per-sheet limits (rows, cells, merged cells, sheet XML size)
are enforced while each sheet is streamed (`xlsx_parts`, `ods_parts`)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from validator.config.limits import Limits
from validator.reader.errors import UnreadableFile
from validator.reader.sniff import OLE_MAGIC, SAVE_AS, Sniffed, regular_file, sniff

__all__ = ["OLE_MAGIC", "SAVE_AS", "check_file", "check_workbook_file"]

_MB = 1024 * 1024
ZIP_FORMATS = frozenset({"xlsx", "xlsm", "xlsb", "ods"})


def check_file(path: Path, limits: Limits | None = None) -> Sniffed:
    """What the file at `path` is, or UnreadableFile when it must not be read."""
    limits = limits or Limits()
    size = regular_file(path)
    if size == 0:
        raise UnreadableFile("文件为空（0 字节），可能上传或保存未完成。", "请重新保存表格后再提交。")
    if size > limits.file_mb * _MB:
        raise UnreadableFile(
            f"文件过大（{size / _MB:.1f} MB，上限 {limits.file_mb:g} MB），不像是绩效目标表。",
            "请删除无关的工作表、图片和大量空行后另存为 .xlsx 再提交。",
        )
    sniffed = sniff(path)
    if sniffed.format in ZIP_FORMATS:
        _check_zip(path, limits)
    return sniffed


def check_workbook_file(path: Path, limits: Limits | None = None) -> Sniffed:
    """`check_file` for a file that must be a workbook (not a text table)."""
    sniffed = check_file(path, limits)
    if sniffed.format == "text":
        raise UnreadableFile("文件不是有效的 Excel 工作簿（.xlsx）。", SAVE_AS)
    return sniffed


def _check_zip(path: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS, detail=str(exc)) from exc
    declared = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if declared > limits.uncompressed_mb * _MB or declared / packed > limits.ratio:
        raise UnreadableFile(
            "文件解压后体积异常（可能损坏或含有异常内容），已拒绝读取。",
            "请删除无关的工作表、图片和大量空行后另存为 .xlsx 再提交。",
        )
