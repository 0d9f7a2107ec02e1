"""Validate the flattened tables with Frictionless and say what is wrong in Danish.

Design note: Frictionless checks types, required fields, enums, patterns, primary and
foreign keys from `data/datapackage.yaml`; this module only translates its findings into an
editor's language and line. Checks the schemas cannot express (closes after opens, date
order, stale records) run on the typed rows afterwards.

Frictionless' errors are read by their structure (class, row number, field, cell, a foreign
key's columns and reference), never by their English text, so an upgrade that rewords them
cannot change an editor's message; the one fact Frictionless keeps only in the text, which
constraint a cell broke, is read in `failed_constraint` and checked against Frictionless itself
by tests/test_frictionless_contract.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from frictionless import Package, Resource, Schema
from frictionless import errors as fl_errors

from macros.catalogue import layout, publisher, safety, search_words
from macros.catalogue.datafiles import slug
from macros.catalogue.flatten import ANY, AUTO_COLUMNS, YAML_KEY, Flattened, Flattener, Row, suggest
from macros.catalogue.forked import Forked
from macros.catalogue.rule_limits import check_rule_limits
from macros.domain import lix
from macros.domain.problems import Problem

TABLE_LABEL = {
    "sources": "kilderne (data/sources.yaml)",
    "target_groups": "målgrupperne (data/vocabularies.yaml)",
    "formats": "formerne (data/vocabularies.yaml)",
    "access_levels": "adgangsformerne (data/vocabularies.yaml)",
    "channels": "kanalerne (data/vocabularies.yaml)",
    "paragraphs": "paragrafferne (data/paragraphs/)",
    "municipalities": "kommunerne (data/municipalities/)",
    "entry_points": "kommunens indgange (entry_points)",
    "courses": "kurserne (data/courses/)",
    "rules": "reglerne (data/rules.yaml)",
    "facts": "oplysningerne (data/facts.yaml)",
    "style": "sprogtjekkets ord (data/style.yaml)",
    "rule_kinds": "arterne af regler (rule_kinds i data/vocabularies.yaml)",
    "topics": "emnerne (topics i data/vocabularies.yaml)",
    "search_words": "søgeordene (data/search_words.yaml)",
    "crisis_lines": "krisenumrene (data/crisis.yaml)",
}
STALE_AFTER = timedelta(days=365)
FUTURE_SLACK = timedelta(days=31)  # crisis lines: see check_typed


@dataclass
class Validated:
    """Typed rows per table (empty when there were errors) and every problem found."""

    tables: dict[str, list[dict[str, Any]]]
    problems: list[Problem]


# The package descriptor and the schemas are the project's own files, not editors' data (those
# go through `yamlload`): libyaml's parser reads them with PyYAML's own safe constructor, so
# the result is the same, ten times faster (0.1 s → 0.01 s for the schemas, read three times
# a build). Where PyYAML was built without libyaml, the pure-Python parser does it.
_SCHEMA_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_project_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SCHEMA_LOADER)  # a safe loader (see above)


def load_package_descriptor(data_dir: Path) -> dict[str, Any]:
    return _read_project_yaml(data_dir / "datapackage.yaml")


def load_schemas(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Table name -> schema descriptor (dict), in package order."""
    descriptor = load_package_descriptor(data_dir)
    schemas = {}
    cache: dict[str, dict] = {}
    for resource in descriptor["resources"]:
        path = resource["schema"]
        if path not in cache:
            cache[path] = _read_project_yaml(data_dir / path)
        schemas[resource["name"]] = cache[path]
    return schemas


def field_map(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in schema["fields"]}


def editor_key(column: str | None, table: str = "") -> str:
    """The key the editor wrote for a column (`target_groups`, `duration.weeks`); without the
    table, the key the column's name alone gives (macros/catalogue/layout.py)."""
    if not column:
        return ""
    return layout.yaml_key(table, column) if table else YAML_KEY.get(column, column)


