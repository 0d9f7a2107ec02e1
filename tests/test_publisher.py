"""The publisher (data/publisher.yaml): validation, a municipality's own site, publishing builds.

Scoped sites are built for two municipalities of the shipped catalogue (Ikast-Brande, with
sourced opening hours, and Slagelse, without) and compared with the national build; a
catalogue with a municipality id the shipped data does not have shows that the scope follows
the data. Publishing builds run on a copy of the project with a real (test) publisher.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from macros.catalogue import publisher
from macros.guides import all_data as catalogue
from macros.guides.all_data import validate
from macros.guides.load import guides_for
from macros.guides.model import OTHER_MUNICIPALITY
from macros.guides.walk import paths
from macros.views.guide_views import guide_pages
from scripts.gates import build, check_links, copy_project, html_pages
from tests.conftest import ROOT, TEST_TODAY

SCOPES = ("ikast-brande", "slagelse")  # with and without sourced opening hours
TEST_URL = "https://indgang.testby.example.org/"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" '
    'rx="6" fill="#fff"/><path d="M8 30V10h8l8 12V10h8v20h-8L16 18v12z" fill="#1d4f91"/></svg>\n'
)


def write_publisher(data: Path, text: str) -> None:
    (data / "publisher.yaml").write_text(text, encoding="utf-8")


def problems_of(data: Path) -> list[str]:
    return [p.human() for p in validate(data, date.fromisoformat(TEST_TODAY)).problems]


# --- Validation -------------------------------------------------------------------------------


def test_shipped_publisher_is_the_honest_national_development_copy():
    data = ROOT / "data"
    cat = catalogue.load(data, date.fromisoformat(TEST_TODAY))
    assert cat.publisher.demo is True
    assert cat.scope is None and len(cat.municipalities) > 1
    assert "udviklingsudgave" in cat.publisher.name
    # no invented contact: the development copy has neither e-mail nor form
    assert cat.publisher.feedback_email is None and cat.publisher.feedback_url is None


def test_every_mistake_in_the_publisher_file_is_reported_at_its_line(make_data):
    data = make_data()
    (data.parent / "logo.png").write_bytes(b"\x89PNG")
    write_publisher(
        data,
        "name: Testby Kommune\n"  # 1
        "scope: testbyy\n"  # 2: unknown municipality, with a suggestion
        "site_url: http://localhost:8000/\n"  # 3: not https with a real host
        "feedback_mail: a@testby.example.org\n"  # 4: typo'd key
        "logo: logo.png\n"  # 5: not an SVG
        'primary_color: "#ffcc00"\n',  # 6: 1.5:1 against white
    )
    found = problems_of(data)
    by_line = {int(p.split(":")[1]): p for p in found if p.startswith("data/publisher.yaml")}
    assert sorted(by_line) == [1, 2, 3, 4, 5, 6], found
    assert len(found) == 6, found
    assert "Mente du «testby»?" in by_line[2] and "Mulige værdier: national, testby" in by_line[2]
    assert "https://" in by_line[3]
    assert "Mente du «feedback_email»?" in by_line[4]
    assert "SVG" in by_line[5]
    assert "1,51:1 mod hvid" in by_line[6] and "4,5:1" in by_line[6]
    # line 1: a published site needs a feedback route (the typo'd key does not count)
    assert "feedback_email, feedback_url" in by_line[1]
    write_publisher(data, "name: Testby Kommune\nscope: national\ndemo: kanske\n")
    found = problems_of(data)
    assert len(found) == 1 and found[0].startswith("data/publisher.yaml:3: «kanske» i «demo»")


def test_a_missing_logo_file_and_a_good_publisher(make_data):
    data = make_data()
    write_publisher(
        data,
        "name: Testby Kommune\nscope: testby\nfeedback_url: https://www.testby.example.org/kontakt\n"
        "logo: logo/mangler.svg\n",
    )
    found = problems_of(data)
    assert found == [
        "data/publisher.yaml:4: Logofilen «logo/mangler.svg» findes ikke. Skriv stien fra "
        "projektets rod, fx logo/kommune.svg."
    ]
    (data.parent / "logo").mkdir()
    (data.parent / "logo" / "mangler.svg").write_text(LOGO, encoding="utf-8")
    assert problems_of(data) == []


def test_unknown_scope_in_the_environment_lists_the_valid_ids(make_data, monkeypatch):
    data = make_data()
    monkeypatch.setenv(publisher.SCOPE_ENV, "aarhus")
    found = problems_of(data)
    assert found == [
        "INDGANG_KOMMUNE:1: «aarhus» i «INDGANG_KOMMUNE» er hverken national eller en kommune "
        "i data/municipalities/. Mulige værdier: national, testby."
    ]


@pytest.mark.parametrize(
    ("colour", "ratio", "accepted"),
    [
        ("#ffffff", 1.0, False),
        ("#777777", 4.48, False),  # the classic near miss
        ("#767676", 4.54, False),  # enough on white, 3.9:1 on the light table headers
        ("#6c6c6c", 5.25, True),  # the lightest grey accepted (axe: tests/browser)
        ("#6d6d6d", 5.17, False),
        ("#1d4f91", 8.14, True),
        ("#000000", 21.0, True),
    ],
)
def test_contrast_against_white_is_computed_as_wcag_says(colour, ratio, accepted):
    assert publisher.contrast(colour, "#ffffff") == pytest.approx(ratio, abs=0.01)
    assert (publisher.colour_problem(colour) is None) is accepted


# --- The scope follows the data ---------------------------------------------------------------


def test_scope_is_data_driven_a_new_municipality_id_gets_its_own_site(tmp_path, monkeypatch):
    """A municipality the shipped data does not have: its own catalogue and guide pages."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "municipalities" / "thisted.yaml").read_text(encoding="utf-8")
    text = text.replace("id: thisted", "id: nyby", 1).replace("Thisted Kommune", "Nyby Kommune")
    (data / "municipalities" / "nyby.yaml").write_text(text, encoding="utf-8")
    shutil.copy(data / "courses" / "thisted.yaml", data / "courses" / "nyby.yaml")
    monkeypatch.setenv(publisher.SCOPE_ENV, "nyby")
    today = date.fromisoformat(TEST_TODAY)
    catalogue.clear_cache()
    cat = catalogue.load(data, today)
    assert cat.scope == "nyby" and list(cat.municipalities) == ["nyby"]
    assert cat.courses and {c.municipality for c in cat.courses.values()} == {"nyby"}
    assert {ep.municipality for ep in cat.entry_points.values()} == {"nyby"}
    assert len(cat.paragraphs) == 5  # the law stays national
    assert all(r.municipality in (None, "nyby") for r in cat.rules.values())
    pages = guide_pages(cat, data)
    guides = guides_for(cat, data)
    for g in guides.values():
        for p in paths(g, ("nyby",), other=False):
            answers = [s.answer for s in p.steps]
            assert "/".join(["guide", g.id, *answers, "index.md"]) in pages
    assert not any("/thisted/" in src or OTHER_MUNICIPALITY in src for src in pages)
    catalogue.clear_cache()


