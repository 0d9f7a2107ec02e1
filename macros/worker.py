"""The build's second process: the guide pages, then the files that are not pages.

Design note: after validation, a build makes ~1,000 guide pages and ~2,000 other files (open
data, HSDS, calendars) that nothing else in the build depends on, besides the course,
municipality and provision pages. `on_files` forks this worker before it makes its own pages:
the worker makes the guide pages and sends them back through a pipe (12 MB for 98
municipalities, 30 ms to pickle), then writes the static files straight into the site folder
(`static_files.py`) while MkDocs builds the pages. The build waits for it at the end and fails
if it failed. On a national catalogue that moves 1.2 s of work to a second core. The child
inherits the validated catalogue, so nothing is read or checked twice. Where `fork` is
missing (Windows) the same work runs in the build's own process.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from . import guide_views, static_files
from .catalogue import Catalogue


class WorkerError(RuntimeError):
    """The worker process failed."""


def _message(code: int | None) -> str:
    return (
        "Guidesiderne, de åbne data og kalenderne kunne ikke laves "
        f"(arbejdsprocessen sluttede med kode {code}; se fejlen ovenfor)."
    )


def _run(cat: Catalogue, site_dir: Path, pages: Connection) -> None:
    """The child: guide pages through the pipe first (the build waits for them), then files."""
    pages.send(guide_views.guide_pages(cat))
    pages.close()
    static_files.write_static(cat, site_dir)


class Worker:
    """`start` once the catalogue is valid, `guide_pages` when the build needs them, `finish`
    before the build ends, `cancel` when the build stops half-way."""

    def __init__(self, cat: Catalogue, site_dir: Path, *, fork: bool | None = None) -> None:
        self.cat = cat
        self.site_dir = site_dir
        self.fork = "fork" in multiprocessing.get_all_start_methods() if fork is None else fork
        self.process: multiprocessing.process.BaseProcess | None = None
        self._pages: Connection | None = None

    def start(self) -> None:
        if not self.fork:
            return  # guide_pages and finish do the work
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        # `_run` is looked up now, so a test can swap it for one that fails
        self.process = context.Process(
            target=_run, args=(self.cat, self.site_dir, send), name="indgang-worker"
        )
        self.process.start()
        send.close()  # the child has its own copy; the pipe ends when the child closes it
        self._pages = receive

    def guide_pages(self) -> dict[str, str]:
        if self._pages is None:
            return guide_views.guide_pages(self.cat)
        pages, self._pages = self._pages, None
        try:
            return pages.recv()
        except EOFError:  # the child died before it sent them
            raise WorkerError(_message(self._stop())) from None
        finally:
            pages.close()

    def finish(self) -> None:
        if not self.fork:
            static_files.write_static(self.cat, self.site_dir)
            return
        if self.process is None:
            return
        self.process.join()
        code, self.process = self.process.exitcode, None
        if code != 0:
            raise WorkerError(_message(code))

    def cancel(self) -> None:
        self._stop()
        if self._pages is not None:
            self._pages.close()
            self._pages = None

    def _stop(self) -> int | None:
        """Stop the child if it still runs; its exit code."""
        if self.process is None:
            return None
        self.process.terminate()
        self.process.join()
        code, self.process = self.process.exitcode, None
        return code
