"""Municipalities and their entry points: what the municipality pages show.

Design note: closed and unknown dates (Danish public holidays from the `holidays` package as
the entry point's `public_holidays` statement says, its `closed_days` and its `closed` periods)
are computed once per build for a window around the build date (`hours.payload_range`) and sent
to the browser with the weekly hours and that window, so the live "open now" status needs no
server and no third-party request, and says "unknown" outside the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from markupsafe import Markup

from macros.catalogue.model import Catalogue, EntryPoint, Municipality
from macros.domain import hours
from macros.guides.load import guides_for
from macros.guides.pages import crisis_page, page_src
from macros.views import facts, urls
from macros.views.calendar_links import calendar_url
from macros.views.courses import course_list
from macros.views.law import rules_for
from macros.views.render import render
from macros.views.sources import source_view


@cache
def holidays_for(build_date: date) -> dict[date, str]:
    start, end = hours.payload_range(build_date)
    return hours.public_holidays(start, end)


def closed_for(ep: EntryPoint, today: date) -> dict[date, str]:
    return day_statements_for(ep, today)[0]


def day_statements_for(ep: EntryPoint, today: date) -> tuple[dict[date, str], dict[date, str]]:
    """(closed dates, dates the sources give no status for) in the browser's window."""
    start, end = hours.payload_range(today)
    return hours.day_statements(
        ep.closures, holidays_for(today), ep.public_holidays, ep.closed_days, start, end
    )


def upcoming_closures(ep: EntryPoint, today: date) -> list[dict[str, Any]]:
    """Closed periods not yet over (past ones are ignored)."""
    return [
        {"start": c.start, "end": c.end, "note": c.note or ""}
        for c in sorted(ep.closures, key=lambda c: c.start)
        if c.end >= today
    ]


def _hours(ep: EntryPoint, today: date, labels: dict[str, str]) -> dict[str, object]:
    closed, unknown = day_statements_for(ep, today)
    return hours.hours_view(
        ep.id,
        ep.name,
        ep.hours,
        closed,
        labels,
        unknown=unknown,
        known=hours.payload_range(today),
        note=hours.holiday_note(ep.public_holidays, ep.closed_days),
    )


def phone_href(phone: str) -> str:
    """tel: link of a Danish number as written ("99 60 31 80" -> "tel:+4599603180")."""
    return "tel:+45" + "".join(ch for ch in phone if ch.isdigit())[-8:]


GAP_TEXT = "Kontaktoplysninger er ikke oplyst her – kontakt kommunen."


def municipality_contact(
    cat: Catalogue, m: Municipality, listed: Sequence[EntryPoint] = ()
) -> dict[str, Any]:
    """The municipality's own phone and website (each only with its source), and whether any
    of its entry points can be reached by phone or e-mail; the page shows the honest gap
    notice (`GAP_TEXT`) with a way forward when none of them is known.

    `listed` are the entry points the page shows below, each with its phone: where one of
    them has the municipality's own number (Ikast-Brande's Din Indgang answers on the main
    number), the number is shown once, there, and not a second time as if it were another."""
    reachable = [ep.id for ep in m.entry_points if ep.phone or ep.email]
    phone = m.phone
    if phone and any(ep.phone and phone_href(ep.phone) == phone_href(phone) for ep in listed):
        phone = None
    return {
        "name": m.name,
        "phone": phone,
        "phone_href": phone_href(phone) if phone else None,
        "phone_note": m.phone_note if phone else None,
        "phone_source": source_view(cat, m.phone_source) if phone and m.phone_source else None,
        "website": m.website,
        "website_source": source_view(cat, m.website_source) if m.website_source else None,
        "has_own": bool(phone or m.website),
        "reachable_entry_points": reachable,
        "has_route": bool(m.phone or m.website or reachable),
    }


def _entry_point_link(cat: Catalogue, ep: EntryPoint, here: str) -> dict[str, Any]:
    return {
        "id": ep.id,
        "key": ep.key,
        "name": ep.name,
        "href": urls.href(here, urls.municipality(ep.municipality), ep.id),
        "paragraphs": [
            {"number": p.number, "href": urls.href(here, urls.paragraph(p.id))}
            for p in (cat.paragraphs[pid] for pid in cat.paragraphs if pid in ep.paragraphs)
        ],
    }


