"""Opening hours: weekly windows, closed dates, live status and Danish wording.

Design notes (why, not what):

- All times are naive Copenhagen wall-clock times. Opening hours are stated in local time, so
  day arithmetic on naive dates is immune to the daylight-saving switches (last Sunday of March
  and of October).
- Public holidays come only from the ``holidays`` package (``holidays.Denmark``, Danish names,
  default category "public"). Grundlovsdag (5 June), juleaftensdag (24 December) and
  nytårsaftensdag (31 December) are not official public holidays there; they live in the
  package's "optional" category, which we deliberately do not use. Store bededag stops after 2023
  as the package models it. An entry point that closes on such days says so as a ``closed``
  period in its YAML file.
- Only the browser (``opening-hours.js``) computes the live status, from the compact data of
  ``hours_payload``. Its Python reference, which the browser tests compare it with instant by
  instant, is test code (``tests/helpers/live_status.py``), as are the parsers of hours as
  written (``tests/helpers/hours_input.py``): the build reads hours through the catalogue.
- A window without times means "open those days, times not stated": it is shown in the table but
  gives no live status ("Tider ikke oplyst – kontakt kommunen").
- A window ``by_appointment`` (the source says: book first) is never "open now": it is left out
  of the browser payload, and a channel that has only such windows shows the fixed text
  ``TEXT_BY_APPOINTMENT`` with and without JavaScript.
- Whether an entry point closes on public holidays is the editor's statement
  (``public_holidays``: lukket, åbent or ukendt), as are the other days it closes although they
  are not public holidays (``closed_days``: grundlovsdag, juleaftensdag, nytaarsaftensdag).
  ``day_statements`` turns that into two maps: dates known to be closed and dates whose status
  the sources do not give ("unknown"). On an unknown date the live status says so; it never
  guesses "open" or "closed".
- Fail-safe: dates are only known for a range around the build date (``payload_range``). Outside
  that range the live status is unknown ("Vi kan ikke se, om der er åbent i dag …"), never
  "Åbent nu"; the Pages workflow rebuilds weekly so the range moves with the calendar.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from macros.domain import danish

WEEKDAYS = (0, 1, 2, 3, 4)
CHANNEL_ORDER = ("fremmoede", "telefon", "virtuelt", "kontaktformular")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

TEXT_NO_TIMES = "Tider ikke oplyst"
TEXT_BY_APPOINTMENT = "Efter aftale – ring først og aftal et møde"

HOLIDAY_STATEMENTS: tuple[str, ...] = ("lukket", "åbent", "ukendt")
# Days many offices close although they are not public holidays: id -> (month, day, name).
SPECIAL_DAYS: dict[str, tuple[int, int, str]] = {
    "grundlovsdag": (6, 5, "Grundlovsdag"),
    "juleaftensdag": (12, 24, "Juleaftensdag"),
    "nytaarsaftensdag": (12, 31, "Nytårsaftensdag"),
}


@dataclass(frozen=True)
class Window:
    """One weekly opening window; ``days`` use 0 = Monday."""

    channel: str | None
    days: tuple[int, ...]
    opens: time | None = None
    closes: time | None = None
    note: str | None = None
    by_appointment: bool = False

    def __post_init__(self) -> None:
        if not self.days or any(d not in range(7) for d in self.days):
            raise ValueError(f"days must be 0..6 (0 = Monday), got {self.days!r}")
        if (self.opens is None) != (self.closes is None):
            raise ValueError("give both opens and closes, or neither")
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValueError(f"closes {self.closes} must be after opens {self.opens}")

    @property
    def has_times(self) -> bool:
        return self.opens is not None


@dataclass(frozen=True)
class Closure:
    """A period when an entry point is closed; ``end`` is inclusive."""

    start: date
    end: date
    note: str | None = None


@dataclass(frozen=True)
class Row:
    """One line of the weekly table."""

    channel: str | None
    label: str
    days: str
    time: str
    note: str


@dataclass(frozen=True)
class Channel:
    """A channel with a live status in the status list."""

    id: str
    label: str
    by_appointment: bool = False  # only by-appointment windows: a fixed text, no live status


# --- Calendar ----------------------------------------------------------------------------------


def public_holidays(start: date, end: date) -> dict[date, str]:
    """Danish public holidays (Danish names) from ``start`` to ``end`` inclusive."""
    if end < start:
        return {}
    years = range(start.year, end.year + 1)
    calendar = holidays_lib.Denmark(years=years, language="da")
    return {day: str(name) for day, name in sorted(calendar.items()) if start <= day <= end}


def closed_dates(
    closures: Iterable[Closure], holidays: Mapping[date, str], start: date, end: date
) -> dict[date, str]:
    """Closed dates in ``start..end`` mapped to a reason ("" when none is known).

    An editor's closure note wins over a holiday name on the same date.
    """
    result = {day: name for day, name in holidays.items() if start <= day <= end}
    for closure in closures:
        day = max(closure.start, start)
        while day <= min(closure.end, end):
            result[day] = closure.note or result.get(day, "")
            day += timedelta(days=1)
    return dict(sorted(result.items()))


def special_days(start: date, end: date) -> dict[date, str]:
    """The days of ``SPECIAL_DAYS`` from ``start`` to ``end`` inclusive, with their names."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for month, day, name in SPECIAL_DAYS.values():
            when = date(year, month, day)
            if start <= when <= end:
                found[when] = name
    return dict(sorted(found.items()))


