"""The sample inbox in examples/: one submission per outcome, in sync with its script, and
answered by the bot as the README and docs/bot.md say."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from bothelpers import settings_for
from helpers import validate
from openpyxl import load_workbook

from validator.bot.runner import process_inbox

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "inbox"
EXPECTED = {
    "某市司法局_2027年项目支出绩效目标表.xlsx": "passed",
    "某市教育局_2027年项目支出绩效目标表.xlsx": "warnings",
    "某市卫健委_2027年项目支出绩效目标表.xlsx": "failed",
    "某市文旅局_绩效目标表.xls": "unreadable",
    "某市司法局_2026年项目支出绩效自评表.xlsx": "failed",  # a self-evaluation: two mistakes to send back
}


def test_one_example_per_outcome() -> None:
    assert {p.name: validate(p).status.value for p in EXAMPLES.iterdir()} == EXPECTED


def test_examples_are_small() -> None:
    assert all(p.stat().st_size < 20_000 for p in EXAMPLES.iterdir())


def test_script_regenerates_the_committed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("make_examples", REPO / "examples" / "make_examples.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "INBOX", tmp_path)
    script.main()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXPECTED)
    for fresh in tmp_path.iterdir():
        committed = EXAMPLES / fresh.name
        if fresh.suffix == ".xls":
            assert fresh.read_bytes() == committed.read_bytes()
            continue
        old, new = load_workbook(committed), load_workbook(fresh)
        assert old.sheetnames == new.sheetnames
        for ws in new.worksheets:
            assert [[c.value for c in r] for r in old[ws.title].iter_rows()] == \
                [[c.value for c in r] for r in ws.iter_rows()], (fresh.name, ws.title)


def test_the_bot_answers_a_copy_of_the_examples(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    for path in EXAMPLES.iterdir():
        shutil.copy2(path, settings.inbox / path.name)
    result = process_inbox(settings)
    assert sorted(o.verdict for o in result.answered) == sorted(["通过", "通过（有提示）", "退回修改", "退回修改（文件无法读取）",
                                                                  "退回修改"])
    assert len(list(settings.outbox.rglob("*_审核意见.docx"))) == 5
    assert sorted(p.name for p in EXAMPLES.iterdir()) == sorted(EXPECTED)  # the examples stay where they are


def test_the_self_evaluation_example_is_answered_with_a_self_evaluation_letter(tmp_path: Path) -> None:
    import docx

    settings = settings_for(tmp_path)
    name = "某市司法局_2026年项目支出绩效自评表.xlsx"
    shutil.copy2(EXAMPLES / name, settings.inbox / name)
    [answer] = process_inbox(settings).answered
    assert answer.verdict == "退回修改"
    [letter] = settings.outbox.rglob("*自评表*_审核意见.docx")
    doc = docx.Document(str(letter))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "《某市司法局2026年项目支出绩效自评表》" in text and "一、复核结论" in text
    assert "台账中没有某市司法局2026年项目“普法宣传经费”审核通过的绩效目标表" in doc.tables[0].rows[-1].cells[-1].text
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["序号", "指标", "年度指标值", "实际完成值", "分值/得分", "问题及修改建议"]
    assert rows[1][1:5] == ["法治讲座场次", "≥48场", "达成预期指标", "20/20"]
    assert rows[2][1:5] == ["群众满意度", "≥90%", "88%", "10/10"] and "H15" in rows[2][5]
