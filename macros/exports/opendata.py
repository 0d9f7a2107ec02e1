"""The validated catalogue published as a Frictionless Data Package: CSV files + datapackage.json.

Design note: the published package is the same package the build validates (`data/datapackage.yaml`
and `data/schemas/`), so its tables, columns and constraints can never drift from what editors are
checked against. Columns follow the schema order; typed values are written in one canonical form
(ISO dates, `HH:MM` times as the schemas' `format` says, plain integers, empty cell for a missing
value), so two builds of the same data give byte-identical files. The schema descriptions are in
Danish, as the editors' guide; they double as documentation for re-users.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from macros.catalogue import safety
from macros.catalogue.model import Catalogue
from macros.catalogue.validate import load_package_descriptor, load_schemas
from macros.views import urls

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SITE_DIR = "data"  # site folder of the published package
DESCRIPTOR = f"{SITE_DIR}/datapackage.json"
TYPE_LABELS = {
    "string": "tekst",
    "integer": "heltal",
    "number": "tal",
    "boolean": "ja/nej",
    "date": "dato",
    "time": "klokkeslæt",
    "datetime": "tidspunkt",
}
FORMAT_LABELS = {"email": "e-mailadresse", "uri": "webadresse"}
# Spreadsheets read a cell that starts with = + - @ as a formula (CSV injection): free text is
# written with an apostrophe in front (safety.spreadsheet_safe), and the package says so.
SPREADSHEET_NOTE = (
    "En tekst, der begynder med =, +, -, @, tabulator eller vognretur, står i CSV-filerne med en "
    "apostrof (') foran, så et regneark ikke læser den som en formel. Det gælder kun "
    "tekstkolonner uden fast mønster eller faste værdier (ikke fx id'er og telefonnumre); "
    "fjern apostroffen, hvis du bruger teksten i et andet program."
)
DESCRIPTION = (
    "Kommunernes indgange, åbningstider og kurser efter §§ 82 a-d og § 85 i serviceloven, "
    "som de står på Indgang. Alle tabeller er tjekket mod skemaerne, før siden blev bygget. "
    + SPREADSHEET_NOTE
)


@cache
def _descriptor(data_dir: Path) -> dict[str, Any]:
    return load_package_descriptor(data_dir)


@cache
def _schemas(data_dir: Path) -> dict[str, dict[str, Any]]:
    return load_schemas(data_dir)


def resources(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """The package's resources: name, CSV file name and table schema, in package order."""
    schemas = _schemas(data_dir)
    return [
        {"name": r["name"], "path": r["path"], "schema": schemas[r["name"]]}
        for r in _descriptor(data_dir)["resources"]
    ]


def cell(value: Any, field: dict[str, Any]) -> str:
    """A typed value in its canonical CSV text (the form the field's schema reads back)."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        # the field's own words (paragraph_stated reads "ja"/"nej"), else Frictionless' default
        words = field.get("trueValues" if value else "falseValues")
        return words[0] if words else ("true" if value else "false")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        fmt = field.get("format")
        if fmt and fmt != "default" and fmt != "any":
            return value.strftime(fmt)
        return value.isoformat()
    return str(value)


def table_csv(rows: list[dict[str, Any]], schema: dict[str, Any]) -> str:
    """One table as CSV (RFC 4180: header row, CRLF line ends, quoting only where needed)."""
    fields = schema["fields"]
    text = [safety.is_free_text(f) for f in fields]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    for row in rows:
        values = [cell(row.get(f["name"]), f) for f in fields]
        writer.writerow(
            [safety.spreadsheet_safe(v) if t else v for v, t in zip(values, text, strict=True)]
        )
    return out.getvalue()


def package_descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """datapackage.json for the published CSV files (schemas inlined, licence kept)."""
    source = _descriptor(data_dir)
    descriptor: dict[str, Any] = {
        "name": source["name"],
        "title": source["title"],
        "description": DESCRIPTION,
        "licenses": source["licenses"],
        "resources": [],
    }
    for r in resources(data_dir):
        descriptor["resources"].append(
            {
                "name": r["name"],
                "path": r["path"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": r["schema"],
            }
        )
    return descriptor


def descriptor_json(data_dir: Path = DATA_DIR) -> str:
    return json.dumps(package_descriptor(data_dir), ensure_ascii=False, indent=2) + "\n"


def generated_files(cat: Catalogue, data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Site path -> content: one CSV per table plus datapackage.json."""
    files = {
        f"{SITE_DIR}/{r['path']}": table_csv(cat.tables[r["name"]], r["schema"])
        for r in resources(data_dir)
    }
    files[DESCRIPTOR] = descriptor_json(data_dir)
    return files


def table_overview(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """Tables and their fields, for the "Åbne data" page (from the schemas, never by hand)."""
    tables = []
    for r in resources(data_dir):
        schema = r["schema"]
        fields = []
        for f in schema["fields"]:
            constraints = f.get("constraints", {})
            fields.append(
                {
                    "name": f["name"],
                    "title": f.get("title", ""),
                    "type": f["type"],
                    "type_label": FORMAT_LABELS.get(
                        f.get("format", ""), TYPE_LABELS.get(f["type"], f["type"])
                    ),
                    "format": f.get("format", ""),
                    "required": bool(constraints.get("required")),
                    "enum": [str(v) for v in constraints.get("enum", [])],
                    "description": f.get("description", ""),
                }
            )
        references = [
            {"fields": fk["fields"], "resource": fk["reference"]["resource"]}
            for fk in schema.get("foreignKeys", [])
        ]
        tables.append(
            {
                "name": r["name"],
                "path": f"{SITE_DIR}/{r['path']}",
                "fields": fields,
                "primary_key": list(schema.get("primaryKey", [])),
                "references": references,
            }
        )
    return tables


def licence(data_dir: Path = DATA_DIR) -> dict[str, str]:
    first = _descriptor(data_dir)["licenses"][0]
    return {
        "name": first["name"],
        "title": first.get("title", first["name"]),
        "path": first.get("path", ""),
    }


def page_view(cat: Catalogue, here: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Everything the "Åbne data" page shows, with links relative to page `here`."""
    from macros.exports import (  # both import the catalogue model; keep this module light
        calendars,
        hsds,
    )

    tables = []
    for t in table_overview(data_dir):
        tables.append(
            {
                **t,
                "file": t["path"].rsplit("/", 1)[-1],
                "href": urls.asset(here, t["path"]),
                "rows": len(cat.tables[t["name"]]),
            }
        )
    return {
        "built": cat.today,
        "descriptor_href": urls.asset(here, DESCRIPTOR),
        "hsds_href": urls.asset(here, hsds.SITE_PATH),
        "tables": tables,
        "licence": licence(data_dir),
        "calendars": calendars.calendar_list(cat, here),
        "course_calendars": calendars.course_calendar_count(cat),
        "spreadsheet_note": SPREADSHEET_NOTE,
    }
