"""Opening hours as an editor writes them (data/FORMAT.md), parsed without the catalogue.

Design note: the build reads hours through the catalogue (Frictionless casts the tables,
`catalogue/model.py` makes the `Window`s); these small parsers only let the hours tests write
a window or a closed period the way the YAML does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, time

from macros.domain import danish
from macros.domain.hours import WEEKDAYS, Closure, Window

_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(text: str) -> time:
    """Parse "HH:MM" (24-hour) into a time."""
    match = _TIME_RE.match(text.strip())
    if not match:
        raise ValueError(f"expected HH:MM, got {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def parse_days(names: Iterable[str]) -> tuple[int, ...]:
    """Danish day names (or "hverdage") to sorted weekday numbers."""
    days: set[int] = set()
    for name in names:
        key = name.strip().lower()
        if key == "hverdage":
            days.update(WEEKDAYS)
        elif key in danish.WEEKDAYS:
            days.add(danish.WEEKDAYS.index(key))
        else:
            raise ValueError(f"unknown day {name!r}")
    return tuple(sorted(days))


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value.strip())


def window_from_mapping(record: Mapping[str, object]) -> Window:
    """Build a Window from one ``hours`` (or ``schedule``) item as written in YAML."""
    opens, closes = record.get("opens"), record.get("closes")
    return Window(
        channel=str(record["channel"]) if record.get("channel") else None,
        days=parse_days(record["days"]),  # type: ignore[arg-type]
        opens=parse_time(str(opens)) if opens else None,
        closes=parse_time(str(closes)) if closes else None,
        note=str(record["note"]) if record.get("note") else None,
        by_appointment=record.get("by_appointment") in (True, "ja"),
    )


def closure_from_mapping(record: Mapping[str, object]) -> Closure:
    """Build a Closure from one ``closed`` item (``from``, ``to``, ``note``)."""
    return Closure(
        start=_as_date(record["from"]),  # type: ignore[arg-type]
        end=_as_date(record["to"]),  # type: ignore[arg-type]
        note=str(record["note"]) if record.get("note") else None,
    )
