"""What an editor may write into a value, decided in one place: addresses, characters, lengths.

Design note: each rule is one small function used by both sides, validation (a Danish
`FILE:LINE` message) and output (the Markdown link filter in `text.py`, the CSV writer in
`opendata.py`), so what validation accepts and what a page or file shows cannot drift apart.

- **Addresses.** A `website`/`url` field and a link in an editor's text go to `https://`
  with a real host name; a link in text may also be `mailto:` or `tel:`. Everything else
  (`javascript:`, `data:`, `http:`, protocol-relative `//host`, `https://` with no host,
  `ftp://`) is refused in the fields and shown as plain text in Markdown.
- **Characters.** Control characters (escaped in a double-quoted YAML string, e.g. "\\u0007"),
  a carriage return and U+2028/U+2029 would reach HTML, CSV and calendars (where they break
  lines or are invisible). They are refused rather than silently removed: the editor sees
  where the text came from (often a paste) and nothing is changed behind their back.
- **Spreadsheets.** A CSV cell that starts with = + - @, tab or CR is read as a formula by
  spreadsheet programs. The published CSV puts an apostrophe in front of such free text
  (OWASP's advice); the data page and datapackage.json say so. Fields with a pattern
  (ids, phone numbers such as "+45 …") and numbers are written as they are.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from macros.catalogue.flatten import YAML_KEY, Row
from macros.domain.problems import Problem

# One host label: letters (also æøå) or digits, hyphens inside; the last label is a TLD.
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_HOST = re.compile(rf"(?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-z0-9-]{{1,59}})", re.UNICODE)
_EMAIL = re.compile(r"[^@\s/:?#]+@[^@\s/:?#]+\.[^@\s/:?#]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ]{2,19}")

# Control characters other than the line feed, and the Unicode line/paragraph separators.
_BAD_CHAR = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SPREADSHEET_PREFIX = "'"
# A character or a link that one of the rules below looks at.
_SUSPECT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]|\]\(")
# A Markdown link or image in an editor's text: [text](target) / ![alt](target).
_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))*)")


def is_web_address(url: str) -> bool:
    """`https://` followed by a real host name (www.ikast-brande.dk), nothing hidden."""
    if not url or any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    if parts.scheme != "https" or url[:8].lower() != "https://":
        return False
    if parts.username is not None or parts.password is not None:
        return False  # https://www.kommune.dk@evil.example shows one host and opens another
    return bool(parts.hostname and _HOST.fullmatch(parts.hostname))


def is_link_target(url: str) -> bool:
    """Where a link in an editor's Markdown may point: a web address, an e-mail or a phone."""
    lowered = url.lower()
    if lowered.startswith("mailto:"):
        return bool(_EMAIL.fullmatch(url[len("mailto:") :]))
    if lowered.startswith("tel:"):
        return bool(_PHONE.fullmatch(url[len("tel:") :]))
    return is_web_address(url)


def web_address_message(value: object, key: str) -> str:
    """What an editor reads about an address that `is_web_address` refuses."""
    return (
        f"«{str(value)[:80]}» i «{key}» er ikke en gyldig webadresse. Den skal begynde med "
        "https:// og have et domæne, fx https://www.ikast-brande.dk/."
    )


def spreadsheet_safe(text: str) -> str:
    """Free text for a CSV cell: an apostrophe in front of what would start a formula."""
    return SPREADSHEET_PREFIX + text if text.startswith(FORMULA_START) else text


def is_free_text(fdesc: dict[str, Any]) -> bool:
    """A string field whose values are not limited to a pattern or a list of values."""
    constraints = fdesc.get("constraints") or {}
    return (
        fdesc.get("type", "string") == "string"
        and "pattern" not in constraints
        and "enum" not in constraints
    )


def _char_name(char: str) -> str:
    names = {
        "\t": "tabulator",
        "\r": "vognretur (CR)",
        "\u2028": "linjeskilletegn U+2028",
        "\u2029": "afsnitsskilletegn U+2029",
    }
    return names.get(char, f"styretegn U+{ord(char):04X}")


def bad_character(text: str) -> str | None:
    """The first character that must not reach a page, a CSV file or a calendar, if any."""
    bad = _BAD_CHAR.search(text)
    return bad[0] if bad else None


def character_message(key: str, char: str) -> str:
    return (
        f"«{key}» indeholder et usynligt tegn ({_char_name(char)}), som ikke kan vises "
        "på siden, i CSV-filerne eller i kalenderen. Slet det (det kommer tit med, når "
        "man kopierer tekst); brug et almindeligt linjeskift, hvis teksten skal deles."
    )


def cell_problems(value: str, fdesc: dict[str, Any], row: Row) -> list[Problem]:
    """What is wrong with one text cell as written (before the schema casts it)."""
    column = fdesc["name"]
    key = YAML_KEY.get(column, column)
    line = row.line_for(column)
    problems = []
    bad = bad_character(value)
    if bad:
        problems.append(Problem(row.file, line, character_message(key, bad)))
    if fdesc.get("type", "string") != "string":
        return problems
    if not value.strip():
        problems.append(
            Problem(
                row.file,
                line,
                f"«{key}» er tom (kun mellemrum). Skriv teksten, eller slet feltet, hvis det "
                "ikke er påkrævet.",
            )
        )
        return problems
    if fdesc.get("format") == "uri" and not is_web_address(value):
        problems.append(Problem(row.file, line, web_address_message(value, key)))
    limit = (fdesc.get("constraints") or {}).get("maxLength")
    if limit and is_free_text(fdesc) and value.startswith(FORMULA_START) and len(value) == limit:
        # The CSV adds the apostrophe: one more character than the schema allows.
        problems.append(
            Problem(
                row.file,
                line,
                f"«{key}» er for lang: en tekst, der begynder med «{value[0]}», må højst være "
                f"{limit - 1} tegn. Forkort teksten.",
            )
        )
    if is_free_text(fdesc) and fdesc.get("format") in (None, "default"):
        for target in _MD_LINK.findall(value):
            if not is_link_target(target):
                problems.append(
                    Problem(
                        row.file,
                        line,
                        f"Linket «{target[:80]}» i «{key}» vises som almindelig tekst: et link "
                        "skal gå til en adresse, der begynder med https://, fx "
                        "[Kommunens side](https://www.ikast-brande.dk/); mailto: og tel: er også tilladt.",
                        "advarsel",
                    )
                )
    return problems


def check_cells(tables: dict[str, list[Row]], schemas: dict[str, dict[str, Any]]) -> list[Problem]:
    """Every text cell of every table, as written: characters, blank text, addresses, links."""
    problems: list[Problem] = []
    for table, rows in tables.items():
        fields = [f for f in schemas[table]["fields"] if f.get("type", "string") == "string"]
        for row in rows:
            for fdesc in fields:
                value = row.values.get(fdesc["name"])
                if not value:
                    continue
                if (  # the common case, cheaply: nothing any rule below would look at
                    fdesc.get("format") != "uri"
                    and not value.isspace()
                    and not value.startswith(FORMULA_START)
                    and not _SUSPECT.search(value)
                ):
                    continue
                problems.extend(cell_problems(value, fdesc, row))
    return problems
