"""Which files under `data/` are read, and a Danish message for every other file.

Design note: the readers take `*.yaml` directly in their folders, so `thisted.yml`,
`THISTED.YAML`, `courses/2027/thisted.yaml` or `guides/snitflade.yml` would be skipped
without a word and their facts would vanish from the site. Every file under `data/` is
therefore either read, on the explicit allow-list below, or reported at line 1 with the name
to give it (a suggested name is always itself a valid one: lowercase a-z, digits, hyphens).

Allowed without being read as data (`ALLOWED_FILES`, `ALLOWED_IN_FOLDERS`, `TOOL_LITTER`):
the developers' notes (`FORMAT.md`, `README.md` in `data/`, in each data folder and in
`schemas/`), the Data Package descriptor `datapackage.yaml`, the table schemas
`schemas/*.yaml`, and files that tools put beside the data and that never hold an editor's
facts (`.gitkeep`, `.DS_Store`, `Thumbs.db`, `desktop.ini`, editors' swap and backup files
`.*.sw?`, `*~`, `#*#`).
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from macros.catalogue import layout
from macros.domain.problems import Problem

# The project's data folder (the build itself takes it from mkdocs.yml's folder: site/hooks.py).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# What the flattener reads (macros/catalogue/layout.py), and the guides' folder.
READ_FILES = tuple(layout.top_files())
READ_FOLDERS = (*layout.folders(), "guides")
ALLOWED_FILES = ("FORMAT.md", "README.md", "datapackage.yaml")
ALLOWED_IN_FOLDERS = {
    "schemas": ("*.yaml", "README.md"),
    **{f: ("README.md",) for f in READ_FOLDERS},
}
TOOL_LITTER = (".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini", ".*.sw?", "*~", "#*#")

_VALID_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.yaml$")
_YAML_NAME = re.compile(r"^(.+?)\.ya?ml(?:$|\.)", re.IGNORECASE)
_FOLDER_WHAT = {
    "paragraphs": "paragrafferne (fx 82a.yaml)",
    "municipalities": "kommunerne (kommunens id, fx ikast-brande.yaml)",
    "courses": "kurserne (kommunens id, fx ikast-brande.yaml)",
    "guides": "guiderne (guidens id, fx stoette.yaml)",
}
_READ_LIST = (
    ", ".join(READ_FILES)
    + " og .yaml-filerne direkte i mapperne "
    + ", ".join(f"{folder}/" for folder in READ_FOLDERS[:-1])
    + f" og {READ_FOLDERS[-1]}/"
)


@dataclass(frozen=True)
class Unread:
    """A file that is not read, and the data file it was probably meant to be."""

    problem: Problem
    meant: str | None = None  # path relative to data/, e.g. "municipalities/thisted.yaml"


def slug(stem: str) -> str:
    """A valid file stem from an editor's one: 'Thisted Kommune' -> 'thisted-kommune'."""
    text = stem.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def valid_name(name: str) -> bool:
    return bool(_VALID_NAME.match(name))


def yaml_files(folder: Path) -> list[Path]:
    """The data files a reader takes from `folder` (a folder named `x.yaml` is not one)."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def _allowed(rel: tuple[str, ...]) -> bool:
    name = rel[-1]
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in TOOL_LITTER):
        return True
    if len(rel) == 1:
        return name in ALLOWED_FILES
    if len(rel) == 2:
        return any(fnmatch.fnmatchcase(name, p) for p in ALLOWED_IN_FOLDERS.get(rel[0], ()))
    return False


def is_read(rel: tuple[str, ...]) -> bool:
    """Whether the readers take this file (path parts relative to data/)."""
    if len(rel) == 1:
        return rel[0] in READ_FILES
    return len(rel) == 2 and rel[0] in READ_FOLDERS and rel[1].endswith(".yaml")


def _meant_name(name: str) -> str | None:
    """'thisted.yml', 'Thisted.YAML', 'thisted.yaml.txt' -> 'thisted.yaml'; else None."""
    match = _YAML_NAME.match(name)
    if not match:
        return None
    stem = slug(match[1])
    return f"{stem}.yaml" if stem else None


def _rename(display: str, target: str, data_dir: Path, why: str) -> Unread:
    """Rename to `target` (relative to data/), or merge into it when it exists."""
    if (data_dir / target).exists():
        advice = (
            f"Der findes allerede en data/{target}: flyt det, der mangler, derind, og slet "
            "så denne fil."
        )
    else:
        advice = f"Omdøb den til data/{target}."
    return Unread(Problem(display, 1, f"Filen bliver ikke læst: {why} {advice}"), target)


def check_files(data_dir: Path) -> list[Unread]:
    """Every file under `data_dir` that is neither read nor allowed, with what to do."""
    found: list[Unread] = []
    root = data_dir.parent
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(data_dir).parts
        if is_read(rel) or _allowed(rel):
            continue
        display = path.relative_to(root).as_posix()
        meant = _meant_name(rel[-1])
        found.append(_unread(rel, display, meant, data_dir))
    return found


def _unread(rel: tuple[str, ...], display: str, meant: str | None, data_dir: Path) -> Unread:
    name = rel[-1]
    folder = rel[0] if len(rel) > 1 else None
    if folder in READ_FOLDERS:
        where = f"data/{folder}/"
        if meant is None:
            return Unread(
                Problem(
                    display,
                    1,
                    f"Filen bliver ikke læst: i {where} læses kun filer med "
                    f"{_FOLDER_WHAT[folder]}. Slet filen, eller flyt den ud af data/.",
                )
            )
        if len(rel) > 2:
            why = f"den ligger i en undermappe, og kun filer direkte i {where} læses."
        else:
            why = "datafiler skal hedde noget med små bogstaver a-z, tal og bindestreg og ende på .yaml."
        return _rename(display, f"{folder}/{meant}", data_dir, why)
    if folder is None and meant is not None:
        close = difflib.get_close_matches(meant, READ_FILES, n=1, cutoff=0.6)
        if close:
            return _rename(display, close[0], data_dir, f"data/ læser kun {_READ_LIST}.")
    if folder is not None and meant is not None:
        close = difflib.get_close_matches(folder.lower(), READ_FOLDERS, n=1, cutoff=0.6)
        if close:
            return _rename(
                display,
                f"{close[0]}/{meant}",
                data_dir,
                f"mappen data/{folder}/ bliver ikke læst; data/ læser kun {_READ_LIST}.",
            )
    return Unread(
        Problem(
            display,
            1,
            f"Filen bliver ikke læst: data/ læser kun {_READ_LIST}. "
            f"Flyt «{name}» til den rigtige mappe med et gyldigt navn, eller slet den.",
        )
    )
