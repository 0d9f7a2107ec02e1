"""Non-page files generated from the catalogue (the finder's index, open data, calendars).

Design note: these files are not pages. No theme template, navigation or search reads them, and
no Markdown links to them (links to them are written by templates, and the link gate checks
them in the built site). So they are not handed to MkDocs as `File`s: `StaticWriter` writes
them straight into the site folder from a forked process while MkDocs builds the pages, and
the build waits for it at the end. For a national catalogue that is about 2,000 files (a
calendar for every course with dates) and 0.8 s of work, done on a second core. Where `fork`
is missing (Windows) the files are written in the build's own process instead. The child
inherits the validated catalogue, so nothing is read or checked twice; if it fails, the build
fails too, with the child's traceback above the message.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from . import calendars, finder, hsds, opendata
from .catalogue import Catalogue


class StaticFilesError(RuntimeError):
    """The worker writing the static files failed."""


def generated_static(cat: Catalogue) -> dict[str, str]:
    """Site path -> file content. Filled by the finder and the open-data export."""
    return {
        finder.INDEX_PATH: finder.index_json(cat),
        **opendata.generated_files(cat),
        **hsds.generated_files(cat),
        **calendars.generated_files(cat),
    }


def write_static(cat: Catalogue, site_dir: Path) -> None:
    """Write every generated file below `site_dir` (UTF-8, LF or CRLF as generated)."""
    made: set[str] = set()
    for path, content in generated_static(cat).items():
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(content)


class StaticWriter:
    """Writes the static files beside the build: `start` when the files are known,
    `finish` before the build ends, `cancel` when the build stops half-way."""

    def __init__(self, cat: Catalogue, site_dir: Path, *, fork: bool | None = None) -> None:
        self.cat = cat
        self.site_dir = site_dir
        if fork is None:
            fork = "fork" in multiprocessing.get_all_start_methods()
        self.fork = fork
        self.process: multiprocessing.process.BaseProcess | None = None

    def start(self) -> None:
        if not self.fork:
            write_static(self.cat, self.site_dir)
            return
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=write_static, args=(self.cat, self.site_dir), name="indgang-static"
        )
        self.process.start()

    def finish(self) -> None:
        if self.process is None:
            return
        self.process.join()
        code, self.process = self.process.exitcode, None
        if code != 0:
            raise StaticFilesError(
                "Åbne data, kalendere og kursusfinderens indeks kunne ikke skrives "
                f"(arbejdsprocessen sluttede med kode {code}; se fejlen ovenfor)."
            )

    def cancel(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join()
            self.process = None