def day_statements(
    closures: Iterable[Closure],
    holidays: Mapping[date, str],
    public: str,
    closed_days: Iterable[str],
    start: date,
    end: date,
) -> tuple[dict[date, str], dict[date, str]]:
    """Dates in ``start..end`` known closed, and dates whose status the sources do not give.

    ``public`` is the editor's ``public_holidays`` statement: "lukket" makes public holidays
    closed, "ukendt" makes them unknown, "åbent" leaves them ordinary days. ``closed_days``
    (ids of ``SPECIAL_DAYS``) are closed; the other special days are unknown unless the entry
    point is open on public holidays too ("åbent": the source says it is open every day). An
    editor's closed period wins over both, and a public holiday over a special day.
    """
    if public not in HOLIDAY_STATEMENTS:
        raise ValueError(f"public_holidays must be one of {HOLIDAY_STATEMENTS}, got {public!r}")
    listed = set(closed_days)
    unknown_ids = set(SPECIAL_DAYS) - listed if public != "åbent" else set()
    closed: dict[date, str] = {}
    unknown: dict[date, str] = {}
    for ids, target in ((listed, closed), (unknown_ids, unknown)):
        names = {SPECIAL_DAYS[i][2] for i in ids if i in SPECIAL_DAYS}
        target.update({d: n for d, n in special_days(start, end).items() if n in names})
    in_range = {d: n for d, n in holidays.items() if start <= d <= end}
    for day, name in in_range.items():
        closed.pop(day, None)
        unknown.pop(day, None)
        if public == "lukket":
            closed[day] = name
        elif public == "ukendt":
            unknown[day] = name
    closed = closed_dates(closures, closed, start, end)
    unknown = {d: n for d, n in sorted(unknown.items()) if d not in closed}
    return closed, unknown


def holiday_note(public: str, closed_days: Iterable[str]) -> str:
    """The Danish sentences under the weekly table: what the editor stated about holidays."""
    listed = [i for i in SPECIAL_DAYS if i in set(closed_days)]
    names = [SPECIAL_DAYS[i][2].lower() for i in listed]
    silent = [SPECIAL_DAYS[i][2].lower() for i in SPECIAL_DAYS if i not in listed]
    parts = [
        {
            "lukket": "Lukket på helligdage.",
            "åbent": "Åbent på helligdage som på andre dage.",
            "ukendt": "Kilden siger ikke, om der er åbent på helligdage – kontakt kommunen.",
        }[public]
    ]
    if names:
        parts.append(f"Lukket {danish.join(names)}.")
    if silent and public == "ukendt":
        parts.append(f"Det gælder også {danish.join(silent)}.")
    elif silent and public == "lukket":
        parts.append(f"Kilden siger ikke, om der er åbent {danish.join(silent)}.")
    return " ".join(parts)


# --- Danish wording ----------------------------------------------------------------------------


def format_time(value: time) -> str:
    """Danish clock time: 9.00, 11.30."""
    return f"{value.hour}.{value.minute:02d}"


def format_days(days: Iterable[int]) -> str:
    """Danish day list: "tirsdag", "hverdage", "mandag–onsdag", "mandag, onsdag og fredag"."""
    unique = sorted(set(days))
    if tuple(unique) == WEEKDAYS:
        return "hverdage"
    if len(unique) == 7:
        return "alle ugens dage"
    runs: list[list[int]] = []
    for day in unique:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{danish.WEEKDAYS[run[0]]}–{danish.WEEKDAYS[run[-1]]}")
        else:
            parts.extend(danish.WEEKDAYS[d] for d in run)
    return danish.join(parts)


# --- View data ---------------------------------------------------------------------------------


def _channel_key(channel: str | None) -> tuple[int, int]:
    if channel in CHANNEL_ORDER:
        return (0, CHANNEL_ORDER.index(channel))
    return (1 if channel is not None else 2, 0)


