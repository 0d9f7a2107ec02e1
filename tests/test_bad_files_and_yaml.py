"""Issue 13: files that would not be read, YAML that would lose text, and the messages.

Same corpus style as tests/test_bad_inputs.py: each case changes the minimal valid catalogue
and lists the exact set of FILE:LINE problems it must give, with a message fragment. The
libyaml fast path and the Python path of macros/catalogue/yamlload.py are both checked to refuse tags,
and the real command line is run to show exit code 1, Danish output and no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.catalogue import yamlload
from macros.domain.problems import Problem, errors_only, format_human, format_json, summary_line
from macros.guides.all_data import validate
from tests.test_bad_inputs import (
    COURSES,
    MUNI,
    MUNICIPALITY,
    TODAY,
    Case,
    course,
    matches,
    muni,
    run,
)
from tests.test_cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "minimal"
SOURCES = (FIX / "sources.yaml").read_text(encoding="utf-8")
GUIDE = (FIX / "guides" / "snitflade.yaml").read_text(encoding="utf-8")


def muni_lines(changes: dict[int, str], sep: str = "\n") -> str:
    lines = MUNI.splitlines()
    for number, new in changes.items():
        lines[number - 1] = new
    return sep.join(lines) + sep


# -- 1. every file under data/ is read or reported ------------------------------------------

FILE_CASES = [
    Case(
        "course file ending in .yml",
        {COURSES: None, "courses/testby.yml": course()},
        [("courses/testby.yml", 1, "Omdøb den til data/courses/testby.yaml.")],
    ),
    Case(
        "course file ending in .YAML",
        {COURSES: None, "courses/TESTBY.YAML": course()},
        [("courses/TESTBY.YAML", 1, "Omdøb den til data/courses/testby.yaml.")],
    ),
    Case(
        ".yml beside the .yaml it duplicates",
        {"courses/testby.yml": course()},
        [("courses/testby.yml", 1, "Der findes allerede en data/courses/testby.yaml")],
    ),
    Case(
        "course file in a subfolder",
        {"courses/2027/testby.yaml": course()},
        [
            (
                "courses/2027/testby.yaml",
                1,
                "ligger i en undermappe, og kun filer direkte i data/courses/ læses. "
                "Der findes allerede en data/courses/testby.yaml",
            )
        ],
    ),
    Case(
        "course file in a subfolder, nothing at the target",
        {COURSES: None, "courses/2027/testby.yaml": course()},
        [("courses/2027/testby.yaml", 1, "Omdøb den til data/courses/testby.yaml.")],
    ),
    Case(
        "guide ending in .yml",
        {"guides/snitflade.yaml": None, "guides/snitflade.yml": GUIDE},
        [("guides/snitflade.yml", 1, "Omdøb den til data/guides/snitflade.yaml.")],
    ),
    Case(
        # The whole municipality would vanish; its courses and rules are follow-ons.
        "municipality file ending in .yml",
        {MUNICIPALITY: None, "municipalities/testby.yml": MUNI},
        [("municipalities/testby.yml", 1, "Omdøb den til data/municipalities/testby.yaml.")],
    ),
    Case(
        "sources.yml instead of sources.yaml",
        {"sources.yaml": None, "sources.yml": SOURCES},
        [("sources.yml", 1, "Omdøb den til data/sources.yaml.")],
    ),
    Case(
        "facts.yml and style.YAML",
        {
            "facts.yaml": None,
            "facts.yml": (FIX / "facts.yaml").read_text(encoding="utf-8"),
            "style.yaml": None,
            "style.YAML": (FIX / "style.yaml").read_text(encoding="utf-8"),
        },
        [
            ("facts.yml", 1, "Omdøb den til data/facts.yaml."),
            ("style.YAML", 1, "Omdøb den til data/style.yaml."),
        ],
    ),
    Case(
        "a name with capitals and a space gets a valid name",
        {COURSES: None, "courses/Testby Kommune.yml": course()},
        [("courses/Testby Kommune.yml", 1, "Omdøb den til data/courses/testby-kommune.yaml.")],
    ),
    Case(
        "hidden extension (Windows): testby.yaml.txt",
        {COURSES: None, "courses/testby.yaml.txt": course()},
        [("courses/testby.yaml.txt", 1, "Omdøb den til data/courses/testby.yaml.")],
    ),
    Case(
        "a note in a data folder",
        {"courses/noter.txt": "husk nada\n"},
        [("courses/noter.txt", 1, "i data/courses/ læses kun filer med kurserne")],
    ),
    Case(
        "a misspelt folder",
        {"course/testby.yaml": course()},
        [("course/testby.yaml", 1, "mappen data/course/ bliver ikke læst")],
    ),
    Case(
        "an unknown folder",
        {"kurser/testby.yaml": course()},
        [("kurser/testby.yaml", 1, "data/ læser kun sources.yaml, vocabularies.yaml")],
    ),
    Case(
        "a folder named like a data file",
        {"courses/2027.yaml/testby.yaml": course()},
        [("courses/2027.yaml/testby.yaml", 1, "ligger i en undermappe")],
    ),
    Case(
        "a misspelt top-level file",
        {"rule.yaml": "- id: R9\n"},
        [("rule.yaml", 1, "Der findes allerede en data/rules.yaml")],
    ),
]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.name for c in FILE_CASES])
def test_unread_file_is_reported(case: Case, make_data):
    errors, _ = run(make_data, case.files)  # warnings (style, readability) are not at issue
    matches(errors, case.expected)


def test_allowed_non_data_files_pass(make_data):
    """The allow-list (macros/catalogue/datafiles.py): notes, the package, schemas, tools' litter."""
    errors, _ = run(
        make_data,
        {
            "README.md": "# Data\n",
            "FORMAT.md": "# Format\n",
            "courses/README.md": "# Kurser\n",
            "guides/README.md": "# Guider\n",
            "schemas/README.md": "# Skemaer\n",
            "courses/.gitkeep": "",
            "municipalities/.DS_Store": b"\x00\x01",
            "courses/.testby.yaml.swp": b"\x00",
            "courses/testby.yaml~": "gammel\n",
        },
    )
    assert errors == []


