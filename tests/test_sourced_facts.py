"""The facts the sources give (data/facts.yaml) are on their pages, each with its source, and
every quote is the source's own words."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.catalogue import model as catalogue

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"  # a copy of the source documents (tests/seeds/README.md)
CAT = catalogue.load(ROOT / "data", date(2026, 11, 22))
SEED_OF_SOURCE = {
    "slagelse-indgang82-2018": "001_bbb1ba1959de148b.txt",
    "nordjylland-evaluering-2021": "002_1fe8372d77227625.txt",
    "ikast-brande-2026": "003_8b148d54151f7e23.txt",
    "ankestyrelsen-2019": "004_c998b6459347ff44.txt",
}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class _Element(HTMLParser):
    """The text of every element with an id starting with `prefix`, by id."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.found: dict[str, list[str]] = {}
        self._open: list[tuple[str, int]] = []  # (id, depth at which it opened)
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self._depth += 1
        element_id = dict(attrs).get("id") or ""
        if element_id.startswith(self.prefix) and element_id.count("-titel") == 0:
            self._open.append((element_id, self._depth))
            self.found.setdefault(element_id, [])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._open and self._open[-1][1] == self._depth:
            self._open.pop()
        self._depth -= 1

    def handle_data(self, data):
        for element_id, _ in self._open:
            self.found[element_id].append(data)


def facts_on(site_dir: Path, url: str) -> dict[str, str]:
    parser = _Element("fakta-")
    parser.feed((site_dir / url / "index.html").read_text(encoding="utf-8"))
    return {k: re.sub(r"\s+", " ", " ".join(v)) for k, v in parser.found.items()}


def pages_of(fact: catalogue.Fact) -> list[str]:
    if fact.municipality:
        return [f"kommuner/{fact.municipality}"]
    if fact.provision:
        return ["paragraphs", "snitflader"]
    if fact.paragraph:
        return [f"paragraphs/{fact.paragraph}", "paragraphs"]
    return ["paragraphs"]


def normalise(text: str) -> str:
    """Words split at a line end joined again, all white space one space."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def test_every_fact_is_on_its_pages_with_its_source(site_dir):
    assert len(CAT.facts) >= 25
    for fact in CAT.facts:
        for url in pages_of(fact):
            shown = facts_on(site_dir, url)
            assert f"fakta-{fact.id}" in shown, (fact.id, url)
            text = shown[f"fakta-{fact.id}"]
            assert fact.text in text, (fact.id, url)
            source = CAT.sources[fact.source]
            assert f"Kilde: {source.title}, {source.publisher}" in text, (fact.id, url)
            if fact.quote:
                assert f"»{fact.quote}«" in text, (fact.id, url)


def test_no_fact_of_a_municipality_is_shown_elsewhere(site_dir):
    for m in CAT.municipalities:
        shown = facts_on(site_dir, f"kommuner/{m}")
        own = {f"fakta-{f.id}" for f in CAT.facts if f.municipality == m}
        assert set(shown) == own, m
    for url in ("paragraphs", "snitflader", *(f"paragraphs/{p}" for p in CAT.paragraphs)):
        ids = {k.removeprefix("fakta-") for k in facts_on(site_dir, url)}
        local = {f.id for f in CAT.facts if f.municipality}
        assert not ids & local, url


@pytest.mark.parametrize("source", sorted(SEED_OF_SOURCE))
def test_every_quote_is_in_its_source_word_for_word(source):
    seed = SEEDS / SEED_OF_SOURCE[source]
    assert seed.exists(), f"the source documents belong in {SEEDS}"
    text = normalise(seed.read_text(encoding="utf-8"))
    quoted = [f for f in CAT.facts if f.source == source and f.quote]
    assert quoted
    for fact in quoted:
        assert normalise(fact.quote) in text, fact.id


# The issue's list, each checked on the page where a reader looks for it.
EXPECTED = {
    "kommuner/slagelse": [
        "dagligt at tage imod nye borgere",
        "afklarende samtaler, individuelle forløb og modtagelse af nye borgere på alle hverdage",
        "akut-funktion og en online-funktion",
        "tovholder-funktion",
        "7 årsværk (fuldtidsstillinger) og 150 borgere i forløb om året",
    ],
    "kommuner/ikast-brande": [
        "akutordningen (§ 82 c)",
        "kommunens væresteder",
        "Socialkompas.dk",
        "Åben Rådgivning",
        "alle ugens dage kl. 8-22, også i weekender og på helligdage",
        "1-3 gange om ugen",
        "personlig og praktisk hjælp efter § 83",
        "ledsagelse efter § 97",
        "hvis borgeren vurderes indenfor målgruppen",
        "hvis afklaringsteamet vurderer, at du er i målgruppen",
    ],
    "kommuner/thisted": ["førtidspensionister", "§ 104"],
    "paragraphs": [
        "64 procent af kommunerne",
        "53 procent af kommunerne",
        "33 procent af kommunerne",
        "24 procent af kommunerne",
        "92 kommuner besvarede",
        "§ 12: Råd og vejledning",
        "§ 83: Personlig pleje og praktisk hjælp",
        "§ 83 a: Rehabiliteringsforløb",
        "§ 99: Støtte- og kontaktperson",
        "§ 104: Aktivitets- og samværstilbud",
        "§ 107: Midlertidigt botilbud",
    ],
    "snitflader": ["§ 12: Råd og vejledning", "§ 107: Midlertidigt botilbud"],
    "paragraphs/82b": ["64 procent af kommunerne"],
    "paragraphs/82a": ["53 procent af kommunerne"],
    "paragraphs/82c": ["33 procent af kommunerne"],
}


@pytest.mark.parametrize("url", sorted(EXPECTED))
def test_the_issue_facts_are_on_their_pages(site_dir, url):
    text = " ".join(facts_on(site_dir, url).values())
    for phrase in EXPECTED[url]:
        assert phrase in text, (url, phrase)


def test_neighbour_provisions_come_in_the_order_of_their_numbers(site_dir):
    html = (site_dir / "paragraphs" / "index.html").read_text(encoding="utf-8")
    order = [html.index(f">{n}: ") for n in ("§ 12", "§ 83", "§ 83 a", "§ 99", "§ 104", "§ 107")]
    assert order == sorted(order)


def test_the_local_14_day_rule_states_its_condition():
    assert "hvis teamet vurderer, at du er i målgruppen" in CAT.rules["L2"].statement


def test_a_fact_of_an_entry_point_needs_its_municipality(make_data):
    from macros.catalogue.validate import validate

    facts = (
        "- id: uden-kommune\n"
        '  text: "Noget om en indgang."\n'
        "  entry_point: indgangen\n"
        "  source: kilde-a\n"
        "- id: anden-paragraf\n"
        '  text: "Noget om § 99."\n'
        '  provision: "§ 99"\n'
        "  source: kilde-a\n"
        "- id: forkert-kommune\n"
        '  text: "Noget."\n'
        "  municipality: testbyy\n"
        "  source: kilde-a\n"
    )
    problems = validate(make_data({"facts.yaml": facts}), date(2026, 11, 22)).problems
    by_line = {p.line: p.message for p in problems if p.file == "data/facts.yaml"}
    assert "skal også have feltet «municipality»" in by_line[3]
    assert "skal have feltet «title»" in by_line[7]
    assert "«testbyy» i «municipality» findes ikke" in by_line[11]
    assert "Mente du «testby»?" in by_line[11]
