"""The self-evaluation template (`validator template --kind 自评`) carries the hidden 模板信息
sheet as the target template does (template id, version, year, unit, rules checksum); the reader
reads it, and template-version tells a submission from an out-of-date 自评 template. The copy in
templates/ is kept in sync with the code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from helpers import assert_same_cells
from openpyxl import load_workbook

from validator.cli import cli
from validator.config.loader import load_config
from validator.engine import validate_file
from validator.reader import read_submission
from validator.reader.sheets import SELF_TEMPLATE_ID, SELF_TEMPLATE_VERSION
from validator.template.selfeval import write_self_template

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "templates" / "项目支出绩效自评表模板.xlsx"
CONFIG = load_config(REPO / "rules.yaml")
FILLED = {
    "B2": "普法经费", "B3": "某市司法局", "F3": "某市法治宣传中心",
    "C5": 100, "D5": 100, "E5": 95, "G5": "95%", "H5": 9.5, "C6": 100, "D6": 100, "E6": 95, "C7": 0, "D7": 0, "E7": 0,
    "B9": "全年开展法治讲座不少于48场，覆盖全市11个区，群众满意度达到90%以上。",
    "F9": "全年开展法治讲座52场，覆盖全市11个区，群众满意度93%，目标全部完成。",
    **{f"{c}11": v for c, v in zip("ABCDEFG", ("产出指标", "数量指标", "法治讲座场次", "≥48场", "52场", 50, 50), strict=True)},
    **{f"{c}12": v for c, v in zip("ABCDEFG", ("效益指标", "社会效益指标", "讲座覆盖率", "100%", "100%", 30, 30),
                                   strict=True)},
    **{f"{c}13": v for c, v in zip("ABCDEFG", ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
                                   strict=True)},
    "G19": 99.5, "F20": "优",
}


def _meta(path: Path) -> dict[str, str]:
    book = load_workbook(path)
    assert book["模板信息"].sheet_state == "hidden"
    return {row[0].value: row[1].value for row in book["模板信息"].iter_rows()}


def _filled(tmp_path: Path, version: str | None = None) -> Path:
    template = write_self_template(tmp_path / "模板.xlsx", year=2027, rules_checksum=CONFIG.checksum)
    book = load_workbook(template)
    ws = book["自评表1"]
    for ref, value in FILLED.items():
        ws[ref] = value
    if version is not None:
        book["模板信息"]["B2"] = version
    path = tmp_path / f"自评{version or ''}.xlsx"
    book.save(path)
    return path


def test_the_blank_template_has_its_template_sheet(tmp_path: Path) -> None:
    out = tmp_path / "自评.xlsx"
    result = CliRunner().invoke(cli, ["template", "--kind", "自评", "--year", "2027", "--rules", str(REPO / "rules.yaml"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["自评表1", "模板信息"]
    assert _meta(out) == {"template_id": SELF_TEMPLATE_ID, "version": SELF_TEMPLATE_VERSION, "year": "2027",
                          "department": None, "rules_checksum": CONFIG.checksum}  # no unit: left empty


def test_a_filled_template_is_read_with_its_template_sheet(tmp_path: Path) -> None:
    sub = read_submission(_filled(tmp_path))
    assert sub.layout == "self-evaluation" and sub.meta is not None
    assert (sub.meta.template_id, sub.meta.version, sub.meta.year) == (SELF_TEMPLATE_ID, SELF_TEMPLATE_VERSION, 2027)
    assert [p.name.shown for p in sub.projects] == ["普法经费"] and len(sub.indicators) == 3
    report = validate_file(_filled(tmp_path), CONFIG)
    assert [f.rule for f in report.findings] == ["target-approved"]  # no ledger given; nothing else


def test_an_out_of_date_template_gets_the_template_hint(tmp_path: Path) -> None:
    report = validate_file(_filled(tmp_path, "2025.1"), CONFIG)
    [hint] = [f for f in report.findings if f.rule == "template-version"]
    assert hint.severity.value == "warning" and hint.sheet == "模板信息"
    assert hint.message == f"模板版本为 2025.1，当前接受的版本为 {SELF_TEMPLATE_VERSION}。"
    assert hint.suggestion == "请下载最新版本的自评表模板，把内容复制过去后重新提交。"


def test_a_form_of_the_unit_s_own_gets_no_template_hint() -> None:
    path = REPO / "tests" / "acceptance" / "fail" / "selfeval_form_problems.xlsx"
    assert read_submission(path).meta is None
    assert [f for f in validate_file(path, CONFIG).findings if f.rule == "template-version"] == []


def test_committed_self_template_is_in_sync(tmp_path: Path) -> None:
    """templates/项目支出绩效自评表模板.xlsx is what `validator template --kind 自评 --year 2027`
    makes with the shipped rules.yaml (regenerate it when a rule setting changes)."""
    committed = load_workbook(COMMITTED)
    year = int(committed["模板信息"]["B3"].value)
    fresh = load_workbook(write_self_template(tmp_path / "t.xlsx", year=year, rules_checksum=CONFIG.checksum))
    assert_same_cells(committed, fresh)