def _type_message(cell: object, fdesc: dict[str, Any]) -> str:
    key = editor_key(fdesc["name"])
    kind = fdesc.get("type")
    fmt = fdesc.get("format")
    if kind == "date":
        return f"«{cell}» i «{key}» er ikke en gyldig dato. Skriv ÅÅÅÅ-MM-DD, fx 2026-01-31."
    if kind == "time":
        return (
            f"«{cell}» i «{key}» er ikke et gyldigt klokkeslæt. Skriv det i anførselstegn som "
            'TT:MM med 24 timer, fx "09:00" eller "16:30".'
        )
    if kind == "integer":
        return f"«{cell}» i «{key}» er ikke et helt tal. Skriv kun cifre, fx 12."
    if fmt == "email":
        return f"«{cell}» i «{key}» er ikke en gyldig e-mailadresse (fx post@kommune.dk)."
    if fmt == "uri":
        return safety.web_address_message(cell, key)
    return f"«{cell}» i «{key}» har ikke den rigtige form. {fdesc.get('description', '')}"


# --- Frictionless' errors in the editors' words ---------------------------------------------
# An error is read by its structure: its class (`type`), `row_number`, `field_name` and `cell`,
# and a foreign key's `field_names` and `reference_name`. Which constraint a cell broke is the
# one thing Frictionless keeps only in the error's English text: `failed_constraint` reads it.

_CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is ')


def failed_constraint(error: fl_errors.ConstraintError) -> str:
    """The constraint a cell broke ("required", "enum", "pattern", ...), or "" if unknown.

    Frictionless 5 knows it when it checks the cell (`Field.create_cell_reader` keys its notes
    by the constraint's name) but keeps only the note, `constraint "enum" is "[...]"`, in the
    error: this is the only place that reads an error's text. tests/test_frictionless_contract.py
    checks it against Frictionless' own errors for every constraint the schemas use, so an
    upgrade that words the note differently fails there (here it would give the general
    "ikke tilladt" message).
    """
    match = _CONSTRAINT_NOTE.match(error.note)
    return match[1] if match else ""


# A broken constraint in the editors' words, by constraint ("date range": the minimum or
# maximum of a date). Filled in by `_constraint_message`.
_CONSTRAINT_TEXT = {
    "required": "Feltet «{key}» mangler. {description}",
    "enum": "«{cell}» er ikke en gyldig værdi i «{key}».{suggestion} Mulige værdier: {options}.",
    "pattern": "«{cell}» har ikke den rigtige form i «{key}». {description}",
    "maxLength": "«{key}» er for lang: {length} tegn. Den må højst være {maxLength} tegn; forkort teksten.",
    "date range": "«{cell}» i «{key}» ligger uden for det tidsrum, siden kan vise. Skriv en dato fra {minimum} til {maximum}, fx 2027-06-30.",
    "minimum": "«{cell}» i «{key}» er for lille (mindst {minimum}).",
    "maximum": "«{cell}» i «{key}» er for stor (højst {maximum}).",
}
_OTHER_CONSTRAINT = "«{cell}» i «{key}» er ikke tilladt. {description}"


def _constraint_message(cell: object, fdesc: dict[str, Any], constraint: str) -> str:
    constraints = fdesc.get("constraints", {})
    if constraint in ("minimum", "maximum") and fdesc.get("type") == "date":
        constraint = "date range"
    options = constraints.get("enum", [])
    text = _CONSTRAINT_TEXT.get(constraint, _OTHER_CONSTRAINT)
    return text.format(
        cell=cell,
        key=editor_key(fdesc["name"]),
        description=fdesc.get("description", ""),
        length=len(str(cell)),
        options=", ".join(str(o) for o in options),
        suggestion=suggest(str(cell), options) if constraint == "enum" else "",
        minimum=constraints.get("minimum"),
        maximum=constraints.get("maximum"),
        maxLength=constraints.get("maxLength"),
    ).strip()


@dataclass
class _Table:
    """One table as Frictionless validated it: the flattened rows it was given (row number n
    is `rows[n - 2]`, after the header) and the same rows as the schema cast them."""

    name: str
    schema: dict[str, Any]
    rows: list[Row]
    typed: list[dict[str, Any]]

    def row(self, row_number: int | None) -> Row | None:
        if row_number is None or not 2 <= row_number < len(self.rows) + 2:
            return None
        return self.rows[row_number - 2]

    def is_whole_key(self, column: str) -> bool:
        return self.schema.get("primaryKey") == [column]

    def key_cells(self, row_number: int) -> tuple[Any, ...]:
        values = self.typed[row_number - 2] if row_number - 2 < len(self.typed) else {}
        return tuple(values.get(c) for c in self.schema.get("primaryKey", []))

    @cached_property
    def earlier_key(self) -> dict[int, int]:
        """Row number -> the row Frictionless found the same primary key in: the nearest earlier
        row with the same cast key cells (rows whose key cells are all empty take no part)."""
        last: dict[tuple[Any, ...], int] = {}
        earlier: dict[int, int] = {}
        for row_number in range(2, len(self.rows) + 2):
            cells = self.key_cells(row_number)
            if any(c is not None for c in cells):
                if cells in last:
                    earlier[row_number] = last[cells]
                last[cells] = row_number
        return earlier


