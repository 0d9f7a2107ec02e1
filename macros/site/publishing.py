"""The publisher on the site: public address, publishing refusal, logo, colour, footer.

Design notes:

- `mkdocs build` sets `site_url` from the publisher (`publisher.site_url`: the environment,
  then data/publisher.yaml, then GitHub Pages' address, else the local one), so canonical
  links and the sitemap (MkDocs), JSON-LD and calendars (`structured.py`, `calendars.py`) and
  the leaflet's QR code all use one address. `mkdocs serve` keeps its own local address.
- A publishing build (`INDGANG_PUBLISH=1`, `make publish`, the Pages workflow) refuses the
  development copy (`demo: true`) and a missing or local address, with a Danish message and
  no traceback: nothing local leaks into production.
- The logo (an SVG in the project) and the colour (checked for 4.5:1 against white when the
  data is validated) become two generated files; no inline style, so the CSP stays as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from macros.catalogue import publisher, safety
from macros.catalogue.model import Catalogue
from macros.views import urls

LOGO = "assets/images/udgiver-logo.svg"
COLOUR_CSS = "assets/stylesheets/udgiver.css"
GUIDE = "README.md, »Sådan udgiver jeres kommune Indgang«"


def refusal(cat: Catalogue) -> str | None:
    """Why a publishing build must not run (Danish), or None."""
    pub = cat.publisher
    if pub.demo:
        return (
            "Udgivelsen er afvist: data/publisher.yaml beskriver projektets udviklingsudgave "
            "(demo: true), som ingen myndighed udgiver. Skriv jeres navn, feedback_email eller "
            f"feedback_url og site_url, og slet linjen demo: true. Se {GUIDE}."
        )
    url = publisher.configured_url(pub)
    if url is None:
        return (
            "Udgivelsen er afvist: siden har ingen offentlig adresse. Skriv site_url i "
            "data/publisher.yaml (fx https://indgang.jeres-kommune.dk/), eller sæt "
            "INDGANG_SITE_URL. Uden den ville kanoniske links, sitemap og kalendere pege på "
            f"{publisher.LOCAL_URL}."
        )
    if publisher.is_local(url) or not safety.is_web_address(url):
        return (
            f"Udgivelsen er afvist: «{url}» er ikke en offentlig adresse. Den skal begynde med "
            "https:// og have et rigtigt domæne (ikke localhost eller 127.0.0.1)."
        )
    return None


def configure(config: Any, cat: Catalogue, command: str) -> None:
    """`on_config`: the public address, the refusal of a publishing build, the colour."""
    if publisher.publishing():
        reason = refusal(cat)
        if reason is not None:
            raise Abort(reason)
    if command != "serve":  # `mkdocs serve` sets its own local address
        config.site_url = cat.site_url
    if cat.publisher.primary_color and COLOUR_CSS not in config.extra_css:
        config.extra_css.append(COLOUR_CSS)


def colour_css(colour: str) -> str:
    """Material's colour variables, on the element that carries the palette."""
    return (
        "/* Udgiverens farve (data/publisher.yaml): mindst 4,5:1 mod hvid, tjekket ved "
        "valideringen. */\n"
        "body[data-md-color-primary], [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {colour};\n"
        f"  --md-primary-fg-color--light: {colour};\n"
        f"  --md-primary-fg-color--dark: {colour};\n"
        f"  --md-accent-fg-color: {colour};\n"
        f"  --md-typeset-a-color: {colour};\n"
        "}\n"
    )


def generated_files(config: Any, cat: Catalogue, root: Path) -> list[File]:
    """The logo and the colour as files of the site."""
    pub = cat.publisher
    out = []
    if pub.logo:
        data = publisher.logo_path(root, pub.logo).read_bytes()
        out.append(File.generated(config, LOGO, content=data))
    if pub.primary_color:
        out.append(File.generated(config, COLOUR_CSS, content=colour_css(pub.primary_color)))
    return out


def view(cat: Catalogue) -> dict[str, Any]:
    """The publisher for templates and pages (footer, accessibility statement, privacy)."""
    pub = cat.publisher
    municipality = cat.municipalities.get(pub.scope) if pub.scope else None
    return {
        "name": pub.name,
        "demo": pub.demo,
        "email": pub.feedback_email,
        "form": pub.feedback_url,
        "statement": pub.accessibility_statement_url,
        "logo": LOGO if pub.logo else None,
        "municipality": municipality.name if municipality else None,
        "editors": urls.page_url("redaktoer.md"),
    }
