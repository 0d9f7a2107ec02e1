"""A data folder with hostile markup in every free-text field of every record type.

Used by the escaping gates (`tests/test_gates_static.py` checks the built files,
`tests/browser/test_gates.py` loads the pages). Which fields are free text comes from the
schemas (a string without enum, pattern or format that is no key and no reference) and from
the guide module's list of text keys, so a new text field is covered without editing this
file; `write_hostile_data` returns every field it filled, and the tests check that list
against the schemas.

Each field gets its own number `n`: the payload carries the marker `X{n}X`, so a test can
tell which field reached which page.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from macros.catalogue.flatten import AUTO_COLUMNS, YAML_KEY
from macros.catalogue.validate import load_package_descriptor, load_schemas
from macros.catalogue.yamlload import Map, Seq, load_file
from macros.guides import model as guide_model
from macros.guides.load import guide_files

# Template injection probe: `[[{{ 6*7 }}]]` must never come out as `[[42]]`.
TEMPLATE_PROBE = "[[{{ 6*7 }}]]"
TEMPLATE_EVALUATED = "[[42]]"


def marker(n: int) -> str:
    return f"X{n}X"


# Which parts of the payload a field too short for all of them keeps first (by index).
_PRIORITY = (2, 0, 6, 1, 3, 4, 5, 7)


def payload(n: int, multiline: bool = False, limit: int | None = None) -> str:
    """Markup that would run script if any template or renderer let it through.

    Every handler writes to `window.__xss`, so a browser test can see it ran; `alert` is not
    used, so nothing blocks a headless browser. A field with a maximum length (`limit`) gets
    the parts that fit, attribute and script breakouts first; the marker is always there.
    """
    run = f"(window.__xss=window.__xss||[]).push({n})"
    parts = [
        f"<script>{run}</script>",
        f'<img src=x onerror="{run}">',
        f'"\'><svg onload="{run}">',
        f" [klik](javascript:{run})",
        f' <a href="javascript:{run}">a</a>',
        f' <iframe src="https://evil.example.org/{n}"></iframe>',
        f" {TEMPLATE_PROBE}",
        f" ![spor](https://evil.example.org/{n}.png)",
    ]
    tail = f" </script></textarea><!-- {marker(n)}"
    if limit is not None and len("".join(parts) + tail) > limit:
        keep: set[int] = set()
        for i in _PRIORITY:
            if sum(len(parts[k]) for k in keep | {i}) + len(tail) <= limit:
                keep.add(i)
        parts = [p for i, p in enumerate(parts) if i in keep]
    text = "".join(parts) + tail
    if multiline:
        text += f'\n\n<div onclick="{run}">blok</div>\n\n# Overskrift {n}\n\n<style>body{{display:none}}</style>'
    return text


def _plain(value: object) -> Any:
    """yamlload's Map/Seq/Text (text as written) as plain dicts, lists and strings."""
    if isinstance(value, Map | dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Seq | list):
        return [_plain(v) for v in value]
    return None if value is None else str(value)


def text_fields(data_dir: Path) -> dict[str, list[str]]:
    """Table -> its free-text columns, from the schemas in `data_dir`."""
    schemas = load_schemas(data_dir)
    descriptor = load_package_descriptor(data_dir)
    out: dict[str, list[str]] = {}
    for resource in descriptor["resources"]:
        table = resource["name"]
        schema = schemas[table]
        keys = set(schema.get("primaryKey") or [])
        for fk in schema.get("foreignKeys") or []:
            keys.update(fk["fields"])
        fields = []
        for f in schema["fields"]:
            constraints = f.get("constraints") or {}
            if (
                f.get("type", "string") != "string"
                or "enum" in constraints
                or "pattern" in constraints
                or f.get("format") not in (None, "default")
                or f["name"] in keys
                or f["name"] in AUTO_COLUMNS.get(table, set())
            ):
                continue
            fields.append(f["name"])
        if fields:
            out[table] = fields
    return out


