"""Danish words the site writes in many places, stated once: weekdays, months, list joins.

Editors write weekdays as these words (`days: [mandag, tirsdag]`), pages print them, and the
finder folds them for its URLs (`exports/finder.py`); a date is "1. januar 2026"; a list is
"a, b og c". opening-hours.js and finder.js carry their own copies for the browser, kept equal
by unit tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

T = TypeVar("T")

# Monday first, as `date.weekday()` counts.
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAY_INDEX = {name: i for i, name in enumerate(WEEKDAYS)}
MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def separators(count: int) -> list[str]:
    """What follows each of `count` items in "a, b og c": 3 -> [', ', ' og ', '']."""
    if count <= 0:
        return []
    return [", "] * (count - 2) + [" og "] * (count > 1) + [""]


def join(parts: Sequence[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b og c'; one part alone; nothing -> ''."""
    return "".join(p + s for p, s in zip(parts, separators(len(parts)), strict=True))


def with_separators(items: Sequence[T]) -> list[tuple[T, str]]:
    """Each item with the text after it, so a template can write "a, b og c" with markup
    around each item: `{% for item, sep in items|danish_list %}…{{ sep }}{% endfor %}`."""
    return list(zip(items, separators(len(items)), strict=True))


def date_text(value: date | None) -> str:
    """date(2026, 1, 1) -> '1. januar 2026'; None -> ''."""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
