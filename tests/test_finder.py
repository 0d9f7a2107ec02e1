"""Unit tests for macros/exports/finder.py (the course finder's list, form and index) and bench/synth.py."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.synth import make_catalogue
from macros.catalogue import model as catalogue
from macros.domain import danish
from macros.exports import finder, static_files
from macros.guides import all_data
from macros.guides.all_data import validate
from macros.views import urls
from macros.views.courses import duration_text
from macros.views.render import render
from tests.helpers import finder_search

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)
HERE = urls.COURSES

ENDED = """
- id: sluttet
  title: Et forløb der er slut
  paragraph: 82a
  format: gruppe
  entry_point: indgangen
  target_groups: [ensomhed]
  description: Slut.
  duration:
    weeks: 4
  access: uvisiteret
  active_from: 2025-01-01
  active_to: 2026-11-21
  source: kilde-a
  reviewed: 2026-11-01
- id: sidste-dag
  title: Angstgruppe på sidste dag
  paragraph: "85"
  format: aaben
  entry_point: indgangen
  target_groups: [ensomhed, adhd]
  description: Sidste dag i dag.
  duration:
    weeks: 4
  schedule:
    - days: [lørdag]
  access: uvisiteret
  active_to: 2026-11-22
  source: kilde-a
  reviewed: 2026-11-01
- id: kommende
  title: „Åben café“ fra næste år
  paragraph: 82a
  format: aaben
  entry_point: indgangen
  target_groups: [ensomhed]
  description: Starter senere.
  duration:
    note: Løbende.
  access: uvisiteret
  active_from: 2027-01-04
  source: kilde-a
  reviewed: 2026-11-01
