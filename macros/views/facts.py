"""What the sources say beyond the records' own fields (`data/facts.yaml`), for the pages.

Design note: a fact is shown where its subject is: under its entry point, on its
municipality's page, on its provision's page, under "Andre paragraffer" (another provision of
the Act, `provision`) or as a figure for the whole country. Every fact is shown with its
source and, where the source can be quoted, the source's own words, so a reader can check
that the page says no more than the source.
"""

from __future__ import annotations

from typing import Any

from macros.catalogue.model import Catalogue, Fact


def fact_view(cat: Catalogue, fact: Fact) -> dict[str, Any]:
    from macros.views.courses import source_view

    return {
        "id": fact.id,
        "title": fact.title,
        "text": fact.text,
        "quote": fact.quote,
        "provision": fact.provision,
        "source": source_view(cat, fact.source),
    }


def entry_point_facts(cat: Catalogue, municipality: str, entry_point: str) -> list[dict[str, Any]]:
    return [
        fact_view(cat, f)
        for f in cat.facts
        if f.municipality == municipality and f.entry_point == entry_point
    ]


def municipality_facts(cat: Catalogue, municipality: str) -> list[dict[str, Any]]:
    """Facts about the municipality as a whole (not about one of its entry points)."""
    return [
        fact_view(cat, f)
        for f in cat.facts
        if f.municipality == municipality and f.entry_point is None
    ]


def paragraph_facts(cat: Catalogue, paragraph: str) -> list[dict[str, Any]]:
    """Facts about a provision that hold for the whole country (no municipality)."""
    return [
        fact_view(cat, f) for f in cat.facts if f.paragraph == paragraph and f.municipality is None
    ]


def national_facts(cat: Catalogue) -> list[dict[str, Any]]:
    """Figures for the whole country: every fact without municipality or other provision
    (a provision's own figure first, in the order of the provisions)."""
    order = list(cat.paragraphs)
    chosen = [f for f in cat.facts if f.municipality is None and f.provision is None]
    chosen.sort(key=lambda f: order.index(f.paragraph) if f.paragraph in order else len(order))
    return [fact_view(cat, f) for f in chosen]


def neighbour_provisions(cat: Catalogue) -> list[dict[str, Any]]:
    """Other provisions of the Act the sources describe, in the order of their numbers."""

    def number(f: Fact) -> tuple[int, str]:
        digits, _, letter = (f.provision or "").removeprefix("§ ").partition(" ")
        return (int(digits) if digits.isdigit() else 0, letter)

    chosen = [f for f in cat.facts if f.provision and f.municipality is None]
    return [fact_view(cat, f) for f in sorted(chosen, key=number)]