# --- Scoped builds of the shipped catalogue ---------------------------------------------------


@pytest.fixture(scope="module")
def scoped_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    sites = {}
    with pytest.MonkeyPatch.context() as mp:
        for scope in SCOPES:
            mp.setenv(publisher.SCOPE_ENV, scope)
            out = tmp_path_factory.mktemp(f"site-{scope}")
            result = build(ROOT, out, TEST_TODAY)
            assert result.returncode == 0, result.stdout + result.stderr
            sites[scope] = out
    yield sites


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.options: list[str] = []
        self.outcome = False
        self.asked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("data-guide-kind") == "outcome":
            self.outcome = True
        if tag == "div" and "indgang-guide-options" in (a.get("class") or ""):
            self.asked.append(a.get("data-guide-node") or "")
        if tag == "a" and a.get("data-answer") is not None and a.get("href"):
            self.options.append(a["href"])


def walk_guide(site: Path, guide_id: str) -> tuple[set[tuple[str, ...]], set[str]]:
    """Every page reachable by answering, from the guide's start: (outcomes, nodes asked)."""
    outcomes: set[tuple[str, ...]] = set()
    asked: set[str] = set()
    todo = [f"guide/{guide_id}/"]
    seen = set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        file = site / url / "index.html"
        assert file.is_file(), f"{url}: siden findes ikke"
        parser = _Links()
        parser.feed(file.read_text(encoding="utf-8"))
        asked.update(parser.asked)
        if parser.outcome:
            outcomes.add(tuple(url.split("/")[2:-1]))
        todo += [urljoin("/" + url, href).lstrip("/") for href in parser.options]
    return outcomes, asked


