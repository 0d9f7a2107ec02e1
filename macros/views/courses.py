"""Courses and offers: what a course page and a course list show.

Design note: everything a template prints about a course is prepared here, as plain
dicts of strings and links, so templates only loop and format and the same view serves
the course page, the finder and the provision pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from macros.catalogue.model import Catalogue, Course
from macros.catalogue.validate import STALE_AFTER
from macros.exports.calendars import course_has_calendar
from macros.views import urls
from macros.views.schedule import slot_rows
from macros.views.text import markdown_html, span


def duration_text(course: Course) -> str:
    parts = [span(course.weeks, "uger", "uge"), span(course.sessions, "gange", "gang")]
    text = ", ".join(p for p in parts if p)
    note = course.duration_note
    if not note:
        return text
    if not text or text.split()[0].replace("–", "-") in note.replace("–", "-"):
        return note  # the note already says the number ("6 gange + ved behov")
    return f"{text} ({note})"


def is_stale(course: Course, today: date) -> bool:
    """Last checked more than 12 months ago (validation warns about the same records)."""
    return today - course.reviewed > STALE_AFTER


def status(course: Course, today: date) -> str:
    """'aktiv', 'slut' (past active_to) or 'kommende' (before active_from)."""
    if not course.is_active(today):
        return "slut"
    if not course.has_started(today):
        return "kommende"
    return "aktiv"


def course_summary(cat: Catalogue, course: Course, here: str) -> dict[str, Any]:
    """The short form used in lists and the finder."""
    municipality = cat.municipalities[course.municipality]
    paragraph = cat.paragraphs[course.paragraph]
    return {
        "key": course.key,
        "title": course.title,
        "href": urls.href(here, urls.course(course.municipality, course.id)),
        "municipality": municipality.name,
        "municipality_id": municipality.id,
        "paragraph": paragraph.number if course.paragraph_stated else PARAGRAPH_NOT_STATED_SHORT,
        "paragraph_id": paragraph.id,
        "paragraph_stated": course.paragraph_stated,
        "format": cat.label("formats", course.format),
        "format_id": course.format,
        "access": cat.label("access_levels", course.access),
        "access_id": course.access,
        "target_groups": [cat.label("target_groups", t) for t in course.target_groups],
        "target_group_ids": list(course.target_groups),
        "duration": duration_text(course),
        "status": status(course, cat.today),
    }


PARAGRAPH_NOT_STATED_SHORT = "Paragraf ikke oplyst"
PARAGRAPH_NOT_STATED = (
    "Kilden siger ikke, hvilken paragraf tilbuddet gives efter. Vi har sorteret det under {number}, "
    "så du kan finde det, men reglerne for {number} gælder ikke nødvendigvis – spørg kommunen."
)


def source_view(cat: Catalogue, source_id: str) -> dict[str, Any]:
    source = cat.sources[source_id]
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "url": source.url,
        "note": source.note,
    }


def course_view(cat: Catalogue, course: Course, here: str) -> dict[str, Any]:
    """Everything the course page shows."""
    from macros.views.places import (  # places imports us
        contact_gap,
        entry_point_ref,
        municipality_contact,
    )

    paragraph = cat.paragraphs[course.paragraph]
    entry_point = cat.entry_points[f"{course.municipality}/{course.entry_point}"]
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
        time_limit=paragraph.time_limit
        if paragraph.id == "82b" and course.paragraph_stated
        else None,
        rule_hrefs={
            rid: urls.href(here, urls.RULES, rid) for rid in ("R4", "R6") if rid in cat.rules
        },
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
        # The municipality's own sourced contact where the entry point has no phone or e-mail,
        # and the honest gap notice where neither is known.
        municipality_contact=municipality_contact(cat, cat.municipalities[course.municipality])
        if not (entry_point.phone or entry_point.email)
        else None,
        gap=contact_gap(cat, here, municipality=cat.municipalities[course.municipality].name)
        if not (entry_point.phone or entry_point.email)
        and not municipality_contact(cat, cat.municipalities[course.municipality])["has_own"]
        else None,
        has_calendar=course_has_calendar(course, cat.today),
    )
    return view


def course_list(
    cat: Catalogue, here: str, *, municipality: str | None = None, paragraph: str | None = None
) -> list[dict[str, Any]]:
    """Active courses, for list pages."""
    return [
        course_summary(cat, c, here)
        for c in cat.courses_of(municipality=municipality, paragraph=paragraph)
        if c.is_active(cat.today)
    ]
