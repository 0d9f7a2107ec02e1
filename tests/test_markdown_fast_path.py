"""Plain editors' text skips Python-Markdown (macros/views/text.py): the short path must give
exactly what Markdown gives, or the page would change with the wording of a description."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from pathlib import Path

from macros.guides import all_data
from macros.views import text
from macros.views.text import markdown_html

ROOT = Path(__file__).resolve().parent.parent

TOKENS = [
    "Du",
    "kan",
    "få",
    "hjælp",
    "i",
    "Din",
    "Indgang",
    "æøå",
    "ÆØÅ",
    "3-6",
    "2026.",
    "1.",
    "2)",
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "(",
    ")",
    "'",
    '"',
    "»",
    "«",
    "–",
    "—",
    "/",
    "&",
    "&amp;",
    "<b>",
    "</b>",
    ">",
    "<",
    "*",
    "**",
    "_",
    "`",
    "#",
    "##",
    "[",
    "]",
    "(https://x.dk)",
    "|",
    "~",
    "=",
    "==",
    "-",
    "---",
    "+",
    "\\",
    "{",
    "}",
    "https://x.dk",
    "post@x.dk",
    "%",
    "§ 82 a",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\n\n\n",
    "\n ",
    "\n    ",
    " \n",
    "  \n",
    "\n-",
    "\n1.",
    "\n=",
]


def _markdown(source: str) -> str:
    return str(text._MARKDOWN.reset().convert(text.html.escape(source.strip(), quote=False)))


# Half the texts from words and punctuation that are never Markdown syntax in the middle of
# a line, so the short path is tried often; the other half from every token.
PLAIN = [
    t
    for t in TOKENS
    if t.strip("\n") and not t[0].isdigit() and not text._MARKDOWN_SYNTAX.search(t)
] + ["\n", "\n\n", "\n\n\n"]


def _generated(count: int) -> list[str]:
    rng = random.Random(82)
    texts = []
    for i in range(count):
        tokens = PLAIN if i % 2 else TOKENS
        words = [
            rng.choice(tokens) + rng.choice(["", " ", " ", " "]) for _ in range(rng.randint(1, 40))
        ]
        texts.append("".join(words))
    return texts


def _shipped_texts() -> list[str]:
    cat = all_data.load(ROOT / "data", date(2026, 12, 2))
    found: list[str] = []
    for table in (cat.courses, cat.municipalities, cat.entry_points, cat.paragraphs, cat.rules):
        for record in table.values():
            for f in dataclasses.fields(record):
                value = getattr(record, f.name)
                if isinstance(value, str) and len(value) > 20:
                    found.append(value)
    return found


def test_the_short_path_gives_what_markdown_gives() -> None:
    wrong = [
        source
        for source in _generated(3000)
        if str(markdown_html(source)) != (_markdown(source) if source.strip() else "")
    ]
    assert not wrong, f"{len(wrong)} texts differ, the first: {wrong[0]!r}"


def test_shipped_texts_give_what_markdown_gives_and_most_take_the_short_path() -> None:
    texts = _shipped_texts()
    assert len(texts) > 50
    short = 0
    for source in texts:
        assert str(markdown_html(source)) == _markdown(source), source
        escaped = text.html.escape(source.strip(), quote=False)
        short += not text._MARKDOWN_SYNTAX.search(escaped)
    assert short > len(texts) // 2  # the point of the short path: plain sentences


def test_generated_texts_exercise_both_paths() -> None:
    """The generated texts above would prove little if they all took one path."""
    plain = [s for s in _generated(3000) if not text._MARKDOWN_SYNTAX.search(s.strip())]
    assert 300 < len(plain) < 2700
