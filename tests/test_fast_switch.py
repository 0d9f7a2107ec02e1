"""`INDGANG_FAST=0` builds the plain way (macros/site/speed/__init__.py) and gives the same site."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.site import speed
from scripts import gates
from tests.conftest import ROOT, build_site


def test_the_switch_reads_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("INDGANG_FAST", raising=False)
    assert speed.enabled()
    monkeypatch.setenv("INDGANG_FAST", "0")
    assert not speed.enabled()
    monkeypatch.setenv("INDGANG_FAST", "1")
    assert speed.enabled()


def test_plain_and_fast_builds_are_byte_identical(
    site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("INDGANG_FAST", "0")
    plain = tmp_path / "plain"
    result = build_site(ROOT, plain)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(gates.html_pages(plain)) > 50
    assert gates.compare_trees(site_dir, plain) == []


def test_the_plain_build_renders_every_fragment_itself(monkeypatch: pytest.MonkeyPatch):
    """The switch is in effect (the identical sites above would also come from ignoring it)."""
    from jinja2 import DictLoader, Environment
    from mkdocs.config import load_config

    from macros.site import hooks

    config = load_config(str(ROOT / "mkdocs.yml"))
    for value, plain in (("0", True), ("1", False)):
        monkeypatch.setenv("INDGANG_FAST", value)
        env = hooks.on_env(Environment(loader=DictLoader({})), config, None)
        assert (env.globals["fragment"] is hooks._render_every_time) is plain
