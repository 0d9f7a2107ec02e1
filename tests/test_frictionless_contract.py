"""What `macros/catalogue/validate.py` relies on in Frictionless 5: fails loudly on an upgrade.

Validation reads Frictionless' errors by their structure (class, row number, field, cell, a
foreign key's fields and reference), not by their English text. The one exception, which
constraint a cell broke, is read by `failed_constraint`; these tests check it against the errors
Frictionless itself raises, for every constraint the schemas use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from frictionless import Package, Resource, Schema
from frictionless import errors as fl_errors

from macros.catalogue import validate as validation
from macros.catalogue.flatten import Row
from tests.test_validate_errors import CASES, Case, errors

ROOT = Path(__file__).resolve().parent.parent

# Constraint -> a field with it and a cell that breaks it.
BROKEN: dict[str, tuple[dict[str, Any], Any]] = {
    "required": ({"type": "string", "constraints": {"required": True}}, None),
    "enum": ({"type": "string", "constraints": {"enum": ["a", "b"]}}, "c"),
    "pattern": ({"type": "string", "constraints": {"pattern": "[a-z]+"}}, "A B"),
    "maxLength": ({"type": "string", "constraints": {"maxLength": 2}}, "abc"),
    "minimum": ({"type": "integer", "constraints": {"minimum": 1}}, "0"),
    "maximum": ({"type": "date", "constraints": {"maximum": "2099-12-31"}}, "2100-01-01"),
}


def constraints_in_schemas() -> set[str]:
    used: set[str] = set()
    for path in (ROOT / "data" / "schemas").glob("*.yaml"):
        for field in yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]:
            used.update(field.get("constraints", {}))
    return used


def frictionless_errors(field: dict[str, Any], cell: Any) -> list[fl_errors.Error]:
    # A second, valid cell keeps the row from being blank when `cell` is empty.
    fields = [{"name": "f", **field}, {"name": "g", "type": "string"}]
    report = Resource(
        data=[["f", "g"], [cell, "x"]], schema=Schema.from_descriptor({"fields": fields})
    ).validate()
    return [e for task in report.tasks for e in task.errors]


def test_every_constraint_the_schemas_use_is_checked_here():
    # `unique` is no cell check: it raises a `unique-error`, told apart by its class.
    assert constraints_in_schemas() - {"unique"} <= set(BROKEN)


@pytest.mark.parametrize("constraint", sorted(BROKEN))
def test_failed_constraint_names_the_constraint_frictionless_checked(constraint: str):
    field, cell = BROKEN[constraint]
    (error,) = frictionless_errors(field, cell)
    assert isinstance(error, fl_errors.ConstraintError)
    assert (error.field_name, error.row_number) == ("f", 2)
    assert validation.failed_constraint(error) == constraint


def test_failed_constraint_of_a_note_it_does_not_know_is_empty():
    (error,) = frictionless_errors(*BROKEN["enum"])
    error.note = "the value is not one of the options"
    assert validation.failed_constraint(error) == ""


def test_a_foreign_key_error_names_its_key_and_reference():
    schema = {
        "fields": [{"name": "ref", "type": "string"}],
        "foreignKeys": [{"fields": ["ref"], "reference": {"resource": "target", "fields": ["id"]}}],
    }
    package = Package(
        resources=[
            Resource(name="source", data=[["ref"], ["b"]], schema=Schema.from_descriptor(schema)),
            Resource(name="target", data=[["id"], ["a"]]),
        ]
    )
    report = package.get_resource("source").validate()
    (error,) = [e for task in report.tasks for e in task.errors]
    assert isinstance(error, fl_errors.ForeignKeyError)
    assert (error.row_number, error.field_names, error.reference_name) == (2, ["ref"], "target")
    assert error.reference_field_names == ["id"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_messages_do_not_read_the_errors_text(case: Case, make_data, monkeypatch):
    """With every note scrambled (a constraint error's down to the constraint's name), the
    editors get the same messages: nothing but `failed_constraint` reads the text."""
    translate = validation.translate

    def scrambled(table, error, *args, **kwargs):
        if isinstance(error, fl_errors.ConstraintError):
            error.note = f'constraint "{validation.failed_constraint(error)}" is "?"'
        else:
            error.note = "?"
        return translate(table, error, *args, **kwargs)

    monkeypatch.setattr(validation, "translate", scrambled)
    assert errors(make_data, case.files) == case.errors


class Counted(str):
    """A cell that counts how often Frictionless deep-copies it."""

    copies: ClassVar[list[str]] = []

    def __deepcopy__(self, memo: dict[int, Any]) -> Counted:
        Counted.copies.append(str(self))
        return self


def two_tables() -> tuple[dict[str, Any], dict[str, list[Row]]]:
    """A table whose foreign key points into another, as `validate_tables` hands them over."""
    schemas = {
        "source": {
            "fields": [{"name": "ref", "type": "string"}],
            "foreignKeys": [
                {"fields": ["ref"], "reference": {"resource": "target", "fields": ["id"]}}
            ],
        },
        "target": {"fields": [{"name": "id", "type": "string"}]},
    }
    tables = {
        "source": [
            Row("s.yaml", 1, {"ref": Counted("a")}),
            Row("s.yaml", 2, {"ref": Counted("b")}),
        ],
        "target": [Row("t.yaml", 1, {"id": Counted("a")})],
    }
    return schemas, tables


def test_the_rows_handed_to_frictionless_are_never_copied():
    schemas, tables = two_tables()
    Counted.copies.clear()
    resource = validation._package_for("source", schemas, tables).get_resource("source")
    report = resource.validate()
    # The lookup ran (the broken reference is found), and no cell was copied for it.
    assert [(e.type, e.row_number) for t in report.tasks for e in t.errors] == [("foreign-key", 3)]
    assert Counted.copies == []


def test_frictionless_still_deep_copies_rows_given_as_a_list():
    """Why `_resource` hands the rows over behind a function: if this fails, Frictionless no
    longer copies inline data and a plain list would do."""
    schemas, tables = two_tables()
    Counted.copies.clear()
    resources = [
        Resource(
            name=name,
            data=[[f["name"] for f in schemas[name]["fields"]]]
            + [list(r.values.values()) for r in tables[name]],
            schema=Schema.from_descriptor(schemas[name]),
        )
        for name in schemas
    ]
    Package(resources=resources).get_resource("source").validate()
    assert Counted.copies != []
