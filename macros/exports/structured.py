"""schema.org JSON-LD for entry points and courses (search engines, other directories)."""

from __future__ import annotations

from typing import Any

from macros.catalogue.model import Catalogue, Course, EntryPoint
from macros.domain.hours import DAY_NAMES

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def opening_hours(ep: EntryPoint) -> list[dict[str, Any]]:
    assert len(DAY_NAMES) == len(SCHEMA_DAYS)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in w.days],
            "opens": w.opens.strftime("%H:%M"),
            "closes": w.closes.strftime("%H:%M"),
            "description": w.channel or "",
        }
        for w in ep.hours
        if w.opens and w.closes
    ]


def entry_point_ld(cat: Catalogue, ep: EntryPoint) -> dict[str, Any]:
    municipality = cat.municipalities[ep.municipality]
    channel: dict[str, Any] = {"@type": "ServiceChannel", "availableLanguage": "da"}
    if ep.phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": ep.phone}
    if ep.address:
        channel["serviceLocation"] = {
            "@type": "Place",
            "address": ep.address,
            "openingHoursSpecification": opening_hours(ep),
        }
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": ep.name,
        "serviceType": "Socialpædagogisk støtte",
        "provider": {"@type": "GovernmentOrganization", "name": municipality.name},
        "areaServed": municipality.name,
        "availableChannel": channel,
        "hoursAvailable": opening_hours(ep),
    }


def course_ld(cat: Catalogue, course: Course) -> dict[str, Any]:
    municipality = cat.municipalities[course.municipality]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.description.strip(),
        "inLanguage": "da",
        "provider": {"@type": "GovernmentOrganization", "name": municipality.name},
        **({"about": cat.paragraphs[course.paragraph].number} if course.paragraph_stated else {}),
    }
    return data
