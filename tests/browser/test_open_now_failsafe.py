"""Open-now is fail-safe (issue 13 item 6) and follows the holiday statement (issue 14 item 4),
in real Chromium with a fixed clock.

Two parts: a self-contained page with three widgets (an entry point that closes on holidays and
on juleaftensdag, one whose source is silent, and a payload without a known range) compared
instant by instant with macros/domain/hours.py; and the built site, whose payload covers the build
date −1 to +400 days, at a date inside and dates outside that range.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from playwright.sync_api import Browser, Page, expect

from macros.domain.hours import (
    COPENHAGEN,
    Window,
    day_statements,
    hours_payload,
    hours_view,
    payload_json,
    payload_range,
    public_holidays,
)
from scripts.browser_checks import serve_directory
from tests.conftest import TEST_TODAY
from tests.helpers.live_status import (
    TEXT_OUT_OF_RANGE,
    copenhagen_wall_clock,
    status_at,
    status_text,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
JS_FILE = ROOT / "site_templates" / "overrides" / "assets" / "javascripts" / "opening-hours.js"
TEMPLATES = ROOT / "site_templates"
IKAST = "kommuner/ikast-brande/"

BUILD = date.fromisoformat(TEST_TODAY)  # the built site's date: 2026-11-22
KNOWN = payload_range(BUILD)  # 2026-11-21 .. 2027-12-27
WINDOWS = [
    Window("fremmoede", (1,), time(9), time(11)),
    Window("telefon", (0, 1, 2, 3, 4), time(9), time(12)),
]
LABELS = {"fremmoede": "Fremmøde", "telefon": "Telefon"}
CHANNELS = ("fremmoede", "telefon")
HOLIDAYS = public_holidays(*KNOWN)
# widget id -> (closed, unknown): the statement as day_statements makes it
WIDGETS = {
    "lukket": day_statements([], HOLIDAYS, "lukket", ["juleaftensdag"], *KNOWN),
    "ukendt": day_statements([], HOLIDAYS, "ukendt", [], *KNOWN),
}


def cph(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=COPENHAGEN)


INSTANTS = [
    cph(2026, 11, 20, 10),  # the day before the range
    cph(2026, 11, 21, 10),  # first known day (a Saturday)
    cph(2026, 11, 24, 10),  # an ordinary Tuesday: open
    cph(2026, 12, 23, 13),  # the evening before juleaftensdag
    cph(2026, 12, 24, 10),  # juleaftensdag (Thursday): closed / not stated
    cph(2026, 12, 25, 10),  # juledag (Friday)
    cph(2026, 12, 31, 10),  # nytårsaftensdag: not stated for either
    cph(2027, 3, 24, 13),  # Wednesday before skærtorsdag
    cph(2027, 3, 25, 10),  # skærtorsdag
    cph(2027, 3, 29, 10),  # anden påskedag (Monday)
    cph(2027, 6, 4, 13),  # Friday before grundlovsdag (a Saturday): no effect
    cph(2027, 12, 27, 10),  # the last known day (Monday): open
    cph(2027, 12, 27, 13),  # after closing on the last day: nothing later is known
    cph(2027, 12, 28, 10),  # the day after the range
    cph(2028, 4, 14, 10),  # Langfredag 2028
    cph(2031, 12, 25, 10),  # juledag 2031
]


def expected(widget: str, instant: datetime) -> dict[str, str]:
    now = copenhagen_wall_clock(instant)
    closed, unknown = WIDGETS[widget]
    return {
        channel: status_text(
            status_at(
                [w for w in WINDOWS if w.channel == channel],
                closed,
                now,
                unknown=unknown,
                known=KNOWN,
            ),
            now,
        )
        for channel in CHANNELS
    }


def _page_html() -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    macro = env.get_template("partials/indgang/hours.html").module.opening_hours
    widgets = [
        macro(hours_view(name, name, WINDOWS, closed, LABELS, unknown=unknown, known=KNOWN))
        for name, (closed, unknown) in WIDGETS.items()
    ]
    # a payload from an older or broken build: no range, so nothing is known
    no_range = payload_json(hours_payload(WINDOWS, {})).replace('"', "&#34;")
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Test</title></head>
<body>
{"".join(str(w) for w in widgets)}
<ul id="no-range" data-opening-hours="{no_range}">
<li><span data-status-for="telefon">Se åbningstiderne i tabellen</span></li>
</ul>
<script src="opening-hours.js"></script>
</body></html>
"""


@pytest.fixture(scope="module")
def widget_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("failsafe-site")
    (root / "index.html").write_text(_page_html(), encoding="utf-8")
    shutil.copy(JS_FILE, root / "opening-hours.js")
    with serve_directory(root) as url:
        yield url


def _texts(page: Page, widget: str) -> dict[str, str]:
    return {
        channel: page.locator(f"#aabningstider-{widget} [data-status-for='{channel}']").inner_text()
        for channel in CHANNELS
    }


