"""A YAML reader for editors' files that keeps line numbers and the text as written.

Design note: PyYAML follows YAML 1.1, where unquoted `10:00` is the integer 600, `no` is
False and `85` is an int. Editors cannot be expected to know that, so this reader never
interprets a scalar: every value is kept as the text the editor wrote (`Text`, a str with
a `.line`), and the Frictionless schemas decide what the text must be (time, date, integer,
enum). What YAML cannot express unambiguously is an error with a Danish message: duplicate
keys (YAML silently keeps the last one), anchors and aliases (can expand exponentially and
hide where a value comes from), tabs, several documents in one file, non-UTF-8, empty files.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .problems import Problem

NULL_WORDS = {"", "~", "null", "Null", "NULL"}


class Text(str):
    """A scalar as the editor wrote it, with the (1-based) line it stands on."""

    line: int

    def __new__(cls, value: str, line: int) -> Text:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj


class Map(dict):
    """A mapping with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]


class Seq(list):
    """A sequence with the line of the sequence and of each item."""

    line: int
    item_lines: list[int]


def line_of(value: object, default: int = 1) -> int:
    return getattr(value, "line", default)


class _ComposerNoAlias(Composer):
    """Composer that reports aliases and anchors instead of following them."""

    def __init__(self) -> None:
        super().__init__()
        self.alias_lines: list[int] = []

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.get_event()
            self.alias_lines.append(event.start_mark.line + 1)
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.alias_lines.append(event.start_mark.line + 1)
            event.anchor = None
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _ComposerNoAlias, SafeConstructor, Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _ComposerNoAlias.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_SYNTAX_HINTS = [
    (
        "found character '\\t'",
        "Tabulator-tegn er ikke tilladt i YAML. Brug mellemrum til indrykning.",
    ),
    (
        "mapping values are not allowed here",
        "Der står et kolon (:) et sted, hvor YAML ikke venter det: enten passer indrykningen ikke, eller en tekst med kolon mangler anførselstegn. Sæt i så fald hele værdien i "
        'anførselstegn, fx note: "Åbent: kl. 9-11".',
    ),
    (
        "could not find expected ':'",
        "Der mangler et kolon efter et feltnavn, eller en tekst fortsætter på næste linje "
        "uden at være rykket ind. Skriv fx `title: Nada`.",
    ),
    (
        "did not find expected key",
        "Indrykningen passer ikke. Felter i samme post skal stå præcis lige langt inde.",
    ),
    (
        "did not find expected '-' indicator",
        "Indrykningen passer ikke i en liste. Alle punkter (-) skal stå lige langt inde.",
    ),
    (
        "expected <block end>, but found",
        "Indrykningen passer ikke. Felter i samme post skal stå præcis lige langt inde.",
    ),
    (
        "found unexpected end of stream",
        "Et anførselstegn er ikke lukket. Tjek at hver tekst i anførselstegn slutter med samme tegn.",
    ),
    (
        "found undefined alias",
        "Brug ikke aliaser (*navn) i datafiler. Skriv værdien ud hvert sted.",
    ),
    (
        "but found another document",
        "Filen må kun indeholde ét YAML-dokument. Fjern den ekstra linje med '---'.",
    ),
]


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.problem or ''} {exc.context or ''}"
    for needle, message in _SYNTAX_HINTS:
        if needle in problem:
            return message
    return f"Filen kan ikke læses som YAML ({exc.problem}). Tjek indrykning og anførselstegn."


# Where a node can start, and so an anchor (&x), an alias (*x) or a tag (!x) can stand:
# at a line's indentation, after "key:", "- " or "? ", and after "[", "{" or "," in flow
# style. Inside a sentence ("Det er *vigtigt*") they are plain text, so such files stay fast.
_NODE_PROPERTY = re.compile(r"(?:^[ ]*|[:?-][ ]+|[\[{,][ ]*)(?:[&*][^\s\]},]|!)", re.MULTILINE)


if yaml.__with_libyaml__:

    class _FastComposer(yaml.cyaml.CParser):
        """libyaml's composer without tag resolution: this reader never interprets a scalar,
        and asking PyYAML's (Python) resolver about each one was a third of the time."""

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return ""

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


def _compose_fast(text: str) -> Node | None:
    """libyaml's C composer, about ten times faster than PyYAML's Python one.

    Used only for text that cannot hold anchors or aliases (which the C composer follows
    silently) or tabs; on any error it returns None, and the Python path reads the file
    again and says what is wrong in words an editor understands.
    """
    if not yaml.__with_libyaml__ or "\t" in text or _NODE_PROPERTY.search(text):
        return None
    try:
        return yaml.compose(text, Loader=_FastComposer)
    except yaml.YAMLError:
        return None


def _convert(node: Node, file: str, problems: list[Problem]) -> object:
    """Turn a composed node into Map/Seq/Text/None without interpreting scalars."""
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        if node.style is None and node.value in NULL_WORDS:
            return None
        return Text(node.value, line)
    if isinstance(node, SequenceNode):
        seq = Seq(_convert(item, file, problems) for item in node.value)
        seq.line = line
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    if isinstance(node, MappingNode):
        result = Map()
        result.line = line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(file, key_line, "Et feltnavn skal være et enkelt ord."))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(
                    Problem(file, key_line, "Flet-nøglen '<<' er ikke tilladt. Skriv felterne ud.")
                )
                continue
            if key in result:
                first = result.key_lines[key]
                problems.append(
                    Problem(
                        file,
                        key_line,
                        f"Feltet «{key}» står to gange i samme post (første gang i linje "
                        f"{first}). YAML ville kun beholde den sidste værdi. Slet den ene.",
                    )
                )
                continue
            result.key_lines[key] = key_line
            result[key] = _convert(value_node, file, problems)
        return result
    raise TypeError(f"unknown YAML node {node!r}")  # pragma: no cover


def decode_utf8(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                "Filen er ikke gemt som UTF-8 (et tegn som æ, ø eller å er gemt i et andet "
                "tegnsæt). Gem filen som UTF-8 og prøv igen.",
            )
        ]


def load_text(text: str, file: str) -> tuple[object, list[Problem]]:
    """Parse YAML text; returns (value, problems). Value is None when unreadable."""
    problems: list[Problem] = []
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(file, 1, "Filen er tom. Slet den, eller skriv indholdet ind i den.")]
    fast = _compose_fast(text)
    if fast is not None:
        return _convert(fast, file, problems), problems
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(file, line, _syntax_message(exc))]
    except yaml.YAMLError as exc:  # reader errors (control characters)
        return None, [Problem(file, 1, f"Filen indeholder tegn, YAML ikke tillader ({exc}).")]
    finally:
        loader.dispose()
    for alias_line in loader.alias_lines:
        problems.append(
            Problem(
                file,
                alias_line,
                "Ankre (&navn) og aliaser (*navn) er ikke tilladt i datafiler. "
                "Skriv værdien ud hvert sted, den skal bruges.",
            )
        )
    if node is None:
        return None, [Problem(file, 1, "Filen er tom. Slet den, eller skriv indholdet ind i den.")]
    value = _convert(node, file, problems)
    return value, problems


def load_file(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Read and parse one file; `display` is the path shown in messages."""
    raw = path.read_bytes()
    text, problems = decode_utf8(raw, display)
    if text is None:
        return None, problems
    return load_text(text, display)


def fingerprint(folder: Path) -> tuple:
    """Names, sizes and times of the YAML files below `folder`, for caches: an edit (e.g.
    under `make serve`) is seen on the next build."""
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*.yaml"))
    )
