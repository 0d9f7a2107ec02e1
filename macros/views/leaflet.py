"""The printable leaflet of a municipality: one A4 page (two at most) per municipality.

Design note: the leaflet (`kommuner/<id>/folder/`) is a generated page like the municipality
page and shows the same views (`places.municipality_view`: contact, weekly hours with the
holiday statement, closures, courses), cut down to what a citizen needs on paper: what each
entry point is for, how to reach it, how to get started (the access levels of its courses,
in the vocabulary's words) and its courses with their provision. Nothing is written here
that the data does not say; a missing field reads "kontakt kommunen", as on the site.
The QR code leads to the municipality's page at the public address (`config.site_url`), made
by `segno` as inline SVG (no image request, no third party). The PDF is printed from this page
by Chromium after the build (`scripts/leaflet_pdf.py`, `make leaflet`); the pages link to it only in a
build that makes it (`INDGANG_FOLDER_PDF=1`), so a plain build never links to a missing file.
"""

from __future__ import annotations

import os
from typing import Any

import segno
from markupsafe import Markup

from macros.catalogue.model import Catalogue, Municipality
from macros.views import urls
from macros.views.places import municipality_view
from macros.views.render import render

PDF_ENV = "INDGANG_FOLDER_PDF"  # "1": this build makes the PDFs (make leaflet)


def pdf_name(municipality_id: str) -> str:
    """File name of the PDF, in the leaflet page's folder."""
    return f"folder-{municipality_id}.pdf"


def pdf_path(municipality_id: str) -> str:
    """Where the PDF lies in the site folder."""
    return urls.page_url(urls.leaflet(municipality_id)) + pdf_name(municipality_id)


def with_pdf() -> bool:
    """Whether this build makes the PDFs (so pages may link to them)."""
    return os.environ.get(PDF_ENV, "") == "1"


def links(here: str, municipality_id: str) -> dict[str, str | None]:
    """Links from page `here` to a municipality's leaflet and (when made) its PDF."""
    href = urls.href(here, urls.leaflet(municipality_id))
    return {"href": href, "pdf_href": href + pdf_name(municipality_id) if with_pdf() else None}


def absolute_url(site_url: str | None, src: str) -> str:
    """The public address of page `src` ("kommuner/x.md") under `site_url`."""
    base = (site_url or "").rstrip("/") + "/"
    return base + urls.page_url(src)


def qr_svg(url: str, label: str) -> Markup:
    """`url` as a QR code: inline SVG that scales with its box (error correction at least M;
    segno raises it where the version has room), named `label` for screen readers."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        dark="#000",
        light="#fff",
        svgclass="indgang-leaflet__qr-code",
        lineclass=None,
    )
    assert svg.startswith("<svg ")
    named = Markup('<svg role="img" aria-label="{}" ').format(label)
    return named + Markup(svg[len("<svg ") :])


def _how_to_start(cat: Catalogue, courses: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The ways into this entry point's courses, as the vocabulary explains them."""
    seen: list[str] = []
    for c in courses:
        if c["access_id"] not in seen:
            seen.append(c["access_id"])
    terms = cat.vocabularies["access_levels"]
    return [{"label": terms[a].label, "description": terms[a].description} for a in seen]


def page_view(cat: Catalogue, m: Municipality) -> dict[str, Any]:
    """The municipality page's view, made once per catalogue for both pages. Its links are
    relative to the municipality page: the leaflet shows none of them (on paper a link is
    its text; it links only back to that page and to its PDF)."""
    src = urls.municipality(m.id)
    return cat.memo("municipality-view", m.id, lambda: municipality_view(cat, m, src))


def leaflet_view(cat: Catalogue, m: Municipality, site_url: str | None) -> dict[str, Any]:
    here = urls.leaflet(m.id)
    view = page_view(cat, m)
    entry_points = [
        {**ep, "how_to_start": _how_to_start(cat, ep["courses"])} for ep in view["entry_points"]
    ]
    url = absolute_url(site_url, urls.municipality(m.id))
    return {
        **view,
        "entry_points": entry_points,
        "page_href": urls.href(here, urls.municipality(m.id)),
        "url": url,
        # a line may break after each slash (a phone's line is narrower than the address)
        "url_html": Markup("/<wbr>").join(url.split("/")),
        "qr": qr_svg(url, f"QR-kode til siden om {m.name}"),
        "pdf": pdf_name(m.id) if with_pdf() else None,
        "made": cat.today,
    }


def leaflet_pages(cat: Catalogue, site_url: str | None) -> dict[str, str]:
    """Source path -> front matter and HTML of every municipality's leaflet."""
    return {
        urls.leaflet(m.id): render("pages/leaflet.html.j2", m=leaflet_view(cat, m, site_url))
        for m in cat.municipalities.values()
    }
