"""The course finder: the complete no-JavaScript list, the filter form and the compact index.

Design note: the page lists every active course, grouped by municipality, as plain HTML; that
list is the whole answer without JavaScript. `finder.js` only toggles `hidden` on those
pre-rendered items, using a compact JSON index (`courses/index.json`) whose rows are in the
same order as the list. The index stores numbers that point into value arrays (municipality
ids, paragraph ids, ...), bit masks for multi-valued fields, and text already folded for
Danish search, so the script needs no Danish rules of its own beyond folding the query.
Both files come from `finder_courses`, so they cannot disagree; a token (hash of the index)
ties the page to the index it was built with.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from typing import Any

from macros.catalogue.model import Catalogue, Course
from macros.domain import danish
from macros.domain.hours import format_days
from macros.views import urls
from macros.views.courses import course_summary

INDEX_PATH = "courses/index.json"
INDEX_VERSION = 1

# Filter -> URL parameter. Other pages already link to `?kommune=` and `?paragraf=`.
PARAMS = {
    "municipality": "kommune",
    "paragraph": "paragraf",
    "format": "form",
    "target_group": "maalgruppe",
    "access": "adgang",
    "weekday": "dag",
    "text": "soeg",  # not "q": Material's site search reads ?q= and would open itself
}
WEEKDAY_LABELS = tuple(day.capitalize() for day in danish.WEEKDAYS)
MAX_MASK_OPTIONS = 30  # multi-valued fields are bit masks in a 32-bit JavaScript integer
# A course whose source does not name its provision (`paragraph_stated: nej`) is filed under
# this value, never under the provision it is catalogued with: a filter for § 82 b must not
# find an offer the source never called § 82 b (issue 14).
NOT_STATED = "ikke-oplyst"
NOT_STATED_LABEL = "Paragraf ikke oplyst"

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe"})
_COMBINING = re.compile("[\u0300-\u036f]")
_NON_WORD = re.compile("[^a-z0-9]+")
_LEADING = re.compile(r"^\W+")
# Danish alphabet order: æ, ø, å after z.
_SORT = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three characters after "z"


def fold(text: str) -> str:
    """Search form of a text: lower case, æ/ø/å spelled ae/oe/aa, accents and punctuation gone.

    finder.js folds the query with the same steps, so "Åben", "ÅBEN" and "aaben" all match.
    """
    lowered = unicodedata.normalize("NFC", text).lower().translate(_DANISH)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", lowered))
    return _NON_WORD.sub(" ", stripped).strip()


# URL values for weekdays: ASCII, as folded by `fold` ("lørdag" -> "loerdag").
WEEKDAYS = tuple(fold(day) for day in danish.WEEKDAYS)


def _unique_words(text: str) -> str:
    return " ".join(dict.fromkeys(fold(text).split()))


def sort_key(text: str) -> str:
    """Danish alphabetical order, ignoring case and leading quotes: „Kroppen husker“ under K."""
    return _LEADING.sub("", text.lower()).translate(_SORT)


def finder_courses(cat: Catalogue) -> list[Course]:
    """Active courses in list order: by municipality name, then by title."""
    names = {m.id: sort_key(m.name) for m in cat.municipalities.values()}
    active = cat.active_courses()
    return sorted(
        active, key=lambda c: (names[c.municipality], sort_key(c.title), c.municipality, c.id)
    )


def _days(course: Course) -> tuple[int, ...]:
    return tuple(sorted({d for window in course.schedule for d in window.days}))


def _mask(positions: list[int]) -> int:
    out = 0
    for p in positions:
        out |= 1 << p
    return out


def filed_paragraph(course: Course) -> str:
    """The provision the finder files a course under (NOT_STATED when the source is silent)."""
    return course.paragraph if course.paragraph_stated else NOT_STATED


def _options(cat: Catalogue, courses: list[Course]) -> dict[str, list[dict[str, Any]]]:
    """Filter -> [{value, label, hint, count}] in display order; counts over active courses."""
    counts: dict[str, Counter] = {name: Counter() for name in PARAMS if name != "text"}
    for c in courses:
        counts["municipality"][c.municipality] += 1
        counts["paragraph"][filed_paragraph(c)] += 1
        counts["format"][c.format] += 1
        counts["target_group"].update(c.target_groups)
        counts["access"][c.access] += 1
        counts["weekday"].update(_days(c))

    def option(name: str, value: Any, label: str, hint: str = "") -> dict[str, Any]:
        out_value = WEEKDAYS[value] if name == "weekday" else value
        return {"value": out_value, "label": label, "hint": hint, "count": counts[name][value]}

    municipalities = sorted(cat.municipalities.values(), key=lambda m: sort_key(m.name))
    vocab = cat.vocabularies
    return {
        "municipality": [option("municipality", m.id, m.name) for m in municipalities],
        "paragraph": [
            *(option("paragraph", p.id, p.number, p.title) for p in cat.paragraphs.values()),
            option(
                "paragraph", NOT_STATED, NOT_STATED_LABEL, "Kilden siger ikke, hvilken paragraf"
            ),
        ],
        "format": [option("format", t.id, t.label) for t in vocab["formats"].values()],
        "target_group": [
            option("target_group", t.id, t.label) for t in vocab["target_groups"].values()
        ],
        "access": [option("access", t.id, t.label) for t in vocab["access_levels"].values()],
        "weekday": [option("weekday", d, WEEKDAY_LABELS[d]) for d in sorted(counts["weekday"])],
    }


def _split_options(
    every: dict[str, list[dict[str, Any]]],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """(options with courses, options without any): the form offers only the first; a link
    asking for one of the second gets a message saying there are none (finder.js)."""
    offered = {name: [o for o in opts if o["count"]] for name, opts in every.items()}
    absent = {name: [o for o in opts if not o["count"]] for name, opts in every.items()}
    return offered, absent


def _offered_options(cat: Catalogue, courses: list[Course]) -> dict[str, list[dict[str, Any]]]:
    return _split_options(_options(cat, courses))[0]


def _absent_note(absent: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """A line under the paragraph filter naming the paragraphs without courses."""
    numbers = [o["label"] for o in absent["paragraph"] if o["value"] != NOT_STATED]
    if not numbers:
        return {"paragraph": ""}
    return {"paragraph": f"Der er ingen kurser efter {danish.join(numbers)} i kataloget lige nu."}


def _index_data(cat: Catalogue, courses: list[Course]) -> dict[str, Any]:
    options = _offered_options(cat, courses)
    values = {name: [o["value"] for o in opts] for name, opts in options.items()}
    for name in ("target_group", "weekday"):
        if len(values[name]) > MAX_MASK_OPTIONS:
            raise ValueError(
                f"finder: {name} has {len(values[name])} values; bit masks hold {MAX_MASK_OPTIONS}"
            )
    position = {name: {v: i for i, v in enumerate(vals)} for name, vals in values.items()}
    # Folded words each value adds to a course's searchable text.
    groups_words = cat.search_words.target_groups
    words = {
        "municipality": [fold(m["label"]) for m in options["municipality"]],
        "paragraph": [
            fold(NOT_STATED_LABEL)
            if v == NOT_STATED
            else _unique_words(f"{cat.paragraphs[v].number} {v}")
            for v in values["paragraph"]
        ],
        "format": [fold(cat.label("formats", v)) for v in values["format"]],
        # a target group's label and citizens' words for it (data/search_words.yaml)
        "target_group": [
            _unique_words(" ".join([cat.label("target_groups", v), *groups_words.get(v, [])]))
            for v in values["target_group"]
        ],
    }
    places: dict[str, int] = {}
    place_words: list[str] = []
    columns: dict[str, list[Any]] = {
        "municipality": [],
        "paragraph": [],
        "format": [],
        "target_group": [],
        "access": [],
        "weekday": [],
        "place": [],
        "text": [],
    }
    for c in courses:
        ep = cat.entry_points[f"{c.municipality}/{c.entry_point}"]
        if ep.key not in places:
            places[ep.key] = len(place_words)
            place_words.append(fold(ep.name))
        columns["municipality"].append(position["municipality"][c.municipality])
        columns["paragraph"].append(position["paragraph"][filed_paragraph(c)])
        columns["format"].append(position["format"][c.format])
        columns["target_group"].append(
            _mask([position["target_group"][t] for t in c.target_groups])
        )
        columns["access"].append(position["access"][c.access])
        columns["weekday"].append(_mask([position["weekday"][WEEKDAYS[d]] for d in _days(c)]))
        columns["place"].append(places[ep.key])
        columns["text"].append(fold(c.title))
    return {
        "v": INDEX_VERSION,
        "n": len(courses),
        "params": PARAMS,
        "values": values,
        "words": {**words, "place": place_words},
        "multi": ["target_group", "weekday"],
        "courses": columns,
    }


def finder_index(cat: Catalogue) -> dict[str, Any]:
    """The index as a dict, with `token` (a hash of the rest) set.

    Made once per catalogue (`Catalogue.memo`, the one cache that lives as long as the
    validated data): the page (for the token) and the index file share it.
    """
    return cat.memo("finder-index", None, lambda: _tokened(_index_data(cat, finder_courses(cat))))


def _tokened(data: dict[str, Any]) -> dict[str, Any]:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data["token"] = hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    return data


def index_json(cat: Catalogue) -> str:
    """`courses/index.json`: compact UTF-8 JSON."""
    return json.dumps(finder_index(cat), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _item(cat: Catalogue, course: Course, here: str) -> dict[str, Any]:
    view = course_summary(cat, course, here)
    ep = cat.entry_points[f"{course.municipality}/{course.entry_point}"]
    days = _days(course)
    facts = [_sentence("Varighed", view["duration"]), _sentence("Adgang", view["access"])]
    if days:
        facts.append(_sentence("Mødes", format_days(days)))
    view.update(
        entry_point=ep.name,
        facts=[f for f in facts if f],
        starts=danish.date_text(course.active_from) if view["status"] == "kommende" else "",
    )
    return view


def _sentence(label: str, text: str) -> str:
    """("Varighed", "6 uger") -> "Varighed: 6 uger." ('' when there is no text)."""
    text = text.strip().rstrip(".")
    return f"{label}: {text}." if text else ""


def _guide_link(here: str) -> dict[str, str]:
    """The citizen guide, offered when no course matches."""
    return {
        "href": urls.href(here, urls.GUIDE_CITIZEN),
        "text": "Brug guiden «Hvilken støtte passer til mig?»",
    }


def finder_view(cat: Catalogue, here: str) -> dict[str, Any]:
    """Everything the finder partial prints."""
    courses = finder_courses(cat)
    options, absent = _split_options(_options(cat, courses))
    groups: list[dict[str, Any]] = []
    for course in courses:
        if not groups or groups[-1]["id"] != course.municipality:
            m = cat.municipalities[course.municipality]
            groups.append({"id": m.id, "name": m.name, "anchor": f"kommune-{m.id}", "courses": []})
        groups[-1]["courses"].append(_item(cat, course, here))
    for g in groups:
        g["count"] = len(g["courses"])
        g["count_text"] = _plural(g["count"], "kursus", "kurser")
        # Placeholder height while the group is off screen (CSS content-visibility).
        g["estimated_rem"] = 4 + 5 * g["count"]
    total = len(courses)
    return {
        "total": total,
        "total_text": _plural(total, "kursus", "kurser"),
        "groups": groups,
        "group_count_text": _plural(len(groups), "kommune", "kommuner"),
        "options": options,
        "params": PARAMS,
        "index_href": urls.asset(here, INDEX_PATH),
        "token": finder_index(cat)["token"],
        "guide": _guide_link(here),
        "action": urls.href(here, urls.COURSES),
        "municipalities_href": urls.href(here, urls.MUNICIPALITIES),
        "absent_note": _absent_note(absent),
        # Values in the catalogue without a course, for the message when a link asks for one.
        "absent_json": json.dumps(
            {name: {o["value"]: o["label"] for o in opts} for name, opts in absent.items() if opts},
            ensure_ascii=False,
            sort_keys=True,
        ),
    }
