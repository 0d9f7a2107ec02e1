"""The leaflets as `make leaflet` makes them: a build with the PDFs, printed by Chromium.

For every municipality of the shipped data (read from the data, not listed here):
- the PDF parses and has one or two A4 pages (595 × 842 pt ± 1), and its text has the
  phone numbers and opening hours the data has, and the address the QR code leads to;
- the QR code on the page, as Chromium draws it, decodes (zxing-cpp) to the absolute address
  of the municipality's page under the public address (here with a sub-path);
- the page passes axe (WCAG 2.1 AA), does not scroll sideways at 375 px, requests nothing from
  another origin, and links to its PDF; the municipality page links to both.

The site is built once for the module (with `INDGANG_FOLDER_PDF=1` and a public address), and
the six PDFs are printed once (a few seconds).
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from macros.domain.hours import format_days, format_time
from macros.guides import all_data as catalogue
from macros.views import leaflet, urls
from scripts import gates
from scripts.browser_checks import assert_no_axe_violations, start_static_server
from scripts.leaflet_pdf import LeafletPdfError, Printed, write_pdfs
from tests.conftest import ROOT, TEST_TODAY

from .test_phone_layout import _CHECK_JS as PHONE_CHECK_JS

pytestmark = pytest.mark.browser

PUBLIC = "https://kommune.invalid/indgang/"  # a sub-path, as on GitHub Pages
A4 = (595.0, 842.0)  # points
PDF_SECONDS = 30  # the six PDFs take about 5 s here; more means something hangs


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY))


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own build: with the PDF links and the public address."""
    out = tmp_path_factory.mktemp("leaflet-site")
    env = {leaflet.PDF_ENV: "1", "INDGANG_SITE_URL": PUBLIC}
    result = gates.build(ROOT, out, TEST_TODAY, env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def site_server(site_dir: Path) -> Iterator[str]:
    server = start_static_server(site_dir)
    yield server.base_url
    server.stop()


@pytest.fixture(scope="module")
def printed(site_dir: Path, browser: Browser) -> dict[str, Printed]:
    started = time.perf_counter()
    result = write_pdfs(site_dir, browser=browser)
    seconds = time.perf_counter() - started
    assert seconds < PDF_SECONDS, f"{len(result)} PDFs took {seconds:.1f} s"
    return {p.municipality: p for p in result}


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_every_municipality_gets_a_pdf_of_one_or_two_a4_pages(cat, site_dir, printed):
    assert sorted(printed) == sorted(cat.municipalities)
    for mid, p in printed.items():
        assert p.path == site_dir / leaflet.pdf_path(mid)
        reader = PdfReader(p.path)
        assert 1 <= len(reader.pages) <= 2, f"{mid}: {len(reader.pages)} pages"
        for n, pdf_page in enumerate(reader.pages, 1):
            size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
            assert all(abs(a - b) <= 1 for a, b in zip(size, A4, strict=True)), (mid, n, size)


def test_the_pdf_says_the_phone_hours_and_address_of_the_data(cat, printed):
    problems = []
    for mid, m in cat.municipalities.items():
        reader = PdfReader(printed[mid].path)
        text = _squeezed(" ".join(page.extract_text() for page in reader.pages))
        wanted = [m.name, leaflet.absolute_url(PUBLIC, urls.municipality(mid))]
        for ep in m.entry_points:
            wanted.append(ep.name)
            if ep.phone:
                wanted.append(ep.phone)
            if ep.address:
                wanted.append(ep.address)
            for w in ep.hours:
                wanted.append(format_days(w.days))
                if w.opens and w.closes:
                    wanted.append(f"{format_time(w.opens)}–{format_time(w.closes)}")
            if not ep.hours:
                wanted.append("Åbningstider er ikke oplyst – kontakt kommunen.")
        problems += [f"{mid}: {s!r} not in the PDF" for s in wanted if _squeezed(s) not in text]
    assert not problems, "\n".join(problems)


def test_the_qr_code_leads_to_the_municipality_page(cat, page: Page, printed):
    """Chromium draws the inline SVG; zxing-cpp reads the screenshot of it."""
    for mid in cat.municipalities:
        page.goto(urls.page_url(urls.leaflet(mid)))
        code = page.locator(".indgang-leaflet__qr svg")
        expect(code).to_have_attribute(
            "aria-label", f"QR-kode til siden om {cat.municipalities[mid].name}"
        )
        image = Image.open(io.BytesIO(code.screenshot()))
        found = [r.text for r in zxingcpp.read_barcodes(image)]
        assert found == [leaflet.absolute_url(PUBLIC, urls.municipality(mid))], mid


def test_the_pages_link_to_the_leaflet_and_its_pdf(cat, nojs_page: Page, printed):
    page = nojs_page
    for mid, m in cat.municipalities.items():
        page.goto(urls.page_url(urls.municipality(mid)))
        here = page.get_by_role("link", name="hent folderen som PDF (A4)")
        expect(here).to_have_attribute("href", f"folder/{leaflet.pdf_name(mid)}")
        page.get_by_role("link", name=f"Udskriv en folder om {m.name}").click()
        expect(page).to_have_url(re.compile(f"/kommuner/{mid}/folder/$"))
        pdf = page.get_by_role("link", name="Hent folderen som PDF (A4)")
        expect(pdf).to_have_attribute("href", leaflet.pdf_name(mid))
        response = page.request.get(page.url + leaflet.pdf_name(mid))
        assert response.ok and response.body()[:5] == b"%PDF-", mid


def test_the_leaflet_passes_axe_and_fits_a_phone(cat, page: Page, printed):
    """At 375 and 320 px: no sideways scroll, no word broken inside (the phone layout
    test's own check); axe on screen and in print."""
    problems = []
    for mid in cat.municipalities:
        page.set_viewport_size({"width": 375, "height": 812})
        page.goto(urls.page_url(urls.leaflet(mid)))
        assert_no_axe_violations(page, f"folder {mid}, 375 px")
        for width in (375, 320):
            page.set_viewport_size({"width": width, "height": 812})
            found = page.evaluate(PHONE_CHECK_JS)
            if found["scrollWidth"] > width:
                problems.append(f"{mid} at {width} px: scrolls sideways: {found['wide']}")
            if found["broken"]:
                problems.append(f"{mid} at {width} px: words broken inside: {found['broken']}")
    assert not problems, "\n".join(problems)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert_no_axe_violations(page, "folder, print")


def test_on_paper_only_the_leaflet(page: Page, printed):
    page.goto(urls.page_url(urls.leaflet("ikast-brande")))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".indgang-leaflet__screen"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(".indgang-leaflet__qr svg")).to_be_visible()
    expect(page.locator("table.indgang-hours__table").first).to_be_visible()


def test_a_leaflet_that_would_load_from_another_origin_is_not_printed(tmp_path, browser):
    folder = tmp_path / "kommuner" / "testby" / "folder"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(
        '<!doctype html><html lang="da"><title>x</title>'
        '<img src="https://tredjepart.invalid/spor.png" alt=""></html>',
        encoding="utf-8",
    )
    with pytest.raises(LeafletPdfError, match="vil hente filer fra andre steder"):
        write_pdfs(tmp_path, browser=browser)
    assert not (folder / leaflet.pdf_name("testby")).exists()
    with pytest.raises(LeafletPdfError, match="Der er ingen foldere"):
        write_pdfs(tmp_path / "tom", browser=browser)
