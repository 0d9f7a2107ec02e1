"""The Material partials whose inline scripts the Content-Security-Policy allows by hash.

Written against Material 9.8.1. Internal touched: which of Material's templates hold inline
scripts, and when they are rendered. `overrides/main.html` renders the partials `for_config`
names into a variable and `macros/site/csp.py` hashes the scripts in it, so a changed script
gets its new hash by itself; what an upgrade can break is the list: a new partial with an
inline script, or one moved. `tests/test_framework_adapters.py` therefore reads every template
of Material and fails on an inline script that is neither hashed here nor in `NOT_RENDERED`
with the reason it is never rendered on this site (a test checks the reason against mkdocs.yml).

Why no public API: Material has no list of its inline scripts, and hashing the finished page
(`on_post_page`) would also allow any script an editor's text smuggled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ALWAYS = (  # rendered on every page (base.html)
    "partials/javascripts/base.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
)
PALETTE = "partials/javascripts/palette.html"  # header.html: unless the palette is a mapping
NOT_RENDERED = {  # inline scripts this site never renders, and why
    PALETTE: "theme.palette is one scheme (a mapping): nothing to toggle",
    "partials/integrations/analytics.html": "no extra.analytics (no third-party requests)",
    "partials/integrations/analytics/google.html": "no extra.analytics (no third-party requests)",
    "redirect.html": "no redirects plugin",
}


def for_config(config: Any) -> list[str]:
    """The partials with inline scripts a page of this configuration renders."""
    if isinstance(config.theme.get("palette"), Mapping):
        return list(ALWAYS)
    return [*ALWAYS, PALETTE]  # as partials/header.html decides
