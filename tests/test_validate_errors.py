"""Frictionless' findings in the editors' words: one minimal bad table per kind of error.

Each case changes the minimal catalogue (tests/fixtures/minimal) so that Frictionless raises one
kind of error (a type error of each type, each constraint the schemas use, a repeated primary
key, a broken foreign key, a blank row) and pins every error message word for word, so a change
in how `macros/catalogue/validate.py` reads Frictionless' errors cannot change what editors see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from macros.guides.all_data import validate
from tests.test_bad_inputs import COURSE

FIX = Path(__file__).parent / "fixtures" / "minimal"
COURSES = "courses/testby.yaml"
MUNICIPALITY = "municipalities/testby.yaml"
SOURCES = "sources.yaml"
TODAY = date(2026, 11, 22)

# A course for appending: valid but for its id, which repeats the fixture's first course.
REPEATED_COURSE = COURSE.replace("- id: kursus\n", "- id: nada\n")


def edit(rel: str, changes: dict[int, str], append: str = "") -> str:
    """The fixture's file `rel` with whole lines replaced (1-based; "" deletes the line)."""
    lines = (FIX / rel).read_text(encoding="utf-8").splitlines()
    for number, new in changes.items():
        lines[number - 1] = new
    return "\n".join(line for line in lines if line != "") + "\n" + append


@dataclass
class Case:
    name: str
    files: dict[str, str]
    errors: list[tuple[str, int, str]]


