"""Citizens' own words in the site search (data/search_words.yaml, macros/catalogue/search_words.py).

- Editors' mistakes in the file are Danish FILE:LINE messages, all at once.
- The words reach only what the data says an offer is for: a course gets its target groups'
  words and (weaker) its provision's, and a course whose source does not name its provision
  gets no provision words.
- The built index: the extra fields are configured, course, provision, municipality and crisis
  entries carry their words, editor and open-data pages rank lower, every page carries the
  search help with the crisis words and the crisis outcome's phone number.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from macros.catalogue.model import CrisisLine
from macros.catalogue.search_words import SearchWords, from_rows
from macros.guides import all_data
from macros.guides.all_data import validate
from macros.site import search
from macros.views import urls

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)
FILE = "data/search_words.yaml"
GOOD = """\
- target_group: psykisk-saarbarhed
  words: [angst, Depression, "psykiske problemer"]
- target_group: adhd
  words: [adhd]
- paragraph: 82b
  words: ["6 måneder"]
- crisis: ja
  words: [selvmord, krise]
"""


def problems_in(make_data, text: str, name: str = "search_words.yaml") -> list:
    data = make_data({name: text})
    return [p for p in validate(data, TODAY).problems if p.file == f"data/{name}"]


def at(problems: list, line: int) -> list[str]:
    return [p.message for p in problems if p.line == line]


# --- Validation ------------------------------------------------------------------------------


def test_a_good_file_validates_and_builds(make_data):
    data = make_data({"search_words.yaml": GOOD})
    all_data.clear_cache()
    cat = all_data.load(data, TODAY)
    assert cat.search_words.target_groups == {
        "psykisk-saarbarhed": ["angst", "depression", "psykiske problemer"],
        "adhd": ["adhd"],
    }
    assert cat.search_words.paragraphs == {"82b": ["6 måneder"]}
    assert cat.search_words.crisis == ["selvmord", "krise"]


def test_the_file_is_optional(make_data):
    all_data.clear_cache()
    cat = all_data.load(make_data(), TODAY)
    assert cat.search_words == SearchWords()


def test_every_mistake_is_reported_at_its_line_at_once(make_data):
    text = """\
- target_group: psykisk-saarbarhd
  words: [angst]
- target_group: adhd
  paragraph: 82a
  words: [adhd]
- words: [ingen ejer]
- paragraph: 82b
- paragraph: 82b
  word: [kort]
- paragraph: 82x
  words: [frivillig]
- crisis: nej
  words: [hjælp]
- crisis: måske
  words: [hjælp]
- target_group: adhd
  words: [angst!, "et ord der er alt for langt til at være et søgeord her", koncentration]
