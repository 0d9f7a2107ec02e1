"""Non-page files generated from the catalogue (the finder's index, open data)."""

from __future__ import annotations

from . import calendars, finder, hsds, opendata
from .catalogue import Catalogue


def generated_static(cat: Catalogue) -> dict[str, str]:
    """Site path -> file content. Filled by the finder and the open-data export."""
    return {
        finder.INDEX_PATH: finder.index_json(cat),
        **opendata.generated_files(cat),
        **hsds.generated_files(cat),
        **calendars.generated_files(cat),
    }
