"""Phone layout in real Chromium: every page at 375×812 and 320×640.

- No page scrolls sideways: `document.scrollingElement.scrollWidth <= innerWidth` (WCAG 1.4.10).
- No word is broken in the middle: a word of letters that wraps onto two lines ("Frederiks|havn").
- Every table that can scroll does so inside its own region that takes keyboard focus
  (`tabindex="0"`, `role="region"`, an `aria-label`), and the arrow keys scroll it.
- The course finder shows the count and the first course within 1.5 screens (its filters are
  folded on a phone, open on a desktop), offers «Målgruppe» and «Kommune» before «Paragraf»,
  and says so in Danish when a link asks for a municipality the catalogue does not have.
- The guides' diagram is drawn at a readable size inside its own scrolling region.

Speed: one browser, one context and one page for the whole module; the site is built once
per session (``site_dir``); each page is loaded once per screen size and checked with one
script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts import gates
from scripts.browser_checks import BrowserLog, assert_no_axe_violations, new_recorded_context

pytestmark = pytest.mark.browser

PHONES = {"375x812": (375, 812), "320x640": (320, 640)}
DESKTOP = (1280, 900)
SCREENS = 1.5  # "near the top": within the first one and a half screens

# One script per page: what overflows, which words wrap mid-word, which tables scroll
# without a focusable region around them.
_CHECK_JS = r"""() => {
  const width = window.innerWidth;
  const out = {scrollWidth: document.scrollingElement.scrollWidth, width, wide: [], broken: [], tables: []};
  if (out.scrollWidth > width) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && out.wide.length < 5) {
        out.wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
          ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
      }
    }
  }
  // Words of letters only: such a word whose first and last letters are on different lines
  // was broken inside. "Ikast-Brande" is two words here and may wrap at its hyphen, and so
  // may a word with a soft hyphen ("Tilgængeligheds&shy;erklæring").
  const root = document.querySelector('.md-main') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const word = /\p{L}{2,}/gu;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.data.trim() || parent.closest('[hidden], script, style, noscript')) continue;
    if (!parent.getClientRects().length) continue;
    word.lastIndex = 0;
    for (let m = word.exec(node.data); m; m = word.exec(node.data)) {
      const end = m.index + m[0].length;
      range.setStart(node, m.index);
      range.setEnd(node, m.index + 1);
      const first = range.getBoundingClientRect().bottom;
      range.setStart(node, end - 1);
      range.setEnd(node, end);
      const last = range.getBoundingClientRect().bottom;
      if (Math.abs(first - last) > 1 && out.broken.length < 5) out.broken.push(m[0]);
    }
  }
  for (const table of document.querySelectorAll('.md-content table')) {
    let scroller = null;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1) { scroller = el; break; }
    }
    if (!scroller) continue;  // fits as it is
    const label = (scroller.getAttribute('aria-label') || '').trim();
    if (scroller.tabIndex < 0 || scroller.getAttribute('role') !== 'region' || !label) {
      const caption = table.querySelector('caption');
      out.tables.push((caption ? caption.textContent.trim() : table.className || 'table') +
        ' scrolls in ' + scroller.tagName.toLowerCase() + '.' + scroller.className);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def phone_log(site_server: str) -> BrowserLog:
    return BrowserLog(site_origin=site_server)


@pytest.fixture(scope="module")
def phone(browser: Browser, site_server: str, phone_log: BrowserLog) -> Iterator[Page]:
    """One page (with JavaScript) for the whole module; tests set its size."""
    context = new_recorded_context(browser, site_server, phone_log)
    yield context.new_page()
    context.close()


@pytest.fixture
def log(phone_log: BrowserLog) -> Iterator[BrowserLog]:
    """The shared log, emptied for this test and checked after it."""
    phone_log.requests.clear()
    phone_log.console_errors.clear()
    phone_log.page_errors.clear()
    phone_log.allowed_console.clear()
    yield phone_log
    problems = phone_log.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> list[str]:
    found = gates.html_pages(site_dir)
    assert len(found) > 100, found  # the whole site, not a sample
    return found


def open_at(page: Page, url: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)


def test_every_page_fits_a_phone(phone: Page, log: BrowserLog, pages: list[str]) -> None:
    """No sideways scrolling, no word broken inside, every wide table in a focusable region.

    Each page is loaded once, at 375×812, then checked again at 320×640 without reloading.
    """
    problems: list[str] = []
    log.allow_console_error(r"status of 404")  # 404.html, served with its status
    for rel in pages:
        for n, (screen, (width, height)) in enumerate(PHONES.items()):
            phone.set_viewport_size({"width": width, "height": height})
            if n == 0:
                phone.goto(gates.page_url(rel) or "./")
                if rel == "guide/diagram/index.html":
                    phone.wait_for_selector("[data-guide-diagram] div.mermaid")
            found = phone.evaluate(_CHECK_JS)
            where = f"{rel} at {screen}"
            if found["scrollWidth"] > found["width"]:
                problems.append(
                    f"{where}: scrolls sideways ({found['scrollWidth']} > {found['width']} px): "
                    + ", ".join(found["wide"])
                )
            if found["broken"]:
                problems.append(f"{where}: words broken inside: {', '.join(found['broken'])}")
            if found["tables"]:
                problems.append(
                    f"{where}: tables scroll without a focusable region: {found['tables']}"
                )
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_a_wide_table_scrolls_with_the_keyboard(phone: Page, log: BrowserLog) -> None:
    """The municipality list at 320 px: Tab reaches its region, an arrow key scrolls it."""
    open_at(phone, "kommuner/", PHONES["320x640"])
    region = phone.get_by_role("region", name="Kommuner og indgange i kataloget")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: no test"
    for _ in range(60):
        phone.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the table's region")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=2_000)
    assert_no_axe_violations(phone, "kommuneliste på en telefon")


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] + page.evaluate("window.scrollY")


