"""opening-hours.js in real Chromium must say exactly what macros/domain/hours.py says.

Self-contained: renders the hours partial into a page in tmp_path, serves it from 127.0.0.1 and
fixes the browser clock at instants given in Copenhagen time (DST handled by zoneinfo).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from playwright.sync_api import Browser, BrowserContext, Page

from macros.domain.hours import (
    COPENHAGEN,
    Closure,
    Window,
    closed_dates,
    hours_payload,
    hours_view,
    payload_json,
    public_holidays,
)
from tests.helpers.live_status import copenhagen_wall_clock, status_at, status_text

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
JS_FILE = ROOT / "site_templates" / "overrides" / "assets" / "javascripts" / "opening-hours.js"
TEMPLATES = ROOT / "site_templates"

WINDOWS = [
    Window("fremmoede", (1,), time(9), time(11), "Uden tidsbestilling"),
    Window("telefon", (0, 1, 2, 3, 4), time(9), time(12)),
    Window("virtuelt", (1,), time(9), time(11)),
]
LABELS = {"fremmoede": "Fremmøde", "telefon": "Telefon", "virtuelt": "Virtuelt møde"}
CHANNELS = ("fremmoede", "telefon", "virtuelt")
CLOSURE = Closure(date(2026, 12, 21), date(2026, 12, 23), "Juleferie")
START, END = date(2026, 11, 21), date(2029, 2, 1)
CLOSED = closed_dates([CLOSURE], public_holidays(START, END), START, END)


def cph(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, fold: int = 0) -> datetime:
    """An aware instant from Copenhagen wall-clock time (fold=1: the second 02:xx in October)."""
    return datetime(y, mo, d, h, mi, s, tzinfo=COPENHAGEN, fold=fold)


INSTANTS = [
    # an ordinary week; Tuesday 24 November 2026
    cph(2026, 11, 23, 0, 0),
    cph(2026, 11, 23, 13, 0),
    cph(2026, 11, 24, 8, 59, 59),
    cph(2026, 11, 24, 9, 0),
    cph(2026, 11, 24, 10, 0),
    cph(2026, 11, 24, 10, 59, 59),
    cph(2026, 11, 24, 11, 0),
    cph(2026, 11, 24, 11, 30),
    cph(2026, 11, 24, 11, 59, 59),
    cph(2026, 11, 24, 12, 0),
    cph(2026, 11, 24, 23, 59, 59),
    cph(2026, 11, 25, 8, 0),
    cph(2026, 11, 27, 12, 0),
    cph(2026, 11, 28, 10, 0),
    cph(2026, 11, 29, 23, 59),
    # the closure (Mon 21 – Wed 23 December 2026) and Christmas
    cph(2026, 12, 18, 12, 30),
    cph(2026, 12, 21, 10, 0),
    cph(2026, 12, 22, 10, 0),
    cph(2026, 12, 23, 23, 0),
    cph(2026, 12, 24, 8, 0),
    cph(2026, 12, 25, 10, 0),
    cph(2026, 12, 31, 23, 59, 59),
    cph(2027, 1, 1, 10, 0),
    # Easter 2027 next to the spring DST switch (Sunday 28 March, 02:00 -> 03:00)
    cph(2027, 3, 25, 10, 0),
    cph(2027, 3, 27, 12, 0),
    cph(2027, 3, 28, 1, 59),
    cph(2027, 3, 28, 3, 0),
    cph(2027, 3, 28, 23, 59),
    cph(2027, 3, 29, 10, 0),
    cph(2027, 3, 30, 9, 0),
    # autumn DST switch (Sunday 31 October 2027, 03:00 -> 02:00)
    cph(2027, 10, 30, 23, 59),
    cph(2027, 10, 31, 2, 30),
    cph(2027, 10, 31, 2, 30, fold=1),
    cph(2027, 10, 31, 23, 59, 59),
    cph(2027, 11, 1, 0, 0, 30),
    cph(2027, 11, 1, 9, 0),
    # a public holiday on a Tuesday: Anden juledag 2028
    cph(2028, 12, 22, 12, 30),
    cph(2028, 12, 25, 13, 0),
    cph(2028, 12, 26, 10, 0),
    cph(2028, 12, 27, 8, 59),
    cph(2029, 1, 2, 9, 0),
]


def expected(instant: datetime) -> dict[str, str]:
    now = copenhagen_wall_clock(instant)
    return {
        channel: status_text(
            status_at(
                [w for w in WINDOWS if w.channel == channel], CLOSED, now, known=(START, END)
            ),
            now,
        )
        for channel in CHANNELS
    }


@pytest.fixture
def chromium(browser: Browser) -> Browser:
    """The session's Chromium (tests/browser/conftest.py)."""
    return browser


