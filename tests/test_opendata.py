"""The published Data Package: validated with Frictionless' own command line, as a re-user would."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
import yaml

from macros.catalogue import model as catalogue
from macros.exports import opendata
from tests.conftest import TEST_TODAY

ROOT = Path(__file__).resolve().parent.parent
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def frictionless_validate(descriptor: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def schema_columns() -> dict[str, tuple[str, list[str]]]:
    """Resource name -> (CSV file name, column names in schema order), from data/."""
    package = yaml.safe_load((ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    out = {}
    for r in package["resources"]:
        schema = yaml.safe_load((ROOT / "data" / r["schema"]).read_text(encoding="utf-8"))
        out[r["name"]] = (r["path"], [f["name"] for f in schema["fields"]])
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_cli_validates_the_published_package(site_dir):
    descriptor = site_dir / "data" / "datapackage.json"
    assert descriptor.is_file()
    result = frictionless_validate(descriptor)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INVALID" not in result.stdout


def test_frictionless_cli_catches_a_broken_reference(site_dir, tmp_path):
    """The check above can fail: a course pointing at a missing entry point is reported."""
    copy = tmp_path / "data"
    shutil.copytree(site_dir / "data", copy)
    courses = copy / "courses.csv"
    rows = read_csv(courses)
    rows[0]["entry_point"] = "findes-ikke"
    with courses.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    result = frictionless_validate(copy / "datapackage.json")
    assert result.returncode != 0
    assert "foreign-key" in result.stdout


def test_every_table_is_published_with_schema_column_order(site_dir):
    descriptor = json.loads((site_dir / "data" / "datapackage.json").read_text(encoding="utf-8"))
    published = {r["name"]: r for r in descriptor["resources"]}
    expected = schema_columns()
    assert list(published) == list(expected)
    for name, (path, columns) in expected.items():
        resource = published[name]
        assert resource["path"] == path
        assert [f["name"] for f in resource["schema"]["fields"]] == columns
        with (site_dir / "data" / path).open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == columns, path


def test_licence_is_cc_by_4(site_dir):
    descriptor = json.loads((site_dir / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]


def test_rows_match_the_catalogue(site_dir):
    """Every typed row is published, none twice."""
    cat = catalogue.load(ROOT / "data", date.fromisoformat(TEST_TODAY))
    for name, (path, _) in schema_columns().items():
        assert len(read_csv(site_dir / "data" / path)) == len(cat.tables[name]), path


def test_values_are_canonical(site_dir):
    hours = read_csv(site_dir / "data" / "hours.csv")
    walk_in = [
        r
        for r in hours
        if (r["municipality"], r["entry_point"], r["channel"])
        == ("ikast-brande", "din-indgang", "fremmoede")
    ]
    assert [(r["day"], r["opens"], r["closes"]) for r in walk_in] == [("tirsdag", "09:00", "11:00")]
    for row in hours:
        assert re.fullmatch(r"(\d\d:\d\d)?", row["opens"]), row
        assert re.fullmatch(r"(\d\d:\d\d)?", row["closes"]), row
    courses = read_csv(site_dir / "data" / "courses.csv")
    for row in courses:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["reviewed"])
        for column in ("weeks_min", "sessions_min", "group_size_max"):
            assert re.fullmatch(r"(\d+)?", row[column]), (column, row[column])
    raw = (site_dir / "data" / "courses.csv").read_bytes()
    assert raw.count(b"\r\n") >= len(courses) + 1  # RFC 4180 line ends


def test_cell_serialisation():
    assert opendata.cell(None, {"type": "string"}) == ""
    assert opendata.cell(date(2026, 1, 2), {"type": "date"}) == "2026-01-02"
    assert opendata.cell(time(9, 0), {"type": "time", "format": "%H:%M"}) == "09:00"
    assert opendata.cell(time(9, 0), {"type": "time"}) == "09:00:00"
    assert opendata.cell(12, {"type": "integer"}) == "12"
    assert opendata.cell(True, {"type": "boolean"}) == "true"


def test_build_is_reproducible():
    cat = catalogue.load(ROOT / "data", date(2026, 11, 22))
    assert opendata.generated_files(cat) == opendata.generated_files(cat)


@pytest.fixture(scope="module")
def data_page(site_dir) -> str:
    return (site_dir / "data" / "index.html").read_text(encoding="utf-8")


def test_data_page_lists_every_table_and_field(data_page):
    for name, (path, columns) in schema_columns().items():
        assert f'href="{path}"' in data_page, path
        assert f'id="tabel-{name.replace("_", "-")}"' in data_page
        for column in columns:
            assert f"<code>{column}</code>" in data_page, (name, column)


def test_data_page_links_resolve(site_dir, data_page):
    hrefs = re.findall(r'href="([^"#:]+\.(?:csv|json|ics))"', data_page)
    assert "datapackage.json" in hrefs
    assert "hsds.json" in hrefs
    assert any(h.endswith(".ics") for h in hrefs)
    for href in hrefs:
        assert (site_dir / "data" / href).resolve().is_file(), href


def test_data_page_states_the_licence(data_page):
    assert "CC-BY-4.0" in data_page
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in data_page


def test_data_page_is_in_the_navigation(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="data/"[^>]*>\s*(<[^>]+>\s*)*Åbne data', html)
