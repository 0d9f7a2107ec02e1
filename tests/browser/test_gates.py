"""Whole-site gates in real Chromium.

- Accessibility: axe-core (WCAG 2.1 A and AA) with zero violations on one page of every page
  type (`scripts/gates.page_types`: a section plus the set of components on the page), with
  and without JavaScript, plus search results and the 404 page; the skip link moves focus to
  the content; every tab stop shows a focus ring; every page says `lang="da"`.
- Privacy: every HTML page of the site is loaded with JavaScript in one fresh context; the
  gate fails on any request to another origin, any cookie, any storage write (localStorage,
  sessionStorage, IndexedDB, Cache API), any beacon, service worker or analytics global.
- The Content-Security-Policy is enforced: a third-party resource or an injected inline
  handler is refused by the browser.

Speed: one browser, one page per context, axe once per page type (not per guide page).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from scripts import gates, hostile_data
from scripts.browser_checks import (
    BrowserLog,
    axe_violations,
    describe_element,
    focused_element,
    focused_outline_visible,
    format_violations,
    new_recorded_context,
    start_static_server,
)
from tests.conftest import build_site, copy_data

# Page types the site must have; a missing one means a gate silently lost coverage.
REQUIRED_TYPES = (
    "forside",
    "paragraf",
    "sammenligning",
    "regler",
    "kommuneliste",
    "kommune",
    "folder",
    "kursus",
    "kursusfinder",
    "guide: start",
    "guide: spørgsmål",
    "guide: kommunespørgsmål",
    "guide: udfald",
    "404",
    "tilgaengelighed",
    "privatliv",
)
SEARCH_TERM = "kursus"


# --- Fixtures: one context and one page per JavaScript setting, reused by every test -------


@pytest.fixture(scope="module")
def gate_log(site_server: str) -> BrowserLog:
    return BrowserLog(site_origin=site_server)


def _context(browser: Browser, site_server: str, log: BrowserLog, js: bool) -> BrowserContext:
    context = new_recorded_context(browser, site_server, log, java_script_enabled=js)
    context.add_init_script(gates.STORAGE_SPY_JS)
    return context


@pytest.fixture(scope="module")
def js_page(browser: Browser, site_server: str, gate_log: BrowserLog) -> Iterator[Page]:
    context = _context(browser, site_server, gate_log, js=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def nojs_gate_page(browser: Browser, site_server: str, gate_log: BrowserLog) -> Iterator[Page]:
    context = _context(browser, site_server, gate_log, js=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def log(gate_log: BrowserLog) -> BrowserLog:
    """The shared log, emptied for this test (check it with `assert_clean`)."""
    gate_log.requests.clear()
    gate_log.console_errors.clear()
    gate_log.page_errors.clear()
    gate_log.allowed_console.clear()
    gate_log.reported = False
    return gate_log


def assert_clean(log: BrowserLog) -> None:
    problems = log.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def all_types(site_dir: Path) -> list[gates.PageType]:
    return gates.page_types(site_dir)


@pytest.fixture(scope="module")
def types(all_types: list[gates.PageType]) -> list[gates.PageType]:
    """One or a few page types per section that together show every component."""
    return gates.covering_types(all_types)


def base_name(page_type: gates.PageType) -> str:
    return page_type.name.split(" #")[0]


# --- Accessibility -------------------------------------------------------------------------


def test_the_site_has_every_page_type(all_types, types):
    names = {base_name(t) for t in all_types}
    assert [name for name in REQUIRED_TYPES if name not in names] == []
    assert {base_name(t) for t in types} == names
    every = set().union(*(t.components for t in all_types))
    assert set().union(*(t.components for t in types)) == every


def _axe_all_types(page: Page, types: list[gates.PageType], label: str) -> list[str]:
    failures = []
    for page_type in types:
        if page_type.name == "404":
            continue  # served for a missing address: see test_404_page_passes_axe
        page.goto(page_type.url)
        violations = axe_violations(page)
        if violations:
            failures.append(
                f"{page_type.name} ({page_type.url or '/'}, {label}):\n"
                + format_violations(violations)
            )
    return failures


def test_every_page_type_passes_axe_with_javascript(js_page: Page, types, log: BrowserLog):
    failures = _axe_all_types(js_page, types, "med JavaScript")
    assert not failures, "\n".join(failures)
    assert_clean(log)


def test_every_page_type_passes_axe_without_javascript(
    nojs_gate_page: Page, types, log: BrowserLog
):
    failures = _axe_all_types(nojs_gate_page, types, "uden JavaScript")
    assert not failures, "\n".join(failures)
    assert_clean(log)


def test_search_results_pass_axe(js_page: Page, log: BrowserLog):
    assert gates.open_search_results(js_page, SEARCH_TERM) > 0
    violations = axe_violations(js_page)
    assert not violations, format_violations(violations)
    js_page.keyboard.press("Escape")
    assert_clean(log)


@pytest.mark.parametrize("javascript", [True, False], ids=["med-js", "uden-js"])
def test_404_page_passes_axe(js_page: Page, nojs_gate_page: Page, log: BrowserLog, javascript):
    page = js_page if javascript else nojs_gate_page
    log.allow_console_error(r"status of 404")
    response = page.goto("findes/ikke/")
    assert response is not None and response.status == 404
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    assert_clean(log)


# --- Keyboard ------------------------------------------------------------------------------

_IN_CONTENT_JS = "el => !!el.closest('.md-content')"
_SKIP_TARGET_JS = """() => {
  const link = document.querySelector('a.md-skip');
  return link ? link.getAttribute('href') : null;
}"""


def test_skip_link_moves_focus_to_the_content(js_page: Page, types, log: BrowserLog):
    """On every page type: the first Tab reaches Material's skip link, which is then visible;
    Enter jumps to the content, so the next Tab lands inside the content, not the menu."""
    failures = []
    for page_type in types:
        js_page.goto(page_type.url)
        if js_page.evaluate("document.documentElement.lang") != "da":
            failures.append(f"{page_type.name}: lang er ikke da")
        target = js_page.evaluate(_SKIP_TARGET_JS)
        if target is None:
            failures.append(f"{page_type.name} ({page_type.url}): intet spring-til-indhold-link")
            continue
        js_page.keyboard.press("Tab")
        first = focused_element(js_page)
        if first is None or not first.evaluate("el => el.matches('a.md-skip')"):
            where = describe_element(first) if first else "(body)"
            failures.append(f"{page_type.name}: første Tab går til {where}, ikke skip-linket")
            continue
        box = first.bounding_box()
        if not box or box["width"] < 1 or box["y"] < 0 or not focused_outline_visible(js_page):
            failures.append(f"{page_type.name}: skip-linket er ikke synligt med fokus")
        js_page.keyboard.press("Enter")
        if js_page.evaluate("location.hash") != target:
            failures.append(f"{page_type.name}: Enter på skip-linket ændrede ikke adressen")
        js_page.keyboard.press("Tab")
        after = focused_element(js_page)
        if after is None or not after.evaluate(_IN_CONTENT_JS):
            where = describe_element(after) if after else "(body)"
            failures.append(f"{page_type.name}: efter skip-linket går Tab til {where}")
    assert not failures, "\n".join(failures)
    assert_clean(log)


def _tab_through(
    page: Page, stop_outside_content: bool, max_tabs: int = 250
) -> tuple[int, list[str]]:
    """Press Tab until focus wraps (or leaves the content); return the number of tab stops
    and those without a visible focus indicator."""
    invisible: list[str] = []
    first_seen: str | None = None
    stops = 0
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        element = focused_element(page)
        if element is None:
            if first_seen is not None:
                break  # focus left the document: the cycle is complete
            continue
        if stop_outside_content and not element.evaluate(_IN_CONTENT_JS):
            break
        described = describe_element(element)
        if described == first_seen:
            break
        first_seen = first_seen or described
        stops += 1
        if not focused_outline_visible(page):
            invisible.append(described)
    return stops, invisible


def test_every_tab_stop_shows_focus(js_page: Page, types, log: BrowserLog):
    """The whole tab cycle of the home page (header, menu, content, footer), and the content
    of every other page type: each focused element has a visible outline or box-shadow."""
    js_page.goto("")
    stops, invisible = _tab_through(js_page, False)
    assert stops > 20, "the home page has a menu, content and a footer to tab through"
    failures = [f"forside: {stop}" for stop in invisible]
    for page_type in types:
        js_page.goto(page_type.url)
        if js_page.evaluate(_SKIP_TARGET_JS) is None:
            continue  # reported by the skip-link test
        js_page.keyboard.press("Tab")
        js_page.keyboard.press("Enter")  # skip to the content
        stops, invisible = _tab_through(js_page, True)
        if stops == 0:
            failures.append(f"{page_type.name}: no tab stop in the content")
        failures += [f"{page_type.name}: {stop}" for stop in invisible]
    failures = list(dict.fromkeys(failures))
    assert not failures, "\n".join(failures)
    assert_clean(log)


# --- Content-Security-Policy in the browser --------------------------------------------------

_INJECT_JS = """async () => {
  const seen = [];
  document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  const img = document.createElement('img');
  img.src = 'https://tracker.example.org/pixel.gif';
  document.body.append(img);
  const script = document.createElement('script');
  script.src = 'https://cdn.example.org/analytics.js';
  document.body.append(script);
  const box = document.createElement('div');
  box.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__pwned = 1">';
  document.body.append(box);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {seen, pwned: window.__pwned === 1};
}"""


def test_the_policy_refuses_other_origins_and_injected_handlers(js_page: Page, log: BrowserLog):
    js_page.goto("courses/")
    log.allow_console_error(r"Content Security Policy")
    result = js_page.evaluate(_INJECT_JS)
    assert result["pwned"] is False, "an injected inline event handler ran"
    assert {"img-src", "script-src-elem", "script-src-attr"} <= set(result["seen"]), result


# --- Privacy crawl -----------------------------------------------------------------------------

_LEAVE_TRACES_JS = """() => {
  localStorage.setItem('spor', '1');
  sessionStorage.setItem('/.__palette', '1');
  document.cookie = 'id=1; path=/';
  indexedDB.open('spordb');
  navigator.sendBeacon('beacon', 'x');
  window.gtag = () => {};
}"""
_CLEAN_UP_JS = """() => {
  localStorage.clear();
  sessionStorage.clear();
  document.cookie = 'id=; path=/; max-age=0';
  indexedDB.deleteDatabase('spordb');
  delete window.gtag;
}"""


def test_the_privacy_probe_sees_what_a_page_leaves_behind(js_page: Page, log: BrowserLog):
    """The crawl's detectors work: a page that stores, sets a cookie, beacons and loads an
    analytics global is caught on each count."""
    js_page.goto("")
    log.allow_console_error(r"status of 404")  # the beacon's target does not exist
    try:
        js_page.evaluate(_LEAVE_TRACES_JS)
        findings = gates.storage_findings(js_page.evaluate(gates.STORAGE_PROBE_JS))
    finally:
        js_page.evaluate(_CLEAN_UP_JS)
    for expected in (
        "skrev localStorage: spor",
        "skrev sessionStorage: /.__palette",
        "skrev cookie: id",
        "skrev indexedDB: spordb",
        "localStorage indeholder spor",
        "cookie: id=1",
        "analyse-script: window.gtag",
    ):
        assert expected in findings, findings
    assert any(f.startswith("skrev sendBeacon: ") for f in findings), findings


def test_privacy_crawl_of_every_page(browser: Browser, site_server: str, site_dir: Path):
    """Every HTML page, with JavaScript, in one fresh context: nothing leaves the site,
    nothing is stored, no cookie, no analytics, no console error."""
    log = BrowserLog(site_origin=site_server)
    context = _context(browser, site_server, log, js=True)
    try:
        page = context.new_page()
        pages = gates.html_pages(site_dir)
        urls = [gates.page_url(rel) for rel in pages if rel != "404.html"]
        report = gates.crawl(page, context, log, urls)
    finally:
        context.close()
    assert report.pages == len(pages) - 1 > 0
    problems = []
    if report.foreign:
        problems += ["Requests to other origins:"] + [f"  - {u}" for u in report.foreign]
    if report.storage:
        problems += ["Stored in the browser:"] + [f"  - {s}" for s in report.storage]
    if report.cookies:
        problems += ["Cookies:"] + [f"  - {c}" for c in report.cookies]
    if report.console:
        problems += ["Console or page errors:"] + [f"  - {c}" for c in report.console]
    assert not problems, "\n".join(problems)


# --- Markup in data never runs in the browser ----------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The minimal fixture with hostile markup in every text field, built and served."""

    tmp = tmp_path_factory.mktemp("hostile-browser")
    data = copy_data(tmp)
    hostile_data.write_hostile_data(data)
    project = gates.copy_project(tmp / "project", data)
    site = tmp / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    server = start_static_server(site)
    yield server.base_url, site
    server.stop()


def test_hostile_data_never_runs_in_the_browser(browser: Browser, hostile_server):
    """Every page of a site built from hostile data, with JavaScript (so the finder and the
    search render their results too): no payload runs, and none even reaches the DOM as
    markup (the policy would refuse it with a console error)."""
    base_url, site = hostile_server
    log = BrowserLog(site_origin=base_url)
    context = _context(browser, base_url, log, js=True)
    ran: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss())
        )
        for rel in gates.html_pages(site):
            if rel == "404.html":
                continue
            page.goto(gates.page_url(rel), wait_until="load")
            if page.evaluate("window.__xss || null"):
                ran.append(f"{rel}: {page.evaluate('window.__xss')}")
        gates.open_search_results(page, "X1X")
        if page.evaluate("window.__xss || null"):
            ran.append(f"search: {page.evaluate('window.__xss')}")
    finally:
        context.close()
    assert ran == []
    assert log.foreign_requests() == []  # e.g. the payload's iframe
    assert log.unexpected_console_errors() == [] and log.page_errors == []
