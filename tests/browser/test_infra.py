"""The browser test machinery can fail: each check is shown catching a bad page.

These tests use tiny pages in ``tmp_path`` on a throwaway server (not ``site_server``), so they
run before the real site exists.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from scripts.browser_checks import (
    BrowserLog,
    assert_no_axe_violations,
    axe_violations,
    focused_outline_visible,
    free_port,
    is_foreign_url,
    is_transparent,
    new_recorded_context,
    scripting_enabled,
    serve_directory,
    start_static_server,
    tab_until,
)

pytestmark = pytest.mark.browser

HEAD = '<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Test</title></head>'

CLEAN_PAGE = (
    HEAD
    + """<body><header><a href="#main">Gå til indhold</a></header>
<main id="main"><h1>Indgang</h1><p style="color:#222;background:#fff">Læsbar tekst.</p></main></body></html>"""
)

LOW_CONTRAST_PAGE = (
    HEAD
    + """<body><main><h1>Indgang</h1>
<p style="color:#bbb;background:#fff">Næsten usynlig tekst.</p></main></body></html>"""
)

# Breaks only best-practice rules (no landmarks, no h1): must pass a WCAG-tagged run.
BEST_PRACTICE_ONLY_PAGE = HEAD + "<body><div><p>Tekst uden landemærker.</p></div></body></html>"

EXTERNAL_REQUESTS_PAGE = (
    HEAD
    + """<body><main><h1>Eksternt</h1>
<img src="http://example.invalid/x.png" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<img src="/local.png" alt="">
<link rel="stylesheet" href="https://fonts.example.invalid/font.css">
</main></body></html>"""
)

ERRORS_PAGE = (
    HEAD
    + """<body><main><h1>Fejl</h1></main>
<script>console.error("boom i konsollen"); throw new Error("ufanget fejl");</script></body></html>"""
)

KEYBOARD_PAGE = (
    HEAD
    + """<body><main><h1>Tastatur</h1>
<button>Første</button> <button>Anden</button>
<a id="target" href="#x">Målet</a>
<a id="no-ring" href="#y" style="outline:none">Uden fokusring</a></main></body></html>"""
)


@pytest.fixture
def serve_html(tmp_path: Path) -> Iterator[Callable[[str, str], str]]:
    """Write pages into ``tmp_path`` and serve them; ``serve_html(name, html)`` returns the URL."""
    server = start_static_server(tmp_path)

    def write(name: str, html: str) -> str:
        (tmp_path / name).write_text(html, encoding="utf-8")
        return server.base_url + name

    yield write
    server.stop()


@pytest.fixture
def recorded(
    browser: Browser, serve_html: Callable[[str, str], str]
) -> Iterator[tuple[Page, BrowserLog, str]]:
    """A recorded page on the throwaway server: ``(page, log, base_url)``."""
    base_url = serve_html("index.html", CLEAN_PAGE).removesuffix("index.html")
    log = BrowserLog(site_origin=base_url)
    context = new_recorded_context(browser, base_url, log)
    yield context.new_page(), log, base_url
    context.close()


# --- Static server -------------------------------------------------------------------------


def fetch(url: str) -> tuple[int, str]:
    """GET ``url`` without a browser; return status and body, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_server_serves_files_and_its_own_404_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("forside", encoding="utf-8")
    (tmp_path / "404.html").write_text("siden findes ikke", encoding="utf-8")
    (tmp_path / "tom").mkdir()
    with serve_directory(tmp_path) as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/")
        assert fetch(base_url) == (200, "forside")
        assert fetch(base_url + "mangler/") == (404, "siden findes ikke")
        assert fetch(base_url + "tom/") == (404, "siden findes ikke"), "no directory listings"


# --- Privacy gate and error recorder -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "foreign"),
    [
        ("http://127.0.0.1:8123/assets/app.js", False),
        ("ws://127.0.0.1:8123/livereload", False),
        ("data:image/png;base64,AAAA", False),
        ("blob:http://127.0.0.1:8123/0b1c", False),
        ("http://127.0.0.1:9999/", True),
        ("http://localhost:8123/", True),
        ("https://fonts.googleapis.com/css", True),
        ("ftp://127.0.0.1:8123/x", True),
    ],
)
def test_is_foreign_url(url: str, foreign: bool) -> None:
    assert is_foreign_url(url, "http://127.0.0.1:8123/") is foreign


