"""The editors' field reference, generated from the Frictionless schemas.

Design note: the schemas in `data/schemas/` are the single source of truth for what a field
means (`title`, `description`) and which values it takes (`type`, `constraints`, foreign
keys). This module only knows how the tables are *written* in YAML: which file holds a
table, under which nested key (`entry_points[].hours[]`), and which keys are containers
rather than columns (`duration`, `law_text`, `schedule` …). Column names become the keys
editors write through `flatten.AUTO_COLUMNS` (filled from context, never shown) and
`flatten.YAML_KEY` (`weeks_min` → `duration.weeks`). The same reference is rendered on the
site (with the current vocabulary ids) and into CONTRIBUTING.md between two marker comments
(without them, so an editor adding a vocabulary term never makes the guide stale).

A schema field without a Danish `title` and `description`, or a table that is not placed in
a data file here, is a problem: `python scripts/indgang.py editors-guide --check` fails.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.catalogue.flatten import AUTO_COLUMNS, DAY_GROUPS, VOCABULARIES, YAML_KEY
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


@dataclass(frozen=True)
class Container:
    """A YAML key that holds a list or a group of fields rather than one value."""

    key: str  # full path, e.g. "entry_points[].hours"
    kind: str  # "liste" or "gruppe"
    required: bool
    description: str


@dataclass(frozen=True)
class Part:
    """One table as it is written inside a data file."""

    table: str
    prefix: str = ""  # prepended to every key, e.g. "entry_points[].hours[]."
    container: Container | None = None  # shown before the part's fields
    list_key: str | None = None  # link tables: the one editable column is written as this list
    list_required: bool = False
    groups: dict[str, Container] = field(default_factory=dict)  # "duration" -> its container


@dataclass(frozen=True)
class DataFile:
    path: str
    title: str
    intro: str
    parts: tuple[Part, ...]


LAYOUT: tuple[DataFile, ...] = (
    DataFile(
        "data/courses/<kommune>.yaml",
        "Kurser",
        "Én fil pr. kommune med samme navn som kommunens fil. Filen er en liste: hvert kursus "
        "begynder med `- id:`.",
        (
            Part(
                "courses",
                groups={
                    "duration": Container(
                        "duration",
                        "gruppe",
                        True,
                        "Hvor længe kurset varer. Skriv mindst ét af felterne weeks, sessions "
                        "og note.",
                    )
                },
            ),
            Part(
                "course_target_groups",
                list_key="target_groups",
                list_required=True,
            ),
            Part(
                "course_schedule",
                prefix="schedule[].",
                container=Container(
                    "schedule",
                    "liste",
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
            Part("municipalities"),
            Part(
                "entry_points",
                prefix="entry_points[].",
                container=Container(
                    "entry_points",
                    "liste",
                    True,
                    "Kommunens indgange: de steder, hvor borgeren kan henvende sig. Mindst én.",
                ),
            ),
            Part(
                "entry_point_paragraphs",
                prefix="entry_points[].",
                list_key="paragraphs",
            ),
            Part(
                "entry_point_closed_days",
                prefix="entry_points[].",
                list_key="closed_days",
            ),
            Part(
                "hours",
                prefix="entry_points[].hours[].",
                container=Container(
                    "entry_points[].hours",
                    "liste",
                    False,
                    "Åbningstider: et punkt pr. tidsrum (kanal, dage og evt. tider). Om der er "
                    "lukket på helligdage, står i public_holidays.",
                ),
            ),
            Part(
                "closures",
                prefix="entry_points[].closed[].",
                container=Container(
                    "entry_points[].closed",
                    "liste",
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
        (Part("sources"),),
    ),
    DataFile(
        "data/vocabularies.yaml",
        "Ordlister",
        "Lister med de værdier, andre felter må bruge: målgrupper, former, adgang, kanaler, "
        "arter af regler og emner for regler.",
        tuple(
            Part(
                name,
                prefix=f"{name}[].",
                container=Container(
                    name,
                    "liste",
                    True,
                    f"Ordlisten {name}: de id'er, der må stå i feltet "
                    + {
                        "target_groups": "target_groups i et kursus.",
                        "formats": "format i et kursus.",
                        "access_levels": "access i et kursus.",
                        "channels": "channel i en indgangs åbningstider.",
                        "rule_kinds": "kind i en regel (data/rules.yaml). Mærket og "
                        "beskrivelsen vises ved reglen på siden.",
                        "topics": "topics i en regel (data/rules.yaml).",
                    }[name],
                ),
            )
            for name in VOCABULARIES
        ),
    ),
    DataFile(
        "data/paragraphs/<paragraf>.yaml",
        "Paragraffer",
        "Én fil pr. paragraf: 82a, 82b, 82c, 82d og 85. Teksten skal være almindeligt dansk.",
        (
            Part(
                "paragraphs",
                groups={
                    "law_text": Container(
                        "law_text",
                        "gruppe",
                        False,
                        "Lovteksten ordret – kun når en kilde citerer den. Skriv alle tre felter "
                        "quote, reference og source.",
                    )
                },
            ),
            Part("paragraph_sources", list_key="sources", list_required=True),
            Part("paragraph_summary_sources", list_key="summary_sources"),
        ),
    ),
    DataFile(
        "data/rules.yaml",
        "Snitfladeregler",
        "En liste over regler og praksis om forholdet mellem § 82 og § 85. En praksis eller "
        "lokal regel skal nævne de regler om ret, der regulerer dens emner, i limited_by – se "
        "afsnittet om regler og deres grænser.",
        (
            Part("rules"),
            Part("rule_paragraphs", list_key="paragraphs", list_required=True),
            Part("rule_topics", list_key="topics"),
            Part("rule_limits", list_key="limited_by"),
        ),
    ),
    DataFile(
        "data/facts.yaml",
        "Oplysninger fra kilderne",
        "En liste over det, kilderne siger om en indgang, en kommune, en paragraf, en anden "
        "paragraf i serviceloven eller hele landet. Hver oplysning har sin kilde og helst et "
        "ordret citat. Hvor den vises, afgøres af municipality, entry_point, paragraph og "
        "provision.",
        (Part("facts"),),
    ),
    DataFile(
        "data/style.yaml",
        "Sprogtjek",
        "Ord og vendinger, som tjekket advarer om i tekster til borgere: kendte stavefejl, "
        "fagord og forkerte anførselstegn, hver med det, man kan skrive i stedet. En advarsel "
        "stopper ikke udgivelsen. Citater og sagsbehandlerguiden tjekkes ikke.",
        (Part("style"),),
    ),
    DataFile(
        "data/search_words.yaml",
        "Søgeord",
        "Ord, som borgere selv bruger, når de søger på siden (fx angst, bostøtte, selvmord). "
        "Filen er en liste af grupper: hver gruppe har netop ét af felterne target_group, "
        "paragraph og crisis og en liste `words`. Ordene vises ikke, men gør, at søgningen "
        "finder de rigtige kurser og sider. Filen kan udelades.",
        (Part("search_words"),),
    ),
    DataFile(
        "data/publisher.yaml",
        "Udgiveren",
        "Hvem udgiver siden, hvordan borgere giver feedback, sidens offentlige adresse, logo og "
        "farve, og om siden er national eller for én kommune. Filen er ét sæt felter (ikke en "
        "liste) og er ikke med i de åbne data. Se README.md, »Sådan udgiver jeres kommune "
        "Indgang«.",
        (Part("publisher"),),
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
        (Part("crisis_lines"),),
    ),
)
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

    def part_rows(self, part: Part) -> list[Row]:
        schema = self.schemas[part.table]
        auto = AUTO_COLUMNS.get(part.table, set())
        rows: list[Row] = []
        if part.container:
            c = part.container
            rows.append(Row(c.key, c.required, c.kind, "", c.description))
        grouped: dict[str, list[dict[str, Any]]] = {}
        for fdesc in schema["fields"]:
            if fdesc["name"] in auto:
                continue
            key = YAML_KEY.get(fdesc["name"], fdesc["name"])
            grouped.setdefault(key, []).append(fdesc)
        for key, fdescs in grouped.items():
            if not all([self.check_field(part.table, f) for f in fdescs]):
                continue
            first = fdescs[0]
            group = key.split(".")[0] if "." in key else None
            if group and group in part.groups and not any(r.key == group for r in rows):
                c = part.groups[group]
                rows.append(Row(part.prefix + c.key, c.required, c.kind, "", c.description))
            required = any(f.get("constraints", {}).get("required") for f in fdescs)
            if group in REQUIRED_IN_GROUP:
                required = True
            full_key = part.prefix + key
            kind = self.type_of(fdescs, key)
            if part.list_key:
                full_key = part.prefix + part.list_key
                required = part.list_required
                kind = "liste"
            rows.append(
                Row(
                    full_key,
                    required,
                    kind,
                    self.allowed(part.table, first, key),
                    _strip_written_as(str(first["description"]).strip(), key, str(first["title"])),
                )
            )
        return rows


def build_reference(data_dir: Path, *, with_vocabulary: bool = True) -> Reference:
    """Every field of every data file, from the schemas (and the vocabulary ids, if asked)."""
    schemas = load_schemas(data_dir)
    publisher_schema = data_dir / "schemas" / "publisher.yaml"
    if publisher_schema.exists():  # site configuration, not a table of the Data Package
        with publisher_schema.open(encoding="utf-8") as fh:
            schemas["publisher"] = yaml.safe_load(fh)
    builder = _Builder(schemas, vocabulary_ids(data_dir) if with_vocabulary else None)
    placed = {part.table for df in LAYOUT for part in df.parts}
    for table in schemas:
        if table not in placed:
            builder.problems.append(
                f"Tabellen «{table}» (data/datapackage.yaml) står ikke i nogen datafil i "
                "vejledningen. Tilføj den i LAYOUT i macros/exports/editors_guide.py."
            )
    sections = []
    for data_file in LAYOUT:
        rows = []
        for part in data_file.parts:
            if part.table not in schemas:
                builder.problems.append(
                    f"Vejledningen nævner tabellen «{part.table}», men den findes ikke i "
                    "data/datapackage.yaml."
                )
                continue
            rows.extend(builder.part_rows(part))
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
