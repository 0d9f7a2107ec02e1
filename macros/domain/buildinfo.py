"""The date the site is built for.

Design note: "today" decides which courses are active, which closed periods matter and
which public holidays the browser gets. Reading it from `INDGANG_TODAY` (or
`SOURCE_DATE_EPOCH`) makes two builds of one commit identical and lets tests fix the date.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo


def build_date() -> date:
    fixed = os.environ.get("INDGANG_TODAY")
    if fixed:
        return date.fromisoformat(fixed)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), ZoneInfo("Europe/Copenhagen")).date()
    return datetime.now(ZoneInfo("Europe/Copenhagen")).date()
