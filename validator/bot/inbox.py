"""The file system side of the bot: which files in the inbox are submissions, copying an
original into the archive durably, writing outputs atomically, removing the original last.

Nothing here ever writes to, truncates or renames a file in the inbox; the only change to
the inbox is `remove_if_unchanged`, after the original is safely in the archive."""

from __future__ import annotations

import hashlib
import os
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


def scan(inbox: Path, *, settle_seconds: float, now: float | None = None) -> tuple[list[Candidate], list[Waiting]]:
    """Submissions ready to process (oldest first) and what is left for later. Lock files,
    temporary and hidden files are ignored; a file modified within the settle window, or
    still open in Excel/WPS/LibreOffice (its owner file exists), waits for a later pass."""
    now = time.time() if now is None else now
    ready: list[Candidate] = []
    waiting: list[Waiting] = []
    for path in sorted(_files(inbox)):
        relative = readable(path.relative_to(inbox).as_posix())
        reason = _not_submission(path)
        if reason:
            if reason != "ignored":
                waiting.append(Waiting(relative, reason))
            continue
        try:
            st = path.stat()
        except OSError:
            continue  # vanished between listing and stat
        if _open_elsewhere(path):
            waiting.append(Waiting(relative, "文件正在被 Excel/WPS 打开"))
        elif now - max(st.st_mtime, st.st_ctime) < settle_seconds:
            waiting.append(Waiting(relative, "文件刚有改动，等待写入完成"))
        else:
            ready.append(Candidate(path, relative, st.st_size, st.st_mtime_ns, st.st_ino))
    ready.sort(key=lambda c: (c.mtime_ns, c.relative))
    return ready, waiting


def _files(folder: Path) -> Iterator[Path]:
    """Regular files below `folder`, not descending into hidden folders."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith((".", "~"))]
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _not_submission(path: Path) -> str | None:
    """'ignored' for lock, hidden and system files; a Chinese reason for temporary files."""
    name = path.name
    lower = name.lower()
    if name.startswith(("~$", ".~lock.", ".")) or lower in _SYSTEM_NAMES:
        return "ignored"
    if name.startswith("~") or lower.endswith(_TEMP_SUFFIXES):
        return "临时文件，不作为报送文件处理"
    return None


def _open_elsewhere(path: Path) -> bool:
    """Excel and WPS keep `~$name` (Word-style: the first two characters replaced) while a
    file is open; LibreOffice keeps `.~lock.name#`."""
    name = path.name
    owners = {f"~${name}", f".~lock.{name}#"}
    if len(name) > 2:
        owners.add(f"~${name[2:]}")
    return any(_exists(path.parent / owner) for owner in owners)


def _exists(path: Path) -> bool:
    """`path.exists()`, False where the name is longer than the file system allows: the owner
    file of a long name (`~$` + 248 bytes) cannot exist, and must not stop the scan."""
    try:
        return path.exists()
    except OSError:
        return False


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
