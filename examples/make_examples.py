"""Regenerates the sample inbox `examples/inbox/`: `python examples/make_examples.py`.

Four submissions as units send them, one per outcome of a review: a table that passes, one
that passes with hints, one returned for revision, and a file that cannot be read (a damaged
.xls: only its header is there); and a self-evaluation (绩效自评表) of the year that ends, returned
for revision. `validate examples/inbox` reviews them in place; to try the inbox bot, copy the folder
first (`validator run` moves what it has answered into the archive), see docs/bot.md."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from validator.template.writer import IndicatorRow, ProjectRow, write_filled_template  # noqa: E402

YEAR = 2027
INBOX = HERE / "inbox"
# An OLE compound-file header and nothing else: a damaged Excel 97-2003 (.xls) file.
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def money(text: str) -> Decimal:
    return Decimal(text)


def indicators(project: str, rows: list[tuple[str, str, str, str, str, str]]) -> list[IndicatorRow]:
    return [IndicatorRow(project, l1, l2, name, op, value, unit, None) for l1, l2, name, op, value, unit in rows]


def passing() -> Path:
    project = "普法宣传经费"
    return write_filled_template(
        INBOX / "某市司法局_2027年项目支出绩效目标表.xlsx", year=YEAR, department="某市司法局",
        projects=[ProjectRow(project, "某市司法局", money("120.00"), money("100.00"), money("0"), money("20.00"),
                             "全年开展法治讲座不少于48场，覆盖全市11个区，群众对普法工作的满意度达到90%以上。")],
        indicators=indicators(project, [
            ("产出指标", "数量指标", "法治讲座场次", "≥", "48", "场"),
            ("产出指标", "时效指标", "讲座完成时限", "≤", "12", "个月"),
            ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "=", "100", "%"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%"),
        ]))


def with_hints() -> Path:
    project = "校舍维修改造"
    return write_filled_template(
        INBOX / "某市教育局_2027年项目支出绩效目标表.xlsx", year=YEAR, department="某市教育局",
        projects=[ProjectRow(project, "某市第一中学", money("350.00"), money("350.00"), money("0"), money("0"),
                             "完成第一中学教学楼屋面防水和外墙维修，8月底前完工，保障秋季学期正常开学。")],
        indicators=indicators(project, [
            ("产出指标", "数量指标", "维修面积", "≥", "4000", "平方米"),
            ("产出指标", "质量指标", "工程验收合格率", "=", "100", "%"),
            ("效益指标", "社会效益指标", "教学环境", "", "有效改善", ""),
            ("满意度指标", "服务对象满意度指标", "师生满意度", "=", "100", "%"),
        ]))


def returned() -> Path:
    project = "基层医疗设备购置"
    return write_filled_template(
        INBOX / "某市卫健委_2027年项目支出绩效目标表.xlsx", year=YEAR, department="某市卫健委",
        projects=[ProjectRow(project, "某市卫健委", money("800.00"), money("600.00"), money("0"), money("100.00"),
                             "待定")],
        indicators=indicators(project, [
            ("产出指标", "数量指标", "购置设备数量", "≥", "30", "台"),
            ("效益指标", "社会效益指标", "基层诊疗人次增长率", "≥", "待定", "%"),
        ]))


def unreadable() -> Path:
    path = INBOX / "某市文旅局_绩效目标表.xls"
    path.write_bytes(OLD_XLS)
    return path


# --- a self-evaluation (绩效自评表) at the close of the year: the same unit's project of 2026,
# filled in the self-evaluation template, with two mistakes reviewers meet every year ---------

SELF_YEAR = 2026
SELF_FILLED: dict[str, object] = {
    "B2": "普法宣传经费", "F3": "某市法治宣传中心",
    "C5": 120, "D5": 120, "E5": 114, "G5": "95%", "H5": 9.5,
    "C6": 100, "D6": 100, "E6": 96, "C7": 20, "D7": 20, "E7": 18,
    "B9": "全年开展法治讲座不少于48场，覆盖全市11个区，群众对普法工作的满意度达到90%以上。",
    "F9": "全年开展法治讲座50场，覆盖全市11个区，参与群众5200人次；群众满意度88%。",
    # 法治讲座场次: “达成预期指标” instead of the number of lectures held
    **dict(zip(("A11", "B11", "C11", "D11", "E11", "F11", "G11"),
               ("产出指标", "数量指标", "法治讲座场次", "≥48场", "达成预期指标", 20, 20))),
    **dict(zip(("A12", "B12", "C12", "D12", "E12", "F12", "G12"),
               ("产出指标", "质量指标", "讲座参与人次", "≥5000人次", "5200人次", 15, 15))),
    **dict(zip(("A13", "B13", "C13", "D13", "E13", "F13", "G13"),
               ("产出指标", "时效指标", "讲座完成时限", "≤12个月", "11个月", 15, 15))),
    **dict(zip(("A14", "B14", "C14", "D14", "E14", "F14", "G14"),
               ("效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "100%", "100%", 30, 30))),
    # 群众满意度: 88% against ≥90%, yet full marks and no reason for the shortfall
    **dict(zip(("A15", "B15", "C15", "D15", "E15", "F15", "G15"),
               ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", 10, 10))),
    "G19": 99.5, "F20": "优",
}


def self_evaluation() -> Path:
    from openpyxl import load_workbook

    from validator.template.selfeval import write_self_template

    path = INBOX / f"某市司法局_{SELF_YEAR}年项目支出绩效自评表.xlsx"
    write_self_template(path, year=SELF_YEAR, department="某市司法局")
    book = load_workbook(path)
    ws = book.worksheets[0]
    for ref, value in SELF_FILLED.items():
        ws[ref] = value
    book.save(path)
    return path


def main() -> None:
    INBOX.mkdir(parents=True, exist_ok=True)
    for make in (passing, with_hints, returned, unreadable, self_evaluation):
        print(make())


if __name__ == "__main__":
    main()
