"""Pages generated from the data: one per course, municipality and provision.

Design note: generated pages are added in the `on_files` hook (`File.generated`) and kept
out of the navigation: MkDocs renders the whole nav into every page, so a nav section that
grows with the catalogue makes the build quadratic (see platform notes). They are reached
from list pages, the course finder and search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.site import search
from macros.views import leaflet, urls
from macros.catalogue.model import Catalogue, Course
from macros.views.course_page import course_view
from macros.views.guide_views import guide_pages
from macros.views.law import paragraph_view
from macros.views.render import render
from macros.exports.structured import course_ld, entry_point_ld


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)  # source path -> front matter + HTML
    search: list[dict[str, str]] = field(default_factory=list)  # see macros/site/search.py

    def extend(self, other: Generated) -> Generated:
        self.pages.update(other.pages)
        self.search.extend(other.search)
        return self


def course_pages(cat: Catalogue, courses: Iterable[Course] | None = None) -> Generated:
    out = Generated()
    for course in cat.courses.values() if courses is None else courses:
        src = urls.course(course.municipality, course.id)
        view = course_view(cat, course, src)
        out.pages[src] = render("pages/course.html.j2", c=view, ld=course_ld(cat, course))
        out.search.append(search.course_entry(view, src, search.course_words(cat, course)))
    return out


def municipality_pages(cat: Catalogue) -> dict[str, str]:
    pages = {}
    for m in cat.municipalities.values():
        src = urls.municipality(m.id)
        lds = [entry_point_ld(cat, ep) for ep in m.entry_points]
        view = {**leaflet.page_view(cat, m), "leaflet": leaflet.links(src, m.id)}
        pages[src] = render("pages/municipality.html.j2", m=view, lds=lds)
    return pages


def paragraph_pages(cat: Catalogue) -> dict[str, str]:
    pages = {}
    for p in cat.paragraphs.values():
        src = urls.paragraph(p.id)
        pages[src] = render("pages/paragraph.html.j2", p=paragraph_view(cat, p, src))
    return pages


def _split(cat: Catalogue) -> int:
    """Where the courses of the two shares meet. The worker also makes the guide pages (0.45 s
    for 98 municipalities, about as long as 1,600 course pages) and pickles what it makes, so
    a third of the courses evens the two processes out for a national catalogue (measured:
    the build then waits 0.05 s for the worker's share)."""
    return len(cat.courses) * 2 // 3


def first_share(cat: Catalogue) -> Generated:
    """The pages a build makes itself: provisions, municipalities, the first two thirds of the
    courses. Its worker process makes `second_share` meanwhile (`worker.py`)."""
    courses = course_pages(cat, list(cat.courses.values())[: _split(cat)])
    pages = {**paragraph_pages(cat), **municipality_pages(cat), **courses.pages}
    return Generated(pages, courses.search)


def second_share(cat: Catalogue) -> Generated:
    """The last third of the courses and the guide pages."""
    out = course_pages(cat, list(cat.courses.values())[_split(cat) :])
    out.pages.update(guide_pages(cat))
    return out
