"""Pages generated from the data: one per course, municipality and provision.

Design note: generated pages are added in the `on_files` hook (`File.generated`) and kept
out of the navigation: MkDocs renders the whole nav into every page, so a nav section that
grows with the catalogue makes the build quadratic (see platform notes). They are reached
from list pages, the course finder and search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import search, urls
from .catalogue import Catalogue
from .courses import course_view
from .guide_views import guide_pages
from .law import paragraph_view
from .places import municipality_view
from .render import render
from .structured import course_ld, entry_point_ld


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)  # source path -> front matter + HTML
    search: list[dict[str, str]] = field(default_factory=list)  # see macros/search.py


def course_pages(cat: Catalogue) -> Generated:
    out = Generated()
    for course in cat.courses.values():
        src = urls.course(course.municipality, course.id)
        view = course_view(cat, course, src)
        out.pages[src] = render("pages/course.html.j2", c=view, ld=course_ld(cat, course))
        out.search.append(search.course_entry(view, src))
    return out


def municipality_pages(cat: Catalogue) -> dict[str, str]:
    pages = {}
    for m in cat.municipalities.values():
        src = urls.municipality(m.id)
        lds = [entry_point_ld(cat, ep) for ep in m.entry_points]
        pages[src] = render("pages/municipality.html.j2", m=municipality_view(cat, m, src), lds=lds)
    return pages


def paragraph_pages(cat: Catalogue) -> dict[str, str]:
    pages = {}
    for p in cat.paragraphs.values():
        src = urls.paragraph(p.id)
        pages[src] = render("pages/paragraph.html.j2", p=paragraph_view(cat, p, src))
    return pages


def catalogue_pages(cat: Catalogue) -> Generated:
    """The pages of provisions, municipalities and courses, and the courses' search entries."""
    courses = course_pages(cat)
    pages = {**paragraph_pages(cat), **municipality_pages(cat), **courses.pages}
    return Generated(pages, courses.search)


def generated_pages(cat: Catalogue) -> Generated:
    """Every page generated from the catalogue. A build makes the guide pages in its worker
    process (`worker.py`) and the rest with `catalogue_pages`."""
    generated = catalogue_pages(cat)
    generated.pages.update(guide_pages(cat))
    return generated
