"""Big HTML from macros goes around Markdown (`macros/site/speed/passthrough.py`) and comes back whole."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.yaml import yaml_load

from macros.site.speed import passthrough

ROOT = Path(__file__).resolve().parent.parent
BLOCK = '<div class="x">\n<h2 id="a">A &amp; B</h2>\n<ul><li>*ikke kursiv*</li></ul>\n</div>'


def site_markdown() -> markdown.Markdown:
    """Markdown with the site's own extensions, as `mkdocs.yml` configures them."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    passthrough.clear()


def test_a_kept_block_comes_back_exactly_as_rendered_through_markdown() -> None:
    text = f"# Side\n\nFør.\n{passthrough.keep('p.md', BLOCK)}Efter *kursiv*.\n"
    html = site_markdown().convert(text)
    assert "<ul>" not in html  # Markdown saw only the placeholder
    out = passthrough.restore("p.md", html)
    assert BLOCK in out
    assert "<p>Før.</p>" in out and "<em>kursiv</em>" in out
    assert "indgang-html" not in out


def test_each_page_gets_back_its_own_blocks_in_order() -> None:
    first = passthrough.keep("a.md", "<p>1</p>")
    second = passthrough.keep("a.md", "<p>2</p>")
    other = passthrough.keep("b.md", "<p>3</p>")
    assert passthrough.restore("a.md", f"{second}{first}") == "\n\n<p>2</p>\n\n\n\n<p>1</p>\n\n"
    assert passthrough.restore("b.md", str(other)).strip() == "<p>3</p>"
    assert passthrough.restore("a.md", "<p>uændret</p>") == "<p>uændret</p>"  # nothing left


def test_a_block_lost_in_a_code_block_stops_the_build_with_the_page_named() -> None:
    text = f"```\n{passthrough.keep('p.md', BLOCK).strip()}\n```\n"
    html = site_markdown().convert(text)
    with pytest.raises(passthrough.LostBlockError, match=r"^p\.md: 1 HTML-blok"):
        passthrough.restore("p.md", html)


def test_a_placeholder_copied_into_text_by_hand_is_left_alone() -> None:
    written = "<!-- indgang-html 00000000-0 -->"
    passthrough.keep("p.md", "<p>x</p>")
    with pytest.raises(passthrough.LostBlockError):
        passthrough.restore("p.md", written)


def test_the_finder_page_lists_every_course_without_markdown_or_search_reading_it(site_dir) -> None:
    html = (site_dir / "courses" / "index.html").read_text(encoding="utf-8")
    assert "indgang-html" not in html
    assert html.count('class="indgang-finder__group"') >= 6
    assert '<div class="indgang-finder__results" id="finder-results" data-search-exclude>' in html


def test_the_search_index_has_the_finder_intro_but_not_its_list(site_dir) -> None:
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    finder = [
        d
        for d in docs["docs"]
        if d["location"].startswith("courses/#") or d["location"] == "courses/"
    ]
    assert [d["location"] for d in finder] == ["courses/"]  # no empty entry per municipality
    assert "Her er alle kurser og tilbud i kataloget" in finder[0]["text"]
    assert "indgang-finder" not in finder[0]["text"]
