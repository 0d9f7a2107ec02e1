"""The build's second process (`macros/site/speed/worker.py`) makes part of the generated pages and writes
open data, calendars and the finder's index beside the build; when it fails, the build fails."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from macros.exports import static_files
from macros.guides import all_data
from macros.site import hooks as site_hooks
from macros.site import pages
from macros.site.speed import worker
from macros.site.speed.worker import Worker, WorkerError
from macros.views import guide_views, leaflet

ROOT = Path(__file__).resolve().parent.parent
CAT = all_data.load(ROOT / "data", date(2026, 11, 22))


def written(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in-process"])
def test_the_worker_hands_over_its_share_of_the_pages_and_writes_every_file(
    tmp_path: Path, fork: bool
) -> None:
    expected = static_files.generated_static(CAT)
    w = Worker(CAT, tmp_path, fork=fork)
    w.start()
    assert w.share() == pages.second_share(CAT)
    w.finish()
    files = written(tmp_path)
    assert set(files) == set(expected)
    assert all(files[path] == content.encode("utf-8") for path, content in expected.items())
    assert any(path.endswith(".ics") and b"\r\n" in files[path] for path in files)  # CRLF kept


def test_the_two_shares_are_every_generated_page_in_one_process_order() -> None:
    first, second = pages.first_share(CAT), pages.second_share(CAT)
    assert first.pages and second.pages and not set(first.pages) & set(second.pages)
    courses = pages.course_pages(CAT)
    one_process = {
        **pages.paragraph_pages(CAT),
        **pages.municipality_pages(CAT),
        **courses.pages,
        **guide_views.guide_pages(CAT),
        **leaflet.leaflet_pages(CAT, None),
    }
    both = first.extend(second)
    assert list(both.pages.items()) == list(one_process.items())  # same pages, same order
    assert both.search == courses.search
    assert len({e["location"] for e in both.search}) == len(CAT.courses)


def test_the_site_has_every_file_the_worker_writes(site_dir: Path) -> None:
    for path, content in static_files.generated_static(CAT).items():
        assert (site_dir / path).read_bytes() == content.encode("utf-8"), path


def _fails_after_the_pages(cat: object, site_dir: Path, pipe) -> None:  # type: ignore[no-untyped-def]
    pipe.send(pages.Generated())
    pipe.close()
    raise RuntimeError("kaput")


def _fails_at_once(cat: object, site_dir: Path, pipe) -> None:  # type: ignore[no-untyped-def]
    raise RuntimeError("kaput")


def test_a_worker_failing_while_writing_fails_the_build_with_a_danish_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_run", _fails_after_the_pages)  # the forked child runs this
    w = Worker(CAT, tmp_path, fork=True)
    w.start()
    assert w.share() == pages.Generated()
    with pytest.raises(
        WorkerError, match=r"kunne ikke laves \(arbejdsprocessen sluttede med kode 1"
    ):
        w.finish()
    failing = Worker(CAT, tmp_path, fork=True)
    monkeypatch.setattr(site_hooks, "_build", site_hooks.Build(worker=failing))
    failing.start()
    failing.share()
    with pytest.raises(PluginError, match="En del af siderne, de åbne data og kalenderne"):
        site_hooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))


def test_a_worker_dying_before_its_pages_fails_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_run", _fails_at_once)
    w = Worker(CAT, tmp_path, fork=True)
    w.start()
    with pytest.raises(WorkerError, match="kode 1"):
        w.share()
    assert w.process is None
    w.finish()  # nothing left to wait for


def _slow(cat: object, site_dir: Path, pipe) -> None:  # type: ignore[no-untyped-def]
    pipe.send(pages.Generated())
    time.sleep(60)
    (site_dir / "skrevet").write_text("for sent")


def test_a_build_that_stops_stops_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_run", _slow)
    w = Worker(CAT, tmp_path, fork=True)
    w.start()
    w.share()
    process = w.process
    assert process is not None and process.is_alive()
    monkeypatch.setattr(site_hooks, "_build", site_hooks.Build(worker=w))
    started = time.monotonic()
    site_hooks.on_build_error(RuntimeError("bygningen stoppede"))
    assert time.monotonic() - started < 10
    assert not process.is_alive() and w.process is None
    w.finish()  # nothing left to wait for
    assert not (tmp_path / "skrevet").exists()


def test_the_worker_forks_on_linux_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker and the validation's child (`catalogue/forked.py`) follow one rule."""
    import sys

    from macros.catalogue import forked

    monkeypatch.setattr(sys, "platform", "linux")
    assert Worker(CAT, tmp_path).fork and forked.can_fork()
    for other in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", other)
        assert not Worker(CAT, tmp_path).fork and not forked.can_fork()
