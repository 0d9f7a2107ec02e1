"""The leaflets as PDF: Chromium prints each built leaflet page to A4 (`make leaflet`).

Design note: the PDF is the leaflet page itself, printed by the Chromium the browser tests
already drive (Playwright), so there is one layout (the print rules in indgang.css) and no
second renderer with system libraries of its own. It runs after a build with
`INDGANG_FOLDER_PDF=1` (whose pages link to the PDFs) over the finished site folder: a
local server on 127.0.0.1 serves it, and every request to another origin is refused, so a
leaflet that would load anything from a third party fails instead of printing. The leaflets
are found in the site folder, so a build of one municipality prints that one only. It is not
part of the MkDocs build, so it lives with the CLI (`scripts/indgang.py leaflet-pdf`) and
uses the server the browser tests use (`static_server.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.views.leaflet import pdf_name
from scripts.static_server import serve_directory

LEAFLETS = "kommuner/*/folder/index.html"
TIMEOUT_MS = 30_000


class LeafletPdfError(RuntimeError):
    """A leaflet could not be printed (the message is Danish, for the console)."""


@dataclass
class Printed:
    municipality: str
    path: Path
    pages: int
    size: int  # bytes


def leaflet_ids(site: Path) -> list[str]:
    """The municipalities whose leaflet the build made."""
    return sorted(p.parent.parent.name for p in site.glob(LEAFLETS))


def write_pdfs(
    site: Path,
    chromium: str | None = None,
    args: Sequence[str] = (),
    ids: Sequence[str] | None = None,
    *,
    browser: Any = None,
) -> list[Printed]:
    """Print every leaflet in `site` (or those of `ids`) to `folder-<id>.pdf` beside it, with
    the Chromium at `chromium` (or an already launched Playwright `browser`)."""
    from playwright.sync_api import sync_playwright

    chosen = leaflet_ids(site) if ids is None else list(ids)
    if not chosen:
        raise LeafletPdfError(f"Der er ingen foldere i {site} – byg siden først (make leaflet).")
    with serve_directory(site) as base:
        if browser is not None:
            return _print_all(browser, site, base, chosen)
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=chromium, args=list(args))
            try:
                return _print_all(launched, site, base, chosen)
            finally:
                launched.close()


def _print_all(browser: Any, site: Path, base: str, chosen: list[str]) -> list[Printed]:
    from playwright.sync_api import Error as PlaywrightError
    from pypdf import PdfReader

    printed: list[Printed] = []
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        for mid in chosen:
            folder = site / "kommuner" / mid / "folder"
            if not (folder / "index.html").is_file():
                raise LeafletPdfError(f"Folderen for «{mid}» findes ikke i {site}.")
            target = folder / pdf_name(mid)
            try:
                response = page.goto(
                    f"{base}kommuner/{mid}/folder/", wait_until="load", timeout=TIMEOUT_MS
                )
                if response is None or not response.ok:
                    raise LeafletPdfError(f"Folderen for «{mid}» kunne ikke hentes.")
                page.pdf(
                    path=str(target), format="A4", print_background=True, prefer_css_page_size=True
                )
            except PlaywrightError as exc:
                raise LeafletPdfError(
                    f"Folderen for «{mid}» kunne ikke printes: {exc.message}"
                ) from None
            if outside:
                target.unlink(missing_ok=True)
                raise LeafletPdfError(
                    f"Folderen for «{mid}» vil hente filer fra andre steder: {outside[0]}"
                )
            pages = len(PdfReader(target).pages)
            printed.append(Printed(mid, target, pages, target.stat().st_size))
    finally:
        context.close()
    return printed
