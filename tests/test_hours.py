"""Unit tests for macros/domain/hours.py (opening hours) and its template partial."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros.domain import danish
from macros.domain.hours import (
    Closure,
    Window,
    closed_dates,
    format_days,
    format_time,
    hours_payload,
    hours_view,
    live_channels,
    payload_range,
    public_holidays,
    weekly_table,
)
from tests.helpers.hours_input import (
    closure_from_mapping,
    parse_days,
    parse_time,
    window_from_mapping,
)
from tests.helpers.live_status import Status, copenhagen_wall_clock, status_at, status_text

ROOT = Path(__file__).resolve().parents[1]
JS_FILE = ROOT / "site_templates" / "overrides" / "assets" / "javascripts" / "opening-hours.js"
TEMPLATES = ROOT / "site_templates"

# Ikast-Brande, "Din Indgang" (seed 003)
WALK_IN = Window("fremmoede", (1,), time(9), time(11), "Uden tidsbestilling")
PHONE = Window("telefon", (0, 1, 2, 3, 4), time(9), time(12))
VIRTUAL = Window("virtuelt", (1,), time(9), time(11))
IKAST = [WALK_IN, PHONE, VIRTUAL]
LABELS = {"fremmoede": "Fremmøde", "telefon": "Telefon", "virtuelt": "Virtuelt møde"}

TUESDAY = date(2026, 11, 24)  # an ordinary Tuesday, no holidays that week


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second)


def text(windows: list[Window], closed: dict[date, str], now: datetime) -> str:
    return status_text(status_at(windows, closed, now), now)


def test_fixture_dates_are_the_weekdays_we_think() -> None:
    assert TUESDAY.weekday() == 1
    assert date(2028, 12, 26).weekday() == 1
    assert date(2026, 3, 29).weekday() == 6 and date(2026, 10, 25).weekday() == 6


# --- status_at / status_text ---------------------------------------------------------------


def test_tuesday_10_walk_in_is_open() -> None:
    now = at(TUESDAY, 10)
    status = status_at([WALK_IN], {}, now)
    assert status == Status("open", closes_at=time(11))
    assert status_text(status, now) == "Åbent nu – lukker kl. 11.00"


def test_tuesday_1130_closed_until_next_tuesday() -> None:
    now = at(TUESDAY, 11, 30)
    status = status_at([WALK_IN], {}, now)
    assert status.state == "closed"
    assert status.next_open == datetime(2026, 12, 1, 9)
    assert status.next_closes == datetime(2026, 12, 1, 11)
    assert not status.closed_today
    # a week ahead: the date is named so "tirsdag" cannot be read as today
    assert status_text(status, now) == "Lukket – åbner tirsdag den 1. december kl. 9.00"


def test_tuesday_0859_opens_today() -> None:
    now = at(TUESDAY, 8, 59)
    status = status_at([WALK_IN], {}, now)
    assert status.next_open == at(TUESDAY, 9)
    assert status_text(status, now) == "Lukket – åbner i dag kl. 9.00"


def test_opens_tomorrow_and_weekday_name_within_a_week() -> None:
    monday = at(date(2026, 11, 23), 13)
    assert text([WALK_IN], {}, monday) == "Lukket – åbner i morgen kl. 9.00"
    friday = at(date(2026, 11, 27), 12)
    assert text([WALK_IN], {}, friday) == "Lukket – åbner tirsdag kl. 9.00"
    assert text([PHONE], {}, friday) == "Lukket – åbner mandag kl. 9.00"


@pytest.mark.parametrize(
    ("clock", "state"),
    [
        ((8, 59, 59), "closed"),
        ((9, 0, 0), "open"),
        ((10, 59, 59), "open"),
        ((11, 0, 0), "closed"),
    ],
)
def test_exact_boundaries(clock: tuple[int, int, int], state: str) -> None:
    assert status_at([WALK_IN], {}, at(TUESDAY, *clock)).state == state


def test_touching_windows_merge() -> None:
    windows = [
        Window("telefon", (1,), time(12), time(15)),
        Window("telefon", (1,), time(9), time(12)),
    ]
    assert text(windows, {}, at(TUESDAY, 10)) == "Åbent nu – lukker kl. 15.00"
    assert text(windows, {}, at(TUESDAY, 12)) == "Åbent nu – lukker kl. 15.00"


def test_second_window_later_the_same_day() -> None:
    windows = [
        Window("telefon", (1,), time(9), time(11)),
        Window("telefon", (1,), time(13), time(15)),
    ]
    assert text(windows, {}, at(TUESDAY, 12)) == "Lukket – åbner i dag kl. 13.00"


def test_public_holiday_on_a_tuesday_is_closed_and_skipped() -> None:
    holiday = date(2028, 12, 26)
    closed = closed_dates(
        [],
        public_holidays(date(2028, 12, 1), date(2029, 1, 31)),
        date(2028, 12, 1),
        date(2029, 1, 31),
    )
    assert closed[holiday] == "Anden juledag"
    now = at(holiday, 10)
    status = status_at([WALK_IN], closed, now)
    assert status.state == "closed" and status.closed_today
    assert status.closed_reason == "Anden juledag"
    assert status.next_open == datetime(2029, 1, 2, 9)
    assert (
        status_text(status, now)
        == "Lukket i dag (Anden juledag) – åbner tirsdag den 2. januar kl. 9.00"
    )
    assert text([PHONE], closed, now) == "Lukket i dag (Anden juledag) – åbner i morgen kl. 9.00"
    # from the Friday before, the next walk-in Tuesday is the holiday: skip it
    assert status_at([WALK_IN], closed, at(date(2028, 12, 22), 12)).next_open == datetime(
        2029, 1, 2, 9
    )


def test_closure_range() -> None:
    closures = [Closure(date(2026, 12, 21), date(2026, 12, 23), "Juleferie")]
    closed = closed_dates(closures, {}, date(2026, 11, 21), date(2027, 12, 31))
    assert list(closed) == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)]
    now = at(date(2026, 12, 22), 10)
    assert (
        text([WALK_IN], closed, now)
        == "Lukket i dag (Juleferie) – åbner tirsdag den 29. december kl. 9.00"
    )
    assert text([PHONE], closed, now) == "Lukket i dag (Juleferie) – åbner torsdag kl. 9.00"


def test_closure_without_note_and_holiday_overlap() -> None:
    holidays = {date(2026, 12, 25): "Juledag"}
    closures = [
        Closure(date(2026, 12, 24), date(2026, 12, 25)),
        Closure(date(2026, 12, 28), date(2026, 12, 28)),
    ]
    closed = closed_dates(closures, holidays, date(2026, 12, 1), date(2026, 12, 31))
    assert closed == {date(2026, 12, 24): "", date(2026, 12, 25): "Juledag", date(2026, 12, 28): ""}
    now = at(date(2026, 12, 28), 10)
    assert text([PHONE], closed, now) == "Lukket i dag – åbner i morgen kl. 9.00"
    noted = closed_dates(
        [Closure(date(2026, 12, 25), date(2026, 12, 25), "Lukket")],
        holidays,
        date(2026, 12, 1),
        date(2026, 12, 31),
    )
    assert noted[date(2026, 12, 25)] == "Lukket"  # an editor's note wins over the holiday name


def test_past_closure_is_ignored() -> None:
    start, end = payload_range(date(2026, 11, 22))
    assert (start, end) == (date(2026, 11, 21), date(2027, 12, 27))
    closed = closed_dates(
        [Closure(date(2026, 1, 5), date(2026, 11, 20), "Ombygning")], {}, start, end
    )
    assert closed == {}
    assert text([WALK_IN], closed, at(TUESDAY, 10)) == "Åbent nu – lukker kl. 11.00"


def test_closure_clipped_to_range() -> None:
    closed = closed_dates(
        [Closure(date(2026, 11, 1), date(2026, 11, 23), "Ombygning")],
        {},
        date(2026, 11, 21),
        date(2026, 11, 30),
    )
    assert list(closed) == [date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)]


def test_no_opening_within_60_days() -> None:
    closed = closed_dates(
        [Closure(date(2026, 11, 23), date(2027, 2, 1), "Lukket for ombygning")],
        {},
        date(2026, 11, 21),
        date(2027, 12, 31),
    )
    now = at(TUESDAY, 10)
    status = status_at([WALK_IN], closed, now)
    assert status.state == "closed" and status.next_open is None
    assert status_text(status, now) == "Lukket i dag (Lukket for ombygning) – kontakt kommunen"


def test_windows_without_times_are_unknown() -> None:
    windows = [Window("fremmoede", (0, 1, 2, 3, 4)), Window("telefon", (1,), note="Ring først")]
    status = status_at(windows, {}, at(TUESDAY, 10))
    assert status == Status("unknown")
    assert status_text(status, at(TUESDAY, 10)) == "Tider ikke oplyst – kontakt kommunen"
    assert status_at([], {}, at(TUESDAY, 10)).state == "unknown"
    assert live_channels(windows) == []


def test_mixed_timed_and_untimed_windows_use_the_timed_ones() -> None:
    windows = [Window("telefon", (0,)), Window("telefon", (1,), time(9), time(12))]
    assert text(windows, {}, at(TUESDAY, 10)) == "Åbent nu – lukker kl. 12.00"


def test_dst_weekends_do_not_break_day_arithmetic() -> None:
    # spring forward: Sunday 29 March 2026; fall back: Sunday 25 October 2026
    assert text([PHONE], {}, at(date(2026, 3, 28), 12)) == "Lukket – åbner mandag kl. 9.00"
    sunday = at(date(2026, 3, 29), 3, 30)
    status = status_at([WALK_IN], {}, sunday)
    assert status.next_open == datetime(2026, 3, 31, 9)
    assert status_text(status, sunday) == "Lukket – åbner tirsdag kl. 9.00"
    october = at(date(2026, 10, 25), 2, 30)
    assert status_at([PHONE], {}, october).next_open == datetime(2026, 10, 26, 9)
    assert text([PHONE], {}, at(date(2026, 10, 26), 9)) == "Åbent nu – lukker kl. 12.00"


def test_copenhagen_wall_clock_across_dst() -> None:
    utc = UTC
    assert copenhagen_wall_clock(datetime(2026, 3, 29, 0, 59, tzinfo=utc)) == datetime(
        2026, 3, 29, 1, 59
    )
    assert copenhagen_wall_clock(datetime(2026, 3, 29, 1, 0, tzinfo=utc)) == datetime(
        2026, 3, 29, 3, 0
    )
    assert copenhagen_wall_clock(datetime(2026, 10, 25, 0, 30, tzinfo=utc)) == datetime(
        2026, 10, 25, 2, 30
    )
    assert copenhagen_wall_clock(datetime(2026, 10, 25, 1, 30, tzinfo=utc)) == datetime(
        2026, 10, 25, 2, 30
    )
    assert copenhagen_wall_clock(datetime(2026, 11, 24, 8, 0, tzinfo=utc)) == datetime(
        2026, 11, 24, 9, 0
    )
    with pytest.raises(ValueError):
        copenhagen_wall_clock(datetime(2026, 11, 24, 8, 0))


# --- holidays --------------------------------------------------------------------------------


def test_public_holidays_are_danish_and_official_only() -> None:
    found = public_holidays(date(2026, 1, 1), date(2026, 12, 31))
    assert found[date(2026, 12, 25)] == "Juledag"
    assert found[date(2026, 12, 26)] == "Anden juledag"
    assert found[date(2026, 4, 3)] == "Langfredag"
    for not_public in (date(2026, 6, 5), date(2026, 12, 24), date(2026, 12, 31)):
        assert not_public not in found
    assert list(found) == sorted(found)


def test_public_holidays_span_years_and_clip() -> None:
    found = public_holidays(date(2026, 12, 26), date(2027, 1, 1))
    assert found == {date(2026, 12, 26): "Anden juledag", date(2027, 1, 1): "Nytårsdag"}
    assert public_holidays(date(2027, 1, 2), date(2027, 1, 1)) == {}


# --- formatting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(time(9), "9.00"), (time(11, 30), "11.30"), (time(0, 5), "0.05"), (time(23, 59), "23.59")],
)
def test_format_time(value: time, expected: str) -> None:
    assert format_time(value) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ((1,), "tirsdag"),
        ((0, 1, 2, 3, 4), "hverdage"),
        ((4, 3, 2, 1, 0, 0), "hverdage"),
        ((0, 1, 2), "mandag–onsdag"),
        ((0, 2, 4), "mandag, onsdag og fredag"),
        ((5, 6), "lørdag og søndag"),
        ((0, 1, 2, 4), "mandag–onsdag og fredag"),
        ((0, 1, 2, 3, 4, 5), "mandag–lørdag"),
        ((0, 1, 2, 3, 4, 6), "mandag–fredag og søndag"),
        (tuple(range(7)), "alle ugens dage"),
    ],
)
def test_format_days(days: tuple[int, ...], expected: str) -> None:
    assert format_days(days) == expected


def test_day_names() -> None:
    assert danish.WEEKDAYS == (
        "mandag",
        "tirsdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lørdag",
        "søndag",
    )


# --- parsing editor values -------------------------------------------------------------------


def test_parse_editor_values() -> None:
    assert parse_time("09:00") == time(9) and parse_time("9:30") == time(9, 30)
    for bad in ("24:00", "9.00", "600", ""):
        with pytest.raises(ValueError):
            parse_time(bad)
    assert parse_days(["hverdage"]) == (0, 1, 2, 3, 4)
    assert parse_days(["tirsdag", "Mandag"]) == (0, 1)
    with pytest.raises(ValueError):
        parse_days(["tirsdage"])
    record = {
        "channel": "fremmoede",
        "days": ["tirsdag"],
        "opens": "09:00",
        "closes": "11:00",
        "note": "Kom bare",
    }
    assert window_from_mapping(record) == Window("fremmoede", (1,), time(9), time(11), "Kom bare")
    assert window_from_mapping({"days": ["hverdage"]}) == Window(None, (0, 1, 2, 3, 4))
    closure = closure_from_mapping(
        {"from": "2026-12-24", "to": date(2026, 12, 26), "note": "Juleferie"}
    )
    assert closure == Closure(date(2026, 12, 24), date(2026, 12, 26), "Juleferie")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"days": ()},
        {"days": (7,)},
        {"days": (1,), "opens": time(9)},
        {"days": (1,), "opens": time(11), "closes": time(9)},
        {"days": (1,), "opens": time(9), "closes": time(9)},
    ],
)
def test_invalid_windows_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Window(channel="telefon", **kwargs)  # type: ignore[arg-type]


# --- view data -------------------------------------------------------------------------------


def test_weekly_table_groups_channels_in_stable_order() -> None:
    windows = [
        Window("telefon", (0, 1, 2, 3, 4), time(9), time(12)),
        Window("chat", (2,), time(13), time(14)),
        Window("virtuelt", (1,), time(9), time(11)),
        Window("fremmoede", (1,), time(9), time(11), "Uden tidsbestilling"),
        Window("telefon", (3,), note="Kun tidsbestilling"),
        Window("kontaktformular", (0, 1, 2, 3, 4, 5, 6)),
    ]
    rows = weekly_table(windows, LABELS)
    assert [r.channel for r in rows] == [
        "fremmoede",
        "telefon",
        "telefon",
        "virtuelt",
        "kontaktformular",
        "chat",
    ]
    assert rows[0].label == "Fremmøde" and rows[0].days == "tirsdag"
    assert rows[0].time == "9.00–11.00" and rows[0].note == "Uden tidsbestilling"
    assert (rows[1].days, rows[1].time, rows[1].note) == ("hverdage", "9.00–12.00", "")
    assert (rows[2].days, rows[2].time) == ("torsdag", "Tider ikke oplyst")
    assert rows[4].label == "kontaktformular"  # no label given: the id
    assert [c.id for c in live_channels(windows, LABELS)] == [
        "fremmoede",
        "telefon",
        "virtuelt",
        "chat",
    ]


def test_hours_payload_is_compact_and_json_able() -> None:
    closed = {date(2026, 12, 25): "Juledag", date(2026, 12, 22): "Juleferie"}
    payload = hours_payload([*IKAST, Window("telefon", (5,))], closed)
    assert payload == {
        "channels": {
            "fremmoede": [{"d": [1], "o": "09:00", "c": "11:00"}],
            "telefon": [{"d": [0, 1, 2, 3, 4], "o": "09:00", "c": "12:00"}, {"d": [5]}],
            "virtuelt": [{"d": [1], "o": "09:00", "c": "11:00"}],
        },
        "closed": {"2026-12-22": "Juleferie", "2026-12-25": "Juledag"},
        "unknown": {},
    }
    assert json.loads(json.dumps(payload)) == payload


# --- template --------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(view: dict[str, object]) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    macro = env.get_template("partials/indgang/hours.html").module.opening_hours
    return str(macro(view))


def test_template_renders_table_and_status_list() -> None:
    closed = {date(2026, 12, 25): "Juledag"}
    view = hours_view("din-indgang", 'Din Indgang <script>"x"</script>', IKAST, closed, LABELS)
    html = render(view)
    parsed = _Collect()
    parsed.feed(html)
    assert "<script>" not in html  # the name is escaped
    assert "Åbningstider for Din Indgang &lt;script&gt;" in html
    headers = [a for tag, a in parsed.attrs if tag == "th"]
    assert headers == [{"scope": "col"}] * 4
    for word in (
        "Kanal",
        "Dage",
        "Tid",
        "Bemærkning",
        "Uden tidsbestilling",
        "hverdage",
        "9.00–12.00",
    ):
        assert word in html
    lists = [a for tag, a in parsed.attrs if tag == "ul"]
    assert len(lists) == 1 and lists[0]["class"] == "indgang-status"
    assert json.loads(lists[0]["data-opening-hours"] or "") == hours_payload(IKAST, closed)
    targets = [a["data-status-for"] for tag, a in parsed.attrs if "data-status-for" in a]
    assert targets == ["fremmoede", "telefon", "virtuelt"]
    assert html.count("Se åbningstiderne i tabellen") == 3
    # No live region: the status is read when the visitor gets to it. The only role is the
    # table's scroll region (it scrolls on a phone and takes keyboard focus).
    assert "aria-live" not in html and 'role="status"' not in html
    assert html.count("role=") == 1
    assert (
        'tabindex="0" role="region" aria-label="Åbningstider for Din Indgang &lt;script&gt;' in html
    )
    assert "\n\n" not in html  # a blank line would end a raw HTML block in Markdown


def test_template_without_times_has_no_status_list() -> None:
    html = render(hours_view("x", "X", [Window("fremmoede", (0, 1, 2, 3, 4))], {}, LABELS))
    assert "<table" in html and "Tider ikke oplyst" in html
    assert "data-opening-hours" not in html


def test_template_without_windows() -> None:
    html = render(hours_view("x", "X", [], {}, LABELS))
    assert "<table" not in html
    assert "<p>Åbningstider er ikke oplyst – kontakt kommunen.</p>" in html


# --- browser script --------------------------------------------------------------------------


def test_js_file_exists_and_is_offline() -> None:
    source = JS_FILE.read_text(encoding="utf-8")
    assert "http" not in source
    assert not re.search(r"^\s*(import|export)\b", source, re.MULTILINE)
    assert "document$" in source and "Europe/Copenhagen" in source


# --- By appointment («Ring først og aftal et møde») ---------------------------------------------


def test_a_window_by_appointment_is_never_open_now() -> None:
    """Ikast-Brande's virtual meetings are held on Tuesdays 9-11, but only by appointment: the
    payload leaves them out (the script cannot call them open), the status list shows a fixed
    text instead of a live status, and the table says «efter aftale»."""
    virtual = Window("virtuelt", (1,), time(9), time(11), "Ring først", by_appointment=True)
    windows = [WALK_IN, PHONE, virtual]
    payload = hours_payload(windows, {})
    assert set(payload["channels"]) == {"fremmoede", "telefon"}  # type: ignore[arg-type]
    channels = {c.id: c.by_appointment for c in live_channels(windows, LABELS)}
    assert channels == {"fremmoede": False, "telefon": False, "virtuelt": True}
    html = render(hours_view("din-indgang", "Din Indgang", windows, {}, LABELS))
    assert 'data-status-for="virtuelt"' not in html
    assert (
        'Virtuelt møde: <span class="indgang-status__text indgang-status--appointment" '
        'data-by-appointment="virtuelt">Efter aftale – ring først og aftal et møde</span>' in html
    )
    assert html.count("Se åbningstiderne i tabellen") == 2
    rows = {r.channel: r.time for r in weekly_table(windows, LABELS)}
    assert rows["virtuelt"] == "9.00–11.00, efter aftale" and rows["fremmoede"] == "9.00–11.00"


def test_a_channel_with_a_walk_in_window_keeps_its_live_status() -> None:
    """Only the windows by appointment are left out: a channel that also has an open window
    still gets a live status from that window."""
    windows = [
        Window("fremmoede", (0,), time(9), time(11), by_appointment=True),
        Window("fremmoede", (1,), time(9), time(11)),
    ]
    assert hours_payload(windows, {})["channels"] == {
        "fremmoede": [{"d": [1], "o": "09:00", "c": "11:00"}]
    }
    assert [c.by_appointment for c in live_channels(windows, LABELS)] == [False]


def test_by_appointment_is_read_from_the_data() -> None:
    """The shipped catalogue: Ikast-Brande's virtual meetings are by appointment (the source:
    »Borgeren skal ringe på forhånd og lave aftale om virtuelt møde«), walk-in is not."""
    from macros.guides import all_data as catalogue

    cat = catalogue.load(Path(__file__).resolve().parent.parent / "data", date(2026, 11, 22))
    by_channel = {
        w.channel: w.by_appointment for w in cat.entry_points["ikast-brande/din-indgang"].hours
    }
    assert by_channel == {"fremmoede": False, "virtuelt": True, "telefon": False}
    assert window_from_mapping(
        {"channel": "virtuelt", "days": ["tirsdag"], "by_appointment": "ja"}
    ).by_appointment