class _Filler:
    """Puts a numbered payload into each text field and remembers where."""

    def __init__(self, fields: dict[str, list[str]], limits: dict[str, int] | None = None):
        self.fields = fields
        self.limits = limits or {}  # "table.column" -> the schema's maxLength
        self.filled: dict[str, str] = {}  # marker -> "table.column" or "guide:kind.key"

    def payload_for(self, where: str, multiline: bool = False) -> str:
        n = len(self.filled) + 1
        self.filled[marker(n)] = where
        return payload(n, multiline, self.limits.get(where))

    def record(self, record: dict[str, Any], table: str, first_source: str) -> None:
        for column in self.fields.get(table, []):
            path = YAML_KEY.get(column, column).split(".")
            target = record
            for key in path[:-1]:
                target = target.setdefault(key, {})
            if path[0] == "law_text":
                target.setdefault("source", first_source)
            multiline = column == "description"
            target[path[-1]] = self.payload_for(f"{table}.{column}", multiline)


def _dump(path: Path, value: Any) -> None:
    path.write_text(
        yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )


def _load(path: Path) -> Any:
    value, problems = load_file(path, path.name)
    assert not problems, problems
    return _plain(value)


def max_lengths(data_dir: Path) -> dict[str, int]:
    """ "table.column" -> the maximum length its schema allows."""
    schemas = load_schemas(data_dir)
    return {
        f"{table}.{f['name']}": f["constraints"]["maxLength"]
        for table, schema in schemas.items()
        for f in schema["fields"]
        if (f.get("constraints") or {}).get("maxLength")
    }


def write_hostile_data(data_dir: Path) -> dict[str, str]:
    """Rewrite a (valid) data folder in place; returns marker -> field it was put in."""
    filler = _Filler(text_fields(data_dir), max_lengths(data_dir))
    sources = _load(data_dir / "sources.yaml")
    first_source = sources[0]["id"]
    for source in sources:
        filler.record(source, "sources", first_source)
    _dump(data_dir / "sources.yaml", sources)

    vocabularies = _load(data_dir / "vocabularies.yaml")
    for table, terms in vocabularies.items():
        for term in terms:
            filler.record(term, table, first_source)
    _dump(data_dir / "vocabularies.yaml", vocabularies)

    for path in sorted((data_dir / "paragraphs").glob("*.yaml")):
        paragraph = _load(path)
        filler.record(paragraph, "paragraphs", first_source)
        _dump(path, paragraph)

    for path in sorted((data_dir / "municipalities").glob("*.yaml")):
        municipality = _load(path)
        filler.record(municipality, "municipalities", first_source)
        for entry in municipality.get("entry_points", []):
            filler.record(entry, "entry_points", first_source)
            for window in entry.get("hours", []):
                filler.record(window, "hours", first_source)
            for closure in entry.get("closed", []):
                filler.record(closure, "closures", first_source)
        _dump(path, municipality)

    for path in sorted((data_dir / "courses").glob("*.yaml")):
        courses = _load(path)
        for course in courses:
            filler.record(course, "courses", first_source)
            for window in course.get("schedule", []):
                filler.record(window, "course_schedule", first_source)
        _dump(path, courses)

    rules = _load(data_dir / "rules.yaml")
    for rule in rules:
        filler.record(rule, "rules", first_source)
    _dump(data_dir / "rules.yaml", rules)

    for name, table in (
        ("facts.yaml", "facts"),
        ("style.yaml", "style"),
        ("crisis.yaml", "crisis_lines"),
    ):
        records = _load(data_dir / name)
        for record in records:
            filler.record(record, table, first_source)
        _dump(data_dir / name, records)

    for path in guide_files(data_dir):
        doc = _load(path)
        _fill_guide(doc, filler)
        _dump(path, doc)
    return filler.filled


# Guide keys that are not free text.
_GUIDE_NOT_TEXT = {"urgent_phone"}


