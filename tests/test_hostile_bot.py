"""A hostile sender's inbox, generated in code, through one bot pass: hostile file names and
unit names, formula-looking text, a table with thousands of errors, a million-character goal,
broken and bomb-like files, and entries that are not plain files (a FIFO, links to a secret
outside the inbox, hidden folders, lock files). Nothing is lost or leaked, every output lands
in a safe place, and `status` accounts for what stays in the inbox."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bothelpers import BOT_FILES, drop, ledger_rows, settings_for
from helpers import good_sub, write_sub
from hostile_inputs import (
    FORMULA_TEXTS,
    MARK,
    SECRET,
    cjk_text,
    hostile_subs,
    many_errors_sub,
    with_raw_text,
    write_as_text,
)
from openpyxl import load_workbook

from validator.bot.runner import inbox_status, process_inbox
from validator.config.loader import parse_config
from validator.outputs.naming import _RESERVED

LISTED = 40
pytestmark = [pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and symlinks"),
              pytest.mark.filterwarnings("ignore::UserWarning")]


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b"0" * 50_000_000 + b"</a>")
    return buffer.getvalue()


def _fill(inbox: Path, tmp_path: Path) -> dict[str, bytes]:
    """The submissions (name -> bytes) and, beside them, what must never be taken in."""
    for n, (name, sub) in enumerate(hostile_subs()):
        os.utime(write_as_text(inbox / name, sub), (1_700_000_000 + n, 1_700_000_000 + n))
    drop(inbox, "两千个错误.xlsx", many_errors_sub(2000), mtime=1_700_000_100)
    long_goal = good_sub()
    long_goal.projects[0] = (*long_goal.projects[0][:6], MARK)
    with_raw_text(inbox / "百万字目标.xlsx", long_goal, cjk_text(1_000_000))
    drop(inbox, "炸弹.xlsx", _zip_bomb(), mtime=1_700_000_101)
    drop(inbox, "乱码.xlsx", os.urandom(4096), mtime=1_700_000_102)
    drop(inbox, "空.xlsx", b"", mtime=1_700_000_103)
    drop(inbox, "旧版.xls", b"\xd0\xcf\x11\xe0" + bytes(508), mtime=1_700_000_104)
    originals = {p.name: p.read_bytes() for p in inbox.iterdir()}
    secret = tmp_path / "outside" / "秘密.xlsx"
    secret.parent.mkdir()
    secret.write_bytes(SECRET)
    os.symlink(secret, inbox / "链接.xlsx")
    os.symlink(secret.parent, inbox / "链接目录")
    os.mkfifo(inbox / "管道.xlsx")
    write_sub(inbox / ".隐藏" / "藏.xlsx", good_sub())
    drop(inbox, "~$链接.xlsx", b"owner")
    drop(inbox, ".~lock.管道.xlsx#", b"owner")
    return originals


def test_a_hostile_inbox_in_one_pass(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, config=parse_config(f"limits:\n  findings_listed: {LISTED}\n"))
    originals = _fill(settings.inbox, tmp_path)
    result = process_inbox(settings)

    assert result.failures == ()
    assert sorted(o.name for o in result.answered) == sorted(originals), (result.waiting, result.skipped)
    rows = ledger_rows(settings.ledger)
    assert all(r["state"] == "done" for r in rows) and len(rows) == len(originals)
    archived = [p.read_bytes() for p in settings.archive.rglob("*") if p.is_file()]
    digest = hashlib.sha256
    assert Counter(digest(b).hexdigest() for b in archived) == Counter(digest(b).hexdigest() for b in originals.values())

    outbox = settings.outbox.resolve()
    outputs = [Path(p) for r in rows for p in (r["letter_path"], r["annotated_path"], r["json_path"]) if p]
    for path in outputs:
        assert path.is_file() and path.resolve().parent.parent == outbox, path
        for part in (path.parent.name, path.name):
            assert part[0] not in "-=+@'\"“”‘’ ._", part
            assert part.split(".", 1)[0].rstrip(" ").upper() not in _RESERVED, part
    written = {p for p in settings.outbox.rglob("*") if p.is_file() and p.name not in BOT_FILES}
    assert written == set(outputs), "nothing but the planned outputs"
    folders = {r["unit"]: Path(r["letter_path"]).parent.name for r in rows if r["unit"]}
    assert len(set(folders.values())) == len(folders), "each unit name has its own folder"

    everything = b"".join(p.read_bytes() for root in (settings.archive, settings.outbox) for p in root.rglob("*")
                          if p.is_file() and p.suffix != ".sqlite3")
    assert SECRET not in everything, "nothing outside the inbox was read"

    verdicts = {r["original_name"]: r["verdict"] for r in rows}
    assert verdicts["百万字目标.xlsx"] == "failed" and verdicts["两千个错误.xlsx"] == "failed"
    for name in ("炸弹.xlsx", "乱码.xlsx", "空.xlsx", "旧版.xls"):
        assert verdicts[name] == "unreadable", name

    [many] = [r for r in rows if r["original_name"] == "两千个错误.xlsx"]
    listing = load_workbook(many["annotated_path"])["审核意见"]
    assert listing.max_row == LISTED + 2 and "条未列出" in str(listing.cell(LISTED + 2, 6).value)

    for row in rows:
        if row["annotated_path"]:
            book = load_workbook(row["annotated_path"])
            for ws in book.worksheets:
                for line in ws.iter_rows():
                    for cell in line:
                        if isinstance(cell.value, str) and cell.value.startswith(tuple(t[:2] for t in FORMULA_TEXTS)):
                            assert cell.data_type == "s", (row["original_name"], ws.title, cell.coordinate)

    info = inbox_status(settings)
    left = {w.relative for w in (*info.waiting, *info.skipped)} | set(info.ready)
    assert left == {"链接.xlsx", "链接目录", "管道.xlsx", ".隐藏", "~$链接.xlsx", ".~lock.管道.xlsx#"}, left
    assert info.ready == () and info.waiting == ()
