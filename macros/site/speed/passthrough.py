"""Large HTML from macros, kept away from Markdown and put back after it.

Design note: a macro's output becomes part of the page's Markdown. Python-Markdown passes a
raw HTML block through unchanged, but first it reads the whole block with Python's
`html.parser` to find where the block ends. For the course finder, which lists every active
course (1.2 MB for a national catalogue), that reading cost 0.6 s of every build. So such a
macro hands its HTML to `keep`, Markdown sees only an HTML comment in its place, and
`site_hooks.on_post_page` calls `restore` to swap the HTML back into the finished page.
Headings inside raw HTML never reached the table of contents, so that is unchanged. The search
plugin, which runs before, sees the placeholder too: these blocks are lists of courses, which
have search entries of their own (`search.py`) and are marked `data-search-exclude` anyway,
and reading them cost the search plugin another 0.2 s. A kept block that does not come back
(its placeholder ended up in a code block, say) stops the build rather than silently leaving
out a list of courses.
"""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!-- indgang-html ([0-9a-f]+-[0-9]+) -->")
_run = secrets.token_hex(4)  # placeholders in an editor's text cannot guess it
_blocks: dict[str, dict[str, str]] = {}  # page src_uri -> key -> HTML


class LostBlockError(RuntimeError):
    """A kept block's placeholder did not survive Markdown."""


def keep(page: str, html: str) -> Markup:
    """The placeholder Markdown sees instead of `html`, on a line of its own."""
    blocks = _blocks.setdefault(page, {})
    key = f"{_run}-{len(blocks)}"
    blocks[key] = html
    return Markup(f"\n\n<!-- indgang-html {key} -->\n\n")


def restore(page: str, html: str) -> str:
    """`html` with the page's kept blocks back in place of their placeholders."""
    blocks = _blocks.pop(page, None)
    if not blocks:
        return html
    restored = _PLACEHOLDER.sub(lambda m: blocks.pop(m.group(1), m.group(0)), html)
    if blocks:
        raise LostBlockError(
            f"{page}: {len(blocks)} HTML-blok(ke) fra en makro forsvandt i Markdown. "
            "Makroen skal stå alene i et afsnit, ikke i en kodeblok eller en liste."
        )
    return restored


def clear() -> None:
    """Forget blocks of a build that stopped half-way (`make serve` rebuilds)."""
    _blocks.clear()
