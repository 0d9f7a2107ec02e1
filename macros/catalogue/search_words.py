"""Citizens' own words for the site search (data/search_words.yaml).

Design note: citizens search for "angst", "bostøtte" or "selvmord", while the catalogue says
"Psykisk sårbarhed", "§ 85" and "akut krise". Editors keep a vocabulary of such words, each
tied to one target group, one provision or the crisis help, so a word can only be attached
to what the data says an offer is for: a course gets the words of its target groups and its
provision, a provision page and the pages of municipalities with an entry point to it get the
provision's words. The words are extra search fields, never shown (`mkdocs.yml`): `words`
for what a page is about (a course's target groups, a provision page's provision) and
`related_words`, ten times weaker, for what it only leads to (a course's or a municipality's
provisions), so "6 måneder" finds the § 82 b page before its courses. Crisis words are not added to any entry: the search box shows the crisis help above
the results whenever a query holds one (`search-help.js`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from macros.domain.problems import Problem


@dataclass
class SearchWords:
    """The words of each target group and provision, and the crisis words, in file order."""

    target_groups: dict[str, list[str]] = field(default_factory=dict)
    paragraphs: dict[str, list[str]] = field(default_factory=dict)
    crisis: list[str] = field(default_factory=list)

    def for_target_groups(self, target_groups: Iterable[str]) -> list[str]:
        return unique([w for t in target_groups for w in self.target_groups.get(t, [])])

    def for_paragraphs(self, paragraphs: Iterable[str]) -> list[str]:
        return unique([w for p in paragraphs for w in self.paragraphs.get(p, [])])


def normalise(word: str) -> str:
    """How the search compares words: lower case, single spaces."""
    return " ".join(word.lower().split())


def unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(normalise(w) for w in words))


def from_rows(rows: Iterable[dict[str, Any]]) -> SearchWords:
    out = SearchWords()
    for row in rows:
        word = normalise(row["search_word"])
        if row.get("target_group"):
            out.target_groups.setdefault(row["target_group"], []).append(word)
        elif row.get("paragraph"):
            out.paragraphs.setdefault(row["paragraph"], []).append(word)
        elif row.get("crisis"):
            out.crisis.append(word)
    out.crisis = unique(out.crisis)
    return out


def _owner(values: dict[str, Any]) -> tuple[str, str]:
    if values.get("target_group"):
        return "målgruppen", values["target_group"]
    if values.get("paragraph"):
        return "paragraffen", values["paragraph"]
    return "krisehjælpen", "ja" if values.get("crisis") else "nej"


def check(typed: dict[str, list[dict[str, Any]]], rows: dict[str, list[Any]]) -> list[Problem]:
    """A word written twice for the same owner (a slip, harmless: a warning), and `crisis: nej`,
    which would attach the words to nothing (an error: the words would silently do nothing)."""
    problems = []
    first: dict[tuple[str, str, str], int] = {}
    for values, row in zip(
        typed.get("search_words", []), rows.get("search_words", []), strict=True
    ):
        if values.get("crisis") is False:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("crisis"),
                    "«crisis: nej» giver ingen mening: ordene ville ikke høre til noget. Skriv "
                    "crisis: ja for ord om krise, eller brug target_group eller paragraph.",
                )
            )
            continue
        word = values.get("search_word")
        if not word:
            continue
        what, owner = _owner(values)
        key = (what, owner, normalise(word))
        if key in first:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    f"Søgeordet «{word}» står allerede på linje {first[key]} for {what} "
                    f"«{owner}». Slet det ene.",
                    "advarsel",
                )
            )
        else:
            first[key] = row.line
    return problems
