"""The whole data folder: the catalogue's tables, the guides, and the texts of both.

`validate` is what `make validate` and the build run: the tables (`catalogue/validate.py`),
then the guides checked against the tables' ids (`load.py`, `check.py`), then the word list over the
citizen texts of both (`domain/style.py`); all problems at once, in that order. `load` is
the valid catalogue (`catalogue/model.py`), built once per data folder, build date and
content: the MkDocs hook and the macros plugin share it.

Design note: this module sits above the catalogue and the guides so that neither imports the
other's checks (the guides take the catalogue's ids, never the reverse).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from macros.catalogue import publisher as publishing
from macros.catalogue import validate as table_checks
from macros.catalogue.flatten import Flattener
from macros.catalogue.model import Catalogue, build
from macros.catalogue.validate import Validated, load_schemas
from macros.catalogue.yamlload import fingerprint
from macros.domain import lix, style
from macros.domain.problems import DataError, errors_only
from macros.guides.check import readable_texts
from macros.guides.load import known_from_tables, load_guides


def validate(data_dir: Path, today: date, *, fork: bool = False) -> Validated:
    """Every problem of the data folder; `fork`: part of the tables' check in a second process
    (`catalogue/forked.py`), with the same outcome."""
    checked = table_checks.check_tables(data_dir, today, fork=fork)
    flat = checked.flat
    known = known_from_tables(flat.tables, flat.unreadable)
    guides, guide_problems = load_guides(data_dir, known)  # data/guides/
    problems = checked.problems
    problems.extend(style.style_problems(flat.tables, guides.values()))  # data/style.yaml
    problems.extend(guide_problems)
    return table_checks.settle(checked.typed, problems)


_CACHE: dict[tuple, Catalogue] = {}


def load(data_dir: Path, today: date, *, fork: bool = False) -> Catalogue:
    """Validate and build the catalogue; raises DataError listing every problem. `fork` only
    makes the validation faster (see `validate`), so it is not part of the cache's key."""
    # The scope and the public address come from the environment too (catalogue/publisher.py).
    env = tuple(
        os.environ.get(name)
        for name in (publishing.SCOPE_ENV, publishing.URL_ENV, publishing.PAGES_URL_ENV)
    )
    key = (str(data_dir.resolve()), today, fingerprint(data_dir), env)
    if key not in _CACHE:
        result = validate(data_dir, today, fork=fork)
        if errors_only(result.problems):
            raise DataError(result.problems)
        _CACHE[key] = build(result.tables, today, result.problems)
    return _CACHE[key]


def clear_cache() -> None:
    _CACHE.clear()


# --- Citizen texts for the readability report -------------------------------------------------


def texts_from_guides(guides: Iterable[Any]) -> list[lix.CitizenText]:
    """Questions (with their help text) and outcomes of the guides (`model.Guide` objects),
    as listed by the guide checks' own `readable_texts`."""
    out = []
    for g in guides:
        for node_id, key, text in readable_texts(g):
            node = g.nodes[node_id]
            kind = lix.KIND_GUIDE_OUTCOME if node.kind == "outcome" else lix.KIND_GUIDE_QUESTION
            line = g.texts[node_id].line_of(key)
            out.append(lix.CitizenText(kind, g.file, line, f"{g.id}: {node_id} ({key})", text))
    return out


def citizen_texts(data_dir: Path) -> list[lix.CitizenText]:
    """Every citizen-facing text of a data folder, read as `make validate` reads it.

    Uses the flattener for the catalogue and the guides' loader (`load.py`) for the guides, so a
    text is measured even when other parts of the data have errors.
    """
    schemas = load_schemas(data_dir)
    columns = {name: [f["name"] for f in s["fields"]] for name, s in schemas.items()}
    flat_tables = Flattener(data_dir, columns).run().tables
    known = known_from_tables(flat_tables)
    guides, _problems = load_guides(data_dir, known)
    return lix.texts_from_tables(flat_tables) + texts_from_guides(guides.values())
