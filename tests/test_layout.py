"""The one description of where tables live in the YAML (macros/catalogue/layout.py).

It must agree with the schemas, every table it places must really be read, and a table or
file added to it wrongly must fail the editors' guide check (and so CI), not pass silently.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from pathlib import Path

import pytest
import yaml

from macros.catalogue import datafiles, flatten, layout, model
from macros.catalogue.layout import LAYOUT, Container, DataFile, Table, Values
from macros.catalogue.validate import TABLE_LABEL, check_tables, editor_key, load_schemas
from macros.exports import editors_guide
from macros.guides import all_data
from tests.conftest import ROOT

DATA = ROOT / "data"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def all_schemas(data_dir: Path = DATA) -> dict:
    """The package's table schemas plus the publisher's (read apart, but laid out too)."""
    schemas = load_schemas(data_dir)
    with (data_dir / "schemas" / "publisher.yaml").open(encoding="utf-8") as fh:
        schemas["publisher"] = yaml.safe_load(fh)
    return schemas


def with_extra(data_file: DataFile) -> tuple[DataFile, ...]:
    return (*LAYOUT, data_file)


def test_the_shipped_layout_agrees_with_the_schemas():
    assert layout.check_layout(all_schemas()) == []


def test_a_table_in_the_layout_without_a_schema_fails_the_guide_check(monkeypatch):
    extra = DataFile("data/waiting.yaml", "Ventelister", "Ventelisterne.", (Table("waiting"),))
    problems = editors_guide.build_reference(DATA, files=with_extra(extra)).problems
    assert problems == [
        "Vejledningen nævner tabellen «waiting», men den findes ikke i data/datapackage.yaml."
    ]
    # As `python scripts/indgang.py editors-guide --check` (and CI) runs it:
    monkeypatch.setattr(editors_guide, "LAYOUT", with_extra(extra))
    status = editors_guide.check_contributing(DATA, CONTRIBUTING)
    assert any("«waiting»" in m for m in status.messages())


def test_a_data_file_in_the_layout_without_a_table_fails_the_guide_check(monkeypatch):
    extra = DataFile("data/waiting.yaml", "Ventelister", "Ventelisterne.", ())
    problems = editors_guide.build_reference(DATA, files=with_extra(extra)).problems
    assert problems == [
        "Datafilen data/waiting.yaml fylder ingen tabel. Skriv dens tabeller i LAYOUT i "
        "macros/catalogue/layout.py."
    ]
    monkeypatch.setattr(editors_guide, "LAYOUT", with_extra(extra))
    assert editors_guide.check_contributing(DATA, CONTRIBUTING).messages()


@pytest.mark.parametrize(
    "wrong, fields, missing",
    [
        (Table("waiting_lists", keys={"weeks": "duration.weeks"}), ["id"], "weeks"),
        (Table("waiting_lists", one_of=("course", "rule")), ["course"], "rule"),
    ],
    ids=["keys", "one_of"],
)
def test_a_column_the_layout_names_but_the_schema_lacks_is_a_problem(
    wrong: Table, fields: list[str], missing: str
):
    schemas = {**all_schemas(), "waiting_lists": {"fields": [{"name": f} for f in fields]}}
    problems = layout.check_layout(
        schemas, with_extra(DataFile("data/w.yaml", "W", "W.", (wrong,)))
    )
    assert problems == [
        f"LAYOUT i macros/catalogue/layout.py nævner feltet «{missing}» i tabellen "
        "«waiting_lists», men skemaet har det ikke."
    ]


def test_a_schema_table_the_layout_does_not_place_is_a_problem():
    schemas = {**all_schemas(), "waiting_lists": {"fields": []}}
    assert layout.check_layout(schemas) == [
        "Tabellen «waiting_lists» (data/datapackage.yaml) står ikke i nogen datafil i "
        "vejledningen. Tilføj den i LAYOUT i macros/catalogue/layout.py."
    ]


def test_every_table_the_layout_places_is_read(make_data):
    """A table in the layout that no reader fills would lose its facts without a word. The
    shipped data leaves out closed_days and closed, so they are added to one entry point."""
    data = make_data(base=DATA)
    path = data / "municipalities" / "aalborg.yaml"
    text = path.read_text(encoding="utf-8")
    holidays = next(line for line in text.splitlines() if "public_holidays:" in line)
    indent = holidays[: len(holidays) - len(holidays.lstrip())]
    path.write_text(
        text.replace(
            holidays + "\n",
            f"{holidays}\n{indent}closed_days: [juleaftensdag]\n{indent}closed:\n"
            f"{indent}  - {{from: 2026-12-28, to: 2026-12-30}}\n",
        ),
        encoding="utf-8",
    )
    checked = check_tables(data, date(2026, 12, 2))
    assert [p for p in checked.problems if p.severity == "fejl"] == []
    empty = [name for name in layout.tables() if not checked.typed.get(name)]
    assert empty == []


@pytest.mark.parametrize("name", list(layout.tables()))
def test_auto_and_renamed_columns_are_columns_of_the_schema(name):
    columns = {f["name"] for f in all_schemas()[name]["fields"]}
    table = layout.tables()[name]
    assert set(table.auto) | set(table.yaml_keys()) <= columns


def test_a_link_column_is_alone_exactly_when_no_other_table_has_it():
    """`alone` lets a message that does not know the table name the list (closed_days);
    for a column such as `paragraph`, which courses and facts write as-is, it must not."""
    schemas = all_schemas()
    for table in layout.tables().values():
        if table.values is None:
            continue
        column = table.values.column
        elsewhere = [
            name
            for name, schema in schemas.items()
            if name != table.name and column in {f["name"] for f in schema["fields"]}
        ]
        assert table.values.alone == (not elsewhere), (table.name, column, elsewhere)


def test_every_entry_of_the_layout_has_its_danish_text():
    for df in LAYOUT:
        assert df.title.strip() and df.intro.strip(), df.path
        assert df.tables, df.path
        for table in df.tables:
            containers: list[Container] = [*table.groups.values()]
            if table.within and table.values is None:
                assert table.container is not None, table.name  # a nested list is explained
            if table.container is not None:
                containers.append(table.container)
            for container in containers:
                assert container.description.strip(), table.name
            if table.values is not None:
                assert table.values.what.strip(), table.name
        if df.record is not None:
            assert df.record.singular and df.record.plural and df.record.article, df.path


def test_the_readers_constants_come_from_the_layout():
    top = [df.name for df in LAYOUT if df.folder is None]
    assert list(datafiles.READ_FILES) == top
    assert set(flatten.FILE_TABLES) == set(top)
    assert set(datafiles.READ_FOLDERS) == {df.folder for df in LAYOUT if df.folder} | {"guides"}
    for df in LAYOUT:
        parts = (df.folder, "x.yaml") if df.folder else (df.name,)
        assert datafiles.is_read(parts), df.path
    assert not datafiles.is_read(("waiting.yaml",))


def test_editor_keys_follow_the_layout():
    assert editor_key("target_group", "course_target_groups") == "target_groups"
    assert editor_key("target_group", "search_words") == "target_group"
    assert editor_key("source", "paragraph_summary_sources") == "summary_sources"
    assert editor_key("weeks_min", "courses") == "duration.weeks"
    assert editor_key("day", "hours") == "days"
    # Without the table: only what the column's name alone says.
    assert editor_key("closed_day") == "closed_days"
    assert editor_key("paragraph") == "paragraph"
    assert editor_key(None) == ""


def test_a_new_list_in_the_layout_is_an_allowed_key_and_fills_its_table(make_data, monkeypatch):
    """The flattener's allowed keys and link rows come from the layout, not from lists of
    its own: a link table added there is read with no change to the flattener."""
    data = make_data()
    schemas = load_schemas(data)
    columns = {n: [f["name"] for f in s["fields"]] for n, s in schemas.items()}
    columns["course_formats"] = ["municipality", "course", "format"]
    extra = Table(
        "course_formats",
        auto=("municipality", "course"),
        values=Values("formats", "format", "former"),
    )
    courses_file = layout.data_file("courses/<kommune>.yaml")
    changed = DataFile(
        courses_file.path, courses_file.title, courses_file.intro, (*courses_file.tables, extra)
    )
    patched = tuple(changed if df is courses_file else df for df in LAYOUT)
    course = data / "courses" / "testby.yaml"
    text = course.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("- id:"))
    course.write_text(text.replace(first, f"{first}\n  formats: [aaben, gruppe]", 1), "utf-8")
    monkeypatch.setattr(flatten, "TABLES", layout.tables(patched))
    monkeypatch.setattr(layout, "links", partial(layout.links, layout=patched))
    monkeypatch.setattr(layout, "record_keys", partial(layout.record_keys, layout=patched))
    flat = flatten.Flattener(data, columns).run()
    assert [p for p in flat.problems if "Ukendt felt" in p.message] == []
    assert [r.values["format"] for r in flat.tables["course_formats"]] == ["aaben", "gruppe"]


# -- re-nesting (catalogue/model.py puts the flat rows back by the layout) --------------------
OWNERS = [name for name in layout.tables() if layout.nested(name)]


@pytest.mark.parametrize("owner", OWNERS)
def test_each_nested_list_is_keyed_as_the_schemas_foreign_key_says(owner):
    """`layout.nested` takes a child's first filled-in columns as its owner's key; the
    schemas' foreign keys must say the same, or rows would land under the wrong record."""
    schemas = all_schemas()
    key = layout.key_columns(layout.tables()[owner])
    assert tuple(schemas[owner]["primaryKey"]) == key
    for n in layout.nested(owner):
        refs = [
            (tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schemas[n.table].get("foreignKeys", [])
        ]
        assert (n.columns, owner, key) in refs, n


def test_nest_puts_a_new_link_list_of_the_layout_into_its_owners_rows(monkeypatch):
    """Re-nesting comes from the layout: a link table added there needs no grouping code."""
    extra = Table(
        "course_formats", auto=("municipality", "course"), values=Values("formats", "format", "x")
    )
    courses_file = layout.data_file("courses/<kommune>.yaml")
    changed = DataFile(
        courses_file.path, courses_file.title, courses_file.intro, (*courses_file.tables, extra)
    )
    patched = tuple(changed if df is courses_file else df for df in LAYOUT)
    monkeypatch.setattr(layout, "nested", partial(layout.nested, layout=patched))
    course = {"municipality": "a", "id": "c"}
    other = {"municipality": "b", "id": "c"}  # same id, another municipality
    tables = {
        "courses": [course, other],
        "course_target_groups": [{"municipality": "a", "course": "c", "target_group": "t"}],
        "course_schedule": [],
        "course_formats": [
            {"municipality": "a", "course": "c", "format": "gruppe"},
            {"municipality": "b", "course": "c", "format": "aaben"},
            {"municipality": "a", "course": "c", "format": "individuel"},
        ],
    }
    assert model.nest(tables, "courses") == [
        {**course, "target_groups": ["t"], "schedule": [], "formats": ["gruppe", "individuel"]},
        {**other, "target_groups": [], "schedule": [], "formats": ["aaben"]},
    ]


# The typed record of each table that holds lists, and where its lists of records go (the
# lists of values go to the field of the list's own key).
TYPED = {
    "municipalities": (model.Municipality, {"entry_points": "entry_points"}),
    "entry_points": (model.EntryPoint, {"hours": "hours", "closed": "closures"}),
    "courses": (model.Course, {"schedule": "schedule"}),
    "paragraphs": (model.Paragraph, {}),
    "rules": (model.Rule, {}),
}


def test_every_list_the_layout_nests_is_a_field_of_the_typed_record():
    """A list of values the layout adds to a record reaches the model by its key alone; one
    without a field of that name would be dropped, so it must fail here."""
    assert set(TYPED) == set(OWNERS)
    for owner, (cls, records) in TYPED.items():
        for n in layout.nested(owner):
            field = n.key if n.value is not None else records[n.key]
            assert field in cls.__dataclass_fields__, (owner, n.key)


def test_every_link_row_of_the_shipped_data_reaches_its_owner_in_the_catalogue():
    """Each record's lists of values hold exactly its own rows' values, in file order."""
    cat = all_data.load(DATA, date(2026, 12, 2))
    records = {  # table -> the catalogue's records, and the record key a child row names
        "entry_points": (cat.entry_points, lambda r: f"{r['municipality']}/{r['entry_point']}"),
        "courses": (cat.courses, lambda r: f"{r['municipality']}/{r['course']}"),
        "paragraphs": (cat.paragraphs, lambda r: r["paragraph"]),
        "rules": (cat.rules, lambda r: r["rule"]),
    }
    assert set(records) == {o for o in OWNERS if any(n.value for n in layout.nested(o))}
    for owner, (found, key_of) in records.items():
        for n in layout.nested(owner):
            if n.value is None:
                continue
            expected: dict[str, list[str]] = {key: [] for key in found}
            for row in cat.tables[n.table]:
                expected[key_of(row)].append(row[n.value])
            assert {key: getattr(r, n.key) for key, r in found.items()} == expected, n
    for m in cat.municipalities.values():
        assert m.entry_points == [ep for ep in cat.entry_points.values() if ep.municipality == m.id]


# -- data/FORMAT.md (the developers' note) shows the files as the layout writes them ----------
# A test rather than generating the note: its value is the annotated examples and prose, which
# would have to move into Python strings; what it repeats of the layout (the files read, which
# keys, lists and groups each record has) is checked here, so it cannot drift unnoticed.
FORMAT = DATA / "FORMAT.md"


def _placeholder_free(path: str) -> str:
    """ "data/courses/<municipality-id>.yaml" and "data/courses/<kommune>.yaml" are one file."""
    return re.sub(r"<[^>]*>", "<>", path)


def format_sections() -> dict[str, str]:
    """FORMAT.md's sections by heading: "## data/x.yaml …" by its file, the others whole."""
    sections: dict[str, str] = {}
    for part in re.split(r"^(?=#{2,3} )", FORMAT.read_text(encoding="utf-8"), flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        file = re.match(r"## (data/\S+)", heading)
        sections[_placeholder_free(file[1]) if file else heading] = body
    return sections


def test_format_md_names_every_file_the_layout_reads():
    sections = format_sections()
    files = {k for k in sections if k.startswith("data/")}
    assert files == {_placeholder_free(df.path) for df in LAYOUT}
    (read,) = (body for heading, body in sections.items() if "Which files are read" in heading)
    read = " ".join(read.split())
    for name in layout.top_files():
        assert f"`{name}`" in read, name
    for folder in layout.folders():
        assert f"`{folder}/`" in read, folder


class _Shown:
    """The keys FORMAT.md's examples write in each table's records."""

    def __init__(self, schemas: dict):
        self.schemas = schemas
        self.keys: dict[str, set[str]] = {}

    def walk(self, records: object, table: Table) -> None:
        columns = {f["name"] for f in self.schemas[table.name]["fields"]}
        as_is = columns - set(table.auto) - set(table.yaml_keys())
        allowed = as_is | layout.record_keys(table)
        for record in records if isinstance(records, list) else [records]:
            keys = set(record)
            assert keys <= allowed, (table.name, keys - allowed)
            self.keys.setdefault(table.name, set()).update(keys)
            for group in table.groups:
                if group in record:
                    assert set(record[group]) == layout.group_keys(table, group), group
            for child in layout.children(table):
                if child.values is None and record.get(layout.list_key(child)):
                    self.walk(record[layout.list_key(child)], child)


@pytest.mark.parametrize("df", LAYOUT, ids=lambda df: df.name)
def test_format_md_example_of_each_file_has_the_layouts_keys_lists_and_groups(df):
    """Each file's example writes only keys the flattener takes, and shows every list and
    group the layout puts in its records (`entry_points[].hours[]`, `duration`)."""
    body = format_sections()[_placeholder_free(df.path)]
    (example,) = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", body, flags=re.S)]
    shown = _Shown(all_schemas())
    roots = [t for t in df.tables if not t.within and t.values is None]
    if roots:
        (root,) = roots
        shown.walk(example, root)
    else:  # a file of named lists (vocabularies.yaml)
        assert set(example) == {layout.list_key(t) for t in df.tables}
        for t in df.tables:
            shown.walk(example[layout.list_key(t)], t)
    for name, keys in shown.keys.items():
        missing = layout.record_keys(layout.tables()[name]) - keys
        assert not missing, (name, missing)


def test_every_table_a_reference_can_point_into_has_a_danish_label():
    """validate.TABLE_LABEL is not derived from the layout (its definite forms, «kilderne»,
    «kommunens indgange (entry_points)», are not the layout's texts); a table that a
    foreign key refers to must still have one, or the message would show the raw name."""
    referred = {
        fk["reference"]["resource"]
        for schema in load_schemas(DATA).values()
        for fk in schema.get("foreignKeys", [])
    }
    assert referred - set(TABLE_LABEL) == set()
