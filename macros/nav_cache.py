"""The site navigation rendered once per folder for pages outside the navigation.

Design note: Material renders the whole navigation into every page, and at national scale
that was a fifth of the theme's work (`bench/build.md`). A page that is not in the navigation
marks no item active, and its links into the navigation are relative, so every such page in
the same folder gets exactly the same navigation HTML. `site_templates/overrides/main.html`
wraps Material's `partials/nav.html` in `nav_fragment`, which renders it once per folder and
reuses it; pages in the navigation, and pages above one, are always rendered in full.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class NavCache:
    def __init__(self) -> None:
        self._nav: Any = None
        self._nav_urls: tuple[str, ...] = ()
        self._html: dict[str, str] = {}

    def key(self, page: Any, nav: Any) -> str | None:
        """The folder whose pages share this page's navigation, or None if it is its own."""
        if nav is not self._nav:  # a new build (`mkdocs serve`) brings a new navigation
            self._nav, self._html = nav, {}
            self._nav_urls = tuple(p.url for p in nav.pages)
        if page is None:  # a theme template such as 404.html
            return None
        url = page.url
        if any(u.startswith(url) for u in self._nav_urls):
            return None  # in the navigation (active item) or above a page in it
        return url.rstrip("/").rpartition("/")[0]

    def fragment(self, page: Any, nav: Any, caller: Callable[[], str]) -> str:
        key = self.key(page, nav)
        if key is None:
            return caller()
        if key not in self._html:
            self._html[key] = caller()
        return self._html[key]