def _course_links(html: str) -> set[str]:
    return set(re.findall(r'href="([a-z0-9-]+/[a-z0-9-]+)/"', html))


@pytest.mark.parametrize("scope", SCOPES)
def test_scoped_site_holds_only_its_municipality_and_the_national_law(scoped_sites, scope):
    site = scoped_sites[scope]
    today = date.fromisoformat(TEST_TODAY)
    full = catalogue.load(ROOT / "data", today)  # the national catalogue (shipped scope)
    own = [c for c in full.courses.values() if c.municipality == scope]
    assert own, scope
    # municipality pages and course pages: only its own
    assert sorted(p.name for p in (site / "kommuner").iterdir() if p.is_dir()) == [scope]
    assert sorted(p.name for p in (site / "courses").iterdir() if p.is_dir()) == [scope]
    for c in own:
        assert (site / "courses" / scope / c.id / "index.html").is_file()
    for ep in full.municipalities[scope].entry_points:
        assert ep.name in (site / "kommuner" / scope / "index.html").read_text(encoding="utf-8")
    # the finder and the search index hold only its courses
    finder = (site / "courses" / "index.html").read_text(encoding="utf-8")
    links = _course_links(finder)
    assert {link.split("/")[0] for link in links} == {scope}
    assert links == {f"{scope}/{c.id}" for c in own if c.is_active(today)}
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    course_docs = {d["location"] for d in docs if re.match(r"courses/[^/]+/[^/]+/", d["location"])}
    assert course_docs and all(loc.startswith(f"courses/{scope}/") for loc in course_docs)
    # the law is national
    for pid in full.paragraphs:
        assert (site / "paragraphs" / pid / "index.html").is_file()
    rules = (site / "snitflader" / "index.html").read_text(encoding="utf-8")
    for rule in full.rules.values():
        assert (f'id="{rule.id}"' in rules) is (rule.municipality in (None, scope)), rule.id
    # filled accessibility statement and the publisher's name in the footer
    statement = (site / "tilgaengelighed" / "index.html").read_text(encoding="utf-8")
    assert "Den kommune, der udgiver Indgang, skriver her" not in statement
    assert "har ingen udgiver" in statement  # the shipped development copy says so
    assert full.publisher.name in (site / "index.html").read_text(encoding="utf-8")
    # no page links to a page that does not exist in it
    report = check_links(site)
    assert report.broken == [] and report.links > 1000


@pytest.mark.parametrize("scope", SCOPES)
def test_scoped_guides_never_ask_for_the_municipality_and_reach_every_path(scoped_sites, scope):
    site = scoped_sites[scope]
    cat = catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY))
    for g in guides_for(cat).values():
        outcomes, asked = walk_guide(site, g.id)
        expected = {tuple(s.answer for s in p.steps) for p in paths(g, (scope,), other=False)}
        assert outcomes == expected, g.id
        municipality_nodes = {n.id for n in g.nodes.values() if n.kind == "municipality"}
        assert not asked & municipality_nodes, g.id
        if municipality_nodes:  # the step is answered in the address, as on the national site
            assert any(scope in answers for answers in outcomes)


