"""The Danish spelling and style check (data/style.yaml): Danish FILE:LINE warnings, never errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from macros.catalogue import model as catalogue
from macros.catalogue.validate import validate
from macros.domain import style

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
TODAY = date(2026, 11, 22)
COURSES = (FIXTURE / "courses" / "testby.yaml").read_text("utf-8")


def _style_warnings(data: Path) -> list:
    return [p for p in validate(data, TODAY).problems if "data/style.yaml" in p.message]


def _course(description_lines: list[str]) -> str:
    body = "\n".join(f"    {line}" for line in description_lines)
    return (
        COURSES
        + f"""- id: nyt
  title: Nyt kursus
  paragraph: 82a
  format: gruppe
  entry_point: indgangen
  target_groups: [adhd]
  description: |
{body}
  duration: {{note: "8 gange"}}
  access: uvisiteret
  source: kilde-a
  reviewed: 2026-11-01
"""
    )


def test_a_slip_in_a_course_gives_a_danish_warning_at_its_line(make_data):
    text = _course(["Ring til os, og spør efter Anna.", "Vi træner at klare hverdagen."])
    data = make_data({"courses/testby.yaml": text})
    lines = text.splitlines()
    warnings = _style_warnings(data)
    assert [(w.file, w.line) for w in warnings] == [
        ("data/courses/testby.yaml", lines.index("    Ring til os, og spør efter Anna.") + 1),
        ("data/courses/testby.yaml", lines.index("    Vi træner at klare hverdagen.") + 1),
    ]
    assert all(w.severity == "advarsel" for w in warnings)
    first = warnings[0].human()
    assert first.startswith(f"data/courses/testby.yaml:{warnings[0].line}: advarsel: ")
    assert "»spør«" in first and "Skriv i stedet: spørg." in first
    assert "træner i at" in warnings[1].message


def test_warnings_do_not_stop_the_build(make_data):
    data = make_data({"courses/testby.yaml": _course(["Spør i receptionen."])})
    catalogue.clear_cache()
    cat = catalogue.load(data, TODAY)  # raises DataError on errors; warnings pass
    assert any("»Spør«" in w.message for w in cat.warnings)
    assert "testby/nyt" in cat.courses


def test_jargon_explained_in_parentheses_passes_unexplained_warns(make_data):
    text = _course(
        [
            "Kommunen skal først give dig adgang (visitere dig).",
            "Du skal visiteres af myndighed og udfører.",
        ]
    )
    data = make_data({"courses/testby.yaml": text})
    warnings = _style_warnings(data)
    assert len(warnings) == 2, [w.message for w in warnings]
    assert {w.line for w in warnings} == {
        text.splitlines().index("    Du skal visiteres af myndighed og udfører.") + 1
    }
    messages = " ".join(w.message for w in warnings)
    assert "Fagord, som mange borgere ikke kender: »visiteres«" in messages
    # the longer phrase wins: "udfører" alone is not reported again
    assert "»myndighed og udfører«" in messages and "»udfører«" not in messages


def test_quotes_of_the_source_are_never_checked_but_statements_are(make_data):
    rules = (FIXTURE / "rules.yaml").read_text("utf-8")
    rules += (
        "- id: P40\n"
        "  title: Et citat\n"
        '  statement: "Kommunen skal visitere dig."\n'
        '  quote: "Borgeren visiteres til § 82 og „straks“."\n'
        "  paragraphs: [82a]\n"
        "  kind: praksis\n"
        "  source: kilde-a\n"
    )
    data = make_data({"rules.yaml": rules})
    warnings = _style_warnings(data)
    statement_line = rules.splitlines().index('  statement: "Kommunen skal visitere dig."') + 1
    assert [(w.file, w.line) for w in warnings] == [("data/rules.yaml", statement_line)]


def test_wrong_quotation_marks_are_reported(make_data):
    text = _course(['Vi kalder det "Kroppen husker" eller „Nada“.'])
    warnings = _style_warnings(make_data({"courses/testby.yaml": text}))
    assert len(warnings) == 3  # ", „ and “: one warning per kind of mark and line
    assert all("»…«" in w.message for w in warnings)


def test_citizen_guide_is_checked_caseworker_guide_is_not(make_data):
    citizen = (FIXTURE / "guides" / "stoette.yaml").read_text("utf-8")
    citizen = citizen.replace('"Hvor meget fylder det?"', '"Hvor meget fylder det? Spør bare."')
    caseworker = (FIXTURE / "guides" / "snitflade.yaml").read_text("utf-8")
    assert "question:" in caseworker
    first_question = next(line for line in caseworker.splitlines() if "question:" in line)
    caseworker = caseworker.replace(
        first_question, first_question.rstrip('"') + ' Tjek personkredsen."', 1
    )
    data = make_data({"guides/stoette.yaml": citizen, "guides/snitflade.yaml": caseworker})
    warnings = _style_warnings(data)
    line = next(i for i, s in enumerate(citizen.splitlines(), 1) if "Spør bare" in s)
    assert [(w.file, w.line) for w in warnings] == [("data/guides/stoette.yaml", line)]


def test_the_word_list_is_data_with_a_schema(make_data):
    word_list = (FIXTURE / "style.yaml").read_text("utf-8")
    broken = word_list + '- find: "bostøtte"\n  kind: slang\n  instead: "§ 85"\n'
    data = make_data({"style.yaml": broken})
    problems = validate(data, TODAY).problems
    line = len(word_list.splitlines()) + 2
    assert any(
        p.file == "data/style.yaml"
        and p.line == line
        and p.severity == "fejl"
        and "slang" in p.message
        for p in problems
    ), [p.human() for p in problems]


def test_a_new_entry_in_the_word_list_is_used_at_once(make_data):
    word_list = (FIXTURE / "style.yaml").read_text("utf-8")
    added = word_list + '- find: "Nada"\n  kind: fagord\n  instead: "øreakupunktur"\n'
    assert any("»Nada«" in w.message for w in _style_warnings(make_data({"style.yaml": added})))


def test_shipped_texts_pass_the_style_check():
    warnings = _style_warnings(ROOT / "data")
    assert warnings == [], "\n".join(w.human() for w in warnings)


def test_pattern_matches_whole_words_and_a_final_star():
    assert style.compile_pattern("spør").search("Spør kommunen")
    assert not style.compile_pattern("spør").search("spørg kommunen")
    assert not style.compile_pattern("spør").search("spørgsmål")
    assert style.compile_pattern("visiter*").search("du visiteres")
    assert not style.compile_pattern("visiter*").search("uvisiteret")
    assert style.compile_pattern("to af tre kommuner").search("I to af  tre\nkommuner")
