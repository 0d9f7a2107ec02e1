"""Where a guide's pages are, and which of them is the crisis help.

Design note: the crisis page is linked from views below the guide views (the honest
"kontakt kommunen" notice in `views/places.py`), so finding it lives in the guides layer,
which every view may import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from macros.guides.load import guides_for
from macros.guides.model import ANY_MUNICIPALITY, Guide, GuidePath
from macros.guides.walk import paths

if TYPE_CHECKING:
    from macros.catalogue.model import Catalogue


def page_src(guide_id: str, answers: Sequence[str] = ()) -> str:
    """'guide/stoette/index.md' for the start; each answer is one more folder."""
    return "/".join(["guide", guide_id, *answers, "index.md"])


def crisis_path(guide: Guide) -> GuidePath | None:
    """The path to the guide's first urgent outcome (one whose texts have `urgent`) without a
    municipality step, or None."""
    for path in paths(guide):
        if guide.text(path.outcome, "urgent") and ANY_MUNICIPALITY not in path.answers:
            return path
    return None


def crisis_answers(guide: Guide) -> tuple[str, ...] | None:
    """The answers leading to the guide's crisis outcome (`crisis_path`), or None."""
    path = crisis_path(guide)
    return None if path is None else path.answers


def crisis_page(cat: Catalogue) -> str | None:
    """Source path of the first citizen guide's crisis outcome (the crisis help), or None."""
    for guide in guides_for(cat).values():
        if guide.audience != "borger":
            continue
        answers = crisis_answers(guide)
        if answers is not None:
            return page_src(guide.id, answers)
    return None
