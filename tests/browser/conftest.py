"""Fixtures for real-browser tests (Debian's Chromium driven by Playwright).

``site_dir`` (a strictly built site) comes from ``tests/conftest.py``. Every test using ``page``
or ``nojs_page`` fails if a page requested anything from another origin (privacy gate), logged a
console error or threw an uncaught error. A test that expects a console error (say, the 404 of a
missing page) accepts it with ``page_log.allow_console_error(r"status of 404")``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from scripts.chromium import CHROMIUM_ARGS, find_chromium

from .helpers import BrowserLog, new_recorded_context, start_static_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder runs in Chromium, so `-m "not browser"` leaves all of them
    out; a new test file cannot forget its `pytestmark`."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the Chromium to drive; fails (never skips) when there is none."""
    path = find_chromium()
    if path is None:
        pytest.fail("Chromium mangler: kør 'make test' (installerer den) eller sæt CHROMIUM_PATH")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=list(CHROMIUM_ARGS)
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_server(site_dir: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Serve the built site on 127.0.0.1; yields the base URL, e.g. ``http://127.0.0.1:PORT/``.

    Uses the port from a ``site_port`` fixture when one exists (so the site can be built with a
    matching ``site_url``, which Material's instant navigation needs), else a free port.
    """
    try:
        port = int(request.getfixturevalue("site_port"))
    except pytest.FixtureLookupError:
        port = 0
    server = start_static_server(site_dir, port)
    yield server.base_url
    server.stop()


@pytest.fixture
def page_log(site_server: str) -> Iterator[BrowserLog]:
    """What this test's pages did; checked (and the test failed) at teardown."""
    log = BrowserLog(site_origin=site_server)
    yield log
    _fail_on_problems(log)


@pytest.fixture
def page(browser: Browser, site_server: str, page_log: BrowserLog) -> Iterator[Page]:
    """A fresh Danish page with JavaScript; relative URLs resolve against the site server."""
    context = new_recorded_context(browser, site_server, page_log, java_script_enabled=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def nojs_page(browser: Browser, site_server: str, page_log: BrowserLog) -> Iterator[Page]:
    """Like ``page`` but with JavaScript disabled."""
    context = new_recorded_context(browser, site_server, page_log, java_script_enabled=False)
    yield context.new_page()
    context.close()


def _fail_on_problems(log: BrowserLog) -> None:
    """Fail the current test once with everything the pages did wrong."""
    if log.reported:
        return
    if problems := log.problems():
        log.reported = True
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Check the page log right after the test body, so problems show as FAILED (not ERROR).

    Events still in flight are caught again by ``page_log``'s teardown.
    """
    result = yield
    log = getattr(item, "funcargs", {}).get("page_log")
    if isinstance(log, BrowserLog):
        _fail_on_problems(log)
    return result
