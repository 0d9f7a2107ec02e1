"""Indgang's macros for mkdocs-macros-plugin, and the domain modules behind them.

`define_env` only registers plain functions; each renders a template from
`site_templates/` with view data built by the domain modules, so everything here can be
tested without MkDocs. Pages opt in with `render_macros: true` in their front matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.catalogue import model as catalogue
from macros.domain import buildinfo
from macros.exports import finder, opendata
from macros.site.speed import passthrough
from macros.views import courses, facts, law, places, urls
from macros.views.render import render

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def current_catalogue() -> catalogue.Catalogue:
    return catalogue.load(DATA_DIR, buildinfo.build_date())


def _here(env: Any) -> str:
    return env.page.file.src_uri


def define_env(env: Any) -> None:
    """Register the macros used by the hand-written pages in `content/`."""

    @env.macro
    def home() -> Markup:
        cat = current_catalogue()
        here = _here(env)
        return Markup(
            render(
                "macros/home.md.j2",
                municipalities=places.municipality_list(cat, here),
                course_count=len(cat.active_courses()),
                links={
                    "courses": urls.href(here, urls.COURSES),
                    "municipalities": urls.href(here, urls.MUNICIPALITIES),
                    "paragraphs": urls.href(here, urls.PARAGRAPHS),
                    "rules": urls.href(here, urls.RULES),
                    "guide": urls.href(here, urls.GUIDE_CITIZEN),
                    "check": urls.href(here, urls.GUIDE_CASEWORKER),
                },
                paragraphs=law.comparison(cat, here),
            )
        )

    @env.macro
    def municipality_index() -> Markup:
        cat = current_catalogue()
        return Markup(
            render("macros/municipalities.md.j2", rows=places.municipality_list(cat, _here(env)))
        )

    @env.macro
    def paragraph_comparison() -> Markup:
        cat = current_catalogue()
        return Markup(render("macros/comparison.md.j2", paragraphs=law.comparison(cat, _here(env))))

    @env.macro
    def source_facts(national: bool = True, neighbours: bool = True) -> Markup:
        """Figures for the whole country and the other provisions the sources describe."""
        cat = current_catalogue()
        return Markup(
            render(
                "macros/national.md.j2",
                national=facts.national_facts(cat) if national else [],
                neighbours=facts.neighbour_provisions(cat) if neighbours else [],
                law_url=law.OFFICIAL_LAW_URL,
            )
        )

    @env.macro
    def rules_page() -> Markup:
        cat = current_catalogue()
        here = _here(env)
        return Markup(
            render(
                "macros/rules.md.j2",
                rules=law.rules_for(cat, None, here),
                paragraphs=[{"id": p.id, "number": p.number} for p in cat.paragraphs.values()],
                kinds=law.kinds_view(cat),
            )
        )

    @env.macro
    def course_list(paragraph: str | None = None, municipality: str | None = None) -> Markup:
        cat = current_catalogue()
        rows = courses.course_list(cat, _here(env), paragraph=paragraph, municipality=municipality)
        html = render("partials/indgang/course_list.html", courses=rows)
        return passthrough.keep(_here(env), html)  # can list every course: see passthrough.py

    @env.macro
    def course_finder() -> Markup:
        cat = current_catalogue()
        view = finder.finder_view(cat, _here(env))
        html = render("partials/indgang/finder.html", v=view)
        return passthrough.keep(_here(env), html)  # every active course: see passthrough.py

    @env.macro
    def open_data() -> Markup:
        cat = current_catalogue()
        view = opendata.page_view(cat, _here(env))
        return Markup(render("macros/open_data.md.j2", v=view))

    @env.macro
    def editors_field_reference() -> Markup:
        from macros.exports.editors_guide import site_reference

        current_catalogue()  # the data must validate before the guide describes it
        return Markup(site_reference(DATA_DIR))
