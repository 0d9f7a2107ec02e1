"""The built site (shipped data): every record has its page, facts from the seeds show."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.catalogue import model as catalogue

ROOT = Path(__file__).resolve().parent.parent
CAT = catalogue.load(ROOT / "data", date(2026, 11, 22))


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


def test_every_course_has_a_page(site_dir):
    assert len(CAT.courses) >= 20
    for course in CAT.courses.values():
        text = text_of(site_dir, f"courses/{course.municipality}/{course.id}")
        assert course.title in text
        assert CAT.paragraphs[course.paragraph].number in text
        assert "Senest tjekket" in text


def test_every_municipality_and_entry_point_has_a_page(site_dir):
    assert len(CAT.municipalities) == 6
    for m in CAT.municipalities.values():
        page = parse(site_dir, f"kommuner/{m.id}")
        for ep in m.entry_points:
            assert ep.id in page.ids


def test_every_provision_and_rule_has_a_page(site_dir):
    for p in CAT.paragraphs.values():
        assert p.number in text_of(site_dir, f"paragraphs/{p.id}")
    rules = parse(site_dir, "snitflader")
    assert set(CAT.rules) <= rules.ids
    assert {"R1", "R2", "R3", "R4", "R5", "R6"} <= set(CAT.rules)


def test_din_indgang_hours_from_the_seed(site_dir):
    text = text_of(site_dir, "kommuner/ikast-brande")
    assert "Fremmøde tirsdag 9.00–11.00" in text
    assert "Telefon hverdage 9.00–12.00" in text
    assert "99 60 31 80" in text
    assert "Sjællandsgade 6" in text


def test_unknown_times_say_contact_the_municipality(site_dir):
    text = text_of(site_dir, "kommuner/aalborg")
    assert "Tider ikke oplyst" in text


def test_82d_says_the_law_text_is_not_quoted(site_dir):
    text = text_of(site_dir, "paragraphs/82d")
    assert "Lovteksten er ikke citeret her endnu" in text
    html = (site_dir / "paragraphs/82d/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.retsinformation.dk"' in html


def test_quoted_law_text_has_its_source(site_dir):
    text = text_of(site_dir, "paragraphs/82b")
    assert "Tilbuddet kan gives i op til 6 måneder" in text
    assert "Ankestyrelsen" in text


def test_82b_courses_state_the_six_month_limit(site_dir):
    # Only where the source names § 82 b (issue 14: paragraph_stated: nej carries no limit).
    courses_82b = [c for c in CAT.courses_of(paragraph="82b") if c.paragraph_stated]
    assert courses_82b
    for course in courses_82b:
        text = text_of(site_dir, f"courses/{course.municipality}/{course.id}")
        assert "Højst 6 måneder" in text
        assert CAT.paragraphs["82b"].time_limit in text


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
