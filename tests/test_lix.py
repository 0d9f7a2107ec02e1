"""Plain Danish: the LIX readability index, the editor warning and the gate on shipped text."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from macros.domain import lix
from macros.guides import all_data
from macros.guides.all_data import validate
from tests.conftest import FIXTURES, ROOT, TEST_TODAY

COURSE_FILE = FIXTURES / "minimal" / "courses" / "testby.yaml"
# 15 words in one sentence, 11 of them long: 15 / 1 + 100 * 11 / 15 = 88.3
HARD = (
    "Kommunalbestyrelsen tilbyder målrettede forebyggende socialpædagogiske indsatser "
    "til borgere med funktionsnedsættelser og tilsvarende udfordringer i dagligdagen"
)


# --- The index ------------------------------------------------------------------------------


def test_lix_formula():
    # 6 words, 2 sentences, no long words
    assert lix.analyse("Jeg er glad. Du er glad.") == lix.Readability(6, 2, 0)
    assert lix.lix("Jeg er glad. Du er glad.") == pytest.approx(3.0)
    # 3 words, 1 sentence, 3 long words: 3 + 100
    assert lix.lix("Kommunalbestyrelsen vurderer funktionsevnen.") == pytest.approx(103.0)
    assert lix.lix("") == 0
    assert lix.lix("§ 85 –") == pytest.approx(1.0)  # a number is a (short) word


def test_danish_letters_and_long_words():
    # "påskedag" has 8 letters, "æbleø" 5; hyphenated names are one word
    counts = lix.analyse("Påskedag i Ikast-Brande. Æbleø er lille.")
    assert counts == lix.Readability(words=6, sentences=2, long_words=2)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Du kan bl.a. få hjælp. Ring til os.", 2),
        ("Mødet er kl. 10.00 den 1. januar. Kom i god tid.", 2),
        ("Se § 82 a. Du kan også læse om § 85.", 2),  # "a." ends the first sentence
        ("Du kan f.eks. Ringe til Aalborg Kommune.", 1),
        ("Det gælder jf. Ankestyrelsen. Spørg kommunen.", 2),
        ("Hvad vil du? Skriv til os! Vi svarer.", 3),
        ("Husk: tag dit sygesikringskort med.", 2),  # a colon ends a sentence (Björnsson)
        ("Det er ca. en time. Du får kaffe.", 2),
        ("Du kan få hjælp til at handle osv. Spørg os.", 2),
        ("Åben café\n\nKom forbi om fredagen", 2),  # paragraphs without full stops
        ("Du kan:\n\n- få råd\n- møde andre\n- lære nyt", 4),
        ("## Kort fortalt\nDu får støtte.", 2),
    ],
)
def test_sentences_are_counted_the_danish_way(text: str, sentences: int):
    assert lix.analyse(text).sentences == sentences


def test_markdown_links_urls_and_html_are_not_words():
    text = (
        "Læs [mere her](https://www.example.org/en/meget/lang/adresse). "
        "Skriv til <mailto:post@example.org> eller post@example.org. <b>Kom</b> `kode` bare."
    )
    assert lix.analyse(text) == lix.analyse("Læs mere her. Skriv til eller. Kom bare.")


def test_emphasis_does_not_change_words():
    assert lix.analyse("Det er **meget** vigtigt.") == lix.analyse("Det er meget vigtigt.")


# --- Editor warning in `make validate` -----------------------------------------------------


def _course_with_description(make_data, description: str) -> Path:
    text = COURSE_FILE.read_text(encoding="utf-8")
    return make_data(
        {
            "courses/testby.yaml": text.replace(
                "description: Øreakupunktur i en gruppe.", f"description: {description}"
            )
        }
    )


def test_hard_course_description_gives_a_warning_with_file_and_line(make_data):
    data = _course_with_description(make_data, HARD + ".")
    result = validate(data, date.fromisoformat(TEST_TODAY))
    warnings = [p for p in result.problems if "LIX" in p.message]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.severity == "advarsel"
    assert warning.file == "data/courses/testby.yaml"
    assert warning.line == 7  # the description line of the first course
    assert "LIX 88" in warning.message and "højst 40" in warning.message
    assert result.tables, "a warning must not stop the build"


def test_hard_summary_gives_a_warning(make_data):
    paragraph = (FIXTURES / "minimal" / "paragraphs" / "82a.yaml").read_text(encoding="utf-8")
    data = make_data(
        {
            "paragraphs/82a.yaml": paragraph.replace(
                "summary: Kort fortalt om § 82 a.", f"summary: {HARD}."
            )
        }
    )
    warnings = [
        p for p in validate(data, date.fromisoformat(TEST_TODAY)).problems if "LIX" in p.message
    ]
    assert [(p.file, p.line, p.severity) for p in warnings] == [
        ("data/paragraphs/82a.yaml", 4, "advarsel")
    ]
    assert "Kort fortalt" in warnings[0].message


def test_multi_line_description_points_at_its_key(make_data):
    data = _course_with_description(make_data, ">-\n    " + HARD + ".\n    " + HARD + ".")
    warnings = [
        p for p in validate(data, date.fromisoformat(TEST_TODAY)).problems if "LIX" in p.message
    ]
    assert [(p.file, p.line) for p in warnings] == [("data/courses/testby.yaml", 7)]


@pytest.mark.parametrize(
    "description",
    [
        "Du møder andre i en gruppe. I taler om jeres hverdag. Vi drikker kaffe sammen.",
        "Kommunalbestyrelsen vurderer funktionsevnen.",  # too short to measure
    ],
)
def test_plain_or_short_texts_give_no_warning(make_data, description: str):
    data = _course_with_description(make_data, description)
    problems = validate(data, date.fromisoformat(TEST_TODAY)).problems
    assert not [p for p in problems if "LIX" in p.message]


def test_cli_prints_the_warning_and_exits_0(make_data):
    data = _course_with_description(make_data, HARD + ".")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "indgang.py"), "validate", "--data", str(data)],
        capture_output=True,
        text=True,
        env={"INDGANG_TODAY": TEST_TODAY, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data/courses/testby.yaml:7: advarsel: Beskrivelsen er svær at læse: LIX 88" in (
        result.stdout
    )


# --- The gate on the shipped catalogue -----------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[lix.CitizenText]:
    return all_data.citizen_texts(ROOT / "data")


def test_every_kind_of_citizen_text_is_measured(shipped):
    kinds = {t.kind for t in shipped}
    assert kinds == set(lix.KINDS)


def test_shipped_citizen_texts_are_plain_danish(shipped):
    """Every text of at least MIN_WORDS words, and each kind as a whole, has LIX ≤ 40."""
    hard = [
        f"{t.file}:{t.line}: {t.label}: LIX {t.lix:.0f}"
        for t in shipped
        if t.readability.words >= lix.MIN_WORDS and t.lix > lix.LIMIT
    ]
    assert hard == []
    for summary in lix.summarise(shipped):
        assert summary.pooled <= lix.LIMIT, summary


def test_guide_texts_come_from_the_guide_loader(shipped):
    from macros.guides.check import readable_texts
    from macros.guides.load import known_from_tables, load_guides

    known = known_from_tables({})
    guides, _ = load_guides(ROOT / "data", known)
    expected = sum(len(readable_texts(g)) for g in guides.values())
    measured = [t for t in shipped if t.kind in (lix.KIND_GUIDE_QUESTION, lix.KIND_GUIDE_OUTCOME)]
    assert len(measured) == expected > 0
