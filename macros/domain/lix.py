"""LIX, the Scandinavian readability index, for the text citizens read.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters (Björnsson 1968). Under 30 is very easy, 30-40 easy (plain Danish), 40-50 medium,
over 50 hard. The site aims at LIX ≤ 40 for course descriptions, "Kort fortalt" and the
guides' questions and outcomes.

Design notes:

- The text is measured as a reader sees it: Markdown links count by their link text; URLs,
  e-mail addresses, code and HTML tags are dropped; list items, headings and paragraphs are
  sentences even without a full stop.
- Danish-aware words: letters include æ, ø, å (and é, ü …); a hyphenated word
  (Ikast-Brande, e-mail) is one word; a number (10.00, 2026-11-22, 82) is a short word; § is
  not a word.
- Danish-aware sentences: ". : ! ?" end a sentence (Björnsson), but a full stop does not
  after an abbreviation (fx, bl.a., kl., stk., jf. …), before a number (kl. 10.00,
  1. januar) or before a lower-case word.
- Very short texts swing wildly (one long word in a four-word question gives LIX 25+), so
  editor warnings only look at texts with at least `MIN_WORDS` words; the report measures all.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.domain.problems import Problem

LIMIT = 40
MIN_WORDS = 12
LONG_WORD = 6  # a word with more letters than this is long

# Abbreviations whose full stop never ends a sentence (lower case, dots removed).
_ABBREVIATIONS = frozenset(
    {"fx", "feks", "bla", "ca", "kl", "nr", "stk", "jf", "jvf", "evt", "pkt", "dvs", "mht"}
    | {"inkl", "ekskl", "tlf", "pga", "iflg", "ift", "vedr", "hhv", "ol", "sml", "vha", "ang"}
    | {"gl", "hr", "dr", "adr", "att", "nb", "ps", "bekg"}
)
# "f.eks.", "bl.a.", "m.v.": parts of at most three letters joined by dots (the final dot stays).
_DOTTED_ABBREVIATION = re.compile(r"\b(?:[^\W\d_]{1,3}\.){1,3}[^\W\d_]{1,3}(?=\.)")

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CODE = re.compile(r"`[^`]*`")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)")
# A line that starts a block: list item, heading, quote, table row.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+|>\s*|\|)")

_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,:/–-]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)"
    r"|(?P<end>[.!?:…]+)"
    r"|(?P<blank>\n\s*\n)",
)


@dataclass(frozen=True)
class Readability:
    """The counts behind one LIX figure."""

    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(1, self.sentences) + 100 * self.long_words / self.words


def plain_text(markdown: str) -> str:
    """What a reader reads: Markdown and HTML reduced to words, punctuation and paragraphs.

    Each list item, heading, quote or table row becomes a paragraph of its own (separated by
    a blank line), so it ends a sentence even without a full stop.
    """
    text = markdown.replace("\r\n", "\n")
    # Each pattern only runs when its telltale character is there: most texts have none.
    if "`" in text:
        text = _CODE.sub(" ", text)
    if "[" in text:
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(" ", text)
        text = _HTML_TAG.sub(" ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    if "*" in text or "_" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group().replace(".", ""), text)
    lines: list[str] = []
    for line in text.split("\n"):
        block = _BLOCK_START.match(line)
        if block and lines and lines[-1] != "":
            lines.append("")
        lines.append(_BLOCK_START.sub("", line).strip(" |"))
        if block and block.group().lstrip().startswith("#"):
            lines.append("")  # a heading is a paragraph of its own
    return "\n".join(lines)


def analyse(text: str) -> Readability:
    """Words, sentences and long words of a Danish text (Markdown allowed)."""
    tokens = [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(plain_text(text))]
    words = long_words = sentences = 0
    open_sentence = False  # a word was seen since the last sentence end
    previous: tuple[str, str] | None = None
    for i, (kind, value) in enumerate(tokens):
        if kind in ("word", "number"):
            words += 1
            if (
                kind == "word"
                and len(value) > LONG_WORD
                and sum(ch.isalpha() for ch in value) > LONG_WORD
            ):
                long_words += 1
            open_sentence = True
        elif kind == "end" and open_sentence:
            if _ends_sentence(value, previous, _next_word(tokens, i)):
                sentences += 1
                open_sentence = False
        elif kind == "blank" and open_sentence:
            sentences += 1  # a paragraph, list item or heading without a full stop
            open_sentence = False
        previous = (kind, value)
    if open_sentence:
        sentences += 1
    return Readability(words, sentences, long_words)


def _next_word(tokens: Sequence[tuple[str, str]], i: int) -> tuple[str, str] | None:
    """The next word or number after token i in the same paragraph (None: none follows)."""
    for j in range(i + 1, len(tokens)):
        kind = tokens[j][0]
        if kind == "word" or kind == "number":
            return tokens[j]
        if kind == "blank":
            return None
    return None


def _ends_sentence(
    mark: str, previous: tuple[str, str] | None, following: tuple[str, str] | None
) -> bool:
    """Does this run of punctuation end a sentence?"""
    if "!" in mark or "?" in mark or following is None:
        return True
    kind, value = following
    if kind == "number":
        return False  # "kl. 10.00", "1. januar", "side 4: 12"
    if mark.startswith(":"):
        return True
    if value[:1].islower():
        return False  # "ca. en time", "fx. kommunen"
    # "bl.a. Aalborg Kommune", "jf. Ankestyrelsen": an abbreviation before a name
    after_word = previous is not None and previous[0] == "word"
    return not (after_word and previous[1].lower().replace("-", "") in _ABBREVIATIONS)


def lix(text: str) -> float:
    """LIX of one text (0 for a text without words)."""
    return analyse(text).lix


# --- Citizen-facing texts --------------------------------------------------------------------

KIND_COURSE = "kursusbeskrivelse"
KIND_SUMMARY = "kort fortalt"
KIND_GUIDE_QUESTION = "guidespørgsmål"
KIND_GUIDE_OUTCOME = "guideudfald"
KINDS = (KIND_COURSE, KIND_SUMMARY, KIND_GUIDE_QUESTION, KIND_GUIDE_OUTCOME)


@dataclass(frozen=True)
class CitizenText:
    """One text a citizen reads, where it is written, and what kind it is."""

    kind: str
    file: str
    line: int
    label: str  # e.g. "ikast-brande/nada" or "stoette: krise (question)"
    text: str

    @property
    def readability(self) -> Readability:
        return analyse(self.text)

    @property
    def lix(self) -> float:
        return self.readability.lix


def texts_from_tables(tables: Mapping[str, Sequence[Any]]) -> list[CitizenText]:
    """Course descriptions and paragraph summaries from the flattened tables (`flatten.Row`)."""
    out = []
    for row in tables.get("courses", []):
        text = row.values.get("description")
        if text:
            label = f"{row.values.get('municipality')}/{row.values.get('id')}"
            line = row.line_for("description")
            out.append(CitizenText(KIND_COURSE, row.file, line, label, text))
    for row in tables.get("paragraphs", []):
        text = row.values.get("summary")
        if text:
            label = str(row.values.get("number") or row.values.get("id"))
            out.append(CitizenText(KIND_SUMMARY, row.file, row.line_for("summary"), label, text))
    return out


def texts_from_guides(guides: Iterable[Any]) -> list[CitizenText]:
    """Questions (with their help text) and outcomes of the guides (`guide.Guide` objects),
    as listed by the guide module's own `readable_texts`."""
    from macros.guides import (
        guide as guide_module,  # imported late: the guide module renders templates
    )

    out = []
    for g in guides:
        for node_id, key, text in guide_module.readable_texts(g):
            node = g.nodes[node_id]
            kind = KIND_GUIDE_OUTCOME if node.kind == "outcome" else KIND_GUIDE_QUESTION
            line = g.texts[node_id].line_of(key)
            out.append(CitizenText(kind, g.file, line, f"{g.id}: {node_id} ({key})", text))
    return out


