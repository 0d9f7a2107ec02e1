"""The Danish words stated once (`macros/domain/danish.py`) and the modules that use them."""

from __future__ import annotations

from datetime import date

from macros.catalogue import flatten
from macros.domain import danish, hours
from macros.exports import finder
from macros.views import render


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


def test_each_item_gets_the_text_after_it():
    assert danish.separators(0) == []
    assert danish.separators(1) == [""]
    assert danish.separators(2) == [" og ", ""]
    assert danish.separators(4) == [", ", ", ", " og ", ""]
    assert danish.with_separators(["a", "b", "c"]) == [("a", ", "), ("b", " og "), ("c", "")]


def test_templates_write_lists_with_the_one_join():
    env = render.environment()
    links = env.from_string(
        '{% for x, sep in items|danish_list %}<a href="#{{ x }}">{{ x }}</a>{{ sep }}{% endfor %}'
    )
    assert links.render(items=[]) == ""
    assert links.render(items=["a"]) == '<a href="#a">a</a>'
    assert links.render(items=["a", "b", "c"]) == (
        '<a href="#a">a</a>, <a href="#b">b</a> og <a href="#c">c</a>'
    )
    texts = env.from_string('{{ items|map(attribute="n")|danish_join }}')
    assert texts.render(items=[{"n": "§ 82 b"}, {"n": "§ 85"}]) == "§ 82 b og § 85"
    # the joined text is escaped like any other text from the data
    assert texts.render(items=[{"n": "<b>"}, {"n": "c"}, {"n": "d"}]) == "&lt;b&gt;, c og d"