CASES = [
    # --- type-error: the cell is not of the field's type or format ---
    Case(
        "type-error date",
        {COURSES: edit(COURSES, {14: "  reviewed: 2026-13-01"})},
        [
            (
                COURSES,
                14,
                "«2026-13-01» i «reviewed» er ikke en gyldig dato. Skriv ÅÅÅÅ-MM-DD, fx 2026-01-31.",
            )
        ],
    ),
    Case(
        "type-error time",
        {MUNICIPALITY: edit(MUNICIPALITY, {16: '        closes: "25:00"'})},
        [
            (
                MUNICIPALITY,
                16,
                "«25:00» i «closes» er ikke et gyldigt klokkeslæt. Skriv det i anførselstegn som "
                'TT:MM med 24 timer, fx "09:00" eller "16:30".',
            )
        ],
    ),
    Case(
        "type-error integer",
        {SOURCES: edit(SOURCES, {4: "  year: tyve"})},
        [(SOURCES, 4, "«tyve» i «year» er ikke et helt tal. Skriv kun cifre, fx 12.")],
    ),
    Case(
        "type-error email",
        {
            MUNICIPALITY: edit(
                MUNICIPALITY, {10: '    phone: "99 60 31 80"\n    email: ikke-en-adresse'}
            )
        },
        [
            (
                MUNICIPALITY,
                11,
                "«ikke-en-adresse» i «email» er ikke en gyldig e-mailadresse (fx post@kommune.dk).",
            )
        ],
    ),
    Case(
        "type-error uri",
        {
            MUNICIPALITY: edit(
                MUNICIPALITY,
                {4: "source: kilde-a\nwebsite: htp//testby.dk\nwebsite_source: kilde-a"},
            )
        },
        [
            (
                MUNICIPALITY,
                5,
                "«htp//testby.dk» i «website» er ikke en gyldig webadresse. Den skal begynde med "
                "https:// og have et domæne, fx https://www.ikast-brande.dk/.",
            )
        ],
    ),
    Case(
        "type-error boolean (any other type: the field's description)",
        {COURSES: edit(COURSES, {3: "  paragraph: 82a\n  paragraph_stated: måske"})},
        [
            (
                COURSES,
                4,
                "«måske» i «paragraph_stated» har ikke den rigtige form. Skriv nej, hvis kilden ikke "
                "siger, hvilken paragraf tilbuddet gives efter. Så er paragraph kun redaktionens "
                "sortering: siden siger, at kilden ikke nævner paragraffen, og viser ingen af "
                "paragraffens følger (fx grænsen på 6 måneder for § 82 b). Udelad feltet (eller "
                "skriv ja), når kilden nævner paragraffen.",
            )
        ],
    ),
    # --- constraint-error: one case per constraint the schemas use ---
    Case(
        "constraint required",
        {COURSES: edit(COURSES, {2: ""})},
        [
            (
                COURSES,
                1,
                "Feltet «title» mangler. Kursets navn, som borgeren ser det, fx Mit liv med ADHD.",
            )
        ],
    ),
    Case(
        "constraint enum",
        {COURSES: edit(COURSES, {3: "  paragraph: 82e"})},
        [
            (
                COURSES,
                3,
                "«82e» er ikke en gyldig værdi i «paragraph». Mente du «82d»? Mulige værdier: 82a, "
                "82b, 82c, 82d, 85.",
            )
        ],
    ),
    Case(
        "constraint pattern",
        {COURSES: edit(COURSES, {1: "- id: Nada Kursus"})},
        [
            (
                COURSES,
                1,
                "«Nada Kursus» har ikke den rigtige form i «id». Kursets id, små bogstaver og "
                "bindestreger, fx nada. Skal være unikt i filen; indgår i sidens adresse.",
            )
        ],
    ),
    Case(
        "constraint maxLength",
        {COURSES: edit(COURSES, {2: "  title: " + "a" * 130})},
        [
            (
                COURSES,
                2,
                "«title» er for lang: 130 tegn. Den må højst være 120 tegn; forkort teksten.",
            )
        ],
    ),
    Case(
        "constraint minimum of a date",
        {COURSES: edit(COURSES, {14: "  reviewed: 1999-01-01"})},
        [
            (
                COURSES,
                14,
                "«1999-01-01» i «reviewed» ligger uden for det tidsrum, siden kan vise. Skriv en dato "
                "fra 2000-01-01 til 2099-12-31, fx 2027-06-30.",
            )
        ],
    ),
    Case(
        "constraint maximum of a date",
        {COURSES: edit(COURSES, {29: "  active_from: 2100-01-01"})},
        [
            (
                COURSES,
                29,
                "«2100-01-01» i «active_from» ligger uden for det tidsrum, siden kan vise. Skriv en dato "
                "fra 2000-01-01 til 2099-12-31, fx 2027-06-30.",
            )
        ],
    ),
    Case(
        "constraint minimum (group_size fills two fields: said once)",
        {COURSES: edit(COURSES, {11: "  group_size: 0"})},
        [(COURSES, 11, "«0» i «group_size» er for lille (mindst 1).")],
    ),
    Case(
        "constraint maximum",
        {COURSES: edit(COURSES, {9: "    sessions: 5000"})},
        [(COURSES, 9, "«5000» i «duration.sessions» er for stor (højst 1000).")],
    ),
    # --- primary-key: a key used before ---
    Case(
        "primary-key in the same file",
        {COURSES: edit(COURSES, {15: "- id: nada"})},
        [
            (
                COURSES,
                15,
                "«nada» i «id» er brugt før (første gang i linje 1). Det skal være unikt; vælg et "
                "andet id eller slet den ene forekomst.",
            )
        ],
    ),
    Case(
        "primary-key three times: each names the one before it",
        {COURSES: edit(COURSES, {}, REPEATED_COURSE * 2)},
        [
            (
                COURSES,
                32,
                "«nada» i «id» er brugt før (første gang i linje 1). Det skal være unikt; vælg et "
                "andet id eller slet den ene forekomst.",
            ),
            (
                COURSES,
                44,
                "«nada» i «id» er brugt før (første gang i linje 32). Det skal være unikt; vælg et "
                "andet id eller slet den ene forekomst.",
            ),
        ],
    ),
    Case(
        "primary-key in another file (its link rows are follow-ons)",
        {"paragraphs/85.yaml": edit("paragraphs/85.yaml", {1: 'id: "82a"'})},
        [
            (
                "paragraphs/85.yaml",
                1,
                "Id'et «82a» passer ikke med filnavnet «85.yaml». Omdøb filen til «82a.yaml» eller "
                "ret id'et til «85».",
            ),
            (
                "paragraphs/85.yaml",
                1,
                "«82a» i «id» er brugt før (første gang i data/paragraphs/82a.yaml:1). Det skal være "
                "unikt; vælg et andet id eller slet den ene forekomst.",
            ),
            (
                "paragraphs/85.yaml",
                11,
                "«kilde-a» i «sources» er brugt før (første gang i data/paragraphs/82a.yaml:11). Det "
                "skal være unikt; vælg et andet id eller slet den ene forekomst.",
            ),
            (
                MUNICIPALITY,
                11,
                "«85» i «paragraphs» findes ikke blandt paragrafferne (data/paragraphs/). Mulige "
                "værdier: 82a, 82b, 82c, 82d.",
            ),
            (
                "rules.yaml",
                4,
                "«85» i «paragraphs» findes ikke blandt paragrafferne (data/paragraphs/). Mulige "
                "værdier: 82a, 82b, 82c, 82d.",
            ),
            (
                "rules.yaml",
                10,
                "«85» i «paragraphs» findes ikke blandt paragrafferne (data/paragraphs/). Mulige "
                "værdier: 82a, 82b, 82c, 82d.",
            ),
            (
                "guides/snitflade.yaml",
                15,
                "Paragraffen «85» findes ikke i data/paragraphs/. Mulige: 82a, 82b, 82c, 82d.",
            ),
            (
                "guides/stoette.yaml",
                28,
                "Paragraffen «85» findes ikke i data/paragraphs/. Mulige: 82a, 82b, 82c, 82d.",
            ),
        ],
    ),
    Case(
        "unique-error of a field that is the whole key: said once, as a repeated key",
        {
            "style.yaml": edit(
                "style.yaml", {}, '- find: "spør"\n  kind: stavning\n  instead: "x"\n'
            )
        },
        [
            (
                "style.yaml",
                27,
                "«spør» i «find» er brugt før (første gang i linje 2). Det skal være unikt; vælg et "
                "andet id eller slet den ene forekomst.",
            )
        ],
    ),
    # --- foreign-key: a reference that points nowhere ---
    Case(
        "foreign-key",
        {COURSES: edit(COURSES, {4: "  format: grupe"})},
        [
            (
                COURSES,
                4,
                "«grupe» i «format» findes ikke blandt formerne (data/vocabularies.yaml). Mente du "
                "«gruppe»? Mulige værdier: gruppe, individuel.",
            )
        ],
    ),
    Case(
        "foreign-key within the municipality",
        {COURSES: edit(COURSES, {5: "  entry_point: indgangn"})},
        [
            (
                COURSES,
                5,
                "«indgangn» i «entry_point» findes ikke blandt kommunens indgange (entry_points) i "
                "kommunen «testby». Mente du «indgangen»? Mulige værdier: indgangen.",
            )
        ],
    ),
    Case(
        "foreign-key: two in one record, each at its line",
        {COURSES: edit(COURSES, {4: "  format: grupe", 12: "  access: uvistieret"})},
        [
            (
                COURSES,
                4,
                "«grupe» i «format» findes ikke blandt formerne (data/vocabularies.yaml). Mente du "
                "«gruppe»? Mulige værdier: gruppe, individuel.",
            ),
            (
                COURSES,
                12,
                "«uvistieret» i «access» findes ikke blandt adgangsformerne (data/vocabularies.yaml)."
                " Mente du «uvisiteret»? Mulige værdier: afgoerelse, uvisiteret.",
            ),
        ],
    ),
    # --- one mistake, one message ---
    Case(
        "reviewed-beyond-range-not-also-future",  # the range error says what to write
        {COURSES: edit(COURSES, {14: "  reviewed: 2100-01-01"})},
        [
            (
                COURSES,
                14,
                "«2100-01-01» i «reviewed» ligger uden for det tidsrum, siden kan vise. "
                "Skriv en dato fra 2000-01-01 til 2099-12-31, fx 2027-06-30.",
            )
        ],
    ),
    # --- blank-row ---
    Case(
        "blank-row",
        {SOURCES: edit(SOURCES, {}, "- {}\n")},
        [
            (
                SOURCES,
                5,
                "Posten er tom (ingen felter med en værdi). Skriv felterne ind, eller slet posten.",
            )
        ],
    ),
]


def errors(make_data, files: dict[str, str]) -> list[tuple[str, int, str]]:
    problems = validate(make_data(files), TODAY).problems
    return [
        (p.file.removeprefix("data/"), p.line, p.message) for p in problems if p.severity == "fejl"
    ]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_of_error_in_the_editors_words(case: Case, make_data):
    assert errors(make_data, case.files) == case.errors
