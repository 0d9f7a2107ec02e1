"""Theme markup rendered once and reused by every page that would render it identically.

Design note: Material renders its whole navigation, its `__config` JSON, its script and
style tags, and our Content-Security-Policy into every page. At national scale (5,000 pages)
that repeated work was a large share of the build (`bench/build.md`), yet it varies with
very little:

- `__config`, scripts, styles, the CSP, the search box and the logo depend on the site
  configuration and on the page's relative path to the site root (`base_url`), so they are
  keyed by `base_url`;
- the navigation of a page that is not in it marks no item active, and its links are
  relative, so every such page in one folder gets the same navigation: keyed by the folder.
  So is its footer (no previous/next links). Pages in the navigation, and pages above one,
  are rendered in full (`nav_key` is None).

`site_templates/overrides/main.html` wraps those blocks in `{% call fragment(name, key) %}`;
`overrides/partials/search.html` and `logo.html` wrap Material's own partials, which the
`material/` prefix reaches (`site_hooks.on_env`).
A fresh `Fragments` is made for each build (`site_hooks.on_env`), so `mkdocs serve` never
reuses markup from an earlier configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Fragments:
    def __init__(self) -> None:
        self._html: dict[tuple[str, Hashable], str] = {}
        self._nav: Any = None
        self._nav_urls: tuple[str, ...] = ()

    def fragment(self, name: str, key: Hashable | None, caller: Callable[[], str]) -> str:
        """The block's markup for `key`, rendered the first time; None renders every time."""
        if key is None:
            return caller()
        slot = (name, key)
        if slot not in self._html:
            self._html[slot] = caller()
        return self._html[slot]

    def nav_key(self, page: Any, nav: Any) -> str | None:
        """The folder whose pages share this page's navigation, or None if it is its own."""
        if page is None or nav is None:  # a theme template such as 404.html
            return None
        if nav is not self._nav:
            self._nav = nav
            self._nav_urls = tuple(p.url for p in nav.pages)
        url = page.url
        if any(u.startswith(url) for u in self._nav_urls):
            return None  # in the navigation (active item) or above a page in it
        return url.rstrip("/").rpartition("/")[0]
