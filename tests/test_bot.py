"""Real passes of the inbox bot over temporary inbox folders, called in-process."""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from bothelpers import (
    assert_consistent,
    drop,
    failing_sub,
    ledger_rows,
    other_unit_sub,
    settings_for,
    standard_inbox,
    warning_sub,
)
from helpers import good_sub
from openpyxl import load_workbook

from validator.bot import runner as bot
from validator.bot.runner import BotError, InboxBusy, exclusive_lock, process_inbox
from validator.model import Report


def letter_text(path: str | Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_pass_answers_every_submission_once(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    originals = standard_inbox(settings.inbox)
    result = process_inbox(settings)
    verdicts = {o.name: o.verdict for o in result.answered}
    assert verdicts == {"司法局_绩效目标表.xlsx": "通过", "教育局_绩效目标表.xlsx": "退回修改",
                        "说明.pdf": "退回修改（文件无法读取）", "司法局_再次报送.xlsx": "重复报送（通过）"}
    rows = assert_consistent(tmp_path, originals)
    assert [r["kind"] for r in rows] == ["review", "review", "review", "duplicate"]
    assert process_inbox(settings).answered == ()  # idempotent: nothing new, nothing redone
    assert len(ledger_rows(settings.ledger)) == 4


def test_outputs_are_named_by_unit_file_and_time(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "表一.xlsx", failing_sub())
    [outcome] = process_inbox(settings).answered
    [row] = ledger_rows(settings.ledger)
    stamp = row["processed"].replace("-", "").replace(":", "").replace("T", "-")
    folder = settings.outbox / "某市司法局"
    assert Path(row["letter_path"]) == folder / f"某市司法局_表一_{stamp}_审核意见.docx"
    assert Path(row["annotated_path"]) == folder / f"某市司法局_表一_{stamp}_审核标注.xlsx"
    assert Path(row["json_path"]) == folder / f"某市司法局_表一_{stamp}_审核结果.json"
    assert outcome.letter == row["letter_path"]


def test_json_report_is_the_one_file_report(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "表.xlsx", failing_sub())
    process_inbox(settings)
    [row] = ledger_rows(settings.ledger)
    saved = Report.from_json(Path(row["json_path"]).read_text(encoding="utf-8"))
    [report] = saved.files
    assert report.name == "表.xlsx" and report.unit == "某市司法局"
    assert [f.rule for f in report.findings] == ["funds-row-total"]
    assert json.loads(row["report_json"]) == json.loads(Path(row["json_path"]).read_text(encoding="utf-8"))


def test_annotated_copy_marks_the_cell_and_original_is_untouched(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    original = drop(settings.inbox, "表.xlsx", failing_sub()).read_bytes()
    process_inbox(settings)
    [row] = ledger_rows(settings.ledger)
    book = load_workbook(row["annotated_path"])
    assert book.sheetnames[0] == "审核意见"
    assert book["项目信息"]["C4"].comment is not None
    assert Path(row["archive_path"]).read_bytes() == original


def test_non_workbooks_get_a_letter_saying_so(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "扫描件.pdf", b"%PDF-1.7 scanned")
    docx.Document().save(str(settings.inbox / "说明.docx"))
    drop(settings.inbox, "打包.zip", b"PK\x05\x06" + b"\x00" * 18)
    result = process_inbox(settings)
    assert sorted(o.name for o in result.answered) == ["打包.zip", "扫描件.pdf", "说明.docx"]
    for row in ledger_rows(settings.ledger):
        assert row["verdict"] == "unreadable" and row["annotated_path"] is None
        assert "无法读取" in letter_text(row["letter_path"])


def test_lock_temp_hidden_and_fresh_files_wait(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, settle_seconds=3600)
    inbox = settings.inbox
    drop(inbox, "~$表.xlsx", b"owner")
    drop(inbox, ".隐藏.xlsx", good_sub())
    drop(inbox, "下载中.xlsx.crdownload", b"PK")
    drop(inbox, "打开中.xlsx", good_sub())
    drop(inbox, "~$打开中.xlsx", b"owner")  # Excel and WPS: `~$` + the whole name
    drop(inbox, "刚写完.xlsx", good_sub())
    result = process_inbox(settings)
    assert result.answered == ()
    assert {w.relative: w.reason for w in result.waiting} == {
        "刚写完.xlsx": "文件刚有改动，等待写入完成",
        "打开中.xlsx": "文件正在被 Excel/WPS 打开",
    }
    assert {w.relative: w.reason for w in result.skipped} == {
        "下载中.xlsx.crdownload": "临时文件，不作为报送文件处理",
        ".隐藏.xlsx": "隐藏文件，不处理",
        "~$表.xlsx": "Excel/WPS/LibreOffice 的锁文件（《表.xlsx》正在被打开），不处理",
        "~$打开中.xlsx": "Excel/WPS/LibreOffice 的锁文件（《打开中.xlsx》正在被打开），不处理",
    }
    settled = replace(settings, settle_seconds=0)
    assert [o.name for o in process_inbox(settled).answered] == ["刚写完.xlsx"]
    (inbox / "~$打开中.xlsx").unlink()
    assert [o.name for o in process_inbox(settled).answered] == ["打开中.xlsx"]
    assert sorted(p.name for p in inbox.iterdir()) == [".隐藏.xlsx", "~$表.xlsx", "下载中.xlsx.crdownload"]


def test_same_names_never_collide(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "甲/绩效目标表.xlsx", good_sub())
    drop(settings.inbox, "乙/绩效目标表.xlsx", other_unit_sub("某市司法局", "法律援助"))
    process_inbox(settings)
    drop(settings.inbox, "绩效目标表.xlsx", failing_sub())
    process_inbox(settings)
    rows = ledger_rows(settings.ledger)
    assert len({r["archive_path"] for r in rows}) == 3
    assert len({r["letter_path"] for r in rows}) == 3
    assert all(Path(r["archive_path"]).name.endswith("_绩效目标表.xlsx") for r in rows)
    assert all(Path(r["archive_path"]).name[16:24] == r["sha256"][:8] for r in rows)


def test_identical_workbook_is_answered_with_a_short_note(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    first = drop(settings.inbox, "表.xlsx", failing_sub()).read_bytes()
    process_inbox(settings)
    drop(settings.inbox, "表（修改后）.xlsx", first)
    [outcome] = process_inbox(settings).answered
    assert outcome.duplicate and outcome.verdict == "重复报送（退回修改）"
    row = ledger_rows(settings.ledger)[1]
    assert row["duplicate_of"] == 1 and row["annotated_path"] is None
    assert row["letter_path"].endswith("_重复报送告知.docx")
    text = letter_text(row["letter_path"])
    assert "内容完全相同" in text and "《表.xlsx》" in text and "请按该审核意见修改后重新报送" in text
    assert "二、问题及修改建议" not in text
    assert "我们" not in text and "内容完全相同，已于" in text  # official register, no colloquial "we"
    summary = load_workbook(settings.summary)["汇总"]
    assert summary.max_row == 4  # title, header, totals: the summary lists full reviews only


def test_resubmission_letter_says_what_changed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    first = failing_sub()
    first.indicators.append(("普法经费", "产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", ""))
    drop(settings.inbox, "司法局.xlsx", first)
    process_inbox(settings)
    second = warning_sub()
    drop(settings.inbox, "司法局（第二版）.xlsx", second)
    process_inbox(settings)
    rows = ledger_rows(settings.ledger)
    assert rows[1]["previous_id"] == rows[0]["id"]
    text = letter_text(rows[1]["letter_path"])
    assert "三、与上次报送相比" in text
    assert "《司法局.xlsx》经审核发现问题2项" in text
    assert "本次已改正2项，仍未改正0项，新发现1项" in text
    assert "已改正的问题：" in text and "新发现的问题：" in text


def test_resubmission_by_file_name_after_unreadable(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "绩效目标表.xlsx", b"not a workbook")
    process_inbox(settings)
    drop(settings.inbox, "绩效目标表.xlsx", failing_sub())
    process_inbox(settings)
    rows = ledger_rows(settings.ledger)
    assert rows[1]["previous_id"] == rows[0]["id"]
    assert "本次已改正1项，仍未改正0项，新发现1项" in letter_text(rows[1]["letter_path"])


def test_other_units_are_not_linked(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "绩效目标表.xlsx", good_sub())
    process_inbox(settings)
    drop(settings.inbox, "绩效目标表.xlsx", other_unit_sub())
    process_inbox(settings)
    assert [r["previous_id"] for r in ledger_rows(settings.ledger)] == [None, None]


def test_summary_covers_every_pass(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "一.xlsx", good_sub())
    process_inbox(settings)
    drop(settings.inbox, "二.xlsx", other_unit_sub())
    result = process_inbox(settings)
    assert result.summary == settings.summary
    rows = list(load_workbook(settings.summary)["汇总"].iter_rows(min_row=3, values_only=True))[:-1]  # no totals
    assert [(r[0], r[1], r[3]) for r in rows] == [("某市司法局", "一.xlsx", "通过"), ("某市教育局", "二.xlsx", "通过")]


def test_missing_summary_is_rebuilt(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "一.xlsx", good_sub())
    process_inbox(settings)
    settings.summary.unlink()
    process_inbox(settings)
    assert settings.summary.is_file()


def test_stop_flag_finishes_the_current_file_then_stops(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    originals = standard_inbox(settings.inbox)
    checks = iter([False, True])
    result = process_inbox(settings, stop=lambda: next(checks, True))
    assert result.stopped and len(result.answered) == 1
    assert len(list(settings.inbox.iterdir())) == 3
    rest = process_inbox(settings)
    assert len(rest.answered) == 3 and not rest.stopped
    assert_consistent(tmp_path, originals)


def test_second_pass_is_refused_while_one_runs(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "表.xlsx", good_sub())
    with exclusive_lock(settings.lock_file, wait=False), pytest.raises(InboxBusy, match=r"另一个审核进程（PID \d+）正在处理收件箱"):
        process_inbox(settings)
    assert (settings.inbox / "表.xlsx").exists()
    assert len(process_inbox(settings).answered) == 1


def test_missing_inbox_is_a_clear_error(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    settings.inbox.rmdir()
    with pytest.raises(BotError, match="收件箱文件夹不存在"):
        process_inbox(settings)


def test_a_failing_step_is_retried_by_the_next_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path)
    original = drop(settings.inbox, "表.xlsx", good_sub()).read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(bot._Pass, "_write_letter", broken)  # the letter itself is written in the worker
    result = process_inbox(settings)
    assert result.answered == () and [f.name for f in result.failures] == ["表.xlsx"]
    [row] = ledger_rows(settings.ledger)
    assert row["state"] == "validated" and row["attempts"] == 1 and "disk full" in row["last_error"]
    assert (settings.inbox / "表.xlsx").read_bytes() == original  # kept until answered
    assert not list(settings.outbox.rglob(".validator-tmp-*"))
    monkeypatch.undo()
    retry = process_inbox(settings)
    assert [(o.name, o.resumed) for o in retry.answered] == [("表.xlsx", True)]
    assert_consistent(tmp_path, {"表.xlsx": original})


def test_a_file_replaced_during_the_pass_is_kept_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unit saves a new version under the same name while the old one is being answered."""
    settings = settings_for(tmp_path)
    path = drop(settings.inbox, "表.xlsx", failing_sub())
    real_answer = bot._Pass._answer

    def answer_then_replace(self: bot._Pass, entry: object) -> object:
        done = real_answer(self, entry)  # type: ignore[arg-type]
        drop(settings.inbox, "表.xlsx", good_sub(), mtime=time.time() - 60)
        return done

    monkeypatch.setattr(bot._Pass, "_answer", answer_then_replace)
    process_inbox(settings)
    monkeypatch.undo()
    new_version = path.read_bytes()
    [outcome] = process_inbox(settings).answered
    assert outcome.verdict == "通过"
    rows = ledger_rows(settings.ledger)
    assert Path(rows[1]["archive_path"]).read_bytes() == new_version
    assert not path.exists()


def test_received_time_is_the_files_arrival(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    when = time.mktime((2026, 11, 20, 9, 30, 0, 0, 0, -1))
    drop(settings.inbox, "表.xlsx", good_sub(), mtime=when)
    process_inbox(settings)
    [row] = ledger_rows(settings.ledger)
    assert row["received"] == "2026-11-20T09:30:00"
    assert "于2026年11月20日报送" in letter_text(row["letter_path"])
    assert os.stat(row["archive_path"]).st_mtime == when


def test_gbk_file_names_are_answered_under_their_readable_name(tmp_path: Path) -> None:
    """Zip tools and Samba shares on Chinese Windows still produce GBK-encoded names."""
    settings = settings_for(tmp_path)
    raw = os.fsencode(settings.inbox) + b"/" + "绩效目标表.xlsx".encode("gbk")
    drop(tmp_path, "src.xlsx", failing_sub()).replace(os.fsdecode(raw))
    [outcome] = process_inbox(settings).answered
    assert outcome.name == "绩效目标表.xlsx"
    [row] = ledger_rows(settings.ledger)
    assert row["source_path"].startswith("hex:")
    assert Path(row["archive_path"]).name.endswith("_绩效目标表.xlsx")
    assert docx.Document(row["letter_path"]).core_properties.comments == "报送文件：绩效目标表.xlsx"
    assert list(settings.inbox.iterdir()) == []


def test_a_failing_summary_does_not_lose_the_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path)
    drop(settings.inbox, "表.xlsx", good_sub())

    def broken(*args: object, **kwargs: object) -> None:
        raise PermissionError("汇总.xlsx is locked")

    monkeypatch.setattr(bot, "write_summary", broken)
    result = process_inbox(settings)
    assert [o.name for o in result.answered] == ["表.xlsx"] and result.summary is None
    assert [f.name for f in result.failures] == ["汇总.xlsx"]
    monkeypatch.undo()
    assert process_inbox(settings).summary == settings.summary and settings.summary.is_file()


def test_logging_can_be_configured_again(tmp_path: Path) -> None:
    import logging

    bot.configure_logging(tmp_path / "a.log", stdout=False)
    bot.configure_logging(tmp_path / "b.log", stdout=False)
    logging.getLogger("validator.bot").info("一行")
    assert (tmp_path / "b.log").read_text(encoding="utf-8").count("一行") == 1
    assert "一行" not in (tmp_path / "a.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("inside", ["outbox", "archive"])
def test_outputs_inside_the_inbox_are_refused(tmp_path: Path, inside: str) -> None:
    settings = settings_for(tmp_path, **{inside: tmp_path / "inbox" / inside})
    drop(settings.inbox, "表.xlsx", good_sub())
    with pytest.raises(BotError, match="不能放在收件箱"):
        process_inbox(settings)
    assert (settings.inbox / "表.xlsx").exists()


def test_a_long_file_name_is_answered_and_does_not_stop_the_pass(tmp_path: Path) -> None:
    """A legal 248-byte name: its owner file `~$…` would be 250 bytes, and outputs built from
    it would pass the 255-byte limit; neither may stop the pass or `validator status`."""
    settings = settings_for(tmp_path)
    name = "某市司法局" + "关于二〇二七年度普法宣传教育项目支出绩效目标的申报材料" * 3 + "补充说明.xlsx"
    name = name[: len(name) - 5][: (243 // 3)] + ".xlsx"
    assert 240 <= len(name.encode("utf-8")) <= 250
    drop(settings.inbox, name, failing_sub(), mtime=1_700_000_000)
    drop(settings.inbox, "表.xlsx", good_sub(), mtime=1_700_000_001)
    originals = {p.name: p.read_bytes() for p in settings.inbox.iterdir()}
    assert sorted(bot.inbox_status(settings).ready) == sorted(originals)
    result = process_inbox(settings)
    assert {o.name: o.verdict for o in result.answered} == {name: "退回修改", "表.xlsx": "通过"}
    rows = assert_consistent(tmp_path, originals)
    for row in rows:
        for key in ("archive_path", "letter_path", "annotated_path", "json_path"):
            assert len(Path(row[key]).name.encode("utf-8")) <= 255