@pytest.mark.parametrize("screen", PHONES, ids=list(PHONES))
def test_finder_count_and_first_course_near_the_top(
    phone: Page, log: BrowserLog, screen: str
) -> None:
    size = PHONES[screen]
    open_at(phone, "courses/", size)
    phone.wait_for_selector("[data-finder-state=ready]")
    filters = phone.locator("#finder-filters")
    expect(filters).not_to_have_attribute("open", "")  # folded on a phone
    limit = SCREENS * size[1]
    expect(phone.locator("#finder-status")).to_have_text(re.compile(r"^Viser alle \d+ kurser\.$"))
    assert _top(phone, "#finder-status") < limit
    first = ".indgang-finder__item:not([hidden]) a.indgang-finder__title"
    assert _top(phone, first) < limit, f"first course {_top(phone, first):.0f} px down"
    # The folded filters open with a tap and show the filters in the citizen's order.
    phone.locator("#finder-filters > summary").click()
    expect(phone.get_by_role("group", name="Målgruppe", exact=True)).to_be_visible()
    phone.locator("#finder-more > summary").click()
    expect(phone.get_by_role("group", name="Form", exact=True)).to_be_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert_no_axe_violations(phone, f"kursusfinder på en telefon ({screen})")


def test_finder_without_javascript_on_a_phone(
    browser: Browser, site_server: str, log: BrowserLog
) -> None:
    context = new_recorded_context(browser, site_server, log, java_script_enabled=False)
    try:
        page = context.new_page()
        open_at(page, "courses/", PHONES["375x812"])
        limit = SCREENS * PHONES["375x812"][1]
        assert _top(page, "#finder-status") < limit
        assert _top(page, "a.indgang-finder__title") < limit
    finally:
        context.close()


def test_finder_filters_open_on_a_desktop_in_the_citizens_order(
    phone: Page, log: BrowserLog
) -> None:
    open_at(phone, "courses/", DESKTOP)
    phone.wait_for_selector("[data-finder-state=ready]")
    expect(phone.locator("#finder-filters")).to_have_attribute("open", "")
    names = phone.locator(
        "#finder-filters legend, #finder-filters label[for=finder-kommune]"
    ).all_inner_texts()
    order = [n.strip() for n in names]
    assert order.index("Målgruppe") < order.index("Kommune") < order.index("Paragraf"), order


