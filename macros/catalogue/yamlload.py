"""A YAML reader for editors' files that keeps line numbers and the text as written.

Design note: PyYAML follows YAML 1.1, where unquoted `10:00` is the integer 600, `no` is
False and `85` is an int. Editors cannot be expected to know that, so this reader never
interprets a scalar: every value is kept as the text the editor wrote (`Text`, a str with
a `.line`), and the Frictionless schemas decide what the text must be (time, date, integer,
enum). What YAML cannot express unambiguously is an error with a Danish message: duplicate
keys (YAML silently keeps the last one), anchors and aliases (can expand exponentially and
hide where a value comes from), tags (`!OBS tekst` would drop "!OBS", `!!binary` decode),
tabs, control characters, line breaks that editors do not show (`odd_break_problems`),
nesting deeper than `MAX_DEPTH`, several documents in one file,
non-UTF-8, empty files. No message carries the parser's English text.
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

from macros.domain.problems import Problem

NULL_WORDS = {"", "~", "null", "Null", "NULL"}
# The deepest data file nests 6 levels; far deeper is a typo (or an attack), and the
# composers recurse per level (PyYAML: RecursionError at ~330; libyaml's: a crash at ~50,000).
MAX_DEPTH = 50
# Upper bounds on nesting that keep a text on libyaml's path; see `_compose_fast`.
_FAST_MAX_BRACKETS = 4000
_DEEP_LINE = re.compile(r"[ ?:-]{500}")  # at the start of the text or after "\n"
_DEEP_BLOCK = re.compile(r"\n[ ?:-]{500}")  # a literal first: ten times faster than ^ …
# Line breaks other than LF and CRLF: the regexes here find node starts after "\n" only.
_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
# Characters YAML does not allow in a file (PyYAML's own definition).
_NON_PRINTABLE = Reader.NON_PRINTABLE
_CONTROL_NAMES = {
    "\x00": "nul-tegn",
    "\x07": "klokke-tegn",
    "\x08": "tilbage-tegn",
    "\x0b": "lodret tabulator",
    "\x0c": "sideskift",
    "\x1b": "escape-tegn",
    "\x7f": "slette-tegn",
}


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


class _TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH, at a line."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _NoTagResolution:
    """Both composers' answer to tag resolution: scalars are never interpreted, so a node's
    tag is "" unless the editor wrote one, and the resolver is never asked."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return ""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _ComposerNoAlias(_NoTagResolution, Composer):
    """Composer that reports aliases and anchors instead of following them, keeps every
    explicit tag on its node (even the bare `!`, which PyYAML would resolve away) and stops
    at MAX_DEPTH instead of recursing until Python gives up."""

    def __init__(self) -> None:
        super().__init__()
        self.alias_lines: list[int] = []
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.get_event()
            self.alias_lines.append(event.start_mark.line + 1)
            return ScalarNode("", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.alias_lines.append(event.start_mark.line + 1)
            event.anchor = None
        tag = getattr(event, "tag", None)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark.line + 1)
        node = super().compose_node(parent, index)
        self.depth -= 1
        if tag is not None:
            node.tag = tag
        return node


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
        "found undefined alias",
        "Brug ikke aliaser (*navn) i datafiler. Skriv værdien ud hvert sted.",
    ),
    (
        "but found another document",
        "Filen må kun indeholde ét YAML-dokument. Fjern den ekstra linje med '---'.",
    ),
    (
        "found unknown escape character",
        "I en tekst i dobbelte anførselstegn betyder \\ et specialtegn. Skriv \\\\ for en "
        "omvendt skråstreg, eller brug enkelte anførselstegn ('...') om teksten.",
    ),
    (
        "tag handle",
        "Et udråbstegn (!) først i en værdi er et YAML-mærke, som ikke er tilladt i datafiler. "
        'Sæt hele værdien i anførselstegn, fx note: "!OBS Ring først".',
    ),
    (
        "while parsing a flow sequence",
        "En liste i firkantede parenteser [ ] er ikke lukket, eller der mangler et komma mellem "
        "punkterne. Skriv fx days: [mandag, tirsdag].",
    ),
    (
        "while parsing a flow mapping",
        "En gruppe i krøllede parenteser { } er ikke lukket, eller der mangler et komma. "
        "Skriv fx duration: {weeks: 12}.",
    ),
]
# Errors found at the end of what the editor wrote wrong, whose cause is where YAML began
# reading it (the opening quote or bracket): reported at that line.
_AT_CONTEXT = ("quoted scalar", "flow sequence", "flow mapping")
_CANNOT_START = re.compile(r"found character '(.)' that cannot start any token")
_GENERIC = (
    "Filen kan ikke læses som YAML her. Tjek indrykning, kolon og anførselstegn i denne linje "
    "og linjen før."
)
_UNCLOSED = (
    "Et anførselstegn i denne linje er ikke lukket. Tjek at teksten slutter med samme slags "
    "anførselstegn, som den begynder med."
)
# A "key:" line swallowed by a quoted text that was not closed where the editor meant it.
_KEY_LINE = re.compile(r"\n[ ]*(?:- )?[A-Za-z_][\w-]*:(?: |$)", re.MULTILINE)


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = f"{exc.problem or ''} {exc.context or ''}"
    if "found unexpected end of stream" in problem and "quoted scalar" in problem:
        return _UNCLOSED
    cannot = _CANNOT_START.search(problem)
    if cannot:
        return (
            f"Tegnet «{cannot[1]}» kan ikke stå først i en værdi i YAML. Sæt hele værdien i "
            f'anførselstegn, fx note: "{cannot[1]}…".'
        )
    for needle, message in _SYNTAX_HINTS:
        if needle in problem:
            return message
    return _GENERIC


