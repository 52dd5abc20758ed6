from pathlib import Path

from helpers import GOOD_GOAL, check, check_published, good_published, good_sub


def _project(cell: str) -> list[tuple[object, ...]]:
    return [("普法经费", "600.00", "600.00", None, None, GOOD_GOAL, cell)]


def _cell(*numbers: int) -> str:
    names = ("场次", "覆盖率", "满意度", "期数", "人数")
    return " ".join(f"{n}、产出指标：{names[i]}，年度指标值：≥{i + 1}。" for i, n in enumerate(numbers))


def test_consecutive_numbering(tmp_path: Path) -> None:
    assert check_published(tmp_path, "indicator-numbering", good_published()) == []


def test_numbering_restarts(tmp_path: Path) -> None:
    [finding] = check_published(tmp_path, "indicator-numbering", _project(_cell(1, 2, 1, 2)))
    assert (finding.sheet, finding.cell, finding.indicator) == (None, "第6行第7列", "第1项 满意度")
    assert finding.value == "1、2、1、2、"
    assert "重新从 1 开始" in finding.message


def test_numbering_skips(tmp_path: Path) -> None:
    [finding] = check_published(tmp_path, "indicator-numbering", _project(_cell(1, 2, 4)))
    assert finding.indicator == "第4项 满意度"
    assert "缺少第 3 项" in finding.message


def test_numbering_does_not_start_at_one(tmp_path: Path) -> None:
    [finding] = check_published(tmp_path, "indicator-numbering", _project(_cell(2, 3)))
    assert finding.indicator == "第2项 场次" and "应从 1 开始" in finding.message


def test_each_restart_is_reported_in_a_workbook(tmp_path: Path) -> None:
    findings = check_published(tmp_path, "indicator-numbering", _project(_cell(1, 2, 1, 2, 1)), suffix=".xlsx")
    assert [(f.sheet, f.cell, f.indicator) for f in findings] == [
        ("Sheet1", "G6", "第1项 满意度"), ("Sheet1", "G6", "第1项 人数"),
    ]


def test_template_layout_has_no_numbering(tmp_path: Path) -> None:
    assert check(tmp_path, "indicator-numbering", good_sub()) == []
