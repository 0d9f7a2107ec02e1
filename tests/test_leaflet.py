"""The municipalities' leaflets in the built site (shipped data, a plain build): one per
municipality of the data, linked from its page, and every fact on it from the data.

The PDF, the QR code, axe and the phone layout are tested in a real browser
(`tests/browser/test_leaflet.py`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.domain.hours import format_time
from macros.guides import all_data as catalogue
from macros.views import leaflet, places, urls
from scripts import gates

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)  # tests/conftest.py: TEST_TODAY

# Eight digits as Danes write a phone number (12 34 56 78, 12345678, +45 12 34 56 78).
PHONE = re.compile(r"(?<![\d.,])(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?![\d.,])")
CLOCK = re.compile(r"(?<![\d.,])\d{1,2}[.:]\d{2}(?![\d.,])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HREF = re.compile(r'<a [^>]*href="([^"]+)"')


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return catalogue.load(ROOT / "data", TODAY)


def _html(site_dir: Path, municipality_id: str) -> str:
    path = site_dir / urls.page_url(urls.leaflet(municipality_id)) / "index.html"
    assert path.is_file(), f"no leaflet for {municipality_id}: {path}"
    return path.read_text(encoding="utf-8")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())[-8:]


def _data_text(cat: catalogue.Catalogue, municipality_id: str) -> str:
    """The municipality's data files and the shared vocabularies and sources, as written."""
    files = [
        ROOT / "data" / "municipalities" / f"{municipality_id}.yaml",
        ROOT / "data" / "courses" / f"{municipality_id}.yaml",
        ROOT / "data" / "vocabularies.yaml",
        ROOT / "data" / "sources.yaml",
    ]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file())


def test_every_municipality_of_the_data_has_a_leaflet_linked_from_its_page(site_dir, cat):
    assert cat.municipalities
    assert sorted(cat.municipalities) == leaflet_ids(site_dir)
    for mid, m in cat.municipalities.items():
        html = _html(site_dir, mid)
        assert "<h1 id=" in html and m.name in html
        page = (site_dir / urls.page_url(urls.municipality(mid)) / "index.html").read_text(
            encoding="utf-8"
        )
        assert f'<a href="folder/">Udskriv en folder om {m.name}</a>' in page
        # A plain build makes no PDF, so no page links to one.
        assert ".pdf" not in page and ".pdf" not in html


def leaflet_ids(site_dir: Path) -> list[str]:
    from scripts.leaflet_pdf import leaflet_ids as found

    return found(site_dir)


def test_phone_numbers_and_clock_times_are_those_of_the_data(site_dir, cat):
    """No phone number or clock time on a leaflet that its municipality's data does not
    have (in a field or in a text), and each one in its entry points' fields is there."""
    problems = []
    for mid, m in cat.municipalities.items():
        text = gates.article_text(_html(site_dir, mid))
        data = _data_text(cat, mid)
        phones = {_digits(ep.phone) for ep in m.entry_points if ep.phone}
        shown = {_digits(p) for p in PHONE.findall(text)}
        written = {_digits(p) for p in PHONE.findall(data)}
        if not phones <= shown <= phones | written:
            problems.append(f"{mid}: phones {sorted(shown)} on the leaflet, data {sorted(phones)}")
        times = {
            format_time(t)
            for ep in m.entry_points
            for w in ep.hours
            for t in (w.opens, w.closes)
            if t is not None
        }
        clocks = {_clock(c) for c in CLOCK.findall(text)}
        if not times <= clocks <= times | {_clock(c) for c in CLOCK.findall(data)}:
            problems.append(f"{mid}: times {sorted(clocks)} on the leaflet, data {sorted(times)}")
    assert not problems, "\n".join(problems)


def _clock(text: str) -> str:
    """ "09:00" and "9.00" -> "9.00"."""
    hours, minutes = re.split(r"[.:]", text)
    return f"{int(hours)}.{minutes}"


