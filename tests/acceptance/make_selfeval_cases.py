"""Regenerates the acceptance workbooks of the self-evaluation tables (绩效自评表) and their
sidecars: `python tests/acceptance/make_selfeval_cases.py`.

Built with openpyxl (`tests/selfeval_builders.py`: merged labels, the 项目资金 block, 总分 and
自评等级 rows; the export with one indicator per row) and re-saved by LibreOffice like the other
layouts' cases. Each `<name>.expect.yaml` lists every (rule, location) the case must report:
hand-written expectations, not the tool's output. Without a ledger every self-evaluation gets
one target-approved note (nothing compared with approved targets)."""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from make_layout_cases import write_cases  # noqa: E402
from selfeval_builders import Scored, SelfProject, good_funds, good_indicators, write_form, write_rowwise  # noqa: E402

LEGAL_REASON = "个别案件需补充材料，受理时间延长；明年推行容缺受理。"


def legal_aid(*, carry_over: bool = True, executed: object = 209) -> SelfProject:
    """法律援助: 220 = 200 财政拨款 + 20 上年结转; two targets missed and scored in proportion,
    a qualitative target partly met; total 86.53, 良."""
    funds: list[tuple[object, ...]] = [("年度资金总额", 200, 220, executed, 10, "95%", 9.5),
                                       ("其中：财政拨款", 200, 200, 190, None, None, None),
                                       ("其他资金", 0, 0, 0, None, None, None)]
    if carry_over:
        funds.append(("上年结转", 0, 20, 19, None, None, None))
    indicators = [
        Scored("产出指标", "数量指标", "援助案件数", "≥300件", "320件", 25, 25),
        Scored("产出指标", "时效指标", "案件受理时间", "≤3个工作日", "4个工作日", 15, 11.25, LEGAL_REASON),
        Scored("产出指标", "质量指标", "结案率", "≥95%", "96%", 10, 10),
        Scored("效益指标", "社会效益指标", "群众法律援助获得感", "明显增强", "部分达成，偏远乡镇覆盖不足", 30, 21,
               "偏远乡镇宣传不足，明年增设流动服务点。"),
        Scored("满意度指标", "服务对象满意度指标", "受援人满意度", "≥90%", "88%", 10, 9.78,
               "部分受援人对办理进度不满，明年公开办理进度。"),
    ]
    return SelfProject(name="法律援助", user="某市法律援助中心", funds=funds, indicators=indicators,
                       goal="全年办理法律援助案件不少于300件，结案率95%以上，受援人满意度90%以上。",
                       goal_actual="全年办理案件320件，结案率96%，受援人满意度88%。", total_score=86.53, grade="良")


def selfeval_form_clean(path: Path) -> list[list[str]]:
    """Two projects, one per sheet; the second has an 上年结转 line and missed targets scored
    in proportion with reasons."""
    write_form(path, [SelfProject(), legal_aid()])
    return [["target-approved", "自评表1!B2"]]


def selfeval_rowwise_clean(path: Path) -> list[list[str]]:
    """The export: the same two projects, one indicator per row (rows 3–7 and 8–12)."""
    legal = legal_aid(carry_over=False)
    legal.funds[0] = ("年度资金总额", 200, 200, 190, 10, "95%", 9.5)  # no 上年结转 column in the export
    write_rowwise(path, [SelfProject(), legal])
    return [["target-approved", "绩效自评!B3"]]


