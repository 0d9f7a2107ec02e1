"""The hooks keep what one build carries in one `Build` (macros/site/hooks.py), made afresh
by `on_config`, the first event of every build: `mkdocs serve` rebuilds in one process, so
nothing of an earlier build (its search entries, its worker, its staging folder) may leak."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from macros.site import hooks
from macros.site.speed.worker import Worker

ROOT = Path(__file__).resolve().parent.parent


def test_each_build_starts_from_a_fresh_build_object(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(hooks, "_build", hooks.Build())
    hooks.on_startup("serve", dirty=False)
    stale = hooks._build
    stale.search_entries.append({"location": "gammel/", "title": "Gammel", "text": ""})
    stale.search_words["gammel/"] = {"words": "gammel"}
    stale.worker = Worker(None, tmp_path, fork=False)  # type: ignore[arg-type]
    stale.staging = (tmp_path / "site", tmp_path / ".site.ny")
    hooks.on_config(load_config(str(ROOT / "mkdocs.yml")))
    fresh = hooks._build
    assert fresh is not stale
    assert fresh == hooks.Build(command="serve")  # the command is kept, nothing else


def test_the_hooks_keep_no_other_module_state() -> None:
    """No module-level list, dict or set: what changes during a build lives in `_build`."""
    mutable = {
        name
        for name, value in vars(hooks).items()
        if not name.startswith("__") and isinstance(value, (list, dict, set))
    }
    assert mutable == set()
    assert isinstance(hooks._build, hooks.Build)


def test_mkdocs_loads_the_hooks_once_per_process_so_their_state_outlives_a_build() -> None:
    """Why the reset above is needed: each `mkdocs serve` rebuild loads the configuration
    again, but gets the same hooks module (and so the same module state)."""
    first = load_config(str(ROOT / "mkdocs.yml"))["hooks"]
    again = load_config(str(ROOT / "mkdocs.yml"))["hooks"]
    assert [id(m) for m in first.values()] == [id(m) for m in again.values()]