def test_recorder_lists_requests_to_other_origins(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, log, base_url = recorded
    page.goto(serve_html("external.html", EXTERNAL_REQUESTS_PAGE))
    page.wait_for_load_state("load")
    assert sorted(log.foreign_requests()) == [
        "http://example.invalid/x.png",
        "https://fonts.example.invalid/font.css",
    ]
    assert base_url + "local.png" in log.requests, "local requests are recorded too"
    report = "\n".join(log.problems())
    assert "privacy gate" in report and "http://example.invalid/x.png" in report


def test_recorder_catches_console_errors_and_uncaught_errors(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, log, _ = recorded
    page.goto(serve_html("errors.html", ERRORS_PAGE))
    page.wait_for_load_state("load")
    assert any("boom i konsollen" in message for message in log.console_errors)
    assert any("ufanget fejl" in message for message in log.page_errors)
    log.allow_console_error("boom i konsollen")
    assert log.unexpected_console_errors() == []
    assert any("Uncaught page errors" in line for line in log.problems())


def test_recorder_is_silent_for_a_clean_page(recorded: tuple[Page, BrowserLog, str]) -> None:
    page, log, base_url = recorded
    page.goto(base_url)
    page.wait_for_load_state("load")
    assert log.requests, "the recorder saw the page load"
    assert log.problems() == []


# --- Accessibility -------------------------------------------------------------------------


def test_axe_finds_low_contrast(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, _, _ = recorded
    page.goto(serve_html("bad.html", LOW_CONTRAST_PAGE))
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page, "lav kontrast")
    message = str(failure.value)
    assert "color-contrast (serious)" in message
    assert "[lav kontrast]" in message and "p" in message


FADING_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Fader</title>
<style>p { color: #bbb; transition: color 1.5s linear; } p.done { color: #000; }</style></head>
<body><main><p id="t">Teksten bliver mørk.</p></main>
<script>requestAnimationFrame(() => requestAnimationFrame(() =>
  document.getElementById("t").classList.add("done")));</script></body></html>"""


def test_axe_waits_for_a_transition_to_end(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    """Text fading from light grey (1.9:1) to black: axe judges what stays on the screen, not
    a frame halfway (Material's header title fades like this when a page scrolls)."""
    page, _, _ = recorded
    page.goto(serve_html("fade.html", FADING_PAGE))
    page.wait_for_function("document.getAnimations().length > 0")
    assert_no_axe_violations(page, "efter overgangen")
    assert page.evaluate("getComputedStyle(document.getElementById('t')).color") == "rgb(0, 0, 0)"


def test_axe_passes_a_clean_page(recorded: tuple[Page, BrowserLog, str]) -> None:
    page, _, base_url = recorded
    page.goto(base_url)
    assert_no_axe_violations(page, "ren side")


def test_axe_runs_only_wcag_rules(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, _, _ = recorded
    page.goto(serve_html("bp.html", BEST_PRACTICE_ONLY_PAGE))
    unrestricted = {v["id"] for v in Axe().run(page).response["violations"]}
    assert unrestricted & {"region", "landmark-one-main", "page-has-heading-one"}, unrestricted
    assert axe_violations(page) == [], "best-practice rules must not run"


# --- Keyboard ------------------------------------------------------------------------------


def test_tab_until_reaches_a_link_with_a_visible_focus_ring(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, _, _ = recorded
    page.goto(serve_html("keys.html", KEYBOARD_PAGE))
    link = tab_until(page, "a#target")
    assert link.inner_text() == "Målet"
    assert focused_outline_visible(page)
    tab_until(page, lambda el: el.get_attribute("id") == "no-ring", max_tabs=3)
    assert not focused_outline_visible(page), "outline:none must count as no focus indicator"


def test_tab_until_reports_where_focus_went(
    recorded: tuple[Page, BrowserLog, str], serve_html: Callable[[str, str], str]
) -> None:
    page, _, _ = recorded
    page.goto(serve_html("keys.html", KEYBOARD_PAGE))
    with pytest.raises(AssertionError, match=r'button "Første"'):
        tab_until(page, "a#findes-ikke", max_tabs=2)


# --- Pages without JavaScript --------------------------------------------------------------

NOSCRIPT_PAGE = (
    HEAD
    + """<body><main><h1>Uden JavaScript</h1>
<noscript><p style="color:#ccc;background:#fff">Slå JavaScript til, eller brug listen.</p></noscript>
<script>document.querySelector("h1").textContent = "Med JavaScript";</script></main></body></html>"""
)


@pytest.fixture
def nojs_recorded(
    browser: Browser, serve_html: Callable[[str, str], str]
) -> Iterator[tuple[Page, BrowserLog]]:
    """A recorded page with JavaScript disabled: ``(page, log)``."""
    base_url = serve_html("index.html", CLEAN_PAGE).removesuffix("index.html")
    log = BrowserLog(site_origin=base_url)
    context = new_recorded_context(browser, base_url, log, java_script_enabled=False)
    yield context.new_page(), log
    context.close()


def test_axe_checks_what_a_visitor_without_javascript_sees(
    nojs_recorded: tuple[Page, BrowserLog], serve_html: Callable[[str, str], str]
) -> None:
    page, log = nojs_recorded
    page.goto(serve_html("noscript.html", NOSCRIPT_PAGE))
    assert not scripting_enabled(page)
    assert page.locator("h1").inner_text() == "Uden JavaScript"
    violations = axe_violations(page)  # must not hang: axe needs timers, which never fire here
    assert [v["id"] for v in violations] == ["color-contrast"], "the <noscript> text is checked"
    assert log.problems() == []


def test_scripting_enabled_tells_the_pages_apart(recorded: tuple[Page, BrowserLog, str]) -> None:
    page, _, base_url = recorded
    page.goto(base_url)
    assert scripting_enabled(page)


@pytest.mark.parametrize(
    ("color", "transparent"),
    [
        ("transparent", True),
        ("rgba(0, 0, 0, 0)", True),
        ("rgba(82, 108, 254, 0.0)", True),
        ("rgb(82 108 254 / 0)", True),
        ("rgb(255, 111, 0)", False),
        ("rgba(255, 111, 0, 0.5)", False),
        ("rgb(82 108 254 / 0.4)", False),
    ],
)
def test_is_transparent(color: str, transparent: bool) -> None:
    assert is_transparent(color) is transparent


def test_server_can_use_a_port_chosen_in_advance(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("forside", encoding="utf-8")
    port = free_port()
    server = start_static_server(tmp_path, port)
    try:
        assert server.base_url == f"http://127.0.0.1:{port}/"
        assert fetch(server.base_url) == (200, "forside")
    finally:
        server.stop()
