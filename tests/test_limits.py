"""The `limits:` section: defaults, overrides, and rejection of bad values."""

from __future__ import annotations

from dataclasses import fields

import pytest

from validator.config.limits import Limits, limits_of
from validator.config.loader import ConfigError, load_config, parse_config
from validator.config.sections import LIMITS_SCHEMA


def test_schema_and_defaults_name_the_same_limits() -> None:
    assert set(LIMITS_SCHEMA) == {f.name for f in fields(Limits)}


def test_shipped_rules_yaml_states_the_defaults() -> None:
    assert limits_of(load_config()) == Limits()


def test_a_limit_can_be_raised_and_the_rest_keep_their_defaults() -> None:
    limits = limits_of(parse_config("limits:\n  seconds_per_file: 30\n  cells_per_sheet: 10\n"))
    assert (limits.seconds_per_file, limits.cells_per_sheet, limits.file_mb) == (30, 10, Limits().file_mb)


@pytest.mark.parametrize("text", ["limits:\n  file_mb: -1\n", "limits:\n  rows_per_sheet: many\n", "limits:\n  speed: 3\n"])
def test_bad_limits_are_refused_with_the_option_named(text: str) -> None:
    with pytest.raises(ConfigError, match="limits 的选项"):
        parse_config(text)