def translate(
    table: _Table,
    error: fl_errors.Error,
    flat: Flattened,
    schemas: dict[str, dict[str, Any]] | None = None,
) -> Problem | None:
    """One Frictionless error -> one Danish Problem at the editor's line (or None)."""
    row = table.row(error.row_number if isinstance(error, fl_errors.RowError) else None)
    if row is None:
        return Problem(
            "data/datapackage.yaml", 1, f"Uventet fejl i tabellen {table.name}: {error.message}"
        )
    if isinstance(error, fl_errors.TypeError | fl_errors.ConstraintError):
        fdesc = field_map(table.schema)[error.field_name]
        line = row.line_for(error.field_name)
        if isinstance(error, fl_errors.TypeError):
            return Problem(row.file, line, _type_message(error.cell, fdesc))
        return Problem(
            row.file, line, _constraint_message(error.cell, fdesc, failed_constraint(error))
        )
    if isinstance(error, fl_errors.PrimaryKeyError):
        return _primary_key_problem(table, row, error.row_number)
    if isinstance(error, fl_errors.ForeignKeyError):
        return _foreign_key_problem(table, row, error, flat, schemas or {})
    if isinstance(error, fl_errors.UniqueError) and table.is_whole_key(error.field_name):
        return None  # a unique field that is the whole key: the primary-key error says so
    if isinstance(error, fl_errors.BlankRowError):
        return Problem(
            row.file,
            row.line,
            "Posten er tom (ingen felter med en værdi). Skriv felterne ind, eller slet posten.",
        )
    return Problem(
        row.file,
        row.line,
        "Posten kan ikke bruges, men valideringen kan ikke sige præcis hvorfor. Tjek felterne i "
        "posten mod data/FORMAT.md, eller spørg en udvikler.",
    )


def _primary_key_problem(table: _Table, row: Row, row_number: int) -> Problem | None:
    if all(c is None for c in table.key_cells(row_number)):
        return None  # all key cells empty: the required-field errors already say so
    first = table.row(table.earlier_key.get(row_number))
    if first is not None and first.parent_line != row.parent_line:
        return None  # the owning record is duplicated; its own key error says so
    key_columns = table.schema["primaryKey"]
    own = [
        c for c in key_columns if c in ("id", "day", "target_group", "paragraph", "source", "from")
    ]
    column = own[-1] if own else key_columns[-1]
    value = row.values.get(column)
    where = (
        f" (første gang i linje {first.line})"
        if first and first.file == row.file
        else (f" (første gang i {first.file}:{first.line})" if first else "")
    )
    return Problem(
        row.file,
        row.line_for(column),
        f"«{value}» i «{editor_key(column, table.name)}» er brugt før{where}. Det skal være unikt; "
        "vælg et andet id eller slet den ene forekomst.",
    )


def _valid_by_schema(value: str, resource: str, column: str, schemas: dict[str, Any]) -> bool:
    """Whether a referenced key passes its own field's pattern: only such values are
    suggested ("Mente du «Din Indgang»?" would suggest a value that is itself an error)."""
    fields = field_map(schemas.get(resource, {"fields": []}))
    pattern = fields.get(column, {}).get("constraints", {}).get("pattern")
    return pattern is None or re.fullmatch(pattern, value) is not None


