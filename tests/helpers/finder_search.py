"""The finder's text search in Python: the reference finder.js's text filter is tested against.

Design note: the site searches only in the browser (finder.js, over `courses/index.json`);
nothing in the build calls these, so they live with the tests (`tests/test_finder.py`,
`tests/browser/test_finder.py`). The folding itself is `macros/exports/finder.fold`, which the
index is written with.
"""

from __future__ import annotations

from typing import Any

from macros.exports.finder import fold


def matches(haystack: str, query: str) -> bool:
    """Every word of the query occurs somewhere in the (folded) haystack: "angst" finds
    "angstgruppe". The reference for finder.js's text filter."""
    return all(word in haystack for word in fold(query).split())


def haystack(index: dict[str, Any], row: int) -> str:
    """A course's searchable text as finder.js builds it from the index (for tests)."""
    cols = index["courses"]
    words = index["words"]
    parts = [cols["text"][row], words["place"][cols["place"][row]]]
    for name in ("municipality", "paragraph", "format"):
        parts.append(words[name][cols[name][row]])
    mask = cols["target_group"][row]
    parts += [w for i, w in enumerate(words["target_group"]) if mask >> i & 1]
    return " ".join(parts)