SUGGESTED = re.compile(r"«([^«»]+\.yaml)»|data/([\w/.-]+\.yaml)")


@pytest.mark.parametrize(
    "files",
    [
        {MUNICIPALITY: muni({1: "id: ../testby"})},
        {MUNICIPALITY: muni({1: "id: Testby Kommune"})},
        {COURSES: None, "courses/ÆØÅ!.yml": course()},
        {COURSES: None, "courses/!!!.yml": course()},
    ],
    ids=["../ in an id", "id with capitals", "Danish letters", "no letters at all"],
)
def test_a_suggested_file_name_is_always_valid(files, make_data):
    errors, _ = run(make_data, files)
    assert errors
    for _, _, message in errors:
        for match in SUGGESTED.finditer(message):
            name = (match[1] or match[2]).rsplit("/", 1)[-1]
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.yaml", name), message


# -- 2, 3, 8, 10: what YAML and the flattener must not lose or mis-say --------------------

CASES = [
    Case(
        "days: [] on opening hours",
        {MUNICIPALITY: muni({14: "        days: []"})},
        [(MUNICIPALITY, 14, "Feltet «days» er tomt, så tidsrummet ville forsvinde")],
    ),
    Case(
        "days with no value",
        {MUNICIPALITY: muni({14: "        days:"})},
        [(MUNICIPALITY, 14, "Feltet «days» er tomt")],
    ),
    Case(
        "days: [] on a course schedule",
        {COURSES: course(append="  schedule:\n    - days: []\n")},
        [(COURSES, 14, "Feltet «days» er tomt")],
    ),
    Case(
        "!OBS tag before a note",
        {MUNICIPALITY: muni({9: "    address: !OBS Testvej 1, 7430 Ikast"})},
        [(MUNICIPALITY, 9, 'anførselstegn: "!OBS Testvej 1, 7430 Ikast"')],
    ),
    Case(
        "!Vigtigt tag on a title",
        {COURSES: course({2: "  title: !Vigtigt Kursus"})},
        [(COURSES, 2, "«!Vigtigt» er et YAML-mærke (tag)")],
    ),
    Case(
        "!!binary",
        {COURSES: course({7: "  description: !!binary RXQga3Vyc3Vz"})},
        [(COURSES, 7, "«!!binary» er et YAML-mærke")],
    ),
    Case(
        "!!str",
        {COURSES: course({3: "  paragraph: !!str 82a"})},
        [(COURSES, 3, "«!!str» er et YAML-mærke")],
    ),
    Case(
        "bare ! tag",
        {COURSES: course({2: "  title: ! Kursus"})},
        [(COURSES, 2, "«!» er et YAML-mærke")],
    ),
    Case(
        "tag on a list item",
        {MUNICIPALITY: muni({14: "        days: [!dag tirsdag]"})},
        [(MUNICIPALITY, 14, "«!dag» er et YAML-mærke")],
    ),
    Case(
        "tag on a group of fields",
        {COURSES: course({8: "  duration: !varighed"})},
        [(COURSES, 8, "«!varighed» er et YAML-mærke (tag)")],
    ),
    Case(
        "tag right after a quoted key's colon",
        {COURSES: course({8: '  duration: {"weeks":!x 12}', 9: "  group_size: 3-6"})},
        [(COURSES, 8, "«!x» er et YAML-mærke")],
    ),
    Case(
        "tag in a file with old Mac line breaks (CR only)",
        {MUNICIPALITY: muni_lines({2: "name: !OBS Testby Kommune"}, sep="\r")},
        [(MUNICIPALITY, 2, "«!OBS» er et YAML-mærke")],
    ),
    Case(
        "tag in a file with Windows line breaks",
        {MUNICIPALITY: muni_lines({2: "name: !OBS Testby Kommune"}, sep="\r\n")},
        [(MUNICIPALITY, 2, "«!OBS» er et YAML-mærke")],
    ),
    Case(
        "BEL in a name",
        {MUNICIPALITY: muni({2: "name: Testby\x07 Kommune"})},
        [(MUNICIPALITY, 2, "(U+0007, klokke-tegn) som tegn nr. 13 i linjen")],
    ),
    Case(
        "NUL, form feed and ESC on three lines",
        {
            COURSES: course(
                {2: "  title: Kur\x00sus", 7: "  description: Et\x0c kursus.", 9: "\x1b"}
            )
        },
        [
            (COURSES, 2, "U+0000, nul-tegn"),
            (COURSES, 7, "U+000C, sideskift"),
            (COURSES, 9, "U+001B, escape-tegn"),
        ],
    ),
    Case(
        "DEL and a C1 control character",
        {"rules.yaml": "- id: R1\x7f\n  title: x\x9b\n"},
        [("rules.yaml", 1, "U+007F"), ("rules.yaml", 2, "U+009B")],
    ),
    Case(
        "control character on a line after CRLF line breaks",
        {MUNICIPALITY: muni_lines({3: "region: Region\x07 Midtjylland"}, sep="\r\n")},
        [(MUNICIPALITY, 3, "U+0007")],
    ),
    Case(
        "400 levels of [",
        {"rules.yaml": "- id: R1\n  title: " + "[" * 400 + "]" * 400 + "\n"},
        [("rules.yaml", 2, "mere end 50 niveauer")],
    ),
    Case(
        "100 000 unclosed [",
        {"rules.yaml": "- id: R1\n  title: " + "[" * 100_000 + "\n"},
        [("rules.yaml", 2, "mere end 50 niveauer")],
    ),
    Case(
        "100 000 unclosed {",
        {COURSES: course(append="  group_size: " + "{a: " * 100_000 + "\n")},
        [(COURSES, 13, "mere end 50 niveauer")],
    ),
    Case(
        "deep block nesting",
        {COURSES: course(append="  schedule:\n" + "    " + "- " * 2000 + "x\n")},
        [(COURSES, 14, "mere end 50 niveauer")],
    ),
    Case(
        "unclosed quote on line 6 is reported on line 6",
        {MUNICIPALITY: muni({6: '  - id: "indgangen'})},
        [(MUNICIPALITY, 6, "Et anførselstegn i denne linje er ikke lukket")],
    ),
    Case(
        "unclosed single quote on line 7",
        {COURSES: course({7: "  description: 'Et kursus."})},
        [(COURSES, 7, "Et anførselstegn i denne linje er ikke lukket")],
    ),
    Case(
        "unclosed quote at the end of the file",
        {COURSES: course(append='  note: "slut\n')},
        [(COURSES, 13, "Et anførselstegn i denne linje er ikke lukket")],
    ),
    Case(
        "unclosed [ is reported where it opens",
        {COURSES: course({6: "  target_groups: [adhd"})},
        [(COURSES, 6, "En liste i firkantede parenteser [ ] er ikke lukket")],
    ),
    Case(
        "@ first in a value",
        {COURSES: course({2: "  title: @kursus"})},
        [(COURSES, 2, "Tegnet «@» kan ikke stå først i en værdi")],
    ),
    Case(
        "backslash escape in double quotes",
        {COURSES: course({7: '  description: "C:\\kurser"'})},
        [(COURSES, 7, "Skriv \\\\ for en omvendt skråstreg")],
    ),
    Case(
        "empty sources.yaml: one root cause",
        {"sources.yaml": ""},
        [("sources.yaml", 1, "Filen er tom")],
    ),
    Case(
        "sources.yaml that is not a list: one root cause",
        {"sources.yaml": "id: kilde-a\n"},
        [("sources.yaml", 1, "Her skal stå en liste over kilder")],
    ),
    Case(
        "unreadable sources.yaml: one root cause",
        {"sources.yaml": SOURCES + '- id: "x\n'},
        [("sources.yaml", len(SOURCES.splitlines()) + 1, "ikke lukket")],
    ),
    Case(
        "empty vocabularies.yaml: one root cause",
        {"vocabularies.yaml": "# tom\n"},
        [("vocabularies.yaml", 1, "Filen er tom")],
    ),
    Case(
        "unreadable municipality file: no 'nothing here' follow-on",
        {MUNICIPALITY: muni({2: "name: Testby\x07 Kommune"})},
        [(MUNICIPALITY, 2, "U+0007")],
    ),
    Case(
        "an empty record: Danish, not Frictionless' «Blank Row»",
        {"sources.yaml": SOURCES + "- {}\n"},
        [("sources.yaml", len(SOURCES.splitlines()) + 1, "Posten er tom")],
    ),
    Case(
        "entry point id written wrongly: not suggested, references are follow-ons",
        {MUNICIPALITY: muni({6: "  - id: Indgangen"})},
        [(MUNICIPALITY, 6, "«Indgangen» har ikke den rigtige form i «id»")],
    ),
    Case(
        "municipality id with ../: only the id is to fix",
        {MUNICIPALITY: muni({1: "id: ../testby"})},
        [
            (MUNICIPALITY, 1, "Id'et «../testby» passer ikke med filnavnet «testby.yaml». Ret"),
            (MUNICIPALITY, 1, "«../testby» har ikke den rigtige form i «id»"),
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_yaml(case: Case, make_data):
    errors, _ = run(make_data, case.files)  # warnings (style, readability) are not at issue
    matches(errors, case.expected)


def test_the_wrong_entry_point_id_is_never_suggested(make_data):
    errors, _ = run(make_data, {MUNICIPALITY: muni({6: "  - id: Indgangen"})})
    assert not [m for _, _, m in errors if "Mente du «Indgangen»" in m or "Mulige" in m]


ENGLISH = re.compile(
    r"\b(while|found|expected|scanning|parsing|could not|character|mapping|stream|token)\b"
)
BROKEN = [
    'a: "x\n',
    "a: 'x\nb: 1\n",
    "a: [1, 2\nb: 1\n",
    "a: {b: 1\n",
    "a: b\n c: d\n",
    "- a\nb: 1\n",
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
    'a: "\\q"\n',
    "a: >\nb\n",
    "a: |x\n  b\n",
    "a: !x!y b\n",
    "a: 1\n---\nb: 2\n",
    "a:\n\tb: 1\n",
    "a: *x\n",
    "[a, b]]\n",
    "a: b\x07\n",
    "{" * 60 + "\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_no_english_parser_text(text: str):
    _, problems = yamlload.load_text(text, "data/x.yaml")
    assert problems, text
    for p in problems:
        assert p.file == "data/x.yaml" and p.line >= 1
        assert not ENGLISH.search(p.message), p.message


TAGGED = [
    "a: !OBS b\n",
    "a: !!binary aGVq\n",
    "a: !!str 85\n",
    "a: [!x b]\n",
    'a: {"b":!x c}\n',
    "a: !x {b: c}\n",
    "!x a: b\n",
    "a:\r  !x b\r",
]


@pytest.mark.parametrize("text", TAGGED)
def test_both_paths_refuse_tags(text: str):
    """The libyaml path is forced here even for text the reader would send the other way."""
    line = 2 if text.startswith("a:\r") else 1
    fast = yaml.compose(text, Loader=yamlload._FastComposer)
    fast_problems: list[Problem] = []
    yamlload._convert(fast, "f", fast_problems)
    _, python_problems = yamlload.load_text(text, "f")
    for problems in (fast_problems, python_problems):
        assert [p.line for p in problems if "YAML-mærke" in p.message] == [line], problems


def test_tagged_text_never_takes_the_fast_path():
    for text in [*TAGGED, "a: ! b\n", '{"a":! b}\n']:
        assert yamlload._compose_fast(text) is None, text


@pytest.mark.parametrize("text", ["a:\nb: 1\n", "a: ~\n", "a: null\n", "a: ''\n"])
def test_both_paths_read_empty_values_alike(text: str):
    """libyaml marks a plain scalar with style "", PyYAML with None: `days:` is no value on
    both paths (it was the text "" on the fast one), `''` is the empty text on both."""
    fast = yamlload._convert(yamlload._compose_fast(text), "f", [])
    loader = yamlload._Loader(text)
    python = yamlload._convert(loader.get_single_node(), "f", [])
    loader.dispose()
    assert fast == python and type(fast["a"]) is type(python["a"])


def test_deep_text_never_reaches_libyaml():
    """libyaml's composer recurses in C and crashes the process at ~50,000 levels."""
    for text in [
        "a: " + "[" * 100_000 + "\n",
        "- " * 1000 + "a\n",
        "a:\n" + "- " * 1000 + "a\n",
        "a: 1\r\nb:\r\n" + "  " * 300 + "- " * 100 + "a\r\n",
    ]:
        assert yamlload._compose_fast(text) is None


def test_the_count_matches_what_is_shown():
    p = Problem("data/rules.yaml", 3, "Fejl.")
    shown = format_human([p, p, p])
    assert shown.splitlines() == ["data/rules.yaml:3: Fejl.", summary_line([p])]
    assert shown.splitlines()[-1].startswith("1 fejl.")
    assert '"errors": 1' in format_json([p, p])


def test_cli_reports_all_of_it_in_danish(make_data):
    data = make_data(
        {
            COURSES: None,
            "courses/testby.yml": course(),
            "guides/snitflade.yaml": None,
            "guides/snitflade.yml": GUIDE,
            MUNICIPALITY: muni({2: "name: !OBS Testby Kommune", 14: "        days: []"}),
            "rules.yaml": "- id: R1\n  title: " + "[" * 100_000 + "\n",
            "paragraphs/82a.yaml": (FIX / "paragraphs" / "82a.yaml")
            .read_text(encoding="utf-8")
            .replace("\n", "\x07\n", 1),
        }
    )
    result = cli("validate", "--data", str(data))
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.strip().splitlines()
    *shown, summary = lines
    errors = [ln for ln in shown if ": advarsel: " not in ln]
    assert {ln.split(": ", 1)[0] for ln in errors} == {
        "data/courses/testby.yml:1",
        "data/guides/snitflade.yml:1",
        "data/municipalities/testby.yaml:2",
        "data/municipalities/testby.yaml:14",
        "data/paragraphs/82a.yaml:1",
        "data/rules.yaml:2",
    }, result.stdout
    assert summary.startswith(f"{len(errors)} fejl")
    assert summary.endswith("Intet er udgivet. Ret fejlene og prøv igen.")
    for ln in shown:
        assert not ENGLISH.search(ln), ln


def test_the_reproductions_on_the_shipped_data(make_data):
    """The issue's cases on the real catalogue: each one message, no fact silently lost."""
    data_dir = ROOT / "data"
    ikast = (data_dir / "municipalities" / "ikast-brande.yaml").read_text(encoding="utf-8")
    note = ikast.splitlines().index(
        next(
            ln
            for ln in ikast.splitlines()
            if ln.startswith("        note: ") and "hovednummer" in ln
        )
    )
    days = next(i for i, ln in enumerate(ikast.splitlines()) if "days: [tirsdag]" in ln)
    ikast = muni_edit(
        ikast,
        {
            note + 1: "        note: !OBS Myndighedens hovednummer.",
            days + 1: "        days: []",
        },
    )
    thisted = data_dir / "municipalities" / "thisted.yaml"
    courses = data_dir / "courses" / "thisted.yaml"
    data = make_data(
        {
            "municipalities/ikast-brande.yaml": ikast,
            "municipalities/thisted.yaml": None,
            "municipalities/thisted.yml": thisted.read_text(encoding="utf-8"),
            "courses/thisted.yaml": None,
            "courses/2027/thisted.yaml": courses.read_text(encoding="utf-8"),
            "guides/snitflade.yaml": None,
            "guides/snitflade.yml": (data_dir / "guides" / "snitflade.yaml").read_text("utf-8"),
        },
        base=data_dir,
    )
    problems = errors_only(validate(data, TODAY).problems)
    errors = [(p.file.removeprefix("data/"), p.line, p.message) for p in problems]
    matches(
        errors,
        [
            ("municipalities/ikast-brande.yaml", note + 1, "«!OBS» er et YAML-mærke"),
            ("municipalities/ikast-brande.yaml", days + 1, "Feltet «days» er tomt"),
            ("municipalities/thisted.yml", 1, "Omdøb den til data/municipalities/thisted.yaml."),
            ("courses/2027/thisted.yaml", 1, "Omdøb den til data/courses/thisted.yaml."),
            ("guides/snitflade.yml", 1, "Omdøb den til data/guides/snitflade.yaml."),
        ],
    )


def muni_edit(text: str, changes: dict[int, str]) -> str:
    lines = text.splitlines()
    for number, new in changes.items():
        lines[number - 1] = new
    return "\n".join(lines) + "\n"


ODD_BREAKS = [
    ("LINE SEPARATOR", "a: 1\nb: to\u2028tre\nc: 3\n", 2, "U+2028"),
    ("PARAGRAPH SEPARATOR", "a: 1\nb: 2\nc: tre\u2029fire\n", 3, "U+2029"),
    ("NEL", "a: en\x85to\nb: 2\n", 1, "U+0085"),
    ("lone CR among LF lines", "a: 1\nb: 2\nc: tre\rfire\n", 3, "U+000D"),
    ("U+2028 in a CRLF file", "a: 1\r\nb: to\u2028tre\r\n", 2, "U+2028"),
]


@pytest.mark.parametrize("case", ODD_BREAKS, ids=[c[0] for c in ODD_BREAKS])
def test_odd_line_breaks_are_reported_at_the_editors_line(case):
    """YAML breaks lines at CR, NEL, U+2028 and U+2029; editors do not, so the line numbers
    would drift and the text be cut where the editor sees nothing."""
    _, text, line, code = case
    value, problems = yamlload.load_text(text, "data/x.yaml")
    assert value is None
    assert [(p.line, code in p.message) for p in problems] == [(line, True)], problems


def test_ordinary_line_breaks_are_read():
    for text in ("a: 1\nb: 2\n", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\r"):
        value, problems = yamlload.load_text(text, "data/x.yaml")
        assert problems == [] and value == {"a": "1", "b": "2"}, (text, problems)


def test_every_data_file_of_the_layout_is_read_and_no_other(tmp_path: Path):
    """What datafiles does not report (READ_FILES, READ_FOLDERS) is the layout's list of data
    files (macros/catalogue/layout.py), which the flattener reads: a file added to the
    layout is never reported as unread, and a file it does not name always is."""
    from macros.catalogue import datafiles, layout

    data = tmp_path / "data"
    names = [
        df.name.replace("<kommune>", "testby").replace("<paragraf>", "85") for df in layout.LAYOUT
    ]
    for name in [*names, "waiting.yaml", "courses/2027/testby.yaml"]:
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text("x: 1\n", encoding="utf-8")
    unread = [u.problem.file for u in datafiles.check_files(data)]
    assert unread == ["data/courses/2027/testby.yaml", "data/waiting.yaml"]
