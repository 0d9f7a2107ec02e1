"""What a provision brings with it beyond its record: § 82 b's time limit and its rules.

Policy (data/rules.yaml R4 and R6): help under § 82 b lasts at most six months (R6) and § 82
must not be used as a waiting list (R4). So a course under § 82 b shows the time limit and
links both rules, and a guide outcome that names § 82 b must also name R6. A course whose
source does not name its provision (`paragraph_stated: nej`) is only filed under one for
sorting: it gets none of this (issue 14). This is the one place the policy is written; the
course page (`views/course_page.py`, `pages/course.html.j2`) and the guides' check
(`guides/check.py`) read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleLink:
    rule: str  # a rule id in data/rules.yaml
    label: str  # the link text on a course page


@dataclass(frozen=True)
class Limit:
    title: str  # the heading of the notice on a course page
    rules: tuple[RuleLink, ...]  # linked from the notice, in this order
    required_in_outcomes: tuple[str, ...]  # rules a guide outcome naming the provision must name


LIMITS = {
    "82b": Limit(
        title="Højst 6 måneder",
        rules=(
            RuleLink("R6", "seks måneder (R6)"),
            RuleLink("R4", "§ 82 må ikke bruges som venteliste (R4)"),
        ),
        required_in_outcomes=("R6",),
    ),
}


def limit_for(paragraph: str, stated: bool = True) -> Limit | None:
    """The limit that help under `paragraph` carries; None for a provision without one, and
    for a record whose source does not name its provision (`stated` false)."""
    return LIMITS.get(paragraph) if stated else None


def rules_required_in_outcome(paragraph: str) -> tuple[str, ...]:
    limit = limit_for(paragraph)
    return limit.required_in_outcomes if limit else ()
