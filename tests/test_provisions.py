"""The provision policy (`macros/domain/provisions.py`): § 82 b's limit, stated once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from macros.domain import provisions
from macros.guides import all_data

ROOT = Path(__file__).resolve().parent.parent


def test_82b_carries_the_six_month_limit_and_its_rules():
    limit = provisions.limit_for("82b")
    assert limit is not None
    assert [r.rule for r in limit.rules] == ["R6", "R4"]
    assert provisions.rules_required_in_outcome("82b") == ("R6",)


def test_no_limit_when_the_source_does_not_name_the_provision():
    assert provisions.limit_for("82b", stated=False) is None
    assert provisions.limit_for("82a") is None
    assert provisions.rules_required_in_outcome("85") == ()


def test_the_policy_names_provisions_and_rules_that_exist():
    cat = all_data.load(ROOT / "data", date(2026, 11, 22))
    for paragraph, limit in provisions.LIMITS.items():
        assert paragraph in cat.paragraphs
        assert cat.paragraphs[paragraph].time_limit  # the notice prints the record's words
        for rule in [r.rule for r in limit.rules] + list(limit.required_in_outcomes):
            assert rule in cat.rules, rule
