"""Letters, annotated copies, the summary, JSON, the bot, `import` and `publish` work for the
budget-system export and the national form with no special case: the readers yield the same
records as the template's. Run on the committed acceptance files (saved by LibreOffice)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
from bothelpers import settings_for
from click.testing import CliRunner
from openpyxl import load_workbook

from validator.bot.runner import process_inbox
from validator.cli import cli
from validator.model import LAYOUT_LABELS
from validator.outputs.annotate import SHEET_TITLE
from validator.rules import RULES

HERE = Path(__file__).parent / "acceptance"
FAILING = {"rowwise": HERE / "fail" / "rowwise_problems.xlsx", "national": HERE / "fail" / "national_problems.xlsx"}
PASSING = {"rowwise": HERE / "pass" / "rowwise_clean.xlsx", "national": HERE / "pass" / "national_clean.xlsx"}


def _inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in [*FAILING.values(), *PASSING.values()]:
        shutil.copy(path, folder / path.name)
    return folder


def test_json_text_letters_annotations_and_summary(tmp_path: Path) -> None:
    folder = _inbox(tmp_path)
    args = ["validate", str(folder), "--format", "json", "--letters", str(tmp_path / "l"), "--annotate",
            str(tmp_path / "a"), "--summary", str(tmp_path / "s.xlsx")]
    result = CliRunner().invoke(cli, args)
    report = {Path(f["path"]).stem: f for f in json.loads(result.stdout)["files"]}
    assert {name: f["layout"] for name, f in report.items()} == {
        "rowwise_problems": "rowwise", "national_problems": "national", "rowwise_clean": "rowwise",
        "national_clean": "national"}
    assert report["national_problems"]["projects"] == ["普法宣传", "法律援助"]
    for name, layout in (("rowwise_problems", "rowwise"), ("national_problems", "national")):
        [letter] = (tmp_path / "l").glob(f"*{name}_审核意见.docx")
        document = docx.Document(str(letter))
        assert f"（{LAYOUT_LABELS[layout]}）" in "\n".join(p.text for p in document.paragraphs)
        written = "\n".join([p.text for p in document.paragraphs]
                            + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
        # places of one problem are listed together: 绩效目标!J9、J10
        missing = [f["cell"] for f in report[name]["findings"] if f["cell"]
                   and not re.search(rf"{f['sheet']}!(?:[A-Z]+\d+、)*{f['cell']}(?!\d)", written)]
        assert not missing, "every finding's place is named in the letter"
        [copy] = (tmp_path / "a").glob(f"*{name}_审核标注.xlsx")
        book = load_workbook(copy)
        assert book.sheetnames[0] == SHEET_TITLE
        for finding in report[name]["findings"]:
            if finding["cell"]:
                assert book[finding["sheet"]][finding["cell"]].comment is not None, finding
    summary = load_workbook(tmp_path / "s.xlsx")
    assert summary.worksheets[0].max_row >= 5
    text = CliRunner().invoke(cli, ["validate", str(FAILING["national"])]).stdout
    assert "普法宣传!G6" in text and "［申报表格式］" in text


def test_every_template_rule_ran_on_the_failing_files(tmp_path: Path, monkeypatch: object) -> None:
    """No rule is skipped for these layouts: each rule's check is called and completes."""
    import validator.engine as engine
    from validator.config.loader import load_config

    called: list[str] = []
    original = engine._run_rule

    def spy(rule_id, level, sub, options):  # type: ignore[no-untyped-def]
        called.append(rule_id)
        return original(rule_id, level, sub, options)

    monkeypatch.setattr(engine, "_run_rule", spy)  # type: ignore[attr-defined]
    config = load_config()
    for path in FAILING.values():
        called.clear()
        report = engine.validate_file(path, config)
        assert set(called) == {rid for rid, _ in config.enabled()}
        assert "本项检查因程序内部错误未能完成" not in " ".join(f.message for f in report.findings)
    assert {rid for rid, _ in config.enabled()} >= set(RULES) - {"value-boilerplate"}


def test_bot_answers_both_layouts(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    for path in [*FAILING.values(), *PASSING.values()]:
        shutil.copy(path, settings.inbox / path.name)
    process_inbox(settings)
    letters = sorted(p.name for p in settings.outbox.rglob("*_审核意见.docx"))
    assert len(letters) == 4 and any("national_problems" in n for n in letters)
    assert (settings.outbox / "汇总.xlsx").is_file()


def test_import_and_publish(tmp_path: Path) -> None:
    runner = CliRunner()
    for layout, path in PASSING.items():
        out = tmp_path / layout
        result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        check = runner.invoke(cli, ["validate", str(out), "--format", "json"])
        files = json.loads(check.stdout)["files"]
        assert files and all(f["status"] == "passed" for f in files), check.stdout
    result = runner.invoke(cli, ["publish", str(HERE / "pass"), "-o", str(tmp_path / "公开表.xlsx")])
    assert result.exit_code == 0, result.output
    # one table per department, each on its own sheet
    rows = [r for ws in load_workbook(tmp_path / "公开表.xlsx").worksheets for r in ws.iter_rows(values_only=True)]
    amounts = {(r[0], *(str(v) if v is not None else None for v in r[1:5])) for r in rows}
    # the national form's 单位自筹资金 50 is published under 其他资金 with its 100
    assert {("法律援助", "650", "500", None, "150"), ("法律援助", "1200", "1200", None, None),
            ("普法宣传", "600", "500", None, "100")} <= amounts
