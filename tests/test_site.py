"""The built site (shipped data): every record has its page, facts from the seeds show.

Expectations come from the catalogue the site was built from (loaded in a fixture, not at
import time), so an editor adding or changing a record does not break these tests."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.catalogue.model import Catalogue
from macros.domain import provisions
from macros.domain.hours import TEXT_NO_TIMES, format_days, format_time
from macros.guides import all_data
from tests.conftest import TEST_TODAY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    """The catalogue `site_dir` is built from (same data, same build date)."""
    return all_data.load(ROOT / "data", date.fromisoformat(TEST_TODAY))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.resources: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        loads = tag != "a" and not (tag == "link" and a.get("rel") in ("canonical", "alternate"))
        for attr in ("src", "href"):
            if loads and a.get(attr):
                self.resources.append((tag, a[attr]))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld.append(data)
        else:
            self.text.append(data)


def parse(site_dir: Path, url: str) -> _Collector:
    path = site_dir / url / "index.html"
    assert path.exists(), f"missing page {url}"
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def text_of(site_dir: Path, url: str) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(site_dir, url).text))


def test_every_course_has_a_page(site_dir, cat):
    assert cat.courses
    for course in cat.courses.values():
        text = text_of(site_dir, f"courses/{course.municipality}/{course.id}")
        assert course.title in text
        assert cat.paragraphs[course.paragraph].number in text
        assert "Senest tjekket" in text


def test_every_municipality_and_entry_point_has_a_page(site_dir, cat):
    files = sorted(p.stem for p in (ROOT / "data" / "municipalities").glob("*.yaml"))
    assert sorted(cat.municipalities) == files and files
    for m in cat.municipalities.values():
        page = parse(site_dir, f"kommuner/{m.id}")
        for ep in m.entry_points:
            assert ep.id in page.ids


def test_every_provision_and_rule_has_a_page(site_dir, cat):
    for p in cat.paragraphs.values():
        assert p.number in text_of(site_dir, f"paragraphs/{p.id}")
    rules = parse(site_dir, "snitflader")
    assert set(cat.rules) <= rules.ids
    for limit in provisions.LIMITS.values():  # the rules the course pages link to
        assert {r.rule for r in limit.rules} <= rules.ids


def test_entry_points_show_their_contact_and_hours_from_the_data(site_dir, cat):
    """Phone, address and every weekly window of every entry point, as the seeds give them
    (a window without times says so: «Tider ikke oplyst»)."""
    labels = {k: t.label for k, t in cat.vocabularies["channels"].items()}
    windows = 0
    for ep in cat.entry_points.values():
        text = text_of(site_dir, f"kommuner/{ep.municipality}")
        for value in (ep.phone, ep.address):
            if value:
                assert re.sub(r"\s+", " ", value.strip()) in text, (ep.key, value)
        for w in ep.hours:
            label = labels.get(w.channel or "", "")
            when = format_time(w.opens) + "–" + format_time(w.closes) if w.has_times else None
            row = f"{label} {format_days(w.days)} {when or TEXT_NO_TIMES}"
            assert row in text, (ep.key, row)
            windows += w.has_times
    assert windows  # the shipped data has opening times at all


def test_a_provision_page_quotes_the_law_or_says_it_does_not(site_dir, cat):
    for p in cat.paragraphs.values():
        text = text_of(site_dir, f"paragraphs/{p.id}")
        html = (site_dir / f"paragraphs/{p.id}/index.html").read_text(encoding="utf-8")
        if p.law_quote:
            assert re.sub(r"\s+", " ", p.law_quote.strip()) in text, p.id
            assert cat.sources[p.law_source].publisher in text, p.id
        else:
            assert "Lovteksten er ikke citeret her endnu" in text, p.id
            assert 'href="https://www.retsinformation.dk"' in html, p.id


def test_82b_courses_state_the_six_month_limit(site_dir, cat):
    # Only where the source names § 82 b (issue 14: paragraph_stated: nej carries no limit).
    courses_82b = [c for c in cat.courses_of(paragraph="82b") if c.paragraph_stated]
    assert courses_82b
    for course in courses_82b:
        text = text_of(site_dir, f"courses/{course.municipality}/{course.id}")
        assert "Højst 6 måneder" in text
        assert cat.paragraphs["82b"].time_limit in text


@pytest.mark.parametrize(
    "url", ["", "kommuner/ikast-brande", "courses/ikast-brande/nada", "snitflader"]
)
def test_no_third_party_resources(site_dir, url):
    for tag, ref in parse(site_dir, url).resources:
        assert not re.match(r"^(https?:)?//", ref), f"{tag} loads {ref}"


def test_structured_data(site_dir):
    page = parse(site_dir, "kommuner/ikast-brande")
    services = [json.loads(x) for x in page.ld]
    din = next(s for s in services if s["name"] == "Din Indgang")
    assert din["@type"] == "GovernmentService"
    assert {"opens": "09:00", "closes": "11:00"}.items() <= din["hoursAvailable"][0].items()
    course = json.loads(parse(site_dir, "courses/ikast-brande/nada").ld[0])
    assert course["@type"] == "Course" and course["name"] == "Nada"


def test_generated_pages_stay_out_of_the_navigation(site_dir):
    html = (site_dir / "snitflader/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "courses/ikast-brande/nada" not in nav
    assert "kommuner/ikast-brande" not in nav
