"""The file-system steps of the bot: what counts as a submission, durable archive copies,
atomic output writes, and removing an original only when it is still the same file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.bot.inbox import (
    TEMP_PREFIX,
    SourceChanged,
    atomic_target,
    copy_to_archive,
    remove_if_unchanged,
    remove_stale_temps,
    scan,
    sha256_of,
)


def _write(path: Path, data: bytes, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_settle_window_uses_the_latest_change(tmp_path: Path) -> None:
    path = _write(tmp_path / "表.xlsx", b"data")
    changed = max(path.stat().st_mtime, path.stat().st_ctime)
    ready, waiting = scan(tmp_path, settle_seconds=5, now=changed + 4)
    assert ready == [] and [w.reason for w in waiting] == ["文件刚有改动，等待写入完成"]
    ready, waiting = scan(tmp_path, settle_seconds=5, now=changed + 6)
    assert [c.relative for c in ready] == ["表.xlsx"] and waiting == []


def test_backdated_copy_still_waits(tmp_path: Path) -> None:
    """`cp -p` and Explorer keep an old mtime while writing; the change time gives it away."""
    path = _write(tmp_path / "表.xlsx", b"data", mtime=1_600_000_000)
    ready, _ = scan(tmp_path, settle_seconds=5, now=path.stat().st_ctime + 1)
    assert ready == []


def test_scan_order_and_ignored_files(tmp_path: Path) -> None:
    _write(tmp_path / "b.xlsx", b"1", mtime=100)
    _write(tmp_path / "a.xlsx", b"2", mtime=200)
    _write(tmp_path / "单位" / "c.pdf", b"3", mtime=50)
    _write(tmp_path / ".git" / "x.xlsx", b"4")
    for name in ("~$a.xlsx", ".~lock.b.xlsx#", "Thumbs.db", "desktop.ini", ".DS_Store", ".gitkeep"):
        _write(tmp_path / name, b"")
    _write(tmp_path / "d.xlsx", b"5", mtime=10)
    ready, waiting = scan(tmp_path, settle_seconds=0)
    assert [c.relative for c in ready] == ["d.xlsx", "单位/c.pdf"]  # oldest first
    assert [(w.relative, w.reason) for w in waiting] == [("a.xlsx", "文件正在被 Excel/WPS 打开"),
                                                         ("b.xlsx", "文件正在被 Excel/WPS 打开")]


def test_copy_to_archive_is_byte_identical_and_keeps_the_time(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 7)
    source = _write(tmp_path / "inbox" / "表.xlsx", data, mtime=1_700_000_000)
    st = source.stat()
    target = tmp_path / "archive" / "2026-11" / "x_表.xlsx"
    copy_to_archive(source, target, sha256=sha256_of(source), size=st.st_size, mtime_ns=st.st_mtime_ns)
    assert target.read_bytes() == data and source.read_bytes() == data
    assert target.stat().st_mtime_ns == st.st_mtime_ns
    assert [p.name for p in target.parent.iterdir()] == ["x_表.xlsx"]


def test_copy_refuses_a_source_that_changed(tmp_path: Path) -> None:
    source = _write(tmp_path / "表.xlsx", b"old")
    st = source.stat()
    digest = sha256_of(source)
    _write(source, b"new!")
    target = tmp_path / "archive" / "表.xlsx"
    with pytest.raises(SourceChanged):
        copy_to_archive(source, target, sha256=digest, size=st.st_size, mtime_ns=st.st_mtime_ns)
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_atomic_target_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = _write(tmp_path / "out" / "letter.docx", b"previous")
    with pytest.raises(RuntimeError), atomic_target(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("writer failed")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["letter.docx"]
    with atomic_target(target) as temp:
        assert temp.name.startswith(TEMP_PREFIX) and temp.suffix == ".docx"
        temp.write_bytes(b"complete")
    assert target.read_bytes() == b"complete"


def test_remove_only_the_archived_version(tmp_path: Path) -> None:
    path = _write(tmp_path / "表.xlsx", b"version 1", mtime=1_700_000_000)
    st, digest = path.stat(), sha256_of(path)
    _write(path, b"version 2", mtime=1_700_000_000)
    assert remove_if_unchanged(path, sha256=digest, size=st.st_size, mtime_ns=st.st_mtime_ns) is False
    assert path.read_bytes() == b"version 2"
    _write(path, b"version 1", mtime=1_700_000_000)
    assert remove_if_unchanged(path, sha256=digest, size=st.st_size, mtime_ns=st.st_mtime_ns) is True
    assert not path.exists()
    assert remove_if_unchanged(path, sha256=digest, size=st.st_size, mtime_ns=st.st_mtime_ns) is True


def test_stale_temps_are_removed(tmp_path: Path) -> None:
    _write(tmp_path / "a" / f"{TEMP_PREFIX}123", b"")
    keep = _write(tmp_path / "a" / "letter.docx", b"x")
    assert remove_stale_temps(tmp_path, tmp_path / "missing") == 1
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [keep]


def test_names_that_are_not_utf8() -> None:
    from validator.bot.inbox import path_from_text, path_to_text, readable

    raw = os.fsdecode("/收件箱/".encode() + "绩效目标表.xlsx".encode("gbk"))
    assert readable(Path(raw).name) == "绩效目标表.xlsx"
    assert path_to_text(Path(raw)).startswith("hex:") and path_from_text(path_to_text(Path(raw))) == Path(raw)
    assert path_to_text(Path("/收件箱/表.xlsx")) == "/收件箱/表.xlsx"
    assert path_from_text("/收件箱/表.xlsx") == Path("/收件箱/表.xlsx")
