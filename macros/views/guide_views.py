"""The decision guides as pages: view data, the generated pages, the diagram, the listing.

Design notes (why, not what):

- `macros/guides/` owns the data (`load`, `check`, `walk`: loading, checks, paths); this module only turns a checked
  guide into view data for `site_templates/pages/guide_*.html.j2`, so templates loop and format.
- One page per answered prefix; the URL is the answers (`guide/stoette/ingen-krise/voksen/`)
  and each answer is a plain relative link, so the guide needs no JavaScript and no query
  string, and nothing is stored anywhere.
- Legal content on an outcome comes from the paragraph and rule records (with sources); the
  guide's own texts are guidance. Local rules of the chosen municipality are added from the
  catalogue, so "start within 14 days" appears exactly where a source says so.
- The Mermaid text and the edge table are both drawn from `walk.edges()`.
- Answer first (the GOV.UK outcome pattern): a citizen's outcome shows its answer (title,
  lead), then the way forward – the crisis lines of `data/crisis.yaml` on an urgent outcome,
  the chosen municipality's contact and its entry points with their open-now status – and
  only then the provisions and rules behind the answer. Where no contact is sourced, the
  page says so (`places.contact_gap`) and offers ways forward that state no new fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.catalogue.datafiles import DATA_DIR
from macros.guides.load import guides_for
from macros.guides.model import (
    ANY_MUNICIPALITY,
    OTHER_MUNICIPALITY,
    Edge,
    Guide,
    Node,
    Step,
    paragraph_number,
)
from macros.guides.pages import page_src
from macros.guides.walk import answer_municipality, edges, paths, prefixes
from macros.views import urls
from macros.views.law import paragraph_summary, rule_view
from macros.views.places import entry_point_ref, municipality_contact
from macros.views.render import render
from macros.views.sources import source_view

if TYPE_CHECKING:  # pragma: no cover
    from macros.catalogue.model import Catalogue

DIAGRAM = "guide/diagram.md"
PRIVACY = (
    "Siden gemmer ikke dine svar og sender dem ikke videre. De står i adressen på siden, "
    "og adressen kan komme i serverens log (se Dine data)."
)


# --- Pages: paths and links -----------------------------------------------------------------


def _answer_label(cat: Catalogue, guide: Guide, step: Step) -> str:
    node = guide.nodes[step.node]
    if node.kind == "municipality":
        if step.answer == OTHER_MUNICIPALITY:
            return guide.text(node.id, "other")
        if step.answer == ANY_MUNICIPALITY:
            return "(kommunen)"
        return cat.municipalities[step.answer].name
    return guide.option_label(node.id, step.answer)


def _guide_header(guide: Guide, here: str) -> dict[str, Any]:
    return {
        "id": guide.id,
        "title": guide.title,
        "audience": guide.audience,
        "start_href": urls.href(here, page_src(guide.id)),
        "diagram_href": urls.href(here, DIAGRAM, guide.id),
    }


def _answers_view(
    cat: Catalogue, guide: Guide, steps: Sequence[Step], here: str
) -> list[dict[str, Any]]:
    answers = tuple(s.answer for s in steps)
    return [
        {
            "node": step.node,
            "question": guide.text(step.node, "question"),
            "answer": _answer_label(cat, guide, step),
            "href": urls.href(here, page_src(guide.id, answers[:i])),
        }
        for i, step in enumerate(steps)
        # a municipality's own site never asks for the municipality (no page to go back to)
        if not (cat.scope and guide.nodes[step.node].kind == "municipality")
    ]


def _option_answers(
    cat: Catalogue, guide: Guide, steps: tuple[Step, ...], node: Node, answer: str
) -> list[str]:
    """The answers in the address an option leads to (the municipality step answered on a
    municipality's own site)."""
    answered = (*steps, Step(node.id, answer))
    if cat.scope:
        answered = answer_municipality(guide, answered, cat.scope)
    return [s.answer for s in answered]


def _see_also(cat: Catalogue, node: Node, here: str) -> list[dict[str, str]]:
    links = [
        {
            "kind": "paragraph",
            "id": pid,
            "label": f"{cat.paragraphs[pid].number}: {cat.paragraphs[pid].title}",
            "href": urls.href(here, urls.paragraph(pid)),
        }
        for pid in node.paragraphs
    ]
    links += [
        {
            "kind": "rule",
            "id": rid,
            "label": f"{rid}: {cat.rules[rid].title}",
            "href": urls.href(here, urls.RULES, rid),
        }
        for rid in node.rules
        if rid in cat.rules  # another municipality's rule is not on its own site
    ]
    return links


def question_view(
    cat: Catalogue, guide: Guide, steps: tuple[Step, ...], node: Node, here: str
) -> dict[str, Any]:
    answers = tuple(s.answer for s in steps)
    if node.kind == "question":
        choices = [(a, guide.option_label(node.id, a)) for a in node.options]
    else:
        choices = [(m.id, m.name) for m in cat.municipalities.values()]
        if not cat.scope:
            choices.append((OTHER_MUNICIPALITY, guide.text(node.id, "other")))
    return {
        "guide": _guide_header(guide, here),
        "node": node.id,
        "kind": node.kind,
        "step": len(steps) + 1,
        "is_start": not steps,
        "intro": guide.intro if not steps else None,
        "description": guide.description,
        "question": guide.text(node.id, "question"),
        "help": guide.text(node.id, "help"),
        "see_also": _see_also(cat, node, here),
        "options": [
            {
                "id": a,
                "label": label,
                "href": urls.href(
                    here,
                    page_src(guide.id, _option_answers(cat, guide, steps, node, a))
                    if node.kind == "question"
                    else page_src(guide.id, (*answers, a)),
                ),
            }
            for a, label in choices
        ],
        "answers": _answers_view(cat, guide, steps, here),
        "privacy": PRIVACY,
    }


SECTION_HEADINGS = {
    "borger": {
        "paragraphs": "Det kan passe til dig",
        "rules": "Det skal du vide",
        "next": "Sådan kommer du videre",
        "after": "Når forløbet slutter",
    },
    "sagsbehandler": {
        "paragraphs": "Paragraffer",
        "rules": "Regler, der gælder",
        "next": "Næste skridt",
        "after": "Når forløbet slutter",
    },
}


def _finder_href(here: str, paragraph: str, municipality: str | None) -> str:
    query = (
        f"kommune={municipality}&paragraf={paragraph}" if municipality else f"paragraf={paragraph}"
    )
    return urls.href(here, urls.COURSES) + "?" + query


def finder_links(
    cat: Catalogue, paragraphs: Sequence[str], municipality: str | None, here: str, where: str
) -> list[dict[str, Any]]:
    """Links to the course finder, one per provision that has courses there; a provision
    without any gets a sentence saying so instead of a link to an empty list."""
    links = []
    for pid in paragraphs:
        number = cat.paragraphs[pid].number
        has_courses = cat.memo(
            "has-courses",
            (municipality, pid),
            lambda pid=pid: any(
                c.is_active(cat.today)
                for c in cat.courses_of(municipality=municipality, paragraph=pid)
            ),
        )
        links.append(
            {
                "paragraph": pid,
                "label": f"Kurser efter {number}{where}"
                if has_courses
                else f"Der er ikke registreret kurser efter {number}{where} endnu.",
                "href": _finder_href(here, pid, municipality) if has_courses else None,
            }
        )
    return links


def _municipality_block(
    cat: Catalogue, guide: Guide, node: Node, municipality_id: str, here: str, shown_rules: set[str]
) -> dict[str, Any]:
    if municipality_id == OTHER_MUNICIPALITY:
        return {
            "other": True,
            "text": guide.other_municipality,
            "list_href": urls.href(here, urls.MUNICIPALITIES),
            "finder": finder_links(cat, node.paragraphs, None, here, " i alle kommuner"),
        }
    m = cat.municipalities[municipality_id]
    wanted = set(node.paragraphs)
    matching = [ep for ep in m.entry_points if wanted & set(ep.paragraphs)]
    local = [
        r
        for r in cat.rules.values()
        if r.municipality == m.id and wanted & set(r.paragraphs) and r.id not in shown_rules
    ]
    return {
        "other": False,
        "id": m.id,
        "name": m.name,
        "href": urls.href(here, urls.municipality(m.id)),
        "matched": bool(matching) or not wanted,
        "paragraph_numbers": [cat.paragraphs[p].number for p in node.paragraphs],
        "entry_points": [entry_point_ref(cat, ep, here) for ep in (matching or m.entry_points)],
        "contact": municipality_contact(cat, m, matching or m.entry_points),
        "local_rules": [rule_view(cat, r, here) for r in local],
        "finder": finder_links(cat, node.paragraphs, m.id, here, f" i {m.name}"),
    }


def crisis_lines_view(cat: Catalogue) -> list[dict[str, Any]]:
    """The national crisis lines (data/crisis.yaml) in the file's order, each with its source."""
    return [
        {
            "id": line.id,
            "name": line.name,
            "phone": line.phone,
            "href": line.href,
            "when": line.when,
            "hours": line.hours,
            "source": source_view(cat, line.source),
            "source_url": line.source_url,
            "reviewed": line.reviewed,
        }
        for line in cat.crisis_lines
    ]


def _national_entry_points(cat: Catalogue, node: Node, here: str) -> list[dict[str, Any]]:
    """Entry points anywhere in the catalogue for the outcome's provisions (an outcome
    without a municipality step, e.g. the crisis outcome and § 82 c akuttilbud)."""
    wanted = set(node.paragraphs)
    return [
        {**entry_point_ref(cat, ep, here), "municipality": cat.municipalities[ep.municipality].name}
        for ep in cat.entry_points.values()
        if wanted & set(ep.paragraphs)
    ]


def general_rules(cat: Catalogue, rule_ids: Sequence[str], chosen: str | None) -> list[str]:
    """The outcome's rules that are not one municipality's own. On a page for a chosen
    municipality (or for "not on the list"), a rule bound to a municipality is never shown as
    general: the chosen municipality's own rules come in its block ("Særligt i …"), and
    another municipality's never appear. Without a municipality step (the caseworker check)
    such a rule stays, labelled with its municipality."""
    rule_ids = [r for r in rule_ids if r in cat.rules]  # a municipality's site: its own only
    if chosen is None:
        return rule_ids
    return [r for r in rule_ids if cat.rules[r].municipality is None]


def _reachable(cat: Catalogue, block: Mapping[str, Any]) -> bool:
    """Whether an entry point shown in a municipality block has a phone or e-mail."""
    return any(
        cat.entry_points[ep["key"]].phone or cat.entry_points[ep["key"]].email
        for ep in block["entry_points"]
    )


def outcome_view(
    cat: Catalogue, guide: Guide, steps: tuple[Step, ...], node: Node, here: str
) -> dict[str, Any]:
    chosen = next((s.answer for s in steps if guide.nodes[s.node].kind == "municipality"), None)
    rule_ids = general_rules(cat, guide.rules_of(node), chosen)
    paragraphs = [paragraph_summary(cat, cat.paragraphs[pid], here) for pid in node.paragraphs]
    municipality = (
        _municipality_block(cat, guide, node, chosen, here, set(rule_ids)) if chosen else None
    )
    phone = guide.text(node.id, "urgent_phone")
    citizen = guide.audience == "borger"
    urgent = bool(guide.text(node.id, "urgent"))
    crisis_lines = crisis_lines_view(cat) if urgent else []
    national = (
        _national_entry_points(cat, node, here)
        if citizen and not chosen and node.paragraphs
        else []
    )
    gap = None
    if citizen and not crisis_lines:
        from .places import contact_gap

        if municipality is None and not any(
            cat.entry_points[ep["key"]].phone or cat.entry_points[ep["key"]].email
            for ep in national
        ):
            gap = contact_gap(cat, here, young=not node.paragraphs, in_guide=True)
        elif municipality is not None and municipality["other"]:
            gap = contact_gap(cat, here, in_guide=True)
        elif (
            municipality is not None
            and not any(municipality["contact"][k] for k in ("phone", "website"))
            and not _reachable(cat, municipality)
        ):
            gap = contact_gap(cat, here, municipality=municipality["name"], in_guide=True)
    return {
        "guide": _guide_header(guide, here),
        "node": node.id,
        "kind": "outcome",
        "title": guide.text(node.id, "title"),
        "lead": guide.text(node.id, "lead"),
        "urgent": guide.text(node.id, "urgent"),
        "urgent_phone": phone,
        "urgent_phone_href": f"tel:{phone}" if phone else None,
        "crisis_lines": crisis_lines,
        "citizen": citizen,
        "national_entry_points": national,
        "national_paragraphs": [cat.paragraphs[p].number for p in node.paragraphs],
        "gap": gap,
        "next_steps": guide.text(node.id, "next_steps"),
        "after": guide.text(node.id, "after"),
        "assessment": guide.assessment if node.paragraphs else None,
        "headings": SECTION_HEADINGS[guide.audience],
        "show_quotes": guide.audience == "sagsbehandler",
        "paragraphs": paragraphs,
        "rules": [rule_view(cat, cat.rules[r], here) for r in rule_ids],
        "municipality": municipality,
        "finder": [] if municipality else finder_links(cat, node.paragraphs, None, here, ""),
        "answers": _answers_view(cat, guide, steps, here),
        "privacy": PRIVACY,
    }


# --- Diagram --------------------------------------------------------------------------------


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    """Label text inside "…": Mermaid's entity codes for the characters it would parse."""
    text = " ".join(text.split())
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return text


def condition_text(
    guide: Guide, when: Sequence[tuple[str, frozenset[str]]], *, short: bool = False
) -> str:
    """A branch condition in words: 'hvis «Ja» på «Får du …?»' (short: 'hvis har-85: Ja')."""
    parts = []
    for question, answers in when:
        node = guide.nodes[question]
        labels = [guide.option_label(question, a) for a in node.options if a in answers]
        if short:
            parts.append(f"{question}: {' eller '.join(labels)}")
        else:
            said = " eller ".join(f"«{label}»" for label in labels)
            parts.append(f"{said} på «{guide.text(question, 'question')}»")
    return "hvis " + " og ".join(parts) if parts else ""


def _edge_label(guide: Guide, edge: Edge) -> str:
    if edge.answer is not None:
        label = guide.option_label(edge.source, edge.answer)
        cond = condition_text(guide, edge.when, short=True)
        return f"{label} ({cond})" if cond else label
    if edge.when:
        return condition_text(guide, edge.when, short=True)
    return "ellers" if edge.default else "valgt kommune"


def node_label(guide: Guide, node: Node) -> str:
    """What a diagram or table calls a node: its question, or the outcome's title."""
    if node.kind == "outcome":
        return guide.text(node.id, "title")
    return guide.text(node.id, "question")


def mermaid(guide: Guide) -> str:
    """A Mermaid flowchart of the guide, drawn from `edges()` (no blank lines: raw HTML)."""
    lines = [
        "flowchart TD",
        # Drawn at its own size (16 px text), not shrunk to the column: the page lets it scroll.
        '  %%{init: {"flowchart": {"useMaxWidth": false}}}%%',
        f"  accTitle: {_mermaid_text(guide.title)}",
        f"  accDescr: Spørgsmål, svar og udfald i guiden {_mermaid_text(guide.title)}.",
    ]
    for node in guide.nodes.values():
        label = _mermaid_text(node_label(guide, node))
        mid = _mermaid_id(node.id)
        if node.kind == "outcome":
            extra = ", ".join(
                [*(paragraph_number(p) for p in node.paragraphs), *guide.rules_of(node)]
            )
            lines.append(f'  {mid}(["{label}{" – " + extra if extra else ""}"])')
        elif node.kind == "municipality":
            lines.append(f'  {mid}[/"{label}"/]')
        else:
            lines.append(f'  {mid}["{label}"]')
    for edge in edges(guide):
        lines.append(
            f'  {_mermaid_id(edge.source)} -->|"{_mermaid_text(_edge_label(guide, edge))}"| {_mermaid_id(edge.target)}'
        )
    return "\n".join(lines)


def diagram_view(cat: Catalogue, guides: Mapping[str, Guide], here: str) -> dict[str, Any]:
    out = []
    for guide in guides.values():
        abstract = paths(guide)
        expanded = prefixes(guide, tuple(cat.municipalities))
        out.append(
            {
                "id": guide.id,
                "title": guide.title,
                "audience": guide.audience,
                "start_href": urls.href(here, page_src(guide.id)),
                "mermaid": mermaid(guide),
                "node_count": len(guide.nodes),
                "question_count": sum(1 for n in guide.nodes.values() if n.kind != "outcome"),
                "outcome_count": sum(1 for n in guide.nodes.values() if n.kind == "outcome"),
                "path_count": len(abstract),
                "page_count": len(expanded),
                "edges": [
                    {
                        "source": e.source,
                        "source_label": node_label(guide, guide.nodes[e.source]),
                        "answer": e.answer or "",
                        "answer_label": guide.option_label(e.source, e.answer)
                        if e.answer
                        else "(kommunen)",
                        "condition": condition_text(guide, e.when)
                        or ("ellers" if e.default else ""),
                        "target": e.target,
                        "target_label": node_label(guide, guide.nodes[e.target]),
                        "target_kind": guide.nodes[e.target].kind,
                    }
                    for e in edges(guide)
                ],
                "paths": [
                    {
                        "steps": [
                            {
                                "question": guide.text(s.node, "question"),
                                "answer": _answer_label(cat, guide, s),
                            }
                            for s in p.steps
                        ],
                        "outcome": p.outcome,
                        "outcome_title": guide.text(p.outcome, "title"),
                        "href": urls.href(
                            here,
                            page_src(
                                guide.id,
                                [
                                    s.answer
                                    if s.answer != ANY_MUNICIPALITY
                                    else (cat.scope or OTHER_MUNICIPALITY)
                                    for s in p.steps
                                ],
                            ),
                        ),
                        "paragraphs": [
                            cat.paragraphs[x].number for x in guide.nodes[p.outcome].paragraphs
                        ],
                        "rules": guide.rules_of(guide.nodes[p.outcome]),
                    }
                    for p in abstract
                ],
            }
        )
    return {
        "guides": out,
        "mermaid_src": urls.asset(here, "assets/javascripts/mermaid.min.js"),
        "diagram_src": urls.asset(here, "assets/javascripts/diagram.js"),
    }


# --- Pages ----------------------------------------------------------------------------------


def guide_pages(cat: Catalogue, data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Source path -> Markdown: one page per answered prefix of every guide, and the diagram."""
    guides = guides_for(cat, data_dir)
    pages: dict[str, str] = {}
    municipalities = tuple(cat.municipalities)
    for guide in guides.values():
        for steps, node_id in prefixes(guide, municipalities, other=cat.scope is None):
            src = page_src(guide.id, [s.answer for s in steps])
            node = guide.nodes[node_id]
            if cat.scope and node.kind == "municipality" and steps:
                continue  # answered by the site itself (answer_municipality)
            if node.kind == "outcome":
                pages[src] = render(
                    "pages/guide_outcome.html.j2", v=outcome_view(cat, guide, steps, node, src)
                )
            else:
                pages[src] = render(
                    "pages/guide_question.html.j2", v=question_view(cat, guide, steps, node, src)
                )
    if guides:
        pages[DIAGRAM] = render("pages/guide_diagram.html.j2", v=diagram_view(cat, guides, DIAGRAM))
    return pages


# --- Editors' listing (CLI) -----------------------------------------------------------------


def format_paths(cat: Catalogue, guide: Guide) -> str:
    """Every path of a guide with its outcome, for editors to review (`guide-paths`)."""
    abstract = paths(guide)
    pages = len(prefixes(guide, tuple(cat.municipalities)))
    out = [
        f"{guide.title} ({guide.file}): {len(abstract)} veje, {pages} sider",
        "",
    ]
    for i, p in enumerate(abstract, 1):
        node = guide.nodes[p.outcome]
        refs = [cat.paragraphs[x].number for x in node.paragraphs] + guide.rules_of(node)
        out.append(f"Vej {i} → {p.outcome}: {guide.text(p.outcome, 'title')}")
        for s in p.steps:
            out.append(f"    {guide.text(s.node, 'question')}  →  {_answer_label(cat, guide, s)}")
        out.append(f"    Kilder: {', '.join(refs) if refs else '(ingen – vejledning)'}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