def _foreign_key_problem(
    table: _Table,
    row: Row,
    error: fl_errors.ForeignKeyError,
    flat: Flattened,
    schemas: dict[str, Any],
) -> Problem | None:
    """The reference the editor wrote that points nowhere (the error's foreign key).

    Follow-on errors are left out: a reference through a column filled from context
    (the municipality of a course file), a reference into a parent that does not exist, and
    a reference to a record whose own file could not be read are all reported at their cause.
    """
    columns = list(error.field_names)
    resource, ref_columns = error.reference_name, list(error.reference_field_names)
    values = [row.values.get(c) for c in columns]
    if any(v is None for v in values):
        return None
    ref_keys = {tuple(r.values.get(c) for c in ref_columns) for r in flat.tables[resource]}
    if tuple(values) in ref_keys or columns[-1] in AUTO_COLUMNS.get(table.name, set()):
        return None
    unreadable = flat.unreadable.get(resource, set())
    if values[-1] in unreadable or ANY in unreadable:
        return None
    if len(columns) > 1 and not any(k[:-1] == tuple(values[:-1]) for k in ref_keys):
        return None
    # The last column is the one the editor wrote; earlier ones (municipality) are context.
    column = columns[-1]
    value = values[-1]
    candidates = [k[-1] for k in ref_keys if k[:-1] == tuple(values[:-1]) and k[-1] is not None]
    options = sorted(
        k for k in candidates if _valid_by_schema(k, resource, ref_columns[-1], schemas)
    )
    if str(value) in {slug(str(k)) for k in candidates if k not in options}:
        return None  # points at a key written wrongly (e.g. «Indgangen»): reported there
    label = TABLE_LABEL.get(resource, resource)
    key = editor_key(column, table.name)
    scope = f" i kommunen «{values[0]}»" if len(columns) > 1 else ""
    listing = f" Mulige værdier: {', '.join(options)}." if 0 < len(options) <= 12 else ""
    return Problem(
        row.file,
        row.line_for(column),
        f"«{value}» i «{key}» findes ikke blandt {label}{scope}."
        f"{suggest(str(value), options)}{listing}",
    )


def _resource(
    name: str, schema: dict[str, Any], rows: list[Row], columns: list[str] | None = None
) -> Resource:
    """A Frictionless resource over flattened rows; `columns` keeps only those fields.

    The rows are handed over behind a function, which Frictionless reads like a list (its
    inline parser calls a `data` it cannot iterate) but leaves out of the descriptors it exports
    (`Resource.metadata_export` writes such data as []). It exports and deep-copies a resource's
    descriptor each time it opens one: the check at the start of `validate`, and the copy of each
    referenced table for a foreign-key lookup. With a list, copying the rows took a sixth of the
    tables' validation (national catalogue, 2026-12: 0.85 s of CPU against 0.72 s);
    tests/test_frictionless_contract.py shows that a list is still copied and these rows are not.
    """
    fields = [f for f in schema["fields"] if columns is None or f["name"] in columns]
    names = [f["name"] for f in fields]
    data = [names] + [[r.values.get(c) for c in names] for r in rows]
    descriptor = schema if columns is None else {"fields": fields}
    return Resource(name=name, data=lambda: data, schema=Schema.from_descriptor(descriptor))


def _package_for(
    name: str, schemas: dict[str, dict[str, Any]], tables: dict[str, list[Row]]
) -> Package:
    """The table to validate, plus the tables its foreign keys point into, cut down to the
    referenced columns. Frictionless casts every row of a referenced table to look the keys
    up, once per referring table: with whole tables, the 4,000 courses were cast three times."""
    referenced: dict[str, set[str]] = {}
    for fk in schemas[name].get("foreignKeys", []):
        target = fk["reference"]["resource"]
        if target and target != name:
            referenced.setdefault(target, set()).update(fk["reference"]["fields"])
    resources = [_resource(name, schemas[name], tables[name])]
    for target, columns in referenced.items():
        resources.append(_resource(target, schemas[target], tables[target], sorted(columns)))
    return Package(resources=resources)


_Checked = tuple[str, list[Problem], list[Problem], list[dict[str, Any]]]


def _check_table(name: str, flat: Flattened, schemas: dict[str, dict[str, Any]]) -> _Checked:
    """One table's Frictionless check: its problems, its broken references and its cast rows."""
    schema = schemas[name]
    resource = _package_for(name, schemas, flat.tables).get_resource(name)
    rows: list[dict[str, Any]] = []
    report = resource.validate(limit_errors=100_000, on_row=lambda r: rows.append(r.to_dict()))
    table = _Table(name, schema, flat.tables[name], rows)
    problems: list[Problem] = []
    references: list[Problem] = []
    for task in report.tasks:
        for error in task.errors:
            problem = translate(table, error, flat, schemas)
            if problem is not None:
                is_reference = isinstance(error, fl_errors.ForeignKeyError)
                (references if is_reference else problems).append(problem)
    return name, problems, references, rows


