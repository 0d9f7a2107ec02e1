"""A source as the pages cite it (every fact on the site names one: `data/sources.yaml`)."""

from __future__ import annotations

from typing import Any

from macros.catalogue.model import Catalogue


def source_view(cat: Catalogue, source_id: str) -> dict[str, Any]:
    source = cat.sources[source_id]
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "url": source.url,
        "note": source.note,
    }
