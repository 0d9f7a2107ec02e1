"""The editors' field reference, generated from the Frictionless schemas.

Design note: the schemas in `data/schemas/` are the single source of truth for what a field
means (`title`, `description`) and which values it takes (`type`, `constraints`, foreign
keys). How the tables are *written* in YAML comes from `macros/catalogue/layout.py`: which
file holds a table, under which nested key (`entry_points[].hours[]`), which keys are
containers rather than columns (`duration`, `law_text`, `schedule` …), which columns are
filled from context (never shown) or written under another key (`weeks_min` →
`duration.weeks`), and each file's Danish title and introduction. The same reference is
rendered on the site (with the current vocabulary ids) and into CONTRIBUTING.md between two
marker comments (without them, so an editor adding a vocabulary term never makes the guide
stale).

A schema field without a Danish `title` and `description`, or a table that the layout does
not place in a data file, is a problem: `python scripts/indgang.py editors-guide --check` fails.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.catalogue import layout
from macros.catalogue.flatten import DAY_GROUPS, VOCABULARIES
from macros.catalogue.layout import LAYOUT, DataFile, Table
from macros.catalogue.validate import load_schemas
from macros.catalogue.yamlload import Map, Seq, load_file
from macros.views.text import md_inline

BEGIN = (
    "<!-- BEGIN FELTREFERENCE: laves af `python scripts/indgang.py editors-guide` ud fra "
    "data/schemas/. Ret ikke her; ret beskrivelserne i skemaerne. -->"
)
END = "<!-- SLUT FELTREFERENCE -->"

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
TYPE_LABELS = {
    "string": "tekst",
    "integer": "helt tal",
    "number": "tal",
    "date": "dato (ÅÅÅÅ-MM-DD)",
    "time": 'klokkeslæt ("TT:MM")',
    "boolean": "ja/nej",
}
FORMAT_LABELS = {"email": "e-mailadresse", "uri": "webadresse (https://…)"}
# Where a foreign key points, when the target has no enum: what the editor writes.
REFERENCE_TEXT = {
    "sources": "et id fra data/sources.yaml",
    "entry_points": "id på en indgang i kommunens fil (data/municipalities/)",
    "municipalities": "id på en kommune (filnavnet i data/municipalities/)",
}


# Fields inside these groups must all be written when the group is used.
REQUIRED_IN_GROUP = {"law_text"}


@dataclass
class Row:
    """One line of the reference: a key as the editor writes it."""

    key: str
    required: bool
    type: str
    allowed: str
    description: str


@dataclass
class Section:
    file: DataFile
    rows: list[Row]


@dataclass
class Reference:
    sections: list[Section]
    problems: list[str]  # Danish: what the guide cannot explain


def vocabulary_ids(data_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Vocabulary name -> [(id, label)] as written in data/vocabularies.yaml."""
    path = data_dir / "vocabularies.yaml"
    if not path.exists():
        return {}
    value, _ = load_file(path, "data/vocabularies.yaml")
    out: dict[str, list[tuple[str, str]]] = {}
    if not isinstance(value, Map):
        return out
    for name in VOCABULARIES:
        items = value.get(name)
        if isinstance(items, Seq):
            out[name] = [
                (str(i["id"]), str(i.get("label") or ""))
                for i in items
                if isinstance(i, Map) and i.get("id")
            ]
    return out


def _code_list(values: list[str], last: str = "eller") -> str:
    coded = [f"`{v}`" for v in values]
    if len(coded) <= 1:
        return "".join(coded)
    return ", ".join(coded[:-1]) + f" {last} " + coded[-1]


def _strip_written_as(description: str, key: str, title: str) -> str:
    """'Skrives som duration.weeks: et tal …' -> 'Et tal …' (the key is in the first column)."""
    prefix = f"Skrives som {key}"
    if not description.startswith(prefix):
        return description
    rest = description[len(prefix) :].lstrip(":, ")
    if rest.startswith("fx "):
        return f"{title}, {rest}"
    return rest[:1].upper() + rest[1:]


