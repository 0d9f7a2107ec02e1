"""The catalogue as Open Referral HSDS 3.0 JSON (`data/hsds.json` on the site).

Mapping (HSDS object <- Indgang record):

- organization <- municipality;
- service <- entry point (where citizens turn to) and course (an offer under a provision);
- location (+ address) <- an entry point's address, only where one is given. Coordinates are
  never guessed; an address is split into street, postcode and town only when it ends in
  "NNNN Town" — otherwise the location keeps the address as written in its description;
- phone <- an entry point's phone, only where one is given;
- schedule <- one row per opening-hours window (entry points) or schedule window (courses):
  `freq: WEEKLY`, `byday: MO,TU`, `opens_at`/`closes_at` as local Danish wall-clock time
  (`HH:MM`, Europe/Copenhagen; one UTC offset cannot express daylight saving), `valid_from`/
  `valid_to` from a course's active dates; windows without times keep days only;
- attribute <- provision (serviceloven), target groups, format and access level, each pointing
  at a taxonomy_term in the top-level `taxonomy_terms` list (with `taxonomies`).

Design note: ids are UUIDv5 from our own keys (`municipality/entry-point`, `municipality/course`,
window numbers), so they stay the same from build to build and change only when the key does. The
document holds the top-level lists an importer needs — organizations, services, locations,
taxonomies, taxonomy_terms — each item a plain HSDS object valid against the official schema for
its type (the tests check that offline); nested lists
(phones, schedules, service_at_locations, addresses, attributes) carry their parent's id as the
tabular form expects.
"""

from __future__ import annotations

import json
import re
import uuid
from functools import cache
from typing import Any

from macros.catalogue.model import Catalogue, Course, EntryPoint, Municipality
from macros.domain import danish
from macros.domain.hours import TEXT_BY_APPOINTMENT, Window, format_days, format_time

SITE_PATH = "data/hsds.json"
HSDS_VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:indgang:hsds")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_POSTAL = re.compile(r"^(\d{4})\s+(\S.*)$")

TAXONOMIES = {
    "paragraphs": ("serviceloven", "Serviceloven", "Paragrafferne i serviceloven, som tilbuddet gives efter."),
    "target_groups": ("indgang-maalgrupper", "Målgrupper", "Hvem tilbuddet er til (Indgangs ordliste)."),
    "formats": ("indgang-former", "Former", "Gruppe, individuelt eller åbent tilbud (Indgangs ordliste)."),
    "access_levels": ("indgang-adgang", "Adgang", "Hvordan man kommer i gang (Indgangs ordliste)."),
}  # fmt: skip
LINK_TYPES = {
    "paragraphs": "paragraph",
    "target_groups": "target_group",
    "formats": "format",
    "access_levels": "access",
}


@cache  # the same organisation, location or term is cited by many records
def uid(kind: str, key: str) -> str:
    """Stable UUIDv5 for an object of `kind` with our key."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def phone_number(text: str) -> str:
    """Danish number in international form: "99 60 31 80" -> "+45 99 60 31 80"."""
    text = " ".join(text.split())
    return text if text.startswith("+") else f"+45 {text}"


def split_address(text: str) -> tuple[str, str, str] | None:
    """(street lines, postcode, town) when the address ends in "NNNN Town", else None."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    match = _POSTAL.match(parts[-1])
    if not match:
        return None
    return ", ".join(parts[:-1]), match[1], match[2]


def taxonomy(vocabulary: str) -> dict[str, Any]:
    key, name, description = TAXONOMIES[vocabulary]
    return {"id": uid("taxonomy", key), "name": name, "description": description}


def term_id(vocabulary: str, code: str) -> str:
    return uid("taxonomy_term", f"{TAXONOMIES[vocabulary][0]}/{code}")


