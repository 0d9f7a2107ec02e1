"""The build's second process: part of the generated pages, then the files that are not pages.

Design note: after validation, a build generates ~5,000 pages (courses, guides, municipalities,
provisions) and ~2,000 other files (open data, HSDS, calendars) that no page depends on.
`on_files` forks this worker before it makes its own share of the pages (`pages.first_share`):
the worker makes the other share (`pages.second_share`: three sevenths of the courses and the
guide pages) and sends it back through a pipe (about 21 MB for a national catalogue, 0.1 s), then writes the static files straight into the site folder (`static_files.py`) while
MkDocs builds the pages. The build waits for it at the end and fails if it failed. On a
national catalogue that moves 1.6 s of work to a second core. The child inherits the
validated catalogue, so nothing is read or checked twice. The worker is forked where
`catalogue/forked.can_fork` says (Linux only: CI, servers; macOS advises against `fork` and
Windows lacks it), so elsewhere the same work runs in the build's own process.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from macros.catalogue.forked import can_fork
from macros.catalogue.model import Catalogue
from macros.exports import static_files
from macros.site import pages


class WorkerError(RuntimeError):
    """The worker process failed."""


def _message(code: int | None) -> str:
    return (
        "En del af siderne, de åbne data og kalenderne kunne ikke laves "
        f"(arbejdsprocessen sluttede med kode {code}; se fejlen ovenfor)."
    )


def _run(cat: Catalogue, site_dir: Path, share: Connection) -> None:
    """The child: its share of the pages through the pipe first (the build waits for them),
    then the files."""
    share.send(pages.second_share(cat))
    share.close()
    static_files.write_static(cat, site_dir)


class Worker:
    """`start` once the catalogue is valid, `share` when the build needs the pages, `finish`
    before the build ends, `cancel` when the build stops half-way."""

    def __init__(self, cat: Catalogue, site_dir: Path, *, fork: bool | None = None) -> None:
        self.cat = cat
        self.site_dir = site_dir
        self.fork = can_fork() if fork is None else fork
        self.process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None

    def start(self) -> None:
        if not self.fork:
            return  # `share` and `finish` do the work
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        # `_run` is looked up now, so a test can swap it for one that fails
        self.process = context.Process(
            target=_run, args=(self.cat, self.site_dir, send), name="indgang-worker"
        )
        self.process.start()
        send.close()  # the child has its own copy; the pipe ends when the child closes it
        self._pipe = receive

    def share(self) -> pages.Generated:
        """The worker's share of the pages (`pages.second_share`)."""
        if self._pipe is None:
            return pages.second_share(self.cat)
        pipe, self._pipe = self._pipe, None
        try:
            return pipe.recv()
        except EOFError:  # the child died before it sent them
            raise WorkerError(_message(self._stop())) from None
        finally:
            pipe.close()

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
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None

    def _stop(self) -> int | None:
        """Stop the child if it still runs; its exit code."""
        if self.process is None:
            return None
        self.process.terminate()
        self.process.join()
        code, self.process = self.process.exitcode, None
        return code
