"""Generated pages skip Markdown (`macros/site/speed/html_page.py`); the site search gets one entry per
course (`macros/site/search.py`); the navigation is rendered once per folder (`macros/site/speed/fragments.py`)."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from macros.guides import all_data
from macros.site.speed.html_page import anchor_headings
from macros.views import urls

ROOT = Path(__file__).resolve().parent.parent
CAT = all_data.load(ROOT / "data", date(2026, 11, 22))

# --- Headings ----------------------------------------------------------------------------------


def test_headings_get_ids_permalinks_and_a_nested_toc() -> None:
    body = (
        "<h1>Sådan &amp; så</h1><p>x</p><h2>Fakta</h2><h3 id='egen'>Egen <em>id</em></h3>"
        '<h2>Fakta</h2><h2 class="x">Kilde</h2>'
    )
    out = anchor_headings(body, permalink="¶", permalink_title="Link til dette afsnit")
    assert out.title == "Sådan & så"
    assert '<h1 id="sadan-sa">Sådan &amp; så<a class="headerlink" href="#sadan-sa"' in out.html
    assert (
        '<h2 id="fakta">Fakta<a class="headerlink" href="#fakta" title="Link til dette afsnit">¶</a></h2>'
        in out.html
    )
    assert '<h3 id=\'egen\'>Egen <em>id</em><a class="headerlink" href="#egen"' in out.html
    assert '<h2 id="fakta_1">' in out.html  # a repeated heading gets a unique id
    assert '<h2 id="kilde" class="x">' in out.html
    (h1,) = out.toc
    assert [(t["id"], t["name"], t["level"]) for t in h1["children"]] == [
        ("fakta", "Fakta", 2),
        ("fakta_1", "Fakta", 2),
        ("kilde", "Kilde", 2),
    ]
    assert [t["id"] for t in h1["children"][0]["children"]] == ["egen"]
    assert out.ids >= {"sadan-sa", "fakta", "fakta_1", "egen", "kilde"}


def test_a_heading_slug_does_not_take_an_id_written_later() -> None:
    out = anchor_headings('<h2>Kilde</h2><div id="kilde"></div>')
    assert '<h2 id="kilde_1">' in out.html and "headerlink" not in out.html


# --- Built pages -------------------------------------------------------------------------------


def page(site_dir: Path, src: str) -> str:
    return (site_dir / urls.page_url(src) / "index.html").read_text(encoding="utf-8")


def test_course_page_headings_and_sidebar_toc_as_markdown_made_them(site_dir) -> None:
    html = page(site_dir, urls.course("ikast-brande", "nada"))
    assert (
        '<h2 id="fakta">Fakta<a class="headerlink" href="#fakta" '
        'title="Link til dette afsnit">¶</a></h2>' in html
    )
    toc = html[html.index('data-md-type="toc"') :]
    toc = toc[: toc.index("</nav>")]
    article = html[html.index("<article") : html.index("</article>")]
    h2_ids = re.findall(r'<h2 id="([^"]+)"', article)
    assert h2_ids[0] == "fakta" and h2_ids[-1] == "kilde"
    assert re.findall(r'href="#([^"]+)"', toc) == h2_ids  # the sidebar lists the sections
    assert html.count("<h1") == 1  # the theme does not add a second title


class _Nav(HTMLParser):
    """Links and active items of the primary navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.active: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (a.get("class") or ""):
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        if self.depth and tag == "a" and a.get("href") and not a["href"].startswith("#"):
            # (links within the page are its table of contents, shown for the active item)
            self.links.append(a["href"])
            if "md-nav__link--active" in (a.get("class") or ""):
                self.active.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def nav_targets(site_dir: Path, html_path: Path) -> tuple[list[str], list[str]]:
    parser = _Nav()
    parser.feed(html_path.read_text(encoding="utf-8"))
    here = posixpath.dirname(html_path.relative_to(site_dir).as_posix())

    def resolve(href: str) -> str:
        target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
        return "" if target == "." else target + "/"

    return [resolve(h) for h in parser.links], [resolve(h) for h in parser.active]


def test_every_page_has_the_same_navigation_resolving_to_the_same_pages(site_dir) -> None:
    home, _ = nav_targets(site_dir, site_dir / "index.html")
    assert "snitflader/" in home and "courses/" in home
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 100
    for path in pages:
        links, active = nav_targets(site_dir, path)
        assert links == home, path  # a cached navigation with wrong relative links fails here
        url = posixpath.dirname(path.relative_to(site_dir).as_posix())
        url = "" if url in ("", ".") else url + "/"
        assert active == ([url] if url in home else []), path


# --- Site search -------------------------------------------------------------------------------


def test_each_course_is_one_search_entry_with_its_description(site_dir) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    courses = [d for d in docs if re.match(r"courses/[^#]+/[^#]+/", d["location"])]
    assert sorted(d["location"] for d in courses) == sorted(
        urls.page_url(urls.course(c.municipality, c.id)) for c in CAT.courses.values()
    )
    assert not any("#" in d["location"] for d in courses)  # no "Fakta" or "Kilde" sections
    nada = next(d for d in courses if d["location"] == "courses/ikast-brande/nada/")
    assert nada["title"] == CAT.courses["ikast-brande/nada"].title
    first_words = " ".join(CAT.courses["ikast-brande/nada"].description.split()[:4])
    assert first_words in nada["text"] and "Ikast-Brande Kommune" in nada["text"]
    # the other pages are still indexed by the theme's search plugin, section by section
    assert any(d["location"].startswith("snitflader/#") for d in docs)
    assert any(d["location"].startswith("kommuner/ikast-brande/") for d in docs)


def test_every_page_loads_the_theme_files_from_its_own_depth(site_dir) -> None:
    """Script and style tags and Material's __config are rendered once per base_url
    (macros/site/speed/fragments.py); a page at another depth would point at files that do not exist."""
    pattern = re.compile(
        r'<script\b[^>]*?\bsrc="([^"#?]+)"|<link\b[^>]*?\brel="(?:stylesheet|icon)"[^>]*?\bhref="([^"#?]+)"'
    )
    pages = sorted(site_dir.rglob("*.html"))
    checked = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        refs = [a or b for a, b in pattern.findall(html)]
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', html, re.S
        )
        if config:
            refs.append(json.loads(config.group(1))["search"])
        for ref in refs:
            if ref.startswith("/") and path.name == "404.html":
                continue  # served at any depth, so it links from the site root
            assert not ref.startswith(("http:", "https:", "/")), (path.relative_to(site_dir), ref)
            target = (path.parent / ref).resolve()
            assert target.is_file(), (path.relative_to(site_dir), ref)
            checked += 1
    assert checked > 5 * len(pages)


def test_the_fast_id_scan_finds_exactly_what_the_plain_pattern_finds() -> None:
    from macros.site.speed import html_page

    def plain(body: str) -> set[str]:
        return {m.group(2) for m in html_page._ID.finditer(body)}

    tricky = [
        'valid="1 id="2"',  # a match of "id=" inside a word hides a real one
        '<a data-id="x" id="y">',
        "<h2 id='a'>x</h2><p id=\"b\">",
        'id="start" x',  # at the very start: no whitespace before it
        '\tid="tab"\nid="line"',
        'x id="open',  # no closing quote
        ' id="" id="e"',
    ]
    from macros.site import pages

    generated = pages.first_share(CAT).extend(pages.second_share(CAT)).pages
    assert len(generated) > 100
    for body in tricky + list(generated.values()):
        assert html_page.written_ids(body) == plain(body), body[:80]
