"""The site search in citizens' own words, in real Chromium (issue 15).

Each query is typed into Material's search box as a citizen would (`press_sequentially`) and
the test asserts what the top results must be. Which pages are right comes from the data
(a course's target groups, a provision's page), not from a list of addresses, so the test
keeps meaning the same thing when the catalogue grows. The words themselves are the editors'
(data/search_words.yaml); the crisis help and the next steps are `search-help.js`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.catalogue import model as catalogue
from macros.views import urls
from tests.conftest import TEST_TODAY

from .helpers import BrowserLog, assert_no_axe_violations, new_recorded_context

ROOT = Path(__file__).resolve().parents[2]
CAT = catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY))
CRISIS_PAGE = "guide/stoette/krise/"
EDITOR_PAGES = ("redaktoer/", "data/")  # for editors and open-data users, not citizens


def courses_for(*target_groups: str) -> set[str]:
    """Locations of the courses whose target groups include any of these."""
    return {
        urls.page_url(urls.course(c.municipality, c.id))
        for c in CAT.courses.values()
        if set(c.target_groups) & set(target_groups)
    }


def paragraph_page(pid: str) -> str:
    return urls.page_url(urls.paragraph(pid))


@dataclass
class Search:
    results: list[str]  # locations of the result pages, best first (relative to the site)
    crisis: bool  # the crisis help is shown
    empty: bool  # the next steps ("Prøv i stedet") are shown


PLACEHOLDER = "Indtast søgeord"  # Material's Danish text for an empty search box


# Material's search runs in a Web Worker that answers every keystroke (message type 2 is a
# query, 3 a result). Counting both makes "the list shows the answer to the whole query" a
# fact to wait for instead of a guess about time, which fails on a loaded machine.
COUNT_QUERIES = """(() => {
  const Native = window.Worker;
  window.__searchQueries = {sent: 0, answered: 0};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) window.__searchQueries.answered++;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__searchQueries.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})()"""
ALL_ANSWERED = """() => window.__searchQueries.sent > 0
                   && window.__searchQueries.answered >= window.__searchQueries.sent"""
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def search(page: Page, base: str, query: str) -> Search:
    """Type `query` into the search box of the home page and read what it shows. A page
    already on the home page is reused: the box is emptied first (with keys, as Material
    listens for them), so no result of the previous query is read."""
    if not page.evaluate("() => '__searchQueries' in window"):
        page.add_init_script(COUNT_QUERIES)
        page.goto("")
    elif page.url.removeprefix(base) != "":
        page.goto("")
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
        expect(meta).to_have_text(PLACEHOLDER)
    box.press_sequentially(query, delay=20)
    expect(meta).not_to_have_text("Initialiserer søgning")  # the worker has loaded the index
    page.wait_for_function(ALL_ANSWERED, timeout=30_000)
    page.evaluate(NEXT_FRAMES)  # the last answer is drawn
    read = """() => [...document.querySelectorAll('.md-search-result__item > a')]
                      .map(a => a.href.split('?')[0])"""
    results = page.evaluate(read)
    crisis = page.locator('[data-search-help="crisis"]')
    empty = page.locator('[data-search-help="empty"]')
    return Search(
        [r.removeprefix(base) for r in results],
        crisis.is_visible(),
        empty.is_visible(),
    )


# query -> (description, check of the Search)
Check = Callable[[Search], None]


def top_are(expected: set[str], n: int) -> Check:
    def check(s: Search) -> None:
        assert len(s.results) >= n, s.results
        assert set(s.results[:n]) <= expected, f"top {n}: {s.results[:n]}"
        assert not s.crisis, "no crisis help for an ordinary query"

    return check


def first_is(location: str) -> Check:
    def check(s: Search) -> None:
        assert s.results and s.results[0] == location, s.results[:5]

    return check


def nothing_found(s: Search) -> None:
    assert s.results == []
    assert s.empty, "the next steps are shown when nothing is found"
    assert not s.crisis


def crisis_first(s: Search) -> None:
    assert s.crisis, "a crisis word shows the crisis help"
    assert s.results and s.results[0] == CRISIS_PAGE, s.results[:5]


PSYCHIATRIC = courses_for("psykisk-saarbarhed")
BRAIN_INJURY = courses_for("senhjerneskade")
LONELY = courses_for("ensomhed")


def ensomhed(s: Search) -> None:
    top_are(LONELY, len(LONELY))(s)
    assert not set(s.results[:3]) & set(EDITOR_PAGES), s.results[:3]


def hjerneskade(s: Search) -> None:
    """Every course for people with a brain injury, before any caseworker rule."""
    top_are(BRAIN_INJURY, len(BRAIN_INJURY))(s)
    assert len(BRAIN_INJURY) >= 8


QUERIES: dict[str, Check] = {
    "angst": top_are(PSYCHIATRIC, 5),
    "jeg har angst": top_are(PSYCHIATRIC, 5),
    "depression": top_are(PSYCHIATRIC, 5),
    "stress": top_are(PSYCHIATRIC, 3),
    "hjerneskade": hjerneskade,
    "blodprop i hjernen": top_are(BRAIN_INJURY, 3),
    "ensomhed": ensomhed,
    "ensom": ensomhed,
    "ADHD": top_are(courses_for("adhd"), 1),
    "autisme": top_are(courses_for("autisme"), 1),
    "udviklingshæmning": top_are(courses_for("udviklingshandicap"), 3),
    "økonomi": top_are(courses_for("sociale-problemer"), 3),
    "6 måneder": first_is(paragraph_page("82b")),
    "bostøtte": first_is(paragraph_page("85")),
    "frivillig": first_is(paragraph_page("82d")),
    "Frederikshavn": first_is(urls.page_url(urls.municipality("frederikshavn"))),
    "selvmord": crisis_first,
    "selvmordstanker": crisis_first,
    "tage mit liv": crisis_first,
    "krise": crisis_first,
    "misbrug": nothing_found,
    "psykolog": nothing_found,
}


@pytest.fixture(scope="module")
def search_log(site_server: str) -> BrowserLog:
    return BrowserLog(site_origin=site_server)


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_server: str, search_log: BrowserLog) -> Iterator[Page]:
    """One page for all the queries: the search index is loaded once."""
    context = new_recorded_context(browser, site_server, search_log)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("query", list(QUERIES))
def test_citizens_query_finds_the_right_pages(
    search_page: Page, search_log: BrowserLog, site_server: str, query: str
) -> None:
    QUERIES[query](search(search_page, site_server, query))
    problems = search_log.problems()  # other origins, console errors, script errors
    assert not problems, "\n".join(problems)


def test_crisis_help_is_pinned_above_the_results(page: Page, site_server: str) -> None:
    """ "akut" finds § 82 c and the crisis page; the crisis help still comes first, with 112."""
    found = search(page, site_server, "akut")
    assert found.crisis and found.results
    assert {CRISIS_PAGE, paragraph_page("82c")} <= set(found.results[:3])
    result = page.locator('[data-md-component="search-result"]')
    first = result.locator(":scope > *:visible").first
    expect(first).to_have_attribute("data-search-help", "crisis")
    expect(first.get_by_role("link", name="Ring 112")).to_have_attribute("href", "tel:112")
    crisis_link = first.get_by_role("link", name="Du kan få hjælp med det samme")
    assert crisis_link.evaluate("a => a.href") == f"{site_server}{CRISIS_PAGE}"
    assert_no_axe_violations(page, "søgning med krisehjælp")


def test_nothing_found_offers_the_next_steps(page: Page, site_server: str) -> None:
    found = search(page, site_server, "misbrug")
    assert found.empty and not found.results
    help_box = page.locator('[data-search-help="empty"]')
    for name, href in (
        ("Hvilken støtte passer til mig?", "guide/stoette/"),
        ("Find et kursus", "courses/"),
        ("Kommuner og indgange", "kommuner/"),
    ):
        link = help_box.get_by_role("link", name=name)
        assert link.evaluate("a => a.href") == f"{site_server}{href}", name
    help_box.get_by_role("link", name="Find et kursus").click()
    expect(page).to_have_url(f"{site_server}courses/")
    assert_no_axe_violations(page, "kursusfinderen efter en søgning uden resultater")


def test_the_help_goes_away_when_the_query_changes(page: Page, site_server: str) -> None:
    """From a crisis word to an ordinary one, and from nothing found to results."""
    search(page, site_server, "selvmord")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially("angst", delay=20)
    expect(page.locator('[data-search-help="crisis"]')).to_be_hidden()
    box.fill("")
    box.press_sequentially("psykolog", delay=20)
    expect(page.locator('[data-search-help="empty"]')).to_be_visible()
    box.press("Backspace")
    box.fill("")
    box.press_sequentially("nada", delay=20)
    expect(page.locator('[data-search-help="empty"]')).to_be_hidden()
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_the_finders_own_example_finds_courses(page: Page) -> None:
    """The finder's hint suggests «angst»: it lists the active courses for people with mental
    health problems, found by the same citizens' words."""
    from macros.exports.finder import finder_courses

    expected = {
        f"{c.municipality}/{c.id}/"
        for c in finder_courses(CAT)
        if "psykisk-saarbarhed" in c.target_groups
    }
    page.goto("courses/")
    page.wait_for_selector("[data-finder-state=ready]")
    page.locator("#finder-q").press_sequentially("angst")
    expect(page.locator("#finder-status")).not_to_contain_text("Ingen af")
    shown = page.eval_on_selector_all(
        ".indgang-finder__item:not([hidden]) a.indgang-finder__title",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))",
    )
    assert expected and set(shown) == expected, shown
