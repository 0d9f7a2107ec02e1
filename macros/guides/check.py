"""Decision guides (`data/guides/*.yaml`): load, check, walk, draw and render them.

Design notes (why, not what):

- A guide is data. `nodes` only routes: a question maps each answer id to the next node id,
  an outcome names the provisions (`paragraphs`) and rules (`rules`) behind what it says.
  `texts` holds the copy, keyed by node id, apart from the routing (as in GOV.UK's Smart
  Answers). Nothing in YAML is code: a condition is a mapping {question: answer(s)}.
- Every legal statement on an outcome page comes from a paragraph or rule record with a
  source; the guide's own texts are neutral guidance ("tal med kommunen i god tid").
- Edges are data, so all paths can be enumerated. The same walk checks the guide (every
  branch taken, every path ends in an outcome), gives the pages (`guide_views`), the CLI
  listing and the browser test's expectations; the diagram is drawn from the same edges.
- Every answered prefix becomes one page (see `guide_views`). With the municipality step
  last, pages = questions + paths, so the count stays small; MAX_PAGES enforces it.
- The municipality step is generated from the catalogue (one answer per municipality plus
  "not on the list"), so a new municipality file adds itself to the guide.
- The guides sit above the catalogue: they take its ids (`Known`), and `all_data.py`, not the
  catalogue's validation, runs their check after the tables' (tests/test_architecture.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.catalogue import safety
from macros.catalogue.datafiles import DATA_DIR
from macros.catalogue.flatten import suggest
from macros.catalogue.yamlload import Map, Seq, fingerprint, line_of, load_file
from macros.domain import lix, provisions
from macros.domain.problems import DataError, Problem, errors_only

if TYPE_CHECKING:  # pragma: no cover
    from macros.catalogue.model import Catalogue

GUIDES = "guides"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OTHER_MUNICIPALITY = "ikke-paa-listen"  # the answer "my municipality is not on the list"
ANY_MUNICIPALITY = "*"  # stands for any municipality answer in abstract paths
# 98 municipalities give the citizen guide about 900 small pages; the cap catches a flow that
# multiplies pages (a question after the municipality step), not national scale.
MAX_PAGES = 2000
AUDIENCES = ("borger", "sagsbehandler")
KINDS = ("question", "municipality", "outcome")

TOP_KEYS = {
    "id": True,
    "title": True,
    "audience": True,
    "description": True,
    "intro": False,
    "assessment": False,
    "other_municipality": False,
    "start": True,
    "outcome_rules": False,
    "nodes": True,
    "texts": True,
}
NODE_KEYS = {
    "question": {"type", "options", "paragraphs", "rules"},
    "municipality": {"type", "next"},
    "outcome": {"type", "paragraphs", "rules"},
}
TEXT_KEYS = {
    "question": {"question": True, "help": False, "options": True},
    "municipality": {"question": True, "help": False, "other": True},
    "outcome": {
        "title": True,
        "lead": True,
        "urgent": False,
        "urgent_phone": False,
        "next_steps": False,
        "after": False,
    },
}
KIND_DANISH = {"question": "spørgsmål", "municipality": "kommunespørgsmål", "outcome": "udfald"}


# --- Model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Branch:
    """Go to `goto` if every (question, answers) pair in `when` matches (empty: always)."""

    goto: str
    line: int
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    when_lines: tuple[int, ...] = ()

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(q) in options for q, options in self.when)


@dataclass
class Node:
    id: str
    kind: str
    line: int
    options: dict[str, list[Branch]] = field(default_factory=dict)  # question: answer -> next
    option_lines: dict[str, int] = field(default_factory=dict)
    next: list[Branch] = field(default_factory=list)  # municipality step
    paragraphs: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    ref_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class NodeText:
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # every key written, with its line
    option_lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        return self.fields.get(key)

    def line_of(self, key: str, option: bool = False) -> int:
        return (self.option_lines if option else self.key_lines).get(key, self.line)


@dataclass
class Guide:
    id: str
    file: str
    title: str
    audience: str
    description: str
    start: str
    intro: str | None = None
    assessment: str | None = None
    other_municipality: str | None = None
    outcome_rules: list[str] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    texts: dict[str, NodeText] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def text(self, node_id: str, key: str) -> str:
        entry = self.texts.get(node_id)
        return (entry.get(key) if entry else None) or ""

    def option_label(self, node_id: str, answer: str) -> str:
        entry = self.texts.get(node_id)
        return entry.options.get(answer, answer) if entry else answer

    def rules_of(self, node: Node) -> list[str]:
        """An outcome's own rules, then the guide's `outcome_rules` (if it names a provision)."""
        extra = self.outcome_rules if node.paragraphs else []
        return list(dict.fromkeys([*node.rules, *extra]))


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


@dataclass(frozen=True)
class Step:
    node: str
    answer: str


@dataclass(frozen=True)
class GuidePath:
    steps: tuple[Step, ...]
    outcome: str

    @property
    def answers(self) -> tuple[str, ...]:
        return tuple(s.answer for s in self.steps)


@dataclass(frozen=True)
class Edge:
    source: str
    answer: str | None  # None: the municipality step (any municipality)
    target: str
    when: tuple[tuple[str, frozenset[str]], ...] = ()
    default: bool = False  # the last, unconditional branch of a conditional `next`


def paragraph_number(pid: str) -> str:
    """'82b' -> '§ 82 b', '85' -> '§ 85' (for messages and the diagram; pages use the record)."""
    match = re.fullmatch(r"(\d+)\s*([a-z]?)", pid)
    return " ".join(["§", match[1], match[2]]).strip() if match else pid


# --- Loading --------------------------------------------------------------------------------


def _unknown_keys(
    value: Map, allowed: Sequence[str] | set[str], file: str, where: str
) -> list[Problem]:
    problems = []
    for key in value:
        if key not in allowed:
            problems.append(
                Problem(
                    file,
                    value.key_lines.get(key, value.line),
                    f"Ukendt felt «{key}» {where}.{suggest(key, allowed)} "
                    f"Mulige felter: {', '.join(sorted(allowed))}.",
                )
            )
    return problems


def _string(value: object, file: str, line: int, label: str, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(Problem(file, line_of(value, line), f"«{label}» skal være en tekst."))
        return None
    bad = safety.bad_character(value)
    if bad:
        # Kept as text, so that it is not also reported as missing; the error stops the build.
        problems.append(Problem(file, line_of(value, line), safety.character_message(label, bad)))
    if not value.strip():
        return None
    return str(value).strip()


def _id_list(
    value: object, file: str, line: int, label: str, problems: list[Problem]
) -> tuple[list[str], dict[str, int]]:
    if value is None:
        return [], {}
    if not isinstance(value, Seq):
        problems.append(
            Problem(file, line_of(value, line), f"«{label}» skal være en liste, fx [R2, R4].")
        )
        return [], {}
    ids, lines = [], {}
    for item, item_line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, str):
            problems.append(Problem(file, item_line, f"Hvert punkt i «{label}» skal være et id."))
            continue
        if item in lines:
            problems.append(Problem(file, item_line, f"«{item}» står to gange i «{label}»."))
            continue
        ids.append(str(item))
        lines[str(item)] = item_line
    return ids, lines


def _parse_next(value: object, file: str, line: int, problems: list[Problem]) -> list[Branch]:
    """A node id, or a list of branches `{when: {question: answer(s)}, goto: node}`."""
    if isinstance(value, str):
        return [Branch(goto=str(value), line=line_of(value, line))]
    if not isinstance(value, Seq) or not value:
        problems.append(
            Problem(
                file,
                line_of(value, line),
                "Skriv id'et på den næste knude, eller en liste af grene med «when» og «goto».",
            )
        )
        return []
    branches = []
    for item, item_line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, Map):
            problems.append(Problem(file, item_line, "En gren skal have «goto» og evt. «when»."))
            continue
        problems.extend(_unknown_keys(item, {"when", "goto"}, file, "i en gren"))
        goto = item.get("goto")
        if not isinstance(goto, str) or not goto.strip():
            problems.append(Problem(file, item_line, "Grenen mangler «goto» (den næste knude)."))
            continue
        when: list[tuple[str, frozenset[str]]] = []
        when_lines: list[int] = []
        cond = item.get("when")
        if cond is not None:
            if not isinstance(cond, Map) or not cond:
                problems.append(
                    Problem(
                        file,
                        line_of(cond, item_line),
                        "«when» skal være spørgsmål og svar, fx {hverdag: meget}.",
                    )
                )
                continue
            for question, answers in cond.items():
                qline = cond.key_lines[question]
                if isinstance(answers, str):
                    options = frozenset([str(answers)])
                elif (
                    isinstance(answers, Seq)
                    and answers
                    and all(isinstance(a, str) for a in answers)
                ):
                    options = frozenset(str(a) for a in answers)
                else:
                    problems.append(
                        Problem(
                            file,
                            qline,
                            f"Svaret på «{question}» i «when» skal være et svar-id eller en liste af svar-id'er.",
                        )
                    )
                    continue
                when.append((question, options))
                when_lines.append(qline)
        branches.append(
            Branch(
                goto=str(goto),
                line=line_of(goto, item_line),
                when=tuple(when),
                when_lines=tuple(when_lines),
            )
        )
    return branches


def _parse_node(
    node_id: str, value: object, file: str, line: int, problems: list[Problem]
) -> Node | None:
    if not SLUG.match(node_id):
        problems.append(
            Problem(
                file,
                line,
                f"Knude-id'et «{node_id}» må kun have små bogstaver a-z, tal og bindestreg.",
            )
        )
    if not isinstance(value, Map):
        problems.append(Problem(file, line, f"Knuden «{node_id}» skal have felter (type, …)."))
        return None
    kind = value.get("type")
    if kind not in KINDS:
        problems.append(
            Problem(
                file,
                line_of(kind, value.line),
                f"«type» for «{node_id}» skal være en af: {', '.join(KINDS)}."
                f"{suggest(str(kind), KINDS) if kind else ''}",
            )
        )
        return None
    node = Node(id=node_id, kind=str(kind), line=line)
    problems.extend(_unknown_keys(value, NODE_KEYS[node.kind], file, f"i knuden «{node_id}»"))
    node.paragraphs, plines = _id_list(value.get("paragraphs"), file, line, "paragraphs", problems)
    node.rules, rlines = _id_list(value.get("rules"), file, line, "rules", problems)
    node.ref_lines = {
        **{f"p:{k}": v for k, v in plines.items()},
        **{f"r:{k}": v for k, v in rlines.items()},
    }
    if node.kind == "question":
        options = value.get("options")
        if not isinstance(options, Map) or len(options) < 2:
            problems.append(
                Problem(
                    file,
                    value.key_lines.get("options", line),
                    f"Spørgsmålet «{node_id}» skal have mindst to svar under «options» "
                    "(svar-id: næste knude).",
                )
            )
        else:
            for answer, target in options.items():
                aline = options.key_lines[answer]
                if not SLUG.match(answer):
                    problems.append(
                        Problem(
                            file,
                            aline,
                            f"Svar-id'et «{answer}» bliver en del af adressen: brug kun små "
                            "bogstaver a-z, tal og bindestreg.",
                        )
                    )
                node.options[answer] = _parse_next(target, file, aline, problems)
                node.option_lines[answer] = aline
    elif node.kind == "municipality":
        if "next" not in value:
            problems.append(Problem(file, line, f"Kommunespørgsmålet «{node_id}» mangler «next»."))
        else:
            node.next = _parse_next(value["next"], file, value.key_lines["next"], problems)
    return node


def _parse_texts(
    value: object, file: str, line: int, problems: list[Problem]
) -> dict[str, NodeText]:
    if not isinstance(value, Map):
        problems.append(Problem(file, line_of(value, line), "«texts» skal have en post pr. knude."))
        return {}
    texts = {}
    for node_id, entry in value.items():
        eline = value.key_lines[node_id]
        if not isinstance(entry, Map):
            problems.append(Problem(file, eline, f"Teksterne til «{node_id}» skal være felter."))
            continue
        text = NodeText(line=eline, key_lines=dict(entry.key_lines))
        for key, item in entry.items():
            kline = entry.key_lines[key]
            if key != "options":
                parsed = _string(item, file, kline, key, problems)
                if parsed is not None:
                    text.fields[key] = parsed
                continue
            if not isinstance(item, Map):
                problems.append(Problem(file, kline, "«options» skal have en tekst pr. svar-id."))
                continue
            text.option_lines = dict(item.key_lines)
            for answer, label in item.items():
                parsed = _string(label, file, item.key_lines[answer], answer, problems)
                if parsed:
                    text.options[answer] = parsed
        texts[node_id] = text
    return texts


def parse_guide(value: object, file: str, expected_id: str) -> tuple[Guide | None, list[Problem]]:
    """Structure only (types, keys, ids); `check_guide` checks the flow and references."""
    problems: list[Problem] = []
    if not isinstance(value, Map):
        return None, [
            Problem(
                file,
                line_of(value, 1),
                "En guide skal være en samling felter: id, title, audience, start, nodes, texts.",
            )
        ]
    problems.extend(_unknown_keys(value, TOP_KEYS, file, "i guiden"))
    for key, required in TOP_KEYS.items():
        if required and value.get(key) is None:
            problems.append(Problem(file, value.line, f"Guiden mangler feltet «{key}»."))
    scalars = {}
    for key in (
        "id",
        "title",
        "audience",
        "description",
        "intro",
        "assessment",
        "other_municipality",
        "start",
    ):
        scalars[key] = _string(
            value.get(key), file, value.key_lines.get(key, value.line), key, problems
        )
    if scalars["id"] and scalars["id"] != expected_id:
        problems.append(
            Problem(
                file,
                value.key_lines["id"],
                f"«id» ({scalars['id']}) skal være det samme som filnavnet ({expected_id}).",
            )
        )
    if scalars["audience"] and scalars["audience"] not in AUDIENCES:
        problems.append(
            Problem(
                file,
                value.key_lines["audience"],
                f"«audience» skal være en af: {', '.join(AUDIENCES)}."
                f"{suggest(scalars['audience'], AUDIENCES)}",
            )
        )
    guide = Guide(
        id=expected_id,
        file=file,
        title=scalars["title"] or expected_id,
        audience=scalars["audience"] if scalars["audience"] in AUDIENCES else "borger",
        description=scalars["description"] or "",
        start=scalars["start"] or "",
        intro=scalars["intro"],
        assessment=scalars["assessment"],
        other_municipality=scalars["other_municipality"],
        lines=dict(value.key_lines),
    )
    guide.outcome_rules, olines = _id_list(
        value.get("outcome_rules"), file, value.line, "outcome_rules", problems
    )
    guide.lines.update({f"r:{k}": v for k, v in olines.items()})
    nodes = value.get("nodes")
    if isinstance(nodes, Map):
        for node_id, node_value in nodes.items():
            node = _parse_node(node_id, node_value, file, nodes.key_lines[node_id], problems)
            if node is not None:
                guide.nodes[node_id] = node
    elif nodes is not None:
        problems.append(
            Problem(file, line_of(nodes, value.line), "«nodes» skal have en post pr. knude.")
        )
    if value.get("texts") is not None:
        guide.texts = _parse_texts(value["texts"], file, value.key_lines["texts"], problems)
    return guide, problems


# --- Checks ---------------------------------------------------------------------------------


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


def _resolve(branches: Sequence[Branch], answers: Mapping[str, str]) -> Branch | None:
    for branch in branches:
        if branch.matches(answers):
            return branch
    return None


def _walk(
    guide: Guide,
    municipalities: Sequence[str] | None,
    used: set[int] | None = None,
    other: bool = True,
) -> Iterator[tuple[tuple[Step, ...], str | None, Node]]:
    """Every answered prefix: (steps, node reached or None if no branch matched, last node).

    With `municipalities` None the municipality step is one abstract answer (`*`). Without
    `other` there is no "not on the list" answer (a municipality's own site).
    """

    def visit(
        steps: tuple[Step, ...], node_id: str
    ) -> Iterator[tuple[tuple[Step, ...], str | None, Node]]:
        node = guide.nodes[node_id]
        yield steps, node_id, node
        if node.kind == "outcome":
            return
        if node.kind == "question":
            choices = [(a, node.options[a]) for a in node.options]
        else:
            answers = (
                [ANY_MUNICIPALITY]
                if municipalities is None
                else [*municipalities, *([OTHER_MUNICIPALITY] if other else [])]
            )
            choices = [(a, node.next) for a in answers]
        for answer, branches in choices:
            answered = (*steps, Step(node_id, answer))
            branch = _resolve(branches, {s.node: s.answer for s in answered})
            if branch is None:
                yield answered, None, node
                continue
            if used is not None:
                used.add(id(branch))
            yield from visit(answered, branch.goto)

    if guide.start in guide.nodes:
        yield from visit((), guide.start)


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
    for steps, node_id, node in _walk(guide, known.municipalities, used):
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


# --- Loading all guides ---------------------------------------------------------------------


def guide_files(data_dir: Path) -> list[Path]:
    folder = data_dir / GUIDES
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def load_guides(data_dir: Path, known: Known) -> tuple[dict[str, Guide], list[Problem]]:
    """Parse and check every guide; returns the guides that parsed and all problems."""
    guides: dict[str, Guide] = {}
    problems: list[Problem] = []
    root = data_dir.parent
    for path in guide_files(data_dir):
        try:
            display = str(path.relative_to(root))
        except ValueError:  # pragma: no cover - data dir outside the project
            display = str(path)
        value, read_problems = load_file(path, display)
        problems.extend(read_problems)
        if value is None:
            continue
        guide, parse_problems = parse_guide(value, display, path.stem)
        problems.extend(parse_problems)
        if guide is None:
            continue
        problems.extend(check_guide(guide, known))
        guides[guide.id] = guide
    order = sorted(guides.values(), key=lambda g: (AUDIENCES.index(g.audience), g.title))
    return {g.id: g for g in order}, problems


def _ids(rows: Sequence[Any], column: str = "id") -> list[str]:
    out = []
    for row in rows:
        values = row.values if hasattr(row, "values") and not isinstance(row, dict) else row
        value = values.get(column)
        if value is not None:
            out.append(str(value))
    return out


def known_from_tables(
    tables: Mapping[str, Sequence[Any]], unreadable: Mapping[str, set[str]] | None = None
) -> Known:
    """Ids from flattened (`Row`) or typed (dict) tables; municipalities sorted by name.

    `unreadable` is the flattener's map of files it could not read (`Flattened.unreadable`):
    a paragraph in an unreadable file counts as known, and with `rules.yaml` unreadable no
    rule reference is checked, so the root cause is reported once.
    """
    unreadable = unreadable or {}
    municipalities = []
    for row in tables.get("municipalities", []):
        values = row.values if hasattr(row, "values") and not isinstance(row, dict) else row
        if values.get("id") is not None:
            municipalities.append((str(values.get("name") or values["id"]), str(values["id"])))
    bad_paragraphs = unreadable.get("paragraphs", set())
    return Known(
        paragraphs=frozenset(_ids(tables.get("paragraphs", []))) | (bad_paragraphs - {"*"}),
        rules=frozenset(_ids(tables.get("rules", []))),
        municipalities=tuple(mid for _, mid in sorted(municipalities)),
        rules_readable="*" not in unreadable.get("rules", set()) and bool(tables.get("rules")),
        paragraphs_readable="*" not in bad_paragraphs,
    )


def known_from_catalogue(cat: Catalogue) -> Known:
    return Known(
        paragraphs=frozenset(cat.paragraphs),
        # on a municipality's own site the guides may still name other municipalities' rules
        rules=frozenset(cat.rules) | cat.other_rules,
        municipalities=tuple(cat.municipalities),  # the catalogue sorts them by name
    )


def check_guides(
    data_dir: Path,
    tables: Mapping[str, Sequence[Any]],
    unreadable: Mapping[str, set[str]] | None = None,
) -> list[Problem]:
    """Every problem in `data/guides/`, for `make validate`: `tables` (flattened or typed)
    give the ids the guides may name; `unreadable` is `Flattened.unreadable`."""
    return load_guides(data_dir, known_from_tables(tables, unreadable))[1]


_CACHE: dict[tuple, dict[str, Guide]] = {}


def guides_for(cat: Catalogue, data_dir: Path = DATA_DIR) -> dict[str, Guide]:
    """The checked guides of a valid catalogue; raises DataError on any error."""
    known = known_from_catalogue(cat)
    key = (str(data_dir.resolve()), known, fingerprint(data_dir / "guides"))
    if key not in _CACHE:
        guides, problems = load_guides(data_dir, known)
        if errors_only(problems):
            raise DataError(problems)
        _CACHE[key] = guides
    return _CACHE[key]


# --- Paths and edges ------------------------------------------------------------------------


def paths(
    guide: Guide, municipalities: Sequence[str] | None = None, *, other: bool = True
) -> list[GuidePath]:
    """Every path from start to an outcome, in the order of the answers.

    Without `municipalities` the municipality step is one abstract answer (`*`): these are the
    paths an editor reviews. With them, one path per municipality (plus "not on the list"):
    these are the outcome pages.
    """
    return [
        GuidePath(steps, node_id)
        for steps, node_id, node in _walk(guide, municipalities, other=other)
        if node_id is not None and node.kind == "outcome"
    ]


def prefixes(
    guide: Guide, municipalities: Sequence[str], *, other: bool = True
) -> list[tuple[tuple[Step, ...], str]]:
    """Every answered prefix and the node it shows: one generated page each."""
    return [
        (steps, node_id)
        for steps, node_id, _ in _walk(guide, municipalities, other=other)
        if node_id
    ]


def answer_municipality(guide: Guide, steps: tuple[Step, ...], scope: str) -> tuple[Step, ...]:
    """On a municipality's own site the municipality step answers itself: the steps after an
    answer that leads to it, with the site's municipality added (again, should the flow ask
    twice). Steps that lead elsewhere are returned as they are."""
    while True:
        last = steps[-1] if steps else None
        if last is None:
            node_id = guide.start
        else:
            node = guide.nodes[last.node]
            branches = node.options.get(last.answer, []) if node.kind == "question" else node.next
            branch = _resolve(branches, {s.node: s.answer for s in steps})
            if branch is None:
                return steps
            node_id = branch.goto
        target = guide.nodes.get(node_id)
        if target is None or target.kind != "municipality":
            return steps
        steps = (*steps, Step(node_id, scope))


def edges(guide: Guide) -> list[Edge]:
    """Every edge of the flow, in the order of the file."""
    out = []
    for node in guide.nodes.values():
        if node.kind == "question":
            for answer, branches in node.options.items():
                for i, b in enumerate(branches):
                    out.append(
                        Edge(
                            node.id,
                            answer,
                            b.goto,
                            b.when,
                            len(branches) > 1 and not b.when and i > 0,
                        )
                    )
        elif node.kind == "municipality":
            for i, b in enumerate(node.next):
                out.append(
                    Edge(node.id, None, b.goto, b.when, len(node.next) > 1 and not b.when and i > 0)
                )
    return out
