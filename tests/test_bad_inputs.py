"""The editors' mistakes corpus: every bad input gives FILE:LINE and a Danish message.

Each case changes a minimal valid catalogue (tests/fixtures/minimal) and lists every
problem it must produce: (file, line, a fragment of the message). Cases assert the exact
set of error locations, so a check that stops firing — or starts firing twice — fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from macros.catalogue.validate import validate
from macros.domain.problems import errors_only

FIX = Path(__file__).parent / "fixtures" / "minimal"
MUNI = (FIX / "municipalities" / "testby.yaml").read_text(encoding="utf-8")
COURSES = "courses/testby.yaml"
MUNICIPALITY = "municipalities/testby.yaml"
TODAY = date(2026, 11, 22)

COURSE = """\
- id: kursus
  title: Kursus
  paragraph: 82a
  format: gruppe
  entry_point: indgangen
  target_groups: [adhd]
  description: Et kursus.
  duration:
    weeks: 12
  access: uvisiteret
  source: kilde-a
  reviewed: 2026-11-01
"""


def edit(text: str, changes: dict[int, str], append: str = "") -> str:
    """Replace whole lines (1-based) and optionally append lines."""
    lines = text.splitlines()
    for number, new in changes.items():
        lines[number - 1] = new
    return "\n".join(lines) + "\n" + append


def course(changes: dict[int, str] | None = None, append: str = "") -> str:
    return edit(COURSE, changes or {}, append)


def muni(changes: dict[int, str] | None = None, append: str = "") -> str:
    return edit(MUNI, changes or {}, append)


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes | None]
    expected: list[tuple[str, int, str]]
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


CASES = [
    Case(
        "duplicate key",
        {COURSES: course(append="  title: Igen\n")},
        [(COURSES, 13, "«title» står to gange i samme post (første gang i linje 2)")],
    ),
    Case(
        "invalid clock time",
        {MUNICIPALITY: muni({16: '        closes: "25:00"'})},
        [(MUNICIPALITY, 16, "«25:00» i «closes» er ikke et gyldigt klokkeslæt")],
    ),
    Case(
        "closes before opens",
        {MUNICIPALITY: muni({16: '        closes: "08:00"'})},
        [(MUNICIPALITY, 16, "closes (08:00) skal være senere end opens (09:00)")],
    ),
    Case(
        "only opens given",
        {MUNICIPALITY: muni({16: "        note: uden slut"})},
        [(MUNICIPALITY, 13, "Feltet «closes» mangler")],
    ),
    Case(
        "misspelt weekday",
        {MUNICIPALITY: muni({14: "        days: [tirsdg]"})},
        [(MUNICIPALITY, 14, "«tirsdg» er ikke en gyldig værdi i «days». Mente du «tirsdag»?")],
    ),
    Case(
        "capitalised weekday",
        {MUNICIPALITY: muni({14: "        days: [Tirsdag]"})},
        [(MUNICIPALITY, 14, "Mente du «tirsdag»?")],
    ),
    Case(
        "unknown key in a course",
        {COURSES: course({2: "  titel: Kursus"})},
        [
            (COURSES, 1, "Feltet «title» mangler"),
            (COURSES, 2, "Ukendt felt «titel» i kurset. Mente du «title»?"),
        ],
    ),
    Case(
        "unknown key in an entry point",
        {MUNICIPALITY: muni({9: "    adress: Testvej 1"})},
        [(MUNICIPALITY, 9, "Ukendt felt «adress» i indgangen. Mente du «address»?")],
    ),
    Case(
        "unknown key in opening hours",
        {MUNICIPALITY: muni({16: '        close: "11:00"'})},
        [
            (MUNICIPALITY, 13, "Feltet «closes» mangler"),
            (MUNICIPALITY, 16, "Ukendt felt «close» i tidsrummet. Mente du «closes»?"),
        ],
    ),
    Case(
        "entry point that does not exist",
        {COURSES: course({5: "  entry_point: indgangn"})},
        [
            (
                COURSES,
                5,
                "«indgangn» i «entry_point» findes ikke blandt kommunens indgange (entry_points) i kommunen «testby». Mente du «indgangen»?",
            )
        ],
    ),
    Case(
        "paragraph that does not exist",
        {COURSES: course({3: "  paragraph: 82e"})},
        [
            (
                COURSES,
                3,
                "«82e» er ikke en gyldig værdi i «paragraph». Mente du «82d»? Mulige værdier: 82a, 82b, 82c, 82d, 85.",
            )
        ],
    ),
    Case(
        "paragraph written with the section sign",
        {COURSES: course({3: '  paragraph: "§ 85"'})},
        [(COURSES, 3, "«§ 85» er ikke en gyldig værdi i «paragraph».")],
    ),
    Case(
        "unknown target group",
        {COURSES: course({6: "  target_groups: [adhd, angst]"})},
        [
            (
                COURSES,
                6,
                "«angst» i «target_groups» findes ikke blandt målgrupperne (data/vocabularies.yaml).",
            )
        ],
    ),
    Case(
        "unknown source",
        {COURSES: course({11: "  source: kilde-b"})},
        [
            (
                COURSES,
                11,
                "«kilde-b» i «source» findes ikke blandt kilderne (data/sources.yaml). Mente du «kilde-a»?",
            )
        ],
    ),
    Case(
        "impossible date",
        {COURSES: course({12: "  reviewed: 2026-02-30"})},
        [(COURSES, 12, "«2026-02-30» i «reviewed» er ikke en gyldig dato. Skriv ÅÅÅÅ-MM-DD")],
    ),
    Case(
        "Danish date order",
        {COURSES: course({12: "  reviewed: 22-11-2026"})},
        [(COURSES, 12, "«22-11-2026» i «reviewed» er ikke en gyldig dato")],
    ),
    Case(
        "active_to before active_from",
        {COURSES: course(append="  active_from: 2026-06-01\n  active_to: 2026-05-01\n")},
        [(COURSES, 14, "«active_to» ligger før «active_from»")],
    ),
    Case(
        "anchor and alias",
        {COURSES: course({9: "    weeks: &uger 12"}, append="  group_size: *uger\n")},
        [
            (COURSES, 9, "Ankre (&navn) og aliaser (*navn) er ikke tilladt"),
            (COURSES, 13, "Ankre (&navn) og aliaser (*navn) er ikke tilladt"),
        ],
    ),
    Case(
        "tab indentation",
        {COURSES: course({9: "\tweeks: 12"})},
        [(COURSES, 9, "Tabulator-tegn er ikke tilladt i YAML")],
    ),
    Case(
        "not UTF-8",
        {COURSES: course({7: "  description: Et kursus for b\xf8rn."}).encode("latin-1")},
        [(COURSES, 7, "Filen er ikke gemt som UTF-8")],
    ),
    Case("empty file", {COURSES: "\n# kun en kommentar\n"}, [(COURSES, 1, "Filen er tom")]),
    Case(
        "list where a municipality belongs",
        {MUNICIPALITY: "- id: testby\n  name: Testby\n"},
        [
            (
                MUNICIPALITY,
                1,
                "Her skal stå en kommune med felter (navn: værdi), men der står en liste.",
            )
        ],
    ),
    Case(
        "mapping where the course list belongs",
        {COURSES: "id: kursus\ntitle: Kursus\n"},
        [(COURSES, 1, "Her skal stå en liste over kurser")],
    ),
    Case(
        "missing required field",
        {COURSES: course({7: "  # description fjernet"})},
        [(COURSES, 1, "Feltet «description» mangler")],
    ),
    Case(
        "duplicate course id",
        {COURSES: COURSE + COURSE},
        [(COURSES, 13, "«kursus» i «id» er brugt før (første gang i linje 1)")],
    ),
    Case(
        "municipality id differs from file name",
        {MUNICIPALITY: muni({1: "id: testbyen"})},
        [
            (MUNICIPALITY, 1, "Id'et «testbyen» passer ikke med filnavnet «testby.yaml»"),
            (
                COURSES,
                1,
                "Der findes ingen kommune med id «testby» (filnavnet). Mente du «testbyen»?",
            ),
            ("rules.yaml", 12, "«testby» i «municipality» findes ikke blandt kommunerne"),
            ("facts.yaml", 5, "«testby» i «municipality» findes ikke blandt kommunerne"),
        ],
    ),
    Case(
        "course file for an unknown municipality",
        {"courses/testbyy.yaml": COURSE},
        [
            (
                "courses/testbyy.yaml",
                1,
                "Der findes ingen kommune med id «testbyy» (filnavnet). Mente du «testby»?",
            )
        ],
    ),
    Case(
        "phone number too short",
        {MUNICIPALITY: muni({10: '    phone: "9960318"'})},
        [(MUNICIPALITY, 10, "«9960318» har ikke den rigtige form i «phone»")],
    ),
    Case(
        "e-mail without @",
        {MUNICIPALITY: muni(append="    email: post.testby.dk\n")},
        [(MUNICIPALITY, 27, "«post.testby.dk» i «email» er ikke en gyldig e-mailadresse")],
    ),
    Case(
        "duration range in words",
        {COURSES: course({9: "    weeks: 4 til 16"})},
        [(COURSES, 9, "«duration.weeks» skal være et helt tal (fx 12) eller et spænd")],
    ),
    Case(
        "reversed range",
        {COURSES: course({9: '    weeks: "16-4"'})},
        [(COURSES, 9, "I spændet «16-4» er det første tal større end det sidste")],
    ),
    Case(
        "missing duration",
        {COURSES: course({8: "  # ingen varighed", 9: "  # -"})},
        [(COURSES, 1, "Feltet «duration» mangler")],
    ),
    Case(
        "closed period ends before it starts",
        {MUNICIPALITY: muni({23: "        to: 2026-12-01"})},
        [(MUNICIPALITY, 23, "«to» ligger før «from»")],
    ),
    Case(
        "unquoted colon in a value",
        {COURSES: course({7: "  description: Bemærk: kun tirsdage"})},
        [(COURSES, 7, "Der står et kolon (:) et sted, hvor YAML ikke venter det")],
    ),
    Case(
        "two YAML documents in one file",
        {COURSES: COURSE + "---\n" + COURSE},
        [(COURSES, 13, "Filen må kun indeholde ét YAML-dokument")],
    ),
    Case(
        "local rule without a municipality",
        {
            "rules.yaml": (FIX / "rules.yaml")
            .read_text(encoding="utf-8")
            .replace("  municipality: testby\n", "")
        },
        [("rules.yaml", 7, "En lokal regel (kind: lokal) skal have feltet «municipality»")],
    ),
    Case(
        "reviewed in the future",
        {COURSES: course({12: "  reviewed: 2027-01-01"})},
        [(COURSES, 12, "«reviewed» (2027-01-01) ligger i fremtiden")],
    ),
    Case(
        "misspelt region",
        {MUNICIPALITY: muni({3: "region: Region Midtjyland"})},
        [(MUNICIPALITY, 3, "Mente du «Region Midtjylland»?")],
    ),
    Case(
        "channel written with ø",
        {MUNICIPALITY: muni({13: "      - channel: fremmøde"})},
        [
            (
                MUNICIPALITY,
                13,
                "«fremmøde» i «channel» findes ikke blandt kanalerne (data/vocabularies.yaml). Mente du «fremmoede»?",
            )
        ],
    ),
    Case(
        "a list where one value belongs",
        {COURSES: course({2: "  title: [Kursus, Hold]"})},
        [(COURSES, 1, "Feltet «title» mangler"), (COURSES, 2, "Feltet «title» skal have én værdi")],
    ),
    Case(
        "missing days in opening hours",
        {MUNICIPALITY: muni({14: "        note: ingen dage"})},
        [(MUNICIPALITY, 13, "Feltet «days» mangler")],
    ),
    Case(
        "stale record is a warning, not an error",
        {COURSES: course({12: "  reviewed: 2025-10-01"})},
        [],
        warnings=[(COURSES, 12, "over 12 måneder siden")],
    ),
    Case(
        "missing sources file",
        {"sources.yaml": None},
        [("sources.yaml", 1, "Filen mangler. Den skal indeholde listen over kilder.")],
    ),
]


def run(make_data, files) -> tuple[list, list]:
    data = make_data(files)
    problems = validate(data, TODAY).problems
    for p in problems:
        assert p.file.startswith("data/"), p
    rel = [(p.file.removeprefix("data/"), p.line, p.message) for p in problems]
    errors = [r for r, p in zip(rel, problems, strict=True) if p.severity == "fejl"]
    warnings = [r for r, p in zip(rel, problems, strict=True) if p.severity == "advarsel"]
    return errors, warnings


def matches(found: list, expected: list) -> None:
    assert sorted((f, n) for f, n, _ in found) == sorted((f, n) for f, n, _ in expected), "\n".join(
        f"{f}:{n}: {m}" for f, n, m in found
    )
    for file, line, fragment in expected:
        messages = [m for f, n, m in found if (f, n) == (file, line)]
        assert any(fragment in m for m in messages), (file, line, fragment, messages)


def test_the_corpus_is_large_enough():
    assert len({c.name for c in CASES}) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, make_data):
    errors, warnings = run(make_data, case.files)
    matches(errors, case.expected)
    matches(warnings, case.warnings)


def test_fixture_is_valid(make_data):
    errors, warnings = run(make_data, {})
    assert errors == [] and warnings == []


def test_every_problem_at_once(make_data):
    """Three independent mistakes in two files: all three are reported in one run."""
    errors, _ = run(
        make_data,
        {
            COURSES: course({3: "  paragraph: 82e", 12: "  reviewed: 2026-13-01"}),
            MUNICIPALITY: muni({14: "        days: [tirsdg]"}),
        },
    )
    assert {(f, n) for f, n, _ in errors} == {(COURSES, 3), (COURSES, 12), (MUNICIPALITY, 14)}


def test_yaml_traps_are_read_as_written(make_data):
    """Unquoted 09:00, 85 and `no` keep the editor's meaning instead of YAML 1.1's."""
    from macros.catalogue.model import build
    from macros.catalogue.validate import validate as run_validation

    data = make_data(
        {
            COURSES: course({2: "  title: no", 3: "  paragraph: 85", 6: "  target_groups: adhd"}),
        }
    )
    result = run_validation(data, TODAY)
    assert errors_only(result.problems) == []
    cat = build(result.tables, TODAY, result.problems)
    kursus = cat.courses["testby/kursus"]
    assert kursus.title == "no"
    assert kursus.paragraph == "85"
    assert kursus.target_groups == ["adhd"]
    phone_window = cat.entry_points["testby/indgangen"].hours[1]
    assert (phone_window.opens.hour, phone_window.closes.hour) == (9, 12)  # unquoted 09:00
    assert phone_window.days == (0, 1, 2, 3, 4)  # 'hverdage'
