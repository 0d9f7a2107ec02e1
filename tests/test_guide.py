"""The decision guides: loader errors (file + line), path enumeration, pages, diagram, CLI.

Error cases start from one small valid guide (BASE) and change one thing each. The real
guides in data/guides/ are checked against the real catalogue.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from macros.catalogue import model as catalogue
from macros.guides import all_data, check, walk
from macros.guides.all_data import validate
from macros.guides.check import Known
from macros.guides.load import check_guides, known_from_catalogue, known_from_tables, load_guides
from macros.guides.model import ANY_MUNICIPALITY, OTHER_MUNICIPALITY, Guide, Step
from macros.views import guide_views, urls

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = date(2026, 11, 22)
FILE = "data/guides/test.yaml"
KNOWN = Known(
    paragraphs=frozenset({"82a", "82b", "82c", "85"}),
    rules=frozenset({"R1", "R2", "R6"}),
    municipalities=("aby", "bby"),
)

BASE = """\
id: test
title: "Test"
audience: borger
description: "En test."
other_municipality: "Kontakt kommunen."
start: first
outcome_rules: [R2]

nodes:
  first:
    type: question
    options:
      ja: kommune
      nej: kommune
  kommune:
    type: municipality
    next:
      - when: {first: ja}
        goto: ud-a
      - goto: ud-b
  ud-a:
    type: outcome
    paragraphs: [82a]
    rules: [R1]
  ud-b:
    type: outcome
    paragraphs: [82b]
    rules: [R6]

texts:
  first:
    question: "Spørgsmål?"
    options:
      ja: "Ja"
      nej: "Nej"
  kommune:
    question: "Hvilken kommune?"
    other: "Ikke på listen"
  ud-a:
    title: "A"
    lead: "Udfald A."
  ud-b:
    title: "B"
    lead: "Udfald B."
"""


def line(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`."""
    hits = [i for i, ln in enumerate(text.splitlines(), 1) if needle in ln]
    assert len(hits) >= occurrence, f"{needle!r} not in the guide text"
    return hits[occurrence - 1]


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., tuple[dict[str, Guide], list]]:
    def run(text: str, name: str = "test", known: Known = KNOWN):
        data = tmp_path / "data"
        (data / "guides").mkdir(parents=True, exist_ok=True)
        (data / "guides" / f"{name}.yaml").write_text(text, encoding="utf-8")
        return load_guides(data, known)

    return run


# --- Loader errors --------------------------------------------------------------------------


def test_base_guide_is_valid(load):
    guides, problems = load(BASE)
    assert problems == []
    assert list(guides) == ["test"]


