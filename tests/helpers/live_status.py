"""The live "open now" status in Python: the reference `opening-hours.js` is tested against.

Design note: the site computes the live status only in the browser (`opening-hours.js`, from
the payload of `macros/domain/hours.hours_payload`); nothing in the build calls this. It lives
with the tests because the tests are its only users: `tests/browser/test_hours_js.py` and
`test_open_now_failsafe.py` compare the script with it instant by instant, and
`tests/test_hours.py` pins its rules. Keep it and the script in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from macros.domain import danish
from macros.domain.hours import COPENHAGEN, Window, format_time

SEARCH_DAYS = 60
TEXT_UNKNOWN = "Tider ikke oplyst – kontakt kommunen"
TEXT_OUT_OF_RANGE = "Vi kan ikke se, om der er åbent i dag – ring eller tjek kommunens side"

State = Literal["open", "closed", "unknown"]
Unknown = Literal["range", "day"]


@dataclass(frozen=True)
class Status:
    """Live status. ``closed_today`` is set when today is a closed date (reason may be "").

    An unknown status says why (``unknown``): no times stated (None), today outside the dates
    the site knows ("range"), or today a day whose status the sources do not give ("day", its
    name in ``closed_reason``). A closed status whose next opening would come after
    such a day names that day in ``next_unknown`` / ``next_unknown_reason`` instead.
    """

    state: State
    closes_at: time | None = None
    next_open: datetime | None = None
    next_closes: datetime | None = None
    closed_today: bool = False
    closed_reason: str = ""
    unknown: Unknown | None = None
    next_unknown: date | None = None
    next_unknown_reason: str = ""


def copenhagen_wall_clock(instant: datetime) -> datetime:
    """An aware instant as naive Copenhagen wall-clock time."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(COPENHAGEN).replace(tzinfo=None)


def _intervals(windows: Sequence[Window], weekday: int) -> list[tuple[time, time]]:
    """Timed intervals on a weekday, sorted, with overlapping or touching ones merged."""
    spans = sorted(
        (w.opens, w.closes)
        for w in windows
        if w.opens is not None and w.closes is not None and weekday in w.days
    )
    merged: list[tuple[time, time]] = []
    for opens, closes in spans:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def status_at(
    windows: Sequence[Window],
    closed: Mapping[date, str],
    now: datetime,
    *,
    unknown: Mapping[date, str] | None = None,
    known: tuple[date, date] | None = None,
) -> Status:
    """Status of one channel's windows at wall-clock ``now`` (naive Copenhagen time).

    ``unknown``: dates whose status the sources do not give. ``known``: the first and last date
    ``closed`` and ``unknown`` cover; outside it the status is unknown (None: every date).
    """
    unknown = unknown or {}
    timed = [w for w in windows if w.has_times]
    if not timed:
        return Status("unknown")
    today = now.date()
    if known is not None and not known[0] <= today <= known[1]:
        return Status("unknown", unknown="range")
    closed_today = today in closed
    if not closed_today and today in unknown and _intervals(timed, today.weekday()):
        return Status("unknown", unknown="day", closed_reason=unknown[today])
    if not closed_today:
        for opens, closes in _intervals(timed, today.weekday()):
            if opens <= now.time() < closes:
                return Status("open", closes_at=closes)
            if now.time() < opens:
                return Status(
                    "closed",
                    next_open=datetime.combine(today, opens),
                    next_closes=datetime.combine(today, closes),
                )
    for offset in range(1, SEARCH_DAYS + 1):
        day = today + timedelta(days=offset)
        if known is not None and day > known[1]:
            break
        if day in closed:
            continue
        spans = _intervals(timed, day.weekday())
        if spans and day in unknown:
            return Status(
                "closed",
                closed_today=closed_today,
                closed_reason=closed.get(today, ""),
                next_unknown=day,
                next_unknown_reason=unknown[day],
            )
        if spans:
            opens, closes = spans[0]
            return Status(
                "closed",
                next_open=datetime.combine(day, opens),
                next_closes=datetime.combine(day, closes),
                closed_today=closed_today,
                closed_reason=closed.get(today, ""),
            )
    return Status("closed", closed_today=closed_today, closed_reason=closed.get(today, ""))


def _day_word(day: date, today: date) -> str:
    ahead = (day - today).days
    if ahead == 0:
        return "i dag"
    if ahead == 1:
        return "i morgen"
    if ahead < 7:
        return danish.WEEKDAYS[day.weekday()]
    return f"{danish.WEEKDAYS[day.weekday()]} den {day.day}. {danish.MONTHS[day.month - 1]}"


def _when(moment: datetime, now: datetime) -> str:
    return f"{_day_word(moment.date(), now.date())} kl. {format_time(moment.time())}"


def status_text(status: Status, now: datetime) -> str:
    """One line of Danish for a status, e.g. "Åbent nu – lukker kl. 11.00"."""
    if status.state == "unknown" and status.unknown == "range":
        return TEXT_OUT_OF_RANGE
    if status.state == "unknown" and status.unknown == "day":
        return (
            f"Kilden siger ikke, om der er åbent i dag ({status.closed_reason}) – kontakt kommunen"
        )
    if status.state == "unknown":
        return TEXT_UNKNOWN
    if status.state == "open" and status.closes_at is not None:
        return f"Åbent nu – lukker kl. {format_time(status.closes_at)}"
    head = "Lukket"
    if status.closed_today:
        head = f"Lukket i dag ({status.closed_reason})" if status.closed_reason else "Lukket i dag"
    if status.next_unknown is not None:
        day = _day_word(status.next_unknown, now.date())
        return f"{head} – kilden siger ikke, om der er åbent {day} ({status.next_unknown_reason})"
    if status.next_open is None:
        return f"{head} – kontakt kommunen"
    return f"{head} – åbner {_when(status.next_open, now)}"