def test_finder_offers_no_option_without_courses(phone: Page, log: BrowserLog) -> None:
    open_at(phone, "courses/", DESKTOP)
    phone.wait_for_selector("[data-finder-state=ready]")
    counts = phone.locator("#finder-form .indgang-finder__n").all_inner_texts()
    assert counts and "(0)" not in counts
    options = phone.locator("#finder-kommune option").all_inner_texts()
    assert not [o for o in options if o.endswith("(0)")], options
    paragraphs = phone.locator("input[name=paragraf]").evaluate_all("els => els.map(e => e.value)")
    assert "82c" not in paragraphs and "82d" not in paragraphs  # no course in the catalogue
    expect(phone.locator("#finder-set-paragraf")).to_contain_text(
        "Der er ingen kurser efter § 82 c og § 82 d i kataloget lige nu."
    )


@pytest.mark.parametrize(
    ("search", "says"),
    [
        ("?kommune=odense", "Kommunen «odense» er ikke med i kataloget"),
        ("?kommune=Odense&paragraf=82b", "Kommunen «Odense» er ikke med i kataloget"),
        ("?paragraf=82c", "Der er ingen kurser efter § 82 c i kataloget lige nu"),
        ("?form=telepati", "«telepati» er ikke et valg under «Form»"),
    ],
)
def test_finder_says_when_a_link_asks_for_what_is_not_there(
    phone: Page, log: BrowserLog, search: str, says: str
) -> None:
    open_at(phone, "courses/" + search, PHONES["375x812"])
    phone.wait_for_selector("[data-finder-state=ready]")
    message = phone.locator("#finder-unknown")
    expect(message).to_be_visible()
    expect(message).to_contain_text(says)
    expect(message).to_contain_text("så listen er ikke filtreret efter")
    # A way forward: the municipalities in the catalogue and the citizen guide.
    hrefs = message.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "../kommuner/" in hrefs and "../guide/stoette/" in hrefs
    assert _top(phone, "#finder-unknown") < PHONES["375x812"][1]
    # The filters it could use are used: ?kommune=Odense&paragraf=82b shows the § 82 b courses.
    if "paragraf=82b" in search:
        expect(phone.locator("input[name=paragraf][value='82b']")).to_be_checked()
    assert_no_axe_violations(phone, f"kursusfinder {search}")
    # Choosing a filter replaces the message (the URL now says what the form says).
    phone.locator("#finder-filters > summary").click()
    phone.locator("#finder-kommune").select_option("aalborg")
    expect(message).to_be_hidden()


def test_known_filters_give_no_message(phone: Page, log: BrowserLog) -> None:
    open_at(phone, "courses/?kommune=ikast-brande&paragraf=82b", PHONES["375x812"])
    phone.wait_for_selector("[data-finder-state=ready]")
    expect(phone.locator("#finder-unknown")).to_be_hidden()


def test_diagram_text_is_readable_on_a_phone(phone: Page, log: BrowserLog) -> None:
    open_at(phone, "guide/diagram/", PHONES["375x812"])
    phone.wait_for_selector("[data-guide-diagram] div.mermaid")
    regions = phone.locator("[data-guide-diagram]")
    assert regions.count() >= 2
    for i in range(regions.count()):
        region = regions.nth(i)
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("tabindex", "0")
        # Drawn at its own size (16 px text) instead of shrunk to the screen: the drawing is
        # wider than the region, which scrolls, and starts in the middle (the first question).
        scroll = region.evaluate("el => [el.scrollWidth, el.clientWidth, el.scrollLeft]")
        assert scroll[0] > 2 * scroll[1], scroll
        assert scroll[2] > 0, scroll
    # A link past it, to the table that says the same.
    expect(phone.locator(".indgang-guide-skip a").first).to_have_attribute("href", "#stoette-tabel")
