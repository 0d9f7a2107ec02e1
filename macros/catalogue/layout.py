"""Where each table of the Data Package is written in the editors' YAML files.

Design note: the schemas in `data/schemas/` say which fields a table has; this module says
only where a table lives in YAML, once, for every reader of that shape: which data file fills
it, in which nested list its records stand (`entry_points[].hours[]`), which columns are
filled from the enclosing record or the file name (never written), which columns an editor
writes under another key (`weeks_min` → `duration.weeks`, a link table's one column as a
list such as `target_groups: [...]`), and the Danish words the editors' guide and the
flattener's messages use for them. The flattener's allowed keys, `datafiles.READ_FILES`,
the validation's editor keys and the editors' guide are all derived from `LAYOUT`;
`check_layout` says what is wrong with it (a table without a schema, a file without a
table), and the editors' guide and the tests call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from macros.domain import danish


@dataclass(frozen=True)
class Container:
    """How the editors' guide explains a key that holds a list or a group of fields."""

    required: bool
    description: str  # Danish


@dataclass(frozen=True)
class Values:
    """A link table written as a list of values in its owner record, e.g.
    `closed_days: [juleaftensdag]`: one row per value, in the column `column`."""

    key: str  # the list's key in the owner record
    column: str
    what: str  # Danish plural for messages: "lukkedage"
    required: bool = False  # for the editors' guide; the flattener says its own message
    # Whether the column's name alone says it is written as this list (no other table has a
    # column of that name): messages that do not know the table name the list key then.
    # `tests/test_layout.py` checks it against the schemas.
    alone: bool = False


@dataclass(frozen=True)
class Table:
    """One table as it is written inside a data file."""

    name: str
    # The list its records are written in ("entry_points[].hours[]"); "" for the file's own
    # record(s), and for a link table the path of its owner's records.
    within: str = ""
    auto: tuple[str, ...] = ()  # filled from the enclosing record or the file name
    keys: Mapping[str, str] = field(default_factory=dict)  # column -> YAML key, if not as-is
    container: Container | None = None  # the list `within` ends in
    groups: Mapping[str, Container] = field(default_factory=dict)  # "duration" -> its container
    values: Values | None = None  # set for a link table
    one_of: tuple[str, ...] = ()  # columns of which each record writes exactly one

    @property
    def prefix(self) -> str:
        """What precedes each key of the table in the editors' guide: "entry_points[]."."""
        return f"{self.within}." if self.within else ""

    def yaml_keys(self) -> dict[str, str]:
        """Column -> the key an editor writes, for every column not written as-is."""
        if self.values is not None:
            return {**self.keys, self.values.column: self.values.key}
        return dict(self.keys)


@dataclass(frozen=True)
class Noun:
    """What a record of a list file is called in messages: «en kilde», «kilder»."""

    article: str
    singular: str
    plural: str


@dataclass(frozen=True)
class DataFile:
    path: str  # as shown to editors: "data/courses/<kommune>.yaml"
    title: str  # Danish, a heading in the editors' guide
    intro: str  # Danish
    tables: tuple[Table, ...]
    record: Noun | None = None  # list files read record by record (flatten.read_list_file)
    optional: bool = False  # a list file that may be left out

    @property
    def name(self) -> str:
        """The path relative to data/: "sources.yaml" or "courses/<kommune>.yaml"."""
        return self.path.removeprefix("data/")

    @property
    def folder(self) -> str | None:
        """The folder of a one-file-per-record data file ("courses"); None at the top."""
        folder, _, _ = self.name.rpartition("/")
        return folder or None


_VOCABULARY_USE = {
    "target_groups": "target_groups i et kursus.",
    "formats": "format i et kursus.",
    "access_levels": "access i et kursus.",
    "channels": "channel i en indgangs åbningstider.",
    "rule_kinds": "kind i en regel (data/rules.yaml). Mærket og beskrivelsen vises ved reglen "
    "på siden.",
    "topics": "topics i en regel (data/rules.yaml).",
}
_SEARCH_WORD_OWNERS = ("target_group", "paragraph", "crisis")  # what a group of words is for
_WINDOW_KEYS = {"day": "days"}  # one row per day of each window; days: [tirsdag, hverdage]