"""
    problems = problems_in(make_data, text)
    assert all(p.severity == "fejl" for p in problems)
    first = at(problems, 1)
    assert (
        first and "«psykisk-saarbarhd»" in first[0] and "Mente du «psykisk-saarbarhed»" in first[0]
    )
    assert any(
        "netop ét af felterne" in m and "«target_group» og «paragraph»" in m
        for m in at(problems, 3)
    )
    assert any("netop ét af felterne" in m and "ingen af dem" in m for m in at(problems, 6))
    assert any("«words» mangler" in m for m in at(problems, 7))
    assert any("Ukendt felt «word»" in m and "Mente du «words»" in m for m in at(problems, 9))
    assert not at(problems, 8)  # "words is missing" would only repeat the typo's message
    assert any("«82x»" in m and "paragraph" in m for m in at(problems, 10))
    assert any("crisis: nej" in m for m in at(problems, 12))
    assert any("«måske»" in m and "crisis" in m for m in at(problems, 14))
    assert any("«angst!» har ikke den rigtige form i «words»" in m for m in at(problems, 17))
    assert any("«words» er for lang" in m and "40 tegn" in m for m in at(problems, 17))
    # koncentration on the same line is fine; nothing is reported twice
    assert len(at(problems, 17)) == 2
    assert len(problems) == len({(p.line, p.message) for p in problems})


def test_a_broken_group_name_is_one_message_not_one_per_word(make_data):
    text = "- target_group: angst\n  words: [angst, depression, stress]\n"
    problems = problems_in(make_data, text)
    assert len({(p.line, p.message) for p in problems}) == 1
    assert problems[0].line == 1 and "målgrupperne" in problems[0].message


def test_a_repeated_word_is_a_warning(make_data):
    text = "- target_group: adhd\n  words: [adhd, ADHD]\n- paragraph: 82a\n  words: [adhd]\n"
    problems = problems_in(make_data, text)
    assert [(p.line, p.severity) for p in problems] == [(2, "advarsel")]
    assert "står allerede på linje 2" in problems[0].message


def test_a_single_word_may_be_written_without_brackets(make_data):
    data = make_data({"search_words.yaml": "- target_group: adhd\n  words: adhd\n"})
    all_data.clear_cache()
    assert all_data.load(data, TODAY).search_words.target_groups == {"adhd": ["adhd"]}


def test_a_misnamed_file_is_reported_not_skipped(make_data):
    data = make_data({"search-words.yaml": GOOD})
    problems = [p for p in validate(data, TODAY).problems if p.file == "data/search-words.yaml"]
    assert problems and problems[0].line == 1 and problems[0].severity == "fejl"


def test_the_shipped_words_are_valid_and_cover_every_target_group():
    result = validate(ROOT / "data", TODAY)
    assert not [p for p in result.problems if p.file == FILE]
    words = from_rows(result.tables["search_words"])
    groups = {r["id"] for r in result.tables["target_groups"]}
    assert set(words.target_groups) == groups
    assert set(words.paragraphs) == {"82a", "82b", "82c", "82d", "85"}
    assert {"selvmord", "krise", "akut"} <= set(words.crisis)
    # Words for help no offer gives are left out on purpose (see the file's comment).
    everything = {
        w for ws in [*words.target_groups.values(), *words.paragraphs.values()] for w in ws
    }
    assert not {"psykolog", "misbrug"} & everything


# --- Which pages get which words -------------------------------------------------------------


@pytest.fixture
def small(make_data):
    data = make_data({"search_words.yaml": GOOD})
    all_data.clear_cache()
    return all_data.load(data, TODAY)


def test_a_course_gets_its_target_groups_words_and_its_provisions(small):
    course = small.courses["testby/individuel-stoette"]  # adhd, psykisk-saarbarhed; § 82 b
    words = search.course_words(small, course)
    assert words == {
        "words": ["adhd", "angst", "depression", "psykiske problemer"],
        "related_words": ["6 måneder"],
    }
    entry = search.course_entry(_view(small, course), "courses/testby/x.md", words)
    assert entry["words"] == "adhd angst depression psykiske problemer"
    assert entry["related_words"] == "6 måneder"


def test_no_provision_words_where_the_source_does_not_name_the_provision(small):
    course = small.courses["testby/individuel-stoette"]
    course.paragraph_stated = False
    assert search.course_words(small, course)["related_words"] == []


def test_provision_and_municipality_pages_get_their_words(small):
    words = search.page_words(small)
    assert words[urls.page_url(urls.paragraph("82b"))] == {"words": "6 måneder"}
    testby = words[urls.page_url(urls.municipality("testby"))]
    assert set(testby) == {"related_words"}  # weaker: the page only leads to the courses
    related = testby["related_words"]
    assert all(w in related for w in ("angst", "adhd", "psykiske problemer", "6 måneder"))


def _view(cat, course):
    from macros.views.course_page import course_view

    return course_view(cat, course, urls.course(course.municipality, course.id))


# --- The built site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))


def _docs(index: dict) -> dict[str, dict]:
    return {d["location"]: d for d in index["docs"]}


def test_the_index_knows_the_word_fields(index):
    fields = index["config"]["fields"]
    assert fields["words"]["boost"] >= fields["title"]["boost"]
    assert fields["text"]["boost"] < fields["related_words"]["boost"] < fields["words"]["boost"]


def test_courses_for_a_target_group_carry_its_words(index):
    cat = all_data.load(ROOT / "data", TODAY)
    docs = _docs(index)
    for course in cat.courses.values():
        doc = docs[urls.page_url(urls.course(course.municipality, course.id))]
        has_words = "hjerneskade" in doc.get("words", "").split()
        assert has_words == ("senhjerneskade" in course.target_groups), doc["location"]


def test_provision_municipality_and_crisis_pages_carry_their_words(index):
    docs = _docs(index)
    assert "6 måneder" in docs["paragraphs/82b/"]["words"]
    assert "bostøtte" in docs["paragraphs/85/"]["words"]
    assert "ensomhed" in docs["kommuner/frederikshavn/"]["related_words"]
    crisis = docs["guide/stoette/krise/"]
    assert "selvmord" in crisis["words"].split() and "112" in crisis["text"]


def test_editor_and_open_data_pages_rank_below_citizens_pages(index):
    docs = _docs(index)
    for location in ("redaktoer/", "data/"):
        assert docs[location]["boost"] < 0.1
        sections = [d for d in index["docs"] if d["location"].startswith(location + "#")]
        assert sections and all(d.get("boost", 1) < 0.1 for d in sections)
    for location in ("", "courses/", "guide/stoette/", "kommuner/", "paragraphs/85/"):
        assert docs[location].get("boost", 1) == 1, location


def test_every_page_carries_the_search_help(site_dir: Path):
    cat = all_data.load(ROOT / "data", TODAY)
    for page in ("index.html", "courses/ikast-brande/nada/index.html", "404.html"):
        html = (site_dir / page).read_text("utf-8")
        block = re.search(r'<div id="indgang-search-help" hidden[^>]*>', html)
        assert block, page
        words = re.search(r'data-crisis-words="([^"]*)"', block.group(0))
        assert json.loads(unescape(words.group(1))) == cat.search_words.crisis
        assert 'href="tel:112">Ring 112</a>' in html
        assert 'data-search-help="empty"' in html
    # The links are right from a deep page too (the markup is shared by pages of one depth).
    deep = (site_dir / "courses/ikast-brande/nada/index.html").read_text("utf-8")
    for target in ("courses/", "kommuner/", "guide/stoette/", "guide/stoette/krise/"):
        assert f'href="../../../{target}"' in deep, target


def test_the_search_help_calls_every_crisis_line():
    """The crisis help in the search box takes its numbers from data/crisis.yaml, like the
    crisis page: a line an editor adds there (with its source) is offered here too."""
    cat = all_data.load(ROOT / "data", TODAY)
    shipped = [line.href for line in cat.crisis_lines]
    assert shipped and [x["href"] for x in search.help_view(cat)["crisis"]["lines"]] == shipped
    added = CrisisLine(
        id="test-linje",
        name="Testlinjen",
        phone="70 00 00 00",  # not a real line: this catalogue exists only in this test
        when="Når testen kører.",
        source=cat.crisis_lines[0].source,
        reviewed=TODAY,
    )
    more = dataclasses.replace(cat, crisis_lines=[*cat.crisis_lines, added])
    lines = search.help_view(more)["crisis"]["lines"]
    assert [x["href"] for x in lines] == [*shipped, "tel:70000000"]
    assert lines[-1]["phone"] == "70 00 00 00"
