"""A function run in a forked child process while this process goes on.

Design note: a validation is one process's work, but once the tables are read, Frictionless
checks each table on its own (`validate.validate_tables`). `Forked` runs part of those checks
in a child forked from this process: it inherits the flattened tables, so nothing is read or
copied twice, and sends its result back pickled through a pipe. On a national catalogue that
halves the tables' check (measured: `bench/build.md`). Fork on Linux only, as the build's
worker does (`macros/site/speed/worker.py`): macOS advises against `fork` and Windows lacks it.
Where the caller says no (`INDGANG_FAST=0`, `make validate`) or cannot fork, the function runs
in this process when its result is asked for, so the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class ForkedError(RuntimeError):
    """The child failed; the message carries its traceback."""


def can_fork() -> bool:
    """Whether a second process may be forked here (also the build's worker's rule)."""
    return sys.platform.startswith("linux")


def _child(fn: Callable[[], object], send: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, fn())
    except BaseException:  # the parent raises it; the child only reports
        outcome = (False, traceback.format_exc())
    send.send(outcome)
    send.close()


class Forked(Generic[T]):
    """`with Forked(fn, fork=True) as other: … other.result()`: `fn()` runs in a child from the
    start of the block; leaving the block stops a child whose result was never asked for."""

    def __init__(self, fn: Callable[[], T], *, fork: bool) -> None:
        self._fn = fn
        self._fork = fork and can_fork()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._pipe: Connection | None = None

    def __enter__(self) -> Forked[T]:
        if self._fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(self._fn, send), name="indgang-forked"
            )
            self._process.start()
            send.close()  # the child holds its own end; EOF when it dies
            self._pipe = receive
        return self

    def result(self) -> T:
        if self._pipe is None:
            return self._fn()
        pipe, self._pipe = self._pipe, None
        try:
            ok, value = pipe.recv()
        except EOFError:
            ok, value = False, None
        finally:
            pipe.close()
        code = self._join()
        if not ok:
            raise ForkedError(str(value) if value else f"the child ended with exit code {code}")
        return value  # type: ignore[return-value]  # what fn returned

    def _join(self) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        process.join()
        return process.exitcode

    def __exit__(self, *exc: object) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._join()
