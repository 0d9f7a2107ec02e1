"""A municipality's own site with the publisher's logo and colour passes axe on every page type.

The site is built for Ikast-Brande with a test publisher (data/publisher.yaml in a copy of the
project) in #6c6c6c, the lightest grey that validation accepts (4.5:1 on the lightest box links
stand on, `publisher.BACKGROUNDS`), so axe checks the threshold the validation uses, with and
without JavaScript. (#767676, 4.54:1 on white, failed on the table headers: hence the boxes.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scripts import gates
from scripts.browser_checks import (
    BrowserLog,
    axe_violations,
    format_violations,
    new_recorded_context,
    start_static_server,
)
from tests.conftest import ROOT, TEST_TODAY

# The lightest grey validation accepts: any accepted colour contrasts at least as well with the
# site's light backgrounds (a darker blue, #1d4f91, passed too when this test was written).
COLOURS = ("#6c6c6c",)
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" '
    'rx="6" fill="#fff"/><path d="M8 30V10h8l8 12V10h8v20h-8L16 18v12z" fill="#1d4f91"/></svg>\n'
)


@pytest.fixture(scope="module", params=COLOURS)
def coloured_site(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    colour = request.param
    work = tmp_path_factory.mktemp("coloured")
    project = gates.copy_project(work / "project", ROOT / "data")
    (project / "logo").mkdir()
    (project / "logo" / "testby.svg").write_text(LOGO, encoding="utf-8")
    (project / "data" / "publisher.yaml").write_text(
        "name: Testby Kommune\nscope: ikast-brande\nfeedback_email: indgang@testby.example.org\n"
        f'logo: logo/testby.svg\nprimary_color: "{colour}"\n',
        encoding="utf-8",
    )
    out = work / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("INDGANG_KOMMUNE", raising=False)
        result = gates.build(project, out, TEST_TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert colour in (out / "assets" / "stylesheets" / "udgiver.css").read_text(encoding="utf-8")
    server = start_static_server(out)
    yield server.base_url, out
    server.stop()


@pytest.mark.parametrize("javascript", [True, False], ids=["med JavaScript", "uden JavaScript"])
def test_every_page_type_passes_axe_with_the_publishers_colour(
    browser: Browser, coloured_site, javascript: bool
):
    base, site = coloured_site
    types = gates.covering_types(gates.page_types(site))
    names = {t.name.split(" #")[0] for t in types}
    # the municipality question is answered by the site itself: no such page type
    assert "guide: kommunespørgsmål" not in names
    assert {"forside", "kommune", "kursus", "kursusfinder", "guide: udfald"} <= names
    log = BrowserLog(site_origin=base)
    context = new_recorded_context(browser, base, log, java_script_enabled=javascript)
    page = context.new_page()
    failures = []
    try:
        for page_type in types:
            if page_type.name == "404":
                continue
            page.goto(page_type.url)
            # the colour is applied (header background) and the logo is shown
            header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
            assert header != "rgb(64, 81, 181)", page_type.url  # not Material's indigo
            assert page.locator(".md-header img[src$='udgiver-logo.svg']").count() == 1
            violations = axe_violations(page)
            if violations:
                failures.append(
                    f"{page_type.name} ({page_type.url}):\n" + format_violations(violations)
                )
    finally:
        context.close()
    assert failures == [], "\n".join(failures)
    assert log.problems() == []
