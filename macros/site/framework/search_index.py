"""The search plugin's index file: where it is, how it is written, how it escapes text.

Written against Material 9.8.1's search plugin (`material/plugins/search/plugin.py`).
Internals touched: the plugin writes `search/search_index.json` in its `on_post_build` as
`{"config": …, "docs": [{"location", "title", "text", …}]}` with `json.dumps(…,
separators=(",", ":"))`, and escapes every title and text with `html.escape(…, quote=False)`.
`macros/site/search.py` appends entries written from the data and adds citizens' words to
the plugin's own entries after the plugin has written the file (`on_post_build`, priority -100),
so the file must come out as the plugin would have written it. `tests/test_framework_adapters.py`
runs the plugin's indexer and checks the escaping and the bytes round-trip.

Why no public API: the plugin has no hook to add entries or fields, and letting it parse the
~4,000 course pages instead was a quarter of a national build (`bench/build.md`) and gave
~20,000 useless sections.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"


def escape(text: str) -> str:
    """Text as the plugin escapes it for an entry's title and text."""
    return html.escape(text, quote=False)


def read(site_dir: Path) -> dict[str, Any]:
    return json.loads((site_dir / INDEX).read_text(encoding="utf-8"))


def dumps(index: dict[str, Any]) -> str:
    """The index as the plugin writes it."""
    return json.dumps(index, separators=(",", ":"), default=str)


def write(site_dir: Path, index: dict[str, Any]) -> None:
    (site_dir / INDEX).write_text(dumps(index), "utf-8")
