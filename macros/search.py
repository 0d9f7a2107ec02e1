"""Course pages in the site search: one entry each, written from the data.

Design note: Material's search plugin parses every page's HTML and makes an entry per
section. For a national catalogue that was the largest single cost of the build (a quarter,
`bench/build.md`), and it filled the index with ~20,000 course sections such as "Fakta" and
"Kilde" whose table cells ran together. Course pages are therefore left out of the plugin
(`search: exclude` in their front matter) and get one entry each instead — title, form,
provision, municipality, description, target groups and where to go — written from the same
view as the page and added to `search/search_index.json` after the plugin has written it.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from . import urls
from .render import render

INDEX = Path("search") / "search_index.json"


def course_entry(view: dict[str, Any], src: str) -> dict[str, str]:
    """The search entry of a course page (`view` is the page's `course_view`)."""
    text = " ".join(render("pages/course_search.html.j2", c=view).split())
    title = html.escape(view["title"], quote=False)  # as the plugin escapes its titles
    return {"location": urls.page_url(src), "title": title, "text": text}


def add_entries(site_dir: Path, entries: list[dict[str, str]]) -> int:
    """Append entries to the index the search plugin wrote; returns how many it then holds."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, separators=(",", ":")), "utf-8")  # as the plugin writes it
    return len(index["docs"])