class _Builder:
    def __init__(self, schemas: dict[str, dict[str, Any]], vocabularies: dict | None):
        self.schemas = schemas
        self.vocabularies = vocabularies  # None: refer to the file instead of listing ids
        self.problems: list[str] = []

    def enum_of(self, table: str, column: str) -> list[str] | None:
        for f in self.schemas.get(table, {}).get("fields", []):
            if f["name"] == column:
                return f.get("constraints", {}).get("enum")
        return None

    def reference_of(self, table: str, column: str) -> str | None:
        for fk in self.schemas[table].get("foreignKeys", []):
            if fk["fields"][-1] != column:
                continue
            target = fk["reference"]["resource"]
            if target in VOCABULARIES:
                return self.vocabulary_text(target)
            enum = self.enum_of(target, fk["reference"]["fields"][-1])
            if enum:
                return _code_list([str(v) for v in enum])
            if target in REFERENCE_TEXT:
                return REFERENCE_TEXT[target]
        return None

    def vocabulary_text(self, name: str) -> str:
        if self.vocabularies is None or name not in self.vocabularies:
            return f"et id fra `{name}` i data/vocabularies.yaml"
        terms = [
            f"`{tid}` ({md_inline(label)})" if label else f"`{tid}`"
            for tid, label in self.vocabularies[name]
        ]
        return ", ".join(terms) + f" (fra `{name}` i data/vocabularies.yaml)"

    def allowed(self, table: str, fdesc: dict[str, Any], key: str) -> str:
        constraints = fdesc.get("constraints", {})
        parts = []
        reference = self.reference_of(table, fdesc["name"])
        if constraints.get("enum"):
            values = [str(v) for v in constraints["enum"]]
            if key.rsplit(".", 1)[-1] == "days":  # not public_holidays, closed_days
                values += list(DAY_GROUPS)
            parts.append(_code_list(values))
        elif reference:
            parts.append(reference)
        if constraints.get("pattern") == ID_PATTERN:
            parts.append("små bogstaver (a-z), tal og bindestreg")
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if low is not None and high is not None:
            parts.append(f"fra {low} til {high}")
        elif low is not None:
            parts.append(f"mindst {low}")
        elif high is not None:
            parts.append(f"højst {high}")
        if constraints.get("maxLength"):
            parts.append(f"højst {constraints['maxLength']} tegn")
        return "; ".join(parts)

    def type_of(self, fdescs: list[dict[str, Any]], key: str) -> str:
        first = fdescs[0]
        if len(fdescs) == 2 and [f["name"][-4:] for f in fdescs] == ["_min", "_max"]:
            return 'helt tal eller spænd ("4-16")'
        if key.rsplit(".", 1)[-1] == "days":  # not public_holidays, closed_days
            return "liste af ugedage"
        if key == "words":  # data/search_words.yaml: one row per word of the list
            return "liste af ord"
        if first.get("format") in FORMAT_LABELS:
            return FORMAT_LABELS[first["format"]]
        return TYPE_LABELS.get(first.get("type", "string"), first.get("type", "tekst"))

    def check_field(self, table: str, fdesc: dict[str, Any]) -> bool:
        missing = [k for k in ("title", "description") if not str(fdesc.get(k) or "").strip()]
        if missing:
            what = " og ".join("titel" if k == "title" else "beskrivelse" for k in missing)
            self.problems.append(
                f"Feltet «{fdesc['name']}» i data/schemas/ (tabellen {table}) mangler en dansk "
                f"{what}, så vejledningen kan ikke forklare det. Skriv den i skemaet."
            )
            return False
        return True

    def part_rows(self, table: Table) -> list[Row]:
        schema = self.schemas[table.name]
        keys = table.yaml_keys()
        rows: list[Row] = []
        if table.container:
            c = table.container
            key = table.within.removesuffix("[]")
            rows.append(Row(key, c.required, "liste", "", c.description))
        grouped: dict[str, list[dict[str, Any]]] = {}
        for fdesc in schema["fields"]:
            if fdesc["name"] in table.auto:
                continue
            key = keys.get(fdesc["name"], fdesc["name"])
            grouped.setdefault(key, []).append(fdesc)
        for key, fdescs in grouped.items():
            if not all([self.check_field(table.name, f) for f in fdescs]):
                continue
            first = fdescs[0]
            group = key.split(".")[0] if "." in key else None
            if group and group in table.groups and not any(r.key == group for r in rows):
                c = table.groups[group]
                rows.append(Row(table.prefix + group, c.required, "gruppe", "", c.description))
            required = any(f.get("constraints", {}).get("required") for f in fdescs)
            if group in REQUIRED_IN_GROUP:
                required = True
            kind = self.type_of(fdescs, key)
            if table.values is not None:
                required = table.values.required
                kind = "liste"
            rows.append(
                Row(
                    table.prefix + key,
                    required,
                    kind,
                    self.allowed(table.name, first, key),
                    _strip_written_as(str(first["description"]).strip(), key, str(first["title"])),
                )
            )
        return rows


