"""The editors' workflow: CI steps run locally, scaffolding, the generated guide, stale data.

(a) the commands the GitHub workflows call, read from the workflow files and run here;
(b) `new-course` writes an entry that validates and builds, and refuses what it must;
(c) the field reference lists every field of every data file and fails on unexplained fields;
(d) CONTRIBUTING.md is generated from the current schemas; its example and messages are real;
and stale (`reviewed`), ended (`active_to`) and past `closed` data.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.catalogue import layout
from macros.catalogue.flatten import AUTO_COLUMNS, Flattener
from macros.catalogue.model import EntryPoint
from macros.catalogue.validate import load_schemas
from macros.catalogue.yamlload import Map, Seq, load_file
from macros.domain.hours import Closure
from macros.domain.problems import errors_only
from macros.exports import editors_guide
from macros.guides.all_data import validate
from macros.views import places
from tests.conftest import FIXTURES, ROOT, TEST_TODAY, build_site

WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pull-request.yml"
PAGES = WORKFLOWS / "pages.yml"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
EDITORS_PAGE = ROOT / "content" / "redaktoer.md"
MIN_COURSES = (FIXTURES / "minimal" / "courses" / "testby.yaml").read_text(encoding="utf-8")
TODAY = date.fromisoformat(TEST_TODAY)

# What CI runs. The tests below assert the workflows call exactly these and run them here.
SETUP = "make setup"
VALIDATE = ".venv/bin/python scripts/indgang.py validate --format github"
BUILD = ".venv/bin/mkdocs build --strict"
GUIDE_CHECK = ".venv/bin/python scripts/indgang.py editors-guide --check"
TEST = "make test"


def argv(command: str, *extra: str) -> list[str]:
    """A workflow command as argv, with `.venv/bin/X` taken from the running interpreter's venv."""
    words = shlex.split(command)
    if words[0].startswith(".venv/bin/"):
        words[0] = str(Path(sys.executable).parent / words[0].removeprefix(".venv/bin/"))
    return [*words, *extra]


def run(command: str, *extra: str, cwd: Path = ROOT, stdin: str | None = None):
    return subprocess.run(
        argv(command, *extra),
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "INDGANG_TODAY": TEST_TODAY, "NO_MKDOCS_2_WARNING": "1"},
    )


def cli(*args: str, stdin: str | None = None):
    return run(".venv/bin/python scripts/indgang.py", *args, stdin=stdin)


