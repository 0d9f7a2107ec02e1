"""Whether MkDocs will abort this build for warnings in strict mode, asked in `on_post_build`.

Written against MkDocs 1.6.1. Internal touched: in strict mode `mkdocs.commands.build.build`
adds a `mkdocs.utils.CountHandler` to the `mkdocs` logger and raises `Abort` when it counted
a warning, right after the `on_post_build` event. `macros/site/hooks.py` puts the new site in
place in `on_post_build` only when this build will not be aborted, so a strict build with
warnings leaves the previous site; it reads the same counter MkDocs will read.

Why no public API: MkDocs has no event after its strict-mode check (`on_build_error` comes
for the abort, but the site is already written by then), and no public count of warnings.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.utils import CountHandler

LOGGER = "mkdocs"


def will_abort(config: Any) -> bool:
    """Whether MkDocs will abort this build after `on_post_build` (warnings in strict mode)."""
    handlers = logging.getLogger(LOGGER).handlers
    return bool(config.strict) and any(
        isinstance(h, CountHandler) and h.get_counts() for h in handlers
    )
