"""The file system side of the bot: which files in the inbox are submissions, copying an
original into the archive durably, writing outputs atomically, removing the original last.

Nothing here ever writes to, truncates or renames a file in the inbox; the only change to
the inbox is `remove_if_unchanged`, after the original is safely in the archive."""

from __future__ import annotations

import hashlib
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from validator.text import readable

TEMP_PREFIX = ".validator-tmp-"
_TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock")
_SYSTEM_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Candidate:
    """A file in the inbox that looks like a finished submission."""

    path: Path
    relative: str
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class Waiting:
    """A file in the inbox that is not (yet) a submission, and why."""

    relative: str
    reason: str


@dataclass(frozen=True)
class Inventory:
    """Every entry of the inbox, accounted for: ready to process (oldest first), waiting for
    a later pass, or skipped for good, each with its reason."""

    ready: tuple[Candidate, ...]
    waiting: tuple[Waiting, ...]
    skipped: tuple[Waiting, ...]


SKIP_SYMLINK = "符号链接（快捷方式），不处理：请把文件本身放入收件箱"
SKIP_SPECIAL = "不是普通文件（管道、设备等），不处理"
SKIP_HIDDEN = "隐藏文件，不处理"
SKIP_HIDDEN_FOLDER = "隐藏文件夹，其中的文件不处理"
SKIP_SYSTEM = "系统文件，不处理"
SKIP_TEMP = "临时文件，不作为报送文件处理"
SKIP_UNLISTABLE = "文件夹无法打开（权限不足），其中的文件未处理"
WAIT_OPEN = "文件正在被 Excel/WPS 打开"
WAIT_SETTLE = "文件刚有改动，等待写入完成"
HOUR = 3600.0


def scan(inbox: Path, *, settle_seconds: float, now: float | None = None,
         owner_file_hours: float = 12.0) -> tuple[list[Candidate], list[Waiting]]:
    """Submissions ready to process (oldest first) and those left for a later pass (see
    `survey`, which also lists what is skipped for good)."""
    found = survey(inbox, settle_seconds=settle_seconds, now=now, owner_file_hours=owner_file_hours)
    return list(found.ready), list(found.waiting)


def survey(inbox: Path, *, settle_seconds: float, now: float | None = None,
           owner_file_hours: float = 12.0) -> Inventory:
    """Sort every entry of the inbox. Symlinks, FIFOs and other special files, hidden,
    system and temporary files, and owner files are skipped, each with its reason. A file
    modified within the settle window, or open in Excel/WPS/LibreOffice (its owner file
    exists and is younger than `owner_file_hours`), waits for a later pass."""
    now = time.time() if now is None else now
    ready: list[Candidate] = []
    waiting: list[Waiting] = []
    skipped: list[Waiting] = []
    for path, st, reason in sorted(_entries(inbox), key=lambda e: e[0]):
        relative = readable(path.relative_to(inbox).as_posix())
        if reason is None:
            reason = _not_submission(path.name, st, now, owner_file_hours * HOUR)
        if reason is not None:
            skipped.append(Waiting(relative, reason))
        elif _open_elsewhere(path, now, owner_file_hours * HOUR):
            waiting.append(Waiting(relative, WAIT_OPEN))
        elif now - max(st.st_mtime, st.st_ctime) < settle_seconds:
            waiting.append(Waiting(relative, WAIT_SETTLE))
        else:
            ready.append(Candidate(path, relative, st.st_size, st.st_mtime_ns, st.st_ino))
    ready.sort(key=lambda c: (c.mtime_ns, c.relative))
    return Inventory(tuple(ready), tuple(waiting), tuple(skipped))


Entry = tuple[Path, os.stat_result, str | None]


def _entries(folder: Path) -> Iterator[Entry]:
    """Every entry below `folder` with its lstat (links are never followed): regular files
    with reason None, everything else with the reason it is skipped. Hidden folders and
    links to folders are listed once, not entered."""
    try:
        with os.scandir(folder) as listing:
            items = list(listing)
    except OSError:
        st = _lstat(folder)
        if st is not None:
            yield folder, st, SKIP_UNLISTABLE
        return
    for item in items:
        path = Path(item.path)
        st = _lstat(path)
        if st is None:
            continue  # vanished, or a name the file system cannot stat
        if stat.S_ISLNK(st.st_mode):
            yield path, st, SKIP_SYMLINK
        elif stat.S_ISDIR(st.st_mode):
            if item.name.startswith((".", "~")):
                yield path, st, SKIP_HIDDEN_FOLDER
            else:
                yield from _entries(path)
        elif not stat.S_ISREG(st.st_mode):
            yield path, st, SKIP_SPECIAL
        else:
            yield path, st, None


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except OSError:
        return None


