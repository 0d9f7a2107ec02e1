"""Everything a course's own page shows: the course, its provision and its entry point.

Design note: a course page shows its entry point (`places.entry_point_ref`) and an entry point
lists its courses (`courses.course_list`), so the page lives here, above both modules.
"""

from __future__ import annotations

from typing import Any

from macros.catalogue.model import Catalogue, Course
from macros.domain import provisions
from macros.views import urls
from macros.views.calendar_links import calendar_url
from macros.views.courses import course_summary, is_stale
from macros.views.places import contact_gap, entry_point_ref, municipality_contact
from macros.views.schedule import slot_rows
from macros.views.sources import source_view
from macros.views.text import markdown_html, span

PARAGRAPH_NOT_STATED = (
    "Kilden siger ikke, hvilken paragraf tilbuddet gives efter. Vi har sorteret det under {number}, "
    "så du kan finde det, men reglerne for {number} gælder ikke nødvendigvis – spørg kommunen."
)


def course_view(cat: Catalogue, course: Course, here: str) -> dict[str, Any]:
    """Everything the course page shows."""
    paragraph = cat.paragraphs[course.paragraph]
    limit = provisions.limit_for(paragraph.id, course.paragraph_stated)
    entry_point = cat.entry_points[f"{course.municipality}/{course.entry_point}"]
    municipality = cat.municipalities[course.municipality]
    # The municipality's own sourced contact where the entry point has no phone or e-mail,
    # and the honest gap notice where neither is known.
    own = (
        None if entry_point.phone or entry_point.email else municipality_contact(cat, municipality)
    )
    view = course_summary(cat, course, here)
    view.update(
        description=course.description,
        description_html=markdown_html(course.description),  # the page and its search entry
        paragraph_title=paragraph.title,
        paragraph_number=paragraph.number,
        paragraph_href=urls.href(here, urls.paragraph(paragraph.id)),
        # A provision's consequences only when the source names the provision.
        paragraph_note=None
        if course.paragraph_stated
        else PARAGRAPH_NOT_STATED.format(number=paragraph.number),
        time_limit=paragraph.time_limit if limit else None,
        limit_title=limit.title if limit else None,
        limit_rules=[
            {"href": urls.href(here, urls.RULES, r.rule), "label": r.label}
            for r in (limit.rules if limit else ())
            if r.rule in cat.rules
        ],
        municipality_href=urls.href(here, urls.municipality(course.municipality)),
        access_description=cat.vocabularies["access_levels"][course.access].description,
        format_description=cat.vocabularies["formats"][course.format].description,
        group_size=span(course.group_size, "deltagere", "deltager"),
        schedule=slot_rows(course.schedule),
        active_from=course.active_from,
        active_to=course.active_to,
        source=source_view(cat, course.source),
        reviewed=course.reviewed,
        stale=is_stale(course, cat.today),
        entry_point=entry_point_ref(cat, entry_point, here),
        municipality_contact=own,
        gap=contact_gap(cat, here, municipality=municipality.name)
        if own is not None and not own["has_own"]
        else None,
        calendar_url=calendar_url(here, course, cat.today),
    )
    return view