"""


@pytest.fixture
def cat(make_data) -> catalogue.Catalogue:
    base = (ROOT / "tests" / "fixtures" / "minimal" / "courses" / "testby.yaml").read_text("utf-8")
    vocabularies = (ROOT / "data" / "vocabularies.yaml").read_text("utf-8")
    data = make_data({"courses/testby.yaml": base + ENDED, "vocabularies.yaml": vocabularies})
    all_data.clear_cache()
    return all_data.load(data, TODAY)


@pytest.fixture(scope="module")
def shipped() -> catalogue.Catalogue:
    return all_data.load(ROOT / "data", TODAY)


# --- Danish text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Åben Café", "aaben cafe"),
        ("ÆBLE og ØL", "aeble og oel"),
        ("Hjørring Kommune", "hjoerring kommune"),
        ("„Kroppen husker“ inkl. vibrationstræning", "kroppen husker inkl vibrationstraening"),
        ("§ 82 a", "82 a"),
        ("Ikast-Brande", "ikast brande"),
        ("Sønderborg – Tønder", "soenderborg toender"),
        ("naïve Zoë", "naive zoe"),
        ("  ", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert finder.fold(text) == folded


@pytest.mark.parametrize(
    ("haystack", "query", "found"),
    [
        ("Angstgruppe", "angst", True),
        ("Angstgruppe", "ANGST", True),
        ("Angstgruppe", "gruppe", True),
        ("Åben café", "aaben", True),
        ("Aaben café", "åben", True),
        ("Åben café", "ÅBEN CAFE", True),
        ("Mit liv med ADHD", "liv adhd", True),
        ("Mit liv med ADHD", "liv autisme", False),
        ("Samtaleforløb", "forloeb", True),
        ("Samtaleforløb", "forlob", False),
        ("Nada", "", True),
    ],
)
def test_matches(haystack: str, query: str, found: bool) -> None:
    assert finder_search.matches(finder.fold(haystack), query) is found


def test_sort_key_danish_order() -> None:
    names = ["Ærø", "Aarhus", "Zealand", "Ørsted", "Åbo", "„Kroppen husker“", "assens", "Lolland"]
    assert sorted(names, key=finder.sort_key) == [
        "Aarhus",
        "assens",
        "„Kroppen husker“",
        "Lolland",
        "Zealand",
        "Ærø",
        "Ørsted",
        "Åbo",
    ]


# --- Which courses, in which order --------------------------------------------------------------


def test_finder_lists_active_courses_only(cat: catalogue.Catalogue) -> None:
    listed = [c.id for c in finder.finder_courses(cat)]
    assert "sluttet" not in listed  # active_to yesterday
    assert "sidste-dag" in listed  # active_to today: still active
    assert "kommende" in listed  # starts later: listed, marked
    assert sorted(listed) == sorted(c.id for c in cat.courses.values() if c.is_active(TODAY))


def test_finder_order_is_municipality_then_title(shipped: catalogue.Catalogue) -> None:
    listed = finder.finder_courses(shipped)
    keys = [
        (finder.sort_key(shipped.municipalities[c.municipality].name), finder.sort_key(c.title))
        for c in listed
    ]
    assert keys == sorted(keys)
    assert len(listed) == len(shipped.active_courses())


# --- The index -------------------------------------------------------------------------------


def test_index_rows_decode_to_the_courses(shipped: catalogue.Catalogue) -> None:
    index = finder.finder_index(shipped)
    courses = finder.finder_courses(shipped)
    cols, values = index["courses"], index["values"]
    assert index["n"] == len(courses) == len(shipped.active_courses())
    assert all(len(col) == index["n"] for col in cols.values())
    for row, c in enumerate(courses):
        assert values["municipality"][cols["municipality"][row]] == c.municipality
        assert values["paragraph"][cols["paragraph"][row]] == finder.filed_paragraph(c)
        assert values["format"][cols["format"][row]] == c.format
        assert values["access"][cols["access"][row]] == c.access
        groups = [
            v for i, v in enumerate(values["target_group"]) if cols["target_group"][row] >> i & 1
        ]
        assert sorted(groups) == sorted(c.target_groups)
        days = {v for i, v in enumerate(values["weekday"]) if cols["weekday"][row] >> i & 1}
        expected = {finder.WEEKDAYS[d] for w in c.schedule for d in w.days}
        assert days == expected
        assert cols["text"][row] == finder.fold(c.title)


def test_index_uses_url_parameter_names_other_pages_link_to(shipped: catalogue.Catalogue) -> None:
    index = finder.finder_index(shipped)
    assert index["params"]["municipality"] == "kommune"
    assert index["params"]["paragraph"] == "paragraf"
    assert set(index["params"].values()) == {
        "kommune",
        "paragraf",
        "form",
        "maalgruppe",
        "adgang",
        "dag",
        "soeg",
    }
    assert "q" not in index["params"].values()  # Material's site search owns ?q=


def test_index_json_is_compact_and_tokened(shipped: catalogue.Catalogue) -> None:
    text = finder.index_json(shipped)
    data = json.loads(text)
    assert ": " not in text and ", " not in text.replace('", "', "")
    assert data == finder.finder_index(shipped)
    assert len(data["token"]) == 12
    assert finder.finder_view(shipped, HERE)["token"] == data["token"]


def test_token_changes_with_the_data(
    cat: catalogue.Catalogue, shipped: catalogue.Catalogue
) -> None:
    assert finder.finder_index(cat)["token"] != finder.finder_index(shipped)["token"]


def test_weekday_values_are_ascii_and_from_schedules(cat: catalogue.Catalogue) -> None:
    index = finder.finder_index(cat)
    # individuel-stoette meets Monday and Wednesday; sidste-dag on Saturday
    assert index["values"]["weekday"] == ["mandag", "onsdag", "loerdag"]
    assert finder.fold("lørdag").replace(" ", "-") == "loerdag"
    assert set(finder.WEEKDAYS) >= set(index["values"]["weekday"])
    assert len(finder.WEEKDAYS) == len(danish.WEEKDAYS)


def test_haystack_covers_title_place_municipality_and_target_groups(
    cat: catalogue.Catalogue,
) -> None:
    index = finder.finder_index(cat)
    row = [c.id for c in finder.finder_courses(cat)].index("sidste-dag")
    hay = finder_search.haystack(index, row)
    for query in ("angst", "sidste", "indgangen", "testby", "ensom", "adhd", "85", "åbent tilbud"):
        assert finder_search.matches(hay, query), query
    assert not finder_search.matches(hay, "autisme")


def test_static_files_publish_the_index(shipped: catalogue.Catalogue) -> None:
    files = static_files.generated_static(shipped)
    assert files[finder.INDEX_PATH] == finder.index_json(shipped)


# --- The view and the rendered list ------------------------------------------------------------


def test_view_groups_by_municipality_with_counts(shipped: catalogue.Catalogue) -> None:
    view = finder.finder_view(shipped, HERE)
    assert sum(g["count"] for g in view["groups"]) == view["total"] == len(shipped.active_courses())
    per_municipality = Counter(c.municipality for c in shipped.active_courses())
    assert {g["id"]: g["count"] for g in view["groups"]} == dict(per_municipality)
    for g in view["groups"]:
        assert g["count_text"] == f"{g['count']} {'kursus' if g['count'] == 1 else 'kurser'}"
        for item in g["courses"]:
            municipality, course_id = item["key"].split("/")
            assert item["href"] == f"{municipality}/{course_id}/"
            assert item["href"] == urls.href(HERE, urls.course(municipality, course_id))


def test_view_option_counts_count_active_courses(shipped: catalogue.Catalogue) -> None:
    view = finder.finder_view(shipped, HERE)
    active = shipped.active_courses()
    paragraphs = {o["value"]: o["count"] for o in view["options"]["paragraph"]}
    per_paragraph = {
        p: sum(1 for c in active if finder.filed_paragraph(c) == p)
        for p in [*shipped.paragraphs, finder.NOT_STATED]
    }
    # Only paragraphs with courses are offered (a filter that gives nothing is no help).
    assert paragraphs == {p: n for p, n in per_paragraph.items() if n}
    groups = {o["value"]: o["count"] for o in view["options"]["target_group"]}
    assert groups["adhd"] == sum(1 for c in active if "adhd" in c.target_groups)


def test_upcoming_course_says_when_it_starts(cat: catalogue.Catalogue) -> None:
    view = finder.finder_view(cat, HERE)
    items = {i["key"]: i for g in view["groups"] for i in g["courses"]}
    assert items["testby/kommende"]["starts"] == "4. januar 2027"
    assert items["testby/nada"]["starts"] == ""
    assert "Mødes: lørdag." in items["testby/sidste-dag"]["facts"]
    duration = duration_text(cat.courses["testby/nada"]).rstrip(".")
    assert items["testby/nada"]["facts"] == [
        f"Varighed: {duration}.",
        "Adgang: Uden henvisning – kontakt direkte.",
    ]


def test_empty_result_offers_the_citizen_guide(shipped: catalogue.Catalogue) -> None:
    guide = finder.finder_view(shipped, HERE)["guide"]
    assert guide["href"] == "../guide/stoette/"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _rendered(cat: catalogue.Catalogue) -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    html = render("partials/indgang/finder.html", v=finder.finder_view(cat, HERE))
    parser = _Collect()
    parser.feed(html)
    return html, parser.tags


def test_rendered_list_is_complete_without_javascript(cat: catalogue.Catalogue) -> None:
    html, tags = _rendered(cat)
    items = [a for t, a in tags if t == "li" and a.get("class") == "indgang-finder__item"]
    assert len(items) == len(cat.active_courses())
    links = [a["href"] for t, a in tags if t == "a" and a.get("class") == "indgang-finder__title"]
    assert links == [
        urls.href(HERE, urls.course(c.municipality, c.id)) for c in finder.finder_courses(cat)
    ]
    assert "Et forløb der er slut" not in html
    assert "Starter 4. januar 2027." in html


def test_rendered_form_is_labelled_and_hidden_until_script_runs(cat: catalogue.Catalogue) -> None:
    html, tags = _rendered(cat)
    form = next(a for t, a in tags if t == "form")
    assert "hidden" in form and form["method"] == "get" and form["action"] == "./"
    ids = [a["id"] for _, a in tags if a.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    label_for = {a["for"] for t, a in tags if t == "label" and a.get("for")}
    for t, a in tags:
        if t == "select" or (t == "input" and a.get("type") == "search"):
            assert a["id"] in label_for
    names = {a["name"] for t, a in tags if t in ("input", "select") and a.get("name")}
    assert names == set(finder.PARAMS.values())
    assert html.count("<fieldset") == html.count("<legend>")


def test_rendered_html_is_one_markdown_block(cat: catalogue.Catalogue) -> None:
    html, _ = _rendered(cat)
    body = html.strip("\n")
    assert "\n\n" not in body, "a blank line would end the raw HTML block in Markdown"
    assert not any(line.startswith("    ") for line in body.splitlines())


def test_text_from_data_is_escaped(make_data) -> None:
    base = (ROOT / "tests" / "fixtures" / "minimal" / "courses" / "testby.yaml").read_text("utf-8")
    data = make_data({"courses/testby.yaml": base.replace("title: Nada", 'title: "<b>Nada</b>"')})
    all_data.clear_cache()
    html, _ = _rendered(all_data.load(data, TODAY))
    assert "&lt;b&gt;Nada&lt;/b&gt;" in html and "<b>Nada" not in html


# --- The synthetic catalogue ----------------------------------------------------------------------


def test_synthetic_catalogue_validates(tmp_path: Path) -> None:
    data = make_catalogue(tmp_path / "data", municipalities=4, courses_per=50, today=TODAY)
    result = validate(data, TODAY)
    errors = [p for p in result.problems if p.severity == "fejl"]
    assert not errors, [p.human() for p in errors]
    assert len(list((data / "municipalities").glob("*.yaml"))) == 4
    all_data.clear_cache()
    cat = all_data.load(data, TODAY)
    assert len(cat.courses) == 200
    ended = [c for c in cat.courses.values() if not c.is_active(TODAY)]
    later = [c for c in cat.courses.values() if not c.has_started(TODAY)]
    assert ended and later and any(c.schedule for c in cat.courses.values())
    assert any(c.title.startswith("Angstgruppe") for c in cat.courses.values())
    assert {"aalborg", "hjoerring", "ikast-brande"} <= set(cat.municipalities)


def test_synthetic_catalogue_is_reproducible(tmp_path: Path) -> None:
    a = make_catalogue(tmp_path / "a", municipalities=4, courses_per=5, today=TODAY)
    b = make_catalogue(tmp_path / "b", municipalities=4, courses_per=5, today=TODAY)
    for path in sorted((a / "courses").glob("*.yaml")):
        assert path.read_text("utf-8") == (b / "courses" / path.name).read_text("utf-8")


def test_synthetic_catalogue_refuses_a_full_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("x")
    with pytest.raises(ValueError):
        make_catalogue(tmp_path / "x", municipalities=4, courses_per=1, today=TODAY)


def test_script_knows_the_text_parameter() -> None:
    """finder.js and macros/exports/finder.py agree on the free-text parameter."""
    script = (
        ROOT / "site_templates" / "overrides" / "assets" / "javascripts" / "finder.js"
    ).read_text()
    assert f'var TEXT_PARAM = "{finder.PARAMS["text"]}";' in script


def test_a_course_without_a_stated_provision_is_not_filed_under_one(
    shipped: catalogue.Catalogue,
) -> None:
    """Det Sociale Pitstop's talks: the source names no provision, so a filter for § 82 b
    must not find them; they sit under «Paragraf ikke oplyst» (issue 14)."""
    index = finder.finder_index(shipped)
    courses = finder.finder_courses(shipped)
    unstated = [row for row, c in enumerate(courses) if not c.paragraph_stated]
    assert unstated, "the shipped data has courses whose source names no provision"
    filed = {index["values"]["paragraph"][index["courses"]["paragraph"][r]] for r in unstated}
    assert filed == {finder.NOT_STATED}
    view = finder.finder_view(shipped, "courses/")
    labels = [o["label"] for o in view["options"]["paragraph"]]
    assert labels[-1] == finder.NOT_STATED_LABEL
    assert "ikke oplyst" not in view["absent_note"]["paragraph"]
