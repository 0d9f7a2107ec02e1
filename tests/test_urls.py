"""Relative links between pages (`macros/views/urls.py`)."""

from __future__ import annotations

import posixpath
from itertools import product

import pytest

from macros.views import urls

SOURCES = [
    "index.md",
    "snitflader.md",
    "courses/index.md",
    "courses/aalborg/nada.md",
    "courses/aalborg/hverdag.md",
    "courses/ikast-brande/nada.md",
    "kommuner/index.md",
    "kommuner/aalborg.md",
    "paragraphs/82a.md",
    "guide/stoette/index.md",
    "guide/stoette/ingen-krise/voksen/index.md",
    "guide/stoette/ingen-krise/voksen/faar-85/index.md",
    "guide/diagram.md",
]


def _reference(here: str, target: str) -> str:
    """The same link computed the slow, obvious way."""
    start = urls.page_url(here) or "."
    rel = posixpath.relpath(urls.page_url(target) or ".", start.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


@pytest.mark.parametrize(("here", "target"), list(product(SOURCES, SOURCES)))
def test_href_matches_relpath(here: str, target: str) -> None:
    assert urls.href(here, target) == _reference(here, target)


def test_href_resolves_to_the_target_and_keeps_the_anchor() -> None:
    link = urls.href("courses/aalborg/nada.md", "kommuner/aalborg.md", "daghuset")
    assert link == "../../../kommuner/aalborg/#daghuset"
    base = urls.page_url("courses/aalborg/nada.md")
    assert posixpath.normpath(posixpath.join(base, link.split("#")[0])) == "kommuner/aalborg"
    assert urls.href("index.md", "index.md") == "./"
    assert urls.href("courses/index.md", "index.md") == "../"
