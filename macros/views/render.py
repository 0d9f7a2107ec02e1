"""One Jinja environment over `site_templates/` for every page and macro.

Design note: templates only loop, branch and format; the view data they get is built in
Python (`macros/views.py` and the domain modules). Autoescape is on for every template,
Markdown ones included: HTML entities pass through Markdown untouched, so text from the
data can never become markup.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

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
        ddate=text.danish_date,
        jsondata=_tojson,
    )
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
