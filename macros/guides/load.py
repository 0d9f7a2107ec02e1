"""The guides folder (`data/guides/*.yaml`) → checked guides, against known ids.

Design notes (why, not what):

- `load_guides` reads, parses and checks every file and returns the guides that parsed with
  all problems: `make validate` (`all_data.py`) takes the problems, the site the guides.
- The ids come from the flattened tables while validating (`known_from_tables`, so a guide
  is checked even when a table has errors) and from the valid catalogue when building
  (`known_from_catalogue`, `guides_for`); the checks themselves see only `Known`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.catalogue.datafiles import DATA_DIR
from macros.catalogue.yamlload import fingerprint, load_file
from macros.domain.problems import DataError, Problem, errors_only
from macros.guides.check import Known, check_guide
from macros.guides.model import AUDIENCES, Guide
from macros.guides.parse import parse_guide

if TYPE_CHECKING:  # pragma: no cover
    from macros.catalogue.model import Catalogue

GUIDES = "guides"


def guide_files(data_dir: Path) -> list[Path]:
    folder = data_dir / GUIDES
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def load_guides(data_dir: Path, known: Known) -> tuple[dict[str, Guide], list[Problem]]:
    """Parse and check every guide; returns the guides that parsed and all problems."""
    guides: dict[str, Guide] = {}
    problems: list[Problem] = []
    root = data_dir.parent
    for path in guide_files(data_dir):
        try:
            display = str(path.relative_to(root))
        except ValueError:  # pragma: no cover - data dir outside the project
            display = str(path)
        value, read_problems = load_file(path, display)
        problems.extend(read_problems)
        if value is None:
            continue
        guide, parse_problems = parse_guide(value, display, path.stem)
        problems.extend(parse_problems)
        if guide is None:
            continue
        problems.extend(check_guide(guide, known))
        guides[guide.id] = guide
    order = sorted(guides.values(), key=lambda g: (AUDIENCES.index(g.audience), g.title))
    return {g.id: g for g in order}, problems


def _ids(rows: Sequence[Any], column: str = "id") -> list[str]:
    out = []
    for row in rows:
        values = row.values if hasattr(row, "values") and not isinstance(row, dict) else row
        value = values.get(column)
        if value is not None:
            out.append(str(value))
    return out


def known_from_tables(
    tables: Mapping[str, Sequence[Any]], unreadable: Mapping[str, set[str]] | None = None
) -> Known:
    """Ids from flattened (`Row`) or typed (dict) tables; municipalities sorted by name.

    `unreadable` is the flattener's map of files it could not read (`Flattened.unreadable`):
    a paragraph in an unreadable file counts as known, and with `rules.yaml` unreadable no
    rule reference is checked, so the root cause is reported once.
    """
    unreadable = unreadable or {}
    municipalities = []
    for row in tables.get("municipalities", []):
        values = row.values if hasattr(row, "values") and not isinstance(row, dict) else row
        if values.get("id") is not None:
            municipalities.append((str(values.get("name") or values["id"]), str(values["id"])))
    bad_paragraphs = unreadable.get("paragraphs", set())
    return Known(
        paragraphs=frozenset(_ids(tables.get("paragraphs", []))) | (bad_paragraphs - {"*"}),
        rules=frozenset(_ids(tables.get("rules", []))),
        municipalities=tuple(mid for _, mid in sorted(municipalities)),
        rules_readable="*" not in unreadable.get("rules", set()) and bool(tables.get("rules")),
        paragraphs_readable="*" not in bad_paragraphs,
    )


def known_from_catalogue(cat: Catalogue) -> Known:
    return Known(
        paragraphs=frozenset(cat.paragraphs),
        # on a municipality's own site the guides may still name other municipalities' rules
        rules=frozenset(cat.rules) | cat.other_rules,
        municipalities=tuple(cat.municipalities),  # the catalogue sorts them by name
    )


def check_guides(
    data_dir: Path,
    tables: Mapping[str, Sequence[Any]],
    unreadable: Mapping[str, set[str]] | None = None,
) -> list[Problem]:
    """Every problem in `data/guides/`, for `make validate`: `tables` (flattened or typed)
    give the ids the guides may name; `unreadable` is `Flattened.unreadable`."""
    return load_guides(data_dir, known_from_tables(tables, unreadable))[1]


_CACHE: dict[tuple, dict[str, Guide]] = {}


def guides_for(cat: Catalogue, data_dir: Path = DATA_DIR) -> dict[str, Guide]:
    """The checked guides of a valid catalogue; raises DataError on any error."""
    known = known_from_catalogue(cat)
    key = (str(data_dir.resolve()), known, fingerprint(data_dir / "guides"))
    if key not in _CACHE:
        guides, problems = load_guides(data_dir, known)
        if errors_only(problems):
            raise DataError(problems)
        _CACHE[key] = guides
    return _CACHE[key]
