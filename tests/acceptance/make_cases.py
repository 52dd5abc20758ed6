"""Regenerates the acceptance workbooks and their sidecars: `python tests/acceptance/make_cases.py`.

Each case is a filled workbook plus `<name>.expect.yaml` listing every (rule, location)
it must report: hand-written expectations, not the tool's output."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from helpers import GOOD_GOAL, Sub, good_sub, write_sub  # noqa: E402

OUT = "普法经费"
IND = [
    (OUT, "产出指标", "数量指标", "法治讲座场次", "≥", "48", "场", ""),
    (OUT, "效益指标", "社会效益指标", "宪法宣传周活动区覆盖率", "=", "100", "%", ""),
    (OUT, "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", ""),
]


def clean() -> tuple[Sub, list[list[str]]]:
    return good_sub(), []


def aliases() -> tuple[Sub, list[list[str]]]:
    sub = Sub(projects=[(OUT, "某市司法局", "9,486.23", "９４８６．２３", "", "—", GOOD_GOAL)], indicators=[
        (OUT, "产出指标(50分)", "数量", "法治讲座场次", "≥", "48", "场", ""),
        (OUT, "效果指标", "社会效益", "覆盖率", "=", "100", "%", ""),
        (OUT, "社会公众或服务对象满意度指标", "服务对象满意度", "群众满意度", "≥", "90", "%", ""),
    ])
    return sub, []


def funds() -> tuple[Sub, list[list[str]]]:
    sub = good_sub()
    sub.projects += [("购置经费", "某市司法局", 50, 48, 0, 0, GOOD_GOAL), ("合计", None, 640, 540, 0, 100, None)]
    sub.indicators += [("购置经费", *row[1:]) for row in IND]
    return sub, [["funds-row-total", "项目信息!C5"], ["funds-sum", "项目信息!C6"], ["funds-sum", "项目信息!D6"]]


def categories() -> tuple[Sub, list[list[str]]]:
    sub = good_sub()
    sub.indicators = [IND[0], (OUT, "投入指标", "数量指标", "资金到位率", "=", "100", "%", ""),
                      (OUT, "效益指标", "数量指标", "覆盖率", "=", "100", "%", "")]
    return sub, [["category-missing", "项目信息!A4"], ["category-unknown", "绩效指标!B5"],
                 ["category-unknown", "绩效指标!C6"]]


def structure() -> tuple[Sub, list[list[str]]]:
    sub = good_sub()
    sub.projects += [("购置经费", "某市司法局", 48, 48, 0, 0, GOOD_GOAL), ("普法经费", "某市司法局", 1, 1, 0, 0, GOOD_GOAL)]
    sub.indicators += [("普法宣传经费", "产出指标", "数量指标", "场次", "≥", "5", "场", ""), IND[0]]
    return sub, [["project-duplicate", "项目信息!A6"], ["project-without-indicators", "项目信息!A5"],
                 ["indicator-orphan", "绩效指标!A7"], ["indicator-duplicate", "绩效指标!D8"]]


def text() -> tuple[Sub, list[list[str]]]:
    sub = good_sub()
    sub.projects[0] = ("普法 经费", "某市司法局", 600, 500, 0, 100, "请填写绩效目标")
    sub.indicators = [("普法 经费", *row[1:]) for row in IND]
    sub.indicators[0] = ("普法 经费", "产出指标", "数量指标", "XXX场次", "≥", "48", "场", "")
    # the placeholder goal is one cause, one finding: text-placeholder, not also goal-too-short
    return sub, [["text-whitespace", "项目信息!A4"], ["text-placeholder", "项目信息!G4"],
                 ["text-placeholder", "绩效指标!D4"]]


def values() -> tuple[Sub, list[list[str]]]:
    sub = good_sub()
    sub.indicators = [(OUT, "产出指标", "数量指标", "法治讲座场次", None, "≥≥48", "场", ""),
                      (OUT, "效益指标", "社会效益指标", "覆盖率", None, "待定", "%", ""),
                      (OUT, "满意度指标", "服务对象满意度指标", "群众满意度", None, None, "%", "")]
    return sub, [["threshold-malformed", "绩效指标!F4"], ["threshold-malformed", "绩效指标!F5"],
                 ["threshold-malformed", "绩效指标!F6"]]


def outdated() -> tuple[Sub, list[list[str]]]:
    return good_sub(), [["template-version", "模板信息"]]


CASES = {"pass": [clean, aliases, outdated], "fail": [funds, categories, structure, text, values]}


def main() -> None:
    for folder, cases in CASES.items():
        (HERE / folder).mkdir(exist_ok=True)
        for case in cases:
            sub, expected = case()
            path = write_sub(HERE / folder / f"{case.__name__}.xlsx", sub)
            if case is outdated:
                book = load_workbook(path)
                book["模板信息"]["B2"] = "2025.1"
                book.save(path)
            sidecar = path.with_name(f"{case.__name__}.expect.yaml")
            sidecar.write_text(yaml.safe_dump({"findings": expected}, allow_unicode=True), encoding="utf-8")
    (HERE / "fail" / "unreadable.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (HERE / "fail" / "unreadable.expect.yaml").write_text(
        yaml.safe_dump({"findings": [["file-unreadable", ""]]}, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    main()
