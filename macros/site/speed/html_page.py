"""Generated pages whose body is already HTML: MkDocs shows them without running Markdown.

Design note: the page templates (`site_templates/pages/*.html.j2`) write HTML, so running
Python-Markdown over them only re-parsed every tag (`md_in_html`), which was the largest single
cost of a national build (see `bench/build.md`). An `HtmlPage` keeps everything else MkDocs
does with a page (front matter, theme, search, sitemap) and replaces only `render()` (the
MkDocs internals this relies on: `macros/site/framework/page_render.py`): it gives
each heading an id, the `toc` extension's permalink and a place in the table of contents, with
the extension's own slug and de-duplication functions and its settings from `mkdocs.yml`, so
the result matches what Markdown made of the same headings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.site.framework import page_render

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r"""\sid=(["'])(.*?)\1""")
# The same attribute found by its name first: a pattern that starts with a literal is searched
# for by that literal, five times faster on a page than one that tries every whitespace
# (0.19 s → 0.04 s for a national catalogue's pages); `written_ids` keeps a match only where
# whitespace precedes it, as `_ID` requires (tests/test_html_page.py compares the two).
_ID_VALUE = re.compile(r"""id=(["'])(.*?)\1""")


def written_ids(body: str) -> set[str]:
    """The ids the page's HTML already has: exactly `_ID`'s matches. A match not preceded by
    whitespace (`data-id="…"`) is no match of `_ID`, and the search goes on from its next
    character, not from its end, as `_ID`'s would."""
    ids: set[str] = set()
    pos = 0
    while match := _ID_VALUE.search(body, pos):
        start = match.start()
        if start > 0 and body[start - 1].isspace():
            ids.add(match.group(2))
            pos = match.end()
        else:
            pos = start + 1
    return ids


@dataclass
class Anchored:
    """A page body after `anchor_headings`."""

    html: str
    toc: list[dict[str, Any]]
    ids: set[str] = field(default_factory=set)
    title: str | None = None  # the text of the first h1


def anchor_headings(
    body: str, permalink: str | None = None, permalink_title: str | None = None
) -> Anchored:
    """Give every heading an id (kept if written) and a permalink; list them as toc tokens."""
    ids = written_ids(body)
    counters: dict[str, int] = {}
    flat: list[dict[str, Any]] = []
    title: list[str] = []

    def replace(match: re.Match[str]) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2), match.group(3)
        name = strip_tags(inner)
        written = _ID.search(attrs)
        if written:
            anchor = written.group(2)
        else:
            anchor = unique(slugify(html.unescape(name), "-"), ids, counters)
            attrs = f' id="{anchor}"{attrs}'
        flat.append({"level": level, "id": anchor, "name": name})
        if level == 1 and not title:
            title.append(html.unescape(name))
        if permalink:
            link_title = f' title="{html.escape(permalink_title)}"' if permalink_title else ""
            inner = f'{inner}<a class="headerlink" href="#{anchor}"{link_title}>{permalink}</a>'
        return f"<h{level}{attrs}>{inner}</h{level}>"

    out = _HEADING.sub(replace, body)
    return Anchored(out, nest_toc_tokens(flat), ids, title[0] if title else None)


class HtmlPage(Page):
    """A page whose source (after the front matter) is HTML; see the module's design note."""

    def render(self, config: Any, files: Any) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        toc_config = (config.get("mdx_configs") or {}).get("toc", {})
        permalink = toc_config.get("permalink")
        anchored = anchor_headings(
            self.markdown,
            permalink="¶" if permalink is True else (permalink or None),
            permalink_title=toc_config.get("permalink_title", "Permanent link"),
        )
        page_render.set_rendered(
            self,
            content=anchored.html,
            toc=get_toc(anchored.toc),
            title=anchored.title,
            anchor_ids=anchored.ids,
        )
