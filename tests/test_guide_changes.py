"""Issue 14, point 6: every path of both guides walked on the built site, with the changes
asserted (a lasting disability is not routed only to § 82, no link to an empty course list,
a § 85 application ends in a decision that can be appealed, the caseworker check grants § 85
and checks the target group without an application, "nedenfor" never points up, caseworker
pages speak of "borgeren")."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from macros.guides import all_data
from macros.guides.load import known_from_catalogue, load_guides
from macros.guides.model import GuidePath
from macros.guides.walk import paths
from macros.views import guide_views

ROOT = Path(__file__).resolve().parent.parent
CAT = all_data.load(ROOT / "data", date(2026, 11, 22))
GUIDES, _ = load_guides(ROOT / "data", known_from_catalogue(CAT))
MUNICIPALITIES = tuple(CAT.municipalities)
CITIZEN_WORDS = re.compile(r"\b(du|dig|din|dit|dine)\b", re.IGNORECASE)


class _Outcome(HTMLParser):
    """Text by block (rule items, paragraph cards, the rest), finder links and no-course notes."""

    def __init__(self) -> None:
        super().__init__()
        self.finder: list[str] = []
        self.no_courses: list[str] = []
        self.rules: list[str] = []
        self.cards: list[str] = []
        self.headings: list[str] = []  # h2 ids in order
        self.section_text: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str | None]] = []  # (tag, block kind)
        self._section = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "data-finder" in a:
            self.finder.append(a["href"])
        if "data-no-courses" in a:
            self.no_courses.append(a["data-no-courses"])
        if tag == "h2" and a.get("id"):
            self._section = a["id"]
            self.headings.append(a["id"])
        kind = None
        if "data-rule-item" in a:
            kind = "rule"
            self.rules.append("")
        elif "indgang-guide-paragraph" in (a.get("class") or ""):
            kind = "card"
            self.cards.append("")
        if tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self._stack.append((tag, kind))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        kinds = {k for _, k in self._stack if k}
        if "rule" in kinds:
            self.rules[-1] += " " + data
        elif "card" in kinds:
            self.cards[-1] += " " + data
        self.section_text.setdefault(self._section, []).append(data)

    def text_of(self, section: str) -> str:
        return re.sub(r"\s+", " ", " ".join(self.section_text.get(section, [])))


def walk(site_dir: Path, guide_id: str) -> list[tuple[GuidePath, _Outcome]]:
    g = GUIDES[guide_id]
    out = []
    for path in paths(g, MUNICIPALITIES):
        url = guide_views.page_src(guide_id, path.answers).removesuffix("index.md")
        page = site_dir / url / "index.html"
        assert page.exists(), url
        parsed = _Outcome()
        parsed.feed(page.read_text(encoding="utf-8"))
        out.append((path, parsed))
    return out


@pytest.fixture(scope="module")
def citizen(site_dir):
    return walk(site_dir, "stoette")


@pytest.fixture(scope="module")
def caseworker(site_dir):
    return walk(site_dir, "snitflade")


def _answers(path: GuidePath) -> dict[str, str]:
    return {s.node: s.answer for s in path.steps}


def test_every_path_of_both_guides_is_walked(citizen, caseworker):
    assert len(citizen) == 2 + 10 * (len(MUNICIPALITIES) + 1)
    assert len(caseworker) == 11
    assert {p.outcome for p, _ in citizen} == {
        n.id for n in GUIDES["stoette"].nodes.values() if n.kind == "outcome"
    }
    assert {p.outcome for p, _ in caseworker} == {
        n.id for n in GUIDES["snitflade"].nodes.values() if n.kind == "outcome"
    }


def test_a_lasting_disability_is_not_routed_only_to_82(citizen):
    asked = [p for p, _ in citizen if "varigt" in _answers(p)]
    # everyone who manages most things alone is asked, and nobody else
    assert {p for p, _ in citizen if _answers(p).get("hverdag") == "lidt"} == set(asked)
    for path, page in citizen:
        if _answers(path).get("varigt") == "ja":
            assert path.outcome == "stoette-varigt"
            node = GUIDES["stoette"].nodes[path.outcome]
            assert "85" in node.paragraphs and "P6" in node.rules
            text = page.text_of("regler")
            assert "hjerneskade, udviklingshæmning eller demens" in text
            assert "§ 85" in page.text_of("paragraffer")


def test_no_outcome_links_to_an_empty_course_list(citizen, caseworker):
    for path, page in citizen + caseworker:
        for href in page.finder:
            query = parse_qs(urlsplit(href).query)
            m, p = query.get("kommune", [None])[0], query["paragraf"][0]
            assert any(
                c.is_active(CAT.today) for c in CAT.courses_of(municipality=m, paragraph=p)
            ), (
                path.answers,
                href,
            )
        node = (GUIDES["stoette"] if path.steps[0].node == "krise" else GUIDES["snitflade"]).nodes[
            path.outcome
        ]
        listed = [parse_qs(urlsplit(h).query)["paragraf"][0] for h in page.finder]
        if path.steps[0].node == "krise":  # the citizen guide points to the finder
            assert sorted(listed + page.no_courses) == sorted(node.paragraphs), path.answers
    slagelse_85 = next(
        page
        for path, page in citizen
        if path.outcome == "stoette-85" and _answers(path)["kommune"] == "slagelse"
    )
    assert slagelse_85.no_courses == ["85"] and slagelse_85.finder == []
    assert "Der er ikke registreret kurser efter § 85 i Slagelse Kommune endnu." in (
        slagelse_85.text_of("videre")
    )


def test_a_85_application_ends_in_a_decision_that_can_be_appealed(citizen):
    for path, page in citizen:
        if path.outcome in ("stoette-85", "stoette-varigt"):
            text = page.text_of("videre")
            assert "Bagefter får du svar" not in text
            assert "afgørelse" in text and "klage" in text, path.answers
    assert "skriftligt" in GUIDES["stoette"].text("stoette-85", "next_steps")


def test_caseworker_check_grants_85_and_checks_the_target_group_without_an_application(
    caseworker,
):
    g = GUIDES["snitflade"]
    assert g.text("giv-85", "title") == "Bevilg støtte efter § 85"
    assert "før du vælger et tilbud efter § 82" not in g.text("giv-85", "lead")
    assert "skal kommunen bevilge støtte efter § 85" in g.text("giv-85", "lead")
    by_answers = {p.answers: (p, page) for p, page in caseworker}
    # not applied for § 85: the target group is asked before any § 82 offer
    for answers, (path, _page) in by_answers.items():
        if answers[:2] == ("give-82", "nej"):
            assert path.steps[2].node == "personkreds-uden", answers
            if path.outcome in ("giv-82a", "giv-82b", "82b-brugt", "82b-for-kort"):
                assert answers[2] == "nej", answers  # only outside the § 85 target group
    path, page = by_answers[("give-82", "nej", "ja")]
    assert path.outcome == "tilbyd-85"
    assert "R4" in g.rules_of(g.nodes["tilbyd-85"])
    assert "Kommunen skal yde § 85 støtte til borgere, som er i personkredsen herfor." in (
        page.text_of("regler")
    )
    assert by_answers[("give-82", "nej", "uafklaret")][0].outcome == "afklar-85"


def test_nedenfor_never_points_up(citizen, caseworker):
    for path, page in citizen + caseworker:
        for section in page.headings:
            text = page.text_of(section)
            if "nedenfor" not in text:
                continue
            later = page.headings[page.headings.index(section) + 1 :]
            # something the reader is sent to must follow: rules, places or further sections
            assert later and later != ["dine-svar"], (path.answers, section)
            if section == "videre":  # places below the next steps: only with a municipality
                assert "kommune" in _answers(path), (path.answers, text)
        assert "nedenfor" not in page.text_of("bagefter"), path.answers


def test_caseworker_pages_speak_of_the_citizen_not_to_them(caseworker):
    for path, page in caseworker:
        assert page.rules and page.cards, path.answers
        for block in page.rules + page.cards:
            words = block.replace("Din Indgang", "")  # a name (in a source's title)
            assert not CITIZEN_WORDS.search(words), (path.answers, block)
    # the citizens' guide still speaks to the citizen
    g = GUIDES["stoette"]
    assert CITIZEN_WORDS.search(g.text("stoette-85", "lead"))


HREF = re.compile(r'href="([^"]*courses/\?[^"]*)"')


def test_no_page_of_the_site_links_to_an_empty_course_list(site_dir):
    checked = 0
    for page in site_dir.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for href in HREF.findall(html):
            query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
            m = query.get("kommune", [None])[0]
            p = query.get("paragraf", [None])[0]
            courses = CAT.courses_of(municipality=m, paragraph=p)
            assert any(c.is_active(CAT.today) for c in courses), (str(page), href)
            checked += 1
    assert checked > 100
    municipality_pages = [
        (site_dir / "kommuner" / m / "index.html").read_text(encoding="utf-8")
        for m in CAT.municipalities
    ]
    assert not any(re.search(r"Se alle 1 kurser", html) for html in municipality_pages)
    assert any(
        "Se kurset i Thisted Kommune i kursusfinderen" in html for html in municipality_pages
    )
