"""Each rule's short Chinese title: how the letter, the summary and the office name a problem
("缺少必备的一级指标"), where the rule id would mean nothing to the reader. Kept apart from
the rule modules so outputs can name rules without importing them."""

from __future__ import annotations

TITLES: dict[str, str] = {
    "file-unreadable": "文件无法读取",
    "sheet-missing": "缺少工作表",
    "column-missing": "缺少必需的列",
    "template-version": "未使用现行模板",
    "field-required": "必填项未填写",
    "amount-invalid": "金额格式有误",
    "funds-row-total": "总计与各资金来源之和不符",
    "funds-sum": "合计与明细之和不符",
    "budget-control": "金额与控制数不符",
    "project-duplicate": "项目重复填报",
    "project-without-indicators": "项目没有绩效指标",
    "goal-missing": "绩效目标未填写",
    "goal-too-short": "绩效目标过于简略",
    "category-missing": "缺少必备的一级指标",
    "category-unknown": "指标类别不在指标体系内",
    "indicator-duplicate": "指标重复",
    "indicator-orphan": "指标所属项目不在项目表中",
    "indicator-numbering": "指标编号不连续",
    "text-placeholder": "含有占位或示例文字",
    "text-whitespace": "名称中有多余的空格",
    "threshold-malformed": "指标值无法衡量",
    "date-serial": "指标值被存成了日期",
    "threshold-qualitative": "指标值为定性表述",
    "threshold-compound": "一个指标值写了多个目标",
    "threshold-remark": "指标值后附有说明文字",
    "threshold-no-unit": "指标值未写计量单位",
    "unit-mismatch": "计量单位与指标名称不符",
    "direction-mismatch": "目标方向与指标性质相反",
    "percent-range": "比率超出 0～100%",
    "satisfaction-range": "满意度目标不当",
    "value-boilerplate": "多条指标填了同一个指标值",
    "threshold-unread": "指标值中有未能识别的字符",
    "threshold-no-operator": "指标值未写比较方向",
    "header-repeated": "数据中夹有重复的表头行",
    "operator-invalid": "指标方向填写有误",
    "nature-conflict": "指标性质与比较方向矛盾",
    "weight-total": "指标权重（分值）合计不符",
    "text-too-long": "单元格文字过长",
    "file-format": "文件扩展名与实际格式不符",
    "format-unchecked": "文件格式读不出的信息未能检查",
    "execution-rate": "预算执行率或其得分计算有误",
    "score-weights": "分值合计或分配不符",
    "indicator-score": "指标得分与完成情况不符",
    "actual-comparable": "实际完成值无法与目标比较",
    "deviation-reason": "未说明偏差原因和改进措施",
    "score-total": "总分或自评等级有误",
    "target-approved": "未能对照批复的绩效目标",
    "formula-uncalculated": "公式没有保存计算结果",
    "target-changed": "自评指标与批复的目标不一致",
}


def rule_title(rule_id: str) -> str:
    """The rule's title, or its id for a rule this table does not know (a saved report of
    an older version)."""
    return TITLES.get(rule_id, rule_id)