def second_share(tables: dict[str, list[Row]]) -> set[str]:
    """The tables a second process checks: the tables, largest first, each to the share with
    fewer rows so far (measured on the national catalogue, rows are a fair stand-in for time:
    the two shares then take 0.47 s and 0.48 s)."""
    rows = [0, 0]
    share: list[set[str]] = [set(), set()]
    for name in sorted(tables, key=lambda n: (-len(tables[n]), n)):
        smaller = 0 if rows[0] <= rows[1] else 1
        rows[smaller] += len(tables[name])
        share[smaller].add(name)
    return share[1]


def validate_tables(
    flat: Flattened,
    schemas: dict[str, dict[str, Any]],
    *,
    fork: bool = False,
    meanwhile: Callable[[], list[Problem]] = list,
) -> tuple[list[Problem], dict[str, list[dict[str, Any]]], list[Problem]]:
    """Frictionless validation of every table; also returns the rows cast by the schemas.

    Each resource is validated as `Package.validate` does, but with an `on_row` callback that
    keeps the cast row, so the tables are read once instead of once more for their values.
    With `fork`, a child process checks `second_share` of the tables (`forked.py`) while this
    one checks the others and then runs `meanwhile` (its problems are the third value); the
    outcome is the same, in the same order.
    """
    theirs = second_share({name: flat.tables[name] for name in schemas})

    def check(names: list[str]) -> list[_Checked]:
        return [_check_table(name, flat, schemas) for name in names]

    with Forked(lambda: check([n for n in schemas if n in theirs]), fork=fork) as other:
        mine = check([n for n in schemas if n not in theirs])
        more = meanwhile()
        checked = {c[0]: c for c in mine + other.result()}
    problems: list[Problem] = []
    references: list[Problem] = []
    typed: dict[str, list[dict[str, Any]]] = {}
    for name in schemas:
        _, table_problems, table_references, typed[name] = checked[name]
        problems.extend(table_problems)
        references.extend(table_references)
    # A value already reported as malformed is not reported again as a broken reference.
    seen = {(p.file, p.line) for p in problems}
    # Two keys through the same column (facts: municipality, and municipality + entry_point)
    # name the same broken reference: say it once.
    problems.extend(p for p in dict.fromkeys(references) if (p.file, p.line) not in seen)
    return problems, typed, more


# The owner of a window and what makes two windows the same (the note does not).
_WINDOW_KEYS = {
    "hours": (("municipality", "entry_point"), ("channel", "day", "opens", "closes")),
    "course_schedule": (("municipality", "course"), ("day", "opens", "closes")),
}


def _repeated_windows(
    typed: dict[str, list[dict[str, Any]]], rows: dict[str, list[Row]]
) -> list[Problem]:
    """A window that repeats an earlier one of the same owner (same channel, day and times)
    would be shown twice: an editor's slip, reported once per window at its first line."""
    problems = []
    for table, (owner, same) in _WINDOW_KEYS.items():
        first: dict[tuple, Row] = {}
        reported: set[tuple] = set()
        for values, row in zip(typed[table], rows[table], strict=True):
            key = tuple(values.get(c) for c in owner + same)
            earlier = first.setdefault(key, row)
            window = (row.file, row.line_for("window"))
            if earlier is row or earlier.line_for("window") == window[1] or window in reported:
                continue
            reported.add(window)
            opens, closes = values.get("opens"), values.get("closes")
            times = f" {opens:%H:%M}–{closes:%H:%M}" if opens and closes else ""
            problems.append(
                Problem(
                    row.file,
                    window[1],
                    f"Tidsrummet gentager linje {earlier.line_for('window')} ({values.get('day')}"
                    f"{times}) og ville blive vist to gange. Slet det ene, eller ret dage og tider.",
                )
            )
    return problems


