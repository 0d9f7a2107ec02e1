"""The validated catalogue as typed objects for the site, loaded once per build.

Design note: the build validates first and refuses to go on with errors
(`guides/all_data.py: load` raises `DataError`), so page code can trust every reference. The
catalogue is cached per data directory and build date: the MkDocs hook and the macros plugin
share one load.

Re-nesting is the flattener's inverse and comes from the same layout (`catalogue/layout.py`):
`nest` puts each table's rows back into the records they were written in, keyed by the
columns the layout fills from the owner, so a list of values (`target_groups`, `topics`)
reaches the field of its own name with no code here. What stays hand-written is the typing:
the dataclasses, and which list of rows becomes which objects (`hours` → `Window`, `closed`
→ `Closure`) or which ranges (`weeks_min`/`weeks_max` → `weeks`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from macros.catalogue import layout, search_words
from macros.catalogue import publisher as publishing
from macros.catalogue.publisher import Publisher
from macros.catalogue.search_words import SearchWords
from macros.domain import danish
from macros.domain.hours import Closure, Window
from macros.domain.problems import Problem

T = TypeVar("T")

PARAGRAPH_ORDER = ("82a", "82b", "82c", "82d", "85")
CHANNEL_ORDER = ("fremmoede", "telefon", "virtuelt", "kontaktformular")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class RuleKind:
    """A kind of rule (rule_kinds in data/vocabularies.yaml): its label, what it is, and its
    role: 'ret' (a source's statement of what the law requires) or 'praksis'."""

    id: str
    label: str
    description: str
    role: str


@dataclass
class EntryPoint:
    municipality: str
    id: str
    name: str
    description: str
    source: str
    public_holidays: str = "ukendt"
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    closed_days: list[str] = field(default_factory=list)
    hours: list[Window] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.municipality}/{self.id}"


@dataclass
class Course:
    municipality: str
    id: str
    title: str
    paragraph: str
    format: str
    entry_point: str
    description: str
    access: str
    source: str
    reviewed: date
    paragraph_stated: bool = True  # False: the source does not name the provision
    target_groups: list[str] = field(default_factory=list)
    schedule: list[Window] = field(default_factory=list)
    weeks: tuple[int, int] | None = None
    sessions: tuple[int, int] | None = None
    duration_note: str | None = None
    group_size: tuple[int, int] | None = None
    active_from: date | None = None
    active_to: date | None = None

    @property
    def key(self) -> str:
        return f"{self.municipality}/{self.id}"

    def is_active(self, today: date) -> bool:
        return self.active_to is None or self.active_to >= today

    def has_started(self, today: date) -> bool:
        return self.active_from is None or self.active_from <= today


@dataclass
class Municipality:
    id: str
    name: str
    region: str
    source: str
    website: str | None = None
    website_source: str | None = None
    phone: str | None = None
    phone_note: str | None = None
    phone_source: str | None = None
    entry_points: list[EntryPoint] = field(default_factory=list)


@dataclass
class Paragraph:
    id: str
    number: str
    title: str
    summary: str
    target_group: str
    purpose: str
    content: str
    time_limit: str
    obligation: str
    access: str
    reviewed: date
    appeal: str | None = None
    title_note: str | None = None
    law_quote: str | None = None
    law_reference: str | None = None
    law_source: str | None = None
    sources: list[str] = field(default_factory=list)
    summary_sources: list[str] = field(default_factory=list)  # what the short form rests on


@dataclass
class Rule:
    id: str
    title: str
    statement: str
    kind: str
    source: str
    quote: str | None = None
    municipality: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    limited_by: list[str] = field(default_factory=list)  # ids of the rules of law limiting it


@dataclass(frozen=True)
class Fact:
    """Something a source says that a page shows, with the source's own words."""

    id: str
    text: str
    source: str
    title: str | None = None
    quote: str | None = None
    municipality: str | None = None
    entry_point: str | None = None
    paragraph: str | None = None
    provision: str | None = None


@dataclass(frozen=True)
class CrisisLine:
    """A national crisis line (data/crisis.yaml), each with its own source and check date."""

    id: str
    name: str
    phone: str
    when: str
    source: str
    reviewed: date
    hours: str | None = None
    source_url: str | None = None
    note: str | None = None

    @property
    def href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit())


