"""The HSDS 3.0 export, validated offline against Open Referral's own JSON schemas.

The schemas are a verbatim copy of Open Referral HSDS 3.0 in tests/reference/hsds-3.0 (CC BY-SA 4.0). Their
cross-references ("phone.json") resolve through a local `referencing` registry only, so the test
never touches the network. Like upstream CI, objects are also checked with
`additionalProperties: false`, so a misspelt property name fails too.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from macros.catalogue import model as catalogue
from macros.exports import hsds
from macros.guides import all_data
from tests.conftest import TEST_TODAY

ROOT = Path(__file__).resolve().parent.parent
HSDS_SCHEMAS = ROOT / "tests" / "reference" / "hsds-3.0" / "schema"
# Top-level list in our document -> the official schema its items must match.
LISTS = {
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def _closed(schema: Any) -> Any:
    """A copy with additionalProperties: false on every object that lists its properties."""
    if isinstance(schema, dict):
        out = {k: _closed(v) for k, v in schema.items()}
        if isinstance(schema.get("properties"), dict):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema


@pytest.fixture(scope="session")
def registry() -> Registry:
    files = sorted(HSDS_SCHEMAS.glob("*.json"))
    assert files, f"HSDS 3.0 schemas missing in {HSDS_SCHEMAS}"
    resources = []
    for path in files:
        if path.name == "openapi.json":
            continue
        contents = _closed(json.loads(path.read_text(encoding="utf-8")))
        resources.append((path.name, Resource(contents=contents, specification=DRAFT202012)))
    # No `retrieve` hook: an unknown reference raises instead of being fetched.
    return Registry().with_resources(resources)


def validator(registry: Registry, schema_file: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": schema_file}, registry=registry, format_checker=FormatChecker()
    )


def problems(registry: Registry, document: dict[str, Any]) -> list[str]:
    found = []
    for key, schema_file in LISTS.items():
        check = validator(registry, schema_file)
        for i, item in enumerate(document[key]):
            found += [
                f"{key}[{i}]/{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in check.iter_errors(item)
            ]
    return found


@pytest.fixture(scope="module")
def published(site_dir) -> dict[str, Any]:
    return json.loads((site_dir / "data" / "hsds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cat() -> catalogue.Catalogue:
    return all_data.load(ROOT / "data", date.fromisoformat(TEST_TODAY))


def test_published_export_is_valid_hsds(registry, published):
    assert published["hsds_version"] == "3.0"
    assert problems(registry, published) == []


def test_counts_follow_the_catalogue(published, cat):
    assert len(published["organizations"]) == len(cat.municipalities)
    assert len(published["services"]) == len(cat.entry_points) + len(cat.courses)
    with_address = [ep for ep in cat.entry_points.values() if ep.address]
    assert len(published["locations"]) == len(with_address)
    phones = [p for s in published["services"] for p in s.get("phones", [])]
    assert len(phones) == sum(1 for ep in cat.entry_points.values() if ep.phone)


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("services", 0), "name"),
        (("services", 0), "status"),
        (("services", -1), "id"),
        (("organizations", 0), "description"),
        (("locations", 0), "location_type"),
        (("locations", 0, "addresses", 0), "postal_code"),
        (("services", "din-indgang", "phones", 0), "number"),
        (("taxonomy_terms", 0), "name"),
    ],
)
def test_a_missing_required_field_fails(registry, published, path, field):
    document = copy.deepcopy(published)
    node: Any = document
    for step in path:
        if step == "din-indgang":
            step = next(i for i, s in enumerate(node) if s.get("phones"))
        node = node[step]
    del node[field]
    assert any(f"'{field}' is a required property" in p for p in problems(registry, document))


def test_unknown_property_fails(registry, published):
    document = copy.deepcopy(published)
    document["services"][0]["opening_hours"] = "tirsdag"
    assert problems(registry, document)


def test_bad_enum_fails(registry, published):
    document = copy.deepcopy(published)
    document["services"][0]["schedules"] = [
        {"id": str(uuid.uuid4()), "freq": "DAILY", "byday": "TU"}
    ]
    assert any("'DAILY' is not one of" in p for p in problems(registry, document))


def test_references_point_at_published_objects(published):
    organizations = {o["id"] for o in published["organizations"]}
    locations = {loc["id"] for loc in published["locations"]}
    terms = {t["id"] for t in published["taxonomy_terms"]}
    taxonomies = {t["id"] for t in published["taxonomies"]}
    for service in published["services"]:
        assert service["organization_id"] in organizations
        for sal in service.get("service_at_locations", []):
            assert sal["service_id"] == service["id"]
            assert sal["location_id"] in locations
        for child in service.get("schedules", []) + service.get("phones", []):
            assert child["service_id"] == service["id"]
        for attribute in service.get("attributes", []):
            assert attribute["link_id"] == service["id"]
            assert attribute["taxonomy_term_id"] in terms
    for loc in published["locations"]:
        assert loc["organization_id"] in organizations
    for term in published["taxonomy_terms"]:
        assert term["taxonomy_id"] in taxonomies


def test_ids_are_unique_and_stable(published, cat):
    ids: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if "id" in node:
                ids.append(node["id"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for key in LISTS:
        collect(published[key])
    assert len(ids) == len(set(ids))
    assert hsds.export(cat) == hsds.export(cat)
    expected = uuid.uuid5(
        uuid.uuid5(uuid.NAMESPACE_URL, "urn:indgang:hsds"), "organization:ikast-brande"
    )
    assert str(expected) in {o["id"] for o in published["organizations"]}


def test_din_indgang_schedules(published):
    din = next(s for s in published["services"] if s["name"] == "Din Indgang")
    walk_in = next(s for s in din["schedules"] if s["attending_type"] == "Fremmøde")
    assert (walk_in["freq"], walk_in["byday"], walk_in["opens_at"], walk_in["closes_at"]) == (
        "WEEKLY",
        "TU",
        "09:00",
        "11:00",
    )
    phone = next(s for s in din["schedules"] if s["attending_type"] == "Telefon")
    assert phone["byday"] == "MO,TU,WE,TH,FR"
    assert len(din["schedules"]) == 3  # one row per window
    assert din["phones"][0]["number"] == "+45 99 60 31 80"
    # walk-in hours belong to the address
    assert walk_in["service_at_location_id"] == din["service_at_locations"][0]["id"]


def test_a_window_by_appointment_says_so(published, cat):
    """Every window the data marks `by_appointment` (Ikast-Brande's virtual meetings: «ring på
    forhånd og lave aftale») says in the export that one must book first, so an app reading it
    does not show it as a time to just come; every other window does not say so."""
    marked = {
        (ep.name, w.opens.strftime("%H:%M") if w.opens else None)
        for ep in cat.entry_points.values()
        for w in ep.hours
        if w.by_appointment
    }
    assert marked, "the shipped data has a window by appointment (Ikast-Brande)"
    seen = set()
    for service in published["services"]:
        for row in service.get("schedules", []):
            booked = "efter aftale – ring først og aftal et møde" in row["description"]
            assert booked == row.get("attending_type", "").endswith("efter aftale")
            if booked:
                seen.add((service["name"], row.get("opens_at")))
    assert marked <= seen


def test_location_from_the_address_only(published):
    (loc,) = [loc for loc in published["locations"] if loc["name"] == "Din Indgang"]
    (address,) = loc["addresses"]
    assert (address["postal_code"], address["city"], address["country"]) == ("7430", "Ikast", "DK")
    assert "latitude" not in loc and "longitude" not in loc
    text = json.dumps(published)
    assert "latitude" not in text and "longitude" not in text


def test_address_is_split_only_when_it_ends_in_a_postcode():
    assert hsds.split_address("Sjællandsgade 6, 7430 Ikast") == ("Sjællandsgade 6", "7430", "Ikast")
    assert hsds.split_address("Torvet 12, Ikast") is None
    assert hsds.split_address("7430 Ikast") is None


def test_course_schedules_carry_their_dates(published, cat):
    with_schedule = [c for c in cat.courses.values() if c.schedule]
    assert with_schedule, "the shipped data has courses with a schedule"
    course = with_schedule[0]
    service = next(
        s for s in published["services"] if s["id"] == hsds.uid("service", f"course/{course.key}")
    )
    assert len(service["schedules"]) == len(course.schedule)
    for row in service["schedules"]:
        assert row["freq"] == "WEEKLY"
        if course.active_from:
            assert row["valid_from"] == course.active_from.isoformat()
        if course.schedule[0].opens is None:
            assert "opens_at" not in row


def test_course_status(cat):
    ended = copy.deepcopy(next(iter(cat.courses.values())))
    ended.active_to = cat.today.replace(year=cat.today.year - 1)
    assert hsds.course_status(cat, ended) == "inactive"
