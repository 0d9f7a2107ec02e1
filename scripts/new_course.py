"""`indgang new-course`: append a new, commented course entry to a municipality's course file.

Design note: the answers (flags, or questions on a terminal) are checked against the data
as it is (municipalities, entry points, vocabularies, existing course ids) so a wrong value
is refused with a Danish message before anything is written. The entry shows every field a
course can have, optional ones as comments, with hints taken from the schemas through the
editors' guide. After writing, the whole catalogue is validated with the same validator as
`validate`; if the new entry brought errors, the file is restored and the errors are shown.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from macros.catalogue.flatten import RANGE_RE, VOCABULARIES, Flattener, suggest
from macros.catalogue.validate import load_schemas, validate
from macros.domain.problems import errors_only, format_human
from macros.exports.editors_guide import build_reference

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED = ("municipality", "title", "id", "paragraph", "format", "entry_point", "access")
FLAG = {name: "--" + name.replace("_", "-") for name in REQUIRED}
FLAG["target_groups"] = "--target-group"


class Refused(Exception):
    """A value the data does not allow; the message is for the editor (Danish)."""


@dataclass
class Answers:
    municipality: str | None = None
    id: str | None = None
    title: str | None = None
    paragraph: str | None = None
    format: str | None = None
    entry_point: str | None = None
    access: str | None = None
    target_groups: list[str] = field(default_factory=list)
    description: str | None = None
    weeks: str | None = None
    sessions: str | None = None
    duration_note: str | None = None
    group_size: str | None = None
    active_from: str | None = None
    active_to: str | None = None
    source: str | None = None


@dataclass
class Context:
    """What the catalogue offers, read leniently (the data may have unrelated errors)."""

    municipalities: dict[str, str]  # id -> name
    municipality_sources: dict[str, str]
    entry_points: dict[str, dict[str, str]]  # municipality -> {id: name}
    vocabularies: dict[str, list[str]]
    paragraphs: list[str]
    sources: list[str]
    courses: dict[str, dict[str, tuple[str, int]]]  # municipality -> {id: (file, line)}
    hints: dict[str, str]  # course key -> hint from the schemas


def read_context(data_dir: Path) -> Context:
    schemas = load_schemas(data_dir)
    columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
    tables = Flattener(data_dir, columns).run().tables

    def ids(table: str) -> list[str]:
        return [str(r.values["id"]) for r in tables[table] if r.values.get("id")]

    entry_points: dict[str, dict[str, str]] = {}
    for r in tables["entry_points"]:
        if r.values.get("id"):
            entry_points.setdefault(str(r.values["municipality"]), {})[str(r.values["id"])] = str(
                r.values.get("name") or r.values["id"]
            )
    courses: dict[str, dict[str, tuple[str, int]]] = {}
    for r in tables["courses"]:
        if r.values.get("id"):
            courses.setdefault(str(r.values["municipality"]), {}).setdefault(
                str(r.values["id"]), (r.file, r.line_for("id"))
            )
    paragraph_enum = next(
        f["constraints"]["enum"] for f in schemas["courses"]["fields"] if f["name"] == "paragraph"
    )
    reference = build_reference(data_dir, with_vocabulary=False)
    course_rows = next(s.rows for s in reference.sections if s.file.path.startswith("data/courses"))
    return Context(
        municipalities={
            str(r.values["id"]): str(r.values.get("name") or r.values["id"])
            for r in tables["municipalities"]
            if r.values.get("id")
        },
        municipality_sources={
            str(r.values["id"]): str(r.values.get("source") or "")
            for r in tables["municipalities"]
            if r.values.get("id")
        },
        entry_points=entry_points,
        vocabularies={name: ids(name) for name in VOCABULARIES},
        paragraphs=[str(p) for p in paragraph_enum],
        sources=ids("sources"),
        courses=courses,
        hints={row.key: first_sentence(row.description) for row in course_rows},
    )


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence ('pr. tidsrum' does not)."""
    match = re.match(r"(.+?[.?!])\s+(?=[A-ZÆØÅ])", text)
    return match[1] if match else text