@dataclass
class Catalogue:
    today: date
    sources: dict[str, Source]
    vocabularies: dict[str, dict[str, Term]]
    paragraphs: dict[str, Paragraph]
    municipalities: dict[str, Municipality]
    entry_points: dict[str, EntryPoint]
    courses: dict[str, Course]
    rules: dict[str, Rule]
    rule_kinds: dict[str, RuleKind]
    tables: dict[str, list[dict[str, Any]]]
    warnings: list[Problem]
    facts: list[Fact] = field(default_factory=list)
    search_words: SearchWords = field(default_factory=SearchWords)
    publisher: Publisher = publishing.DEFAULT  # data/publisher.yaml (macros/publisher.py)
    site_url: str = publishing.LOCAL_URL  # the public address, ending in /
    other_rules: frozenset[str] = frozenset()  # rules of the municipalities out of scope

    @property
    def scope(self) -> str | None:
        """The one municipality this site is for, or None for the national site."""
        return self.publisher.scope

    crisis_lines: list[CrisisLine] = field(default_factory=list)

    def label(self, vocabulary: str, term_id: str) -> str:
        return self.vocabularies[vocabulary][term_id].label

    def courses_of(
        self, *, municipality: str | None = None, paragraph: str | None = None
    ) -> list[Course]:
        """Courses by municipality and/or provision, from an index built once per catalogue:
        pages call this per entry, and a scan of every course each time is quadratic."""
        index = self._course_index()
        if municipality is not None:
            found = index.get(("m", municipality), [])
            return [c for c in found if paragraph is None or c.paragraph == paragraph]
        if paragraph is not None:
            return list(index.get(("p", paragraph), []))
        return list(self.courses.values())

    def _course_index(self) -> dict[tuple[str, str], list[Course]]:
        index = self.__dict__.get("_index")
        if index is None:
            index = defaultdict(list)
            for c in self.courses.values():
                index[("m", c.municipality)].append(c)
                index[("p", c.paragraph)].append(c)
            self.__dict__["_index"] = index
        return index

    def memo(self, name: str, key: Hashable, make: Callable[[], T]) -> T:
        """A value made once per catalogue, such as markup that hundreds of pages repeat."""
        store = self.__dict__.setdefault("_memo", {}).setdefault(name, {})
        if key not in store:
            store[key] = make()
        return store[key]

    def active_courses(self) -> list[Course]:
        return [c for c in self.courses.values() if c.is_active(self.today)]


Row = dict[str, Any]


def nest(tables: dict[str, list[Row]], owner: str) -> list[Row]:
    """The rows of `owner` with the lists the layout writes in its records put back
    (`layout.nested`), each under its key as the editor wrote it: a list of values as the
    values, a list of records as their rows, nested in turn; in file order. A table added to
    the layout inside a record so reaches the model with no code here."""
    lists = []
    for n in layout.nested(owner):
        rows = nest(tables, n.table) if n.value is None else tables[n.table]
        by_owner: dict[tuple, list[Any]] = defaultdict(list)
        for row in rows:
            item = row if n.value is None else row[n.value]
            by_owner[tuple(row[c] for c in n.columns)].append(item)
        lists.append((n.key, by_owner))
    if not lists:  # records without lists (hours): no key needed
        return tables[owner]
    key = layout.key_columns(layout.tables()[owner])
    out = []
    for row in tables[owner]:
        mine = tuple(row[c] for c in key)
        out.append({**row, **{name: items.get(mine, []) for name, items in lists}})
    return out


def _pick(row: Row, cls: type, **typed: Any) -> dict[str, Any]:
    """The fields of `cls` from the row's columns and lists of the same name, with `typed`
    for those the row holds in another shape (a range in two columns, a list of rows)."""
    names = cls.__dataclass_fields__
    return {**{k: v for k, v in row.items() if k in names}, **typed}


def _windows(rows: list[Row]) -> list[Window]:
    """One owner's rows of (window, day, ...) -> its Windows, the days gathered per window."""
    by_window: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_window[row["window"]].append(row)
    slots: list[Window] = []
    for number in sorted(by_window):
        days = by_window[number]
        first = days[0]
        slots.append(
            Window(
                channel=first.get("channel"),
                days=tuple(sorted(danish.WEEKDAY_INDEX[d["day"]] for d in days)),
                opens=first.get("opens"),
                closes=first.get("closes"),
                note=first.get("note"),
                by_appointment=bool(first.get("by_appointment")),
            )
        )
    return slots


def _range(low: int | None, high: int | None) -> tuple[int, int] | None:
    return (low, high) if low is not None and high is not None else None


def _entry_point(row: Row) -> EntryPoint:
    closures = [Closure(start=r["from"], end=r["to"], note=r.get("note")) for r in row["closed"]]
    return EntryPoint(**_pick(row, EntryPoint, hours=_windows(row["hours"]), closures=closures))


def _course(row: Row) -> Course:
    return Course(
        **_pick(
            row,
            Course,
            paragraph_stated=row.get("paragraph_stated") is not False,
            weeks=_range(row.get("weeks_min"), row.get("weeks_max")),
            sessions=_range(row.get("sessions_min"), row.get("sessions_max")),
            group_size=_range(row.get("group_size_min"), row.get("group_size_max")),
            schedule=_windows(row["schedule"]),
        )
    )


