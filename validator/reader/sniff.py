"""What a file really is, by its content, never by its name: the first bytes, the names of a
zip's parts or of an OLE file's streams. A workbook whose extension lies is read as what it is
(the `file-format` rule tells the unit to rename it); anything else gets its own reason and
advice (`UnreadableFile`)."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from validator.reader.errors import UnreadableFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
SAVE_AS = "请在 Excel 或 WPS 中打开后选择“另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再重新提交。"
WPS_SAVE_AS = (
    "请用 WPS 表格打开该文件，点击左上角“文件” → “另存为”，文件类型选“Microsoft Excel 文件（*.xlsx）”"
    "（不要选“WPS 表格文件（*.et）”），保存后重新提交。"
)
# What a unit may send (for the 填报说明 sheet and the unreadable-file letter).
ACCEPTED_FORMATS = (
    "Excel 工作簿（.xlsx、.xlsm、.xls、.xlsb）、OpenDocument 电子表格（.ods），"
    "或逗号、制表符分隔的文本表格（.csv、.txt）"
)
ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".txt")
ET_STEPS = "WPS 表格专有的 .et 文件请用 WPS 打开后点击“文件—另存为”，文件类型选“Microsoft Excel 文件（*.xlsx）”再报送"

# Formats read as workbooks, and what a unit should call them.
WORKBOOK_FORMATS = {
    "xlsx": ".xlsx", "xlsm": ".xlsm", "xlsb": ".xlsb", "xls": ".xls", "ods": ".ods",
}
FORMAT_NAMES = {
    "xlsx": "Excel 工作簿（.xlsx）", "xlsm": "启用宏的 Excel 工作簿（.xlsm）", "xlsb": "Excel 二进制工作簿（.xlsb）",
    "xls": "Excel 97-2003 工作簿（.xls）", "ods": "OpenDocument 电子表格（.ods）", "text": "文本表格（.csv/.txt/.tsv）",
}
# The suffixes each format may carry without a hint (a template saved as .xltx is an .xlsx).
SUFFIXES = {
    "xlsx": {".xlsx", ".xltx"}, "xlsm": {".xlsm", ".xltm"}, "xlsb": {".xlsb"}, "xls": {".xls", ".xlt", ".et"},
    "ods": {".ods", ".ots"}, "text": {".csv", ".txt", ".tsv"},
}
_ORIGINAL = "请提交填写好的绩效目标表原文件（Excel/WPS 表格），不要提交截图、照片或扫描件。"
_UNPACK = "请解压后分别提交其中的绩效目标表（.xlsx），不要提交压缩包。"
_OTHER_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "文件是 PDF 文档，不是表格，无法审核。", _ORIGINAL),
    (b"\x89PNG", "文件是图片（PNG），不是表格，无法审核。", _ORIGINAL),
    (b"\xff\xd8\xff", "文件是图片（JPEG），不是表格，无法审核。", _ORIGINAL),
    (b"GIF8", "文件是图片（GIF），不是表格，无法审核。", _ORIGINAL),
    (b"BM", "文件是图片（BMP），不是表格，无法审核。", _ORIGINAL),
    (b"Rar!", "文件是压缩包（RAR），不是表格。", _UNPACK),
    (b"7z\xbc\xaf\x27\x1c", "文件是压缩包（7z），不是表格。", _UNPACK),
    (b"\x1f\x8b", "文件是压缩包（gzip），不是表格。", _UNPACK),
    (b"{\\rtf", "文件是 RTF 文档（Word 等文字处理软件），不是表格。", SAVE_AS),
)
_WORD = ("文件是 Word 文档，不是 Excel 工作簿，无法审核。",
         "请把绩效目标表填在 Excel 或 WPS 表格中（或使用下发的模板），另存为 .xlsx 后提交。")
_ARCHIVE = ("文件是压缩包或其他 Office 文档，不是 Excel 工作簿。", _UNPACK)


@dataclass(frozen=True)
class Sniffed:
    """What a file is: `format` is a key of FORMAT_NAMES; `suffix` is the name's (lower-case)."""

    format: str
    suffix: str

    @property
    def misnamed(self) -> bool:
        return self.format != "text" and self.suffix not in SUFFIXES[self.format]

    @property
    def proper_suffix(self) -> str:
        return WORKBOOK_FORMATS.get(self.format, ".csv")


def regular_file(path: Path) -> int:
    """The size of `path`, refusing anything that is not a regular file (a FIFO or a device
    would block or never end) before it is opened."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UnreadableFile("无法读取文件（文件不存在或没有读取权限）。", "请确认文件完整后重新提交。", detail=str(exc)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile("这不是普通文件（可能是管道、设备或特殊文件），已拒绝读取。", "请提交保存在磁盘上的表格文件。")
    return info.st_size


def sniff(path: Path) -> Sniffed:
    """The format of a regular, non-empty file, or UnreadableFile with the specific reason."""
    suffix = path.suffix.lower()
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnreadableFile("无法读取文件（文件不存在或没有读取权限）。", "请确认文件完整后重新提交。", detail=str(exc)) from exc
    if head.startswith(ZIP_MAGIC):
        return Sniffed(_zip_format(path), suffix)
    if head.startswith(OLE_MAGIC):
        return Sniffed(_ole_format(path, suffix), suffix)
    for magic, message, advice in _OTHER_MAGIC:
        if head.startswith(magic):
            raise UnreadableFile(message, advice)
    if head.startswith(b"PK"):
        raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS)
    return Sniffed("text", suffix)


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mime = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError) as exc:
        raise UnreadableFile("文件已损坏，无法作为 Excel 工作簿打开。", SAVE_AS, detail=str(exc)) from exc
    if mime.startswith(ODS_MIME):
        return "ods"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "xl/workbook.xml" in names or any(n.endswith("workbook.xml") for n in names):
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "word/document.xml" in names or mime.startswith(b"application/vnd.oasis.opendocument.text"):
        raise UnreadableFile(*_WORD)
    raise UnreadableFile(*_ARCHIVE)


def _ole_format(path: Path, suffix: str) -> str:
    import olefile  # only OLE files need it

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, TypeError) as exc:
        raise _broken_ole(path, exc) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        raise _encrypted()
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        raise UnreadableFile(*_WORD)
    if suffix == ".et" or any("wps" in s or s.startswith("et") for s in streams):
        raise UnreadableFile("文件是 WPS 表格专有格式（.et），无法读取。", WPS_SAVE_AS)
    raise UnreadableFile("文件是其他软件的文档（不是 Excel 工作簿），无法读取。", SAVE_AS)


def _encrypted() -> UnreadableFile:
    return UnreadableFile(
        "文件设置了打开密码（已加密），无法读取。",
        "请在 Excel 或 WPS 中取消密码保护（文件 → 信息/文档加密 → 清除密码）后另存为 .xlsx 再提交。",
    )


def _broken_ole(path: Path, exc: Exception) -> UnreadableFile:
    """An OLE file whose directory cannot be read: still say what it looks like."""
    with path.open("rb") as fh:
        blob = fh.read(2 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in blob:
        return _encrypted()
    return UnreadableFile("文件看起来是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，但内容已损坏，无法读取。", SAVE_AS,
                          detail=repr(exc))
