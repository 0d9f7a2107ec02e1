"""Material's own templates, reachable as `material/…` from overrides that wrap a partial.

Written against MkDocs 1.6.1 and Material 9.8.1. Internals touched: the layout of Material's
template folder (which partials exist and what they hold) and the theme's Jinja loader, to
which `with_material_prefix` adds a `material/` prefix. `overrides/partials/search.html` and
`logo.html` wrap Material's partials of the same name (rendered once per `base_url`,
`macros/site/speed/fragments.py`), which a plain `{% include %}` would not reach, because the
override shadows them.

Why no public API: Material documents overriding a partial by copying it; it has no block
around the search box or the logo. The folder is found on the theme's search path
(`config.theme.dirs`, which MkDocs builds from the theme's entry point) rather than from
`material.__file__`, so it is the very folder this build's theme is loaded from.
`WRAPPED` records each wrapped partial's SHA-256 as it was when the override was written:
`tests/test_framework_adapters.py` fails when an upgrade changes one, so the override is
looked at again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

PREFIX = "material"
WRAPPED = {  # Material 9.8.1
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/logo.html": "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
}


class ThemeError(RuntimeError):
    """The theme is not the Material this site was written for."""


def material_templates(config: Any) -> Path:
    """The folder MkDocs loads Material's templates from in this build."""
    if config.theme.name == "material":
        for folder in config.theme.dirs:
            path = Path(folder)
            if folder != config.theme.custom_dir and (path / "mkdocs_theme.yml").is_file():
                return path
    raise ThemeError(
        "Temaet er ikke Material: siden er skrevet til mkdocs-material "
        f"(macros/site/framework/theme_templates.py; tema: {config.theme.name})."
    )


def with_material_prefix(env: Environment, config: Any) -> Environment:
    """`env`, whose loader also finds `material/<name>` in Material's own folder."""
    own = FileSystemLoader(material_templates(config))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({PREFIX: own})])
    return env


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
