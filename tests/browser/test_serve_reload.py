"""`make serve` in Chromium: an open page shows a data error and then the fixed page by itself.

MkDocs' live-reload script is inline; the pages' Content-Security-Policy must allow it under
`mkdocs serve` (macros/site/serve_errors.py), or the editor would have to reload by hand and would
not see the error banner. The server is the one of tests/test_serve_errors.py (free port,
bounded time, always killed).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from macros.site import serve_errors
from tests.test_serve_errors import PAGE, get, serve, wait_for  # noqa: F401 (serve: fixture)

pytestmark = pytest.mark.browser

RELOAD_TIMEOUT_MS = 180_000


def test_open_page_reloads_to_the_error_and_back(browser: Browser, serve) -> None:  # noqa: F811
    project, base, log = serve
    url = base + PAGE
    wait_for("Forhåndsvisningen svarede ikke", lambda: get(url)[0] == 200, log)

    context = browser.new_context()
    blocked: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "console",
            lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Testby")
        banner = page.locator(f"#{serve_errors.BANNER_ID}")
        expect(banner).to_have_count(0)

        municipality = project / "data" / "municipalities" / "testby.yaml"
        good = municipality.read_text(encoding="utf-8")
        municipality.write_text(
            good.replace("public_holidays: lukket", "public_holidays: lukke"), encoding="utf-8"
        )
        # no goto: the page must reload by itself
        expect(banner).to_be_visible(timeout=RELOAD_TIMEOUT_MS)
        expect(banner).to_contain_text("data/municipalities/testby.yaml:")
        expect(banner).to_contain_text("«lukke» er ikke en gyldig værdi")
        expect(page.get_by_role("alert")).to_contain_text("Siden kunne ikke bygges")

        municipality.write_text(good, encoding="utf-8")
        expect(banner).to_have_count(0, timeout=RELOAD_TIMEOUT_MS)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Testby")
        assert not blocked, blocked
    finally:
        context.close()
