"""rules.yaml as a hostile or careless office might write it: whatever the text, the loader
returns a Config or raises ConfigError with a Chinese message; never another exception."""

from __future__ import annotations

import os
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.config.limits import limits_of
from validator.config.loader import ConfigError, parse_config
from validator.config.sections import SECTIONS
from validator.rules import RULES

EXAMPLES = int(os.environ.get("CONFIG_FUZZ_EXAMPLES", "300"))
_CHINESE = re.compile(r"[\u4e00-\u9fff]")

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
                     st.sampled_from(["error", "warning", "off", "on", "yes", "no", "~", "", "0x1F", "1e999",
                                      "2026-12-01", "-1", "95%", "≥95", "无"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                       max_leaves=12)
_RULE_IDS = st.sampled_from([*RULES, "no-such-rule", ""])
_OPTION_NAMES = st.sampled_from(sorted({"level", *(o for m in RULES.values() for o in m.OPTIONS), "bogus"}))
_SECTION_KEYS = st.sampled_from(sorted({k for schema in SECTIONS.values() for k in schema} | {"bogus"}))
_RULE_SETTING = st.one_of(_VALUES, st.dictionaries(_OPTION_NAMES, _VALUES, max_size=4))
_DOCUMENT = st.fixed_dictionaries({}, optional={
    "rules": st.one_of(_VALUES, st.dictionaries(_RULE_IDS, _RULE_SETTING, max_size=6)),
    **{name: st.one_of(_VALUES, st.dictionaries(_SECTION_KEYS, _VALUES, max_size=6)) for name in SECTIONS},
    "unknown": _VALUES,
})


def _loads_or_explains(text: str) -> None:
    try:
        config = parse_config(text)
    except ConfigError as exc:
        assert _CHINESE.search(str(exc)), str(exc)
        return
    limits_of(config)  # the sections a valid file gives are usable
    list(config.enabled())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
def test_any_structure_loads_or_is_explained_in_chinese(document: dict[str, object]) -> None:
    _loads_or_explains(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_is_explained_in_chinese(text: str) -> None:
    _loads_or_explains(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.sampled_from(["rules:\n  funds-row-total:\n    tolerance: {}\n", "limits:\n  file_mb: {}\n",
                        "bot:\n  settle_seconds: {}\n", "bot:\n  max_attempts: {}\n", "letter:\n  resubmit_days: {}\n",
                        "rules:\n  text-too-long:\n    max_chars: {}\n", "bot:\n  owner_file_hours: {}\n"]),
       st.one_of(st.text(max_size=30), st.sampled_from([".nan", ".inf", "-.inf", "1e400", "0b101", "0o17", "!!binary aGk=",
                                                        "&a [*a]", "!!python/object:os.system x", "*nope", "{", "[",
                                                        "9" * 400, "!!timestamp 2026-12-01", "|", ">"])))
def test_odd_values_in_known_places(template: str, value: str) -> None:
    _loads_or_explains(template.format(value))
