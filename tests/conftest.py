"""Shared fixtures: a strictly built site (once per session) and throwaway data folders."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.gates import copy_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# Tests build the site for a fixed date, so what is "active" or "past" never drifts.
TEST_TODAY = "2026-11-22"


def build_site(
    project: Path, site_dir: Path, today: str = TEST_TODAY
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` for the build date `today` (as `make report` does)."""
    from scripts.gates import build

    return build(project, site_dir, today)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue, built with `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """make_data({"courses/testby.yaml": "..."}) -> a minimal valid data folder with changes.

    A value of None deletes the file.
    """

    def make(
        changes: dict[str, str | bytes | None] | None = None, base: Path | None = None
    ) -> Path:
        data = copy_data(tmp_path, base or FIXTURES / "minimal")
        for rel, content in (changes or {}).items():
            path = data / rel
            if content is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return data

    return make


@pytest.fixture
def fixture_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the project (config, content, templates, macros) over a given data folder."""

    def make(data: Path) -> Path:
        from scripts.gates import copy_project

        return copy_project(tmp_path / "project", data)

    return make