@pytest.mark.parametrize("scope", SCOPES)
def test_every_national_page_of_the_municipality_has_the_same_path(scoped_sites, scope, site_dir):
    national = set(html_pages(site_dir))
    scoped = set(html_pages(scoped_sites[scope]))
    own = {p for p in national if f"/{scope}/" in f"/{p}"}
    assert own and own <= scoped, sorted(own - scoped)[:5]
    other = {
        m
        for m in catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY)).municipalities
        if m != scope
    }
    assert not any(f"/{m}/" in f"/{p}" for p in scoped for m in other)
    assert scoped <= national  # nothing new: a shared link works on both


# --- Publishing builds ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def publisher_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with a real (test) publisher for Ikast-Brande, a logo and a colour."""
    project = copy_project(tmp_path_factory.mktemp("publisher") / "project", ROOT / "data")
    (project / "logo").mkdir()
    (project / "logo" / "testby.svg").write_text(LOGO, encoding="utf-8")
    write_publisher(
        project / "data",
        "name: Testby Kommune\nscope: ikast-brande\nfeedback_email: indgang@testby.example.org\n"
        'logo: logo/testby.svg\nprimary_color: "#1d4f91"\n'
        "accessibility_statement_url: https://was.digst.dk/indgang-testby\n",
    )
    return project


def _publish(project: Path, out: Path, url: str | None):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(publisher.PUBLISH_ENV, "1")
        for name in (publisher.URL_ENV, publisher.PAGES_URL_ENV, publisher.SCOPE_ENV):
            mp.delenv(name, raising=False)
        if url:
            mp.setenv(publisher.URL_ENV, url)
        return build(project, out, TEST_TODAY)


def test_publishing_build_refuses_the_development_copy(tmp_path):
    result = _publish(ROOT, tmp_path / "site", TEST_URL)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Udgivelsen er afvist" in output and "demo: true" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_publishing_build_without_a_public_url_fails_in_danish(publisher_project, tmp_path):
    result = _publish(publisher_project, tmp_path / "site", None)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Udgivelsen er afvist: siden har ingen offentlig adresse" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()
    result = _publish(publisher_project, tmp_path / "site", "http://127.0.0.1:8000/")
    assert result.returncode == 1 and "ikke en offentlig adresse" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def published_site(publisher_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    result = _publish(publisher_project, out, TEST_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_published_site_uses_the_public_url_and_never_localhost(published_site):
    site = published_site
    leaks = []
    for path in site.rglob("*"):
        # Material's source maps quote its own development code; they are no page
        if not path.is_file() or path.suffix in (".map", ".gz", ".png"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "127.0.0.1" in text or "localhost" in text:
            leaks.append(path.relative_to(site).as_posix())
    assert leaks == []
    page = (site / "kommuner" / "ikast-brande" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{TEST_URL}kommuner/ikast-brande/">' in page
    assert f'"url":"{TEST_URL}kommuner/ikast-brande/"' in page  # JSON-LD
    assert f"<loc>{TEST_URL}kommuner/ikast-brande/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    calendars = list((site / "kommuner" / "ikast-brande").glob("*.ics"))
    assert calendars
    assert f"URL:{TEST_URL}kommuner/ikast-brande/" in calendars[0].read_text(encoding="utf-8")


def test_published_site_names_the_publisher_and_uses_its_logo_and_colour(published_site):
    site = published_site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Udgivet af Testby Kommune." in home
    assert 'href="mailto:indgang@testby.example.org"' in home
    assert '<img src="assets/images/udgiver-logo.svg" alt="">' in home
    assert (site / "assets" / "images" / "udgiver-logo.svg").read_text(encoding="utf-8") == LOGO
    assert "assets/stylesheets/udgiver.css" in home
    assert "#1d4f91" in (site / "assets" / "stylesheets" / "udgiver.css").read_text(
        encoding="utf-8"
    )
    statement = (site / "tilgaengelighed" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", statement))
    assert "Indgang udgives af Testby Kommune" in text
    assert 'href="https://was.digst.dk/indgang-testby"' in statement
    privacy = (site / "privatliv" / "index.html").read_text(encoding="utf-8")
    assert "Siden udgives af Testby Kommune." in privacy
