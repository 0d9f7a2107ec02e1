"""Flatten editors' YAML files into the Data Package's tables, remembering lines.

Design note: editors write nested, human-shaped YAML (a municipality with its entry points
and their opening hours); Frictionless validates flat tables with keys and foreign keys.
This module is the only place that knows both shapes. Every cell keeps the line it came
from, so a problem found in a table points back at the editor's line. Which keys a record
may have comes from the table's schema (plus the nested lists named here), so a schema
change is a format change and a typo'd key is always reported, never dropped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macros.catalogue.datafiles import check_files, valid_name, yaml_files
from macros.catalogue.yamlload import Map, Seq, Text, line_of, load_file
from macros.domain.danish import WEEKDAYS
from macros.domain.problems import Problem

DAY_GROUPS = {"hverdage": WEEKDAYS[:5], "alle dage": WEEKDAYS, "weekend": WEEKDAYS[5:]}

# Columns filled from the enclosing record or the file name, never written by editors.
AUTO_COLUMNS = {
    "entry_points": {"municipality"},
    "entry_point_paragraphs": {"municipality", "entry_point"},
    "entry_point_closed_days": {"municipality", "entry_point"},
    "hours": {"municipality", "entry_point", "window"},
    "closures": {"municipality", "entry_point"},
    "courses": {"municipality"},
    "course_target_groups": {"municipality", "course"},
    "course_schedule": {"municipality", "course", "window"},
    "paragraph_sources": {"paragraph"},
    "paragraph_summary_sources": {"paragraph"},
    "rule_paragraphs": {"rule"},
    "rule_limits": {"rule"},
    "rule_topics": {"rule"},
}
# YAML key shown to editors for columns that are not written as-is.
YAML_KEY = {
    "weeks_min": "duration.weeks",
    "weeks_max": "duration.weeks",
    "sessions_min": "duration.sessions",
    "sessions_max": "duration.sessions",
    "duration_note": "duration.note",
    "group_size_min": "group_size",
    "group_size_max": "group_size",
    "law_quote": "law_text.quote",
    "law_reference": "law_text.reference",
    "law_source": "law_text.source",
    "day": "days",
    "closed_day": "closed_days",
    "topic": "topics",
    "search_word": "words",
}
VOCABULARIES = ("target_groups", "formats", "access_levels", "channels", "rule_kinds", "topics")
# Lists under a rule in data/rules.yaml -> (link table, column, what the list holds).
RULE_LISTS = {
    "limited_by": ("rule_limits", "limited_by", "regler"),
    "topics": ("rule_topics", "topic", "emner"),
}
ANY = "*"  # in Flattened.unreadable: the whole table is missing
UNREADABLE = object()  # what `Flattener.load` returns for a file already reported unreadable
# The table(s) a whole top-level file fills: unreadable, their references are not checked.
FILE_TABLES = {
    "sources.yaml": ("sources",),
    "vocabularies.yaml": VOCABULARIES,
    "rules.yaml": ("rules",),
    "facts.yaml": ("facts",),
    "style.yaml": ("style",),
    "search_words.yaml": ("search_words",),
    "publisher.yaml": ("publisher",),  # read by macros/publisher.py, not into the package
    "crisis.yaml": ("crisis_lines",),
}
# What a group in data/search_words.yaml belongs to: exactly one of these keys.
SEARCH_WORD_OWNERS = ("target_group", "paragraph", "crisis")
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

    def __init__(self, data_dir: Path, columns: dict[str, list[str]]):
        self.data_dir = data_dir
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
        auto = AUTO_COLUMNS.get(table, set())
        return {c for c in self.columns[table] if c not in auto and c not in YAML_KEY}

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

    # -- files -----------------------------------------------------------------------------
    def read_sources(self) -> None:
        self.read_list_file(self.data_dir / "sources.yaml", "sources", "kilde")

    def read_list_file(
        self,
        path: Path,
        table: str,
        what: str,
        plural: str = "",
        article: str = "en",
        *,
        optional: bool = False,
    ) -> None:
        file = self.rel(path)
        plural = plural or what + "r"
        if not path.exists() and optional:
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
            allowed = self.editable_keys("paragraphs") | {"law_text", "sources", "summary_sources"}
            self.check_keys(record, allowed, file, "paragraffen")
            row = Row(file, record.line)
            self.scalars(row, record, "paragraphs")
            self.check_file_id(record, path, file)
            if "law_text" in record:
                law = self.expect_map(
                    record["law_text"], file, record.key_lines["law_text"], "law_text"
                )
                if law is not None:
                    self.check_keys(law, {"quote", "reference", "source"}, file, "law_text")
                    for key in ("quote", "reference", "source"):
                        self.scalar(row, law, key, f"law_{key}")
                    for key in ("quote", "reference", "source"):
                        if key not in law:
                            self.error(file, law.line, f"law_text mangler feltet «{key}».")
            self.add("paragraphs", row)
            pid = record.get("id")
            for source in self.list_field(record, "sources", file, "kilder"):
                link = Row(file, source.line)
                link.set("paragraph", pid, source.line)
                link.set("source", source)
                self.add("paragraph_sources", link)
            for source in self.list_field(record, "summary_sources", file, "kilder"):
                link = Row(file, source.line)
                link.set("paragraph", pid, source.line)
                link.set("source", source)
                self.add("paragraph_summary_sources", link)
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
            self.check_keys(
                record, self.editable_keys("rules") | {"paragraphs", *RULE_LISTS}, file, "reglen"
            )
            row = Row(file, record.line)
            self.scalars(row, record, "rules")
            self.add("rules", row)
            paragraphs = self.list_field(record, "paragraphs", file, "paragraffer")
            if not paragraphs:
                self.error(
                    file,
                    record.line,
                    "Feltet «paragraphs» mangler: hvilke paragraffer handler reglen om?",
                )
            for paragraph in paragraphs:
                link = Row(file, paragraph.line, parent_line=record.line)
                link.set("rule", record.get("id"), paragraph.line)
                link.set("paragraph", paragraph)
                self.add("rule_paragraphs", link)
            for key, (table, column, what) in RULE_LISTS.items():
                for value in self.list_field(record, key, file, what):
                    link = Row(file, value.line, parent_line=record.line)
                    link.set("rule", record.get("id"), value.line)
                    link.set(column, value)
                    self.add(table, link)

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
            allowed = set(SEARCH_WORD_OWNERS) | {"words"}
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
            allowed = self.editable_keys("municipalities") | {"entry_points"}
            self.check_keys(record, allowed, file, "kommunen")
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
        allowed = self.editable_keys("entry_points") | {
            "paragraphs",
            "hours",
            "closed",
            "closed_days",
        }
        self.check_keys(entry, allowed, file, "indgangen")
        row = Row(file, entry.line, parent_line=mid_line)
        row.set("municipality", mid, entry.line)
        self.scalars(row, entry, "entry_points")
        self.add("entry_points", row)
        eid = entry.get("id")
        for paragraph in self.list_field(entry, "paragraphs", file, "paragraffer"):
            link = Row(file, paragraph.line, parent_line=entry.line)
            link.set("municipality", mid, paragraph.line)
            link.set("entry_point", eid, paragraph.line)
            link.set("paragraph", paragraph)
            self.add("entry_point_paragraphs", link)
        for day in self.list_field(entry, "closed_days", file, "lukkedage"):
            link = Row(file, day.line, parent_line=entry.line)
            link.set("municipality", mid, day.line)
            link.set("entry_point", eid, day.line)
            link.set("closed_day", day)
            self.add("entry_point_closed_days", link)
        parent = {"municipality": mid, "entry_point": eid}
        self.read_windows(entry, "hours", "hours", parent, file, with_channel=True)
        if "closed" in entry:
            items = self.expect_list(
                entry["closed"], file, entry.key_lines["closed"], "lukkeperioder"
            )
            for item in items or []:
                closure = self.expect_map(item, file, line_of(item), "en lukkeperiode")
                if closure is None:
                    continue
                self.check_keys(closure, self.editable_keys("closures"), file, "lukkeperioden")
                crow = Row(file, closure.line, parent_line=entry.line)
                for key, value in parent.items():
                    crow.set(key, value, closure.line)
                self.scalars(crow, closure, "closures")
                self.add("closures", crow)

    def read_windows(
        self, record: Map, key: str, table: str, parent: dict, file: str, *, with_channel: bool
    ) -> None:
        """Opening hours or a course schedule: one row per day of each window."""
        if key not in record:
            return
        items = self.expect_list(record[key], file, record.key_lines[key], "tidsrum")
        for number, item in enumerate(items or [], start=1):
            window = self.expect_map(item, file, line_of(item), "et tidsrum")
            if window is None:
                continue
            allowed = self.editable_keys(table) | {"days"}
            self.check_keys(window, allowed, file, "tidsrummet")
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
        for path in yaml_files(self.data_dir / "courses"):
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
                continue
            items = self.expect_list(value, file, 1, "kurser")
            for item in items or []:
                course = self.expect_map(item, file, line_of(item), "et kursus")
                if course is not None:
                    self.read_course(course, mid, file)

    def read_course(self, course: Map, mid: str, file: str) -> None:
        allowed = self.editable_keys("courses") | {
            "duration",
            "group_size",
            "target_groups",
            "schedule",
        }
        self.check_keys(course, allowed, file, "kurset")
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
        groups = self.list_field(course, "target_groups", file, "målgrupper")
        if not groups and "target_groups" not in course:
            self.error(file, course.line, "Feltet «target_groups» mangler: hvem er kurset for?")
        for group in groups:
            link = Row(file, group.line, parent_line=course.line)
            link.set("municipality", mid, group.line)
            link.set("course", cid, group.line)
            link.set("target_group", group)
            self.add("course_target_groups", link)
        parent = {"municipality": mid, "course": cid}
        self.read_windows(course, "schedule", "course_schedule", parent, file, with_channel=False)

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
        self.check_keys(duration, {"weeks", "sessions", "note"}, file, "duration")
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
        self.read_sources()
        self.read_vocabularies()
        self.read_paragraphs()
        self.read_rules()
        self.read_municipalities()
        municipality_ids = {
            str(r.values.get("id")) for r in self.tables["municipalities"] if r.values.get("id")
        }
        self.read_courses(municipality_ids)
        self.read_list_file(
            self.data_dir / "facts.yaml", "facts", "oplysning", "oplysninger fra kilderne"
        )
        self.read_list_file(
            self.data_dir / "style.yaml", "style", "ord", "ord til sprogtjekket", "et"
        )
        self.read_search_words()
        # Optional: without it the crisis outcome shows the guide's own urgent_phone.
        self.read_list_file(
            self.data_dir / "crisis.yaml",
            "crisis_lines",
            "krisenummer",
            "krisenumre",
            "et",
            optional=True,
        )
        return Flattened(self.tables, self.problems, self.unreadable)


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