def terms(cat: Catalogue, vocabulary: str) -> list[dict[str, Any]]:
    """Every term of one vocabulary (or the provisions) as HSDS taxonomy terms."""
    key = TAXONOMIES[vocabulary][0]
    if vocabulary == "paragraphs":
        items = [(p.id, p.number, p.title) for p in cat.paragraphs.values()]
    else:
        items = [
            (t.id, t.label, t.description or t.label) for t in cat.vocabularies[vocabulary].values()
        ]
    return [
        {
            "id": term_id(vocabulary, code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": key,
            "taxonomy_id": uid("taxonomy", key),
            "language": "da",
        }
        for code, name, description in items
    ]


def _attributes(service_id: str, links: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {
            "id": uid("attribute", f"{service_id}/{vocabulary}/{code}"),
            "link_id": service_id,
            "link_type": LINK_TYPES[vocabulary],
            "link_entity": "service",
            "taxonomy_term_id": term_id(vocabulary, code),
        }
        for vocabulary, code in links
    ]


def schedule(
    window: Window,
    *,
    schedule_id: str,
    service_id: str,
    label: str,
    valid_from: Any = None,
    valid_to: Any = None,
    service_at_location_id: str | None = None,
) -> dict[str, Any]:
    """One HSDS schedule row for one weekly window."""
    days = format_days(window.days)
    row: dict[str, Any] = {
        "id": schedule_id,
        "service_id": service_id,
        "freq": "WEEKLY",
        "interval": 1,
        "wkst": "MO",
        "byday": ",".join(BYDAY[d] for d in window.days),
    }
    if service_at_location_id:
        row["service_at_location_id"] = service_at_location_id
    if valid_from is not None:
        row["valid_from"] = valid_from.isoformat()
    if valid_to is not None:
        row["valid_to"] = valid_to.isoformat()
    if window.opens is not None and window.closes is not None:
        row["opens_at"] = window.opens.strftime("%H:%M")
        row["closes_at"] = window.closes.strftime("%H:%M")
        when = f"{days} kl. {format_time(window.opens)}–{format_time(window.closes)}"
    else:
        when = f"{days}, tidspunkt ikke oplyst – kontakt kommunen"
    row["description"] = f"{label}: {when} (dansk tid)" if label else f"{when} (dansk tid)"
    attending = label
    if window.by_appointment:
        # the hours say when meetings are held, not that one may just come: an app reading
        # the export must not show this window as "open now" (macros/domain/hours.py)
        row["description"] += ", " + TEXT_BY_APPOINTMENT[0].lower() + TEXT_BY_APPOINTMENT[1:]
        attending = f"{label} efter aftale" if label else "Efter aftale"
    row["description"] += "."
    if attending:
        row["attending_type"] = attending
    if window.note:
        row["notes"] = window.note
    return row


def organization(m: Municipality) -> dict[str, Any]:
    org: dict[str, Any] = {
        "id": uid("organization", m.id),
        "name": m.name,
        "description": f"{m.name} i {m.region}.",
    }
    if m.website:
        org["website"] = m.website
    return org


def location(cat: Catalogue, ep: EntryPoint) -> dict[str, Any] | None:
    """A physical location for an entry point with an address; None without one."""
    if not ep.address:
        return None
    municipality = cat.municipalities[ep.municipality]
    location_id = uid("location", ep.key)
    loc: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": uid("organization", ep.municipality),
        "name": ep.name,
        "description": f"Adresse: {ep.address}",
    }
    parts = split_address(ep.address)
    if parts is not None:
        street, postcode, town = parts
        loc["addresses"] = [
            {
                "id": uid("address", ep.key),
                "location_id": location_id,
                "address_1": street,
                "city": town,
                "state_province": municipality.region,
                "postal_code": postcode,
                "country": "DK",
                "address_type": "physical",
            }
        ]
    return loc


