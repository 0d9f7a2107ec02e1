"""MkDocs hooks for the whole-site gates: the Content-Security-Policy and reproducible dates.

Design notes:

- `on_env` gives the theme the `content_security_policy` filter (`macros/site/csp.py`), which
  `site_templates/overrides/main.html` uses in every page's `<head>`, and `csp_partials`, the
  Material partials whose inline scripts it hashes (`macros/site/framework/csp_partials.py`).
- Reproducible builds: MkDocs dates the sitemap (`<lastmod>` and the gzip header of
  `sitemap.xml.gz`) with the real clock unless `SOURCE_DATE_EPOCH` is set. The site's own
  build date is `INDGANG_TODAY` (see `macros/domain/buildinfo.py`), so when that is given and
  `SOURCE_DATE_EPOCH` is not, `on_config` derives `SOURCE_DATE_EPOCH` from it: one commit
  built for one date gives the same bytes, whenever and wherever it is built.
- MkDocs loads this file by path, so it puts the project root on `sys.path` (as
  `site_hooks.py` does) and imports the package absolutely.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.site import csp  # noqa: E402
from macros.site.framework import csp_partials  # noqa: E402


def source_date_epoch(today: str) -> str:
    """Seconds since the epoch at midnight UTC of an ISO date ("2026-11-22")."""
    day = datetime.fromisoformat(today).replace(tzinfo=UTC)
    return str(int(day.timestamp()))


def on_config(config: Any) -> Any:
    today = os.environ.get("INDGANG_TODAY")
    if today and not os.environ.get("SOURCE_DATE_EPOCH"):
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(today)
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.filters["content_security_policy"] = csp.policy
    env.globals["csp_partials"] = csp_partials.for_config(config)
    return env
