"""The decision guides' model: the file format's keys and the typed objects a guide becomes.

Design notes (why, not what):

- A guide is data. `nodes` only routes: a question maps each answer id to the next node id,
  an outcome names the provisions (`paragraphs`) and rules (`rules`) behind what it says.
  `texts` holds the copy, keyed by node id, apart from the routing (as in GOV.UK's Smart
  Answers). Nothing in YAML is code: a condition is a mapping {question: answer(s)}.
- The keys a guide, a node and a node's texts may have are written once, here: the parser
  (`parse.py`), the checks (`check.py`) and the hostile-data generator (`scripts/`) read them.
- The modules of the guides layer, bottom first: `model` (this), `parse` (YAML → model,
  structure only), `walk` (paths, prefixes, edges: the flow), `check` (the flow and its
  references against the catalogue's ids), `load` (the guides folder → checked guides).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OTHER_MUNICIPALITY = "ikke-paa-listen"  # the answer "my municipality is not on the list"
ANY_MUNICIPALITY = "*"  # stands for any municipality answer in abstract paths
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
