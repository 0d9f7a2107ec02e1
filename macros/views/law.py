"""The provisions (§§ 82 a-d, 85) and the interface rules between them.

Design note: every legal statement on the site is a record in `data/paragraphs/` or
`data/rules.yaml` with a source; pages and guides link to the record (a rule's id is its
stable anchor on the rules page) instead of restating law in templates.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from macros.catalogue.model import Catalogue, Paragraph, Rule
from macros.views import urls
from macros.views.facts import paragraph_facts
from macros.views.text import markdown_html

OFFICIAL_LAW_URL = "https://www.retsinformation.dk"


def _rule_core(cat: Catalogue, rule: Rule, here: str) -> dict[str, Any]:
    from macros.views.courses import source_view

    kind = cat.rule_kinds[rule.kind]
    return {
        "id": rule.id,
        "anchor": rule.id,
        "title": rule.title,
        "statement": rule.statement,
        "quote": rule.quote,
        "kind": rule.kind,
        "kind_label": kind.label,
        "kind_description": kind.description,
        "municipality": cat.municipalities[rule.municipality].name if rule.municipality else None,
        "href": urls.href(here, urls.RULES, rule.id),
        "source": source_view(cat, rule.source),
    }


def rule_view(cat: Catalogue, rule: Rule, here: str) -> dict[str, Any]:
    """A rule as every page shows it: with the rules of law that limit it (`limited_by`), in
    plain Danish, so a local practice never appears without the law that bounds it."""
    return {
        **_rule_core(cat, rule, here),
        "paragraphs": [
            {
                "id": p,
                "number": cat.paragraphs[p].number,
                "href": urls.href(here, urls.paragraph(p)),
            }
            for p in cat.paragraphs
            if p in rule.paragraphs
        ],
        "paragraph_ids": " ".join(p for p in cat.paragraphs if p in rule.paragraphs),
        "limits": [_rule_core(cat, cat.rules[r], here) for r in rule.limited_by],
        "limits_intro": LIMITS_INTRO if rule.limited_by else None,
    }


LIMITS_INTRO = "Det er ikke en lovregel, og den skal holde sig inden for disse regler:"


def _kind_order(cat: Catalogue) -> dict[str, int]:
    return {k: i for i, k in enumerate(cat.rule_kinds)}


def rules_for(
    cat: Catalogue, paragraph_id: str | None, here: str, municipality: str | None = None
) -> list[dict[str, Any]]:
    """Rules about a provision (all, for None); with `municipality`, only that municipality's
    own rules (`municipality` set on the rule)."""
    rules = [
        r
        for r in cat.rules.values()
        if (paragraph_id is None or paragraph_id in r.paragraphs)
        and (municipality is None or r.municipality == municipality)
    ]
    order = _kind_order(cat)
    rules.sort(key=lambda r: (order[r.kind], r.id[0], int(r.id[1:])))
    return [rule_view(cat, r, here) for r in rules]


def kinds_view(cat: Catalogue) -> list[dict[str, str]]:
    """The kinds of rules with what each is (the rules page explains its labels from data)."""
    return [
        {"id": k.id, "label": k.label, "description": k.description}
        for k in cat.rule_kinds.values()
        if any(r.kind == k.id for r in cat.rules.values())
    ]


# A provision's plain-Danish summary is cited on hundreds of guide pages: render it once.
_provision_html = cache(markdown_html)


def paragraph_summary(cat: Catalogue, p: Paragraph, here: str) -> dict[str, Any]:
    """What a page that cites a provision shows of it (the guides' outcomes: hundreds of
    pages, so without the provision's rules and nationwide course list)."""
    from macros.views.courses import source_view

    return {
        "id": p.id,
        "number": p.number,
        "title": p.title,
        "title_note": p.title_note,
        "href": urls.href(here, urls.paragraph(p.id)),
        "summary": p.summary,
        "summary_html": _provision_html(p.summary),
        "target_group": p.target_group,
        "time_limit": p.time_limit,
        "obligation_text": (
            "Kommunen skal tilbyde hjælpen (pligt)."
            if p.obligation == "skal"
            else "Kommunen kan vælge at tilbyde hjælpen (ikke pligt)."
        ),
        "access": p.access,
        # Only the sources the short form rests on (all of them if the editor named none).
        "sources": [source_view(cat, s) for s in (p.summary_sources or p.sources)],
        "law_quote": p.law_quote,
        "law_reference": p.law_reference,
    }


def paragraph_view(cat: Catalogue, p: Paragraph, here: str) -> dict[str, Any]:
    """A provision's page data."""
    from macros.views.courses import course_list, source_view

    return {
        **paragraph_summary(cat, p, here),
        "sources": [source_view(cat, s) for s in p.sources],
        "purpose": p.purpose,
        "content": p.content,
        "obligation": p.obligation,
        "appeal": p.appeal,
        "law_source": source_view(cat, p.law_source) if p.law_source else None,
        "official_url": OFFICIAL_LAW_URL,
        "reviewed": p.reviewed,
        "rules": rules_for(cat, p.id, here),
        "facts": paragraph_facts(cat, p.id),
        "courses": course_list(cat, here, paragraph=p.id),
        "finder_href": urls.href(here, urls.COURSES) + f"?paragraf={p.id}",
    }


def comparison(cat: Catalogue, here: str) -> list[dict[str, Any]]:
    return [paragraph_view(cat, p, here) for p in cat.paragraphs.values()]
