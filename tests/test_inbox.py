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


def _survey(folder: Path, **kwargs: float) -> dict[str, tuple[str, str]]:
    """relative name -> (ready|waiting|skipped, reason)."""
    from validator.bot.inbox import survey

    found = survey(folder, settle_seconds=kwargs.get("settle_seconds", 0), owner_file_hours=kwargs.get("hours", 12),
                   now=kwargs.get("now"))
    listed = {c.relative: ("ready", "") for c in found.ready}
    listed.update({w.relative: ("waiting", w.reason) for w in found.waiting})
    listed.update({w.relative: ("skipped", w.reason) for w in found.skipped})
    assert len(listed) == len(found.ready) + len(found.waiting) + len(found.skipped), "each entry once"
    return listed


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and symlinks")
def test_every_entry_of_the_inbox_is_accounted_for(tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside" / "秘密.xlsx", b"secret")
    inbox = tmp_path / "inbox"
    _write(inbox / "表.xlsx", b"1", mtime=100)
    os.symlink(outside, inbox / "链接.xlsx")
    os.symlink(outside.parent, inbox / "链接目录")
    os.mkfifo(inbox / "管道.xlsx")
    _write(inbox / ".隐藏目录" / "x.xlsx", b"2")
    _write(inbox / ".隐藏.xlsx", b"3")
    _write(inbox / "Thumbs.db", b"4")
    _write(inbox / "下载.xlsx.part", b"5")
    _write(inbox / "~临时.xlsx", b"6")
    listed = _survey(inbox)
    assert listed == {
        "表.xlsx": ("ready", ""),
        "链接.xlsx": ("skipped", "符号链接（快捷方式），不处理：请把文件本身放入收件箱"),
        "链接目录": ("skipped", "符号链接（快捷方式），不处理：请把文件本身放入收件箱"),
        "管道.xlsx": ("skipped", "不是普通文件（管道、设备等），不处理"),
        ".隐藏目录": ("skipped", "隐藏文件夹，其中的文件不处理"),
        ".隐藏.xlsx": ("skipped", "隐藏文件，不处理"),
        "Thumbs.db": ("skipped", "系统文件，不处理"),
        "下载.xlsx.part": ("skipped", "临时文件，不作为报送文件处理"),
        "~临时.xlsx": ("skipped", "临时文件，不作为报送文件处理"),
    }


def test_owner_files_match_the_exact_name_only(tmp_path: Path) -> None:
    for name in ("a.xlsx", "zza.xlsx", "b.xlsx", "xxb.xlsx"):
        _write(tmp_path / name, b"x", mtime=100)
    _write(tmp_path / "~$a.xlsx", b"owner")
    _write(tmp_path / ".~lock.b.xlsx#", b"owner")
    listed = _survey(tmp_path)
    assert listed["a.xlsx"] == listed["b.xlsx"] == ("waiting", "文件正在被 Excel/WPS 打开")
    assert listed["zza.xlsx"] == listed["xxb.xlsx"] == ("ready", "")
    assert listed["~$a.xlsx"] == ("skipped", "Excel/WPS/LibreOffice 的锁文件（《a.xlsx》正在被打开），不处理")


def test_a_stale_owner_file_no_longer_holds_its_file(tmp_path: Path) -> None:
    import time

    now = time.time() + 60  # the files' change times are now
    _write(tmp_path / "a.xlsx", b"x", mtime=100)
    owner = _write(tmp_path / "~$a.xlsx", b"owner", mtime=now - 11 * 3600)
    assert _survey(tmp_path, now=now)["a.xlsx"][0] == "waiting"
    os.utime(owner, (now - 13 * 3600, now - 13 * 3600))
    stale = _survey(tmp_path, now=now)
    assert stale["a.xlsx"] == ("ready", "")
    assert stale["~$a.xlsx"] == ("skipped", "过期的锁文件（超过 12 小时未更新），已忽略，不再阻止处理《a.xlsx》")
    os.utime(owner, (now - 2 * 3600, now - 2 * 3600))
    assert _survey(tmp_path, now=now)["a.xlsx"][0] == "waiting"
    assert _survey(tmp_path, now=now, hours=1)["a.xlsx"] == ("ready", "")
    assert owner.read_bytes() == b"owner", "the owner file is left alone"


def test_a_name_as_long_as_the_file_system_allows_is_ready(tmp_path: Path) -> None:
    name = "某" * 80 + ".xlsx"  # 245 bytes: its owner file `~$` + name would be too long to exist
    _write(tmp_path / name, b"x", mtime=100)
    assert _survey(tmp_path) == {name: ("ready", "")}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "无权限"
    _write(locked / "x.xlsx", b"x")
    locked.chmod(0)
    try:
        assert _survey(tmp_path) == {"无权限": ("skipped", "文件夹无法打开（权限不足），其中的文件未处理")}
    finally:
        locked.chmod(0o755)
