"""Course pages in the site search: one entry each, written from the data.

Design note: Material's search plugin parses every page's HTML and makes an entry per
section. For a national catalogue that was the largest single cost of the build (a quarter,
`bench/build.md`), and it filled the index with ~20,000 course sections such as "Fakta" and
"Kilde" whose table cells ran together. Course pages are therefore left out of the plugin
(`search: exclude` in their front matter) and get one entry each instead — title, form,
provision, municipality, description, target groups and where to go — written from the same
view as the page and added to `search/search_index.json` after the plugin has written it
(the plugin's file format and escaping: `macros/site/framework/search_index.py`).

Citizens' own words (`search_words.py`, data/search_words.yaml) go into two fields the index
is told about (`plugins.search.fields` in mkdocs.yml) and the results never show: `words`
(a course's target groups, a provision page's provision) and the weaker `related_words` (a
course's or a municipality's provisions). The article entries of the provision and
municipality pages get theirs here, after the plugin has written the index.
Editor, open-data and caseworker pages lower their own rank (`search.boost` in their front
matter), so a citizen's words find citizens' pages first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.catalogue.model import Catalogue, Course
from macros.catalogue.search_words import unique
from macros.guides.load import guides_for
from macros.guides.pages import crisis_path, page_src
from macros.site.framework import search_index
from macros.views import urls
from macros.views.render import render

WORDS, RELATED = "words", "related_words"  # the index fields of citizens' words (mkdocs.yml)
FINDER = "courses/"
MUNICIPALITIES = "kommuner/"


def course_entry(
    view: dict[str, Any], src: str, words: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """The search entry of a course page (`view` is the page's `course_view`; `words` are
    citizens' words by field, see `course_words`)."""
    text = " ".join(render("pages/course_search.html.j2", c=view).split())
    title = search_index.escape(view["title"])  # as the plugin escapes its titles
    entry = {"location": urls.page_url(src), "title": title, "text": text}
    for name, values in (words or {}).items():
        if values:
            entry[name] = " ".join(values)
    return entry


def course_words(cat: Catalogue, course: Course) -> dict[str, list[str]]:
    """Citizens' words of a course: its target groups' (who it is for) and, weaker, its
    provision's – only when the source names the provision (`paragraph_stated`): otherwise
    the provision is the editors' sorting, and "6 måneder" would claim a limit the source
    does not state."""
    vocabulary = cat.search_words
    provision = [course.paragraph] if course.paragraph_stated else []
    return {
        WORDS: vocabulary.for_target_groups(course.target_groups),
        RELATED: vocabulary.for_paragraphs(provision),
    }


def page_words(cat: Catalogue) -> dict[str, dict[str, str]]:
    """Location in the index -> {field: citizens' words}, for pages the plugin indexes itself:
    each provision page (its provision's words) and each municipality page (in the weaker
    field: the words of its courses' target groups and of the provisions its entry points
    offer – the page lists both)."""
    vocabulary = cat.search_words
    out: dict[str, dict[str, list[str]]] = {}
    for p in cat.paragraphs.values():
        out[urls.page_url(urls.paragraph(p.id))] = {WORDS: vocabulary.for_paragraphs([p.id])}
    for m in cat.municipalities.values():
        offered = [pid for ep in m.entry_points for pid in ep.paragraphs]
        groups = [t for c in cat.courses_of(municipality=m.id) for t in c.target_groups]
        related = vocabulary.for_target_groups(groups) + vocabulary.for_paragraphs(offered)
        out[urls.page_url(urls.municipality(m.id))] = {RELATED: unique(related)}
    return {
        location: {name: " ".join(values) for name, values in fields.items() if values}
        for location, fields in out.items()
        if any(fields.values())
    }


def add_entries(
    site_dir: Path,
    entries: list[dict[str, str]],
    words: dict[str, dict[str, str]] | None = None,
) -> int:
    """Append entries to the index the search plugin wrote, and give the page articles named
    in `words` (see `page_words`) their citizens' words; returns how many entries it holds."""
    index = search_index.read(site_dir)
    for doc in index["docs"]:
        if words and doc["location"] in words:
            doc.update(words[doc["location"]])
    index["docs"].extend(entries)
    search_index.write(site_dir, index)  # as the plugin writes it
    return len(index["docs"])


def crisis_entry(cat: Catalogue) -> dict[str, str] | None:
    """The search entry of the guide's crisis outcome (guide pages are otherwise left out of
    the search): found by the crisis words, so "selvmord" lists the crisis help first."""
    crisis = help_view(cat)["crisis"]
    if crisis is None or not cat.search_words.crisis:
        return None
    text = " ".join(
        f"<p>{search_index.escape(t)}</p>" for t in (crisis["text"], crisis["lead"]) if t
    )
    return {
        "location": crisis["href"],
        "title": search_index.escape(crisis["title"]),
        "text": text,
        WORDS: " ".join(cat.search_words.crisis),
    }


def help_view(cat: Catalogue) -> dict[str, Any]:
    """What the search box offers besides results (`partials/search-help.html`): the crisis
    help for a query holding a crisis word, and the next steps when nothing is found. Links
    are relative to the site root (the theme's `url` filter makes them relative to the page)."""
    citizen = [g for g in guides_for(cat).values() if g.audience == "borger"]
    guide = citizen[0] if citizen else None
    crisis = None
    for candidate in citizen:
        path = crisis_path(candidate)
        if path is not None:
            crisis = {
                "title": candidate.text(path.outcome, "title"),
                "text": candidate.text(path.outcome, "urgent"),
                "lead": candidate.text(path.outcome, "lead"),
                # the numbers from data/crisis.yaml, each with its source, as on the crisis page
                "lines": [{"phone": line.phone, "href": line.href} for line in cat.crisis_lines],
                "href": urls.page_url(page_src(candidate.id, path.answers)),
            }
            break
    return {
        "crisis_words": cat.search_words.crisis if crisis else [],
        "crisis": crisis,
        "guide": {"title": guide.title, "href": urls.page_url(page_src(guide.id))}
        if guide
        else None,
        "finder": FINDER,
        "municipalities": MUNICIPALITIES,
    }
