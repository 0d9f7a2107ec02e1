"""Issue 14, points 1-3: every practice is shown with the law that limits it, local rules stay
local, and labels say no more than the source.

The built-site tests scan every HTML page of the shipped catalogue; the validation tests use
the minimal fixture with one change each and expect a Danish FILE:LINE message.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from macros.domain.problems import errors_only
from macros.guides.all_data import load, validate
from macros.guides.load import guides_for
from macros.guides.walk import prefixes
from macros.views import guide_views

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)
# The rules of law the issue names for each limited practice or local rule.
EXPECTED_LIMITS = {
    "L3": {"R5"},
    "L6": {"R1", "R2", "R4"},
    "L7": {"R1", "R2", "R4", "R5"},
    "P2": {"R2"},
    "P5": {"R2"},
}


@cache
def catalogue():
    return load(ROOT / "data", TODAY)


def pages(site_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site_dir)): p.read_text(encoding="utf-8")
        for p in site_dir.rglob("*.html")
    }


def rule_items(html: str, rule_id: str) -> list[str]:
    """The markup of each element that shows the rule (data-rule-item), up to its closing tag."""
    out = []
    for m in re.finditer(rf'<(li|section)\b[^>]*data-rule-item="{rule_id}"', html):
        tag = m.group(1)
        depth, i = 0, m.start()
        for t in re.finditer(rf"<(/?){tag}\b", html[m.start() :]):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                i = m.start() + t.end()
                break
        out.append(html[m.start() : i])
    return out


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- 1. limited_by ----------------------------------------------------------------------------


def test_the_data_models_the_cases_of_the_issue():
    cat = catalogue()
    for rid, limits in EXPECTED_LIMITS.items():
        assert limits <= set(cat.rules[rid].limited_by), rid
    assert cat.rules["L6"].municipality == "hjoerring"
    assert cat.rules["L7"].municipality == "slagelse"
    assert "som alternativ til den nuværende" in cat.rules["L7"].quote
    assert "alle borgere som udgangspunkt skal forbi Den Gode Modtagelse" in cat.rules["L6"].quote


def test_every_limited_rule_appears_with_its_limits_on_every_page_that_shows_it(site_dir):
    cat = catalogue()
    limited = {r.id: r for r in cat.rules.values() if r.limited_by}
    assert set(EXPECTED_LIMITS) <= set(limited)
    shown = 0
    for name, html in pages(site_dir).items():
        plain = text_of(html)
        for rid, rule in limited.items():
            items = rule_items(html, rid)
            # The statement never appears outside an item that carries the limits.
            if rule.statement in plain:
                assert items, f"{name}: {rid} shown without its item"
            for item in items:
                shown += 1
                found = set(re.findall(r'data-limited-by="([^"]+)"', item))
                assert found == set(rule.limited_by), (name, rid, found)
                for limit in rule.limited_by:
                    assert cat.rules[limit].title in text_of(item), (name, rid, limit)
    assert shown > 50


def test_l3_is_never_shown_without_r5(site_dir):
    showing = [n for n, html in pages(site_dir).items() if "Tre udeblivelser lukker sagen" in html]
    assert len(showing) >= 10
    for name in showing:
        items = rule_items(pages_cache(site_dir)[name], "L3")
        assert items and all('data-limited-by="R5"' in i for i in items), name


@cache
def _pages(site: str) -> dict[str, str]:
    return pages(Path(site))


def pages_cache(site_dir: Path) -> dict[str, str]:
    return _pages(str(site_dir))


def test_municipality_pages_show_their_own_rules_with_limits(site_dir):
    html = (site_dir / "kommuner" / "slagelse" / "index.html").read_text(encoding="utf-8")
    (item,) = rule_items(html, "L7")
    assert "tidsubegrænsede støtte efter § 85" in text_of(item)
    assert set(re.findall(r'data-limited-by="([^"]+)"', item)) == {"R1", "R2", "R4", "R5"}
    html = (site_dir / "kommuner" / "hjoerring" / "index.html").read_text(encoding="utf-8")
    assert rule_items(html, "L6")
    html = (site_dir / "kommuner" / "ikast-brande" / "index.html").read_text(encoding="utf-8")
    assert rule_items(html, "L3") and not rule_items(html, "L6")


# --- 2. local rules stay local ------------------------------------------------------------------


def municipality_of_page(name: str, municipalities: set[str]) -> str | None:
    parts = name.split("/")
    if parts[0] in ("kommuner", "courses") and len(parts) > 2:
        return parts[1] if parts[1] in municipalities else None
    if parts[0] == "guide":
        found = [p for p in parts if p in municipalities]
        return found[0] if found else None
    return None


def test_no_page_of_another_municipality_shows_a_local_rule(site_dir):
    cat = catalogue()
    ids = set(cat.municipalities)
    bound = [r for r in cat.rules.values() if r.municipality]
    checked = 0
    for name, html in pages_cache(site_dir).items():
        owner = municipality_of_page(name, ids)
        if owner is None:
            continue
        checked += 1
        plain = text_of(html)
        for rule in bound:
            if rule.municipality != owner:
                assert not rule_items(html, rule.id), (name, rule.id)
                assert rule.statement not in plain, (name, rule.id)
        if owner != "ikast-brande":
            assert "8 uger" not in plain, name
            assert "Ikast-Brande" not in plain, name
    assert checked > 50


def test_the_85_card_cites_only_the_sources_it_uses(site_dir):
    html = (
        site_dir / "guide" / "snitflade" / "give-82" / "ja" / "uafklaret" / "index.html"
    ).read_text(encoding="utf-8")
    card = html[
        html.index('id="paragraf-85"') : html.index("</section>", html.index('id="paragraf-85"'))
    ]
    assert card.count('class="indgang-source"') == 1
    assert "Ankestyrelsen" in card and "Ikast-Brande" not in card
    # The provision's own page still lists every source.
    page = (site_dir / "paragraphs" / "85" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="indgang-source"') >= 4


# --- 3. labels ----------------------------------------------------------------------------------


def test_no_retspraksis_label_on_survey_statements(site_dir):
    cat = catalogue()
    assert cat.rule_kinds[cat.rules["R1"].kind].label == "Ankestyrelsens vurdering"
    assert cat.rule_kinds[cat.rules["R3"].kind].label == "Lovbemærkninger"
    for name, html in pages_cache(site_dir).items():
        assert "Lov og retspraksis" not in html, name
        for label in re.findall(r'<span class="indgang-kind[^"]*">([^<]*)</span>', html):
            assert "retspraksis" not in label.lower(), (name, label)
    rules_page = text_of((site_dir / "snitflader" / "index.html").read_text(encoding="utf-8"))
    assert "ikke retspraksis" in rules_page  # the kinds are explained from the vocabulary


def course_page(site_dir: Path, municipality: str, course: str) -> str:
    return (site_dir / "courses" / municipality / course / "index.html").read_text(encoding="utf-8")


def test_a_course_whose_source_does_not_name_the_provision_carries_none_of_its_consequences(
    site_dir,
):
    html = course_page(site_dir, "frederikshavn", "samtaler-og-raadgivning")
    plain = text_of(html)
    assert "data-paragraph-not-stated" in html
    assert "Kilden siger ikke, hvilken paragraf tilbuddet gives efter" in plain
    assert "Højst 6 måneder" not in plain
    assert "kan kun gives én gang" not in plain
    assert "efter § 82 b i" not in plain
    assert '"about"' not in html  # no provision in the structured data either
    kort = text_of(course_page(site_dir, "frederikshavn", "kort-forloeb"))
    assert "Individuelt forløb" not in kort and "Højst 6 måneder" not in kort
    assert "om du mødes alene eller i en gruppe" in kort


def test_access_says_no_more_than_the_source(site_dir):
    cafe = text_of(course_page(site_dir, "slagelse", "aaben-cafe"))
    assert "Efter en afklarende samtale" not in cafe
    assert "Kilden siger ikke, hvordan du kommer i gang" in cafe
    for course in ("individuelle-forloeb", "workshops"):
        fremdrift = text_of(course_page(site_dir, "aalborg", course))
        assert "Efter en afklarende samtale" not in fremdrift
        assert "Uden henvisning" in fremdrift


def test_provision_texts_say_what_the_sources_say(site_dir):
    cat = catalogue()
    p85 = cat.paragraphs["85"]
    assert (
        "betydelig nedsat fysisk eller psykisk funktionsevne eller særlige sociale problemer"
        in (p85.summary)
    )
    assert "stort behov" not in p85.summary
    assert "Kilderne beskriver ikke andre klageregler for § 85 – kontakt kommunen." in p85.appeal
    assert "afslag" in p85.appeal and "afgørelse" in p85.appeal
    assert "Ikast-Brande" not in p85.access
    assert "før kommunen tager stilling" not in cat.rules["R2"].statement
    page = (site_dir / "paragraphs" / "82d" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="indgang-title-note" data-title-note>(.*?)</p>', page)
    assert note and "ikke lovens overskrift" in note[1] and "Slagelse" in note[1]


def test_privacy_page_is_consistent_about_who_can_see_answers(site_dir):
    text = text_of((site_dir / "privatliv" / "index.html").read_text(encoding="utf-8"))
    assert "Kommunen kan ikke se" not in text
    assert "står kun i adressen" not in text
    assert "log" in text and "svar" in text
    assert "står kun i adressen" not in guide_views.PRIVACY


# --- guides: every path ---------------------------------------------------------------------------


def test_every_path_of_both_guides(site_dir):
    cat = catalogue()
    guides = guides_for(cat, ROOT / "data")
    assert set(guides) == {"stoette", "snitflade"}
    ids = set(cat.municipalities)
    walked = 0
    for guide in guides.values():
        for steps, node_id in prefixes(guide, tuple(cat.municipalities)):
            node = guide.nodes[node_id]
            if node.kind != "outcome":
                continue
            src = guide_views.page_src(guide.id, [s.answer for s in steps])
            html = (site_dir / src.replace("index.md", "index.html")).read_text(encoding="utf-8")
            walked += 1
            chosen = next((s.answer for s in steps if s.answer in ids), None)
            for rid in guide.rules_of(node):
                rule = cat.rules[rid]
                if rule.municipality and chosen is not None and rule.municipality != chosen:
                    assert not rule_items(html, rid), (src, rid)
                for item in rule_items(html, rid):
                    for limit in rule.limited_by:
                        assert f'data-limited-by="{limit}"' in item, (src, rid)
            if "85" in node.paragraphs:
                assert "Ikast-Brande laver myndigheden" not in html, src
            if guide.id == "snitflade" and node_id in ("udred-85", "82b-for-kort"):
                assert "må ikke bruges som en prøve" in text_of(html), src
    assert walked > 60


# --- validation -----------------------------------------------------------------------------------

LOCAL_STOP = """- id: R1
  title: Ophør kræver en afgørelse
  statement: Ophør af § 85 kræver en afgørelse.
  paragraphs: ["85"]
  kind: ankestyrelsen
  topics: [ophoer-85]
  source: kilde-a