def load_workflow(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    return workflow


def runs(job: dict) -> list[str]:
    return [" ".join(step["run"].split()) for step in job["steps"] if "run" in step]


# -- (a) the workflows and their commands -------------------------------------------------------
def test_pull_request_workflow_calls_exactly_these_commands():
    workflow = load_workflow(PR)
    assert set(workflow["on"]) == {"pull_request"}
    check, test = workflow["jobs"]["check"], workflow["jobs"]["test"]
    assert runs(check) == [SETUP, VALIDATE, BUILD, GUIDE_CHECK]
    setup_python = next(s for s in check["steps"] if "setup-python" in s.get("uses", ""))
    assert setup_python["with"]["python-version"] == "3.11"
    assert check["runs-on"].startswith("ubuntu")
    # Chromium from Debian's package, then the README's `make test`.
    assert test["container"].startswith("debian:")
    install, make_test = runs(test)
    assert install.startswith("apt-get update apt-get install -y")
    assert {"chromium", "python3", "python3-venv", "make"} <= set(install.split())
    assert make_test == TEST
    # The names CONTRIBUTING.md tells editors to look for.
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    steps = [s["name"] for s in check["steps"]]
    for name in (workflow["name"], check["name"], test["name"], "Tjek data", "Byg siden"):
        assert name in guide, name
        assert name in (workflow["name"], check["name"], test["name"], *steps), name


def test_pages_workflow_builds_and_deploys_main():
    workflow = load_workflow(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # a publishing build (issue 17): refuses the development copy and a missing address
    assert runs(build) == [SETUP, VALIDATE, "make publish"]
    publish = next(s for s in build["steps"] if s.get("run") == "make publish")
    assert publish["env"]["INDGANG_PAGES_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "INDGANG_SITE_URL" not in publish["env"]  # data/publisher.yaml's site_url wins
    for job in (build, deploy):  # the official actions, pinned to a full commit SHA
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", [PR, PAGES], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "uses:" in ln]
    assert lines
    for line in lines:
        assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_validate_as_ci_runs_it_passes_on_the_shipped_data():
    result = run(VALIDATE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [ln for ln in result.stdout.splitlines() if ln.startswith("::error")]


def test_validate_as_ci_runs_it_annotates_the_changed_line(make_data):
    # Line 12 of the fixture's course file is `access: uvisiteret`; the editor changes it.
    lines = MIN_COURSES.splitlines()
    assert lines[11] == "  access: uvisiteret"
    lines[11] = "  access: uvistiteret"
    data = make_data({"courses/testby.yaml": "\n".join(lines) + "\n"})
    result = run(VALIDATE, "--data", str(data))
    assert result.returncode == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert len(annotations) == 1, result.stdout
    assert annotations[0].startswith(
        "::error file=data/courses/testby.yaml,line=12,title=Indgang::«uvistiteret» i «access»"
    )
    assert "Mente du «uvisiteret»?" in annotations[0]
    assert result.stdout.splitlines()[-1].startswith("1 fejl.")


def test_stale_reviewed_is_a_warning_annotation_and_passes(make_data):
    data = make_data(
        {
            "courses/testby.yaml": MIN_COURSES.replace(
                "reviewed: 2026-11-01", "reviewed: 2025-06-01", 1
            )
        }
    )
    result = run(VALIDATE, "--data", str(data))
    assert result.returncode == 0, result.stdout
    assert (
        "::warning file=data/courses/testby.yaml,line=14,title=Indgang::Kurset blev sidst "
        "tjekket 2025-06-01 (over 12 måneder siden)." in result.stdout
    )


# -- (b) scaffolding --------------------------------------------------------------------------
NEW = [
    "new-course",
    "--municipality",
    "testby",
    "--id",
    "mindfulness",
    "--title",
    'Mindfulness: "ro" på tankerne',
    "--paragraph",
    "82a",
    "--format",
    "gruppe",
    "--entry-point",
    "indgangen",
    "--access",
    "uvisiteret",
    "--target-group",
    "adhd",
    "--target-group",
    "psykisk-saarbarhed",
]


def course_keys() -> list[str]:
    reference = editors_guide.build_reference(ROOT / "data")
    return [row.key for row in reference.sections[0].rows]


def test_new_course_validates_builds_and_shows_every_field(make_data, fixture_project, tmp_path):
    data = make_data()
    result = cli(*NEW, "--weeks", "4-8", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "Kurset «mindfulness» er tilføjet i data/courses/testby.yaml (linje 33)" in result.stdout
    text = (data / "courses" / "testby.yaml").read_text(encoding="utf-8")
    entry = text[text.index("- id: mindfulness") :]
    assert text.count("\n") - entry.count("\n") + 1 == 33
    assert f"reviewed: {TEST_TODAY}" in entry
    assert 'weeks: "4-8"' in entry
    for key in course_keys():  # every field, optional ones as comments
        field = re.split(r"\.|\[\]\.", key)[-1]
        assert re.search(rf"^[ #-]*{field}:", entry, re.M), key
    assert "# active_to:" in entry and "# group_size:" in entry

    checked = validate(data, TODAY)
    assert errors_only(checked.problems) == []
    site = tmp_path / "out"
    built = build_site(fixture_project(data), site)
    assert built.returncode == 0, built.stderr
    page = (site / "courses" / "testby" / "mindfulness" / "index.html").read_text(encoding="utf-8")
    assert (
        "Mindfulness: &#34;ro&#34; på tankerne" in page
        or "Mindfulness: &quot;ro&quot; på tankerne" in page
    )
    assert "4–8 uger" in page


def test_new_course_refuses_an_existing_id_and_leaves_the_file(make_data):
    data = make_data()
    before = (data / "courses" / "testby.yaml").read_bytes()
    args = [*NEW, "--data", str(data)]
    args[args.index("mindfulness")] = "nada"
    result = cli(*args)
    assert result.returncode == 1
    assert (
        "Der findes allerede et kursus med id «nada» i data/courses/testby.yaml (linje 1). "
        "Et id skal være unikt i kommunens fil. Vælg et andet id, fx «nada-2»" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (data / "courses" / "testby.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        (
            "--municipality",
            "testbyen",
            "Der findes ingen kommune med id «testbyen». Mente du «testby»?",
        ),
        (
            "--entry-point",
            "indgang",
            "Kommunen «testby» har ingen indgang med id «indgang». Mente du «indgangen»?",
        ),
        (
            "--format",
            "grupe",
            "«grupe» er ikke en gyldig værdi for form (--format). Mente du «gruppe»?",
        ),
        (
            "--target-group",
            "adhd,ensom",
            "«ensom» er ikke en gyldig værdi for målgruppe (--target-group).",
        ),
        ("--paragraph", "82e", "«82e» er ikke en gyldig værdi for paragraf (--paragraph)."),
        (
            "--id",
            "Mindfulness",
            "Id'et «Mindfulness» må kun have små bogstaver (a-z), tal og bindestreger, fx «mindfulness».",
        ),
        ("--weeks", "8 uger", "«8 uger» er ikke et gyldigt tal eller spænd for uger (--weeks)."),
    ],
)
def test_new_course_refuses_unknown_values(make_data, flag, value, message):
    data = make_data()
    before = (data / "courses" / "testby.yaml").read_bytes()
    args = [*NEW, "--data", str(data)]
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    result = cli(*args)
    assert result.returncode == 1
    assert message in result.stderr
    assert (data / "courses" / "testby.yaml").read_bytes() == before


def test_new_course_rolls_back_when_the_result_is_invalid(make_data):
    data = make_data()
    before = (data / "courses" / "testby.yaml").read_bytes()
    result = cli(
        *NEW, "--active-from", "2027-02-01", "--active-to", "2027-01-01", "--data", str(data)
    )
    assert result.returncode == 1
    assert "Det nye kursus gav fejl, så filen er ikke ændret" in result.stderr
    assert "«active_to» ligger før «active_from»" in result.stderr
    assert (data / "courses" / "testby.yaml").read_bytes() == before


def test_new_course_without_flags_and_without_a_terminal_says_what_is_missing(make_data):
    data = make_data()
    result = cli("new-course", "--municipality", "testby", "--data", str(data), stdin="")
    assert result.returncode == 1
    assert "Der mangler oplysninger: --title, --id, --paragraph" in result.stderr


def test_new_course_asks_questions_and_creates_a_missing_file(make_data):
    data = make_data({"courses/testby.yaml": None})
    answers = "\n".join(
        [
            "testby",  # municipality
            "Gå-gruppe for alle",  # title
            "",  # id: accept the suggestion
            "82c",
            "individuel",
            "",  # the only entry point
            "forkert",  # refused, asked again
            "uvisiteret",
            "adhd",
            "Vi går en tur sammen hver fredag.",
            "",
            "",
        ]
    )
    result = cli("new-course", "--interactive", "--data", str(data), stdin=answers + "\n")
    assert result.returncode == 0, result.stderr
    assert "«forkert» er ikke en gyldig værdi for adgang" in result.stderr
    text = (data / "courses" / "testby.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Kurser i Testby Kommune.")
    assert "- id: gaa-gruppe-for-alle" in text
    assert "Vi går en tur sammen hver fredag." in text
    assert errors_only(validate(data, TODAY).problems) == []


# -- (c) the field reference ------------------------------------------------------------------
def yaml_key_paths(value: object, prefix: str = "") -> set[str]:
    """Every key path in a YAML value, written as the guide writes it."""
    paths: set[str] = set()
    if isinstance(value, Map):
        for key, item in value.items():
            path = f"{prefix}{key}"
            paths.add(path)
            paths |= yaml_key_paths(item, path + ".")
    elif isinstance(value, Seq):
        for item in value:
            paths |= yaml_key_paths(item, prefix[:-1] + "[]." if prefix else "")
    return paths


def guide_keys(data_dir: Path = ROOT / "data") -> dict[str, set[str]]:
    reference = editors_guide.build_reference(data_dir)
    return {s.file.path: {row.key for row in s.rows} for s in reference.sections}


def test_guide_lists_every_schema_field_of_every_table():
    reference = editors_guide.build_reference(ROOT / "data")
    assert reference.problems == []
    rendered = editors_guide.render_markdown(reference)
    for table, schema in load_schemas(ROOT / "data").items():
        for f in schema["fields"]:
            if f["name"] in AUTO_COLUMNS.get(table, set()) or f["name"].endswith("_max"):
                continue
            key = layout.yaml_key(table, f["name"]).split(".")[-1]
            assert re.search(rf"`[^`]*{re.escape(key)}s?`", rendered), (table, key)
            assert f["description"][-25:] in rendered, (table, f["name"])


def test_guide_explains_every_key_flatten_accepts_and_every_key_in_the_data():
    keys = guide_keys()
    schemas = load_schemas(ROOT / "data")
    flattener = Flattener(
        ROOT / "data", {n: [f["name"] for f in s["fields"]] for n, s in schemas.items()}
    )
    all_keys = set().union(*keys.values())
    last = {k.split("[].")[-1].split(".")[-1] for k in all_keys}
    for table in schemas:
        for key in flattener.editable_keys(table):
            assert key in last, (table, key)
    # Every data file of the layout, as shipped: a file added to the layout is checked here too.
    files = {
        df.path: (
            sorted((ROOT / "data" / df.folder).glob("*.yaml"))
            if df.folder
            else [ROOT / "data" / df.name]
        )
        for df in layout.LAYOUT
    }
    assert set(files) == set(keys)
    for guide_path, paths in files.items():
        assert paths, f"no shipped file shows {guide_path}"
        for path in paths:
            value, problems = load_file(path, path.name)
            assert not problems
            used = yaml_key_paths(value)
            assert used, path
            assert used <= keys[guide_path], (path.name, used - keys[guide_path])


def test_guide_shows_types_required_and_allowed_values_on_the_site_page(site_dir):
    html = (site_dir / "redaktoer" / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")
    text = re.sub(r"<[^>]+>", "", html)
    for key in ("duration.weeks", "law_text.quote", "entry_points[].hours[].days", "target_groups"):
        assert f"{key}" in text, key
    row = re.search(r"entry_points\[\]\.hours\[\]\.channel(.*?)</tr>", html, re.S)[1]
    assert "fremmoede" in row and "kontaktformular" in row and ">ja<" in row
    row = re.search(r"<code>format</code>(.*?)</tr>", html, re.S)[1]
    assert "gruppe" in row and "aaben" in row and "tekst" in row
    assert "psykisk-saarbarhed" in text
    other = (site_dir / "snitflader" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./redaktoer/"[^>]*>\s*(<span[^>]*>)?\s*For redaktører', other)


def test_a_new_schema_field_makes_the_guide_stale_until_regenerated(make_data, tmp_path):
    data = make_data()
    contributing = tmp_path / "CONTRIBUTING.md"
    shutil.copy(CONTRIBUTING, contributing)
    args = ["--data", str(data), "--file", str(contributing)]
    assert cli("editors-guide", "--check", *args).returncode == 0
    text = (data / "schemas" / "courses.yaml").read_text(encoding="utf-8")
    new_field = (
        "  - {name: waiting_list, type: string, title: Venteliste, "
        'description: "Om der er venteliste, og hvor lang den er."}\n'
    )
    (data / "schemas" / "courses.yaml").write_text(
        text.replace("primaryKey:", new_field + "primaryKey:", 1), encoding="utf-8"
    )
    assert "waiting_list" in guide_keys(data)["data/courses/<kommune>.yaml"]
    stale = cli("editors-guide", "--check", *args)
    assert stale.returncode == 1
    assert "Feltreferencen i CONTRIBUTING.md passer ikke med skemaerne" in stale.stderr
    assert "waiting_list" not in contributing.read_text(encoding="utf-8")
    assert cli("editors-guide", *args).returncode == 0
    assert "| `waiting_list` | nej | tekst |  | Om der er venteliste" in contributing.read_text(
        encoding="utf-8"
    )
    assert cli("editors-guide", "--check", *args).returncode == 0


def test_a_schema_field_without_a_danish_description_fails_the_check(make_data, tmp_path):
    data = make_data()
    contributing = tmp_path / "CONTRIBUTING.md"
    shutil.copy(CONTRIBUTING, contributing)
    text = (data / "schemas" / "courses.yaml").read_text(encoding="utf-8")
    (data / "schemas" / "courses.yaml").write_text(
        text.replace("primaryKey:", "  - {name: waiting_list, type: string}\nprimaryKey:", 1),
        encoding="utf-8",
    )
    for extra in (["--check"], []):  # regenerating cannot fix it either
        result = cli("editors-guide", *extra, "--data", str(data), "--file", str(contributing))
        assert result.returncode == 1
        assert (
            "Feltet «waiting_list» i data/schemas/ (tabellen courses) mangler en dansk titel og "
            "beskrivelse" in result.stderr
        )


def test_a_table_the_guide_does_not_place_is_a_problem(make_data):
    data = make_data()
    package = data / "datapackage.yaml"
    package.write_text(
        package.read_text(encoding="utf-8")
        + "  - {name: waiting_lists, path: waiting_lists.csv, schema: schemas/sources.yaml}\n",
        encoding="utf-8",
    )
    problems = editors_guide.build_reference(data).problems
    assert any("Tabellen «waiting_lists»" in p for p in problems)


# -- (d) CONTRIBUTING.md ----------------------------------------------------------------------
def test_contributing_is_up_to_date_as_ci_checks_it():
    result = run(GUIDE_CHECK)
    assert result.returncode == 0, result.stderr


def example_block(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    section = text[text.index("## Et komplet eksempel") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S)[1]


def test_the_complete_example_is_the_same_on_the_site_and_is_valid(make_data):
    example = example_block(CONTRIBUTING)
    assert example == example_block(EDITORS_PAGE)
    course_file = ROOT / "data" / "courses" / "ikast-brande.yaml"
    data = make_data(
        {"courses/ikast-brande.yaml": course_file.read_text(encoding="utf-8") + "\n" + example},
        base=ROOT / "data",
    )
    result = validate(data, TODAY)
    assert result.problems == []
    keys = yaml_key_paths(load_file(data / "courses" / "ikast-brande.yaml", "x")[0])
    assert keys == guide_keys()["data/courses/<kommune>.yaml"], "the example shows every field"


MISTAKES = [
    (
        "format: gruppe",
        "format: grupe",
        "«grupe» i «format» findes ikke blandt formerne (data/vocabularies.yaml). Mente du «gruppe»?",
    ),
    ("  title:", "  titel:", "Ukendt felt «titel» i kurset. Mente du «title»?"),
    (
        "reviewed: 2026-11-22",
        "reviewed: 22-11-2026",
        "«22-11-2026» i «reviewed» er ikke en gyldig dato.",
    ),
    (
        'title: "Mindfulness – ro på tankerne"',
        "title: Mindfulness: ro på",
        "Der står et kolon (:) et sted, hvor YAML ikke venter det",
    ),
    (
        "  access: uvisiteret",
        "   access: uvisiteret",
        "Indrykningen passer ikke. Felter i samme post skal stå præcis lige langt inde.",
    ),
    ("  source: ikast-brande-2026\n", "", "Feltet «source» mangler."),
    ("id: mindfulness", "id: nada", "«nada» i «id» er brugt før"),
    (
        "entry_point: din-indgang",
        "entry_point: dinindgang",
        "«dinindgang» i «entry_point» findes ikke blandt kommunens indgange",
    ),
    ('closes: "12:00"', 'closes: "12.00"', "«12.00» i «closes» er ikke et gyldigt klokkeslæt."),
    ('closes: "12:00"', 'closes: "09:00"', "closes (09:00) skal være senere end opens (10:00)."),
    (
        "weeks: 8",
        "weeks: 8 uger",
        "«duration.weeks» skal være et helt tal (fx 12) eller et spænd i anførselstegn",
    ),
    (
        "days: [tirsdag]",
        "days: [tirsdage]",
        "«tirsdage» er ikke en gyldig værdi i «days». Mente du «tirsdag»?",
    ),
    (
        "reviewed: 2026-11-22",
        "reviewed: 2025-06-01",
        "Kurset blev sidst tjekket 2025-06-01 (over 12 måneder siden).",
    ),
]


@pytest.mark.parametrize(
    ("before", "after", "message"), MISTAKES, ids=[m[2][:30] for m in MISTAKES]
)
def test_common_mistakes_in_the_guide_give_the_messages_it_quotes(
    make_data, before, after, message
):
    assert f"| {message}" in CONTRIBUTING.read_text(encoding="utf-8")
    example = example_block(CONTRIBUTING)
    assert before in example
    course_file = ROOT / "data" / "courses" / "ikast-brande.yaml"
    data = make_data(
        {
            "courses/ikast-brande.yaml": course_file.read_text(encoding="utf-8")
            + "\n"
            + example.replace(before, after, 1)
        },
        base=ROOT / "data",
    )
    messages = [p.message for p in validate(data, TODAY).problems]
    assert any(m.startswith(message) or message in m for m in messages), messages


def test_pre_commit_runs_the_same_validation_and_ruff():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert hooks["indgang-validate"]["entry"] == ".venv/bin/python scripts/indgang.py validate"
    assert (
        hooks["indgang-editors-guide"]["entry"]
        == ".venv/bin/python scripts/indgang.py editors-guide --check"
    )
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
    for hook in hooks.values():
        assert hook["language"] == "system"


# -- stale, ended and past data ---------------------------------------------------------------
def test_stale_and_ended_courses_on_their_pages(make_data, fixture_project, tmp_path):
    stale = MIN_COURSES.replace("reviewed: 2026-11-01", "reviewed: 2025-11-21", 1)  # nada
    ended = stale.replace(
        "  active_from: 2026-01-01\n", "  active_from: 2026-01-01\n  active_to: 2026-06-30\n"
    )
    muni = (FIXTURES / "minimal" / "municipalities" / "testby.yaml").read_text(encoding="utf-8")
    past = muni.replace(
        "    closed:\n",
        "    closed:\n      - from: 2026-07-01\n        to: 2026-07-31\n        note: Sommerferie\n",
    )
    data = make_data({"courses/testby.yaml": ended, "municipalities/testby.yaml": past})
    warnings = [p for p in validate(data, TODAY).problems if p.severity == "advarsel"]
    assert [(p.file, p.line) for p in warnings] == [("data/courses/testby.yaml", 14)]

    site = tmp_path / "out"
    result = build_site(fixture_project(data), site)
    assert result.returncode == 0, result.stderr

    def text(url: str) -> str:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        return " ".join(re.sub(r"<[^>]+>", " ", html).split())

    nada = text("courses/testby/nada")
    assert (
        "Oplysningerne er over et år gamle – kontakt kommunen for at høre, om de stadig gælder."
        in nada
    )
    assert "Senest tjekket 21. november 2025" in nada
    support = text("courses/testby/individuel-stoette")
    assert "over et år gamle" not in support
    assert "Senest tjekket" in support
    assert "Tilbuddet er slut" in support  # ended: the page stays, saying so
    assert "individuel-stoette" not in (site / "courses" / "index.html").read_text(encoding="utf-8")
    municipality = text("kommuner/testby")
    assert "Lukket mellem jul og nytår" in municipality
    assert "Sommerferie" not in municipality  # a past closed period is ignored


def test_stale_means_more_than_twelve_months():
    from macros.catalogue.model import Course
    from macros.views.courses import is_stale

    def course(reviewed: date) -> Course:
        return Course(
            municipality="m",
            id="c",
            title="C",
            paragraph="82a",
            format="gruppe",
            entry_point="e",
            description="d",
            access="uvisiteret",
            source="s",
            reviewed=reviewed,
        )

    assert not is_stale(course(date(2025, 11, 22)), TODAY)
    assert is_stale(course(date(2025, 11, 21)), TODAY)


def test_past_closed_periods_are_ignored():
    ep = EntryPoint(municipality="m", id="e", name="E", description="d", source="s")
    ep.closures = [
        Closure(date(2026, 7, 1), date(2026, 7, 31), "Sommerferie"),  # over
        Closure(date(2026, 11, 20), date(2026, 11, 22), "Kursus"),  # ends today: still shown
        Closure(date(2026, 12, 24), date(2026, 12, 26), "Jul"),
    ]
    closures = places.upcoming_closures(ep, TODAY)
    assert [c["note"] for c in closures] == ["Kursus", "Jul"]
    assert places.upcoming_closures(ep, date(2027, 1, 1)) == []