def check_typed(
    typed: dict[str, list[dict[str, Any]]],
    rows: dict[str, list[Row]],
    today: date,
    refused: frozenset[tuple[str, int]] = frozenset(),
) -> list[Problem]:
    """Checks across fields that a table schema cannot state. A date the schema has already
    refused (`refused`: file and line of each such cell) is not called "in the future" too:
    the range error says what to write."""
    problems = []
    for table in ("hours", "course_schedule"):
        for values, row in zip(typed[table], rows[table], strict=True):
            opens, closes = values.get("opens"), values.get("closes")
            if opens and closes and closes <= opens:
                problems.append(
                    Problem(
                        row.file,
                        row.line_for("closes"),
                        f"closes ({closes:%H:%M}) skal være senere end opens ({opens:%H:%M}). "
                        "Tider over midnat understøttes ikke: del tidsrummet i to.",
                    )
                )
    problems.extend(_repeated_windows(typed, rows))
    for values, row in zip(typed["closures"], rows["closures"], strict=True):
        if values.get("from") and values.get("to") and values["to"] < values["from"]:
            problems.append(
                Problem(row.file, row.line_for("to"), "«to» ligger før «from». Byt om på datoerne.")
            )
    for values, row in zip(typed["courses"], rows["courses"], strict=True):
        start, end = values.get("active_from"), values.get("active_to")
        if start and end and end < start:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("active_to"),
                    "«active_to» ligger før «active_from». Ret en af datoerne.",
                )
            )
        reviewed = values.get("reviewed")
        if reviewed and reviewed > today and (row.file, row.line_for("reviewed")) not in refused:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("reviewed"),
                    f"«reviewed» ({reviewed}) ligger i fremtiden. Skriv datoen, hvor kurset blev tjekket.",
                )
            )
        elif reviewed and today - reviewed > STALE_AFTER:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("reviewed"),
                    f"Kurset blev sidst tjekket {reviewed} (over 12 måneder siden). Tjek oplysningerne "
                    "mod kilden og skriv dagens dato i «reviewed».",
                    "advarsel",
                )
            )
    for values, row in zip(
        typed.get("crisis_lines", []), rows.get("crisis_lines", []), strict=True
    ):
        # A build pinned to an earlier date (tests, a rebuild of an old commit) may come
        # before the day a line was checked; only a date far ahead is a slip.
        reviewed = values.get("reviewed")
        late = reviewed and reviewed > today + FUTURE_SLACK
        if late and (row.file, row.line_for("reviewed")) not in refused:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("reviewed"),
                    f"«reviewed» ({reviewed}) ligger i fremtiden. Skriv datoen, hvor du tjekkede "
                    "nummeret mod kilden.",
                )
            )
        elif reviewed and today - reviewed > STALE_AFTER:
            problems.append(
                Problem(
                    row.file,
                    row.line_for("reviewed"),
                    f"Krisenummeret blev sidst tjekket {reviewed} (over 12 måneder siden). Tjek "
                    "nummeret og tiderne mod kilden, og skriv dagens dato i «reviewed».",
                    "advarsel",
                )
            )
    for values, row in zip(typed.get("facts", []), rows.get("facts", []), strict=True):
        if values.get("entry_point") and not values.get("municipality"):
            problems.append(
                Problem(
                    row.file,
                    row.line_for("entry_point"),
                    "En oplysning om en indgang (entry_point) skal også have feltet «municipality»"
                    " med kommunens id.",
                )
            )
        if values.get("provision") and not values.get("municipality") and not values.get("title"):
            problems.append(
                Problem(
                    row.file,
                    row.line_for("provision"),
                    f"En oplysning om {values['provision']} skal have feltet «title» med "
                    "paragraffens navn, fx title: Støtte- og kontaktperson. Den vises under "
                    "»Andre paragraffer«.",
                )
            )
    cited = {(v.get("paragraph"), v.get("source")) for v in typed["paragraph_sources"]}
    for values, row in zip(
        typed["paragraph_summary_sources"], rows["paragraph_summary_sources"], strict=True
    ):
        if values.get("source") and (values.get("paragraph"), values["source"]) not in cited:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    f"«{values['source']}» står i «summary_sources», men ikke i «sources». "
                    "Tilføj kilden til sources, eller fjern den fra summary_sources.",
                )
            )
    for values, row in zip(typed["municipalities"], rows["municipalities"], strict=True):
        for key, what in (("website", "hjemmesiden"), ("phone", "telefonnummeret")):
            if values.get(key) and not values.get(f"{key}_source"):
                problems.append(
                    Problem(
                        row.file,
                        row.line_for(key),
                        f"«{key}» skal have en kilde: skriv {key}_source med id på den kilde "
                        f"(fra data/sources.yaml), hvor {what} står – fx kommunens egen side.",
                    )
                )
            # the written value, not the cast one: a refused address is already an error
            elif values.get(f"{key}_source") and not row.values.get(key):
                problems.append(
                    Problem(
                        row.file,
                        row.line_for(f"{key}_source"),
                        f"«{key}_source» står uden «{key}». Skriv {key}, eller slet {key}_source.",
                    )
                )
    for values, row in zip(typed["rules"], rows["rules"], strict=True):
        if values.get("kind") == "lokal" and not values.get("municipality"):
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "En lokal regel (kind: lokal) skal have feltet «municipality».",
                )
            )
    return problems


