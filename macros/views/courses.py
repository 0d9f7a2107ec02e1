"""Courses and offers: what a course list shows (the page: `course_page.py`).

Design note: everything a template prints about a course is prepared here, as plain
dicts of strings and links, so templates only loop and format and the same view serves
the course lists, the finder and the provision pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from macros.catalogue.model import Catalogue, Course
from macros.catalogue.validate import STALE_AFTER
from macros.views import urls
from macros.views.text import span


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


def course_list(
    cat: Catalogue, here: str, *, municipality: str | None = None, paragraph: str | None = None
) -> list[dict[str, Any]]:
    """Active courses, for list pages."""
    return [
        course_summary(cat, c, here)
        for c in cat.courses_of(municipality=municipality, paragraph=paragraph)
        if c.is_active(cat.today)
    ]
