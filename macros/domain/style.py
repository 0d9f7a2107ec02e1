"""A Danish spelling and style check for the text citizens read (warnings, never errors).

Design note: the word list is data (`data/style.yaml`, schema `data/schemas/style.yaml`), so an
editor who meets a new slip or a piece of jargon adds a line there and the next editor gets
the same help. Each entry is a word or phrase (`*` at the end stands for the rest of a word);
matching ignores case and only whole words match. A `fagord` (jargon) in parentheses counts
as explained, so "give dig adgang (visitere dig)" passes. Verbatim quotes (`quote`, the law
text) are never checked: they must stay as the source wrote them. The caseworker guide is not
checked either: caseworkers use the terms of the law.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from macros.domain.problems import Problem

# Columns of the flattened tables that citizens read (never `quote` or `law_quote`).
CITIZEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "courses": ("title", "description", "duration_note"),
    "entry_points": ("description",),
    "hours": ("note",),
    "closures": ("note",),
    "course_schedule": ("note",),
    "paragraphs": (
        "summary",
        "target_group",
        "purpose",
        "content",
        "time_limit",
        "access",
        "appeal",
    ),
    "rules": ("title", "statement"),
    "facts": ("title", "text"),
    "target_groups": ("label", "description"),
    "formats": ("label", "description"),
    "access_levels": ("label", "description"),
    "channels": ("label", "description"),
}
GUIDE_KEYS = ("title", "question", "help", "lead", "next_steps", "after", "urgent", "other")
GUIDE_TOP = ("title", "description", "intro", "assessment", "other_municipality")
KIND_TEXT = {
    "stavning": "Stavefejl eller grammatik",
    "fagord": "Fagord, som mange borgere ikke kender",
    "tegn": "Forkert tegn",
}


@dataclass(frozen=True)
class Entry:
    """One line of the word list, with its pattern compiled once."""

    find: str
    kind: str
    instead: str
    note: str | None = None
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)
    needle: str = field(init=False, compare=False, repr=False)  # in every hit, lower case

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", compile_pattern(self.find))
        words = self.find.rstrip("*").split()
        object.__setattr__(self, "needle", (words[0] if words else self.find).casefold())


@dataclass(frozen=True)
class Text:
    """A citizen text and where it is written: `line` is where the text starts."""

    file: str
    line: int
    text: str
    block: bool = False  # a YAML block (|): the text starts on the line after `line`


def compile_pattern(find: str) -> re.Pattern[str]:
    """`find` as a case-insensitive regex: whole words only; a final `*` is the rest of a word."""
    wildcard = find.endswith("*")
    core = find[:-1] if wildcard else find
    body = r"\s+".join(re.escape(part) for part in core.split())
    if not core.strip():  # a lone character with spaces round it
        body = re.escape(core)
    start = r"(?<!\w)" if core[:1].isalnum() else ""
    end = r"\w*" if wildcard else (r"(?!\w)" if core[-1:].isalnum() else "")
    return re.compile(start + body + end, re.IGNORECASE)


def entries_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """Word-list entries from rows of the `style` table (plain dicts or `flatten.Row` values)."""
    out = []
    for row in rows:
        values = getattr(row, "values", row)
        find, kind, instead = values.get("find"), values.get("kind"), values.get("instead")
        if find and kind in KIND_TEXT and instead:
            out.append(Entry(str(find), str(kind), str(instead), values.get("note")))
    return out


def _in_parentheses(text: str, start: int, end: int) -> bool:
    before = text[:start]
    return before.rfind("(") > before.rfind(")") and ")" in text[end:]


def line_at(item: Text, offset: int) -> int:
    """The file line of character `offset` of a text."""
    if not item.block:
        return item.line
    return item.line + 1 + item.text.count("\n", 0, offset)


def check_text(item: Text, entries: Sequence[Entry]) -> list[Problem]:
    """One warning per word-list hit in the text, at the hit's line."""
    folded = item.text.casefold()
    entries = [e for e in entries if e.needle in folded]  # a substring test before any regex
    if not entries:
        return []
    hits = sorted(
        ((m, entry) for entry in entries for m in entry.pattern.finditer(item.text)),
        key=lambda hit: (hit[0].start(), -hit[0].end()),
    )
    problems = []
    covered = -1  # a hit inside a longer one ("udfører" in "myndighed og udfører") is left out
    for match, entry in hits:
        if match.end() <= covered:
            continue
        covered = match.end()
        if entry.kind == "fagord" and _in_parentheses(item.text, match.start(), match.end()):
            continue
        note = f" {entry.note}" if entry.note else ""
        problems.append(
            Problem(
                item.file,
                line_at(item, match.start()),
                f"{KIND_TEXT[entry.kind]}: »{match.group(0)}«. Skriv i stedet: "
                f"{entry.instead}.{note} (Ordlisten står i data/style.yaml.)",
                "advarsel",
            )
        )
    return problems


def texts_from_tables(tables: Mapping[str, Sequence[Any]]) -> list[Text]:
    """Citizen texts of the flattened tables (`flatten.Row`), with their lines."""
    out = []
    for table, columns in CITIZEN_COLUMNS.items():
        seen: set[tuple[str, int, str]] = set()
        for row in tables.get(table, []):
            for column in columns:
                value = row.values.get(column)
                if not value:
                    continue
                line = row.line_for(column)
                key = (row.file, line, column)
                if key in seen:  # hours and schedules: one row per day, one text
                    continue
                seen.add(key)
                out.append(Text(row.file, line, str(value), block=str(value).endswith("\n")))
    return out


def texts_from_guides(guides: Iterable[Any]) -> list[Text]:
    """Every text of the citizens' guides (`guides.model.Guide`), with its line."""
    out = []
    for g in guides:
        if g.audience != "borger":
            continue
        for key in GUIDE_TOP:
            value = getattr(g, key, None)
            if value:
                out.append(Text(g.file, g.lines.get(key, 1), value))
        for text in g.texts.values():
            for key in GUIDE_KEYS:
                if text.get(key):
                    out.append(Text(g.file, text.line_of(key), text.get(key) or ""))
            for answer, label in text.options.items():
                out.append(Text(g.file, text.line_of(answer, option=True), label))
    return out


def style_problems(tables: Mapping[str, Sequence[Any]], guides: Iterable[Any]) -> list[Problem]:
    """Warnings for every word-list hit in the catalogue's and the citizen guides' texts
    (`guides`: the `guides.model.Guide`s that parsed)."""
    entries = entries_from_rows(tables.get("style", []))
    if not entries:
        return []
    problems: dict[tuple[str, int, str], Problem] = {}  # one warning per line and word
    for item in texts_from_tables(tables) + texts_from_guides(guides):
        for problem in check_text(item, entries):
            problems.setdefault((problem.file, problem.line, problem.message), problem)
    return list(problems.values())
