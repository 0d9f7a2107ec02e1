"""The course finder in real Chromium: filters, free text, the URL, keyboard, no JavaScript.

Every expected list is computed in Python from the catalogue (macros.catalogue.model.load on the test
date), never from the page: the list the browser shows must equal the active courses that
match, for every filter tested. Free text is checked against `tests/helpers/finder_search.py`, the
reference for the script's Danish-aware search.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.synth import make_catalogue
from macros.catalogue import model as catalogue
from macros.catalogue.model import Course
from macros.exports import finder
from macros.guides import all_data
from macros.views import urls
from scripts.browser_checks import (
    BrowserLog,
    assert_no_axe_violations,
    focused_outline_visible,
    new_recorded_context,
    start_static_server,
    tab_until,
)
from tests.helpers import finder_search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)
HERE = urls.COURSES
FINDER = "courses/"
P = finder.PARAMS

CAT = all_data.load(ROOT / "data", TODAY)
COURSES = finder.finder_courses(CAT)
INDEX = finder.finder_index(CAT)
ALL_OPTIONS = finder.finder_view(CAT, HERE)["options"]


def href(c: Course) -> str:
    return urls.href(HERE, urls.course(c.municipality, c.id))


def days_of(c: Course) -> set[str]:
    return {finder.WEEKDAYS[d] for w in c.schedule for d in w.days}


def expected(
    cat: catalogue.Catalogue = CAT,
    *,
    kommune: str = "",
    paragraf: tuple[str, ...] = (),
    form: tuple[str, ...] = (),
    maalgruppe: tuple[str, ...] = (),
    adgang: tuple[str, ...] = (),
    dag: tuple[str, ...] = (),
    soeg: str = "",
) -> list[str]:
    """Hrefs of the active courses matching the filters, in list order."""
    index = finder.finder_index(cat)
    out = []
    for row, c in enumerate(finder.finder_courses(cat)):
        assert c.is_active(cat.today)
        if kommune and c.municipality != kommune:
            continue
        if paragraf and finder.filed_paragraph(c) not in paragraf:
            continue
        if form and c.format not in form:
            continue
        if maalgruppe and not set(maalgruppe) & set(c.target_groups):
            continue
        if adgang and c.access not in adgang:
            continue
        if dag and not set(dag) & days_of(c):
            continue
        if soeg and not finder_search.matches(finder_search.haystack(index, row), soeg):
            continue
        out.append(href(c))
    return out


def query(**filters: object) -> str:
    pairs = []
    for name, value in filters.items():
        for v in (value,) if isinstance(value, str) else value:
            pairs.append((name, v))
    return "?" + urlencode(pairs)


def open_finder(page: Page, search: str = "") -> None:
    page.goto(FINDER + search)
    page.wait_for_selector("[data-finder-state=ready]")


def visible_hrefs(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".indgang-finder__group:not([hidden]) .indgang-finder__item:not([hidden]) a.indgang-finder__title",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))",
    )


def assert_list(page: Page, hrefs: list[str]) -> None:
    """The shown list is exactly `hrefs`, and the status says how many of all are shown."""
    assert visible_hrefs(page) == hrefs
    total = page.locator(".indgang-finder__item").count()
    status = page.locator("#finder-status")
    if not hrefs:
        expect(status).to_have_text(f"Ingen af de {total} kurser passer til dine valg.")
        expect(page.locator("#finder-empty")).to_be_visible()
        return
    if len(hrefs) == total:  # no filter, or filters that every course passes
        expect(status).to_have_text(
            re.compile(rf"^Viser (alle {total}|{total} af {total}) kurser\.$")
        )
    else:
        expect(status).to_have_text(f"Viser {len(hrefs)} af {total} kurser.")
    expect(page.locator("#finder-empty")).to_be_hidden()


def url_filters(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_more(page: Page) -> None:
    details = page.locator("#finder-more")
    if details.get_attribute("open") is None:
        page.locator("#finder-more > summary").click()


# --- Without JavaScript ---------------------------------------------------------------------


@pytest.mark.parametrize("search", ["", "?kommune=ikast-brande&paragraf=82b"])
def test_without_javascript_every_active_course_is_listed(nojs_page: Page, search: str) -> None:
    nojs_page.goto(FINDER + search)
    links = nojs_page.locator("a.indgang-finder__title")
    assert links.evaluate_all("els => els.map(e => e.getAttribute('href'))") == expected()
    for link in links.all():
        assert link.is_visible()
    expect(nojs_page.locator("#finder-form")).to_be_hidden()  # it could not filter anything
    expect(nojs_page.locator("#finder-nojs")).to_contain_text("når JavaScript er slået til")
    expect(nojs_page.locator("#finder-status")).to_contain_text(f"{len(COURSES)} kurser")
    # Grouped by municipality, with a count and a jump list.
    headings = nojs_page.locator(".indgang-finder__group h2")
    per_group = {m["value"]: 0 for m in ALL_OPTIONS["municipality"]}
    for c in COURSES:
        per_group[c.municipality] += 1
    names = [CAT.municipalities[mid].name for mid, n in per_group.items() if n]
    # textContent: innerText is empty for groups the browser skips off screen (content-visibility)
    texts = [" ".join(t.split()) for t in headings.all_text_contents()]
    assert len(texts) == len(names)
    for text, name, n in zip(texts, names, [n for n in per_group.values() if n], strict=True):
        assert text == f"{name} {n} {'kursus' if n == 1 else 'kurser'}"
    expect(nojs_page.locator("#finder-jump")).to_be_visible()
    assert nojs_page.locator("#finder-jump a").count() == len(names)
    assert_no_axe_violations(nojs_page, "kursusfinder uden JavaScript")


def test_without_javascript_a_course_link_opens_its_page(nojs_page: Page) -> None:
    nojs_page.goto(FINDER)
    first = nojs_page.locator("a.indgang-finder__title").first
    title = first.inner_text()
    target = urljoin(nojs_page.url, first.get_attribute("href"))
    first.click()
    expect(nojs_page).to_have_url(target)
    expect(nojs_page.locator("h1")).to_contain_text(title)


# --- One filter at a time ------------------------------------------------------------------


FILTER_CASES = [(P["municipality"], o["value"]) for o in ALL_OPTIONS["municipality"]] + [
    (P[name], o["value"])
    for name in ("paragraph", "format", "target_group", "access", "weekday")
    for o in ALL_OPTIONS[name]
]
EXPECT_KEY = {
    P["municipality"]: "kommune",
    P["paragraph"]: "paragraf",
    P["format"]: "form",
    P["target_group"]: "maalgruppe",
    P["access"]: "adgang",
    P["weekday"]: "dag",
}


@pytest.mark.parametrize(
    ("param", "value"), FILTER_CASES, ids=[f"{p}={v}" for p, v in FILTER_CASES]
)
def test_each_filter_from_the_url(page: Page, param: str, value: str) -> None:
    open_finder(page, query(**{param: value}))
    key = EXPECT_KEY[param]
    assert_list(page, expected(**{key: value if key == "kommune" else (value,)}))


def test_each_filter_by_ticking(page: Page) -> None:
    """Every checkbox and every municipality, one at a time, through the form."""
    open_finder(page)
    open_more(page)
    boxes = page.locator("#finder-form input[type=checkbox]")
    kinds = ("paragraph", "format", "target_group", "access", "weekday")
    assert boxes.count() == sum(len(ALL_OPTIONS[k]) for k in kinds)
    for i in range(boxes.count()):
        box = boxes.nth(i)
        name, value = box.get_attribute("name"), box.get_attribute("value")
        box.check()
        assert_list(page, expected(**{EXPECT_KEY[name]: (value,)}))
        assert url_filters(page) == {name: [value]}
        box.uncheck()
        assert_list(page, expected())
    select = page.locator("#finder-kommune")
    for o in ALL_OPTIONS["municipality"]:
        select.select_option(o["value"])
        assert_list(page, expected(kommune=o["value"]))
        assert url_filters(page) == {"kommune": [o["value"]]}
    select.select_option("")
    assert_list(page, expected())
    assert urlsplit(page.url).query == ""


def test_option_counts_follow_the_other_filters(page: Page) -> None:
    open_finder(page, "?kommune=ikast-brande")
    for o in ALL_OPTIONS["paragraph"]:
        label = page.locator(f"input[name=paragraf][value='{o['value']}'] >> xpath=..")
        n = len(expected(kommune="ikast-brande", paragraf=(o["value"],)))
        expect(label.locator(".indgang-finder__n")).to_have_text(f"({n})")
    # The municipality list counts what each municipality would show with the other filters.
    page.locator("input[name=paragraf][value='82b']").check()
    for o in ALL_OPTIONS["municipality"]:
        n = len(expected(kommune=o["value"], paragraf=("82b",)))
        expect(page.locator(f"#finder-kommune option[value='{o['value']}']")).to_have_text(
            f"{o['label']} ({n})"
        )


# --- Combined ----------------------------------------------------------------------------------


COMBINED = [
    {"kommune": "ikast-brande", "paragraf": ("82a",)},
    {"paragraf": ("82a", "82b"), "form": ("individuel",)},
    {"maalgruppe": ("adhd", "autisme")},
    {"maalgruppe": ("sociale-problemer",), "adgang": ("afklarende-samtale", "uvisiteret")},
    {"adgang": ("afklarende-samtale",), "dag": ("fredag",)},
    {"kommune": "slagelse", "soeg": "forløb"},
    {
        "paragraf": ("82a",),
        "form": ("gruppe",),
        "maalgruppe": ("psykisk-saarbarhed",),
        "soeg": "in",
    },
]


@pytest.mark.parametrize("filters", COMBINED, ids=lambda f: query(**f))
def test_combined_filters_from_the_url(page: Page, filters: dict) -> None:
    open_finder(page, query(**filters))
    assert_list(page, expected(**filters))


def test_combined_filters_by_ticking(page: Page) -> None:
    open_finder(page)
    page.locator("input[name=paragraf][value='82a']").check()
    page.locator("input[name=paragraf][value='82b']").check()
    assert_list(page, expected(paragraf=("82a", "82b")))
    open_more(page)
    page.locator("input[name=form][value=individuel]").check()
    assert_list(page, expected(paragraf=("82a", "82b"), form=("individuel",)))
    page.locator("#finder-kommune").select_option("ikast-brande")
    assert_list(
        page, expected(kommune="ikast-brande", paragraf=("82a", "82b"), form=("individuel",))
    )
    assert url_filters(page) == {
        "kommune": ["ikast-brande"],
        "paragraf": ["82a", "82b"],
        "form": ["individuel"],
    }
    expect(page.locator("#finder-more-chosen")).to_have_text("(1 valgt)")


# --- Free text ---------------------------------------------------------------------------------

QUERIES = ["åben", "ÅBEN", "aaben", "forløb", "forloeb", "recov", "adhd", "82 b", "82b", "din indgang",
           "psykisk", "Kroppen husker", "ikast", "xyzzy"]  # fmt: skip


def test_free_text_is_danish_aware_and_updates_as_you_type(page: Page) -> None:
    open_finder(page)
    box = page.locator("#finder-q")
    for text in QUERIES:
        box.fill("")
        box.press_sequentially(text)
        hrefs = expected(soeg=text)
        assert visible_hrefs(page) == hrefs, text
        assert page.locator("[data-indgang-finder]").get_attribute("data-finder-visible") == str(
            len(hrefs)
        )
    assert expected(soeg="åben") == expected(soeg="ÅBEN") == expected(soeg="aaben") and expected(
        soeg="åben"
    )
    assert expected(soeg="forløb") == expected(soeg="forloeb") and expected(soeg="forløb")
    assert expected(soeg="xyzzy") == []


def test_prefix_of_a_word_finds_it(page: Page) -> None:
    open_finder(page)
    page.locator("#finder-q").press_sequentially("psykoedu")
    hrefs = visible_hrefs(page)
    assert hrefs == expected(soeg="psykoedu")
    assert any("psykoedukation" in h for h in hrefs)


def test_count_is_announced_after_typing(page: Page) -> None:
    open_finder(page)
    status = page.locator("#finder-status")
    assert status.get_attribute("role") == "status"
    page.locator("#finder-q").press_sequentially("gruppe")
    n = len(expected(soeg="gruppe"))
    expect(status).to_have_text(f"Viser {n} af {len(COURSES)} kurser.")


# --- The URL -----------------------------------------------------------------------------------


def test_url_round_trip(page: Page) -> None:
    filters = {
        "soeg": "forløb",
        "kommune": "ikast-brande",
        "paragraf": ["82a", "85"],
        "maalgruppe": ["psykisk-saarbarhed"],
    }
    open_finder(page, query(**filters))
    expect(page.locator("#finder-q")).to_have_value("forløb")
    # Material's site search also reads ?soeg=; the finder keeps it from opening the search overlay.
    expect(page.locator("#__search")).not_to_be_checked()
    assert (
        page.evaluate("document.activeElement.getAttribute('data-md-component')") != "search-query"
    )
    expect(page.locator("#finder-kommune")).to_have_value("ikast-brande")
    expect(page.locator("input[name=paragraf][value='82a']")).to_be_checked()
    expect(page.locator("input[name=paragraf][value='85']")).to_be_checked()
    expect(page.locator("input[name=paragraf][value='82b']")).not_to_be_checked()
    expect(page.locator("input[name=maalgruppe][value=psykisk-saarbarhed]")).to_be_checked()
    expect(page.locator("#finder-filters")).to_have_attribute("open", "")  # a desktop
    want = expected(
        soeg="forløb",
        kommune="ikast-brande",
        paragraf=("82a", "85"),
        maalgruppe=("psykisk-saarbarhed",),
    )
    assert_list(page, want)
    assert url_filters(page) == {"soeg": ["forløb"], "kommune": ["ikast-brande"], "paragraf": ["82a", "85"],
                                 "maalgruppe": ["psykisk-saarbarhed"]}  # fmt: skip
    # What the form writes, the page reads back.
    page.locator("input[name=paragraf][value='85']").uncheck()
    written = page.url
    page.reload()
    page.wait_for_selector("[data-finder-state=ready]")
    assert page.url == written
    assert_list(
        page,
        expected(
            soeg="forløb",
            kommune="ikast-brande",
            paragraf=("82a",),
            maalgruppe=("psykisk-saarbarhed",),
        ),
    )


def test_back_button_steps_through_filter_changes(page: Page) -> None:
    open_finder(page)
    page.locator("input[name=paragraf][value='82a']").check()
    page.locator("#finder-kommune").select_option("ikast-brande")
    page.locator("#finder-q").press_sequentially("nada")  # one history entry for the whole word
    assert_list(page, expected(kommune="ikast-brande", paragraf=("82a",), soeg="nada"))
    page.go_back()
    expect(page.locator("#finder-q")).to_have_value("")
    assert_list(page, expected(kommune="ikast-brande", paragraf=("82a",)))
    page.go_back()
    expect(page.locator("#finder-kommune")).to_have_value("")
    assert_list(page, expected(paragraf=("82a",)))
    page.go_back()
    expect(page.locator("input[name=paragraf][value='82a']")).not_to_be_checked()
    assert_list(page, expected())
    page.go_forward()
    assert_list(page, expected(paragraf=("82a",)))


@pytest.mark.parametrize(
    ("search", "filters"),
    [
        ("?kommune=Ikast-Brande", {"kommune": "ikast-brande"}),
        ("?paragraf=82%20b", {"paragraf": ("82b",)}),
        ("?paragraf=%C2%A7%2082%20a", {"paragraf": ("82a",)}),
        ("?kommune=findes-ikke", {}),
        ("?dag=Fredag", {"dag": ("fredag",)}),
    ],
)
def test_hand_written_urls_are_understood(page: Page, search: str, filters: dict) -> None:
    open_finder(page, search)
    assert_list(page, expected(**filters))


def test_links_from_municipality_and_paragraph_pages(page: Page) -> None:
    page.goto(urls.page_url(urls.municipality("ikast-brande")))
    page.locator("a[href$='?kommune=ikast-brande']").first.click()
    page.wait_for_selector("[data-finder-state=ready]")
    assert_list(page, expected(kommune="ikast-brande"))
    page.goto(urls.page_url(urls.paragraph("82b")))
    page.locator("a[href$='?paragraf=82b']").first.click()
    page.wait_for_selector("[data-finder-state=ready]")
    assert_list(page, expected(paragraf=("82b",)))


# --- Clear and empty ---------------------------------------------------------------------------


def test_nulstil_clears_every_filter(page: Page) -> None:
    open_finder(
        page,
        query(
            soeg="gruppe", kommune="ikast-brande", paragraf=["82a"], form=["gruppe"], dag=["fredag"]
        ),
    )
    page.get_by_role("button", name="Nulstil alle filtre").click()
    assert_list(page, expected())
    assert urlsplit(page.url).query == ""
    expect(page.locator("#finder-q")).to_have_value("")
    expect(page.locator("#finder-kommune")).to_have_value("")
    assert page.locator("#finder-form input[type=checkbox]:checked").count() == 0
    expect(page.locator("#finder-more-chosen")).to_have_text("")


def _empty_case() -> dict:
    """A municipality and a format that never meet in the data."""
    for m in ALL_OPTIONS["municipality"]:
        for f in ALL_OPTIONS["format"]:
            if m["count"] and f["count"] and not expected(kommune=m["value"], form=(f["value"],)):
                return {"kommune": m["value"], "form": (f["value"],)}
    raise AssertionError("no empty combination in the data")


def test_empty_result_suggests_which_filter_to_drop(page: Page) -> None:
    case = _empty_case()
    open_finder(page, query(**case))
    assert_list(page, [])
    buttons = page.locator("#finder-suggestions button")
    texts = buttons.all_inner_texts()
    without_kommune = len(expected(form=case["form"]))
    without_form = len(expected(kommune=case["kommune"]))
    assert f"Fjern filteret «Kommune» – så vises {without_kommune} kurser" in texts
    assert (
        f"Fjern filteret «Form» – så vises {without_form} kurs{'us' if without_form == 1 else 'er'}"
        in texts
    )
    assert_no_axe_violations(page, "kursusfinder, tomt resultat")
    # The suggestion works, and focus lands on the new count.
    page.get_by_role("button", name="Fjern filteret «Form»").click()
    assert_list(page, expected(kommune=case["kommune"]))
    assert page.evaluate("document.activeElement.id") == "finder-status"
    assert url_filters(page) == {"kommune": [case["kommune"]]}


def test_empty_result_offers_the_guide(page: Page) -> None:
    open_finder(page, "?soeg=xyzzy")
    assert_list(page, [])
    expect(page.locator("#finder-suggestions button")).to_have_text(
        [f"Fjern søgeordet «xyzzy» – så vises {len(COURSES)} kurser"]
    )
    link = page.locator("#finder-empty a")
    expect(link).to_be_visible()
    target = link.get_attribute("href")
    response = page.request.get(urljoin(page.url, target.split("#")[0]))
    assert response.status == 200, target
    link.click()
    page.wait_for_load_state()
    if "#" in target:
        assert page.locator(f"#{target.split('#')[1]}").count() == 1


# --- Keyboard and accessibility -----------------------------------------------------------------


def test_keyboard_only(page: Page) -> None:
    open_finder(page)
    tab_until(page, "#finder-q")
    assert focused_outline_visible(page)
    page.keyboard.type("forløb")
    assert_list(page, expected(soeg="forløb"))
    tab_until(page, "#finder-kommune")
    assert focused_outline_visible(page)
    tab_until(page, "input[name=paragraf][value='82a']")
    assert focused_outline_visible(page)
    page.keyboard.press("Space")
    assert_list(page, expected(soeg="forløb", paragraf=("82a",)))
    tab_until(page, "#finder-more > summary")
    assert focused_outline_visible(page)
    page.keyboard.press("Enter")
    tab_until(page, "input[name=form][value=gruppe]")
    page.keyboard.press("Space")
    assert_list(page, expected(soeg="forløb", paragraf=("82a",), form=("gruppe",)))
    tab_until(page, "#finder-reset")
    assert focused_outline_visible(page)
    page.keyboard.press("Enter")
    assert_list(page, expected())
    # Shift+Tab back to the municipality list and choose one with the arrow keys.
    tab_until(page, "#finder-kommune", key="Shift+Tab")
    page.keyboard.press("ArrowDown")
    first = ALL_OPTIONS["municipality"][0]["value"]
    expect(page.locator("#finder-kommune")).to_have_value(first)
    assert_list(page, expected(kommune=first))


def test_form_is_labelled_and_passes_axe(page: Page) -> None:
    open_finder(page)
    open_more(page)
    for legend in ("Paragraf", "Form", "Målgruppe", "Sådan kommer du i gang"):
        expect(page.get_by_role("group", name=legend, exact=True)).to_be_visible()
    expect(page.get_by_role("searchbox", name="Søg efter ord")).to_be_visible()
    expect(page.get_by_role("combobox", name="Kommune")).to_be_visible()
    expect(page.get_by_role("checkbox", name="§ 82 a", exact=False)).to_be_visible()
    expect(page.locator("#finder-jump")).to_be_hidden()
    expect(page.locator("#finder-nojs")).to_be_hidden()
    assert_no_axe_violations(page, "kursusfinder med alle filtre åbne")
    page.locator("input[name=paragraf][value='82b']").check()
    assert_no_axe_violations(page, "kursusfinder, filtreret")


def test_loads_only_its_own_index(page: Page, page_log: BrowserLog) -> None:
    open_finder(page)
    token = page.get_attribute("[data-indgang-finder]", "data-token")
    index_requests = [u for u in page_log.requests if "/courses/index.json" in u]
    assert index_requests == [page_log.site_origin.rstrip("/") + f"/courses/index.json?v={token}"]
    assert token == INDEX["token"]


# --- A national-size synthetic catalogue ---------------------------------------------------------


@pytest.fixture(scope="module")
def synth_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, catalogue.Catalogue]]:
    """A synthetic catalogue (3 municipalities × 48 courses, some ended) built and served."""
    project = tmp_path_factory.mktemp("synth-project")
    for part in ("mkdocs.yml", "content", "macros", "site_templates"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, project / part)
    data = make_catalogue(project / "data", municipalities=4, courses_per=36, today=TODAY)
    env = {**os.environ, "INDGANG_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    cat = all_data.load(data, TODAY)
    server = start_static_server(project / "site")
    yield server.base_url, cat
    server.stop()


@pytest.fixture
def synth_page(browser: Browser, synth_site: tuple[str, catalogue.Catalogue]) -> Iterator[Page]:
    base_url, _ = synth_site
    log = BrowserLog(site_origin=base_url)
    context = new_recorded_context(browser, base_url, log)
    yield context.new_page()
    context.close()
    assert not log.problems(), "\n".join(log.problems())


def test_synthetic_angst_finds_angstgruppe(
    synth_page: Page, synth_site: tuple[str, catalogue.Catalogue]
) -> None:
    _, cat = synth_site
    open_finder(synth_page)
    synth_page.locator("#finder-q").press_sequentially("angst")
    hrefs = visible_hrefs(synth_page)
    assert hrefs == expected(cat, soeg="angst")
    titles = synth_page.locator(".indgang-finder__item:not([hidden]) a").all_text_contents()
    assert any(t.startswith("Angstgruppe") for t in titles)


def test_synthetic_ended_courses_are_not_listed(
    synth_page: Page, synth_site: tuple[str, catalogue.Catalogue]
) -> None:
    _, cat = synth_site
    ended = [c for c in cat.courses.values() if not c.is_active(TODAY)]
    assert ended
    synth_page.goto(FINDER)
    synth_page.wait_for_selector("[data-finder-state=ready]")
    listed = synth_page.locator("a.indgang-finder__title").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert listed == expected(cat)
    assert not {href(c) for c in ended} & set(listed)
    # The ended course's own page stays, marked as ended.
    synth_page.goto(urls.page_url(urls.course(ended[0].municipality, ended[0].id)))
    expect(synth_page.get_by_text("Tilbuddet er slut")).to_be_visible()


def test_synthetic_filters_match_python(
    synth_page: Page, synth_site: tuple[str, catalogue.Catalogue]
) -> None:
    _, cat = synth_site
    cases = [
        {"dag": ("tirsdag",)},
        {"dag": ("mandag", "fredag"), "form": ("gruppe",)},
        {"kommune": "aalborg", "paragraf": ("82b", "85")},
        {"maalgruppe": ("ensomhed",), "adgang": ("uvisiteret",)},
        {"soeg": "økonomi"},
        {"soeg": "gruppe", "kommune": "hjoerring"},
    ]
    for case in cases:
        open_finder(synth_page, query(**case))
        hrefs = expected(cat, **case)
        assert visible_hrefs(synth_page) == hrefs, case
        assert hrefs, case