# (id, change to BASE, needle of the expected line (text, occurrence) in the changed text,
#  part of the message)
CASES = [
    (
        "missing-target",
        replace("      nej: kommune", "      nej: kommunne"),
        ("nej: kommunne", 1),
        "«kommunne», som ikke findes i «nodes». Mente du «kommune»?",
    ),
    (
        "unreachable-node",
        replace(
            "texts:\n",
            "  gammel:\n    type: outcome\n\ntexts:\n  gammel:\n    title: G\n    lead: G.\n",
        ),
        ("  gammel:", 1),
        "«gammel» kan ikke nås fra start",
    ),
    (
        "cycle",
        replace("      nej: kommune", "      nej: first"),
        ("  first:", 1),
        "går i ring: first → first",
    ),
    (
        "unknown-node-key",
        replace("    paragraphs: [82a]", "    paragraf: [82a]"),
        ("paragraf: [82a]", 1),
        "Ukendt felt «paragraf» i knuden «ud-a». Mente du «paragraphs»?",
    ),
    (
        "unknown-top-key",
        replace('title: "Test"', 'titel: "Test"'),
        ("titel:", 1),
        "Ukendt felt «titel» i guiden. Mente du «title»?",
    ),
    (
        "unknown-rule",
        replace("    rules: [R1]", "    rules: [R9]"),
        ("rules: [R9]", 1),
        "Reglen «R9» findes ikke i data/rules.yaml",
    ),
    (
        "unknown-outcome-rule",
        replace("outcome_rules: [R2]", "outcome_rules: [R3]"),
        ("outcome_rules", 1),
        "Reglen «R3» i «outcome_rules» findes ikke",
    ),
    (
        "unknown-paragraph",
        replace("    paragraphs: [82a]", "    paragraphs: [82x]"),
        ("paragraphs: [82x]", 1),
        "Paragraffen «82x» findes ikke",
    ),
    (
        "82b-without-R6",
        replace("    rules: [R6]", "    rules: [R1]"),
        ("paragraphs: [82b]", 1),
        "nævner § 82 b, så det skal også nævne reglen R6",
    ),
    (
        "branch-never-taken",
        replace("when: {first: ja}", "when: {first: [ja, nej]}"),
        ("- goto: ud-b", 1),
        "Grenen til «ud-b» under «kommune» bliver aldrig valgt",
    ),
    (
        "path-without-outcome",
        replace("      - goto: ud-b\n", "      - when: {first: ja}\n        goto: ud-b\n"),
        ("goto: ud-a", 1),
        "Vejen first=nej, kommune=aby ender ikke i et udfald",
    ),
    (
        "condition-unknown-question",
        replace("when: {first: ja}", "when: {frist: ja}"),
        ("when: {frist: ja}", 1),
        "«frist» er ikke et spørgsmål. Mente du «first»?",
    ),
    (
        "condition-unknown-answer",
        replace("when: {first: ja}", "when: {first: jaa}"),
        ("when: {first: jaa}", 1),
        "Spørgsmålet «first» har ikke svaret «jaa». Mente du «ja»?",
    ),
    (
        "default-branch-not-last",
        replace(
            "      - when: {first: ja}\n        goto: ud-a\n      - goto: ud-b\n",
            "      - goto: ud-b\n      - when: {first: ja}\n        goto: ud-a\n",
        ),
        ("- goto: ud-b", 1),
        "Flyt den til sidst",
    ),
    (
        "condition-on-municipality",
        replace("when: {first: ja}", "when: {kommune: aby}"),
        ("when: {kommune: aby}", 1),
        "«kommune» er ikke et spørgsmål",
    ),
    (
        "missing-option-text",
        replace('      nej: "Nej"\n', ""),
        ("  first:", 2),
        "Svaret «nej» på «first» har ingen tekst",
    ),
    (
        "text-for-unknown-option",
        replace('      nej: "Nej"\n', '      nej: "Nej"\n      maaske: "Måske"\n'),
        ("maaske:", 1),
        "Teksten til svaret «maaske» passer ikke til et svar på «first»",
    ),
    (
        "texts-for-unknown-node",
        replace(
            '  ud-b:\n    title: "B"',
            '  ud-c:\n    title: "C"\n    lead: "C."\n  ud-b:\n    title: "B"',
        ),
        ("  ud-c:", 1),
        "Der er tekster til «ud-c», men ingen knude med det id",
    ),
    (
        "missing-required-text",
        replace('    lead: "Udfald A."\n', ""),
        ("  ud-a:", 2),
        "Teksten «lead» mangler for «ud-a»",
    ),
    (
        "unknown-text-key",
        replace('    lead: "Udfald A."', '    lede: "Udfald A."'),
        ("lede:", 1),
        "Ukendt tekstfelt «lede» for udfaldet «ud-a». Mente du «lead»?",
    ),
    (
        "node-without-texts",
        replace('  ud-b:\n    title: "B"\n    lead: "Udfald B."\n', ""),
        ("  ud-b:", 1),
        "Knuden «ud-b» har ingen tekster",
    ),
    (
        "id-not-file-name",
        replace("id: test", "id: andet"),
        ("id: andet", 1),
        "«id» (andet) skal være det samme som filnavnet (test)",
    ),
    (
        "answer-id-not-a-slug",
        replace("      ja: kommune", "      Ja svar: kommune"),
        ("Ja svar: kommune", 1),
        "bliver en del af adressen",
    ),
    (
        "question-with-one-answer",
        replace("      nej: kommune\n", ""),
        ("    options:", 1),
        "skal have mindst to svar",
    ),
    (
        "bad-type",
        replace("    type: municipality", "    type: kommune"),
        ("type: kommune", 1),
        "«type» for «kommune» skal være en af: question, municipality, outcome",
    ),
    (
        "bad-audience",
        replace("audience: borger", "audience: borgere"),
        ("audience:", 1),
        "«audience» skal være en af: borger, sagsbehandler. Mente du «borger»?",
    ),
    (
        "missing-start",
        replace("start: first\n", ""),
        ("id: test", 1),
        "Guiden mangler feltet «start»",
    ),
    (
        "start-not-a-node",
        replace("start: first", "start: fist"),
        ("start: fist", 1),
        "Startknuden «fist» findes ikke i «nodes». Mente du «first»?",
    ),
    (
        "municipality-step-needs-other-text",
        replace('other_municipality: "Kontakt kommunen."\n', ""),
        ("  kommune:", 1),
        "skal have teksten «other_municipality»",
    ),
    (
        "duplicate-key-from-the-yaml-reader",
        replace("start: first\n", "start: first\nstart: first\n"),
        ("start: first", 2),
        "Feltet «start» står to gange",
    ),
]