def build_reference(
    data_dir: Path, *, with_vocabulary: bool = True, files: tuple[DataFile, ...] | None = None
) -> Reference:
    """Every field of every data file (`files`: the layout's), from the schemas (and the
    vocabulary ids, if asked)."""
    files = LAYOUT if files is None else files
    schemas = load_schemas(data_dir)
    publisher_schema = data_dir / "schemas" / "publisher.yaml"
    if publisher_schema.exists():  # site configuration, not a table of the Data Package
        with publisher_schema.open(encoding="utf-8") as fh:
            schemas["publisher"] = yaml.safe_load(fh)
    builder = _Builder(schemas, vocabulary_ids(data_dir) if with_vocabulary else None)
    builder.problems.extend(layout.check_layout(schemas, files))
    sections = []
    for data_file in files:
        rows = []
        for table in data_file.tables:
            if table.name in schemas:
                rows.extend(builder.part_rows(table))
        sections.append(Section(data_file, rows))
    return Reference(sections, builder.problems)


def _cell(text: str) -> str:
    """Table cell text: HTML-escaped, pipes escaped, on one line."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def render_markdown(reference: Reference, heading: str = "###", *, site: bool = False) -> str:
    """The reference as Markdown: one table per data file (on the site, in a styled block)."""
    out = [
        "Kolonnen «Skal udfyldes» gælder inde i sin liste eller gruppe: `ja` ved et felt under "
        "en valgfri liste betyder, at feltet skal udfyldes, *hvis* du bruger listen. "
        "`[]` i et feltnavn betyder «hvert punkt i listen», og et punktum betyder «et felt "
        "inde i gruppen», fx `duration.weeks`:",
        "",
        "```yaml",
        "duration:",
        "  weeks: 12",
        "```",
        "",
    ]
    for section in reference.sections:
        df = section.file
        path = f"`{df.path}`"
        if site:  # a long path may break after a slash, never inside a word
            path = "<code>" + html.escape(df.path).replace("/", "/<wbr>") + "</code>"
        out += [f"{heading} {df.title} – {path}", "", df.intro, ""]
        if site:
            # A region of its own that scrolls on a phone and takes keyboard focus (WCAG 2.1.1)
            label = html.escape(f"Felter i {df.path}", quote=True)
            out += [
                f'<div class="indgang-fields indgang-table-wrap" tabindex="0" role="region" '
                f'aria-label="{label}" markdown>',
                "",
            ]
        out += [
            "| Felt | Skal udfyldes | Type | Tilladte værdier | Hvad feltet betyder |",
            "|---|---|---|---|---|",
        ]
        for row in section.rows:
            key = f"`{row.key}`"
            if site:  # long keys may break after a dot, never inside a word
                key = "<code>" + html.escape(row.key).replace(".", ".<wbr>") + "</code>"
            out.append(
                f"| {key} | {'ja' if row.required else 'nej'} | {_cell(row.type)} | "
                f"{_cell(row.allowed)} | {_cell(row.description)} |"
            )
        out += ["", "</div>", ""] if site else [""]
    return "\n".join(out).rstrip() + "\n"


def guide_for_contributing(data_dir: Path) -> str:
    """The generated section of CONTRIBUTING.md, markers included."""
    reference = build_reference(data_dir, with_vocabulary=False)
    return f"{BEGIN}\n\n{render_markdown(reference)}\n{END}"


class GuideError(Exception):
    """CONTRIBUTING.md has no (or broken) markers for the generated section."""


def replace_section(document: str, section: str) -> str:
    start = document.find(BEGIN.split(":")[0])
    end = document.find(END)
    if start < 0 or end < 0 or end < start:
        raise GuideError(
            "CONTRIBUTING.md mangler markeringerne for feltreferencen. Skriv to linjer "
            f"«{BEGIN.split(':')[0]} … -->» og «{END}», hvor referencen skal stå."
        )
    return document[:start] + section + document[end + len(END) :]


STALE_MESSAGE = (
    "Feltreferencen i CONTRIBUTING.md passer ikke med skemaerne i data/schemas/. "
    "Kør `python scripts/indgang.py editors-guide` og gem ændringen."
)


@dataclass
class GuideStatus:
    problems: list[str]  # Danish: what the guide cannot explain, or missing markers
    stale: bool  # the generated section differs from what the schemas give now
    updated: str  # the document with a freshly generated section

    def messages(self) -> list[str]:
        return [*self.problems, STALE_MESSAGE] if self.stale else list(self.problems)


def check_contributing(data_dir: Path, contributing: Path) -> GuideStatus:
    """Is CONTRIBUTING.md's field reference complete and generated from the current schemas?"""
    reference = build_reference(data_dir, with_vocabulary=False)
    problems = list(reference.problems)
    document = contributing.read_text(encoding="utf-8") if contributing.exists() else ""
    try:
        updated = replace_section(document, guide_for_contributing(data_dir))
    except GuideError as exc:
        return GuideStatus([*problems, str(exc)], False, document)
    return GuideStatus(problems, updated != document, updated)


def site_reference(data_dir: Path) -> str:
    """The reference for the site page, with the current vocabulary ids listed."""
    reference = build_reference(data_dir, with_vocabulary=True)
    return render_markdown(reference, site=True)
