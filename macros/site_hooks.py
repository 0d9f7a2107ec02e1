"""MkDocs hooks: validate the data before anything is built, then add generated pages.

Design note: MkDocs loads this file by path, not as part of the `macros` package, so it
puts the project root on `sys.path` and imports the package absolutely; the macros plugin
imports the same modules, so both share one validated catalogue (`catalogue.load` caches).
Invalid data aborts in `on_config`, before MkDocs writes anything to the site directory.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import buildinfo, catalogue, pages, static_files  # noqa: E402
from macros.problems import DataError, format_human  # noqa: E402

log = logging.getLogger("mkdocs.plugins.indgang")


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_config(config):
    try:
        cat = catalogue.load(data_dir(config), buildinfo.build_date())
    except DataError as exc:
        print(format_human(exc.problems), file=sys.stderr)
        raise Abort("Data har fejl (se ovenfor). Intet er bygget.") from None
    for warning in cat.warnings:
        log.info(warning.human())
    return config


def on_files(files: Files, config) -> Files:
    cat = catalogue.load(data_dir(config), buildinfo.build_date())
    for src, content in pages.generated_pages(cat).items():
        files.append(File.generated(config, src, content=content))
    for src, content in static_files.generated_static(cat).items():
        files.append(File.generated(config, src, content=content))
    return files
