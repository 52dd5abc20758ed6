"""The memo of parsed small parts (`reader.part_memo`): a hit is what parsing again gives, a
different part of the same size is parsed anew, a part that fails fails every time, and the
memo stays bounded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from validator.reader import part_memo
from validator.reader.xlsx_parts import _style_formats, number_formats, sheet_parts


def _book(tmp_path: Path, name: str, code: str) -> Path:
    book = Workbook()
    book.active.title = "项目信息"
    book.active["A1"] = 0.5
    book.active["A1"].number_format = code
    book.create_sheet("绩效指标")
    path = tmp_path / name
    book.save(path)
    return path


def _replace_part(path: Path, part: str, old: bytes, new: bytes) -> Path:
    out = path.with_name("re-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new)
            dst.writestr(info, data)
    return out


def test_a_part_of_the_same_size_but_other_bytes_is_parsed_anew(tmp_path: Path) -> None:
    part_memo.clear()
    percent = _book(tmp_path, "p.xlsx", "0.0%")
    amount = _replace_part(percent, "xl/styles.xml", b'formatCode="0.0%"', b'formatCode="0.0_"')
    with zipfile.ZipFile(percent) as a, zipfile.ZipFile(amount) as b:
        assert len(a.read("xl/styles.xml")) == len(b.read("xl/styles.xml"))
        first, second, again = number_formats(a), number_formats(b), number_formats(a)
        assert "0.0%" in first and "0.0%" not in second and again == first
        assert first == list(_style_formats(a.read("xl/styles.xml")))  # the uncached parse
        assert second == list(_style_formats(b.read("xl/styles.xml")))


def test_a_renamed_sheet_is_read_from_its_own_workbook_part(tmp_path: Path) -> None:
    part_memo.clear()
    path = _book(tmp_path, "w.xlsx", "0%")
    renamed = _replace_part(path, "xl/workbook.xml", "绩效指标".encode(), "绩效目标".encode())
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(renamed) as b:
        assert [p.name for p in sheet_parts(a)] == ["项目信息", "绩效指标"]
        assert [p.name for p in sheet_parts(b)] == ["项目信息", "绩效目标"]
        assert [p.name for p in sheet_parts(a)] == ["项目信息", "绩效指标"]


def test_a_result_is_shared_but_cannot_be_changed_through_a_caller(tmp_path: Path) -> None:
    part_memo.clear()
    path = _book(tmp_path, "c.xlsx", "0%")
    with zipfile.ZipFile(path) as archive:
        codes = number_formats(archive)
        codes.clear()
        assert "0%" in number_formats(archive)


def test_a_part_that_fails_to_parse_fails_every_time() -> None:
    part_memo.clear()
    calls = []

    def parse(data: bytes) -> int:
        calls.append(data)
        raise ValueError("broken")

    for _ in range(2):
        with pytest.raises(ValueError):
            part_memo.parsed("x", b"<broken", parse)
    assert len(calls) == 2


def test_the_memo_is_bounded_and_large_parts_are_not_kept() -> None:
    part_memo.clear()
    for n in range(part_memo.MAX_ENTRIES * 3):
        assert part_memo.parsed("n", str(n).encode(), lambda data: int(data)) == n
    assert len(part_memo._MEMO) == part_memo.MAX_ENTRIES
    big = b"1" * (part_memo.MAX_PART_BYTES + 1)
    assert part_memo.parsed("big", big, len) == len(big)
    assert ("big", big) not in part_memo._MEMO
    assert part_memo.parsed("other kind", b"5", lambda data: -int(data)) == -5  # the kind is part of the key


def test_threads_reading_at_once_each_get_their_own_result() -> None:
    import threading

    part_memo.clear()
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for n in range(400):
                value = (n * 7 + offset) % (part_memo.MAX_ENTRIES * 4)
                assert part_memo.parsed("t", str(value).encode(), lambda data: int(data)) == value
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(part_memo._MEMO) <= part_memo.MAX_ENTRIES
