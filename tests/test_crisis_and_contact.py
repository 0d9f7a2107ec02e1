"""Crisis lines (data/crisis.yaml) and the municipalities' own contact fields: each fact
with its source, editors' mistakes as Danish FILE:LINE messages, and the built pages'
ways forward (crisis lines first, a contact route or the honest gap notice everywhere).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.catalogue.model import Catalogue
from macros.guides import all_data as catalogue
from macros.views.places import municipality_contact
from tests.conftest import TEST_TODAY
from tests.test_bad_inputs import MUNICIPALITY, Case, matches, muni, run

ROOT = Path(__file__).resolve().parent.parent
CRISIS = "crisis.yaml"
LINE = """\
- id: alarm-112
  name: Alarm 112
  phone: "112"
  when: Når dit eget eller en andens liv er i fare.
  source: kilde-a
  reviewed: 2026-11-01
"""
GAP = "Kontaktoplysninger er ikke oplyst her – kontakt kommunen."


def crisis(changes: dict[int, str] | None = None, append: str = "") -> str:
    lines = LINE.splitlines()
    for number, new in (changes or {}).items():
        lines[number - 1] = new
    return "\n".join(lines) + "\n" + append


# --- The shipped data -----------------------------------------------------------------------


def shipped() -> Catalogue:
    return catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY))


def test_112_is_the_first_crisis_line_and_every_line_has_its_own_source() -> None:
    cat = shipped()
    assert cat.crisis_lines, "data/crisis.yaml is empty"
    assert cat.crisis_lines[0].phone == "112" and cat.crisis_lines[0].href == "tel:112"
    for line in cat.crisis_lines:
        assert line.source in cat.sources and line.reviewed and line.when


def test_the_112_source_says_honestly_that_no_seed_names_it() -> None:
    """No seed document names 112: its source is the guide's own text, and says so."""
    seeds = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "seeds").glob("*.txt"))
    assert "112" not in seeds.replace("1120", "")  # no seed names the emergency number
    cat = shipped()
    line = next(x for x in cat.crisis_lines if x.phone == "112")
    source = cat.sources[line.source]
    assert "Ingen af de fem kildedokumenter nævner 112" in (source.note or "")
    assert "ring 112" in (ROOT / "data" / "guides" / "stoette.yaml").read_text(encoding="utf-8")
    assert line.hours is None and line.source_url is None  # nothing the sources do not give


def test_only_ikast_brande_has_a_sourced_municipality_phone() -> None:
    cat = shipped()
    phones = {m.id: (m.phone, m.phone_source) for m in cat.municipalities.values() if m.phone}
    assert phones == {"ikast-brande": ("99 60 31 80", "ikast-brande-2026")}
    assert not [m.id for m in cat.municipalities.values() if m.website]


# --- Editors' mistakes ----------------------------------------------------------------------

