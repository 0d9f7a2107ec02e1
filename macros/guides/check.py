"""Check a parsed guide: its flow, and its references against the catalogue's known ids.

Design notes (why, not what):

- The guides sit above the catalogue: they take its ids (`Known`), never the catalogue, and
  `all_data.py`, not the catalogue's validation, runs these checks after the tables'
  (tests/test_architecture.py). `load.py` makes a `Known` from the tables or the catalogue.
- Every legal statement on an outcome page comes from a paragraph or rule record with a
  source; the guide's own texts are neutral guidance ("tal med kommunen i god tid"). An
  outcome naming a provision must name the rules the provision policy requires
  (`domain/provisions.py`).
- The walk that makes the pages (`walk.py`) also checks the guide: every branch taken,
  every path ends in an outcome, the page count bounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from macros.catalogue.flatten import suggest
from macros.domain import lix, provisions
from macros.domain.problems import Problem
from macros.guides.model import (
    KIND_DANISH,
    OTHER_MUNICIPALITY,
    TEXT_KEYS,
    Branch,
    Guide,
    Node,
    Step,
    paragraph_number,
)
from macros.guides.walk import every_prefix

# 98 municipalities give the citizen guide about 900 small pages; the cap catches a flow that
# multiplies pages (a question after the municipality step), not national scale.
MAX_PAGES = 2000


@dataclass(frozen=True)
class Known:
    """Ids the guides may refer to (from the catalogue or the flattened tables)."""

    paragraphs: frozenset[str]
    rules: frozenset[str]
    municipalities: tuple[str, ...]
    # False when the file itself could not be read: its error is reported there, not again here
    rules_readable: bool = True
    paragraphs_readable: bool = True

    def has_rule(self, rule_id: str) -> bool:
        return rule_id in self.rules or not self.rules_readable

    def has_paragraph(self, paragraph_id: str) -> bool:
        return paragraph_id in self.paragraphs or not self.paragraphs_readable


def _static_targets(node: Node) -> list[Branch]:
    if node.kind == "question":
        return [b for branches in node.options.values() for b in branches]
    return list(node.next)


def _check_references(guide: Guide, known: Known) -> list[Problem]:
    f = guide.file
    problems = []
    if guide.start and guide.start not in guide.nodes:
        problems.append(
            Problem(
                f,
                guide.lines.get("start", 1),
                f"Startknuden «{guide.start}» findes ikke i «nodes».{suggest(guide.start, guide.nodes)}",
            )
        )
    for rule in guide.outcome_rules:
        if not known.has_rule(rule):
            problems.append(
                Problem(
                    f,
                    guide.lines.get(f"r:{rule}", 1),
                    f"Reglen «{rule}» i «outcome_rules» findes ikke i data/rules.yaml.{suggest(rule, known.rules)}",
                )
            )
    if OTHER_MUNICIPALITY in known.municipalities:
        problems.append(
            Problem(
                f,
                1,
                f"En kommune har id'et «{OTHER_MUNICIPALITY}», som guiden bruger til "
                "«Min kommune er ikke på listen». Giv kommunen et andet id.",
            )
        )
    for node in guide.nodes.values():
        for branch in _static_targets(node):
            if branch.goto not in guide.nodes:
                problems.append(
                    Problem(
                        f,
                        branch.line,
                        f"«{node.id}» peger på «{branch.goto}», som ikke findes i «nodes»."
                        f"{suggest(branch.goto, guide.nodes)}",
                    )
                )
            for (question, answers), qline in zip(branch.when, branch.when_lines, strict=True):
                target = guide.nodes.get(question)
                if target is None or target.kind != "question":
                    problems.append(
                        Problem(
                            f,
                            qline,
                            f"«when» kan kun se på svar til et spørgsmål i guiden; «{question}» er ikke et spørgsmål."
                            f"{suggest(question, [n for n, v in guide.nodes.items() if v.kind == 'question'])}",
                        )
                    )
                    continue
                for answer in sorted(answers - set(target.options)):
                    problems.append(
                        Problem(
                            f,
                            qline,
                            f"Spørgsmålet «{question}» har ikke svaret «{answer}».{suggest(answer, target.options)} "
                            f"Mulige svar: {', '.join(target.options)}.",
                        )
                    )
        for branches in _branch_lists(node):
            for branch in branches[:-1]:
                if not branch.when:
                    problems.append(
                        Problem(
                            f,
                            branch.line,
                            "En gren uden «when» passer altid, så grenene efter den bruges aldrig. "
                            "Flyt den til sidst.",
                        )
                    )
                    break
        for pid in node.paragraphs:
            if not known.has_paragraph(pid):
                problems.append(
                    Problem(
                        f,
                        node.ref_lines.get(f"p:{pid}", node.line),
                        f"Paragraffen «{pid}» findes ikke i data/paragraphs/.{suggest(pid, known.paragraphs)} "
                        f"Mulige: {', '.join(sorted(known.paragraphs))}.",
                    )
                )
        for rid in node.rules:
            if not known.has_rule(rid):
                problems.append(
                    Problem(
                        f,
                        node.ref_lines.get(f"r:{rid}", node.line),
                        f"Reglen «{rid}» findes ikke i data/rules.yaml.{suggest(rid, known.rules)}",
                    )
                )
        if node.kind == "outcome":
            named = set(guide.rules_of(node))
            for pid in node.paragraphs:
                for rid in provisions.rules_required_in_outcome(pid):
                    if rid not in named:
                        problems.append(
                            Problem(
                                f,
                                node.ref_lines.get(f"p:{pid}", node.line),
                                f"Udfaldet «{node.id}» nævner {paragraph_number(pid)}"
                                + f", så det skal også nævne reglen {rid} i «rules» "
                                "(tidsgrænsen og hvad der sker bagefter).",
                            )
                        )
    return problems


def _branch_lists(node: Node) -> list[list[Branch]]:
    if node.kind == "question":
        return list(node.options.values())
    return [node.next] if node.next else []


def _branches_of(node: Node) -> list[Branch]:
    return [b for branches in _branch_lists(node) for b in branches]


def _check_texts(guide: Guide) -> list[Problem]:
    f = guide.file
    problems = []
    for node in guide.nodes.values():
        text = guide.texts.get(node.id)
        if text is None:
            problems.append(
                Problem(
                    f,
                    node.line,
                    f"Knuden «{node.id}» har ingen tekster. Tilføj «{node.id}:» under «texts».",
                )
            )
            continue
        allowed = TEXT_KEYS[node.kind]
        for key in text.key_lines:
            if key not in allowed:
                problems.append(
                    Problem(
                        f,
                        text.line_of(key),
                        f"Ukendt tekstfelt «{key}» for {KIND_DANISH[node.kind]}et «{node.id}».{suggest(key, allowed)} "
                        f"Mulige felter: {', '.join(allowed)}.",
                    )
                )
        for key, required in allowed.items():
            if key == "options":
                continue
            if required and not text.get(key):
                problems.append(
                    Problem(f, text.line, f"Teksten «{key}» mangler for «{node.id}» under «texts».")
                )
        if node.kind == "question":
            for answer in node.options:
                if answer not in text.options:
                    problems.append(
                        Problem(
                            f,
                            text.line,
                            f"Svaret «{answer}» på «{node.id}» har ingen tekst under texts → {node.id} → options.",
                        )
                    )
            for answer in text.options:
                if answer not in node.options:
                    problems.append(
                        Problem(
                            f,
                            text.line_of(answer, option=True),
                            f"Teksten til svaret «{answer}» passer ikke til et svar på «{node.id}».{suggest(answer, node.options)}",
                        )
                    )
        if node.kind == "municipality" and not guide.other_municipality:
            problems.append(
                Problem(
                    f,
                    node.line,
                    "Guiden har et kommunespørgsmål, så den skal have teksten «other_municipality» "
                    "(vises, når kommunen ikke er på listen).",
                )
            )
        if (
            node.kind == "outcome"
            and text.get("urgent_phone")
            and not re.fullmatch(r"\d{3}|\d{8}", text.get("urgent_phone") or "")
        ):
            problems.append(
                Problem(
                    f,
                    text.line_of("urgent_phone"),
                    "«urgent_phone» skal være et nummer på 3 eller 8 cifre, fx 112.",
                )
            )
    for node_id, text in guide.texts.items():
        if node_id not in guide.nodes:
            problems.append(
                Problem(
                    f,
                    text.line,
                    f"Der er tekster til «{node_id}», men ingen knude med det id.{suggest(node_id, guide.nodes)}",
                )
            )
    return problems


def _find_cycle(guide: Guide) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node_id: str) -> list[str] | None:
        state[node_id] = 1
        stack.append(node_id)
        for branch in _static_targets(guide.nodes[node_id]):
            target = branch.goto
            if target not in guide.nodes:
                continue
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node_id] = 2
        return None

    for node_id in guide.nodes:
        if node_id not in state and (cycle := visit(node_id)):
            return cycle
    return None


def _reachable(guide: Guide) -> set[str]:
    seen: set[str] = set()
    todo = [guide.start] if guide.start in guide.nodes else []
    while todo:
        node_id = todo.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        todo.extend(b.goto for b in _static_targets(guide.nodes[node_id]) if b.goto in guide.nodes)
    return seen


def _describe(steps: Sequence[Step]) -> str:
    return ", ".join(f"{s.node}={s.answer}" for s in steps) or "(ingen svar)"


def check_guide(guide: Guide, known: Known) -> list[Problem]:
    """Targets exist, references exist, texts complete, no cycle, all reachable, every path
    ends in an outcome, every branch can be taken, page count bounded, readable texts."""
    f = guide.file
    problems = _check_references(guide, known) + _check_texts(guide)
    if any(b.goto not in guide.nodes for n in guide.nodes.values() for b in _static_targets(n)):
        return problems  # the walk needs every target; fix those first
    if guide.start not in guide.nodes:
        return problems
    cycle = _find_cycle(guide)
    if cycle:
        first = guide.nodes[cycle[0]]
        problems.append(
            Problem(
                f,
                first.line,
                f"Guiden går i ring: {' → '.join(cycle)}. En vej skal altid ende i et udfald; "
                "lad et af svarene pege på en ny knude eller et udfald.",
            )
        )
        return problems
    reachable = _reachable(guide)
    for node in guide.nodes.values():
        if node.id not in reachable:
            problems.append(
                Problem(
                    f,
                    node.line,
                    f"Knuden «{node.id}» kan ikke nås fra start («{guide.start}»). "
                    "Lad et svar pege på den, eller slet den.",
                )
            )
    used: set[int] = set()
    outcomes = 0
    pages = 0
    for steps, node_id, node in every_prefix(guide, known.municipalities, used):
        pages += 1
        if node_id is None:
            problems.append(
                Problem(
                    f,
                    node.next[0].line if node.kind == "municipality" and node.next else node.line,
                    f"Vejen {_describe(steps)} ender ikke i et udfald: ingen gren under "
                    f"«{node.id}» passer. Tilføj en gren uden «when» til sidst.",
                )
            )
        elif node.kind == "outcome":
            outcomes += 1
    for node in guide.nodes.values():
        if node.id not in reachable:
            continue
        for branch in _branches_of(node):
            if id(branch) not in used:
                problems.append(
                    Problem(
                        f,
                        branch.line,
                        f"Grenen til «{branch.goto}» under «{node.id}» bliver aldrig valgt: ingen vej "
                        "giver de svar, «when» kræver. Ret betingelsen, eller slet grenen.",
                    )
                )
    if pages > MAX_PAGES:
        problems.append(
            Problem(
                f,
                guide.lines.get("nodes", 1),
                f"Guiden giver {pages} sider (højst {MAX_PAGES}). Stil kommunespørgsmålet sidst, "
                "eller saml svar, der fører samme vej.",
            )
        )
    problems.extend(_check_readability(guide))
    return problems


# --- Readability (LIX) ----------------------------------------------------------------------


def readable_texts(guide: Guide) -> list[tuple[str, str, str]]:
    """(node id, field, text) for the questions and outcome texts a user reads."""
    out = []
    for node in guide.nodes.values():
        text = guide.texts.get(node.id)
        if text is None:
            continue
        keys = ("question", "help") if node.kind != "outcome" else ("lead", "next_steps", "after")
        for key in keys:
            if text.get(key):
                out.append((node.id, key, text.get(key) or ""))
    return out


def _check_readability(guide: Guide) -> list[Problem]:
    """Warnings (not errors) for question and outcome texts over the site's LIX target."""
    problems = []
    for node_id, key, text in readable_texts(guide):
        counts = lix.analyse(text)
        if counts.words < lix.MIN_WORDS or counts.lix <= lix.LIMIT:
            continue
        problems.append(
            Problem(
                guide.file,
                guide.texts[node_id].line_of(key),
                f"Teksten «{key}» til «{node_id}» er svær at læse: LIX {counts.lix:.0f} (mål: "
                f"højst {lix.LIMIT}). Skriv kortere sætninger og kortere ord.",
                "advarsel",
            )
        )
    return problems
