"""The build-speed tricks of the site layer (macros/DESIGN.md, "Speed at national scale").

`INDGANG_FAST=0` builds the plain way where a trick can be switched off: no second process
(the build validates, makes every page and writes the static files itself: `worker.py`,
`macros/catalogue/forked.py`), no reused theme markup (every page renders its own navigation
and head) and no frozen heap (the garbage collector looks at every object: `heap.py`). `tests/test_fast_switch.py` checks that
both ways give byte-identical sites.

Three tricks stay on either way, because switching them off changes the site, not only its
speed (measured on the shipped data, 2026-12-02):

- `HtmlPage` (`html_page.py`): Markdown passes the generated pages' HTML through, but headings
  inside raw HTML never reach its table of contents, so the generated pages would lose their
  table of contents and their headings' permalinks (147 files of the site differed).
- `passthrough.py`: with the finder's list handed to Markdown, Material's search indexes its
  seven headings (the municipality jump links) as empty entries of their own, and the finder
  page gains a blank line.
- the search entries written from the data (`macros/site/search.py`): course pages are left
  out of the plugin and get one entry each; the plugin would make ~20,000 different ones.
  That is what the search finds, so it is part of the product, not a way to build faster.
"""

from __future__ import annotations

import os


def enabled() -> bool:
    """False when the environment says `INDGANG_FAST=0`."""
    return os.environ.get("INDGANG_FAST", "1").strip() != "0"