def slug(text: str) -> str:
    """'Mit liv med ADHD – for voksne' -> 'mit-liv-med-adhd-for-voksne'."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def or_list(values: list[str]) -> str:
    return ", ".join(values[:-1]) + " eller " + values[-1] if len(values) > 1 else "".join(values)


def _choice(value: str, options: list[str], what: str, flag: str) -> None:
    if value not in options:
        raise Refused(
            f"«{value}» er ikke en gyldig værdi for {what} ({flag}).{suggest(value, options)} "
            f"Mulige værdier: {', '.join(options)}."
        )


# -- checks: one per answer; each raises Refused with a Danish message ------------------------
def check_municipality(ctx: Context, value: str) -> None:
    if value not in ctx.municipalities:
        known = ", ".join(sorted(ctx.municipalities)) or "ingen"
        raise Refused(
            f"Der findes ingen kommune med id «{value}».{suggest(value, ctx.municipalities)} "
            f"Kommunerne er: {known} (filnavnene i data/municipalities/)."
        )


def check_id(ctx: Context, municipality: str, value: str) -> None:
    if not ID_RE.match(value):
        raise Refused(
            f"Id'et «{value}» må kun have små bogstaver (a-z), tal og bindestreger, "
            f"fx «{slug(value) or 'mit-kursus'}»."
        )
    existing = ctx.courses.get(municipality, {})
    if value in existing:
        file, line = existing[value]
        free = next(f"{value}-{n}" for n in range(2, 1000) if f"{value}-{n}" not in existing)
        raise Refused(
            f"Der findes allerede et kursus med id «{value}» i {file} (linje {line}). "
            f"Et id skal være unikt i kommunens fil. Vælg et andet id, fx «{free}», "
            "eller ret det kursus, der findes."
        )


def check_entry_point(ctx: Context, municipality: str, value: str) -> None:
    options = sorted(ctx.entry_points.get(municipality, {}))
    if value not in options:
        raise Refused(
            f"Kommunen «{municipality}» har ingen indgang med id «{value}».{suggest(value, options)} "
            f"Indgangene er: {', '.join(options) or 'ingen'} (entry_points i "
            f"data/municipalities/{municipality}.yaml)."
        )


def check_range(value: str, what: str, flag: str) -> None:
    match = RANGE_RE.match(value)
    if not match or (match[2] and int(match[1]) > int(match[2])):
        raise Refused(
            f"«{value}» er ikke et gyldigt tal eller spænd for {what} ({flag}). "
            'Skriv fx 12 eller "4-16".'
        )


def check_date(value: str, flag: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Refused(
            f"«{value}» er ikke en gyldig dato ({flag}). Skriv ÅÅÅÅ-MM-DD, fx 2026-01-31."
        ) from None


def check_answers(ctx: Context, a: Answers) -> None:
    """Every answer given so far; raises Refused at the first wrong one."""
    if a.municipality is not None:
        check_municipality(ctx, a.municipality)
    if a.id is not None and a.municipality:
        check_id(ctx, a.municipality, a.id)
    if a.paragraph is not None:
        _choice(a.paragraph, ctx.paragraphs, "paragraf", "--paragraph")
    if a.format is not None:
        _choice(a.format, ctx.vocabularies["formats"], "form", "--format")
    if a.entry_point is not None and a.municipality:
        check_entry_point(ctx, a.municipality, a.entry_point)
    if a.access is not None:
        _choice(a.access, ctx.vocabularies["access_levels"], "adgang", "--access")
    for group in a.target_groups:
        _choice(group, ctx.vocabularies["target_groups"], "målgruppe", "--target-group")
    for name, what in (("weeks", "uger"), ("sessions", "gange"), ("group_size", "holdstørrelse")):
        value = getattr(a, name)
        if value is not None:
            check_range(value, what, "--" + name.replace("_", "-"))
    for name in ("active_from", "active_to"):
        value = getattr(a, name)
        if value is not None:
            check_date(value, "--" + name.replace("_", "-"))
    if a.source is not None:
        _choice(a.source, ctx.sources, "kilde", "--source")


# -- questions on a terminal ------------------------------------------------------------------
def ask_missing(ctx: Context, a: Answers, ask: Callable[[str], str]) -> None:
    """Ask for every missing required answer (and a few optional ones) until it is valid."""

    def question(prompt: str, setter: Callable[[str], None], default: str = "") -> None:
        while True:
            shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
            answer = ask(shown).strip() or default
            if not answer:
                print("  Skriv et svar.", file=sys.stderr)
                continue
            try:
                setter(answer)
                check_answers(ctx, a)
                return
            except Refused as exc:
                print(f"  {exc}", file=sys.stderr)
                setter("")

    def field_setter(name: str) -> Callable[[str], None]:
        return lambda v: setattr(a, name, v or None)

    if not a.municipality:
        question(f"Kommune ({', '.join(sorted(ctx.municipalities))})", field_setter("municipality"))
    if not a.title:
        a.title = ask("Kursets titel (som borgeren ser den): ").strip() or None
        while not a.title:
            a.title = ask("Kursets titel: ").strip() or None
    if not a.id:
        question("Id (små bogstaver og bindestreger)", field_setter("id"), slug(a.title))
    if not a.paragraph:
        question(f"Paragraf ({or_list(ctx.paragraphs)})", field_setter("paragraph"))
    if not a.format:
        question(f"Form ({or_list(ctx.vocabularies['formats'])})", field_setter("format"))
    if not a.entry_point:
        options = sorted(ctx.entry_points.get(a.municipality or "", {}))
        question(
            f"Indgang ({or_list(options)})",
            field_setter("entry_point"),
            options[0] if len(options) == 1 else "",
        )
    if not a.access:
        question(f"Adgang ({or_list(ctx.vocabularies['access_levels'])})", field_setter("access"))
    if not a.target_groups:

        def set_groups(v: str) -> None:
            a.target_groups = [g for g in re.split(r"[,\s]+", v) if g]

        question(
            f"Målgrupper, adskilt med komma ({', '.join(ctx.vocabularies['target_groups'])})",
            set_groups,
        )
    if a.description is None:
        a.description = ask("Beskrivelse, 2-4 korte sætninger (Enter: skriv den senere): ").strip()
        a.description = a.description or None
    if a.weeks is None and a.sessions is None and a.duration_note is None:
        for name, prompt in (("weeks", "Varighed i uger"), ("sessions", "Antal gange")):
            answer = ask(f'{prompt}, fx 12 eller "4-16" (Enter: spring over): ').strip()
            if answer:
                try:
                    check_range(answer, prompt.lower(), "--" + name)
                    setattr(a, name, answer)
                except Refused as exc:
                    print(f"  {exc} Feltet er sprunget over.", file=sys.stderr)


# -- the entry ------------------------------------------------------------------------------
def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def course_entry(ctx: Context, a: Answers, today: date) -> list[tuple[str, str]]:
    """(code, comment) lines of the entry; optional fields not given are commented out."""
    entry_point_name = ctx.entry_points[a.municipality][a.entry_point]
    hint = ctx.hints
    description = a.description or (
        f"Spørg {entry_point_name}, hvis du vil vide mere om {a.title}."
    )
    lines: list[tuple[str, str]] = [
        (f"- id: {a.id}", hint["id"]),
        (f"  title: {q(a.title)}", hint["title"]),
        (f"  paragraph: {q(a.paragraph)}", or_list(ctx.paragraphs)),
        ("  # paragraph_stated: nej", hint["paragraph_stated"]),
        (f"  format: {a.format}", or_list(ctx.vocabularies["formats"])),
        (
            f"  entry_point: {a.entry_point}",
            "indgange i kommunen: " + ", ".join(sorted(ctx.entry_points[a.municipality])),
        ),
        (
            f"  target_groups: [{', '.join(a.target_groups)}]",
            "en eller flere af: " + ", ".join(ctx.vocabularies["target_groups"]),
        ),
        (
            "  description: |",
            hint["description"]
            + ("" if a.description else " Skriv 2-4 korte sætninger i stedet for standardteksten."),
        ),
    ]
    lines += [(f"    {ln}" if ln.strip() else "", "") for ln in description.strip().splitlines()]
    lines.append(("  duration:", hint["duration"]))
    note = a.duration_note
    if not (a.weeks or a.sessions or note):
        note = f"Spørg {entry_point_name} om varigheden."
    for key, value, example in (
        ("weeks", a.weeks, '"4-16"'),
        ("sessions", a.sessions, '"10-15"'),
        ("note", note, q("6 gange + ved behov")),
    ):
        comment = hint[f"duration.{key}"]
        if key == "note" and value and value != a.duration_note:
            comment += " Skriv den rigtige varighed, når du kender den."
        if value:
            lines.append((f"    {key}: {q(value)}", comment))
        else:
            lines.append((f"    # {key}: {example}", comment))
    lines += [
        ("  # schedule:", hint["schedule"]),
        ("  #   - days: [tirsdag]", hint["schedule[].days"]),
        ('  #     opens: "10:00"', hint["schedule[].opens"]),
        ('  #     closes: "12:00"', hint["schedule[].closes"]),
        ('  #     note: "Første gang kl. 9:30"', hint["schedule[].note"]),
    ]
    lines.append(
        (f"  group_size: {q(a.group_size)}", hint["group_size"])
        if a.group_size
        else ('  # group_size: "3-6"', hint["group_size"])
    )
    lines.append((f"  access: {a.access}", or_list(ctx.vocabularies["access_levels"])))
    for key, value, example in (
        ("active_from", a.active_from, f"{today.year}-01-01"),
        ("active_to", a.active_to, f"{today.year}-12-31"),
    ):
        lines.append(
            (f"  {key}: {value}", hint[key]) if value else (f"  # {key}: {example}", hint[key])
        )
    lines.append((f"  source: {a.source}", hint["source"]))
    lines.append((f"  reviewed: {today.isoformat()}", hint["reviewed"]))
    return lines


def render_entry(lines: list[tuple[str, str]]) -> str:
    width = max(len(code) for code, comment in lines if comment and len(code) <= 40) + 2
    out = []
    for code, comment in lines:
        if comment:
            out.append(
                f"{code.ljust(width)}# {comment}" if len(code) <= 40 else f"{code}  # {comment}"
            )
        else:
            out.append(code)
    return "\n".join(out) + "\n"


@dataclass
class Result:
    file: Path
    line: int
    notes: list[str]


def add_course(data_dir: Path, a: Answers, today: date, ctx: Context | None = None) -> Result:
    """Check the answers, append the entry, validate; roll back and raise Refused if invalid."""
    ctx = ctx or read_context(data_dir)
    missing = [FLAG[name] for name in REQUIRED if not getattr(a, name)]
    if not a.target_groups:
        missing.append(FLAG["target_groups"])
    if missing:
        raise Refused(
            f"Der mangler oplysninger: {', '.join(missing)}. Skriv dem som flag, eller kør "
            "kommandoen i en terminal, så bliver du spurgt."
        )
    a.source = a.source or ctx.municipality_sources.get(a.municipality or "") or None
    check_answers(ctx, a)
    if not a.source:
        raise Refused("Kommunen har ingen kilde. Angiv kilden med --source.")
    notes = []
    if not a.description:
        notes.append("Beskrivelsen er en standardtekst: skriv 2-4 sætninger i «description».")
    if not (a.weeks or a.sessions or a.duration_note):
        notes.append("Varigheden er ukendt: skriv weeks, sessions eller note under «duration».")

    before = {p for p in errors_only(validate(data_dir, today).problems)}
    path = data_dir / "courses" / f"{a.municipality}.yaml"
    original = path.read_bytes() if path.exists() else None
    entry = render_entry(course_entry(ctx, a, today))
    if original is None:
        prefix = (
            f"# Kurser i {ctx.municipalities[a.municipality]}. Felterne er forklaret i "
            "CONTRIBUTING.md og på siden «For redaktører».\n\n"
        )
    else:
        text = original.decode("utf-8", errors="replace")
        prefix = text + ("" if text.endswith("\n") or not text else "\n") + ("\n" if text else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(prefix + entry, encoding="utf-8")
    line = prefix.count("\n") + 1

    after = errors_only(validate(data_dir, today).problems)
    new = [p for p in after if p not in before]
    if new:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
        raise Refused(
            "Det nye kursus gav fejl, så filen er ikke ændret:\n"
            + format_human(new).rsplit("\n", 1)[0]
        )
    if before:
        notes.append(
            f"Data havde allerede {len(before)} fejl før ændringen (ikke i det nye kursus). "
            "Kør `python scripts/indgang.py validate` for at se dem."
        )
    return Result(path, line, notes)