# In the editors' guide's order.
LAYOUT: tuple[DataFile, ...] = (
    DataFile(
        "data/courses/<kommune>.yaml",
        "Kurser",
        "Én fil pr. kommune med samme navn som kommunens fil. Filen er en liste: hvert kursus "
        "begynder med `- id:`.",
        (
            Table(
                "courses",
                auto=("municipality",),
                keys={
                    "weeks_min": "duration.weeks",
                    "weeks_max": "duration.weeks",
                    "sessions_min": "duration.sessions",
                    "sessions_max": "duration.sessions",
                    "duration_note": "duration.note",
                    "group_size_min": "group_size",
                    "group_size_max": "group_size",
                },
                groups={
                    "duration": Container(
                        True,
                        "Hvor længe kurset varer. Skriv mindst ét af felterne weeks, sessions "
                        "og note.",
                    )
                },
            ),
            Table(
                "course_target_groups",
                auto=("municipality", "course"),
                values=Values("target_groups", "target_group", "målgrupper", required=True),
            ),
            Table(
                "course_schedule",
                within="schedule[]",
                auto=("municipality", "course", "window"),
                keys=_WINDOW_KEYS,
                container=Container(
                    False,
                    "Hvornår kurset mødes: et punkt pr. tidsrum med days og evt. opens/closes. "
                    "Udelades, hvis tiderne ikke er kendt.",
                ),
            ),
        ),
    ),
    DataFile(
        "data/municipalities/<kommune>.yaml",
        "Kommuner og indgange",
        "Én fil pr. kommune. Filnavnet er kommunens id, fx `ikast-brande.yaml`.",
        (
            Table("municipalities"),
            Table(
                "entry_points",
                within="entry_points[]",
                auto=("municipality",),
                container=Container(
                    True,
                    "Kommunens indgange: de steder, hvor borgeren kan henvende sig. Mindst én.",
                ),
            ),
            Table(
                "entry_point_paragraphs",
                within="entry_points[]",
                auto=("municipality", "entry_point"),
                values=Values("paragraphs", "paragraph", "paragraffer"),
            ),
            Table(
                "entry_point_closed_days",
                within="entry_points[]",
                auto=("municipality", "entry_point"),
                values=Values("closed_days", "closed_day", "lukkedage", alone=True),
            ),
            Table(
                "hours",
                within="entry_points[].hours[]",
                auto=("municipality", "entry_point", "window"),
                keys=_WINDOW_KEYS,
                container=Container(
                    False,
                    "Åbningstider: et punkt pr. tidsrum (kanal, dage og evt. tider). Om der er "
                    "lukket på helligdage, står i public_holidays.",
                ),
            ),
            Table(
                "closures",
                within="entry_points[].closed[]",
                auto=("municipality", "entry_point"),
                container=Container(
                    False,
                    "Perioder, hvor indgangen holder lukket, fx ferie. Perioder, der er slut, "
                    "vises ikke på siden.",
                ),
            ),
        ),
    ),
    DataFile(
        "data/sources.yaml",
        "Kilder",
        "En liste over de dokumenter, oplysningerne bygger på. Hver post henviser til en kilde "
        "med feltet `source`.",
        (Table("sources"),),
        record=Noun("en", "kilde", "kilder"),
    ),
    DataFile(
        "data/vocabularies.yaml",
        "Ordlister",
        "Lister med de værdier, andre felter må bruge: målgrupper, former, adgang, kanaler, "
        "arter af regler og emner for regler.",
        tuple(
            Table(
                name,
                within=f"{name}[]",
                container=Container(True, f"Ordlisten {name}: de id'er, der må stå i feltet {use}"),
            )
            for name, use in _VOCABULARY_USE.items()
        ),
    ),
    DataFile(
        "data/paragraphs/<paragraf>.yaml",
        "Paragraffer",
        "Én fil pr. paragraf: 82a, 82b, 82c, 82d og 85. Teksten skal være almindeligt dansk.",
        (
            Table(
                "paragraphs",
                keys={
                    "law_quote": "law_text.quote",
                    "law_reference": "law_text.reference",
                    "law_source": "law_text.source",
                },
                groups={
                    "law_text": Container(
                        False,
                        "Lovteksten ordret – kun når en kilde citerer den. Skriv alle tre felter "
                        "quote, reference og source.",
                    )
                },
            ),
            Table(
                "paragraph_sources",
                auto=("paragraph",),
                values=Values("sources", "source", "kilder", required=True),
            ),
            Table(
                "paragraph_summary_sources",
                auto=("paragraph",),
                values=Values("summary_sources", "source", "kilder"),
            ),
        ),
    ),
    DataFile(
        "data/rules.yaml",
        "Snitfladeregler",
        "En liste over regler og praksis om forholdet mellem § 82 og § 85. En praksis eller "
        "lokal regel skal nævne de regler om ret, der regulerer dens emner, i limited_by – se "
        "afsnittet om regler og deres grænser.",
        (
            Table("rules"),
            Table(
                "rule_paragraphs",
                auto=("rule",),
                values=Values("paragraphs", "paragraph", "paragraffer", required=True),
            ),
            Table(
                "rule_topics",
                auto=("rule",),
                values=Values("topics", "topic", "emner", alone=True),
            ),
            Table(
                "rule_limits",
                auto=("rule",),
                values=Values("limited_by", "limited_by", "regler", alone=True),
            ),
        ),
    ),
    DataFile(
        "data/facts.yaml",
        "Oplysninger fra kilderne",
        "En liste over det, kilderne siger om en indgang, en kommune, en paragraf, en anden "
        "paragraf i serviceloven eller hele landet. Hver oplysning har sin kilde og helst et "
        "ordret citat. Hvor den vises, afgøres af municipality, entry_point, paragraph og "
        "provision.",
        (Table("facts"),),
        record=Noun("en", "oplysning", "oplysninger fra kilderne"),
    ),
    DataFile(
        "data/style.yaml",
        "Sprogtjek",
        "Ord og vendinger, som tjekket advarer om i tekster til borgere: kendte stavefejl, "
        "fagord og forkerte anførselstegn, hver med det, man kan skrive i stedet. En advarsel "
        "stopper ikke udgivelsen. Citater og sagsbehandlerguiden tjekkes ikke.",
        (Table("style"),),
        record=Noun("et", "ord", "ord til sprogtjekket"),
    ),
    DataFile(
        "data/search_words.yaml",
        "Søgeord",
        "Ord, som borgere selv bruger, når de søger på siden (fx angst, bostøtte, selvmord). "
        "Filen er en liste af grupper: hver gruppe har netop ét af felterne "
        f"{danish.join(_SEARCH_WORD_OWNERS)} og en liste `words`. Ordene vises ikke, men gør, "
        "at søgningen finder de rigtige kurser og sider. Filen kan udelades.",
        (Table("search_words", keys={"search_word": "words"}, one_of=_SEARCH_WORD_OWNERS),),
    ),
    DataFile(
        "data/publisher.yaml",
        "Udgiveren",
        "Hvem udgiver siden, hvordan borgere giver feedback, sidens offentlige adresse, logo og "
        "farve, og om siden er national eller for én kommune. Filen er ét sæt felter (ikke en "
        "liste) og er ikke med i de åbne data. Se README.md, »Sådan udgiver jeres kommune "
        "Indgang«.",
        (Table("publisher"),),  # read by catalogue/publisher.py, not into the package
    ),
    DataFile(
        "data/crisis.yaml",
        "Krisenumre",
        "De krisenumre på landsplan, som guidens side om akut krise viser øverst – i filens "
        "rækkefølge, 112 først. Skriv kun et nummer, der står på en kilde, du kan pege på: "
        "opret kilden i data/sources.yaml (organisationens eller myndighedens egen side), og "
        "skriv nummeret, hvornår man skal ringe, tiderne (kun hvis kilden siger dem), kildens "
        "side i source_url og datoen i reviewed, når du har tjekket nummeret mod siden. Gæt "
        "aldrig et nummer. Filen kan udelades.",
        (Table("crisis_lines"),),
        # Optional: without it the crisis outcome shows the guide's own urgent_phone.
        record=Noun("et", "krisenummer", "krisenumre"),
        optional=True,
    ),
)


