"""The built site's structure for phones and print, and the small slips of issue 15.

- Every table sits in a region of its own that can scroll and take keyboard focus.
- Page titles: the home page is "Indgang" (not "Indgang - Indgang"), the 404 page is named.
- The 404 page offers the main tasks: the finder, the citizen guide, the municipalities.
- A course offers an .ics only when its calendar holds something ahead (never one past event).
- The finder offers no option without courses; the paragraphs without any are named.
- The guides' diagram is drawn at its own size in a scrolling region, with a link past it.

The site is the session's strict build (``site_dir``); the browser tests check the same pages
on a phone (tests/browser/test_phone_layout.py) and on paper (tests/browser/test_print.py).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from macros.catalogue import model as catalogue
from macros.exports import calendars, finder
from macros.guides import all_data
from macros.guides.load import known_from_catalogue, load_guides
from macros.views import urls
from macros.views.guide_views import mermaid
from scripts import gates
from tests.conftest import ROOT, TEST_TODAY

TODAY = date.fromisoformat(TEST_TODAY)


def load() -> catalogue.Catalogue:
    return all_data.load(ROOT / "data", TODAY)


class _Tables(HTMLParser):
    """Each <table> with the attributes of its nearest enclosing .indgang-table-wrap."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[dict[str, str | None] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            wraps = [
                w for t, w in self.stack if "indgang-table-wrap" in (w.get("class") or "").split()
            ]
            self.tables.append(wraps[-1] if wraps else None)
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no <title>"
    return match.group(1).strip()


# --- Tables ------------------------------------------------------------------------------------


def test_every_table_is_in_a_focusable_labelled_region(site_dir: Path) -> None:
    problems = []
    count = 0
    for rel in gates.html_pages(site_dir):
        parser = _Tables()
        parser.feed(_html(site_dir, rel))
        for n, wrap in enumerate(parser.tables, start=1):
            count += 1
            if wrap is None:
                problems.append(f"{rel}: table {n} is not in .indgang-table-wrap")
            elif wrap.get("tabindex") != "0" or wrap.get("role") != "region":
                problems.append(f"{rel}: table {n}'s region lacks tabindex=0/role=region: {wrap}")
            elif not (wrap.get("aria-label") or "").strip():
                problems.append(f"{rel}: table {n}'s region has no aria-label")
    assert count > 50  # hours, course schedules, the municipality list, open data, editors
    assert not problems, "\n".join(problems)


def test_hours_regions_are_named_after_their_entry_point(site_dir: Path) -> None:
    html = _html(site_dir, "kommuner/ikast-brande/index.html")
    assert 'role="region" aria-label="Åbningstider for Din Indgang"' in html


# --- Titles and the 404 page -------------------------------------------------------------------


def test_home_title_is_the_site_name_once(site_dir: Path) -> None:
    assert _title(_html(site_dir, "index.html")) == "Indgang"
    doubled = [
        rel
        for rel in gates.html_pages(site_dir)
        if "Indgang - Indgang" in _title(_html(site_dir, rel))
    ]
    assert not doubled
    assert _title(_html(site_dir, "courses/index.html")) == "Find et kursus - Indgang"


def test_404_page_is_named_and_offers_the_main_tasks(site_dir: Path) -> None:
    html = _html(site_dir, "404.html")
    assert _title(html) == "Siden findes ikke - Indgang"
    tasks = re.search(r'<ul class="indgang-404-tasks">(.*?)</ul>', html, re.S)
    assert tasks, "no list of tasks"
    links = dict(
        (text.strip(), href)
        for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', tasks.group(1))
    )
    assert set(links) >= {
        "Find et kursus",
        "Hvilken støtte passer til mig? (guiden)",
        "Kommuner og indgange",
    }
    for text, href in links.items():
        assert href.startswith("/"), (text, href)  # the page is served at any address
        target = site_dir / href.lstrip("/") / "index.html" if href != "/." else None
        assert target is None or target.is_file(), (text, href)


# --- Course calendars --------------------------------------------------------------------------


def _course(cat: catalogue.Catalogue) -> catalogue.Course:
    return copy.deepcopy(next(iter(cat.courses.values())))


def test_course_known_only_by_a_past_start_gets_no_calendar() -> None:
    cat = load()
    course = _course(cat)
    course.schedule, course.active_to = [], None
    course.active_from = TODAY - timedelta(days=400)
    assert not calendars.course_has_calendar(course, TODAY)
    course.active_from = TODAY + timedelta(days=10)  # a start ahead: one event, in the future
    assert calendars.course_has_calendar(course, TODAY)
    course.active_from, course.active_to = TODAY - timedelta(days=10), TODAY + timedelta(days=30)
    assert calendars.course_has_calendar(course, TODAY)  # running now, until a day ahead
    course.active_from = course.active_to = None
    assert not calendars.course_has_calendar(course, TODAY)


