"""Opening days are data: each entry point states whether it closes on public holidays
(`public_holidays`) and on other days (`closed_days`); the live status, the table note and the
.ics files follow the statement, and outside the dates the site knows the status is unknown.

Issue 13 item 6 (fail-safe open-now) and issue 14 item 4 (holiday statements).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from html import unescape
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from macros.domain.hours import (
    Window,
    day_statements,
    holiday_note,
    payload_range,
    public_holidays,
)
from macros.exports import calendars
from macros.guides import all_data
from macros.guides.all_data import validate
from macros.views import places
from tests.conftest import FIXTURES, ROOT, TEST_TODAY, copy_data
from tests.helpers.live_status import TEXT_OUT_OF_RANGE, status_at, status_text

BUILD = date.fromisoformat(TEST_TODAY)  # 2026-11-22
KNOWN = payload_range(BUILD)  # 2026-11-21 .. 2027-12-27
PHONE = [Window("telefon", (0, 1, 2, 3, 4), time(9), time(12))]
HOLIDAYS = public_holidays(*KNOWN)


def status(closed, unknown, when: datetime, known=KNOWN) -> str:
    return status_text(status_at(PHONE, closed, when, unknown=unknown, known=known), when)


# --- day_statements: what each statement makes of holidays and special days ------------------


def test_lukket_closes_public_holidays_and_listed_days_only():
    closed, unknown = day_statements([], HOLIDAYS, "lukket", ["juleaftensdag"], *KNOWN)
    assert closed[date(2026, 12, 25)] == "Juledag"
    assert closed[date(2026, 12, 24)] == "Juleaftensdag"
    assert date(2026, 12, 24) not in unknown
    # not listed, and the statement says nothing about them: unknown, not assumed
    assert unknown == {date(2026, 12, 31): "Nytårsaftensdag", date(2027, 6, 5): "Grundlovsdag"}
    assert date(2027, 12, 24) in closed  # listed days recur every year


def test_ukendt_makes_public_holidays_and_unlisted_days_unknown():
    closed, unknown = day_statements([], HOLIDAYS, "ukendt", [], *KNOWN)
    assert closed == {}
    assert unknown[date(2026, 12, 25)] == "Juledag"
    assert unknown[date(2027, 3, 29)] == "Anden påskedag"
    assert unknown[date(2026, 12, 24)] == "Juleaftensdag"
    assert set(HOLIDAYS) <= set(unknown)


def test_aabent_makes_holidays_ordinary_days():
    closed, unknown = day_statements([], HOLIDAYS, "åbent", [], *KNOWN)
    assert closed == {} and unknown == {}
    closed, unknown = day_statements([], HOLIDAYS, "åbent", ["nytaarsaftensdag"], *KNOWN)
    assert closed == {date(2026, 12, 31): "Nytårsaftensdag"} and unknown == {}


def test_a_closed_period_wins_over_an_unknown_holiday():
    from macros.domain.hours import Closure

    closure = Closure(date(2026, 12, 21), date(2027, 1, 3), "Juleferie")
    closed, unknown = day_statements([closure], HOLIDAYS, "ukendt", [], *KNOWN)
    assert closed[date(2026, 12, 25)] == "Juleferie"
    assert date(2026, 12, 25) not in unknown and date(2026, 12, 31) not in unknown


def test_unknown_statement_is_refused_by_the_python_side():
    with pytest.raises(ValueError):
        day_statements([], HOLIDAYS, "lukke", [], *KNOWN)


# --- status_at / status_text -----------------------------------------------------------------


def test_holiday_with_ukendt_says_the_source_is_silent_never_open():
    closed, unknown = day_statements([], HOLIDAYS, "ukendt", [], *KNOWN)
    at = datetime(2027, 3, 29, 10)  # Anden påskedag, a Monday, inside the phone hours
    result = status_at(PHONE, closed, at, unknown=unknown, known=KNOWN)
    assert result.state == "unknown"
    assert status_text(result, at) == (
        "Kilden siger ikke, om der er åbent i dag (Anden påskedag) – kontakt kommunen"
    )
    # the day before (Sunday) it does not promise the Monday either
    sunday = datetime(2027, 3, 28, 12)
    assert status(closed, unknown, sunday) == (
        "Lukket – kilden siger ikke, om der er åbent i morgen (Anden påskedag)"
    )
    # an ordinary Tuesday is unaffected
    assert status(closed, unknown, datetime(2026, 11, 24, 10)) == "Åbent nu – lukker kl. 12.00"


def test_holiday_with_lukket_is_closed_and_names_the_next_opening():
    closed, unknown = day_statements([], HOLIDAYS, "lukket", [], *KNOWN)
    assert status(closed, unknown, datetime(2027, 3, 29, 10)) == (
        "Lukket i dag (Anden påskedag) – åbner i morgen kl. 9.00"
    )


def test_holiday_with_aabent_is_an_ordinary_day():
    closed, unknown = day_statements([], HOLIDAYS, "åbent", [], *KNOWN)
    assert status(closed, unknown, datetime(2027, 3, 29, 10)) == "Åbent nu – lukker kl. 12.00"


@pytest.mark.parametrize(
    "when",
    [
        datetime(2028, 4, 14, 10),  # Langfredag 2028, a Friday
        datetime(2031, 12, 25, 10),  # Juledag 2031, a Thursday
        datetime(2026, 11, 20, 10),  # the day before the range starts
        datetime(2027, 12, 28, 10),  # the day after it ends
    ],
)
def test_outside_the_known_range_the_status_is_unknown(when: datetime):
    for statement in ("lukket", "åbent", "ukendt"):
        closed, unknown = day_statements([], HOLIDAYS, statement, [], *KNOWN)
        result = status_at(PHONE, closed, when, unknown=unknown, known=KNOWN)
        assert result.state == "unknown" and result.unknown == "range"
        assert status_text(result, when) == TEXT_OUT_OF_RANGE
        assert "Åbent" not in status_text(result, when)
    # without a range (unit use) the same instant is computed as before
    assert status_at(PHONE, {}, when).state == "open"


def test_the_range_edges_are_inside_and_the_search_stops_at_the_end():
    first, last = KNOWN
    assert status({}, {}, datetime.combine(first, time(23))).startswith("Lukket")
    # Monday 27 December 2027 is the last known day: after closing nothing later is known
    assert last == date(2027, 12, 27) and last.weekday() == 0
    assert status({}, {}, datetime.combine(last, time(10))) == "Åbent nu – lukker kl. 12.00"
    assert status({}, {}, datetime.combine(last, time(13))) == "Lukket – kontakt kommunen"


# --- the table note ----------------------------------------------------------------------------


def test_holiday_note_wording():
    assert holiday_note("ukendt", []) == (
        "Kilden siger ikke, om der er åbent på helligdage – kontakt kommunen. "
        "Det gælder også grundlovsdag, juleaftensdag og nytårsaftensdag."
    )
    assert holiday_note("lukket", ["juleaftensdag", "nytaarsaftensdag"]) == (
        "Lukket på helligdage. Lukket juleaftensdag og nytårsaftensdag. "
        "Kilden siger ikke, om der er åbent grundlovsdag."
    )
    assert holiday_note("åbent", []) == "Åbent på helligdage som på andre dage."


# --- validation --------------------------------------------------------------------------------


def _municipality(tmp_path: Path, edit) -> Path:
    data = copy_data(tmp_path)
    path = data / "municipalities" / "testby.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return data


def _errors(data: Path) -> list[str]:
    return [p.human() for p in validate(data, BUILD).problems if p.severity != "advarsel"]


def test_the_fixture_states_its_holidays():
    text = (FIXTURES / "minimal" / "municipalities" / "testby.yaml").read_text(encoding="utf-8")
    assert "public_holidays: lukket" in text


def test_missing_statement_is_a_danish_error_at_the_entry_point(tmp_path: Path):
    data = _municipality(tmp_path, lambda t: t.replace("    public_holidays: lukket\n", ""))
    errors = _errors(data)
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "data/municipalities/testby.yaml:6: Feltet «public_holidays» mangler."
    )
    assert "ukendt" in errors[0]


def test_wrong_statement_and_wrong_closed_day_are_errors_at_their_lines(tmp_path: Path):
    def edit(text: str) -> str:
        text = text.replace("public_holidays: lukket", "public_holidays: lukke")
        return text.replace(
            "    source: kilde-a\n",
            "    closed_days: [juleaftensdag, julaften]\n    source: kilde-a\n",
        )

    data = _municipality(tmp_path, edit)
    lines = (data / "municipalities" / "testby.yaml").read_text(encoding="utf-8").splitlines()
    holiday_line = next(i for i, ln in enumerate(lines, 1) if "public_holidays" in ln)
    days_line = next(i for i, ln in enumerate(lines, 1) if "closed_days" in ln)
    errors = _errors(data)
    assert any(
        e.startswith(f"data/municipalities/testby.yaml:{holiday_line}: «lukke» er ikke en gyldig")
        and "Mente du «lukket»?" in e
        for e in errors
    ), errors
    assert any(
        e.startswith(f"data/municipalities/testby.yaml:{days_line}: «julaften»")
        and "closed_days" in e
        and "juleaftensdag" in e
        for e in errors
    ), errors
    assert len(errors) == 2, errors


def test_closed_days_reach_the_catalogue(tmp_path: Path):
    data = _municipality(
        tmp_path,
        lambda t: t.replace(
            "    source: kilde-a\n", "    closed_days: [juleaftensdag]\n    source: kilde-a\n"
        ),
    )
    all_data.clear_cache()
    cat = all_data.load(data, BUILD)
    ep = cat.entry_points["testby/indgangen"]
    assert (ep.public_holidays, ep.closed_days) == ("lukket", ["juleaftensdag"])
    closed, unknown = places.day_statements_for(ep, BUILD)
    assert closed[date(2026, 12, 24)] == "Juleaftensdag"
    assert date(2026, 12, 31) in unknown  # not stated
    all_data.clear_cache()


# --- the shipped data: every statement comes from the sources ----------------------------------


def test_every_shipped_entry_point_states_holidays_as_the_sources_do():
    cat = all_data.load(ROOT / "data", BUILD)
    statements = {key: ep.public_holidays for key, ep in cat.entry_points.items()}
    # Drivhuset: "Tilbuddet er åbent alle ugens dage" (nordjylland-evaluering-2021, 3.4.1.1).
    # The others' sources give days ("alle hverdage", "tirsdage") and say nothing of holidays.
    assert statements.pop("thisted/drivhuset") == "åbent"
    assert set(statements.values()) == {"ukendt"}
    assert all(not ep.closed_days for ep in cat.entry_points.values())


# --- the built site ----------------------------------------------------------------------------


def _ics(site_dir: Path, key: str) -> Calendar:
    cat = all_data.load(ROOT / "data", BUILD)
    path = site_dir / calendars.entry_point_path(cat.entry_points[key])
    return Calendar.from_ical(path.read_bytes())


def test_drivhuset_calendar_has_no_holiday_exclusions(site_dir: Path):
    cal = _ics(site_dir, "thisted/drivhuset")
    events = list(cal.walk("VEVENT"))
    assert events
    for event in events:
        assert event.get("EXDATE") is None
        assert "Åbent på helligdage" in str(event["DESCRIPTION"])
        assert "Lukket på helligdage" not in str(event["DESCRIPTION"])
    assert "Helligdage og lukkeperioder er udeladt" not in str(cal["X-WR-CALDESC"])


def test_no_calendar_claims_closed_holidays_the_source_does_not_state(site_dir: Path):
    for path in site_dir.glob("kommuner/*/*.ics"):
        text = unescape(path.read_text(encoding="utf-8")).replace("\r\n ", "")
        assert "Lukket på helligdage" not in text, path
        cal = Calendar.from_ical(path.read_bytes())
        for event in cal.walk("VEVENT"):
            assert event.get("EXDATE") is None, path  # no entry point closes on a known day


def test_ukendt_entry_point_page_says_the_source_is_silent(site_dir: Path):
    html = (site_dir / "kommuner" / "ikast-brande" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="indgang-hours__note">([^<]*)</p>', html)
    assert note and note[1].startswith(
        "Kilden siger ikke, om der er åbent på helligdage – kontakt kommunen."
    )
    thisted = (site_dir / "kommuner" / "thisted" / "index.html").read_text(encoding="utf-8")
    assert "Åbent på helligdage som på andre dage." in thisted


def test_payload_carries_the_known_range_and_the_unknown_days(site_dir: Path):
    html = (site_dir / "kommuner" / "ikast-brande" / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'data-opening-hours="([^"]*)"', html)
    assert raw
    payload = json.loads(unescape(raw[1]))
    assert (payload["from"], payload["to"]) == ("2026-11-21", "2027-12-27")
    assert payload["closed"] == {}
    assert payload["unknown"]["2026-12-25"] == "Juledag"
    assert payload["unknown"]["2026-12-24"] == "Juleaftensdag"


def test_entry_point_closed_days_is_published_as_open_data(site_dir: Path):
    package = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert "entry_point_closed_days" in names
    header = (site_dir / "data" / "entry_points.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "public_holidays" in header.split(",")
    assert (site_dir / "data" / "entry_point_closed_days.csv").is_file()


# --- the site is rebuilt regularly, so the known range moves -----------------------------------


def test_pages_workflow_runs_on_a_schedule_well_inside_the_range():
    workflow = yaml.load(
        (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"),
        Loader=yaml.BaseLoader,  # keeps the key "on" as text
    )
    crons = [item["cron"] for item in workflow["on"]["schedule"]]
    assert crons
    fields = crons[0].split()
    assert len(fields) == 5
    _minute, _hour, day_of_month, month, _day_of_week = fields
    assert month == "*" and day_of_month == "*"  # daily or weekly: never a month without a build
    assert (KNOWN[1] - BUILD).days > 300  # a missed week or two never reaches the end