- id: L1
  title: Tre udeblivelser
  statement: Sagen lukkes efter tre udeblivelser.
  paragraphs: ["85"]
  kind: lokal
  municipality: testby
  source: kilde-a
  topics: [ophoer-85]
"""


def problems_of(make_data, rules: str) -> list[str]:
    data = make_data({"rules.yaml": rules})
    return [p.human() for p in errors_only(validate(data, TODAY).problems)]


def test_a_local_rule_touching_a_law_topic_without_naming_the_law_is_refused(make_data):
    found = problems_of(make_data, LOCAL_STOP)
    assert found == [
        "data/rules.yaml:15: Reglen L1 rører ved emnet «ophoer-85» (At § 85-støtte stopper), som R1 "
        "regulerer, men L1 nævner ikke R1 i «limited_by». Tilføj limited_by: [R1] under L1, så "
        "siden viser grænsen ved siden af L1 overalt, hvor den står – eller ret «topics», hvis "
        "reglen ikke handler om det emne."
    ]


def test_naming_the_limit_satisfies_the_check(make_data):
    assert problems_of(make_data, LOCAL_STOP + "  limited_by: [R1]\n") == []


def test_a_practice_without_topics_is_refused(make_data):
    rules = LOCAL_STOP.replace("  topics: [ophoer-85]\n", "", 2).replace(
        "  kind: ankestyrelsen\n", "  kind: ankestyrelsen\n  topics: [ophoer-85]\n"
    )
    found = problems_of(make_data, rules)
    assert len(found) == 1 and found[0].startswith("data/rules.yaml:8: Reglen L1 er praksis")
    assert "topics: [andet]" in found[0]


def test_only_a_rule_of_law_can_limit_another(make_data):
    rules = (
        LOCAL_STOP
        + "  limited_by: [R1]\n"
        + (
            '- id: P1\n  title: Praksis\n  statement: En praksis.\n  paragraphs: ["85"]\n'
            "  kind: praksis\n  topics: [andet]\n  limited_by: [L1]\n  source: kilde-a\n"
        )
    )
    found = problems_of(make_data, rules)
    assert found == [
        "data/rules.yaml:23: «L1» i «limited_by» under P1 er ikke en regel om ret (dens art er "
        "«lokal»). Kun regler, hvis art har role: ret i rule_kinds (fx Ankestyrelsens vurdering), "
        "kan begrænse en anden regel."
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "  limited_by: [R9]\n",
            "data/rules.yaml:16: «R9» i «limited_by» findes ikke blandt reglerne",
        ),
        (
            "  limited_by: [R1]\n",
            "data/rules.yaml:15: «ophør» i «topics» findes ikke blandt emnerne",
        ),
    ],
)
def test_a_typo_in_the_new_lists_is_a_danish_file_line_error(make_data, change, expected):
    rules = LOCAL_STOP
    if "topics" in expected:  # L1's topics (the last line) misspelt
        rules = rules[: rules.rindex("  topics:")] + "  topics: [ophør]\n"
    rules += change
    found = problems_of(make_data, rules)
    assert any(p.startswith(expected) for p in found), found


def test_summary_sources_must_be_among_the_sources(make_data):
    data = make_data(
        {
            "sources.yaml": (ROOT / "tests/fixtures/minimal/sources.yaml").read_text(
                encoding="utf-8"
            )
            + "- id: kilde-b\n  title: B\n  publisher: B\n"
        }
    )
    path = data / "paragraphs" / "85.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + "summary_sources: [kilde-b]\n", encoding="utf-8")
    found = [p.human() for p in errors_only(validate(data, TODAY).problems)]
    assert found == [
        f"data/paragraphs/85.yaml:{line}: «kilde-b» står i «summary_sources», men ikke i "
        "«sources». Tilføj kilden til sources, eller fjern den fra summary_sources."
    ]
    path.write_text(text + "summary_sources: [kilde-c]\n", encoding="utf-8")
    found = [p.human() for p in errors_only(validate(data, TODAY).problems)]
    assert any("«kilde-c» i «summary_sources» findes ikke blandt kilderne" in p for p in found)
