"""The explicit registry of rules: id -> module. Add a rule here, in rules.yaml, and a test
module tests/rules/test_<rule>.py (a test checks all three)."""

from __future__ import annotations

from types import ModuleType

from validator.rules import (  # self-evaluations (绩效自评表)
    actual_comparable,
    amount_invalid,
    budget_control,
    category_missing,
    category_unknown,
    column_missing,
    date_serial,
    deviation_reason,
    direction_mismatch,
    execution_rate,
    field_required,
    file_format,
    file_unreadable,
    format_unchecked,
    formula_uncalculated,
    funds_row_total,
    funds_sum,
    goal_missing,
    goal_too_short,
    header_repeated,
    indicator_duplicate,
    indicator_numbering,
    indicator_orphan,
    indicator_score,
    nature_conflict,
    operator_invalid,
    percent_range,
    project_duplicate,
    project_without_indicators,
    satisfaction_range,
    score_total,
    score_weights,
    sheet_missing,
    target_approved,
    target_changed,
    template_version,
    text_placeholder,
    text_too_long,
    text_whitespace,
    threshold_compound,
    threshold_malformed,
    threshold_no_operator,
    threshold_no_unit,
    threshold_qualitative,
    threshold_remark,
    threshold_unread,
    unit_mismatch,
    value_boilerplate,
    weight_total,
)

_MODULES: tuple[ModuleType, ...] = (
    file_unreadable, file_format, format_unchecked, sheet_missing, column_missing, template_version,
    field_required, amount_invalid, funds_row_total, funds_sum, budget_control,
    project_duplicate, project_without_indicators, goal_missing, goal_too_short,
    category_missing, category_unknown, indicator_duplicate, indicator_orphan, indicator_numbering,
    text_placeholder, text_whitespace, threshold_malformed, date_serial, threshold_qualitative,
    threshold_compound, threshold_remark, threshold_no_unit, unit_mismatch, direction_mismatch,
    percent_range, satisfaction_range, value_boilerplate,
    header_repeated, operator_invalid, nature_conflict, weight_total,
    threshold_unread, threshold_no_operator,
    text_too_long,
    # self-evaluations (绩效自评表)
    execution_rate, score_weights, indicator_score, actual_comparable, deviation_reason, score_total,
    target_approved, target_changed,
    formula_uncalculated,
)

RULES: dict[str, ModuleType] = {m.ID: m for m in _MODULES}