def _public_address(site_dir: Path, municipality_id: str) -> str:
    """The municipality page's canonical address (the build's `site_url` and its path)."""
    page = site_dir / urls.page_url(urls.municipality(municipality_id)) / "index.html"
    found = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert found, page
    return found.group(1)


def test_every_number_address_and_link_on_a_leaflet_is_in_the_data(site_dir, cat):
    """Numbers (years, weeks, group sizes), e-mail addresses and outside links on a leaflet
    come from its municipality's files, the vocabularies or the sources; the only others are
    the provisions (§ 82 a), the build date and the page's own address."""
    problems = []
    for mid in cat.municipalities:
        html = _html(site_dir, mid)
        text = gates.article_text(html)
        data = _data_text(cat, mid)
        allowed = set(
            re.findall(
                r"\d+",
                data
                + " ".join(p.number for p in cat.paragraphs.values())
                + f" {TODAY.day}. {TODAY.year} "
                + _public_address(site_dir, mid),
            )
        )
        cleaned = PHONE.sub(" ", CLOCK.sub(" ", text))
        for number in sorted(set(re.findall(r"\d+", cleaned)) - allowed):
            problems.append(f"{mid}: the number {number} is not in the data")
        for email in set(EMAIL.findall(text)):
            if email not in data:
                problems.append(f"{mid}: the e-mail address {email} is not in the data")
        for href in set(HREF.findall(gates._ARTICLE.search(html).group(1))):
            if href.startswith(("http://", "https://", "mailto:")) and href not in data:
                problems.append(f"{mid}: the link {href} is not in the data")
    assert not problems, "\n".join(problems)


def test_a_leaflet_lists_the_courses_of_its_entry_points_with_their_provision(site_dir, cat):
    problems = []
    for mid in cat.municipalities:
        text = " ".join(gates.article_text(_html(site_dir, mid)).split())
        active = [c for c in cat.courses_of(municipality=mid) if c.is_active(TODAY)]
        for c in active:
            number = cat.paragraphs[c.paragraph].number if c.paragraph_stated else None
            title = " ".join(c.title.split())
            if title not in text:
                problems.append(f"{mid}: course {c.id} missing")
            elif number and f"{title} {number}" not in text:
                problems.append(f"{mid}: course {c.id} without its provision {number}")
        for other in cat.courses.values():
            if other.municipality != mid and f" {other.title} §" in text:
                problems.append(f"{mid}: shows {other.key} of another municipality")
    assert not problems, "\n".join(problems)


def test_what_the_data_lacks_reads_kontakt_kommunen(site_dir, cat):
    for mid, m in cat.municipalities.items():
        text = " ".join(gates.article_text(_html(site_dir, mid)).split())
        for ep in m.entry_points:
            if not (ep.address or ep.phone or ep.email):
                assert places.GAP_TEXT in text, mid  # the site's own words
            if not ep.hours:
                assert "Åbningstider er ikke oplyst – kontakt kommunen." in text, mid
            assert ep.name in text


def test_the_leaflet_is_left_out_of_the_site_search(site_dir):
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "/folder/" not in index


def test_the_public_address_keeps_a_sub_path():
    src = urls.municipality("ikast-brande")
    assert leaflet.absolute_url("https://x.invalid/indgang", src) == (
        "https://x.invalid/indgang/kommuner/ikast-brande/"
    )
    assert leaflet.absolute_url("https://x.invalid/", src) == (
        "https://x.invalid/kommuner/ikast-brande/"
    )


def test_pdf_links_only_in_a_build_that_makes_the_pdfs(monkeypatch):
    here = urls.municipality("ikast-brande")
    monkeypatch.delenv(leaflet.PDF_ENV, raising=False)
    assert leaflet.links(here, "ikast-brande") == {"href": "folder/", "pdf_href": None}
    monkeypatch.setenv(leaflet.PDF_ENV, "1")
    assert leaflet.links(here, "ikast-brande")["pdf_href"] == "folder/folder-ikast-brande.pdf"