CASES = [
    Case("a good crisis line", {CRISIS: crisis()}, []),
    Case(
        "crisis line without a source",
        {CRISIS: crisis({5: "  note: Ingen kilde"})},
        [(CRISIS, 1, "source")],
    ),
    Case(
        "crisis line with an unknown source",
        {CRISIS: crisis({5: "  source: kilde-x"})},
        [(CRISIS, 5, "«kilde-x» i «source» findes ikke blandt kilderne")],
    ),
    Case(
        "crisis line with a number that is no phone number",
        {CRISIS: crisis({3: '  phone: "11 2"'})},
        [(CRISIS, 3, "phone")],
    ),
    Case(
        "crisis line without a reviewed date",
        {CRISIS: crisis({6: "  note: x"})},
        [(CRISIS, 1, "reviewed")],
    ),
    Case(
        "crisis line reviewed far in the future",
        {CRISIS: crisis({6: "  reviewed: 2027-06-01"})},
        [(CRISIS, 6, "«reviewed» (2027-06-01) ligger i fremtiden")],
    ),
    Case(
        "crisis line with a misspelt key",
        {CRISIS: crisis(append="  hour: Hele døgnet\n")},
        [(CRISIS, 7, "Ukendt felt «hour»")],
    ),
    Case(
        "municipality phone without a source",
        {MUNICIPALITY: muni({2: 'name: Testby Kommune\nphone: "12 34 56 78"'})},
        [(MUNICIPALITY, 3, "«phone» skal have en kilde: skriv phone_source")],
    ),
    Case(
        "municipality website without a source",
        {MUNICIPALITY: muni({2: "name: Testby Kommune\nwebsite: https://www.testby.dk/"})},
        [(MUNICIPALITY, 3, "«website» skal have en kilde: skriv website_source")],
    ),
    Case(
        "municipality phone source without a phone",
        {MUNICIPALITY: muni({2: "name: Testby Kommune\nphone_source: kilde-a"})},
        [(MUNICIPALITY, 3, "«phone_source» står uden «phone»")],
    ),
    Case(
        "municipality phone with an unknown source",
        {MUNICIPALITY: muni({2: 'name: Testby Kommune\nphone: "12 34 56 78"\nphone_source: x'})},
        [(MUNICIPALITY, 4, "«x» i «phone_source» findes ikke blandt kilderne")],
    ),
    Case(
        "a sourced municipality phone and website",
        {
            MUNICIPALITY: muni(
                {
                    2: 'name: Testby Kommune\nphone: "12 34 56 78"\nphone_source: kilde-a\n'
                    "website: https://www.testby.dk/\nwebsite_source: kilde-a"
                }
            )
        },
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, make_data) -> None:
    errors, _warnings = run(make_data, case.files)
    matches(errors, case.expected)


def test_a_crisis_line_not_checked_for_a_year_is_a_warning(make_data) -> None:
    errors, warnings = run(make_data, {CRISIS: crisis({6: "  reviewed: 2025-06-01"})})
    assert not errors
    matches(warnings, [(CRISIS, 6, "Krisenummeret blev sidst tjekket 2025-06-01")])


# --- The built pages: a way forward on every page -------------------------------------------

ARTICLE = re.compile(r"<article\b.*?</article>", re.S)  # the page's content, not the header
ROUTE = re.compile(r'href="(?:tel:(?!112")|mailto:)[^"]+"|data-official-site')
GAP_BLOCK = re.compile(r"<div class=\"indgang-contact-gap\" data-contact-gap>(.*?)</div>", re.S)


def content(path: Path) -> str:
    found = ARTICLE.search(path.read_text(encoding="utf-8"))
    assert found, path
    return found.group(0)


def way_forward(html: str) -> str | None:
    """'route' for a tel: (not 112), mailto: or official-site link; 'crisis' for the crisis
    lines (the crisis outcome); 'gap' for the honest notice with a next-step link; None for a
    dead end."""
    if ROUTE.search(html):
        return "route"
    if re.search(r'<li data-crisis-line="[^"]+"><a class="indgang-crisis__call" href="tel:', html):
        return "crisis"
    for block in GAP_BLOCK.findall(html):
        if GAP in block and "data-next-step=" in block:
            return "gap"
    return None


def citizen_outcomes(site_dir: Path) -> list[Path]:
    """Every outcome page of the citizen guide, walked from the guide data (not a list)."""
    from macros.guides.load import guides_for
    from macros.guides.model import ANY_MUNICIPALITY, OTHER_MUNICIPALITY
    from macros.guides.walk import prefixes
    from macros.views.guide_views import page_src

    cat = shipped()
    pages = []
    for guide in guides_for(cat).values():
        if guide.audience != "borger":
            continue
        for steps, node in prefixes(guide, tuple(cat.municipalities)):
            if guide.nodes[node].kind == "outcome":
                answers = [
                    OTHER_MUNICIPALITY if s.answer == ANY_MUNICIPALITY else s.answer for s in steps
                ]
                pages.append(
                    site_dir / page_src(guide.id, answers).replace("index.md", "index.html")
                )
    return pages


def test_every_municipality_course_and_outcome_page_has_a_way_forward(site_dir: Path) -> None:
    pages = [
        *sorted(site_dir.glob("kommuner/*/index.html")),
        *sorted(site_dir.glob("courses/*/*/index.html")),
        *citizen_outcomes(site_dir),
    ]
    assert len(pages) > 80
    dead = [str(p.relative_to(site_dir)) for p in pages if way_forward(content(p)) is None]
    assert not dead, f"{len(dead)} pages without a contact route or gap notice: {dead[:10]}"


def test_municipality_pages_say_which_have_a_contact_route(site_dir: Path) -> None:
    """Only Ikast-Brande has a sourced phone; the five others say so honestly (a point of
    issue 15 blocked by sourcing: no source gives their phone or website)."""
    kinds = {p.parent.name: way_forward(content(p)) for p in site_dir.glob("kommuner/*/index.html")}
    assert kinds == {
        "aalborg": "gap",
        "frederikshavn": "gap",
        "hjoerring": "gap",
        "ikast-brande": "route",
        "slagelse": "gap",
        "thisted": "gap",
    }
    ikast = content(site_dir / "kommuner" / "ikast-brande" / "index.html")
    assert '<a href="tel:+4599603180">99 60 31 80</a>' in ikast


def test_a_number_is_shown_once_where_the_entry_point_has_the_main_number(site_dir: Path) -> None:
    """Ikast-Brande's main number is also Din Indgang's: its page and its guide outcomes show it
    once, with the entry point, not a second time as the municipality's own (issue 15)."""
    cat = shipped()
    pages = [site_dir / "kommuner" / "ikast-brande" / "index.html"] + [
        p for p in citizen_outcomes(site_dir) if "/ikast-brande/" in str(p)
    ]
    assert len(pages) > 3
    for page in pages:
        html = content(page)
        assert html.count('href="tel:+4599603180"') == 1, page
        assert "data-municipality-contact" not in html, page
    # where no entry point shown has the number, the municipality's own contact stays
    m = cat.municipalities["ikast-brande"]
    assert municipality_contact(cat, m)["phone"] == m.phone
    assert municipality_contact(cat, m, m.entry_points)["phone"] is None


def test_the_crisis_outcome_leads_with_the_crisis_lines(site_dir: Path) -> None:
    from macros.guides.pages import crisis_page

    cat = shipped()
    src = crisis_page(cat)
    assert src == "guide/stoette/krise/index.md"
    html = content(site_dir / src.replace("index.md", "index.html"))
    lines = re.findall(
        r'<li data-crisis-line="([^"]+)"><a class="indgang-crisis__call" href="([^"]+)"', html
    )
    assert lines == [(x.id, x.href) for x in cat.crisis_lines]
    # First the lines, then the lead, the way forward, and only then the background.
    order = [
        html.index(m)
        for m in ('data-crisis-line="alarm-112"', "indgang-lead", 'id="videre"', "<details")
    ]
    assert order == sorted(order), order
    assert html.index('id="paragraffer"') > html.index("<details")
    # No empty finder: § 82 c has no course, so the page says so instead of linking to it.
    assert 'data-finder="82c"' not in html and 'data-no-courses="82c"' in html
    assert "Vi har ikke registreret et sted, der giver hjælp efter § 82 c" in html


def test_not_on_the_list_and_under_18_say_where_to_turn(site_dir: Path) -> None:
    outcomes = citizen_outcomes(site_dir)
    other = [p for p in outcomes if "ikke-paa-listen" in p.parts]
    young = [p for p in outcomes if "under-18" in p.parts]
    assert other and len(young) == 1
    for page in other:
        html = content(page)
        assert way_forward(html) == "gap" and "kommunens borgerservice" in html, page
    html = content(young[0])
    assert way_forward(html) == "gap"
    assert "dem, der arbejder med børn og unge" in html and 'data-next-step="crisis"' in html