def citizen_texts(data_dir: Path) -> list[CitizenText]:
    """Every citizen-facing text of a data folder, read as `make validate` reads it.

    Uses the flattener for the catalogue and the guide module's loader for the guides, so a
    text is measured even when other parts of the data have errors.
    """
    from macros.catalogue.flatten import Flattener
    from macros.catalogue.validate import load_schemas
    from macros.guides import guide as guide_module

    schemas = load_schemas(data_dir)
    columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
    tables = Flattener(data_dir, columns).run().tables
    known = guide_module.known_from_tables(tables)
    guides, _problems = guide_module.load_guides(data_dir, known)
    return texts_from_tables(tables) + texts_from_guides(guides.values())


def readability_problems(tables: Mapping[str, Sequence[Any]]) -> list[Problem]:
    """Editor warnings: a course description or "Kort fortalt" with LIX over `LIMIT`."""
    problems = []
    for item in texts_from_tables(tables):
        counts = item.readability
        if counts.words < MIN_WORDS or counts.lix <= LIMIT:
            continue
        what = "Beskrivelsen" if item.kind == KIND_COURSE else "«Kort fortalt» (summary)"
        problems.append(
            Problem(
                item.file,
                item.line,
                f"{what} er svær at læse: LIX {counts.lix:.0f} (mål: højst {LIMIT}). "
                f"{counts.words} ord i {counts.sentences} sætninger, {counts.long_words} lange "
                f"ord (over {LONG_WORD} bogstaver). Skriv kortere sætninger og kortere ord.",
                "advarsel",
            )
        )
    return problems


@dataclass(frozen=True)
class Summary:
    """LIX figures for one kind of text.

    `pooled` is the LIX of all texts of the kind read as one (robust against short texts);
    `median` and `maximum` are over single texts; `maximum_measured` and `over_limit` count
    only texts of at least `MIN_WORDS` words, as the editor warnings do.
    """

    kind: str
    count: int
    pooled: float
    median: float
    maximum: float
    maximum_measured: float
    worst: str  # label of the hardest text with at least MIN_WORDS words
    over_limit: int


def pool(items: Iterable[CitizenText]) -> Readability:
    """The counts of several texts added up."""
    words = sentences = long_words = 0
    for item in items:
        counts = item.readability
        words += counts.words
        sentences += counts.sentences
        long_words += counts.long_words
    return Readability(words, sentences, long_words)


def summarise(texts: Iterable[CitizenText]) -> list[Summary]:
    """LIX figures per kind of text, in `KINDS` order (kinds without texts left out)."""
    by_kind: dict[str, list[CitizenText]] = {}
    for item in texts:
        by_kind.setdefault(item.kind, []).append(item)
    out = []
    for kind in KINDS:
        items = by_kind.get(kind, [])
        if not items:
            continue
        scores = [item.lix for item in items]
        measured = [(item.lix, item.label) for item in items if item.readability.words >= MIN_WORDS]
        worst = max(measured) if measured else (0.0, "")
        out.append(
            Summary(
                kind=kind,
                count=len(items),
                pooled=pool(items).lix,
                median=statistics.median(scores),
                maximum=max(scores),
                maximum_measured=worst[0],
                worst=worst[1],
                over_limit=sum(1 for score, _ in measured if score > LIMIT),
            )
        )
    return out
