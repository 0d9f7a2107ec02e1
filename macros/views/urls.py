"""Where each kind of page lives, and relative links between pages.

Design note: links are relative so the site works from any sub-path (GitHub Pages, a
municipality's own server) and from a `file://` copy. Paths are MkDocs source paths
(`courses/ikast-brande/nada.md`); with directory URLs that page is `courses/ikast-brande/nada/`.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
COURSES = "courses/index.md"
MUNICIPALITIES = "kommuner/index.md"
PARAGRAPHS = "paragraphs/index.md"
RULES = "snitflader.md"
GUIDE_CITIZEN = "guide/stoette/index.md"
GUIDE_CASEWORKER = "guide/snitflade/index.md"


def course(municipality: str, course_id: str) -> str:
    return f"courses/{municipality}/{course_id}.md"


def municipality(municipality_id: str) -> str:
    return f"kommuner/{municipality_id}.md"


def paragraph(paragraph_id: str) -> str:
    return f"paragraphs/{paragraph_id}.md"


def page_url(src_uri: str) -> str:
    """'courses/a/b.md' -> 'courses/a/b/'; 'x/index.md' -> 'x/'; 'index.md' -> ''."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(here: str, target: str, anchor: str = "") -> str:
    """Relative link from page `here` to page `target` (both source paths).

    Directory URLs only (`a/b/`), so plain segment arithmetic replaces `posixpath.relpath`,
    which took a sixth of the page generation at national scale.
    """
    start = page_url(here).split("/")[:-1]
    dest = page_url(target).split("/")[:-1]
    common = 0
    for a, b in zip(start, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "../" * (len(start) - common) + "".join(f"{d}/" for d in dest[common:])
    return (rel or "./") + (f"#{anchor}" if anchor else "")


def asset(here: str, path: str) -> str:
    """Relative link from page `here` to a static file such as 'data/courses.csv'."""
    start = page_url(here).rstrip("/") or "."
    return posixpath.relpath(path, start)
