"""Which rules of law limit a local or practice rule, and the check that none is left out.

Design note: a practice ("in doubt, § 82 b first") or a local rule ("three no-shows close the
case") shown without the rule of law that limits it can mislead a citizen about their rights.
Whether a practice *contradicts* the law cannot be read from its wording, so the editor states
what each rule is about in `topics` (a vocabulary in data/vocabularies.yaml). A rule whose kind
has `role: ret` (Ankestyrelsen's statements, the bill's remarks …) lists the topics it governs;
a rule whose kind has `role: praksis` lists the topics it touches (at least one; `andet` when
none fits). The check is then mechanical: every rule of law that governs a topic the practice
touches must be named in the practice's `limited_by`, and only rules of law may be named there.
Pages show the rules in `limited_by` next to the practice wherever it appears (`law.rule_view`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from macros.catalogue.flatten import Row
from macros.domain.problems import Problem

LAW_ROLE = "ret"
PRACTICE_ROLE = "praksis"


def _by_rule(typed: list[dict[str, Any]], rows: list[Row], column: str) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for values, row in zip(typed, rows, strict=True):
        if values.get("rule") and values.get(column):
            out[values["rule"]].append((values[column], row))
    return out


def check_rule_limits(
    typed: dict[str, list[dict[str, Any]]], rows: dict[str, list[Row]]
) -> list[Problem]:
    """Danish FILE:LINE problems: a practice without topics, a limit that is not a rule of
    law, and a practice that touches a topic a rule of law governs without naming that rule."""
    roles = {k["id"]: k.get("role") for k in typed.get("rule_kinds", []) if k.get("id")}
    topic_labels = {t["id"]: t.get("label") or t["id"] for t in typed.get("topics", [])}
    rules = {
        values["id"]: (values, row)
        for values, row in zip(typed.get("rules", []), rows.get("rules", []), strict=True)
        if values.get("id")
    }
    limits = _by_rule(typed.get("rule_limits", []), rows.get("rule_limits", []), "limited_by")
    topics = _by_rule(typed.get("rule_topics", []), rows.get("rule_topics", []), "topic")

    governs: dict[str, list[str]] = defaultdict(list)  # topic -> rules of law governing it
    for rid, (values, _row) in rules.items():
        if roles.get(values.get("kind")) == LAW_ROLE:
            for topic, _ in topics.get(rid, []):
                governs[topic].append(rid)

    problems: list[Problem] = []
    for rid, (values, row) in rules.items():
        role = roles.get(values.get("kind"))
        named = {limit for limit, _ in limits.get(rid, [])}
        for limit, link in limits.get(rid, []):
            if limit == rid:
                problems.append(
                    Problem(link.file, link.line, f"Reglen {rid} kan ikke begrænse sig selv.")
                )
            elif limit in rules and roles.get(rules[limit][0].get("kind")) != LAW_ROLE:
                problems.append(
                    Problem(
                        link.file,
                        link.line,
                        f"«{limit}» i «limited_by» under {rid} er ikke en regel om ret (dens "
                        f"art er «{rules[limit][0].get('kind')}»). Kun regler, hvis art har "
                        "role: ret i rule_kinds (fx Ankestyrelsens vurdering), kan begrænse en "
                        "anden regel.",
                    )
                )
        if role != PRACTICE_ROLE:
            continue
        if not topics.get(rid):
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    f"Reglen {rid} er praksis eller en lokal regel og mangler feltet «topics»: "
                    "hvilke emner rører den ved? Brug id'er fra topics i data/vocabularies.yaml "
                    "(skriv topics: [andet], hvis ingen passer), så tjekket kan se, om en regel "
                    "om ret begrænser den.",
                )
            )
        for topic, link in topics.get(rid, []):
            missing = [law for law in governs.get(topic, []) if law not in named]
            if missing:
                listing = ", ".join(missing)
                problems.append(
                    Problem(
                        link.file,
                        link.line,
                        f"Reglen {rid} rører ved emnet «{topic}» ({topic_labels.get(topic)}), "
                        f"som {listing} regulerer, men {rid} nævner ikke {listing} i "
                        f"«limited_by». Tilføj limited_by: [{listing}] under {rid}, så siden "
                        f"viser grænsen ved siden af {rid} overalt, hvor den står – eller ret "
                        "«topics», hvis reglen ikke handler om det emne.",
                    )
                )
    return problems


def limits_of(rule_limits: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Rule id -> the ids of the rules of law that limit it, in the editor's order."""
    out: dict[str, list[str]] = defaultdict(list)
    for link in rule_limits:
        out[link["rule"]].append(link["limited_by"])
    return dict(out)