def entry_point_view(
    cat: Catalogue, ep: EntryPoint, here: str, *, with_courses: bool = True
) -> dict[str, Any]:
    """What a page shows of an entry point; course pages leave out its list of courses."""
    channel_labels = {k: t.label for k, t in cat.vocabularies["channels"].items()}
    return {
        **_entry_point_link(cat, ep, here),
        "anchor": ep.id,
        "municipality": cat.municipalities[ep.municipality].name,
        "description": ep.description,
        "address": ep.address,
        "phone": ep.phone,
        "phone_href": phone_href(ep.phone) if ep.phone else None,
        "email": ep.email,
        "hours": _hours(ep, cat.today, channel_labels),
        "calendar_url": calendar_url(here, ep, cat.today),
        "closures": upcoming_closures(ep, cat.today),
        "source": source_view(cat, ep.source),
        "facts": facts.entry_point_facts(cat, ep.municipality, ep.id) if with_courses else [],
        "courses": [
            c
            for c in course_list(cat, here, municipality=ep.municipality)
            if cat.courses[c["key"]].entry_point == ep.id
        ]
        if with_courses
        else [],
    }


def reach_html(cat: Catalogue, ep: EntryPoint) -> Markup:
    """An entry point's contact details and opening hours as HTML, made once per build: each
    of its courses' pages and many guide outcomes repeat them."""

    def make() -> Markup:
        view = entry_point_view(cat, ep, urls.municipality(ep.municipality), with_courses=False)
        return Markup(render("partials/indgang/reach.html", ep=view))

    return cat.memo("reach", ep.key, make)


def entry_point_ref(cat: Catalogue, ep: EntryPoint, here: str) -> dict[str, Any]:
    """What a page that refers people to an entry point shows: a link, its provisions and
    `reach_html`."""
    return {**_entry_point_link(cat, ep, here), "reach": reach_html(cat, ep)}


def municipality_view(cat: Catalogue, m: Municipality, here: str) -> dict[str, Any]:
    return {
        "id": m.id,
        "rules": rules_for(cat, None, here, municipality=m.id),
        "name": m.name,
        "region": m.region,
        "website": m.website,
        "contact": municipality_contact(cat, m, m.entry_points),
        "gap": contact_gap(cat, here, municipality=m.name),
        "href": urls.href(here, urls.municipality(m.id)),
        "source": source_view(cat, m.source),
        "facts": facts.municipality_facts(cat, m.id),
        "entry_points": [entry_point_view(cat, ep, here) for ep in m.entry_points],
        "course_count": len(course_list(cat, here, municipality=m.id)),
        "finder_href": urls.href(here, urls.COURSES) + f"?kommune={m.id}",
    }


def municipality_list(cat: Catalogue, here: str) -> list[dict[str, Any]]:
    """Short rows for the list of municipalities."""
    rows = []
    for m in cat.municipalities.values():
        rows.append(
            {
                "name": m.name,
                "region": m.region,
                "href": urls.href(here, urls.municipality(m.id)),
                "entry_points": [ep.name for ep in m.entry_points],
                "course_count": sum(
                    1 for c in cat.courses_of(municipality=m.id) if c.is_active(cat.today)
                ),
            }
        )
    return rows


def contact_gap(
    cat: Catalogue,
    here: str,
    *,
    municipality: str | None = None,
    young: bool = False,
    in_guide: bool = False,
) -> dict[str, Any]:
    """The honest notice for a page without a sourced phone, e-mail or website, with ways
    forward that state no fact the sources do not give: where a municipality's contact
    details are found in general, the guide, the finder and the crisis help."""
    who = municipality or "din kommune"
    if young:
        how = (
            f"Find telefonnummeret til {who} på kommunens hjemmeside, og spørg efter dem, der "
            "arbejder med børn og unge. Du kan også ringe til kommunens borgerservice og spørge, "
            "hvem du skal tale med."
        )
    else:
        how = (
            f"Find telefonnummeret til {who} på kommunens hjemmeside. Du kan også ringe til "
            "kommunens borgerservice og spørge, hvem der hjælper voksne med en svær hverdag."
        )
    links = []
    crisis = crisis_page(cat)
    if crisis is not None:
        links.append(
            {
                "kind": "crisis",
                "label": "Er du i krise nu? Se, hvem du kan ringe til",
                "href": urls.href(here, crisis),
            }
        )
    citizen = [g for g in guides_for(cat).values() if g.audience == "borger"]
    if citizen and not young and not in_guide:
        links.append(
            {
                "kind": "guide",
                "label": citizen[0].title,
                "href": urls.href(here, page_src(citizen[0].id)),
            }
        )
    if not young:
        links.append(
            {"kind": "finder", "label": "Find et kursus", "href": urls.href(here, urls.COURSES)}
        )
        links.append(
            {
                "kind": "municipalities",
                "label": "Kommuner og indgange, vi har oplysninger om",
                "href": urls.href(here, urls.MUNICIPALITIES),
            }
        )
    return {"text": GAP_TEXT, "how": how, "links": links}
