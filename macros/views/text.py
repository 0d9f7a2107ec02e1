"""Editors' text to safe HTML, and Danish formatting of values.

Design note: descriptions may use Markdown, but anything that looks like HTML is shown as
text. We escape first and then run Markdown, so `<script>` can never become markup, while
`*fremhævet*`, lists and links still work. Where a link may point is `safety.is_link_target`
(https with a real host, mailto, tel); any other link is shown as its text. Images are shown
as links to the image, so a page never loads anything from elsewhere.
"""

from __future__ import annotations

import html
import json
import re

import markdown
from markdown.inlinepatterns import IMAGE_LINK_RE, ImageInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from macros.catalogue.safety import is_link_target

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


class _ImageAsLink(ImageInlineProcessor):
    """`![alt](url)` -> a link to the image, named by its alt text."""

    def handleMatch(self, m, data):  # type: ignore[no-untyped-def]  # Markdown's signature
        el, start, end = super().handleMatch(m, data)
        if el is not None:
            src, alt = el.get("src", ""), el.get("alt", "")
            el.tag = "a"
            el.attrib.clear()
            el.set("href", src)
            el.text = alt or "Billede"
        return el, start, end


class _SafeLinks(Treeprocessor):
    """A link to anything but `safety.is_link_target` keeps only its text."""

    def run(self, root):  # type: ignore[no-untyped-def]
        for el in root.iter("a"):
            if not is_link_target(el.get("href", "")):
                el.tag = "span"
                el.attrib.clear()
        return None


def _editors_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # An image would be fetched from wherever the editor points: a third-party request (the
    # CSP blocks it and the reader sees a broken image). `![alt](url)` becomes a link to the
    # image instead. Inline HTML cannot occur, as the text is escaped first.
    for name in ("image_link", "image_reference", "short_image_ref", "html"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(_ImageAsLink(IMAGE_LINK_RE, md), "image_link", 150)
    md.treeprocessors.register(_SafeLinks(md), "safe_links", -10)  # after "unescape"
    return md


_MARKDOWN = _editors_markdown()


# Most descriptions are plain sentences: for them Python-Markdown only wraps paragraphs in
# <p>, at 0.2 ms a text (a national catalogue has about 8,000). Text without anything Markdown
# could read as syntax (emphasis, code, links, escapes, headings, tables, lists, rules, tabs,
# indented or hard-broken lines) takes `_plain_paragraphs`; tests/test_markdown_fast_path.py
# checks that the two give the same HTML, on the shipped data and on generated text.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]#|~{}\t\r]|^ | $|^[-+=]|^\d+[.)]", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{2,}")


def _plain_paragraphs(escaped: str) -> str:
    return "\n".join(f"<p>{part}</p>" for part in _BLANK_LINES.split(escaped))


def markdown_html(text: str | None) -> Markup:
    """Render an editor's Markdown with any HTML in it shown as text."""
    if not text:
        return Markup("")
    escaped = html.escape(text.strip(), quote=False)
    if not escaped:
        return Markup("")
    if not _MARKDOWN_SYNTAX.search(escaped):
        return Markup(_plain_paragraphs(escaped))
    rendered = _MARKDOWN.reset().convert(escaped)  # one parser, reset per text
    return Markup(rendered)


def md_inline(text: str | None) -> Markup:
    """Plain text placed into Markdown source (headings, table cells) without being parsed."""
    if text is None:
        return Markup("")
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True)))


def yaml_string(text: str) -> Markup:
    """A value for YAML front matter (a JSON string is valid YAML).

    HTML-escaped: the theme prints `page.title` and the meta description without escaping.
    """
    return Markup(json.dumps(html.escape(str(text), quote=True), ensure_ascii=False))


def span(low_high: tuple[int, int] | None, unit: str, unit_one: str | None = None) -> str:
    """(4, 16) -> '4–16 uger'; (6, 6) -> '6 gange'; (1, 1) -> '1 gang'."""
    if low_high is None:
        return ""
    low, high = low_high
    if low == high:
        word = unit_one if (low == 1 and unit_one) else unit
        return f"{low} {word}"
    return f"{low}–{high} {unit}"
