"""Where a record's calendar file (.ics) is, and a page's link to it.

Design note: which records get a calendar is the catalogue's rule (`catalogue/model.py`);
where its file is, is this module's. `exports/calendars.py` writes the files at these paths
and the page views carry `calendar_url` from `calendar_url`, so a page never links a file the
build does not write, and templates only print the link.
"""

from __future__ import annotations

from datetime import date

from macros.catalogue.model import (
    Course,
    EntryPoint,
    course_has_calendar,
    entry_point_has_calendar,
)
from macros.views import urls


def entry_point_path(ep: EntryPoint) -> str:
    """'kommuner/<id>/<id>-<entry>.ics': next to the municipality page."""
    return f"{urls.page_url(urls.municipality(ep.municipality))}{ep.municipality}-{ep.id}.ics"


def course_path(course: Course) -> str:
    """'courses/<id>/<course>/<id>-<course>.ics': next to the course page."""
    page = urls.page_url(urls.course(course.municipality, course.id))
    return f"{page}{course.municipality}-{course.id}.ics"


def calendar_url(here: str, record: Course | EntryPoint, today: date) -> str | None:
    """The relative link from page `here` to the record's calendar file, or None if the
    record gets none."""
    if isinstance(record, Course):
        if not course_has_calendar(record, today):
            return None
        return urls.asset(here, course_path(record))
    if not entry_point_has_calendar(record):
        return None
    return urls.asset(here, entry_point_path(record))