def validate_publisher(
    data_dir: Path, flat: Flattened
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """data/publisher.yaml against its own schema (macros/publisher.py), and the
    `INDGANG_KOMMUNE` override; the cast record or None (no file, or errors)."""
    path = data_dir / "schemas" / "publisher.yaml"
    with path.open(encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    columns = [f["name"] for f in schema["fields"]]
    municipalities = {
        str(r.values["id"]): str(r.values.get("name") or r.values["id"])
        for r in flat.tables.get("municipalities", [])
        if r.values.get("id")
    }
    problems = publisher.check_override(municipalities)
    row, read_problems = publisher.read_row(data_dir, columns)
    problems.extend(read_problems)
    if row is None:
        return None, problems
    found = len(problems)
    typed: list[dict[str, Any]] = []
    resource = _resource("publisher", schema, [row])
    report = resource.validate(on_row=lambda r: typed.append(r.to_dict()))
    table = _Table("publisher", schema, [row], typed)
    for task in report.tasks:
        for error in task.errors:
            problem = translate(table, error, flat)
            if problem is not None:
                problems.append(problem)
    refused = {p.line for p in problems[found:]}
    problems.extend(
        p
        for p in safety.check_cells({"publisher": [row]}, {"publisher": schema})
        if p.line not in refused
    )
    refused = {p.line for p in problems[found:] if p.severity == "fejl"}
    problems.extend(publisher.check_record(row, refused, municipalities, data_dir.parent))
    ok = typed and not any(p.severity == "fejl" for p in problems[found:])
    return (typed[0] if ok else None), problems


@dataclass
class CheckedTables:
    """The tables' part of a validation: what the guides' and texts' checks need to go on."""

    flat: Flattened
    typed: dict[str, list[dict[str, Any]]]
    problems: list[Problem]


def check_tables(data_dir: Path, today: date, *, fork: bool = False) -> CheckedTables:
    """Every problem of the catalogue's files (not the guides: `guides/all_data.py` adds them)."""
    schemas = load_schemas(data_dir)
    columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
    flat = Flattener(data_dir, columns, fork=fork).run()
    problems = list(flat.problems)
    frictionless_problems, typed, readability = validate_tables(
        flat,
        schemas,
        fork=fork,
        meanwhile=lambda: lix.readability_problems(flat.tables),  # plain Danish: warnings only
    )
    problems.extend(frictionless_problems)
    # Characters, blank text, addresses and links (macros/catalogue/safety.py); a cell the schema has
    # already refused is not reported twice.
    refused = {(p.file, p.line) for p in frictionless_problems}
    problems.extend(
        p
        for p in safety.check_cells(flat.tables, schemas)
        if p.severity != "fejl" or (p.file, p.line) not in refused
    )
    problems.extend(check_typed(typed, flat.tables, today, frozenset(refused)))
    problems.extend(check_rule_limits(typed, flat.tables))
    problems.extend(search_words.check(typed, flat.tables))  # data/search_words.yaml
    problems.extend(readability)  # plain Danish (lix.py), checked while the child worked
    publisher_values, publisher_problems = validate_publisher(data_dir, flat)
    problems.extend(publisher_problems)  # data/publisher.yaml (not a catalogue table)
    typed["publisher"] = [publisher_values] if publisher_values is not None else []
    return CheckedTables(flat, typed, problems)


def settle(typed: dict[str, list[dict[str, Any]]], problems: list[Problem]) -> Validated:
    """The outcome of a whole validation: no tables when there is an error. A problem found
    twice (group_size 0 breaks the minimum of both its columns) is reported once."""
    problems = list(dict.fromkeys(problems))
    if any(p.severity == "fejl" for p in problems):
        # A warning about a value that is an error anyway (a stale date in year 1, the
        # readability of a text that is too long) is a follow-on: the error says what to fix.
        errors = {(p.file, p.line) for p in problems if p.severity == "fejl"}
        problems = [p for p in problems if p.severity == "fejl" or (p.file, p.line) not in errors]
        return Validated({}, problems)
    return Validated(typed, problems)
