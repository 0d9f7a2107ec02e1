"""Non-page files generated from the catalogue (the finder's index, open data, calendars).

Design note: these files are not pages. No theme template, navigation or search reads them, and
no Markdown links to them (links to them are written by templates, and the link gate checks
them in the built site). So they are not handed to MkDocs as `File`s: the build's worker
process (`worker.py`) writes them straight into the site folder while MkDocs builds the pages.
For a national catalogue that is about 2,000 files (a calendar for every course with dates).
"""

from __future__ import annotations

import os
from pathlib import Path

from macros.catalogue.model import Catalogue
from macros.exports import calendars, finder, hsds, opendata


def generated_static(cat: Catalogue) -> dict[str, str]:
    """Site path -> file content. Filled by the finder and the open-data export."""
    return {
        finder.INDEX_PATH: finder.index_json(cat),
        **opendata.generated_files(cat),
        **hsds.generated_files(cat),
        **calendars.generated_files(cat),
    }


def write_static(cat: Catalogue, site_dir: Path) -> None:
    """Write every generated file below `site_dir` (UTF-8, LF or CRLF as generated)."""
    made: set[str] = set()
    for path, content in generated_static(cat).items():
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(content)
