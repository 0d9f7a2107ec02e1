"""The site pages in real Chromium: live opening status under a fixed clock, no-JS
fallbacks, the rules filter, and keyboard use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import FIXTURES, build_site, copy_data

from .helpers import (
    BrowserLog,
    assert_no_axe_violations,
    new_recorded_context,
    start_static_server,
    tab_until,
)

CPH = ZoneInfo("Europe/Copenhagen")
IKAST = "kommuner/ikast-brande/"


def at(page: Page, y: int, m: int, d: int, hh: int, mm: int = 0) -> None:
    page.clock.set_fixed_time(datetime(y, m, d, hh, mm, tzinfo=CPH))


def status(page: Page, entry_point: str, channel: str):
    return page.locator(f"#aabningstider-{entry_point} [data-status-for='{channel}']")


def test_walk_in_open_on_tuesday_morning(page: Page):
    at(page, 2026, 11, 24, 10, 0)  # a Tuesday
    page.goto(IKAST)
    walk_in = status(page, "din-indgang", "fremmoede")
    expect(walk_in).to_have_text("Åbent nu – lukker kl. 11.00")
    expect(walk_in).to_have_class("indgang-status__text indgang-status--open")
    expect(status(page, "din-indgang", "telefon")).to_have_text("Åbent nu – lukker kl. 12.00")


def test_walk_in_closed_after_eleven_names_next_opening(page: Page):
    at(page, 2026, 11, 24, 11, 30)
    page.goto(IKAST)
    walk_in = status(page, "din-indgang", "fremmoede")
    expect(walk_in).to_have_class("indgang-status__text indgang-status--closed")
    expect(walk_in).to_contain_text("Lukket")
    expect(walk_in).to_contain_text(re.compile(r"åbner tirsdag (den 1\. december )?kl\. 9\.00"))
    expect(status(page, "din-indgang", "telefon")).to_contain_text("Åbent nu")  # phone until 12


def test_public_holiday_the_source_is_silent_about_is_unknown(page: Page):
    # 2. påskedag, a Monday: the phone line is normally open, but Din Indgang's source says
    # nothing about holidays (public_holidays: ukendt), so the status neither opens nor closes
    at(page, 2027, 3, 29, 10, 0)
    page.goto(IKAST)
    phone = status(page, "din-indgang", "telefon")
    expect(phone).to_have_class("indgang-status__text indgang-status--unknown")
    expect(phone).to_have_text(
        "Kilden siger ikke, om der er åbent i dag (Anden påskedag) – kontakt kommunen"
    )


def test_the_status_follows_the_course_page_too(page: Page):
    at(page, 2026, 11, 24, 10, 0)
    page.goto("courses/ikast-brande/nada/")
    expect(status(page, "din-indgang", "fremmoede")).to_have_text("Åbent nu – lukker kl. 11.00")


def test_without_javascript_the_table_shows(nojs_page: Page):
    nojs_page.goto(IKAST)
    table = nojs_page.locator("#aabningstider-din-indgang table")
    expect(table).to_be_visible()
    expect(table).to_contain_text("tirsdag")
    expect(table).to_contain_text("9.00–11.00")
    expect(status(nojs_page, "din-indgang", "fremmoede")).to_have_text(
        "Se åbningstiderne i tabellen"
    )


# -- A closed period: the shipped data has none, so a small fixture catalogue has one --------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from scripts.gates import copy_project

    tmp = tmp_path_factory.mktemp("closure-project")
    root = copy_project(tmp / "project", copy_data(tmp, FIXTURES / "minimal"))
    site = tmp / "out"
    result = build_site(root, site)
    assert result.returncode == 0, result.stderr
    server = start_static_server(site)
    yield server.base_url
    server.stop()


def test_closed_period_is_closed(browser: Browser, fixture_site: str):
    log = BrowserLog(site_origin=fixture_site)
    context = new_recorded_context(browser, fixture_site, log)
    page = context.new_page()
    at(page, 2026, 12, 29, 10, 0)  # a Tuesday inside the closed period 28-30 December
    page.goto("kommuner/testby/")
    walk_in = status(page, "indgangen", "fremmoede")
    expect(walk_in).to_have_class("indgang-status__text indgang-status--closed")
    expect(walk_in).to_contain_text("Lukket mellem jul og nytår")
    at(page, 2026, 12, 22, 10, 0)  # the Tuesday before: open
    page.reload()
    expect(walk_in).to_have_text("Åbent nu – lukker kl. 11.00")
    context.close()
    assert log.problems() == []


# -- Rules page -------------------------------------------------------------------------------


def test_rules_filter_by_provision(page: Page):
    page.goto("snitflader/")
    rules = page.locator(".indgang-rule")
    total = rules.count()
    assert total >= 6
    page.get_by_role("radio", name="§ 82 c", exact=True).check()
    visible = page.locator(".indgang-rule:visible")
    for i in range(visible.count()):
        assert "82c" in visible.nth(i).get_attribute("data-paragraphs").split()
    assert 0 < visible.count() < total
    expect(page.locator("[data-rule-count]")).to_have_text(
        f"Viser {visible.count()} af {total} regler."
    )
    assert page.url.endswith("?paragraf=82c")
    page.reload()
    expect(page.get_by_role("radio", name="§ 82 c", exact=True)).to_be_checked()
    page.get_by_role("radio", name="Alle paragraffer").check()
    expect(page.locator(".indgang-rule:visible")).to_have_count(total)


def test_rules_filter_by_keyboard(page: Page):
    page.goto("snitflader/")
    tab_until(page, lambda el: el.get_attribute("name") == "paragraf")
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    expect(page.get_by_role("radio", name="§ 82 a", exact=True)).to_be_checked()
    assert "paragraf=82a" in page.url


def test_rules_without_javascript_show_every_rule(nojs_page: Page):
    nojs_page.goto("snitflader/")
    expect(nojs_page.locator("[data-rule-filter]")).to_be_hidden()
    assert (
        nojs_page.locator(".indgang-rule:visible").count()
        == nojs_page.locator(".indgang-rule").count()
    )


def test_rule_anchor_is_stable(page: Page):
    page.goto("snitflader/#R4")
    expect(page.locator("#R4")).to_be_in_viewport()


@pytest.mark.parametrize(
    "url",
    [
        "",
        "paragraphs/",
        "paragraphs/82b/",
        "paragraphs/82d/",
        "snitflader/",
        "kommuner/",
        IKAST,
        "courses/ikast-brande/nada/",
    ],
)
def test_pages_pass_axe(page: Page, url: str):
    at(page, 2026, 11, 24, 10, 0)
    page.goto(url)
    assert_no_axe_violations(page, url)


def test_site_search_finds_a_course_by_a_word_in_its_description(page: Page):
    """Course pages are in the search as one entry each (macros/site/search.py)."""
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("oprydning", delay=30)
    result = page.locator(".md-search-result__item a[href*='courses/aalborg/individuelle-forloeb']")
    expect(result.first).to_be_visible()
    expect(result.first).to_contain_text("Individuelt forløb")
    result.first.click()
    expect(page).to_have_url(re.compile(r"courses/aalborg/individuelle-forloeb/"))
    expect(page.locator("h1")).to_have_text(re.compile("Individuelt forløb"))
