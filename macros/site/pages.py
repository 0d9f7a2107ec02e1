"""Pages generated from the data: one per course, municipality (and its leaflet), provision and
guide path.

Design note: generated pages are added in the `on_files` hook (`File.generated`) and kept
out of the navigation: MkDocs renders the whole nav into every page, so a nav section that
grows with the catalogue makes the build quadratic (see platform notes). They are reached
from list pages, the course finder and search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from macros.catalogue.model import Catalogue, Course
from macros.exports.structured import course_ld, entry_point_ld
from macros.site import search
from macros.views import leaflet, urls
from macros.views.course_page import course_view
from macros.views.guide_views import guide_pages
from macros.views.law import paragraph_view
from macros.views.render import render

# The kinds of generated pages, in the order one process makes them (and MkDocs lists them:
# the sitemap and the search index follow it), whichever share makes them.
KINDS = ("paragraphs", "municipalities", "courses", "guides", "leaflets")


@dataclass
class Generated:
    sections: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> src -> page
    search: list[dict[str, str]] = field(default_factory=list)  # see macros/site/search.py

    @property
    def pages(self) -> dict[str, str]:
        """Source path -> front matter and HTML, in the order of `KINDS`."""
        return {src: page for kind in KINDS for src, page in self.sections.get(kind, {}).items()}

    def extend(self, other: Generated) -> Generated:
        """Add a later share: its pages of a kind come after this one's of that kind."""
        for kind, pages in other.sections.items():
            self.sections.setdefault(kind, {}).update(pages)
        self.search.extend(other.search)
        return self


def course_pages(cat: Catalogue, courses: Iterable[Course] | None = None) -> Generated:
    out = Generated({"courses": {}})
    for course in cat.courses.values() if courses is None else courses:
        src = urls.course(course.municipality, course.id)
        view = course_view(cat, course, src)
        out.sections["courses"][src] = render(
            "pages/course.html.j2", c=view, ld=course_ld(cat, course)
        )
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
    """Where the courses of the two shares meet. Measured on the national synthetic catalogue
    (98 × 40, in one process): the courses take 1.8 s, the guide pages 0.7–1.0 s, the
    municipality pages 0.5 s, the leaflets 0.3 s (they reuse the municipality pages' views,
    so they are made in the same process), the provision pages 0.15 s. The worker starts
    with cold caches and pickles its share (21 MB, 0.1 s), so the build makes a little over
    half of the courses itself (measured: it then waits 0.07 s for the worker, against 0.4–1.1 s
    with the worker making the leaflets or two thirds of the courses here)."""
    return len(cat.courses) * 4 // 7


def first_share(cat: Catalogue, site_url: str | None = None) -> Generated:
    """The pages a build makes itself: the provisions, the municipalities and their leaflets
    (whose QR codes lead to the municipality pages at `site_url`, the public address) and the
    first part of the courses. Its worker process makes `second_share` meanwhile
    (`worker.py`)."""
    courses = course_pages(cat, list(cat.courses.values())[: _split(cat)])
    out = Generated({"paragraphs": paragraph_pages(cat), "municipalities": municipality_pages(cat)})
    out.sections["leaflets"] = leaflet.leaflet_pages(cat, site_url)
    return out.extend(courses)


def second_share(cat: Catalogue) -> Generated:
    """The rest of the courses and the guide pages."""
    out = course_pages(cat, list(cat.courses.values())[_split(cat) :])
    out.sections["guides"] = guide_pages(cat)
    return out