def guide_text_keys() -> dict[str, set[str]]:
    """Node kind -> text keys a guide may have (from the guide module), top level as "guide"."""
    out = {kind: set(keys) - _GUIDE_NOT_TEXT for kind, keys in guide_model.TEXT_KEYS.items()}
    top = {"title", "description", "intro", "assessment", "other_municipality"}
    out["guide"] = top & set(guide_model.TOP_KEYS)
    return out


def _fill_guide(doc: dict[str, Any], filler: _Filler) -> None:
    keys = guide_text_keys()
    for key in sorted(keys["guide"]):
        doc[key] = filler.payload_for(f"guide.{key}")
    for node_id, node in doc["nodes"].items():
        kind = node["type"]
        texts = doc["texts"].setdefault(node_id, {})
        for key in sorted(keys[kind]):
            if key == "options":
                for answer in node.get("options", {}):
                    texts.setdefault("options", {})[answer] = filler.payload_for(
                        f"guide:{kind}.options"
                    )
                continue
            texts[key] = filler.payload_for(f"guide:{kind}.{key}")
        if kind == "outcome":
            texts["urgent_phone"] = "112"


def expected_fields(data_dir: Path) -> set[str]:
    """Every "table.column" and guide text key the hostile data must cover."""
    out = {
        f"{table}.{column}"
        for table, columns in text_fields(data_dir).items()
        for column in columns
    }
    for kind, keys in guide_text_keys().items():
        prefix = "guide." if kind == "guide" else f"guide:{kind}."
        out |= {prefix + key for key in keys}
    return out


# --- Checking a built site ---------------------------------------------------------------------


class _Scanner(HTMLParser):
    """Finds markup that came through as markup: handlers, javascript: URLs, foreign frames,
    scripts that would run the payload, and JSON-LD that is not clean JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._script: tuple[str, list[str]] | None = None  # (type, chunks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> (inline handler)")
            if name in (
                "href",
                "src",
                "action",
                "formaction",
                "data",
            ) and value.strip().lower().startswith("javascript:"):
                self.found.append(f'<{tag} {name}="{value[:40]}">')
            if tag == "img" and name == "src" and value == "x":
                self.found.append("<img src=x>")
            if tag == "img" and name == "src" and "evil.example" in value:
                self.found.append(f"<img src={value[:40]}> (an image from elsewhere)")
            if tag == "iframe":
                self.found.append(f"<iframe {name}={value[:40]}>")
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self._script = (kind, [])
        if tag == "style" and self._script is None:
            self._script = ("style", [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._script is not None:
            kind, chunks = self._script
            body = "".join(chunks)
            if kind == "application/ld+json":
                try:
                    json.loads(body)
                except ValueError:
                    self.found.append("JSON-LD is not valid JSON (did a </script> break out?)")
            elif "__xss" in body:
                self.found.append(f"<{tag}> with the payload: {body[:60]!r}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.text.append(data)


def scan_html(html: str) -> tuple[list[str], str]:
    """(problems, visible text) of one page."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found, " ".join(scanner.text)


def scan_site(site: Path) -> tuple[list[str], set[str]]:
    """(problems, markers seen in visible page text) for a site built from hostile data."""
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (
            ".html",
            ".json",
            ".js",
            ".xml",
            ".ics",
            ".txt",
        ):
            continue
        rel = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if TEMPLATE_EVALUATED in text:
            problems.append(f"{rel}: a template ran the text {TEMPLATE_PROBE}")
        if path.suffix == ".html":
            found, visible = scan_html(text)
            problems += [f"{rel}: {f}" for f in found]
            seen |= set(re.findall(r"X\d+X", visible))
        elif rel == "search/search_index.json":
            for doc in json.loads(text).get("docs", []):
                for key in ("title", "text"):
                    found, _ = scan_html(doc.get(key) or "")
                    problems += [f"{rel} ({doc.get('location')}): {f}" for f in found]
    return list(dict.fromkeys(problems)), seen
