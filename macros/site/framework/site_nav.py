"""Material's `site_nav` block, copied into `site_templates/overrides/main.html`.

Written against Material 9.8.1. Internal touched: the source of the `site_nav` block in
Material's `base.html`. The override copies it to wrap the navigation partial in a fragment
(rendered once per folder, `macros/site/speed/fragments.py`); everything else in the copy is
Material's. `tests/test_framework_adapters.py` compares the copy with the block of the
installed Material (whitespace aside, the fragment call taken out) and with `MATERIAL_SHA256`,
so an upgrade that changes the block fails there rather than leaving the site on the old one.

Why no public API: the block is the only place that includes `partials/nav.html`, and
overriding that partial instead (as `partials/search.html` does) would indent every page's
navigation as Material does, which changes every page of the built site; calling `super()`
cannot reach inside the block.
"""

from __future__ import annotations

import hashlib
import re

NAME = "site_nav"
MATERIAL_SHA256 = "e0c04507ded051cbe02be3d3887310d5c58518b7656993955d91f7ad109dc4e4"  # of the block's source in Material 9.8.1's base.html
_TAG = re.compile(r"{%-?\s*(block\s+\w+|endblock)\b[^%]*-?%}")
_FRAGMENT = re.compile(r'{%\s*call fragment\("nav", [^%]*%}(.*?){%\s*endcall\s*%}', re.DOTALL)
_FEATURES = re.compile(r"{%-\s*set features = config\.theme\.features or \[\]\s*-%}")


def block_source(template: str, name: str = NAME) -> str:
    """The source between `{% block name %}` and its `{% endblock %}`."""
    depth, start = 0, None
    for tag in _TAG.finditer(template):
        words = tag.group(1).split()
        if start is None:
            if words == ["block", name]:
                start, depth = tag.end(), 1
            continue
        depth += 1 if words[0] == "block" else -1
        if depth == 0:
            return template[start : tag.start()]
    raise LookupError(f"Blokken {name!r} findes ikke i skabelonen.")


def sha256(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def as_material_wrote_it(copy: str) -> str:
    """The copy in main.html without what the override adds, whitespace collapsed."""
    plain = _FRAGMENT.sub(r"\1", copy)
    plain = _FEATURES.sub("", plain)  # Material's base.html sets it outside its blocks
    return normalized(plain)


def normalized(source: str) -> str:
    return " ".join(source.split())
