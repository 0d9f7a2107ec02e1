"""Who publishes this copy of Indgang, for which area, and at which public address.

Design notes:

- `data/publisher.yaml` is one record validated by its Frictionless schema
  (`data/schemas/publisher.yaml`, the single source of truth for its fields) plus the checks a
  schema cannot state (here): a feedback route, a municipality that exists, a logo that is an
  SVG file in the project, a colour with WCAG AA contrast against white. It is site
  configuration, not catalogue: it is not in the Data Package and not in the open data.
- The file may be left out (test catalogues): the site is then the national development copy,
  which says that nobody publishes it (`DEFAULT`).
- The scope can be chosen without editing the file: `INDGANG_KOMMUNE` (`make build
  KOMMUNE=…`) wins over `scope`. The public address likewise: `INDGANG_SITE_URL` wins over
  `site_url`, which wins over `INDGANG_PAGES_URL` (what GitHub Pages says in the workflow).
  Without any, a local build uses http://127.0.0.1:8000/; a publishing build
  (`INDGANG_PUBLISH=1`) refuses (`macros/site/publishing.py`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros.catalogue.flatten import Row, suggest
from macros.catalogue.yamlload import Map, Seq, load_file
from macros.domain.problems import Problem

FILE = "publisher.yaml"
NATIONAL = "national"
LOCAL_URL = "http://127.0.0.1:8000/"
SCOPE_ENV = "INDGANG_KOMMUNE"
URL_ENV = "INDGANG_SITE_URL"
PAGES_URL_ENV = "INDGANG_PAGES_URL"
PUBLISH_ENV = "INDGANG_PUBLISH"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]")


@dataclass(frozen=True)
class Publisher:
    name: str
    scope: str | None = None  # a municipality id; None: national
    demo: bool = False
    site_url: str | None = None  # as written in data/publisher.yaml
    feedback_email: str | None = None
    feedback_url: str | None = None
    accessibility_statement_url: str | None = None
    logo: str | None = None  # path from the project root
    primary_color: str | None = None


DEFAULT = Publisher(name="Indgang – udviklingsudgave uden udgiver", demo=True)


# --- Reading the file -------------------------------------------------------------------------


def read_row(data_dir: Path, columns: list[str]) -> tuple[Row | None, list[Problem]]:
    """The record as one table row with the line of every cell (None: no file, or unusable)."""
    path = data_dir / FILE
    display = path.relative_to(data_dir.parent).as_posix()
    if not path.exists():
        return None, []
    value, problems = load_file(path, display)
    if any(p.severity == "fejl" for p in problems):
        return None, problems
    if not isinstance(value, Map):
        what = (
            "en liste" if isinstance(value, Seq) else "ingenting" if value is None else "én værdi"
        )
        return None, [
            *problems,
            Problem(
                display,
                1,
                f"Filen skal have udgiverens felter (navn: værdi), men der står {what}. "
                "Se data/publisher.yaml i CONTRIBUTING.md.",
            ),
        ]
    row = Row(display, value.line)
    for key, line in value.key_lines.items():
        if key not in columns:
            problems.append(
                Problem(
                    display,
                    line,
                    f"Ukendt felt «{key}» hos udgiveren.{suggest(key, columns)} "
                    f"Kendte felter: {', '.join(sorted(columns))}.",
                )
            )
            continue
        item = value[key]
        if isinstance(item, (Map, Seq)):
            problems.append(
                Problem(display, line, f"Feltet «{key}» skal have én værdi, ikke en liste.")
            )
            continue
        row.set(key, item, line)
    return row, problems


def scope_override() -> str | None:
    return os.environ.get(SCOPE_ENV, "").strip() or None


def check_record(
    row: Row, refused: set[int], municipalities: dict[str, str], root: Path
) -> list[Problem]:
    """What the schema cannot say, on the cells it did not refuse (lines in `refused`), so
    every mistake is reported in one run. `municipalities` maps id -> name."""
    values = {k: v for k, v in row.values.items() if v and row.line_for(k) not in refused}
    problems = []
    demo = values.get("demo", "false").strip().lower() in ("true", "1")
    demo_known = "demo" not in row.values or row.line_for("demo") not in refused
    has_feedback = any(row.values.get(k) for k in ("feedback_email", "feedback_url"))
    if demo_known and not demo and not has_feedback:
        problems.append(
            Problem(
                row.file,
                row.line,
                "Udgiveren skal have en vej til feedback: skriv feedback_email, feedback_url "
                "eller begge (tilgængelighedsloven kræver den). Projektets egen udgave uden "
                "udgiver skriver demo: true i stedet.",
            )
        )
    scope = values.get("scope")
    if scope and scope != NATIONAL and municipalities and scope not in municipalities:
        problems.append(
            Problem(row.file, row.line_for("scope"), unknown_scope(scope, municipalities, "scope"))
        )
    logo = values.get("logo")
    if logo:
        message = logo_problem(root, logo)
        if message:
            problems.append(Problem(row.file, row.line_for("logo"), message))
    colour = values.get("primary_color")
    if colour:
        message = colour_problem(colour)
        if message:
            problems.append(Problem(row.file, row.line_for("primary_color"), message))
    return problems


def check_override(municipalities: dict[str, str]) -> list[Problem]:
    """`INDGANG_KOMMUNE` must name a municipality of the catalogue too."""
    scope = scope_override()
    if scope is None or scope == NATIONAL or not municipalities or scope in municipalities:
        return []
    return [Problem(SCOPE_ENV, 1, unknown_scope(scope, municipalities, SCOPE_ENV))]


def unknown_scope(scope: str, municipalities: dict[str, str], key: str) -> str:
    ids = sorted(municipalities)
    return (
        f"«{scope}» i «{key}» er hverken national eller en kommune i data/municipalities/."
        f"{suggest(scope, ids)} Mulige værdier: national, {', '.join(ids)}."
    )


def from_values(values: dict[str, Any] | None) -> Publisher:
    """The validated record (or the default) with the scope override applied."""
    if values is None:
        base = DEFAULT
    else:
        base = Publisher(
            name=values["name"],
            scope=None if values.get("scope") in (None, NATIONAL) else values["scope"],
            demo=bool(values.get("demo")),
            site_url=values.get("site_url"),
            feedback_email=values.get("feedback_email"),
            feedback_url=values.get("feedback_url"),
            accessibility_statement_url=values.get("accessibility_statement_url"),
            logo=values.get("logo"),
            primary_color=values.get("primary_color"),
        )
    scope = scope_override()
    if scope is not None:
        base = Publisher(**{**base.__dict__, "scope": None if scope == NATIONAL else scope})
    return base


# --- Logo and colour --------------------------------------------------------------------------


def logo_path(root: Path, logo: str) -> Path:
    return (root / logo).resolve()


def logo_problem(root: Path, logo: str) -> str | None:
    path = logo_path(root, logo)
    if not path.is_relative_to(root.resolve()):
        return f"Logoet «{logo}» ligger uden for projektet. Læg SVG-filen i projektet."
    if path.suffix.lower() != ".svg":
        return f"Logoet «{logo}» skal være en SVG-fil (.svg), så det er skarpt på alle skærme."
    if not path.is_file():
        return (
            f"Logofilen «{logo}» findes ikke. Skriv stien fra projektets rod, fx logo/kommune.svg."
        )
    head = path.read_bytes()[:4096].decode("utf-8", "replace").lower()
    if "<svg" not in head:
        return f"«{logo}» er ikke en SVG-fil (der står ikke <svg i begyndelsen af filen)."
    if "<script" in path.read_text(encoding="utf-8", errors="replace").lower():
        return f"Logoet «{logo}» indeholder et script. Gem det som en ren SVG uden <script>."
    return None


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of '#rrggbb'."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The light backgrounds the site puts text in the primary colour on (links): white, table
# headers (#f0f0f5, indgang.css), code and finder boxes (Material's #f5f5f5), the crisis box of
# the search help (#fdecea) and a danger admonition (rgba(255, 23, 68, .1) on white). The
# browser test runs axe with the lightest grey this accepts.
BACKGROUNDS = ("#ffffff", "#f0f0f5", "#f5f5f5", "#fdecea", "#ffe8ec")


def _ratio_text(ratio: float) -> str:
    return f"{int(ratio * 100) / 100:.2f}".replace(".", ",")


def colour_problem(colour: str) -> str | None:
    """The colour is the header's background under white text and the colour of links on
    white and on the site's light boxes: each needs 4.5:1 (WCAG AA)."""
    white = contrast(colour, "#ffffff")
    lowest = min(contrast(colour, bg) for bg in BACKGROUNDS)
    if lowest >= MIN_CONTRAST:
        return None
    return (
        f"Farven {colour} har for lidt kontrast: {_ratio_text(white)}:1 mod hvid og "
        f"{_ratio_text(lowest)}:1 mod de lyse felter, hvor links står; der skal mindst være "
        "4,5:1 (WCAG AA), fordi teksten i toppen er hvid, og links har farven. Vælg en "
        "mørkere udgave af farven."
    )


# --- The public address -----------------------------------------------------------------------


def publishing() -> bool:
    return os.environ.get(PUBLISH_ENV, "").strip() not in ("", "0")


def configured_url(pub: Publisher) -> str | None:
    """The public address from the environment or the file, if any (not the local one)."""
    for url in (os.environ.get(URL_ENV), pub.site_url, os.environ.get(PAGES_URL_ENV)):
        if url and url.strip():
            url = url.strip()
            return url if url.endswith("/") else url + "/"
    return None


def is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOCAL_HOSTS or host.endswith(".localhost") or not host


def site_url(pub: Publisher) -> str:
    return configured_url(pub) or LOCAL_URL