# The vocabularies of plain terms; rule_kinds (with a role) is typed on its own.
TERM_VOCABULARIES = tuple(
    name for name in layout.top_files()["vocabularies.yaml"] if name != "rule_kinds"
)


def build(tables: dict[str, list[Row]], today: date, warnings: list[Problem]) -> Catalogue:
    pub = publishing.from_values((tables.get("publisher") or [None])[0])
    other_rules: frozenset[str] = frozenset()
    if pub.scope is not None:
        all_rules = {r["id"] for r in tables["rules"]}
        tables = scope_tables(tables, pub.scope)
        other_rules = frozenset(all_rules - {r["id"] for r in tables["rules"]})
    sources = {r["id"]: Source(**_pick(r, Source)) for r in tables["sources"]}
    vocabularies = {
        name: {r["id"]: Term(**_pick(r, Term)) for r in tables[name]} for name in TERM_VOCABULARIES
    }
    rule_kinds = {r["id"]: RuleKind(**_pick(r, RuleKind)) for r in tables["rule_kinds"]}
    paragraphs = {r["id"]: Paragraph(**_pick(r, Paragraph)) for r in nest(tables, "paragraphs")}
    paragraphs = {pid: paragraphs[pid] for pid in PARAGRAPH_ORDER if pid in paragraphs}

    municipalities: dict[str, Municipality] = {}
    entry_points: dict[str, EntryPoint] = {}
    for r in nest(tables, "municipalities"):
        eps = [_entry_point(e) for e in r["entry_points"]]
        municipalities[r["id"]] = Municipality(**_pick(r, Municipality, entry_points=eps))
        entry_points.update((ep.key, ep) for ep in eps)
    courses = {c.key: c for c in map(_course, nest(tables, "courses"))}
    rules = {r["id"]: Rule(**_pick(r, Rule)) for r in nest(tables, "rules")}

    return Catalogue(
        today=today,
        sources=sources,
        vocabularies=vocabularies,
        paragraphs=paragraphs,
        municipalities=dict(sorted(municipalities.items(), key=lambda kv: kv[1].name)),
        entry_points=entry_points,
        courses=dict(
            sorted(courses.items(), key=lambda kv: (kv[1].municipality, kv[1].title.lower()))
        ),
        rules=rules,
        rule_kinds=rule_kinds,
        tables=tables,
        warnings=warnings,
        facts=[Fact(**_pick(r, Fact)) for r in tables.get("facts", [])],
        search_words=search_words.from_rows(tables.get("search_words", [])),
        publisher=pub,
        site_url=publishing.site_url(pub),
        other_rules=other_rules,
        crisis_lines=[CrisisLine(**_pick(r, CrisisLine)) for r in tables.get("crisis_lines", [])],
    )


# --- Which records have a calendar (the pages link it, exports/calendars.py writes it) -----------


def entry_point_has_calendar(ep: EntryPoint) -> bool:
    """Every entry point with opening hours (the municipality page links it when it has hours)."""
    return bool(ep.hours)


# Tables whose rows belong to one municipality (column "municipality"; "id" in municipalities).
# A rule or fact without a municipality is national and stays in every scope.
_LINKS_TO_RULES = tuple(n.table for n in layout.nested("rules"))


def scope_tables(
    tables: dict[str, list[dict[str, Any]]], municipality: str
) -> dict[str, list[dict[str, Any]]]:
    """The validated tables of one municipality's own site: its rows, and every national one.

    Data-driven: any table with a `municipality` column is cut, so a new per-municipality
    table needs no change here. Rules of other municipalities go with their link rows.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in tables.items():
        if name == "municipalities":
            out[name] = [r for r in rows if r.get("id") == municipality]
        else:
            out[name] = [r for r in rows if r.get("municipality") in (None, municipality)]
    kept_rules = {r["id"] for r in out.get("rules", [])}
    for name in _LINKS_TO_RULES:
        out[name] = [
            r
            for r in out.get(name, [])
            if r.get("rule") in kept_rules and r.get("limited_by", r["rule"]) in kept_rules
        ]
    return out


def course_has_calendar(course: Course, today: date) -> bool:
    """A course that has not ended and whose calendar holds something ahead: weekly meetings,
    or a period or day not yet passed (what the course page checks).

    A course known only by a start date that has passed, or by no date at all, gets none: its
    file would hold one event in the past.
    """
    if not course.is_active(today):
        return False
    if course.schedule:
        return True
    last = course.active_to or course.active_from
    return last is not None and last >= today