def test_js_matches_python_inside_and_outside_the_range(browser: Browser, widget_site: str):
    context = browser.new_context(timezone_id="America/Los_Angeles")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.clock.set_fixed_time(INSTANTS[0])
        page.goto(widget_site)
        mismatches = []
        for instant in INSTANTS:
            page.clock.set_fixed_time(instant)
            page.evaluate("window.indgangOpeningHours.refresh()")
            for widget in WIDGETS:
                got, want = _texts(page, widget), expected(widget, instant)
                if got != want:
                    mismatches.append(f"{instant:%Y-%m-%d %H:%M} {widget}: {got} != {want}")
            no_range = page.locator("#no-range [data-status-for=telefon]")
            assert no_range.inner_text() == TEXT_OUT_OF_RANGE, instant
            assert "indgang-status--unknown" in (no_range.get_attribute("class") or "")
        assert not mismatches, "\n".join(mismatches)
        assert not errors
    finally:
        context.close()


def test_the_grid_shows_each_case() -> None:
    def text(widget: str, instant: datetime, channel: str = "telefon") -> str:
        return expected(widget, instant)[channel]

    for widget in WIDGETS:
        for instant in (cph(2026, 11, 20, 10), cph(2027, 12, 28, 10), cph(2028, 4, 14, 10)):
            assert text(widget, instant) == TEXT_OUT_OF_RANGE
        assert text(widget, cph(2031, 12, 25, 10)) == TEXT_OUT_OF_RANGE
        assert text(widget, cph(2026, 11, 24, 10)) == "Åbent nu – lukker kl. 12.00"
        assert text(widget, cph(2027, 12, 27, 10)) == "Åbent nu – lukker kl. 12.00"
        assert text(widget, cph(2027, 12, 27, 13)) == "Lukket – kontakt kommunen"
    assert text("ukendt", cph(2026, 12, 25, 10)) == (
        "Kilden siger ikke, om der er åbent i dag (Juledag) – kontakt kommunen"
    )
    assert text("ukendt", cph(2027, 3, 24, 13)) == (
        "Lukket – kilden siger ikke, om der er åbent i morgen (Skærtorsdag)"
    )
    assert text("lukket", cph(2026, 12, 24, 10)) == (
        "Lukket i dag (Juleaftensdag) – åbner mandag kl. 9.00"
    )
    assert text("lukket", cph(2026, 12, 31, 10)) == (
        "Kilden siger ikke, om der er åbent i dag (Nytårsaftensdag) – kontakt kommunen"
    )
    assert text("lukket", cph(2027, 3, 29, 10)) == (
        "Lukket i dag (Anden påskedag) – åbner i morgen kl. 9.00"
    )
    # the walk-in window is on Tuesdays only: a Friday holiday does not make it unknown
    assert expected("ukendt", cph(2026, 12, 25, 10))["fremmoede"].startswith("Lukket – åbner")


# --- the built site --------------------------------------------------------------------------


def at(page: Page, instant: datetime) -> None:
    page.clock.set_fixed_time(instant)


def status(page: Page, channel: str):
    return page.locator(f"#aabningstider-din-indgang [data-status-for='{channel}']")


def test_built_site_inside_the_range_says_open(page: Page):
    at(page, cph(2026, 11, 24, 10))
    page.goto(IKAST)
    expect(status(page, "telefon")).to_have_text("Åbent nu – lukker kl. 12.00")


@pytest.mark.parametrize(
    "instant",
    [cph(2028, 4, 14, 10), cph(2031, 12, 25, 10)],
    ids=["langfredag-2028", "juledag-2031"],
)
def test_built_site_outside_the_range_never_says_open(page: Page, instant: datetime):
    at(page, instant)
    page.goto(IKAST)
    # Virtual meetings are by appointment (no live status: test_by_appointment.py).
    for channel in ("fremmoede", "telefon"):
        line = status(page, channel)
        expect(line).to_have_text(TEXT_OUT_OF_RANGE)
        expect(line).to_have_class(re.compile(r"indgang-status--unknown"))
    assert "Åbent nu" not in page.locator("#aabningstider-din-indgang").inner_text()


def test_built_site_on_a_holiday_the_source_is_silent_about(page: Page):
    at(page, cph(2026, 12, 25, 10))  # juledag, a Friday: the phone line's weekday
    page.goto(IKAST)
    phone = status(page, "telefon")
    expect(phone).to_have_text(
        "Kilden siger ikke, om der er åbent i dag (Juledag) – kontakt kommunen"
    )
    expect(phone).to_have_class(re.compile(r"indgang-status--unknown"))
    note = page.locator("#aabningstider-din-indgang .indgang-hours__note")
    expect(note).to_contain_text("Kilden siger ikke, om der er åbent på helligdage")