def _runaway_quote(text: str) -> int | None:
    """The line of a quoted text that runs on over a following "key:" line: the usual cause
    of a syntax error further down (the error itself is where the next quote mark closes it)."""
    scanner = yaml.SafeLoader(text)
    try:
        while True:
            token = scanner.get_token()
            if token is None:
                return None
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line != token.end_mark.line
                and _KEY_LINE.search(text, token.start_mark.index, token.end_mark.index)
            ):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    runaway = _runaway_quote(text)
    if runaway is not None:
        return Problem(file, runaway, _UNCLOSED)
    problem = f"{exc.problem or ''} {exc.context or ''}"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(c in problem for c in _AT_CONTEXT):
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    return Problem(file, line, _syntax_message(exc))


def _line_at(text: str, index: int) -> int:
    """The 1-based line of text[index], counting line breaks as YAML does."""
    head = text[:index]
    return (
        head.count("\n")
        + head.count("\r")
        - head.count("\r\n")
        + head.count("\x85")
        + head.count("\u2028")
        + head.count("\u2029")
        + 1
    )


def control_character_problems(text: str, file: str) -> list[Problem]:
    """One problem per line holding characters YAML refuses (BEL, NUL, form feed …)."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for match in _NON_PRINTABLE.finditer(text):
        line = _line_at(text, match.start())
        if line in seen:
            continue
        seen.add(line)
        char = match[0]
        start = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start()))
        column = match.start() - start
        name = _CONTROL_NAMES.get(char, "et usynligt styretegn")
        problems.append(
            Problem(
                file,
                line,
                f"Linjen indeholder et usynligt tegn (U+{ord(char):04X}, {name}) som tegn nr. "
                f"{column} i linjen. Det er ikke tilladt i YAML; slet det. Det kommer ofte med, "
                "når tekst kopieres fra et andet program.",
            )
        )
    return problems


_BREAK_NAMES = {
    "\r": "et linjeskift uden LF (CR)",
    "\x85": "et linjeskift (NEL)",
    "\u2028": "et usynligt linjeskift (LINE SEPARATOR)",
    "\u2029": "et usynligt afsnitsskift (PARAGRAPH SEPARATOR)",
}


def odd_break_problems(text: str, file: str) -> list[Problem]:
    """One problem per line holding a line break that editors do not show as one.

    YAML counts CR, NEL, U+2028 and U+2029 as line breaks, but editors and GitHub show NEL,
    U+2028, U+2029 (and a lone CR in a file of LF lines) inside a line, so every line number
    after one would point at the wrong line and the text would be cut where the editor sees
    no break. Such a file is refused, at the lines as the editor counts them. A file written
    with CR alone (an old Mac editor) is read as it is: there CR is the line break.
    """
    if not any(b in text for b in ("\x85", "\u2028", "\u2029")) and (
        "\r" not in text or "\n" not in text or text.count("\r") == text.count("\r\n")
    ):
        return []
    separator = "\n" if "\n" in text else "\r"
    problems: list[Problem] = []
    for number, line in enumerate(text.split(separator), start=1):
        body = line[:-1] if separator == "\n" and line.endswith("\r") else line
        char = next((b for b in _BREAK_NAMES if b in body), None)
        if char is None:
            continue
        problems.append(
            Problem(
                file,
                number,
                f"Linjen indeholder {_BREAK_NAMES[char]} (U+{ord(char):04X}) som tegn nr. "
                f"{body.index(char) + 1}. YAML læser det som en ny linje, så teksten ville "
                "blive delt der. Slet tegnet, eller skriv et almindeligt linjeskift. Det "
                "kommer ofte med, når tekst kopieres fra et andet program.",
            )
        )
    return problems


def _too_deep(file: str, line: int) -> Problem:
    return Problem(
        file,
        line,
        f"Lister og felter ligger mere end {MAX_DEPTH} niveauer inden i hinanden her. Så dybt "
        "bruges ingen datafil: tjek om en [ eller { mangler sin ] eller }, og om indrykningen "
        "passer.",
    )


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,") else tag


def _tag_problem(node: Node, file: str) -> Problem:
    shown = _tag_name(node.tag)
    message = (
        f"«{shown}» er et YAML-mærke (tag): YAML ville fjerne det fra teksten eller ændre "
        "værdien, så mærker er ikke tilladt i datafiler."
    )
    if isinstance(node, ScalarNode):
        example = f"{shown} {node.value}".strip().replace('"', "'")
        message += f' Skal «{shown}» stå i teksten, så sæt hele værdien i anførselstegn: "{example}". Ellers slet mærket.'
    else:
        message += " Slet mærket."
    return Problem(file, node.start_mark.line + 1, message)


# Where a node can start, and so an anchor (&x), an alias (*x) or a tag (!x) can stand:
# at a line's indentation, after "key:", "- " or "? " (in flow style also right after a
# quoted key's colon, `{"a":!x b}`), and after "[", "{" or "," in flow style. Inside a sentence ("Det er *vigtigt*") they are plain text, so such files stay fast.
_NODE_PROPERTY = re.compile(r"(?:^[ ]*|[:?-][ ]*|[\[{,][ ]*)(?:[&*][^\s\]},]|!)", re.MULTILINE)


if yaml.__with_libyaml__:

    class _FastComposer(_NoTagResolution, yaml.cyaml.CParser):
        """libyaml's composer without tag resolution (`_NoTagResolution`): asking PyYAML's
        (Python) resolver about each scalar was a third of the time."""


def _compose_fast(text: str) -> Node | None:
    """libyaml's C composer, about ten times faster than PyYAML's Python one.

    Used only for text that cannot hold anchors, aliases or tags (which the C composer
    follows or applies silently; `_convert` refuses any tag that slips through) or tabs, and
    whose nesting is surely below the depth at which the C composer crashes: at most
    `_FAST_MAX_BRACKETS` brackets and no line indented by 500 columns. On any error it
    returns None, and the Python path reads the file again and says what is wrong in words
    an editor understands.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if (
        not yaml.__with_libyaml__
        or "\t" in text
        or any(brk in text for brk in _ODD_BREAKS)
        or _NODE_PROPERTY.search(text)
        or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS
        or _DEEP_LINE.match(text)
        or _DEEP_BLOCK.search(text)
    ):
        return None
    try:
        return yaml.compose(text, Loader=_FastComposer)
    except yaml.YAMLError:
        return None


