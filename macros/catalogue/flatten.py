"""Flatten editors' YAML files into the Data Package's tables, remembering lines.

Design note: editors write nested, human-shaped YAML (a municipality with its entry points
and their opening hours); Frictionless validates flat tables with keys and foreign keys.
This module reads both shapes; where each table stands in the YAML is declared once in
`macros/catalogue/layout.py`. Every cell keeps the line it came from, so a problem found in
a table points back at the editor's line. Which keys a record may have comes from the
table's schema plus the groups and lists the layout puts in it, so a schema change is a
format change and a typo'd key is always reported, never dropped. What stays here is what
a layout cannot say: ranges ("4-16"), day groups (hverdage), required lists and their
messages, and the order files are read in (courses after the municipalities they name).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue import layout
from macros.catalogue.datafiles import check_files, valid_name, yaml_files
from macros.catalogue.forked import Forked
from macros.catalogue.yamlload import Map, Seq, Text, line_of, load_file
from macros.domain.danish import WEEKDAYS
from macros.domain.problems import Problem

DAY_GROUPS = {"hverdage": WEEKDAYS[:5], "alle dage": WEEKDAYS, "weekend": WEEKDAYS[5:]}

# Derived from the layout (macros/catalogue/layout.py), for the readers below and their users.
AUTO_COLUMNS = layout.auto_columns()  # filled from the enclosing record or the file name
YAML_KEY = layout.column_keys()  # the YAML key of a column not written as-is
VOCABULARIES = layout.top_files()["vocabularies.yaml"]
FILE_TABLES = layout.top_files()  # unreadable: their references are not checked
TABLES = layout.tables()
ANY = "*"  # in Flattened.unreadable: the whole table is missing
UNREADABLE = object()  # what `Flattener.load` returns for a file already reported unreadable
# What a group in data/search_words.yaml belongs to: exactly one of these keys.
SEARCH_WORD_OWNERS = TABLES["search_words"].one_of
RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")


@dataclass
class Row:
    """One table row: cell texts, and the file and line of each cell."""

    file: str
    line: int
    values: dict[str, str | None] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    parent_line: int | None = None  # for rows of a nested list: the line of its owner

    def set(self, column: str, value: object, line: int | None = None) -> None:
        self.values[column] = None if value is None else str(value)
        self.lines[column] = line if line is not None else line_of(value, self.line)

    def line_for(self, column: str | None) -> int:
        if column is None:
            return self.line
        return self.lines.get(column, self.line)


@dataclass
class Flattened:
    tables: dict[str, list[Row]]
    problems: list[Problem]
    unreadable: dict[str, set[str]]  # table -> ids whose file could not be read as a record


def suggest(word: str, options: Iterable[str]) -> str:
    """' Mente du «x»?' when a close option exists (ignoring case), else ''."""
    by_folded = {str(o).casefold(): str(o) for o in options}
    match = difflib.get_close_matches(str(word).casefold(), list(by_folded), n=1, cutoff=0.6)
    return f" Mente du «{by_folded[match[0]]}»?" if match else ""


class Flattener:
    """Reads every data file and fills the tables; collects all problems."""

    def __init__(self, data_dir: Path, columns: dict[str, list[str]], *, fork: bool = False):
        self.data_dir = data_dir
        self.fork = fork  # part of the course files in a second process: read_courses
        self.columns = columns  # table -> schema field names, in order
        self.tables: dict[str, list[Row]] = {name: [] for name in columns}
        self.problems: list[Problem] = []
        self.unreadable: dict[str, set[str]] = {"municipalities": set(), "paragraphs": set()}
        self.misnamed: set[str] = set()  # data files (relative to data/) found under another name

    # -- helpers ---------------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return path.relative_to(self.data_dir.parent).as_posix()

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def load(self, path: Path) -> object:
        """The file's value, or UNREADABLE when it could not be read (already reported; a
        second message such as "there is nothing here" would only repeat the cause)."""
        value, problems = load_file(path, self.rel(path))
        self.problems.extend(problems)
        if value is None and any(p.severity == "fejl" for p in problems):
            return UNREADABLE
        return value

    def mark_unreadable(self, rel: str) -> None:
        """A data file (path relative to data/) that is missing or could not be read: the
        references into it are not reported again."""
        folder, _, name = rel.rpartition("/")
        if not folder:
            for table in FILE_TABLES.get(name, ()):
                self.unreadable[table] = {ANY}
        elif folder in self.unreadable:
            self.unreadable[folder].add(name.removesuffix(".yaml"))

    def check_files(self) -> None:
        """Every file under data/ that the readers below would not take is reported."""
        for unread in check_files(self.data_dir):
            self.problems.append(unread.problem)
            if unread.meant is not None and not (self.data_dir / unread.meant).exists():
                self.misnamed.add(unread.meant)
                self.mark_unreadable(unread.meant)

    def editable_keys(self, table: str) -> set[str]:
        """The table's columns that an editor writes as they are, under their own name."""
        spec = TABLES.get(table) or layout.Table(table)
        renamed = spec.yaml_keys()
        return {c for c in self.columns[table] if c not in spec.auto and c not in renamed}

    def allowed_keys(self, table: str) -> set[str]:
        """Every key a record of the table may have: its own columns, and the groups, lists
        and nested records the layout puts in it."""
        return self.editable_keys(table) | layout.record_keys(TABLES[table])

    def check_keys(self, record: Map, allowed: set[str], file: str, what: str) -> None:
        for key, line in record.key_lines.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error(
                    file,
                    line,
                    f"Ukendt felt «{key}» i {what}.{suggest(key, allowed)} Kendte felter: {known}.",
                )

    def expect_map(self, value: object, file: str, line: int, what: str) -> Map | None:
        if isinstance(value, Map):
            return value
        got = describe(value)
        self.error(
            file,
            line_of(value, line),
            f"Her skal stå {what} med felter (navn: værdi), men der står {got}.",
        )
        return None

    def expect_list(self, value: object, file: str, line: int, what: str) -> Seq | None:
        if isinstance(value, Seq):
            return value
        if isinstance(value, Text):  # a single value where a list is expected: accept it
            seq = Seq([value])
            seq.line = value.line
            seq.item_lines = [value.line]
            return seq
        if value is None:
            return None
        self.error(
            file,
            line_of(value, line),
            f"Her skal stå en liste over {what} (linjer, der begynder med '- '), "
            f"men der står {describe(value)}.",
        )
        return None

    def scalar(self, row: Row, record: Map, key: str, column: str | None = None) -> None:
        """Copy one scalar field into the row; a list or mapping there is an error."""
        column = column or key
        if key not in record:
            return
        value = record[key]
        line = record.key_lines[key]
        if isinstance(value, (Map, Seq)):
            self.error(
                row.file,
                line,
                f"Feltet «{key}» skal have én værdi, men der står {describe(value)}. "
                "Sæt teksten i anførselstegn, hvis den indeholder kolon eller bindestreg.",
            )
            return
        row.set(column, value, line)

    def scalars(self, row: Row, record: Map, table: str) -> None:
        for key in self.editable_keys(table):
            self.scalar(row, record, key)

    def add(self, table: str, row: Row) -> None:
        self.tables[table].append(row)

    def read_values(
        self, owner: str, record: Map, file: str, context: dict, parent_line: int | None
    ) -> dict[str, list[Text]]:
        """The lists of values in a record (`closed_days: [juleaftensdag]`): one row per value
        in each link table the layout puts in `owner`'s records; the values by list key."""
        found = {}
        for link in layout.links(TABLES[owner]):
            assert link.values is not None
            values = found[link.values.key] = self.list_field(
                record, link.values.key, file, link.values.what
            )
            for value in values:
                row = Row(file, value.line, parent_line=parent_line)
                for column in link.auto:
                    row.set(column, context[column], value.line)
                row.set(link.values.column, value)
                self.add(link.name, row)
        return found

    # -- files -----------------------------------------------------------------------------
    def read_list_file(self, data_file: layout.DataFile) -> None:
        """A file that is a list of records of one table (data/sources.yaml …)."""
        assert data_file.record is not None
        path = self.data_dir / data_file.name
        (table,) = (t.name for t in data_file.tables)
        article, what, plural = (
            data_file.record.article,
            data_file.record.singular,
            data_file.record.plural,
        )
        file = self.rel(path)
        if not path.exists() and data_file.optional:
            return
        if not path.exists():
            if path.name not in self.misnamed:
                self.error(file, 1, f"Filen mangler. Den skal indeholde listen over {plural}.")
            self.unreadable[table] = {ANY}
            return
        value = self.load(path)
        if value is UNREADABLE:
            self.unreadable[table] = {ANY}
            return
        items = self.expect_list(value, file, 1, plural)
        if items is None:
            self.unreadable[table] = {ANY}
        for item in items or []:
            record = self.expect_map(item, file, line_of(item), f"{article} {what}")
            if record is None:
                continue
            self.check_keys(record, self.editable_keys(table), file, f"{article} {what}")
            row = Row(file, record.line)
            self.scalars(row, record, table)
            self.add(table, row)

    def read_vocabularies(self) -> None:
        path = self.data_dir / "vocabularies.yaml"
        file = self.rel(path)
        if not path.exists():
            if path.name not in self.misnamed:
                self.error(file, 1, "Filen med ordlister mangler.")
            self.unreadable.update({name: {ANY} for name in VOCABULARIES})
            return
        value = self.load(path)
        top = None if value is UNREADABLE else self.expect_map(value, file, 1, "ordlisterne")
        if top is None:
            self.unreadable.update({name: {ANY} for name in VOCABULARIES})
            return
        self.check_keys(top, set(VOCABULARIES), file, "ordlisterne")
        for name in VOCABULARIES:
            if name not in top:
                self.error(file, top.line, f"Ordlisten «{name}» mangler.")
                continue
            items = self.expect_list(top[name], file, top.key_lines[name], "ord")
            if items is None:
                self.unreadable[name] = {ANY}
            for item in items or []:
                record = self.expect_map(item, file, line_of(item), "et ord")
                if record is None:
                    continue
                self.check_keys(record, self.editable_keys(name), file, f"ordlisten {name}")
                row = Row(file, record.line)
                self.scalars(row, record, name)
                self.add(name, row)

    def read_paragraphs(self) -> None:
        for path in yaml_files(self.data_dir / "paragraphs"):
            file = self.rel(path)
            value = self.load(path)
            record = None if value is UNREADABLE else self.expect_map(value, file, 1, "en paragraf")
            if record is None:
                self.unreadable["paragraphs"].add(path.stem)
                continue
            self.check_keys(record, self.allowed_keys("paragraphs"), file, "paragraffen")
            row = Row(file, record.line)
            self.scalars(row, record, "paragraphs")
            self.check_file_id(record, path, file)
            if "law_text" in record:
                law = self.expect_map(
                    record["law_text"], file, record.key_lines["law_text"], "law_text"
                )
                if law is not None:
                    fields = [
                        (key.split(".", 1)[1], column)
                        for column, key in TABLES["paragraphs"].keys.items()
                        if key.startswith("law_text.")
                    ]
                    self.check_keys(law, {key for key, _ in fields}, file, "law_text")
                    for key, column in fields:
                        self.scalar(row, law, key, column)
                    for key, _ in fields:
                        if key not in law:
                            self.error(file, law.line, f"law_text mangler feltet «{key}».")
            self.add("paragraphs", row)
            self.read_values("paragraphs", record, file, {"paragraph": record.get("id")}, None)
            if "sources" not in record:
                self.error(file, record.line, "Feltet «sources» mangler: angiv mindst én kilde.")

    def list_field(self, record: Map, key: str, file: str, what: str) -> list[Text]:
        if key not in record:
            return []
        items = self.expect_list(record[key], file, record.key_lines[key], what)
        out = []
        for item in items or []:
            if isinstance(item, Text):
                out.append(item)
            else:
                self.error(
                    file,
                    line_of(item, record.key_lines[key]),
                    f"Hvert punkt i «{key}» skal være én værdi, ikke {describe(item)}.",
                )
        return out

    def check_file_id(self, record: Map, path: Path, file: str) -> None:
        rid = record.get("id")
        if isinstance(rid, Text) and rid != path.stem:
            # Only valid names are suggested: never «../ikast-brande.yaml».
            options = [f"omdøb filen til «{rid}.yaml»"] if valid_name(f"{rid}.yaml") else []
            if valid_name(path.name):
                options.append(f"ret id'et til «{path.stem}»")
            advice = " eller ".join(options) or "giv fil og id samme navn med små bogstaver"
            folder = path.parent.name
            if not valid_name(f"{rid}.yaml") and folder in self.unreadable:
                # The only fix is the id, so references by the file name are follow-ons.
                self.unreadable[folder].add(path.stem)
            self.error(
                file,
                rid.line,
                f"Id'et «{rid}» passer ikke med filnavnet «{path.name}». "
                f"{advice[0].upper()}{advice[1:]}.",
            )

    def read_rules(self) -> None:
        path = self.data_dir / "rules.yaml"
        file = self.rel(path)
        if not path.exists():
            if path.name not in self.misnamed:
                self.error(file, 1, "Filen med snitfladeregler mangler.")
            self.unreadable["rules"] = {ANY}
            return
        value = self.load(path)
        if value is UNREADABLE:
            self.unreadable["rules"] = {ANY}
            return
        items = self.expect_list(value, file, 1, "regler")
        if items is None:
            self.unreadable["rules"] = {ANY}
        for item in items or []:
            record = self.expect_map(item, file, line_of(item), "en regel")
            if record is None:
                continue
            self.check_keys(record, self.allowed_keys("rules"), file, "reglen")
            row = Row(file, record.line)
            self.scalars(row, record, "rules")
            self.add("rules", row)
            context = {"rule": record.get("id")}
            values = self.read_values("rules", record, file, context, record.line)
            if not values["paragraphs"]:
                self.error(
                    file,
                    record.line,
                    "Feltet «paragraphs» mangler: hvilke paragraffer handler reglen om?",
                )

    def read_search_words(self) -> None:
        """data/search_words.yaml: groups of words, each for one target group, one provision or
        the crisis help; one row per word. The file is optional: without it search works as
        Material's alone (a misnamed file is still reported by `check_files`)."""
        path = self.data_dir / "search_words.yaml"
        file = self.rel(path)
        if not path.exists():
            return
        value = self.load(path)
        items = None if value is UNREADABLE else self.expect_list(value, file, 1, "søgeord")
        if items is None:
            self.unreadable["search_words"] = {ANY}
            return
        owners = ", ".join(SEARCH_WORD_OWNERS)
        for item in items:
            group = self.expect_map(item, file, line_of(item), "en gruppe søgeord")
            if group is None:
                continue
            allowed = self.allowed_keys("search_words")
            self.check_keys(group, allowed, file, "gruppen af søgeord")
            given = [k for k in SEARCH_WORD_OWNERS if k in group]
            if len(given) != 1:
                what = "ingen af dem" if not given else " og ".join(f"«{k}»" for k in given)
                self.error(
                    file,
                    group.line,
                    f"En gruppe søgeord skal have netop ét af felterne {owners}, men har {what}. "
                    "Skriv fx target_group: psykisk-saarbarhed eller paragraph: 85 over words.",
                )
                continue
            if "words" not in group:
                if set(group) - allowed:  # a key written wrongly (word:) is reported above
                    continue
                self.error(
                    file,
                    group.line,
                    "Feltet «words» mangler: skriv søgeordene, fx words: [angst, depression].",
                )
                continue
            words = self.list_field(group, "words", file, "søgeord")
            if not words and not isinstance(group["words"], Seq):
                self.error(file, group.key_lines["words"], "Feltet «words» er tomt.")
            for word in words:
                row = Row(file, word.line, parent_line=group.line)
                self.scalar(row, group, given[0])
                row.set("search_word", word)
                self.add("search_words", row)

    def read_municipalities(self) -> None:
        for path in yaml_files(self.data_dir / "municipalities"):
            file = self.rel(path)
            value = self.load(path)
            record = None if value is UNREADABLE else self.expect_map(value, file, 1, "en kommune")
            if record is None:
                self.unreadable["municipalities"].add(path.stem)
                continue
            self.check_keys(record, self.allowed_keys("municipalities"), file, "kommunen")
            self.check_file_id(record, path, file)
            row = Row(file, record.line)
            self.scalars(row, record, "municipalities")
            self.add("municipalities", row)
            mid = record.get("id")
            if "entry_points" not in record:
                self.error(
                    file,
                    record.line,
                    "Feltet «entry_points» mangler: en kommune skal have mindst én indgang.",
                )
                continue
            items = self.expect_list(
                record["entry_points"], file, record.key_lines["entry_points"], "indgange"
            )
            for item in items or []:
                entry = self.expect_map(item, file, line_of(item), "en indgang")
                if entry is not None:
                    self.read_entry_point(entry, mid, file, record.line)

    def read_entry_point(self, entry: Map, mid: object, file: str, mid_line: int = 1) -> None:
        self.check_keys(entry, self.allowed_keys("entry_points"), file, "indgangen")
        row = Row(file, entry.line, parent_line=mid_line)
        row.set("municipality", mid, entry.line)
        self.scalars(row, entry, "entry_points")
        self.add("entry_points", row)
        parent = {"municipality": mid, "entry_point": entry.get("id")}
        self.read_values("entry_points", entry, file, parent, entry.line)
        self.read_windows(entry, "hours", "hours", parent, file)
        if "closed" in entry:
            items = self.expect_list(
                entry["closed"], file, entry.key_lines["closed"], "lukkeperioder"
            )
            for item in items or []:
                closure = self.expect_map(item, file, line_of(item), "en lukkeperiode")
                if closure is None:
                    continue
                self.check_keys(closure, self.allowed_keys("closures"), file, "lukkeperioden")
                crow = Row(file, closure.line, parent_line=entry.line)
                for key, value in parent.items():
                    crow.set(key, value, closure.line)
                self.scalars(crow, closure, "closures")
                self.add("closures", crow)

    def read_windows(self, record: Map, key: str, table: str, parent: dict, file: str) -> None:
        """Opening hours or a course schedule: one row per day of each window."""
        if key not in record:
            return
        items = self.expect_list(record[key], file, record.key_lines[key], "tidsrum")
        for number, item in enumerate(items or [], start=1):
            window = self.expect_map(item, file, line_of(item), "et tidsrum")
            if window is None:
                continue
            self.check_keys(window, self.allowed_keys(table), file, "tidsrummet")
            if "days" not in window:
                self.error(
                    file, window.line, "Feltet «days» mangler: skriv ugedagene, fx days: [tirsdag]."
                )
                continue
            has_open, has_close = "opens" in window, "closes" in window
            if has_open != has_close:
                missing = "closes" if has_open else "opens"
                self.error(
                    file,
                    window.line,
                    f"Feltet «{missing}» mangler. Skriv både opens og closes, eller ingen af dem "
                    "(hvis tiderne ikke er kendt).",
                )
            days = window["days"]
            if days is None or (isinstance(days, Seq) and not days):
                self.error(
                    file,
                    window.key_lines["days"],
                    "Feltet «days» er tomt, så tidsrummet ville forsvinde fra siden. Skriv "
                    "mindst én ugedag, fx days: [tirsdag], eller slet hele tidsrummet.",
                )
                continue
            for day_text in self.list_field(window, "days", file, "ugedage"):
                for day in expand_day(day_text):
                    drow = Row(file, day_text.line, parent_line=record.line)
                    for pkey, value in parent.items():
                        drow.set(pkey, value, window.line)
                    drow.set("window", number, window.line)
                    drow.set("day", day, day_text.line)
                    self.scalars(drow, window, table)
                    self.add(table, drow)

    def read_courses(self, municipality_ids: set[str]) -> None:
        """The course files, in two parts of about equal size; with `fork`, a child process
        reads the second part meanwhile (`forked.py`: reading YAML is most of a validation's
        first half). Each part's rows and problems are added in file order, so the tables
        come out as from one reader."""
        paths = yaml_files(self.data_dir / "courses")
        split = _halfway(paths)
        with Forked(lambda: self._part(paths[split:], municipality_ids), fork=self.fork) as other:
            self._add(self._part(paths[:split], municipality_ids))
            self._add(other.result())

    def _part(self, paths: list[Path], municipality_ids: set[str]) -> _Part:
        """What reading `paths` adds: a reader of its own, which shares only what it reads."""
        part = Flattener(self.data_dir, self.columns)
        part.unreadable = self.unreadable
        for path in paths:
            part.read_course_file(path, municipality_ids)
        return part.tables, part.problems

    def _add(self, part: _Part) -> None:
        tables, problems = part
        for name, rows in tables.items():
            self.tables[name].extend(rows)
        self.problems.extend(problems)

    def read_course_file(self, path: Path, municipality_ids: set[str]) -> None:
        file = self.rel(path)
        mid = path.stem
        if mid not in municipality_ids and mid not in self.unreadable["municipalities"]:
            valid_ids = [m for m in municipality_ids if valid_name(f"{m}.yaml")]
            self.error(
                file,
                1,
                f"Der findes ingen kommune med id «{mid}» (filnavnet).{suggest(mid, valid_ids)} "
                "Kursusfilen skal hedde det samme som kommunens fil i data/municipalities/.",
            )
        value = self.load(path)
        if value is UNREADABLE:
            return
        items = self.expect_list(value, file, 1, "kurser")
        for item in items or []:
            course = self.expect_map(item, file, line_of(item), "et kursus")
            if course is not None:
                self.read_course(course, mid, file)

    def read_course(self, course: Map, mid: str, file: str) -> None:
        self.check_keys(course, self.allowed_keys("courses"), file, "kurset")
        row = Row(file, course.line)
        row.set("municipality", mid, course.line)
        self.scalars(row, course, "courses")
        cid = course.get("id")
        if "duration" not in course:
            self.error(
                file,
                course.line,
                "Feltet «duration» mangler. Skriv weeks, sessions eller note, "
                'fx duration: {note: "Varighed aftales ved samtalen"}.',
            )
        else:
            self.read_duration(course, row, file)
        if "group_size" in course:
            self.read_range(course, "group_size", row, "group_size", file)
        self.add("courses", row)
        parent = {"municipality": mid, "course": cid}
        groups = self.read_values("courses", course, file, parent, course.line)["target_groups"]
        if not groups and "target_groups" not in course:
            self.error(file, course.line, "Feltet «target_groups» mangler: hvem er kurset for?")
        self.read_windows(course, "schedule", "course_schedule", parent, file)

    def read_duration(self, course: Map, row: Row, file: str) -> None:
        duration = course["duration"]
        line = course.key_lines["duration"]
        if isinstance(duration, Text):
            self.error(
                file,
                line,
                "Skriv varigheden med underfelter, fx duration: {weeks: 12} eller "
                'duration: {note: "Løbende"}.',
            )
            return
        duration = self.expect_map(duration, file, line, "varigheden")
        if duration is None:
            return
        self.check_keys(
            duration, layout.group_keys(TABLES["courses"], "duration"), file, "duration"
        )
        if not any(
            k in duration and duration[k] is not None for k in ("weeks", "sessions", "note")
        ):
            self.error(
                file, duration.line, "duration skal have mindst ét af weeks, sessions og note."
            )
        for key in ("weeks", "sessions"):
            if key in duration:
                self.read_range(duration, key, row, key, file, label=f"duration.{key}")
        self.scalar(row, duration, "note", "duration_note")

    def read_range(
        self, record: Map, key: str, row: Row, prefix: str, file: str, label: str = ""
    ) -> None:
        value = record[key]
        line = record.key_lines[key]
        label = label or key
        if value is None:
            return
        match = RANGE_RE.match(value) if isinstance(value, Text) else None
        if not match:
            self.error(
                file,
                line,
                f"«{label}» skal være et helt tal (fx 12) eller et spænd i anførselstegn "
                f'(fx "4-16"), men der står {describe(value)}.',
            )
            return
        low, high = int(match[1]), int(match[2] or match[1])
        if low > high:
            self.error(
                file,
                line,
                f"I spændet «{value}» er det første tal større end det sidste. "
                f'Skriv fx "{high}-{low}".',
            )
            return
        row.set(f"{prefix}_min", low, line)
        row.set(f"{prefix}_max", high, line)

    def run(self) -> Flattened:
        self.check_files()
        self.read_list_file(layout.data_file("sources.yaml"))
        self.read_vocabularies()
        self.read_paragraphs()
        self.read_rules()
        self.read_municipalities()
        municipality_ids = {
            str(r.values.get("id")) for r in self.tables["municipalities"] if r.values.get("id")
        }
        self.read_courses(municipality_ids)
        self.read_list_file(layout.data_file("facts.yaml"))
        self.read_list_file(layout.data_file("style.yaml"))
        self.read_search_words()
        self.read_list_file(layout.data_file("crisis.yaml"))
        return Flattened(self.tables, self.problems, self.unreadable)


_Part = tuple[dict[str, list[Row]], list[Problem]]  # what a reader of some files adds


def _halfway(paths: list[Path]) -> int:
    """Where the first half of the files' bytes ends."""
    sizes = [p.stat().st_size for p in paths]
    total, seen = sum(sizes), 0
    for i, size in enumerate(sizes):
        if seen * 2 >= total:
            return i
        seen += size
    return len(paths)


def expand_day(day: Text) -> list[str]:
    """'hverdage' → mandag..fredag; anything else stays (the schema's enum checks it)."""
    group = DAY_GROUPS.get(day.strip().lower())
    return list(group) if group else [str(day)]


def describe(value: object) -> str:
    if value is None:
        return "ingenting"
    if isinstance(value, Map):
        return "en gruppe af felter"
    if isinstance(value, Seq):
        return "en liste"
    return f"«{value}»"
