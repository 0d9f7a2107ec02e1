"""Printing, in real Chromium with print media emulated: the page as a document.

- No navigation, no filter form, no live «Åbent nu» status (the opening hours table stays:
  it is true on paper, the status is not).
- The address of every outside link and of phone and e-mail links is printed after the link;
  in a contact list, whose links already read as the number or address, it is not repeated.
- A printed page still has every course of the finder's current list.

One context and one page for the module; the site is built once per session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.browser_checks import BrowserLog, new_recorded_context

pytestmark = pytest.mark.browser

# A course page with an outside link in its description, an entry point's contact and hours.
COURSE = "courses/ikast-brande/autismeforloeb/"
MUNICIPALITY = "kommuner/ikast-brande/"

_AFTER_JS = "el => getComputedStyle(el, '::after').content"


@pytest.fixture(scope="module")
def print_log(site_server: str) -> BrowserLog:
    return BrowserLog(site_origin=site_server)


@pytest.fixture(scope="module")
def paper(browser: Browser, site_server: str, print_log: BrowserLog) -> Iterator[Page]:
    context = new_recorded_context(browser, site_server, print_log)
    page = context.new_page()
    page.set_viewport_size({"width": 800, "height": 1100})
    yield page
    context.close()


@pytest.fixture
def log(print_log: BrowserLog) -> Iterator[BrowserLog]:
    print_log.requests.clear()
    print_log.console_errors.clear()
    print_log.page_errors.clear()
    yield print_log
    problems = print_log.problems()
    assert not problems, "\n".join(problems)


def on_screen_then_paper(page: Page, url: str, ready: str | None = None) -> None:
    page.emulate_media(media="screen")
    page.goto(url)
    if ready:
        page.wait_for_selector(ready)


def test_finder_prints_the_list_without_the_form(paper: Page, log: BrowserLog) -> None:
    on_screen_then_paper(paper, "courses/?paragraf=82b", "[data-finder-state=ready]")
    form = paper.locator("#finder-form")
    expect(form).to_be_visible()  # on screen it is there
    shown = paper.locator(".indgang-finder__item:not([hidden])").count()
    paper.emulate_media(media="print")
    expect(form).to_be_hidden()
    expect(paper.locator(".md-header")).to_be_hidden()
    expect(paper.locator(".md-sidebar--primary")).to_be_hidden()
    expect(paper.locator("#finder-status")).to_be_visible()  # what the list is
    visible = paper.locator(".indgang-finder__item:not([hidden])")
    assert visible.count() == shown > 0
    for i in range(shown):
        expect(visible.nth(i)).to_be_visible()


def test_no_live_status_on_paper_but_the_hours_table(paper: Page, log: BrowserLog) -> None:
    on_screen_then_paper(paper, MUNICIPALITY)
    status = paper.locator(".indgang-status").first
    expect(status).to_be_visible()
    expect(status.locator(".indgang-status__text").first).not_to_have_text(
        "Se åbningstiderne i tabellen"
    )  # the script has filled it in
    paper.emulate_media(media="print")
    for i in range(paper.locator(".indgang-status").count()):
        expect(paper.locator(".indgang-status").nth(i)).to_be_hidden()
    expect(paper.locator("table.indgang-hours__table").first).to_be_visible()
    expect(paper.locator(".indgang-calendar").first).to_be_hidden()  # a file, not for paper


def test_link_addresses_are_printed(paper: Page, log: BrowserLog) -> None:
    on_screen_then_paper(paper, COURSE)
    outside = paper.locator(".md-content a[href^='https://']").first
    href = outside.get_attribute("href")
    assert href
    assert outside.evaluate(_AFTER_JS) in ("none", "normal")  # not on screen
    paper.emulate_media(media="print")
    assert outside.evaluate(_AFTER_JS) == f'" ({href})"'
    # The phone number in the contact list already is the text: no "(tel:…)" after it.
    phone = paper.locator(".indgang-contact a[href^='tel:']").first
    expect(phone).to_be_visible()
    assert phone.evaluate(_AFTER_JS) in ("none", "normal")


def test_a_phone_link_outside_a_contact_list_prints_its_number(
    paper: Page, log: BrowserLog
) -> None:
    """A «Ring til os» link (say, a crisis line) whose text is not the number."""
    on_screen_then_paper(paper, COURSE)
    paper.evaluate(
        """() => {
          const a = document.createElement('a');
          a.href = 'tel:+4512345678';
          a.id = 'print-probe';
          a.textContent = 'Ring til os';
          document.querySelector('.md-content .md-typeset').append(a);
        }"""
    )
    paper.emulate_media(media="print")
    content = paper.locator("#print-probe").evaluate(_AFTER_JS)
    assert "tel:+4512345678" in content, content
