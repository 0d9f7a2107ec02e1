"""The build-speed tricks of the site layer (macros/DESIGN.md, "Speed at national scale").

`INDGANG_FAST=0` builds the plain way where a trick can be switched off: no second process
(the build makes every page and writes the static files itself) and no reused theme markup
(every page renders its own navigation and head). `tests/test_fast_switch.py` checks that
both ways give byte-identical sites. `HtmlPage`, `passthrough` and the data-written search
entries are not behind the switch yet: without them the output differs.
"""

from __future__ import annotations

import os


def enabled() -> bool:
    """False when the environment says `INDGANG_FAST=0`."""
    return os.environ.get("INDGANG_FAST", "1").strip() != "0"
