from pathlib import Path

from helpers import GOOD_GOAL, check, good_sub


def test_clean_names(tmp_path: Path) -> None:
    assert check(tmp_path, "text-whitespace", good_sub()) == []


def test_spaces_and_breaks_in_names(tmp_path: Path) -> None:
    sub = good_sub()
    sub.projects[0] = ("广州市司法局 2022年信息化建设 开发项目", "某局", 600, 500, 0, 100, GOOD_GOAL)
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", "法治讲座\n场次", "≥", "48", "场", "")
    findings = check(tmp_path, "text-whitespace", sub)
    assert [(f.sheet, f.cell) for f in findings] == [("项目信息", "A4"), ("绩效指标", "D4")]
    assert findings[0].suggestion == "建议改为“广州市司法局2022年信息化建设开发项目”。"
    assert findings[1].value == "法治讲座\n场次"


def test_space_between_latin_words_is_fine(tmp_path: Path) -> None:
    sub = good_sub()
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", "APP 下载量", "≥", "48", "次", "")
    findings = check(tmp_path, "text-whitespace", sub)
    assert len(findings) == 1  # the space touches a Chinese character
    sub.indicators[0] = ("普法经费", "产出指标", "数量指标", "Web API", "≥", "48", "次", "")
    assert check(tmp_path, "text-whitespace", sub) == []