def entry_point_service(cat: Catalogue, ep: EntryPoint) -> dict[str, Any]:
    service_id = uid("service", f"entry_point/{ep.key}")
    labels = {k: t.label for k, t in cat.vocabularies["channels"].items()}
    numbers = [cat.paragraphs[p].number for p in cat.paragraphs if p in ep.paragraphs]
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": uid("organization", ep.municipality),
        "name": ep.name,
        "description": ep.description.strip(),
        "status": "active",
    }
    if ep.email:
        service["email"] = ep.email
    if numbers:
        service["eligibility_description"] = f"Hjælp efter {danish.join(numbers)} i serviceloven."
    sal_id = None
    if ep.address:
        sal_id = uid("service_at_location", ep.key)
        service["service_at_locations"] = [
            {"id": sal_id, "service_id": service_id, "location_id": uid("location", ep.key)}
        ]
    if ep.phone:
        service["phones"] = [
            {
                "id": uid("phone", ep.key),
                "service_id": service_id,
                "number": phone_number(ep.phone),
                "type": "voice",
            }
        ]
    if ep.hours:
        service["schedules"] = [
            schedule(
                w,
                schedule_id=uid("schedule", f"entry_point/{ep.key}/{n}"),
                service_id=service_id,
                label=labels.get(w.channel or "", w.channel or ""),
                service_at_location_id=sal_id if w.channel == "fremmoede" else None,
            )
            for n, w in enumerate(ep.hours, start=1)
        ]
    links = [("paragraphs", p) for p in cat.paragraphs if p in ep.paragraphs]
    if links:
        service["attributes"] = _attributes(service_id, links)
    return service


def course_status(cat: Catalogue, course: Course) -> str:
    return "active" if course.is_active(cat.today) else "inactive"


def course_service(cat: Catalogue, course: Course) -> dict[str, Any]:
    service_id = uid("service", f"course/{course.key}")
    ep = cat.entry_points[f"{course.municipality}/{course.entry_point}"]
    municipality = cat.municipalities[course.municipality]
    access = cat.vocabularies["access_levels"][course.access]
    process = f"{access.label}."
    if access.description:
        process += f" {access.description}"
    process += f" Henvend dig til {ep.name} i {municipality.name}."
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": uid("organization", course.municipality),
        "name": course.title,
        "description": course.description.strip(),
        "status": course_status(cat, course),
        "application_process": process,
        "eligibility_description": ", ".join(
            cat.label("target_groups", t) for t in course.target_groups
        ),
        "assured_date": course.reviewed.isoformat(),
    }
    if course.schedule:
        service["schedules"] = [
            schedule(
                w,
                schedule_id=uid("schedule", f"course/{course.key}/{n}"),
                service_id=service_id,
                label="",
                valid_from=course.active_from,
                valid_to=course.active_to,
            )
            for n, w in enumerate(course.schedule, start=1)
        ]
    links = [
        # Only a provision the source names (issue 14: paragraph_stated: nej).
        *([("paragraphs", course.paragraph)] if course.paragraph_stated else []),
        *(("target_groups", t) for t in course.target_groups),
        ("formats", course.format),
        ("access_levels", course.access),
    ]
    service["attributes"] = _attributes(service_id, links)
    return service


def export(cat: Catalogue) -> dict[str, Any]:
    """The whole catalogue as HSDS 3.0: organizations, services, locations and taxonomies."""
    organizations = [organization(m) for m in cat.municipalities.values()]
    services: list[dict[str, Any]] = []
    locations: list[dict[str, Any]] = []
    for m in cat.municipalities.values():
        for ep in m.entry_points:
            services.append(entry_point_service(cat, ep))
            loc = location(cat, ep)
            if loc is not None:
                locations.append(loc)
    services.extend(course_service(cat, c) for c in cat.courses.values())
    return {
        "hsds_version": HSDS_VERSION,
        "title": "Indgang: kommunernes indgange og kurser (§§ 82 a-d og § 85) som HSDS 3.0",
        "license": "CC-BY-4.0",
        "generated": cat.today.isoformat(),
        "note": "Klokkeslæt er dansk tid (Europe/Copenhagen). Koordinater er ikke oplyst.",
        "organizations": organizations,
        "services": services,
        "locations": locations,
        "taxonomies": [taxonomy(v) for v in TAXONOMIES],
        "taxonomy_terms": [t for v in TAXONOMIES for t in terms(cat, v)],
    }


def export_json(cat: Catalogue) -> str:
    return json.dumps(export(cat), ensure_ascii=False, separators=(",", ":")) + "\n"


def generated_files(cat: Catalogue) -> dict[str, str]:
    return {SITE_PATH: export_json(cat)}
