"""A page class that makes its own HTML: MkDocs' `Page.render` contract and `File.page`.

Written against MkDocs 1.6.1. Internals touched:

- `Page.render(config, files)` is overridden (`macros/site/speed/html_page.py`), and the
  override must leave behind what MkDocs' own `render` leaves: `content`, `toc`,
  `present_anchor_ids` (the anchor validation reads it) and the private
  `_title_from_render`, which the `title` property consults after the front matter's title
  and before the file name. `set_rendered` is the one place that writes them.
- The page object is made in `on_files` and put on `File.page` (`Page.__init__` does that).
  MkDocs 1.6 keeps such a page (mkdocs/mkdocs#3366; Material's blog plugin relies on it),
  but then ignores the title `nav` gives the page, so `make_page` passes it itself
  (`nav_titles`). This replaced swapping `page.__class__` in `on_pre_page`.

Why no public API: MkDocs has no event that lets a page skip Markdown; `on_page_markdown`
can only hand Markdown more text, and Markdown re-parsing the generated pages' HTML was the
largest single cost of a national build (`bench/build.md`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

# What MkDocs' `Page.render` sets on the page (tests/test_framework_adapters.py reads its source).
RENDER_SETS = ("content", "toc", "_title_from_render", "present_anchor_ids")


def set_rendered(
    page: Page, *, content: str, toc: TableOfContents, title: str | None, anchor_ids: set[str]
) -> None:
    """Leave `page` as MkDocs' own `render` would: its HTML, table of contents, the title of
    its first h1 (used when the front matter and `nav` give none) and its anchors."""
    page.content = content
    page.toc = toc
    page._title_from_render = title
    page.present_anchor_ids = anchor_ids


def nav_titles(nav: Any) -> dict[str, str]:
    """Source path -> the title `nav` (as written in mkdocs.yml) gives it."""
    out: dict[str, str] = {}

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            if isinstance(item, Mapping):
                for key, value in item.items():
                    if isinstance(value, str):
                        out.setdefault(value.lstrip("/"), key)
                    elif isinstance(value, list):
                        walk(value)

    walk(nav or [])
    return out


def make_page(cls: type[Page], file: File, config: Any, titles: Mapping[str, str]) -> Page:
    """A page of class `cls` for `file`, kept by MkDocs as the file's page (see above)."""
    return cls(titles.get(file.src_uri), file, config)
