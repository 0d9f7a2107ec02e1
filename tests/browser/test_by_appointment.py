"""«Virtuelt møde: Åbent nu» must not happen: a channel whose source says it is by appointment
(Ikast-Brande's virtual meetings: »Borgeren skal ringe på forhånd og lave aftale«) says
«Efter aftale – ring først og aftal et møde», with JavaScript at an hour when the walk-in
window is open, and without JavaScript. On the built site, in real Chromium.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from macros.domain.hours import COPENHAGEN, TEXT_BY_APPOINTMENT

pytestmark = pytest.mark.browser

PAGE = "kommuner/ikast-brande/"
# Tuesday 24 November 2026, 10.00 in Copenhagen: walk-in (tirsdag 9-11) is open.
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=COPENHAGEN)


def test_virtual_meetings_by_appointment_are_never_open_now(page: Page) -> None:
    page.clock.install(time=TUESDAY_10)
    page.goto(PAGE)
    status = page.locator("#aabningstider-din-indgang .indgang-status")
    walk_in = status.locator('[data-status-for="fremmoede"]')
    expect(walk_in).to_have_text("Åbent nu – lukker kl. 11.00")  # the script ran: same hour
    virtual = status.locator("li", has_text="Virtuelt møde")
    expect(virtual).to_have_text(f"Virtuelt møde: {TEXT_BY_APPOINTMENT}")
    assert status.locator('[data-status-for="virtuelt"]').count() == 0
    row = page.locator("#aabningstider-din-indgang tbody tr").filter(
        has=page.locator("td:first-child", has_text="Virtuelt møde")
    )
    expect(row).to_contain_text("9.00–11.00, efter aftale")


def test_virtual_meetings_by_appointment_without_javascript(nojs_page: Page) -> None:
    nojs_page.goto(PAGE)
    status = nojs_page.locator("#aabningstider-din-indgang .indgang-status")
    expect(status.locator("li", has_text="Virtuelt møde")).to_have_text(
        f"Virtuelt møde: {TEXT_BY_APPOINTMENT}"
    )
    expect(status.locator('[data-status-for="fremmoede"]')).to_have_text(
        "Se åbningstiderne i tabellen"
    )
    assert "Åbent nu" not in status.inner_text()
