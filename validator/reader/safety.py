"""Checks on the raw file before any parser sees it: empty, .xls, encrypted, not a zip,
zip bombs. Each failure is an UnreadableFile with a Chinese explanation."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200
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
