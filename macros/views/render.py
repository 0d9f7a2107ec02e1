"""One Jinja environment over `site_templates/` for every page and macro.

Design note: templates only loop, branch and format; the view data they get is built in
Python (`macros/views/` and the domain modules). List grammar ("a, b og c") is
`domain/danish.py`'s, through the filters `danish_join` (texts) and `danish_list` (items
with the text after each, for links). Autoescape is on for every template,
Markdown ones included: HTML entities pass through Markdown untouched, so text from the
data can never become markup.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros.domain import danish
from macros.views import text

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "site_templates"


def _tojson(value: object) -> Markup:
    """JSON safe inside an HTML attribute or a <script> data block."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return Markup(
        dumped.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("'", "\\u0027")
    )


def _danish_join(parts: Iterable[str]) -> str:
    """Texts as "a, b og c" (escaped like any other text)."""
    return danish.join([str(p) for p in parts])


def _danish_list(items: Iterable[object]) -> list[tuple[object, str]]:
    """Items with the text after each, for lists of links: "a, b og c"."""
    return danish.with_separators(list(items))


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=text.markdown_html,
        yaml_str=text.yaml_string,
        ddate=danish.date_text,
        danish_join=_danish_join,
        danish_list=_danish_list,
        jsondata=_tojson,
    )
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
