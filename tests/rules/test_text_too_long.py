from pathlib import Path

from helpers import GOOD_GOAL, check, check_published, good_published, good_sub, run_rule, validate
from hostile_inputs import MARK, cjk_text, with_raw_text

from validator.model import Status


def test_normal_text_passes(tmp_path: Path) -> None:
    assert check(tmp_path, "text-too-long", good_sub()) == []


def _long_goal(tmp_path: Path, chars: int) -> Path:
    sub = good_sub()
    sub.projects[0] = (*sub.projects[0][:6], MARK)
    return with_raw_text(tmp_path / "长.xlsx", sub, "绩效目标" + cjk_text(chars - 4))


def test_a_goal_longer_than_excel_allows_is_an_error_at_its_cell(tmp_path: Path) -> None:
    [finding] = run_rule("text-too-long", _long_goal(tmp_path, 40_000))
    assert (finding.sheet, finding.cell, finding.project) == ("项目信息", "G4", "普法经费")
    assert "40,000 个字符，超过 32,767 个字符的上限" in finding.message
    assert "开头为“绩效目标" in finding.message and len(finding.message) < 200
    assert finding.value is not None and len(finding.value) <= 30


def test_the_limit_is_an_option_and_each_cell_is_reported_once(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", "法治讲座场次" * 5, "≥", "48", "场", "")
    found = check(tmp_path, "text-too-long", sub, max_chars=20)
    assert sorted((f.sheet or "", f.cell or "") for f in found) == [("绩效指标", "D4"), ("项目信息", "G4")]
    assert check(tmp_path, "text-too-long", sub, max_chars=len(GOOD_GOAL)) == []


def test_a_long_indicator_cell_in_the_published_layout_is_reported_once(tmp_path: Path) -> None:
    rows = good_published()
    name, *amounts, goal, cell = rows[2]
    rows[2] = (name, *amounts, goal, str(cell) + "说明" * 20_000)
    found = check_published(tmp_path, "text-too-long", rows)
    assert len(found) == 1 and "个字符，超过 32,767 个字符的上限" in found[0].message


def test_the_whole_review_does_not_pass_a_million_character_goal(tmp_path: Path) -> None:
    report = validate(_long_goal(tmp_path, 1_000_000))  # 10 million behave the same, in about 15 s
    assert report.status is Status.FAILED
    [finding] = [f for f in report.findings if f.rule == "text-too-long"]
    assert "1,000,000 个字符" in finding.message and finding.cell == "G4"