def _page_html() -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    macro = env.get_template("partials/indgang/hours.html").module.opening_hours
    widget = macro(
        hours_view("din-indgang", "Din Indgang", WINDOWS, CLOSED, LABELS, known=(START, END))
    )
    # a second widget carrying its payload in a child <script type="application/json">
    script_payload = payload_json(hours_payload(WINDOWS, CLOSED, known=(START, END)))
    script_payload = script_payload.replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Test</title></head>
<body>
{widget}
<div id="via-script" data-opening-hours="">
<script type="application/json">{script_payload}</script>
<span data-status-for="telefon">Se åbningstiderne i tabellen</span>
</div>
<script src="opening-hours.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("hours-site")
    (root / "index.html").write_text(_page_html(), encoding="utf-8")
    shutil.copy(JS_FILE, root / "opening-hours.js")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _texts(page: Page) -> dict[str, str]:
    return {
        channel: page.locator(f'.indgang-status [data-status-for="{channel}"]').inner_text()
        for channel in CHANNELS
    }


def _open(
    chromium: Browser, site: str, **context_options: Any
) -> tuple[BrowserContext, Page, list[str], list[str]]:
    context = chromium.new_context(**context_options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, requests, errors


def test_js_matches_python_on_a_grid_of_instants(chromium: Browser, site: str) -> None:
    context, page, requests, errors = _open(chromium, site, timezone_id="America/New_York")
    try:
        page.clock.set_fixed_time(INSTANTS[0])
        page.goto(site)
        mismatches = []
        for instant in INSTANTS:
            page.clock.set_fixed_time(instant)  # aware datetime: no unit confusion
            assert page.evaluate("Date.now()") == round(instant.timestamp() * 1000)
            page.evaluate("window.indgangOpeningHours.refresh()")
            got, want = _texts(page), expected(instant)
            if got != want:
                mismatches.append(f"{instant.isoformat()}: browser {got} != python {want}")
            assert (
                page.locator("#via-script [data-status-for=telefon]").inner_text()
                == want["telefon"]
            )
        assert not mismatches, "\n".join(mismatches)
        assert not errors
        assert all(url.startswith(site) for url in requests), requests
    finally:
        context.close()


def test_grid_covers_the_interesting_cases() -> None:
    texts = {t for instant in INSTANTS for t in expected(instant).values()}
    assert "Åbent nu – lukker kl. 11.00" in texts
    assert "Lukket – åbner i dag kl. 9.00" in texts
    assert "Lukket i dag (Juleferie) – åbner tirsdag den 29. december kl. 9.00" in texts
    assert "Lukket i dag (Anden juledag) – åbner tirsdag den 2. januar kl. 9.00" in texts
    assert "Lukket i dag (Anden påskedag) – åbner i morgen kl. 9.00" in texts
    assert len(INSTANTS) >= 40
    assert (
        cph(2027, 10, 31, 2, 30).timestamp() + 3600 == cph(2027, 10, 31, 2, 30, fold=1).timestamp()
    )


def test_classes_and_the_minute_refresh(chromium: Browser, site: str) -> None:
    context, page, _requests, errors = _open(chromium, site, timezone_id="Asia/Tokyo")
    try:
        before = cph(2026, 11, 24, 10, 59, 30)
        page.clock.install(time=before)
        page.goto(site)
        walk_in = page.locator('.indgang-status [data-status-for="fremmoede"]')
        assert (
            walk_in.inner_text() == expected(before)["fremmoede"] == "Åbent nu – lukker kl. 11.00"
        )
        assert walk_in.get_attribute("class") == "indgang-status__text indgang-status--open"
        page.clock.run_for(60_000)
        after = before + timedelta(seconds=60)
        assert walk_in.inner_text() == expected(after)["fremmoede"]
        assert walk_in.inner_text() == "Lukket – åbner tirsdag den 1. december kl. 9.00"
        assert walk_in.get_attribute("class") == "indgang-status__text indgang-status--closed"
        assert not errors
    finally:
        context.close()


def test_without_javascript_the_table_text_stays(chromium: Browser, site: str) -> None:
    context, page, _requests, _errors = _open(chromium, site, java_script_enabled=False)
    try:
        page.goto(site)
        assert _texts(page) == dict.fromkeys(CHANNELS, "Se åbningstiderne i tabellen")
        assert page.locator("caption").inner_text() == "Åbningstider for Din Indgang"
        assert page.locator("tbody tr").count() == 3
    finally:
        context.close()
