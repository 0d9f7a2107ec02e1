"""Open data, calendars and the finder's index are written beside the build by a second
process (`macros/static_files.py`), and a failure there fails the build."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from macros import catalogue, site_hooks, static_files
from macros.static_files import StaticFilesError, StaticWriter

ROOT = Path(__file__).resolve().parent.parent
CAT = catalogue.load(ROOT / "data", date(2026, 11, 22))


def written(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in-process"])
def test_the_writer_writes_every_generated_file_byte_for_byte(tmp_path: Path, fork: bool) -> None:
    expected = static_files.generated_static(CAT)
    writer = StaticWriter(CAT, tmp_path, fork=fork)
    writer.start()
    writer.finish()
    files = written(tmp_path)
    assert set(files) == set(expected)
    assert all(files[path] == content.encode("utf-8") for path, content in expected.items())
    assert any(path.endswith(".ics") and b"\r\n" in files[path] for path in files)  # CRLF kept


def test_the_site_has_the_files_and_nothing_the_writer_would_not_write(site_dir: Path) -> None:
    for path, content in static_files.generated_static(CAT).items():
        assert (site_dir / path).read_bytes() == content.encode("utf-8"), path


def _fail(cat: object, site_dir: Path) -> None:
    raise RuntimeError("kaput")


def test_a_failing_writer_fails_the_build_with_a_danish_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(static_files, "write_static", _fail)  # the forked child runs this
    writer = StaticWriter(CAT, tmp_path, fork=True)
    writer.start()
    with pytest.raises(StaticFilesError, match=r"kunne ikke skrives .*kode 1"):
        writer.finish()
    monkeypatch.setattr(site_hooks, "_static", StaticWriter(CAT, tmp_path, fork=True))
    site_hooks._static.start()
    with pytest.raises(PluginError, match="Åbne data, kalendere"):
        site_hooks.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))


def _slow(cat: object, site_dir: Path) -> None:
    time.sleep(60)
    (site_dir / "skrevet").write_text("for sent")


def test_a_build_that_stops_stops_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(static_files, "write_static", _slow)
    writer = StaticWriter(CAT, tmp_path, fork=True)
    writer.start()
    process = writer.process
    assert process is not None and process.is_alive()
    monkeypatch.setattr(site_hooks, "_static", writer)
    started = time.monotonic()
    site_hooks.on_build_error(RuntimeError("bygningen stoppede"))
    assert time.monotonic() - started < 10
    assert not process.is_alive() and writer.process is None
    writer.finish()  # nothing left to wait for
    assert not (tmp_path / "skrevet").exists()
