"""Validation in two processes (`macros/catalogue/forked.py`) finds what one process finds.

The build validates with `fork=True` (part of the course files and part of the tables'
Frictionless check in a child); `make validate` and the tests in one process. These tests
show that both give the same problems in the same order and the same typed rows, on the
shipped data and on a copy with mistakes in every course file and in tables of both shares,
and that a child that fails cannot pass for one that succeeded.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from macros.catalogue import flatten, validate
from macros.catalogue.datafiles import yaml_files
from macros.catalogue.forked import Forked, ForkedError, can_fork
from macros.guides import all_data
from scripts.gates import copy_data

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork is used on Linux only")


def test_the_result_comes_from_a_child_process() -> None:
    with Forked(os.getpid, fork=True) as other:
        assert other.result() != os.getpid()
    with Forked(os.getpid, fork=False) as same:
        assert same.result() == os.getpid()


def test_an_exception_in_the_child_is_raised_with_its_traceback() -> None:
    def fail() -> None:
        raise ValueError("kaput")

    with Forked(fail, fork=True) as other, pytest.raises(ForkedError, match="ValueError: kaput"):
        other.result()


def test_a_child_that_dies_is_an_error_not_an_empty_result() -> None:
    with Forked(lambda: os._exit(3), fork=True) as other, pytest.raises(ForkedError, match="3"):
        other.result()


def test_leaving_the_block_stops_a_child_nobody_waits_for() -> None:
    import time

    forked = Forked(lambda: time.sleep(60), fork=True)
    with forked:
        process = forked._process
        assert process is not None and process.is_alive()
    assert not process.is_alive()


def broken_copy(tmp_path: Path) -> Path:
    """The shipped data with a mistake in every course file (so in both parts the course
    files are split into) and in a table of each share of the tables' check."""
    data = copy_data(tmp_path, ROOT / "data")
    for path in yaml_files(data / "courses"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"paragraph: 82b", "paragraph: 82x", text, count=1)  # courses
        text = re.sub(r"target_groups: \[", "target_groups: [ukendt-gruppe, ", text, count=1)
        path.write_text(text + "- id: uden-titel\n", encoding="utf-8")  # an incomplete course
    municipality = sorted((data / "municipalities").glob("*.yaml"))[0]
    text = municipality.read_text(encoding="utf-8")
    municipality.write_text(re.sub(r"\bdays: ", "days: [tirsdg] #", text, count=1), "utf-8")
    return data


def tables_with_errors(problems: list) -> set[str]:
    return {p.file.split("/")[1] for p in problems if p.severity == "fejl"}


@pytest.mark.parametrize("data", ["shipped", "broken"])
def test_two_processes_validate_as_one(tmp_path: Path, data: str) -> None:
    folder = ROOT / "data" if data == "shipped" else broken_copy(tmp_path)
    one = all_data.validate(folder, TODAY, fork=False)
    two = all_data.validate(folder, TODAY, fork=True)
    assert two.problems == one.problems
    assert two.tables == one.tables
    if data == "shipped":
        assert one.tables["courses"] and not [p for p in one.problems if p.severity == "fejl"]
    else:  # the mistakes reached both processes' parts
        errors = [p for p in one.problems if p.severity == "fejl"]
        files = {p.file for p in errors}
        assert {f"data/courses/{p.name}" for p in yaml_files(folder / "courses")} <= files
        assert "municipalities" in tables_with_errors(errors)
        # an unknown paragraph is the courses table's, an unknown group course_target_groups',
        # a misspelt day the hours': not all three are checked by the same process
        messages = " ".join(p.message for p in errors)
        assert "«82x»" in messages and "«ukendt-gruppe»" in messages
        schemas = validate.load_schemas(folder)
        columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
        theirs = validate.second_share(flatten.Flattener(folder, columns).run().tables)
        shares = {name in theirs for name in ("courses", "course_target_groups", "hours")}
        assert shares == {True, False}


def test_the_course_files_are_split_in_two_parts_of_about_equal_size() -> None:
    paths = yaml_files(ROOT / "data" / "courses")
    split = flatten._halfway(paths)
    assert 0 < split < len(paths)
    first = sum(p.stat().st_size for p in paths[:split])
    total = sum(p.stat().st_size for p in paths)
    assert first * 2 >= total > sum(p.stat().st_size for p in paths[: split - 1]) * 2


def test_each_process_checks_about_half_of_the_rows() -> None:
    schemas = validate.load_schemas(ROOT / "data")
    columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
    tables = flatten.Flattener(ROOT / "data", columns).run().tables
    theirs = validate.second_share(tables)
    rows = [sum(len(tables[n]) for n in tables if (n in theirs) == side) for side in (False, True)]
    largest = max(len(t) for t in tables.values())
    assert theirs and set(theirs) < set(tables)
    assert abs(rows[0] - rows[1]) <= largest