def channel_order(windows: Iterable[Window]) -> list[str | None]:
    """Channels in display order: fremmoede, telefon, virtuelt, kontaktformular, then others."""
    seen: list[str | None] = []
    for window in windows:
        if window.channel not in seen:
            seen.append(window.channel)
    return sorted(seen, key=_channel_key)  # sorted() is stable: others keep their order


def _time_text(window: Window) -> str:
    if window.opens is None or window.closes is None:
        text = TEXT_NO_TIMES
    else:
        text = f"{format_time(window.opens)}–{format_time(window.closes)}"
    return f"{text}, efter aftale" if window.by_appointment else text


def weekly_table(windows: Sequence[Window], labels: Mapping[str, str] | None = None) -> list[Row]:
    """Table rows grouped per channel, in input order within a channel."""
    labels = labels or {}
    return [
        Row(
            channel=channel,
            label=labels.get(channel, channel) if channel else "",
            days=format_days(w.days),
            time=_time_text(w),
            note=w.note or "",
        )
        for channel in channel_order(windows)
        for w in windows
        if w.channel == channel
    ]


def live_channels(
    windows: Sequence[Window], labels: Mapping[str, str] | None = None
) -> list[Channel]:
    """Channels that have at least one timed window, i.e. get a live status; a channel whose
    timed windows are all by appointment is marked so (it shows ``TEXT_BY_APPOINTMENT``)."""
    labels = labels or {}
    timed = [w for w in windows if w.has_times]
    return [
        Channel(
            id=channel or "",
            label=labels.get(channel or "", channel or ""),
            by_appointment=all(w.by_appointment for w in timed if w.channel == channel),
        )
        for channel in channel_order(timed)
    ]


def hours_payload(
    windows: Sequence[Window],
    closed: Mapping[date, str],
    *,
    unknown: Mapping[date, str] | None = None,
    known: tuple[date, date] | None = None,
) -> dict[str, object]:
    """Compact JSON-able data for opening-hours.js.

    ``{"channels": {"telefon": [{"d": [0, 1], "o": "09:00", "c": "12:00"}]},
    "closed": {"2026-12-25": "Juledag"}, "unknown": {"2026-12-24": "Juleaftensdag"},
    "from": "2026-11-21", "to": "2027-12-27"}``. Windows without times are sent as
    ``{"d": [...]}``; a channel of ``None`` becomes "". ``from``/``to`` is the range the maps
    cover (the site uses ``payload_range``); without it the script says the status is unknown
    on every date, so a payload can never claim "Åbent nu" for dates it knows nothing about.
    Windows by appointment are left out: the script can never call them open.
    """
    channels: dict[str, list[dict[str, object]]] = {}
    for channel in channel_order(windows):
        items: list[dict[str, object]] = []
        for w in windows:
            if w.channel != channel or w.by_appointment:
                continue
            item: dict[str, object] = {"d": sorted(set(w.days))}
            if w.opens is not None and w.closes is not None:
                item["o"] = w.opens.strftime("%H:%M")
                item["c"] = w.closes.strftime("%H:%M")
            items.append(item)
        if items:
            channels[channel or ""] = items
    payload: dict[str, object] = {
        "channels": channels,
        "closed": {day.isoformat(): reason for day, reason in sorted(closed.items())},
        "unknown": {day.isoformat(): reason for day, reason in sorted((unknown or {}).items())},
    }
    if known is not None:
        payload["from"], payload["to"] = known[0].isoformat(), known[1].isoformat()
    return payload


def payload_range(build_date: date) -> tuple[date, date]:
    """Dates the browser payload's ``closed`` map covers for a site built on ``build_date``."""
    return build_date - timedelta(days=1), build_date + timedelta(days=400)


def payload_json(payload: Mapping[str, object]) -> str:
    """Compact JSON for an HTML attribute (the template's autoescape makes it attribute-safe)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def hours_view(
    entry_id: str,
    name: str,
    windows: Sequence[Window],
    closed: Mapping[date, str],
    labels: Mapping[str, str] | None = None,
    *,
    unknown: Mapping[date, str] | None = None,
    known: tuple[date, date] | None = None,
    note: str = "",
) -> dict[str, object]:
    """View data for the ``opening_hours`` macro in ``partials/indgang/hours.html``; ``note``
    is the holiday statement under the table (``holiday_note``)."""
    return {
        "id": entry_id,
        "name": name,
        "rows": weekly_table(windows, labels),
        "payload": payload_json(hours_payload(windows, closed, unknown=unknown, known=known)),
        "channels": live_channels(windows, labels),
        "by_appointment_text": TEXT_BY_APPOINTMENT,
        "note": note,
    }
