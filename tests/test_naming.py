"""Output names made from submission text: one harmless path component, unique per unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.model import FileReport
from validator.outputs.naming import output_stem, safe_part, unit_folder

FALLBACK = "未识别单位"
RESERVED = ("CON", "con", "Nul", "PRN", "AUX", "COM1", "com9", "LPT1", "LPT9", "COM¹", "CONIN$")
_WINDOWS_BAD = set('\\/:*?"<>|') | {chr(c) for c in range(32)}


@pytest.mark.parametrize("name", ["-rf", "=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "'引号", '"引号"', "“弯引号”",
                                  "--help", " -x", "._-=x"])
def test_no_name_starts_with_an_option_or_formula_character(name: str) -> None:
    part = safe_part(name)
    assert part and part[0] not in "-=+@'\"“”‘’ ._"


@pytest.mark.parametrize("name", RESERVED)
@pytest.mark.parametrize("suffix", ["", ".xlsx", " .docx", ".tar.gz"])
def test_windows_device_names_are_never_produced(name: str, suffix: str) -> None:
    part = safe_part(name + suffix)
    assert part.split(".", 1)[0].strip().upper() not in {n.upper() for n in RESERVED}
    assert name in part  # still recognisable


def test_paths_in_a_submission_are_flattened() -> None:
    for text in ("../../etc/passwd", "..\\..\\windows", "/abs/path", "C:\\x", "..", "a/../b"):
        part = safe_part(text)
        assert "/" not in part and "\\" not in part and ":" not in part and not part.startswith(".")


def test_output_stem_uses_only_the_file_name_and_the_unit() -> None:
    report = FileReport(path="/收件箱/子目录/../-报表.xlsx", unit="../某市/司法局")
    stem = output_stem(report)
    assert stem == "某市_司法局_报表"


def test_a_unit_folder_is_the_unit_name_when_it_is_already_safe() -> None:
    assert unit_folder("某市司法局", fallback=FALLBACK) == "某市司法局"
    assert unit_folder(None, fallback=FALLBACK) == unit_folder("", fallback=FALLBACK) == FALLBACK


@pytest.mark.parametrize(("one", "other"), [
    ("某市/司法局", "某市_司法局"), ("某市司法局 ", "某市司法局"), ("-某市司法局", "某市司法局"), ("CON", "文件_CON"),
    ("ABC中心", "abc中心"), ("e\u0301局", "\u00e9局"), ("..", FALLBACK), (FALLBACK, ""),
])
def test_two_different_unit_names_never_share_a_folder(one: str, other: str) -> None:
    first, second = unit_folder(one, fallback=FALLBACK), unit_folder(other, fallback=FALLBACK)
    assert first.casefold() != second.casefold()


def test_a_unit_named_like_another_units_hashed_folder_gets_its_own() -> None:
    victim = unit_folder("某市/司法局", fallback=FALLBACK)
    assert victim.startswith("某市_司法局_")
    assert unit_folder(victim, fallback=FALLBACK) != victim


_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_any_text_gives_a_harmless_component(text: str) -> None:
    part = safe_part(text)
    assert not (set(part) & _WINDOWS_BAD)
    assert len(part.encode("utf-8")) <= 120
    assert not part or part[0] not in "-=+@'\"`“”‘’＝＋－＠ ._"
    assert part.split(".", 1)[0].rstrip(" ").upper() not in {n.upper() for n in RESERVED}
    assert Path(part).name == part or part == ""


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_any_two_unit_names_get_different_folders(one: str, other: str) -> None:
    if (one or None) == (other or None):
        return
    folders = unit_folder(one, fallback=FALLBACK), unit_folder(other, fallback=FALLBACK)
    assert folders[0].casefold() != folders[1].casefold()
    assert all(f and "/" not in f and "\\" not in f and not f.startswith(".") for f in folders)