# -- derived ---------------------------------------------------------------------------------
def data_file(name: str, layout: tuple[DataFile, ...] = LAYOUT) -> DataFile:
    """The data file by its path relative to data/: "sources.yaml", "courses/<kommune>.yaml"."""
    return next(df for df in layout if df.name == name)


def tables(layout: tuple[DataFile, ...] = LAYOUT) -> dict[str, Table]:
    """Every table of the layout by name, in the layout's order."""
    return {t.name: t for df in layout for t in df.tables}


def auto_columns(layout: tuple[DataFile, ...] = LAYOUT) -> dict[str, set[str]]:
    return {t.name: set(t.auto) for t in tables(layout).values() if t.auto}


def column_keys(layout: tuple[DataFile, ...] = LAYOUT) -> dict[str, str]:
    """Column -> YAML key, for lookups that do not know the table: the renamed fields of
    records, and the link columns whose name alone says which list they are written in."""
    out: dict[str, str] = {}
    for t in tables(layout).values():
        keys = dict(t.keys)
        if t.values is not None and t.values.alone:
            keys[t.values.column] = t.values.key
        for column, key in keys.items():
            if out.setdefault(column, key) != key:
                raise ValueError(f"{column} is written as {out[column]} and as {key}")
    return out


def top_files(layout: tuple[DataFile, ...] = LAYOUT) -> dict[str, tuple[str, ...]]:
    """File name -> its tables, for the files directly in data/."""
    return {df.name: tuple(t.name for t in df.tables) for df in layout if df.folder is None}


def folders(layout: tuple[DataFile, ...] = LAYOUT) -> tuple[str, ...]:
    """The folders of data/ whose .yaml files fill tables."""
    return tuple(df.folder for df in layout if df.folder is not None)


