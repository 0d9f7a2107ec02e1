"""The build keeps its long-lived objects out of the garbage collector (`speed/heap.py`)
without keeping an earlier build's garbage alive."""

from __future__ import annotations

import gc
import weakref

from macros.site.speed import heap


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_start_frees_an_earlier_builds_garbage_even_when_it_was_frozen() -> None:
    old = Node()
    gone = weakref.ref(old)
    heap.freeze()  # the earlier build froze it while it was alive
    del old
    gc.collect()
    assert gone() is not None  # frozen: the collector does not look at it
    heap.start()  # the next build
    assert gone() is None
    gc.unfreeze()


def test_what_lives_at_the_start_is_frozen_and_new_objects_are_not() -> None:
    alive = Node()
    heap.start()
    assert gc.get_freeze_count() > 0
    kept = weakref.ref(alive)
    new = Node()
    new_ref = weakref.ref(new)
    del new
    gc.collect()
    assert new_ref() is None and kept() is alive
    gc.unfreeze()