@pytest.mark.parametrize(
    ("change", "where", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_loader_reports_file_line_and_message(load, change, where, message):
    text = change(BASE)
    _, problems = load(text)
    expected_line = line(text, *where)
    hits = [p for p in problems if message in p.message]
    assert hits, "no problem says " + repr(message) + ":\n" + "\n".join(p.human() for p in problems)
    assert (hits[0].file, hits[0].line) == (FILE, expected_line), [p.human() for p in hits]
    assert all(p.severity == "fejl" for p in hits)


def test_every_problem_is_reported_at_once(load):
    text = replace("    rules: [R1]", "    rules: [R9]")(
        replace("      nej: kommune", "      nej: ingen")(BASE)
    )
    _, problems = load(text)
    messages = " ".join(p.message for p in problems)
    assert "«ingen», som ikke findes" in messages
    assert "«R9» findes ikke" in messages


def test_municipality_id_may_not_take_the_reserved_answer(load):
    known = Known(KNOWN.paragraphs, KNOWN.rules, ("aby", OTHER_MUNICIPALITY))
    _, problems = load(BASE, known=known)
    assert any(OTHER_MUNICIPALITY in p.message and p.line == 1 for p in problems)


def test_too_many_pages_is_an_error(load, monkeypatch):
    monkeypatch.setattr(check, "MAX_PAGES", 5)
    _, problems = load(BASE)
    (hit,) = [p for p in problems if "Guiden giver 9 sider (højst 5)" in p.message]
    assert (hit.file, hit.line) == (FILE, line(BASE, "nodes:"))


def test_hard_text_is_a_warning_not_an_error(load):
    hard = (
        "Kommunalbestyrelsens individuelle funktionsevnevurderinger forudsætter "
        "dokumentationsgrundlag, helhedsorienterede udredningsmetoder, tværfaglige "
        "samarbejdsrelationer og systematiske opfølgningsprocedurer i forvaltningen"
    )
    text = replace('    lead: "Udfald A."', f'    lead: "{hard}."')(BASE)
    _, problems = load(text)
    (hit,) = problems
    assert hit.severity == "advarsel"
    assert (hit.file, hit.line) == (FILE, line(text, "Kommunalbestyrelsens"))
    assert "LIX" in hit.message


def test_an_unreadable_file_is_reported_with_its_line(load):
    _, problems = load("id: test\n  title: x\n")
    assert problems and problems[0].file == FILE and problems[0].line == 2


def test_check_guides_reports_each_root_cause_once(tmp_path: Path):
    data = tmp_path / "data"
    (data / "guides").mkdir(parents=True)
    (data / "guides" / "test.yaml").write_text(BASE, encoding="utf-8")
    paragraphs = [{"id": p} for p in sorted(KNOWN.paragraphs)]
    municipalities = [{"id": "aby", "name": "Aby"}]
    tables = {"paragraphs": paragraphs, "rules": [{"id": r} for r in KNOWN.rules]}
    assert check_guides(data, {**tables, "municipalities": municipalities}) == []
    # rules.yaml could not be read: its own error says so; the guide's references are not
    # reported again
    no_rules = {**tables, "rules": [], "municipalities": municipalities}
    assert check_guides(data, no_rules) == []
    assert check_guides(data, {**no_rules, "rules": [{"id": "R1"}]})  # R2, R6 missing
    # a paragraph file that could not be read counts as known
    without_82a = {**tables, "paragraphs": [p for p in paragraphs if p["id"] != "82a"]}
    assert check_guides(data, without_82a)
    assert check_guides(data, without_82a, {"paragraphs": {"82a"}}) == []


# --- Enumeration ----------------------------------------------------------------------------


def test_paths_of_the_base_guide(load):
    g = load(BASE)[0]["test"]
    abstract = walk.paths(g)
    assert [(p.answers, p.outcome) for p in abstract] == [
        (("ja", ANY_MUNICIPALITY), "ud-a"),
        (("nej", ANY_MUNICIPALITY), "ud-b"),
    ]
    expanded = walk.paths(g, ("aby", "bby"))
    assert [(p.answers, p.outcome) for p in expanded] == [
        (("ja", "aby"), "ud-a"),
        (("ja", "bby"), "ud-a"),
        (("ja", OTHER_MUNICIPALITY), "ud-a"),
        (("nej", "aby"), "ud-b"),
        (("nej", "bby"), "ud-b"),
        (("nej", OTHER_MUNICIPALITY), "ud-b"),
    ]
    # one page per answered prefix: start, two municipality questions, six outcomes
    assert len(walk.prefixes(g, ("aby", "bby"))) == 9


def test_edges_and_mermaid_come_from_the_same_data(load):
    text = replace('"Spørgsmål?"', '"Spørgsmål med \\"citat\\" og <tegn> #1?"')(BASE)
    g = load(text)[0]["test"]
    edges = walk.edges(g)
    assert [(e.source, e.answer, e.target, e.default) for e in edges] == [
        ("first", "ja", "kommune", False),
        ("first", "nej", "kommune", False),
        ("kommune", None, "ud-a", False),
        ("kommune", None, "ud-b", True),
    ]
    chart = guide_views.mermaid(g).splitlines()
    assert chart[0] == "flowchart TD"
    arrows = [ln for ln in chart if "-->" in ln]
    assert len(arrows) == len(edges)
    assert '  n_kommune -->|"hvis first: Ja"| n_ud_a' in chart
    assert (
        guide_views.condition_text(g, edges[2].when)
        == 'hvis «Ja» på «Spørgsmål med "citat" og <tegn> #1?»'
    )
    assert '  n_kommune -->|"ellers"| n_ud_b' in chart
    (question,) = [ln for ln in chart if ln.startswith("  n_first[")]
    assert question == '  n_first["Spørgsmål med #quot;citat#quot; og #lt;tegn#gt; #35;1?"]'
    assert "" not in chart  # a blank line would end the raw HTML block in Markdown


# --- The real guides ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return all_data.load(DATA, TODAY)


@pytest.fixture(scope="module")
def real(cat) -> tuple[dict[str, Guide], list]:
    return load_guides(DATA, known_from_catalogue(cat))


def test_real_guides_have_no_problems_not_even_warnings(real):
    guides, problems = real
    assert [p.human() for p in problems] == []
    assert list(guides) == ["stoette", "snitflade"]  # citizens first
    assert guides["stoette"].audience == "borger"
    assert guides["snitflade"].audience == "sagsbehandler"


def test_validate_hook_finds_no_guide_problems(cat):
    tables = validate(DATA, TODAY).tables
    assert check_guides(DATA, tables) == []
    flat_known = known_from_tables(tables)
    assert flat_known == known_from_catalogue(cat)


def _routes(g: Guide) -> dict[tuple[str, ...], str]:
    return {p.answers: p.outcome for p in walk.paths(g)}


def test_citizen_guide_routing(real):
    g = real[0]["stoette"]
    routes = _routes(g)
    star = ANY_MUNICIPALITY
    assert routes[("krise",)] == "akut"
    assert routes[("ingen-krise", "under-18")] == "boern-unge"
    assert routes[("ingen-krise", "voksen", "faar-85", star)] == "behold-85"
    assert routes[("ingen-krise", "voksen", "faar-ikke-85", "meget", star)] == "stoette-85"
    assert routes[("ingen-krise", "voksen", "faar-ikke-85", "lidt", "ja", star)] == "stoette-varigt"
    assert (
        routes[("ingen-krise", "voksen", "faar-ikke-85", "lidt", "nej", "laenge", star)]
        == "stoette-laenge"
    )
    for duration in ("kort", "ved-ikke"):
        for form, outcome in (
            ("gruppe", "stoette-82a"),
            ("alene", "stoette-82b"),
            ("begge", "stoette-82ab"),
        ):
            assert (
                routes[
                    ("ingen-krise", "voksen", "faar-ikke-85", "lidt", "nej", duration, form, star)
                ]
                == outcome
            )
    assert len(routes) == 12


def test_citizen_guide_asks_for_the_municipality_last_and_bounds_the_pages(real, cat):
    g = real[0]["stoette"]
    for p in walk.paths(g):
        kinds = [g.nodes[s.node].kind for s in p.steps]
        if "municipality" in kinds:
            assert kinds.index("municipality") == len(kinds) - 1
        else:  # acute crisis and under 18: no detour before the answer
            assert p.outcome in {"akut", "boern-unge"}
    municipalities = tuple(cat.municipalities)
    pages = walk.prefixes(g, municipalities)
    assert len(pages) < check.MAX_PAGES
    assert len(walk.paths(g, municipalities)) == 2 + 10 * (len(municipalities) + 1)


def test_citizen_outcomes_carry_the_required_rules(real):
    g = real[0]["stoette"]
    for node in g.nodes.values():
        if node.kind != "outcome" or not node.paragraphs:
            continue
        rules = g.rules_of(node)
        assert {"R2", "R4"} <= set(rules), node.id  # right to apply for § 85; not a waiting list
        if "82b" in node.paragraphs:
            assert "R6" in rules, node.id
        assert g.text(node.id, "after"), f"{node.id} must say what happens when the support ends"
    assert g.text("akut", "urgent_phone") == "112"
    assert g.nodes["akut"].paragraphs == ["82c"]
    assert g.nodes["boern-unge"].paragraphs == []


def test_caseworker_guide_routing(real):
    g = real[0]["snitflade"]
    routes = _routes(g)
    assert routes == {
        ("give-82", "ja", "ja"): "giv-85",
        ("give-82", "ja", "nej"): "afslag-85",
        ("give-82", "ja", "uafklaret"): "udred-85",
        ("give-82", "nej", "ja"): "tilbyd-85",
        ("give-82", "nej", "uafklaret"): "afklar-85",
        ("give-82", "nej", "nej", "82a"): "giv-82a",
        ("give-82", "nej", "nej", "82b", "ja"): "82b-brugt",
        ("give-82", "nej", "nej", "82b", "nej", "ja"): "82b-for-kort",
        ("give-82", "nej", "nej", "82b", "nej", "nej"): "giv-82b",
        ("stoppe-85",): "ophoer-85",
        ("82b-ved-85",): "sideloebende",
    }
    assert "R5" in g.rules_of(g.nodes["ophoer-85"])
    assert "R3" in g.rules_of(g.nodes["afslag-85"])


# --- Generated pages ------------------------------------------------------------------------


def _resolve(src: str, href: str) -> str:
    """The source path of the page a relative href on page `src` points at."""
    target = posixpath.normpath(posixpath.join(urls.page_url(src) or ".", href.split("?")[0]))
    return "index.md" if target == "." else f"{target}/index.md"


def test_pages_link_to_each_other_without_query_strings(real, cat):
    pages = guide_views.guide_pages(cat, DATA)
    for g in real[0].values():
        prefixes = walk.prefixes(g, tuple(cat.municipalities))
        sources = {guide_views.page_src(g.id, [s.answer for s in steps]) for steps, _ in prefixes}
        assert sources <= set(pages)
        reached = {guide_views.page_src(g.id)}
        for steps, node_id in prefixes:
            src = guide_views.page_src(g.id, [s.answer for s in steps])
            node = g.nodes[node_id]
            if node.kind == "outcome":
                view = guide_views.outcome_view(cat, g, steps, node, src)
            else:
                view = guide_views.question_view(cat, g, steps, node, src)
                for option in view["options"]:
                    assert "?" not in option["href"]
                    target = _resolve(src, option["href"])
                    assert target in sources, (src, option)
                    reached.add(target)
            changes = [_resolve(src, a["href"]) for a in view["answers"]]
            answers = [s.answer for s in steps]
            assert changes == [guide_views.page_src(g.id, answers[:i]) for i in range(len(steps))]
        assert reached == sources  # every page is reached by answering


def test_outcome_view_names_the_municipality_and_finder_filters(real, cat):
    g = real[0]["stoette"]
    steps = tuple(
        Step(n, a)
        for n, a in [
            ("krise", "ingen-krise"),
            ("alder", "voksen"),
            ("har-85", "faar-ikke-85"),
            ("hverdag", "lidt"),
            ("varighed", "kort"),
            ("form", "alene"),
            ("kommune", "ikast-brande"),
        ]
    )
    src = guide_views.page_src("stoette", [s.answer for s in steps])
    view = guide_views.outcome_view(cat, g, steps, g.nodes["stoette-82b"], src)
    m = view["municipality"]
    assert m["id"] == "ikast-brande" and m["matched"]
    assert [ep["key"] for ep in m["entry_points"]] == ["ikast-brande/din-indgang"]
    assert '<table class="indgang-hours__table">' in m["entry_points"][0]["reach"]
    assert [f["href"].split("?")[1] for f in m["finder"]] == ["kommune=ikast-brande&paragraf=82b"]
    # P5 is Aalborg's practice: never on another municipality's outcome (issue 14).
    assert [r["id"] for r in view["rules"]] == ["R6", "P2", "R2", "R4"]
    assert {r["id"] for r in m["local_rules"]} >= {"L2", "L5"}
    assert all(r["source"]["title"] for r in view["rules"] + m["local_rules"])
    assert [p["id"] for p in view["paragraphs"]] == ["82b"]


def test_outcome_without_a_matching_entry_point_shows_all_and_says_so(real, cat):
    g = real[0]["stoette"]
    steps = tuple(
        Step(n, a)
        for n, a in [
            ("krise", "ingen-krise"),
            ("alder", "voksen"),
            ("har-85", "faar-ikke-85"),
            ("hverdag", "meget"),
            ("kommune", "thisted"),
        ]
    )
    view = guide_views.outcome_view(
        cat, g, steps, g.nodes["stoette-85"], "guide/stoette/x/index.md"
    )
    assert view["municipality"]["matched"] is False
    assert len(view["municipality"]["entry_points"]) == len(
        cat.municipalities["thisted"].entry_points
    )


def test_diagram_page_lists_every_edge_and_path(real, cat):
    pages = guide_views.guide_pages(cat, DATA)
    html = pages[guide_views.DIAGRAM]
    assert 'src="../../assets/javascripts/mermaid.min.js"' in html
    for g in real[0].values():
        for e in walk.edges(g):
            assert f'data-edge="{e.source}:{e.answer or ""}:{e.target}"' in html
    assert html.count('<pre class="mermaid" hidden') == len(real[0])
    assert sum("mermaid.min.js" in text for text in pages.values()) == 1  # only on the diagram


# --- CLI ------------------------------------------------------------------------------------


def test_cli_prints_every_path(capsys):
    from scripts.indgang import main

    assert main(["guide-paths", "snitflade"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tjek snitfladen (data/guides/snitflade.yaml): 11 veje, 18 sider")
    for outcome in (
        "giv-85",
        "afslag-85",
        "udred-85",
        "giv-82a",
        "82b-brugt",
        "82b-for-kort",
        "giv-82b",
        "ophoer-85",
        "sideloebende",
    ):
        assert f"→ {outcome}:" in out
    assert main(["guide-paths", "findes-ikke"]) == 1