def _last_day(cal: Calendar) -> date:
    """The last day any event of the calendar touches (a recurring event: its UNTIL)."""
    last = date.min
    for event in cal.walk("VEVENT"):
        if "RRULE" in event:
            until = event["RRULE"].get("UNTIL")
            day = until[0] if until else date.max
        else:
            day = event.decoded("DTEND")
        day = day.date() if isinstance(day, datetime) else day
        last = max(last, day)
    return last


def test_every_course_calendar_on_the_site_has_something_ahead(site_dir: Path) -> None:
    cat = load()
    checked = 0
    for course in cat.courses.values():
        page = site_dir / urls.page_url(urls.course(course.municipality, course.id))
        html = (page / "index.html").read_text(encoding="utf-8")
        ics_name = Path(calendars.course_path(course)).name
        linked = f'href="{ics_name}"' in html
        assert linked == calendars.course_has_calendar(course, TODAY), course.key
        if linked:
            cal = Calendar.from_ical((page / ics_name).read_bytes())
            assert _last_day(cal) >= TODAY, course.key
            checked += 1
        else:
            assert not (page / ics_name).exists(), course.key
    assert checked  # some courses do have one
    # Courses known only by a start date years ago used to offer one past event.
    assert any(
        not c.schedule and c.active_from and c.active_from < TODAY and not c.active_to
        for c in cat.courses.values()
    )


# --- The finder --------------------------------------------------------------------------------


def _finder_form(html: str) -> str:
    start = html.index('id="finder-form"')
    return html[start : html.index("</form>", start)]


def test_finder_offers_only_options_with_courses(site_dir: Path) -> None:
    html = _html(site_dir, "courses/index.html")
    form = _finder_form(html)
    assert 'class="indgang-finder__n">(' in form
    assert 'class="indgang-finder__n">(0)' not in form and "(0)</option>" not in form
    assert 'name="paragraf" value="82c"' not in html
    assert "Der er ingen kurser efter § 82 c og § 82 d i kataloget lige nu." in html
    absent = re.search(r'data-absent="([^"]*)"', html)
    assert absent
    data = json.loads(absent.group(1).replace("&#34;", '"').replace("&quot;", '"'))
    assert data["paragraph"] == {"82c": "§ 82 c", "82d": "§ 82 d"}


def test_finder_filters_come_in_the_citizens_order(site_dir: Path) -> None:
    html = _html(site_dir, "courses/index.html")
    form = _finder_form(html)
    at = {name: form.index(mark) for name, mark in {
        "search": 'id="finder-q"',
        "filters": 'id="finder-filters"',
        "target_group": "<legend>Målgruppe</legend>",
        "municipality": 'for="finder-kommune"',
        "paragraph": "<legend>Paragraf</legend>",
        "more": 'id="finder-more"',
    }.items()}  # fmt: skip
    order = sorted(at, key=at.get)
    assert order == ["search", "filters", "target_group", "municipality", "paragraph", "more"]
    assert '<details class="indgang-finder__filters" id="finder-filters" open>' in form


def test_index_and_form_agree_on_the_offered_values() -> None:
    cat = load()
    view = finder.finder_view(cat, urls.COURSES)
    index = finder.finder_index(cat)
    for name, options in view["options"].items():
        assert index["values"][name] == [o["value"] for o in options], name
        assert all(o["count"] > 0 for o in options), name


# --- The diagram -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guides() -> dict:
    found, problems = load_guides(ROOT / "data", known_from_catalogue(load()))
    assert not problems
    return found


def test_diagram_is_drawn_at_its_own_size(guides: dict) -> None:
    for guide in guides.values():
        lines = mermaid(guide).splitlines()
        assert lines[0] == "flowchart TD"
        assert '%%{init: {"flowchart": {"useMaxWidth": false}}}%%' in lines[1]


def test_diagram_page_has_a_scrolling_region_and_a_way_past_it(site_dir: Path) -> None:
    html = _html(site_dir, "guide/diagram/index.html")
    regions = re.findall(r'<div class="indgang-guide-diagram"[^>]*>', html)
    assert len(regions) == 2
    for region in regions:
        assert 'tabindex="0"' in region and 'role="region"' in region
        assert 'aria-label="Diagram over ' in region
    assert html.count('class="indgang-guide-skip"') == 2
    assert re.search(r'<script src="[^"]*assets/javascripts/diagram\.js"></script>', html)
