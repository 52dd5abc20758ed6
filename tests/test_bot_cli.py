"""The bot's commands through click: thin wrappers over process_inbox and inbox_status."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bothelpers import drop, failing_sub, prepare_root
from click.testing import CliRunner
from helpers import good_sub

from validator.bot.ledger import Ledger
from validator.bot.runner import StatusInfo, exclusive_lock
from validator.bot.settings import BotSettings
from validator.bot.view import render_status
from validator.cli import EXIT_BUSY, cli


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return prepare_root(tmp_path / "office")


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_run_prints_what_it_answered(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    drop(root / "inbox", "表.xlsx", failing_sub())
    result = invoke("run")
    assert result.exit_code == 0
    assert "已答复：表.xlsx（某市司法局）— 退回修改" in result.output
    assert "第 1 次运行：答复 1 份" in result.output
    assert (root / "outbox" / "bot.log").read_text(encoding="utf-8").count("第 1 次运行") == 1


def test_inbox_and_outbox_options_override(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    drop(tmp_path / "other-in", "表.xlsx", good_sub())
    result = invoke("run", "--inbox", str(tmp_path / "other-in"), "--outbox", str(tmp_path / "other-out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "other-out" / "ledger.sqlite3").is_file()
    assert (tmp_path / "other-out" / "汇总.xlsx").is_file()
    assert not (root / "outbox").exists()


def test_busy_inbox_exits_75_with_a_chinese_message(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    with exclusive_lock(root / "outbox" / "ledger.sqlite3.lock", wait=False):
        result = invoke("run")
    assert result.exit_code == EXIT_BUSY == 75
    assert "另一个审核进程" in result.output and "--wait" in result.output


def test_missing_inbox_is_a_usage_error(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = invoke("run", "--inbox", "nowhere")
    assert result.exit_code == 2 and "收件箱文件夹不存在" in result.output


def test_status_before_and_after_a_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    drop(root / "inbox", "一.xlsx", good_sub())
    drop(root / "inbox", "二.xlsx", failing_sub())
    drop(root / "inbox", "下载.xlsx.part", b"x")
    before = invoke("status")
    assert before.exit_code == 0
    assert "收件箱中待处理 2 份：" in before.output and "  一.xlsx" in before.output
    assert "下载.xlsx.part — 临时文件" in before.output and "（尚未运行）" in before.output
    assert not (root / "outbox").exists()  # status only reads
    invoke("run")
    after = invoke("status").output
    assert "收件箱中待处理 0 份：" in after and "#1 " in after and "答复 2 份" in after
    assert "  通过：1" in after and "  退回修改：1" in after and "  合计：2" in after
    [run_line] = [line for line in after.splitlines() if line.startswith("  #1 ")]
    assert re.fullmatch(r"  #1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 完成：答复 2 份，等待 1 份，出错 0 份（单次运行）", run_line)


@pytest.mark.parametrize(("args", "message"), [
    (["--cron", "every night"], "--cron 格式有误"),
    (["--cron", "0 2 * * *", "--interval", "5"], "只能选一个"),
    (["--tz", "Mars/Base"], "未知时区"),
    (["--interval", "0"], "--interval"),
])
def test_schedule_rejects_bad_options(root: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(root)
    result = invoke("schedule", *args)
    assert result.exit_code == 2 and message in result.output


def test_every_bot_command_has_help() -> None:
    for name in ("run", "status", "schedule"):
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "--inbox" in result.output and "--outbox" in result.output


def test_letters_follow_the_letter_section(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx
    from bothelpers import RULES_YAML, ledger_rows

    monkeypatch.chdir(root)
    (root / "rules.yaml").write_text(RULES_YAML + "letter:\n  office: 某市财政局绩效科\n  contact: 张三\n",
                                     encoding="utf-8")
    drop(root / "inbox", "表.xlsx", failing_sub())
    assert invoke("run").exit_code == 0
    [row] = ledger_rows(root / "outbox" / "ledger.sqlite3")
    text = [p.text for p in docx.Document(row["letter_path"]).paragraphs]
    assert "某市财政局绩效科" in text and any("联系人：张三" in t for t in text)


def test_schedule_refuses_an_outbox_inside_the_inbox(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    result = invoke("schedule", "--outbox", "inbox/answers")
    assert result.exit_code == 2 and "不能放在收件箱" in result.output


def test_settle_option_holds_back_or_lets_through_a_fresh_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    (root / "rules.yaml").write_text((root / "rules.yaml").read_text(encoding="utf-8").replace(
        "settle_seconds: 0", "settle_seconds: 3600"), encoding="utf-8")
    drop(root / "inbox", "表.xlsx", good_sub())
    held = invoke("run")
    assert held.exit_code == 0 and (root / "inbox" / "表.xlsx").exists()
    answered = invoke("run", "--settle", "0")
    assert answered.exit_code == 0 and not (root / "inbox" / "表.xlsx").exists()
    assert "已答复：表.xlsx" in answered.output


def test_status_names_an_unfinished_step_and_the_trigger_in_chinese(root: Path) -> None:
    with Ledger(root / "ledger.sqlite3") as ledger:
        run_id = ledger.start_run("schedule", 4242)
        entry = ledger.claim(sha256="ab" * 32, size=1, mtime_ns=0, original_name="表.xlsx", source_path="inbox/表.xlsx",
                             archive_path="archive/表.xlsx", received=None, run_id=run_id)
        entry = ledger.update(entry.id, state="archived", attempts=2, last_error="磁盘已满")
        runs = tuple(ledger.last_runs())
    info = StatusInfo(ready=(), waiting=(), unfinished=(entry,), runs=runs, counts=Counter(), running_pid=None)
    settings = BotSettings(inbox=root / "inbox", outbox=root / "outbox", archive=root / "archive",
                           ledger=root / "ledger.sqlite3", log_file=root / "bot.log")
    text = render_status(info, settings)
    assert "  表.xlsx — 已归档，尚未审核，出错 2 次（共 3 次后按无法读取答复）：磁盘已满" in text
    [run_line] = [line for line in text.splitlines() if line.startswith("  #1 ")]
    assert run_line.endswith("（常驻服务）") and "T" not in run_line and "archived" not in text
