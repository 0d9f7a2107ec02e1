"""scripts/chromium.py: stdout carries the path alone, whatever the installers print."""

from __future__ import annotations

import sys

import pytest

from scripts import chromium


def test_install_step_output_goes_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    # apt-get prints hundreds of lines; on a fresh machine they used to end up in
    # CHROMIUM_PATH because the Makefile captures this script's stdout.
    ok = chromium.run_step([sys.executable, "-c", "print('Reading package lists...')"], 30)
    out, err = capfd.readouterr()
    assert ok
    assert out == ""
    assert "Reading package lists..." in err


def test_main_prints_only_the_path(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def fake_install() -> bool:
        calls.append("apt")
        chromium.run_step([sys.executable, "-c", "print('Setting up chromium ...')"], 30)
        monkeypatch.setattr(chromium, "find_chromium", lambda: "/usr/bin/chromium")
        return True

    monkeypatch.setattr(chromium, "find_chromium", lambda: None)
    monkeypatch.setattr(chromium, "can_use_apt", lambda: True)
    monkeypatch.setattr(chromium, "install_with_apt", fake_install)
    monkeypatch.setattr(chromium, "install_with_playwright", lambda: calls.append("pw") or False)
    assert chromium.main([]) == 0
    out, _ = capfd.readouterr()
    assert out == "/usr/bin/chromium\n"
    assert calls == ["apt"], "Debian's package is tried first where apt may be used"
