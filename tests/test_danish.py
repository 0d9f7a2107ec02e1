"""The Danish words stated once (`macros/domain/danish.py`) and the modules that use them."""

from __future__ import annotations

from datetime import date

from macros.catalogue import flatten
from macros.domain import danish, hours
from macros.exports import finder


def test_join_lists_the_danish_way():
    assert danish.join([]) == ""
    assert danish.join(["a"]) == "a"
    assert danish.join(["a", "b"]) == "a og b"
    assert danish.join(["a", "b", "c"]) == "a, b og c"


def test_a_date_in_words():
    assert danish.date_text(date(2026, 1, 1)) == "1. januar 2026"
    assert danish.date_text(date(2026, 12, 24)) == "24. december 2026"
    assert danish.date_text(None) == ""


def test_weekdays_count_from_monday_like_python():
    assert danish.WEEKDAYS[date(2026, 11, 23).weekday()] == "mandag"
    assert danish.WEEKDAY_INDEX["søndag"] == 6


def test_every_module_uses_the_one_table():
    assert flatten.DAY_GROUPS["hverdage"] == danish.WEEKDAYS[:5]
    assert finder.WEEKDAYS[4:] == ("fredag", "loerdag", "soendag")  # URL values: ASCII
    assert finder.WEEKDAY_LABELS[5] == "Lørdag"
    assert hours.format_days([0, 2, 4]) == "mandag, onsdag og fredag"
