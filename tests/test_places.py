"""Ledger paths relative to the office's folders."""

from __future__ import annotations

import os
from pathlib import Path

from validator.bot.inbox import path_from_text, path_to_text
from validator.bot.places import Roots


def test_paths_inside_the_folders_are_tagged_and_come_back(tmp_path: Path) -> None:
    roots = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "arc")
    for folder, tag in ((roots.inbox, "inbox"), (roots.outbox, "outbox"), (roots.archive, "archive")):
        text = str(folder / "单位" / "表.xlsx")
        assert roots.store(text) == f"{tag}:单位/表.xlsx"
        assert roots.load(roots.store(text)) == text


def test_the_deepest_folder_wins(tmp_path: Path) -> None:
    roots = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "out" / "原件")
    assert roots.store(str(tmp_path / "out" / "原件" / "a.xlsx")) == "archive:a.xlsx"


def test_a_moved_office_resolves_to_its_new_place(tmp_path: Path) -> None:
    old = Roots(Path("/old/in"), Path("/old/out"), Path("/old/arc"))
    new = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "arc")
    assert new.load(old.store("/old/out/a/b.docx")) == str(tmp_path / "out" / "a" / "b.docx")


def test_other_paths_and_none_pass_through(tmp_path: Path) -> None:
    roots = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "arc")
    assert roots.store("/somewhere/else.xlsx") == "/somewhere/else.xlsx"
    assert roots.load("/somewhere/else.xlsx") == "/somewhere/else.xlsx"
    assert roots.store(None) is None and roots.load(None) is None


def test_a_name_that_is_not_utf8_keeps_its_bytes(tmp_path: Path) -> None:
    roots = Roots(tmp_path / "in", tmp_path / "out", tmp_path / "arc")
    name = os.fsdecode("绩效".encode("gbk") + b".xlsx")
    text = path_to_text(roots.inbox / name)
    stored = roots.store(text)
    assert stored is not None and stored.startswith("inbox:hex:")
    assert path_from_text(roots.load(stored) or "") == roots.inbox / name