def _owner_path(within: str) -> str:
    """Where the owners of records written at `within` stand: "entry_points[].hours[]" ->
    "entry_points[]", "schedule[]" -> "" (the file's own records)."""
    return within.rpartition(".")[0]


def children(owner: Table, layout: tuple[DataFile, ...] = LAYOUT) -> list[Table]:
    """The tables written as lists inside `owner`'s records: link lists and nested records."""
    if owner.values is not None:  # a link table's rows are values, not records
        return []
    df = next(df for df in layout if owner in df.tables)
    return [
        t
        for t in df.tables
        if t is not owner
        and (
            t.within == owner.within
            if t.values is not None
            else bool(t.within) and _owner_path(t.within) == owner.within
        )
    ]


def list_key(child: Table) -> str:
    """The key of the list a child table is written in: `target_groups`, `hours`, `closed`."""
    if child.values is not None:
        return child.values.key
    return child.within.rsplit(".", 1)[-1].removesuffix("[]")


def record_keys(owner: Table, layout: tuple[DataFile, ...] = LAYOUT) -> set[str]:
    """The keys an editor writes in a record of `owner` besides its own as-is columns: groups
    (`duration`), renamed fields (`group_size`, `days`), link lists and nested lists."""
    keys = {key.split(".")[0] for key in owner.keys.values()}
    keys.update(list_key(child) for child in children(owner, layout))
    return keys


def key_columns(owner: Table) -> tuple[str, ...]:
    """What tells a record that holds lists from the others: the columns filled from where it
    is written, then its id (entry_points: municipality, id)."""
    return (*owner.auto, "id")


@dataclass(frozen=True)
class Nested:
    """A list written inside the records of an owner table, for putting the flat rows back:
    the rows of `table` whose `columns` equal the owner's `key_columns` form the list `key`."""

    key: str  # the list's key in the owner's record: "target_groups", "hours", "closed"
    table: str
    columns: tuple[str, ...]  # the columns of `table` that hold the owner's key, in its order
    value: str | None  # a list of values: the column holding each; None for records


def nested(owner: str, layout: tuple[DataFile, ...] = LAYOUT) -> tuple[Nested, ...]:
    """The lists the layout writes in `owner`'s records, in layout order. A child's filled-in
    columns begin with its owner's key (`hours`: municipality, entry_point, then window);
    `tests/test_layout.py` checks that against the schemas' foreign keys."""
    table = tables(layout)[owner]
    width = len(key_columns(table))
    return tuple(
        Nested(
            list_key(child),
            child.name,
            child.auto[:width],
            child.values.column if child.values is not None else None,
        )
        for child in children(table, layout)
    )


def group_keys(owner: Table, group: str) -> set[str]:
    """The keys inside a group of fields: `duration` -> {weeks, sessions, note}."""
    return {key.split(".", 1)[1] for key in owner.keys.values() if key.startswith(f"{group}.")}


def links(owner: Table, layout: tuple[DataFile, ...] = LAYOUT) -> list[Table]:
    """The link tables written as lists of values in `owner`'s records, in layout order."""
    return [t for t in children(owner, layout) if t.values is not None]


def yaml_key(table: str, column: str, layout: tuple[DataFile, ...] = LAYOUT) -> str:
    """The key an editor writes for `column` of `table` (the column itself when as-is)."""
    found = tables(layout).get(table)
    keys = found.yaml_keys() if found is not None else column_keys(layout)
    return keys.get(column, column)


def check_layout(schemas: Mapping[str, object], layout: tuple[DataFile, ...] = LAYOUT) -> list[str]:
    """What is wrong with the layout against the tables that have schemas (Danish, for the
    editors' guide check): a table placed in no file, a file without a table, a table the
    layout places that has no schema, a column the layout names that the schema lacks."""
    problems = []
    placed = tables(layout)
    for df in layout:
        if not df.tables:
            problems.append(
                f"Datafilen {df.path} fylder ingen tabel. Skriv dens tabeller i LAYOUT i "
                "macros/catalogue/layout.py."
            )
    for table in schemas:
        if table not in placed:
            problems.append(
                f"Tabellen «{table}» (data/datapackage.yaml) står ikke i nogen datafil i "
                "vejledningen. Tilføj den i LAYOUT i macros/catalogue/layout.py."
            )
    for name, t in placed.items():
        schema = schemas.get(name)
        if schema is None:
            problems.append(
                f"Vejledningen nævner tabellen «{name}», men den findes ikke i "
                "data/datapackage.yaml."
            )
            continue
        columns = {f["name"] for f in schema["fields"]}  # type: ignore[index]
        for column in (*t.auto, *t.yaml_keys(), *t.one_of):
            if column not in columns:
                problems.append(
                    f"LAYOUT i macros/catalogue/layout.py nævner feltet «{column}» i tabellen "
                    f"«{name}», men skemaet har det ikke."
                )
    return problems