def selfeval_form_problems(path: Path) -> list[list[str]]:
    """Sheet 1: execution rate miscalculated; full marks on a missed target without a reason;
    “已完成” against a figure; a score above its 分值; a qualitative score outside its band;
    总分 not the sum; a grade above the total. Sheet 2: 产出 weighs 55 and the weights add to
    105; spent above budget without a word of why."""
    funds = good_funds()
    funds[0] = ("年度资金总额", 100, 100, 95, 10, "90%", 9.5)
    inds = good_indicators()
    inds[0] = Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", "40场", 20, 20)
    inds[1] = Scored("产出指标", "质量指标", "讲座区覆盖率", "100%", "已完成", 15, 15)
    inds[2] = Scored("产出指标", "时效指标", "按时完成率", "≥95%", "96%", 15, 16)
    inds[3] = Scored("效益指标", "社会效益指标", "群众法治意识", "明显提升", "部分达成", 30, 28, "个别街道宣传覆盖不足")
    first = SelfProject(funds=funds, indicators=inds, total_score=96.5, grade="良")
    second = legal_aid(executed=230)
    second.funds[0] = ("年度资金总额", 200, 220, 230, 10, "104.55%", 10)
    second.indicators[2] = Scored("产出指标", "质量指标", "结案率", "≥95%", "96%", 15, 15)
    second.total_weight, second.total_score, second.grade = 105, 92.03, "优"
    write_form(path, [first, second])
    return [
        ["execution-rate", "自评表1!G5"], ["indicator-score", "自评表1!G11"], ["deviation-reason", "自评表1!H11"],
        ["actual-comparable", "自评表1!E12"], ["indicator-score", "自评表1!G13"], ["indicator-score", "自评表1!G14"],
        ["score-total", "自评表1!G16"], ["score-total", "自评表1!F17"],
        ["target-approved", "自评表1!B2"],
        ["execution-rate", "自评表2!E5"], ["score-weights", "自评表2!F17"], ["score-weights", "自评表2!F12"],
    ]


def selfeval_rowwise_problems(path: Path) -> list[list[str]]:
    """The export: an empty 实际完成值; a ≤ target missed, scored wrong and not explained; no 总分."""
    inds = good_indicators()
    inds[0] = Scored("产出指标", "数量指标", "法治讲座场次", "≥48场", None, 20, 20)
    inds[2] = Scored("产出指标", "时效指标", "办结时间", "≤5天", "8天", 15, 12)
    write_rowwise(path, [SelfProject(indicators=inds, total_score=None)])
    return [
        ["actual-comparable", "绩效自评!P3"], ["indicator-score", "绩效自评!R5"], ["deviation-reason", "绩效自评!S5"],
        ["score-total", "绩效自评!T3"], ["target-approved", "绩效自评!B3"],
    ]


def _formula_form(path: Path, *, rate: str, total: str) -> None:
    """普法经费 with 执行率, 得分 and 总分 as formulas, 执行率 shown as a percentage; LibreOffice's
    re-save stores their results, as Excel or WPS would."""
    funds = good_funds()
    funds[0] = ("年度资金总额", 90, 100, 95, 10, rate, "=F5*G5")
    write_form(path, [SelfProject(funds=funds, total_score=total)])
    book = load_workbook(path)
    book.worksheets[0]["G5"].number_format = "0.00%"
    book.save(path)


def selfeval_form_formulas(path: Path) -> list[list[str]]:
    """执行率 =E5/D5, 得分 =F5*G5, 总分 =SUM(H5,G11:G15): right, checked by their saved results."""
    _formula_form(path, rate="=E5/D5", total="=SUM(H5,G11:G15)")
    return [["target-approved", "自评表1!B2"]]


def selfeval_form_formula_problems(path: Path) -> list[list[str]]:
    """执行率 =E5/C5 divides by 年初预算数 (90) instead of 全年预算数 (100): 105.56 %, and its
    得分 10.56; 总分 =SUM(G11:G15) leaves out the 预算执行率得分: 87, so 优 is too high."""
    _formula_form(path, rate="=E5/C5", total="=SUM(G11:G15)")
    return [["execution-rate", "自评表1!G5"], ["execution-rate", "自评表1!H5"], ["score-total", "自评表1!G16"],
            ["score-total", "自评表1!F17"], ["target-approved", "自评表1!B2"]]


CASES = {"pass": [selfeval_form_clean, selfeval_rowwise_clean, selfeval_form_formulas],
         "fail": [selfeval_form_problems, selfeval_rowwise_problems, selfeval_form_formula_problems]}


def main() -> None:
    write_cases(CASES)

if __name__ == "__main__":
    main()