def _convert(node: Node, file: str, problems: list[Problem], depth: int = 0) -> object:
    """Turn a composed node into Map/Seq/Text/None without interpreting scalars."""
    line = node.start_mark.line + 1
    if node.tag:
        problems.append(_tag_problem(node, file))
    if isinstance(node, ScalarNode):
        if not node.style and node.value in NULL_WORDS:  # plain: None (Python), "" (libyaml)
            return None
        return Text(node.value, line)
    if depth >= MAX_DEPTH:
        raise _TooDeep(line)
    if isinstance(node, SequenceNode):
        seq = Seq(_convert(item, file, problems, depth + 1) for item in node.value)
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
            if key_node.tag:
                problems.append(_tag_problem(key_node, file))
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
            result[key] = _convert(value_node, file, problems, depth + 1)
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
    breaks = odd_break_problems(text, file)
    if breaks:
        return None, breaks
    fast = _compose_fast(text)
    if fast is not None:
        try:
            return _convert(fast, file, problems), problems
        except _TooDeep as exc:
            return None, [_too_deep(file, exc.line)]
    control = control_character_problems(text, file)
    if control:
        return None, control
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        value = None if node is None else _convert(node, file, problems)
    except _TooDeep as exc:
        return None, [_too_deep(file, exc.line)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, file)]
    except yaml.YAMLError:  # pragma: no cover - every reader error is caught above
        return None, [Problem(file, 1, _GENERIC)]
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
    return value, problems


def load_file(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Read and parse one file; `display` is the path shown in messages."""
    raw = path.read_bytes()
    text, problems = decode_utf8(raw, display)
    if text is None:
        return None, problems
    return load_text(text, display)


def fingerprint(folder: Path) -> tuple:
    """Names, sizes and times of the files below `folder`, for caches: an edit (e.g. under
    `make serve`) is seen on the next build, and so is a new or renamed file such as a
    `thisted.yml`, which validation reports (`datafiles.py`)."""
    stats = ((p, p.stat()) for p in sorted(folder.rglob("*")))
    return tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in stats if p.is_file())