def _not_submission(name: str, st: os.stat_result, now: float, owner_age: float) -> str | None:
    """Why a regular file is never a submission, or None when it may be one."""
    lower = name.lower()
    owned = owner_target(name)
    if owned is not None:
        if now - st.st_mtime >= owner_age:
            return f"过期的锁文件（超过 {owner_age / HOUR:g} 小时未更新），已忽略，不再阻止处理《{readable(owned)}》"
        return f"Excel/WPS/LibreOffice 的锁文件（《{readable(owned)}》正在被打开），不处理"
    if lower in _SYSTEM_NAMES:
        return SKIP_SYSTEM
    if name.startswith("."):
        return SKIP_HIDDEN
    if name.startswith("~") or lower.endswith(_TEMP_SUFFIXES):
        return SKIP_TEMP
    return None


def owner_target(name: str) -> str | None:
    """The name of the file an owner (lock) file stands for: Excel and WPS write `~$` + the
    name, LibreOffice `.~lock.` + the name + `#`. None for other names."""
    if name.startswith("~$") and len(name) > 2:
        return name[2:]
    if name.startswith(".~lock.") and name.endswith("#") and len(name) > 8:
        return name[7:-1]
    return None


def _open_elsewhere(path: Path, now: float, owner_age: float) -> bool:
    """A fresh owner file with exactly this file's name exists beside it."""
    for owner in (f"~${path.name}", f".~lock.{path.name}#"):
        st = _owner_stat(path.parent / owner)
        if st is not None and stat.S_ISREG(st.st_mode) and now - st.st_mtime < owner_age:
            return True
    return False


def _owner_stat(path: Path) -> os.stat_result | None:
    """The owner file's lstat, None where it does not exist or its name is longer than the
    file system allows (the owner of a 248-byte name cannot exist, and must not stop the scan)."""
    try:
        return path.lstat()
    except OSError:
        return None


def path_to_text(path: Path) -> str:
    """A path for the ledger: as it is, or `hex:` and its bytes when it is not valid UTF-8."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "hex:" + os.fsencode(text).hex()


def path_from_text(text: str) -> Path:
    return Path(os.fsdecode(bytes.fromhex(text[4:]))) if text.startswith("hex:") else Path(text)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def unchanged(path: Path, *, size: int, mtime_ns: int) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_size == size and st.st_mtime_ns == mtime_ns


class SourceChanged(Exception):
    """The original changed while it was being copied: leave it for a later pass."""


def copy_to_archive(source: Path, target: Path, *, sha256: str, size: int, mtime_ns: int,
                    hook: Callable[[str], None] = lambda step: None) -> None:
    """Copy `source` to `target` durably: into a temp file beside the target, fsync, keep the
    original's modification time, rename, fsync the folder, read back and compare hashes.
    `target` is never overwritten with different bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    digest = hashlib.sha256()
    try:
        with source.open("rb") as src, temp.open("xb") as dst:
            for block in iter(lambda: src.read(_BLOCK), b""):
                digest.update(block)
                dst.write(block)
            dst.flush()
            os.fsync(dst.fileno())
        if digest.hexdigest() != sha256 or not unchanged(source, size=size, mtime_ns=mtime_ns):
            raise SourceChanged(str(source))
        os.utime(temp, ns=(mtime_ns, mtime_ns))
        hook("archive-temp")
        if target.exists() and sha256_of(target) != sha256:
            raise FileExistsError(f"archive file exists with other content: {target}")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(target.parent)
    if sha256_of(target) != sha256:
        raise OSError(f"archive copy does not match the original: {target}")


def archived_ok(target: Path, sha256: str) -> bool:
    try:
        return target.is_file() and sha256_of(target) == sha256
    except OSError:
        return False


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temp path beside `target` for a writer to fill; on success fsync it and
    replace `target` in one step, on failure remove it. Readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}{target.suffix}"
    try:
        yield temp
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(target.parent)


def remove_if_unchanged(path: Path, *, sha256: str, size: int, mtime_ns: int) -> bool:
    """Remove the inbox original, but only if it is still the file that was archived: a unit
    may have dropped a new version under the same name in the meantime, which is left for a
    later pass. Returns False when such a different file is there now."""
    if not path.exists():
        return True
    if not unchanged(path, size=size, mtime_ns=mtime_ns) or sha256_of(path) != sha256:
        return False
    path.unlink()
    fsync_dir(path.parent)
    return True


def remove_stale_temps(*folders: Path) -> int:
    """Temp files left by a pass that was killed (the caller holds the lock)."""
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for temp in folder.rglob(f"{TEMP_PREFIX}*"):
            temp.unlink(missing_ok=True)
            removed += 1
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename or removal in `folder` durable. Windows cannot open a folder as a file
    (NTFS journals the change itself), so there it does nothing."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
