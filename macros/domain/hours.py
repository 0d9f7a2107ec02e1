"""Opening hours: weekly windows, closed dates, live status and Danish wording.

Design notes (why, not what):

- All times are naive Copenhagen wall-clock times. Opening hours are stated in local time, so
  day arithmetic on naive dates is immune to the daylight-saving switches (last Sunday of March
  and of October). Turn an instant into wall-clock time with ``copenhagen_wall_clock``.
- Public holidays come only from the ``holidays`` package (``holidays.Denmark``, Danish names,
  default category "public"). Grundlovsdag (5 June), juleaftensdag (24 December) and
  nytårsaftensdag (31 December) are not official public holidays there; they live in the
  package's "optional" category, which we deliberately do not use. Store bededag stops after 2023
  as the package models it. An entry point that closes on such days says so as a ``closed``
  period in its YAML file.
- The browser (``opening-hours.js``) computes the live status with the same algorithm from the
  compact data of ``hours_payload``. Keep ``status_at``/``status_text`` and the script in step:
  ``tests/browser/test_hours_js.py`` compares them instant by instant.
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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from macros.domain import danish

WEEKDAYS = (0, 1, 2, 3, 4)
CHANNEL_ORDER = ("fremmoede", "telefon", "virtuelt", "kontaktformular")
SEARCH_DAYS = 60
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

TEXT_NO_TIMES = "Tider ikke oplyst"
TEXT_UNKNOWN = "Tider ikke oplyst – kontakt kommunen"
TEXT_NO_NEXT = "Lukket – kontakt kommunen"
TEXT_OUT_OF_RANGE = "Vi kan ikke se, om der er åbent i dag – ring eller tjek kommunens side"
TEXT_BY_APPOINTMENT = "Efter aftale – ring først og aftal et møde"

HolidayStatement = Literal["lukket", "åbent", "ukendt"]
HOLIDAY_STATEMENTS: tuple[str, ...] = ("lukket", "åbent", "ukendt")
# Days many offices close although they are not public holidays: id -> (month, day, name).
SPECIAL_DAYS: dict[str, tuple[int, int, str]] = {
    "grundlovsdag": (6, 5, "Grundlovsdag"),
    "juleaftensdag": (12, 24, "Juleaftensdag"),
    "nytaarsaftensdag": (12, 31, "Nytårsaftensdag"),
}

State = Literal["open", "closed", "unknown"]
Unknown = Literal["range", "day"]


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


# --- Parsing editor values (FORMAT.md) -------------------------------------------------------

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


# --- Calendar ----------------------------------------------------------------------------------


def copenhagen_wall_clock(instant: datetime) -> datetime:
    """An aware instant as naive Copenhagen wall-clock time."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    return instant.astimezone(COPENHAGEN).replace(tzinfo=None)


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


# --- Status ------------------------------------------------------------------------------------


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
