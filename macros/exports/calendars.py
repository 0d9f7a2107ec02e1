"""iCalendar (.ics) files: each entry point's opening hours and each course's meetings.

Design notes:

- One recurring event per window (an entry point's window is one channel's days and times):
  `RRULE:FREQ=WEEKLY;BYDAY=…;UNTIL=…`, with `EXDATE` for every day the entry point is known to
  be closed on the window's days: public holidays only when its `public_holidays` is `lukket`,
  its `closed_days` and its `closed` periods. Days the sources say nothing about stay in the
  calendar, and the event's description says what the source does not say (`holiday_note`). Holidays and closed periods are only known as dates, so the
  rule is bounded: from the build date to one year later (`HORIZON`). A rebuild moves the horizon.
- Times are Copenhagen wall-clock times (`TZID=Europe/Copenhagen` with a VTIMEZONE), so the events
  stay at 9.00 across daylight saving. A window without times becomes a weekly all-day event that
  says the times are not stated.
- Courses: meetings from the schedule, from the later of the build date and `active_from` to
  `active_to` (or one year). Public holidays are left out only when the course's entry
  point says it is closed on them (`public_holidays: lukket`); otherwise they stay and the
  text says what the source does not say (no "Ikke på helligdage" without a source). A
  course with dates but no schedule gets one all-day event for its period (or its first/last
  day). Ended courses get no calendar.
- Reproducible: UIDs come from our keys and the window number; DTSTAMP is the build date at
  midnight UTC; nothing depends on the clock, so two builds of one commit for one date are equal.
- The text is written by `macros/exports/ics.py` (fast enough for thousands of files); `icalendar` makes
  the VTIMEZONE, once per span of whole years, and the tests parse every file back with it.
- Files sit next to the page they belong to (`kommuner/<id>/<id>-<entry>.ics`,
  `courses/<id>/<course>/<id>-<course>.ics`; `views/calendar_links.py`, which the pages' links
  come from too), so a page links them with a plain relative name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from icalendar import Timezone

from macros.catalogue.model import (
    Catalogue,
    Course,
    EntryPoint,
    course_has_calendar,
    entry_point_has_calendar,
)
from macros.domain.danish import date_text
from macros.domain.hours import (
    COPENHAGEN,
    Window,
    day_statements,
    format_days,
    format_time,
    holiday_note,
    public_holidays,
)
from macros.exports import ics
from macros.views import urls
from macros.views.calendar_links import course_path, entry_point_path

TZID = "Europe/Copenhagen"
HORIZON = timedelta(days=365)
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//Indgang//Kalender//DA"
UID_DOMAIN = "indgang"


# --- Building blocks ---------------------------------------------------------------------------


def first_on_or_after(start: date, days: Iterable[int]) -> date:
    wanted = set(days)
    for offset in range(7):
        day = start + timedelta(days=offset)
        if day.weekday() in wanted:
            return day
    raise ValueError("a window needs at least one weekday")


@cache
def _timezone(first_year: int, last_year: int) -> Timezone:
    return Timezone.from_tzid(
        TZID, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )


@cache
def _timezone_text(first_year: int, last_year: int) -> str:
    """A VTIMEZONE for whole years: the calendars of a build share a handful of them, where
    one per span of dates meant 323 of them (0.15 s) for a national catalogue."""
    return _timezone(first_year, last_year).to_ical().decode("utf-8")


@cache
def _holidays_in_years(first_year: int, last_year: int) -> dict[date, str]:
    return public_holidays(date(first_year, 1, 1), date(last_year, 12, 31))


def holidays_between(start: date, end: date) -> dict[date, str]:
    """Public holidays from `start` to `end` (one `holidays` calendar per span of years)."""
    every = _holidays_in_years(start.year, end.year)
    return {day: name for day, name in every.items() if start <= day <= end}


def _calendar_header(name: str, description: str) -> list[str]:
    return [
        ics.fold(line)
        for line in (
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALDESC:{ics.text(description)}",
            f"X-WR-CALNAME:{ics.text(name)}",
            f"X-WR-TIMEZONE:{TZID}",
        )
    ]


def to_text(header: list[str], events: list[str], first: date, last: date) -> str:
    """The calendar as iCalendar text, with a VTIMEZONE covering the years of `first`..`last`
    before the events. Thousands of course calendars share a few VTIMEZONEs."""
    timezone = _timezone_text(first.year, last.year)
    return ics.component("VCALENDAR", [*header, timezone, *events])


def _stamp(today: date) -> datetime:
    return datetime.combine(today, time(0, 0), tzinfo=UTC)


def window_event(
    window: Window,
    *,
    uid: str,
    summary: str,
    description: str,
    start: date,
    end: date,
    closed: Mapping[date, str],
    today: date,
    location: str | None = None,
    url: str | None = None,
) -> str | None:
    """A weekly recurring event (VEVENT text) for `window` from `start` to `end` (inclusive),
    or None when the window has no day in that period. Days in `closed` are left out with
    EXDATE."""
    first = first_on_or_after(start, window.days)
    if first > end:
        return None
    skipped = sorted(d for d in closed if first <= d <= end and d.weekday() in window.days)
    byday = ",".join(BYDAY[d] for d in window.days)
    lines = [f"SUMMARY:{ics.text(summary)}"]
    if window.opens is not None and window.closes is not None:
        opens = datetime.combine(first, window.opens)
        closes = datetime.combine(first, window.closes)
        # UNTIL is in UTC when DTSTART has a TZID (RFC 5545 3.3.10); the end of the last day.
        last = datetime.combine(end, time(23, 59, 59), tzinfo=COPENHAGEN)
        lines += [
            f"DTSTART;TZID={TZID}:{ics.local_time(opens)}",
            f"DTEND;TZID={TZID}:{ics.local_time(closes)}",
            f"DTSTAMP:{ics.utc_time(_stamp(today))}",
            f"UID:{uid}",
            f"RRULE:FREQ=WEEKLY;UNTIL={ics.utc_time(last)};BYDAY={byday}",
        ]
        if skipped:
            dates = ",".join(ics.local_time(datetime.combine(d, window.opens)) for d in skipped)
            lines.append(f"EXDATE;TZID={TZID}:{dates}")
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{ics.day(first)}",
            f"DTEND;VALUE=DATE:{ics.day(first + timedelta(days=1))}",
            f"DTSTAMP:{ics.utc_time(_stamp(today))}",
            f"UID:{uid}",
            f"RRULE:FREQ=WEEKLY;UNTIL={ics.day(end)};BYDAY={byday}",
        ]
        if skipped:
            lines.append(f"EXDATE;VALUE=DATE:{','.join(ics.day(d) for d in skipped)}")
        lines.append("TRANSP:TRANSPARENT")
    lines.append(f"DESCRIPTION:{ics.text(description)}")
    if location:
        lines.append(f"LOCATION:{ics.text(location)}")
    if url:
        lines.append(f"URL:{url}")
    return ics.component("VEVENT", map(ics.fold, lines))


def page_address(cat: Catalogue, src_uri: str) -> str:
    """The public address of a page (the site's `site_url`, macros/publisher.py)."""
    return cat.site_url + urls.page_url(src_uri)


def _when(window: Window) -> str:
    days = format_days(window.days)
    if window.opens is not None and window.closes is not None:
        return f"{days} kl. {format_time(window.opens)}–{format_time(window.closes)}"
    return f"{days} (tidspunkt ikke oplyst – kontakt kommunen)"


# --- Entry points ------------------------------------------------------------------------------


def entry_point_span(today: date) -> tuple[date, date]:
    return today, today + HORIZON


def entry_point_ics(cat: Catalogue, ep: EntryPoint) -> str:
    """The entry point's .ics file: one weekly event per opening-hours window."""
    today = cat.today
    start, end = entry_point_span(today)
    municipality = cat.municipalities[ep.municipality]
    closed, _unknown = day_statements(
        ep.closures,
        holidays_between(start, end),
        ep.public_holidays,
        ep.closed_days,
        start,
        end,
    )
    note = holiday_note(ep.public_holidays, ep.closed_days)
    labels = {k: t.label for k, t in cat.vocabularies["channels"].items()}
    left_out = "Helligdage og lukkeperioder" if ep.public_holidays == "lukket" else "Lukkeperioder"
    header = _calendar_header(
        f"{ep.name} ({municipality.name}) – åbningstider",
        f"Åbningstider for {ep.name} i {municipality.name} fra Indgang. {left_out} er udeladt. "
        f"{note} Kalenderen dækker et år fra den dag, siden blev bygget.",
    )
    events = []
    for number, window in enumerate(ep.hours, start=1):
        label = labels.get(window.channel or "", window.channel or "")
        lines = [f"{label} hos {ep.name} ({municipality.name}): {_when(window)}."]
        if window.by_appointment:
            lines.append("Efter aftale: ring først og aftal et møde.")
        if window.note:
            lines.append(window.note)
        if window.channel == "telefon" and ep.phone:
            lines.append(f"Telefon: {ep.phone}")
        if window.channel == "fremmoede" and ep.address:
            lines.append(f"Adresse: {ep.address}")
        lines.append(note)
        event = window_event(
            window,
            uid=f"{ep.municipality}.{ep.id}.hours.{number}@{UID_DOMAIN}",
            summary=(f"{ep.name}: {label}" if label else ep.name)
            + (" (efter aftale)" if window.by_appointment else ""),
            description="\n".join(lines),
            start=start,
            end=end,
            closed=closed,
            today=today,
            location=ep.address if window.channel == "fremmoede" else None,
            url=page_address(cat, urls.municipality(ep.municipality)),
        )
        if event is not None:
            events.append(event)
    return to_text(header, events, start, end + timedelta(days=1))


# --- Courses -----------------------------------------------------------------------------------


def course_period(course: Course, today: date) -> tuple[date, date]:
    """The meetings a calendar shows: from the later of today and active_from, to active_to or
    one year after the start."""
    start = max(today, course.active_from) if course.active_from else today
    end = course.active_to if course.active_to else start + HORIZON
    return start, end


def _period_event(cat: Catalogue, course: Course) -> str:
    """One all-day event for a course known only by its dates."""
    municipality = cat.municipalities[course.municipality]
    start, end = course.active_from, course.active_to
    if start and end:
        summary = f"{course.title} ({municipality.name})"
        text = f"Tilbuddet findes fra {date_text(start)} til {date_text(end)}."
        first, last = start, end
    elif start:
        summary = f"{course.title} starter ({municipality.name})"
        text = f"Tilbuddet findes fra {date_text(start)}."
        first = last = start
    else:
        assert end is not None
        summary = f"{course.title}: sidste dag ({municipality.name})"
        text = f"Tilbuddet findes til og med {date_text(end)}."
        first = last = end
    description = f"{text} Hvornår holdet mødes, står ikke i kataloget – kontakt kommunen."
    lines = [
        f"SUMMARY:{ics.text(summary)}",
        f"DTSTART;VALUE=DATE:{ics.day(first)}",
        f"DTEND;VALUE=DATE:{ics.day(last + timedelta(days=1))}",
        f"DTSTAMP:{ics.utc_time(_stamp(cat.today))}",
        f"UID:{course.municipality}.{course.id}.period@{UID_DOMAIN}",
        f"DESCRIPTION:{ics.text(description)}",
        "TRANSP:TRANSPARENT",
        f"URL:{page_address(cat, urls.course(course.municipality, course.id))}",
    ]
    return ics.component("VEVENT", map(ics.fold, lines))


def _course_holidays(ep: EntryPoint, start: date, end: date) -> tuple[str, dict[date, str]]:
    """What a course calendar says about public holidays, and the holidays it leaves out: only
    the course's entry point states whether it is closed on them (`public_holidays`)."""
    if ep.public_holidays == "lukket":
        return "Ikke på helligdage.", holidays_between(start, end)
    if ep.public_holidays == "åbent":
        return "Helligdage er ikke udeladt: indgangen har åbent på helligdage.", {}
    return "Kilden siger ikke, om holdet mødes på helligdage.", {}


def course_ics(cat: Catalogue, course: Course) -> str:
    """The course's .ics file: its weekly meetings, or its period."""
    today = cat.today
    start, end = course_period(course, today)
    municipality = cat.municipalities[course.municipality]
    ep = cat.entry_points[f"{course.municipality}/{course.entry_point}"]
    holiday_text, holidays = _course_holidays(ep, start, end)
    header = _calendar_header(
        f"{course.title} ({municipality.name})",
        f"Hvornår {course.title} i {municipality.name} mødes, fra Indgang. {holiday_text}",
    )
    events = []
    for number, window in enumerate(course.schedule, start=1):
        lines = [f"{course.title} ({municipality.name}): {_when(window)}."]
        if window.note:
            lines.append(window.note)
        lines.append(f"Spørg {ep.name}, hvis du er i tvivl. {holiday_text}")
        event = window_event(
            window,
            uid=f"{course.municipality}.{course.id}.schedule.{number}@{UID_DOMAIN}",
            summary=course.title,
            description="\n".join(lines),
            start=start,
            end=end,
            closed=holidays,
            today=today,
            url=page_address(cat, urls.course(course.municipality, course.id)),
        )
        if event is not None:
            events.append(event)
    if not events:  # no schedule, or no meeting day inside a very short period
        events.append(_period_event(cat, course))
    return to_text(header, events, start, end + timedelta(days=1))


# --- Site files --------------------------------------------------------------------------------


def generated_files(cat: Catalogue) -> dict[str, str]:
    """Site path -> .ics text for every entry point with hours and every course with a calendar."""
    files: dict[str, str] = {}
    for ep in cat.entry_points.values():
        if entry_point_has_calendar(ep):
            files[entry_point_path(ep)] = entry_point_ics(cat, ep)
    for course in cat.courses.values():
        if course_has_calendar(course, cat.today):
            files[course_path(course)] = course_ics(cat, course)
    return files


def calendar_list(cat: Catalogue, here: str) -> list[dict[str, object]]:
    """Entry point calendars per municipality, for the "Åbne data" page."""
    rows = []
    for m in cat.municipalities.values():
        items = [
            {"name": ep.name, "href": urls.asset(here, entry_point_path(ep))}
            for ep in m.entry_points
            if entry_point_has_calendar(ep)
        ]
        if items:
            rows.append({"municipality": m.name, "calendars": items})
    return rows


def course_calendar_count(cat: Catalogue) -> int:
    return sum(1 for c in cat.courses.values() if course_has_calendar(c, cat.today))
