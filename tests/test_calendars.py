"""Calendars (.ics): parsed back with icalendar, occurrences expanded with dateutil."""

from __future__ import annotations

import copy
import posixpath
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from macros.catalogue import model as catalogue
from macros.domain.hours import COPENHAGEN, Closure, Window
from macros.exports import calendars
from macros.guides import all_data
from macros.views import calendar_links, urls
from tests.conftest import TEST_TODAY

ROOT = Path(__file__).resolve().parent.parent
TODAY = date.fromisoformat(TEST_TODAY)
IKAST = "ikast-brande/din-indgang"


def load(today: date = TODAY) -> catalogue.Catalogue:
    return all_data.load(ROOT / "data", today)


def parse(text: str | bytes) -> Calendar:
    return Calendar.from_ical(text)


def events(cal: Calendar) -> dict[str, Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def exdates(event: Event) -> list:
    found = event.get("EXDATE")
    if found is None:
        return []
    groups = found if isinstance(found, list) else [found]
    return [d.dt for group in groups for d in group.dts]


def occurrences(event: Event) -> list[datetime | date]:
    """Every occurrence the event's RRULE and EXDATE produce (the way a calendar app sees it)."""
    start = event.decoded("DTSTART")
    rule = event["RRULE"].to_ical().decode()
    times = list(rrulestr(rule, dtstart=start))
    skipped = set(exdates(event))
    return [t for t in times if t not in skipped]


def ikast_calendar(cat: catalogue.Catalogue) -> Calendar:
    return parse(calendars.entry_point_ics(cat, cat.entry_points[IKAST]))


# --- The published files ---------------------------------------------------------------------


def test_din_indgang_walk_in_is_weekly_on_tuesday(site_dir):
    path = site_dir / "kommuner" / "ikast-brande" / "ikast-brande-din-indgang.ics"
    cal = parse(path.read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    walk_in = events(cal)["Din Indgang: Fremmøde"]
    start, end = walk_in.decoded("DTSTART"), walk_in.decoded("DTEND")
    assert start == datetime(2026, 11, 24, 9, 0, tzinfo=COPENHAGEN)  # first Tuesday
    assert end - start == timedelta(hours=2)
    assert walk_in["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    rule = walk_in["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"][0] <= datetime.combine(TODAY + timedelta(days=366), time(), tzinfo=UTC)
    assert walk_in.decoded("DTSTAMP") == datetime(2026, 11, 22, tzinfo=UTC)
    assert "Sjællandsgade 6" in str(walk_in["LOCATION"])
    times = occurrences(walk_in)
    assert all(t.weekday() == 1 and t.hour == 9 for t in times)
    assert 50 <= len(times) <= 53
    # wall-clock time holds across daylight saving
    summer = [t for t in times if t.month == 7]
    assert summer and all(t.utcoffset() == timedelta(hours=2) for t in summer)


def test_every_window_is_an_event(site_dir):
    cat = load()
    ep = cat.entry_points[IKAST]
    cal = parse((site_dir / calendars.entry_point_path(ep)).read_bytes())
    assert len(list(cal.walk("VEVENT"))) == len(ep.hours)
    phone = events(cal)["Din Indgang: Telefon"]
    assert phone["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    # Din Indgang's source says nothing about holidays (public_holidays: ukendt): juledag 2026,
    # a Friday, is not left out, and the event says the source is silent
    assert ep.public_holidays == "ukendt"
    assert exdates(phone) == []
    assert date(2026, 12, 25) in {t.date() for t in occurrences(phone)}
    assert "Kilden siger ikke, om der er åbent på helligdage" in str(phone["DESCRIPTION"])


def test_pages_link_their_calendars(site_dir):
    cat = load()
    linked = 0
    for page in [*site_dir.glob("kommuner/*/index.html"), *site_dir.glob("courses/*/*/index.html")]:
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"/:]+\.ics)"', html):
            target = page.parent / href
            assert target.is_file(), (page, href)
            assert list(parse(target.read_bytes()).walk("VEVENT")), target
            linked += 1
    expected = sum(1 for ep in cat.entry_points.values() if ep.hours) + sum(
        1 for c in cat.courses.values() if calendars.course_has_calendar(c, cat.today)
    )
    assert linked == expected
    published = list(site_dir.glob("kommuner/*/*.ics")) + list(site_dir.glob("courses/*/*/*.ics"))
    assert len(published) == expected


def test_uids_are_unique_across_the_site(site_dir):
    uids = [
        str(e["UID"])
        for path in site_dir.rglob("*.ics")
        for e in parse(path.read_bytes()).walk("VEVENT")
    ]
    assert uids and len(uids) == len(set(uids))


# --- Holidays and closed periods ---------------------------------------------------------------


def test_a_public_holiday_tuesday_is_excluded():
    """2. juledag 2028 is a Tuesday: the walk-in event of an entry point that closes on public
    holidays skips it, the week before and after stay."""
    cat = copy.deepcopy(load(date(2028, 11, 22)))
    cat.entry_points[IKAST].public_holidays = "lukket"
    walk_in = events(ikast_calendar(cat))["Din Indgang: Fremmøde"]
    assert datetime(2028, 12, 26, 9, 0, tzinfo=COPENHAGEN) in exdates(walk_in)
    days = {t.date() for t in occurrences(walk_in)}
    assert date(2028, 12, 26) not in days
    assert {date(2028, 12, 19), date(2029, 1, 2)} <= days
    # juledag 2029 (Tuesday 25 December) is past the one-year horizon: no event, no EXDATE
    assert max(days) <= date(2029, 11, 22)


def test_closed_periods_are_excluded():
    cat = copy.deepcopy(load())
    ep = cat.entry_points[IKAST]
    ep.closures.append(Closure(date(2027, 7, 5), date(2027, 7, 25), "Sommerferie"))
    found = events(parse(calendars.entry_point_ics(cat, ep)))
    walk_in_days = {t.date() for t in occurrences(found["Din Indgang: Fremmøde"])}
    assert not {date(2027, 7, 6), date(2027, 7, 13), date(2027, 7, 20)} & walk_in_days
    assert {date(2027, 6, 29), date(2027, 7, 27)} <= walk_in_days
    phone_days = {t.date() for t in occurrences(found["Din Indgang: Telefon"])}
    assert not any(date(2027, 7, 5) <= d <= date(2027, 7, 25) for d in phone_days)
    assert date(2027, 7, 26) in phone_days


def test_windows_without_times_are_all_day_events():
    cat = load()
    ep = next(e for e in cat.entry_points.values() if e.hours and not e.hours[0].has_times)
    cal = parse(calendars.entry_point_ics(cat, ep))
    event = next(iter(cal.walk("VEVENT")))
    start = event.decoded("DTSTART")
    assert type(start) is date
    assert "tidspunkt ikke oplyst" in str(event["DESCRIPTION"])
    assert all(type(d) is date for d in exdates(event))


# --- Courses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("public_holidays", "left_out", "says"),
    [
        ("lukket", True, "Ikke på helligdage."),
        ("ukendt", False, "Kilden siger ikke, om holdet mødes på helligdage"),
        ("åbent", False, "Helligdage er ikke udeladt"),
    ],
)
def test_course_with_a_timed_schedule_recurs_within_its_dates(public_holidays, left_out, says):
    """Holidays are left out of a course's meetings only where its entry point's source says
    it is closed on them; otherwise the calendar keeps them and says what is not known."""
    cat = copy.deepcopy(load())
    course = next(iter(cat.courses.values()))
    cat.entry_points[
        f"{course.municipality}/{course.entry_point}"
    ].public_holidays = public_holidays
    course.schedule = [Window(None, (0, 2), time(10, 0), time(12, 0), "Lokale 3")]
    course.active_from, course.active_to = date(2027, 3, 1), date(2027, 6, 30)
    text = calendars.course_ics(cat, course)
    cal = parse(text)
    (event,) = cal.walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE"]
    assert event.decoded("DTSTART") == datetime(2027, 3, 1, 10, 0, tzinfo=COPENHAGEN)
    days = [t.date() for t in occurrences(event)]
    assert days[0] == date(2027, 3, 1) and days[-1] == date(2027, 6, 30)
    for holiday in (date(2027, 3, 29), date(2027, 5, 17)):  # 2. påskedag, 2. pinsedag
        assert (holiday not in days) is left_out
    assert says in str(event["DESCRIPTION"]) and says in str(cal["X-WR-CALDESC"]).replace(
        "\\,", ","
    )
    if public_holidays != "lukket":
        assert "Ikke på helligdage" not in text.replace("\r\n ", "")
    assert str(event["UID"]) == f"{course.municipality}.{course.id}.schedule.1@indgang"


def test_published_course_calendars_say_holidays_only_as_their_source_does(site_dir):
    """No shipped entry point says it is closed on holidays, so no course calendar may say
    «Ikke på helligdage» (the build once wrote it into every course's meetings)."""
    cat = load()
    assert all(ep.public_holidays != "lukket" for ep in cat.entry_points.values())
    published = list(site_dir.glob("courses/*/*/*.ics"))
    assert published
    for path in published:
        text = path.read_text(encoding="utf-8").replace("\r\n ", "")
        assert "Ikke på helligdage" not in text, path


def test_course_with_only_dates_gets_one_all_day_event():
    cat = copy.deepcopy(load())
    course = next(c for c in cat.courses.values() if not c.schedule and c.active_from)
    course.active_to = None
    (event,) = parse(calendars.course_ics(cat, course)).walk("VEVENT")
    assert event.decoded("DTSTART") == course.active_from
    assert "RRULE" not in event
    assert "starter" in str(event["SUMMARY"])


def test_ended_courses_and_courses_without_times_or_dates_get_no_calendar():
    cat = copy.deepcopy(load())
    course = next(iter(cat.courses.values()))
    course.schedule, course.active_from, course.active_to = [], None, None
    assert not calendars.course_has_calendar(course, cat.today)
    course.active_from, course.active_to = date(2025, 1, 1), date(2025, 6, 30)
    assert not calendars.course_has_calendar(course, cat.today)
    assert calendars.course_path(course) not in calendars.generated_files(cat)


def test_builds_are_reproducible():
    first = calendars.generated_files(load())
    all_data.clear_cache()
    assert calendars.generated_files(load()) == first
    for text in first.values():
        assert "DTSTAMP:20261122T000000Z" in text
        assert "\r\n" in text


@pytest.mark.parametrize("today", [date(2027, 3, 27), date(2027, 10, 30)])
def test_daylight_saving_weekends(today):
    """Built just before a clock change, the 9.00 opening stays 9.00 local time."""
    walk_in = events(ikast_calendar(load(today)))["Din Indgang: Fremmøde"]
    hours = {t.hour for t in occurrences(walk_in)}
    assert hours == {9}


# --- The iCalendar writer (macros/exports/ics.py) ------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["kort", "a" * 75, "a" * 76, "æøå, Å; \\ ny\nlinje " * 12, "€" * 80]
)
def test_text_survives_folding_and_parsing(value: str) -> None:
    from macros.exports import ics

    line = ics.fold(f"DESCRIPTION:{ics.text(value)}")
    physical = line[:-2].split("\r\n")
    assert all(len(p.encode("utf-8")) <= ics.FOLD_AT for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    event = Event.from_ical(ics.component("VEVENT", [line]))
    assert str(event["DESCRIPTION"]) == value


def test_every_published_line_is_at_most_75_octets() -> None:
    files = calendars.generated_files(load())
    assert files
    for path, text in files.items():
        assert text.endswith("END:VCALENDAR\r\n"), path
        for line in text.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75, (path, line)


def test_pages_link_exactly_the_calendars_the_build_writes():
    cat = load()
    files = calendars.generated_files(cat)
    linked = set()
    for ep in cat.entry_points.values():
        here = urls.municipality(ep.municipality)
        url = calendar_links.calendar_url(here, ep, cat.today)
        if url is not None:
            linked.add(posixpath.normpath(posixpath.join(urls.page_url(here), url)))
    for course in cat.courses.values():
        here = urls.course(course.municipality, course.id)
        url = calendar_links.calendar_url(here, course, cat.today)
        if url is not None:
            assert "/" not in url  # the file sits next to its page
            linked.add(posixpath.normpath(posixpath.join(urls.page_url(here), url)))
    assert linked == set(files)
    assert any(p.startswith("kommuner/") for p in linked)
    assert any(p.startswith("courses/") for p in linked)
