"""Find, or install, the Chromium that the browser tests drive.

Usage: ``python scripts/chromium.py`` prints the path of a usable Chromium, installing one
first when none is found; ``--no-install`` only looks. Progress goes to stderr (Danish, then
English), the path alone to stdout, so a Makefile can capture it.

Why this order: Debian's ``chromium`` package is what works on the project's machines
(Playwright's own download is blocked there), so it is preferred; Playwright's download is the
fallback for developer machines with open internet access.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
ENV_VAR = "CHROMIUM_PATH"

# Flags for a headless Chromium on a machine with a closed network and no GPU. Without the
# background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)

PLAYWRIGHT_INSTALL_TIMEOUT_S = 300
APT_TIMEOUT_S = 1200


def say(danish: str, english: str) -> None:
    """Print a progress line to stderr in Danish and English."""
    print(f"chromium: {danish} / {english}", file=sys.stderr, flush=True)


def is_executable(path: str | os.PathLike[str]) -> bool:
    """Return True if ``path`` is an existing, executable file."""
    candidate = Path(path)
    return candidate.is_file() and os.access(candidate, os.X_OK)


def from_env() -> str | None:
    """Return ``$CHROMIUM_PATH`` if it names an executable; warn if it is set but unusable."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    if is_executable(value):
        return value
    say(
        f"{ENV_VAR}={value!r} er ikke en kørbar fil; ser andre steder",
        f"{ENV_VAR}={value!r} is not an executable file; looking elsewhere",
    )
    return None


def from_system() -> str | None:
    """Return Debian's Chromium (``/usr/bin/chromium``, else ``chromium`` on PATH)."""
    if is_executable(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def from_playwright() -> str | None:
    """Return the Chromium downloaded by ``playwright install``, if it is on disk."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # a broken driver means "not found", not a crash
        return None
    return path if path and is_executable(path) else None


def find_chromium() -> str | None:
    """Return the path of a usable Chromium, or None.

    Order: ``$CHROMIUM_PATH``, ``/usr/bin/chromium`` (then ``chromium`` on PATH), Playwright's
    own downloaded browser.
    """
    for finder in (from_env, from_system, from_playwright):
        path = finder()
        if path:
            return path
    return None


def run_step(command: Sequence[str], timeout_s: int, env: dict[str, str] | None = None) -> bool:
    """Run one install command with a time limit; return True if it exited with status 0.

    The command runs in its own process group so that a timeout also stops its children
    (``playwright install`` downloads from a Node.js child process). Its output goes to our
    stderr: stdout carries only the path, and the Makefile captures it as ``CHROMIUM_PATH``.
    """
    say(f"kører {' '.join(command)}", f"running {' '.join(command)}")
    try:
        process = subprocess.Popen(
            command, env=env, start_new_session=True, stdout=sys.stderr.fileno()
        )
    except OSError as error:
        say(f"kunne ikke starte: {error}", f"could not start: {error}")
        return False
    try:
        returncode = process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        say(f"gav op efter {timeout_s} s", f"gave up after {timeout_s} s")
        return False
    if returncode != 0:
        say(f"fejlede (status {returncode})", f"failed (exit status {returncode})")
    return returncode == 0


def install_with_playwright() -> bool:
    """Download Playwright's Chromium (needs internet access to Playwright's CDN)."""
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    return run_step(command, PLAYWRIGHT_INSTALL_TIMEOUT_S)


def can_use_apt() -> bool:
    """Return True when running as root on Debian (or a derivative) with apt-get."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return is_root and Path("/etc/debian_version").exists() and shutil.which("apt-get") is not None


def install_with_apt() -> bool:
    """Install Debian's ``chromium`` package non-interactively."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not run_step(["apt-get", "update"], APT_TIMEOUT_S, env):
        return False
    return run_step(["apt-get", "install", "-y", "chromium"], APT_TIMEOUT_S, env)


def ensure_chromium() -> str:
    """Return a usable Chromium, installing one if needed; exit non-zero if that fails."""
    path = find_chromium()
    if path:
        return path
    say("Chromium ikke fundet; forsøger at installere", "Chromium not found; trying to install it")
    # Debian's package first where we may use apt: Playwright's download is blocked on the
    # project's machines and only costs time there.
    installers = [install_with_apt] if can_use_apt() else []
    installers.append(install_with_playwright)
    for install in installers:
        if install():
            path = find_chromium()
            if path:
                say(f"installeret: {path}", f"installed: {path}")
                return path
    say(
        "ingen Chromium. Installér Debians pakke som root (apt-get install chromium) "
        f"eller sæt {ENV_VAR} til en Chromium/Chrome",
        f"no Chromium. Install Debian's package as root (apt-get install chromium) "
        f"or set {ENV_VAR} to a Chromium/Chrome binary",
    )
    raise SystemExit(1)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the path of a usable Chromium (installing one unless --no-install)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true", help="only look, never install")
    args = parser.parse_args(argv)
    if args.no_install:
        path = find_chromium()
        if not path:
            say("Chromium ikke fundet", "Chromium not found")
            return 1
    else:
        path = ensure_chromium()
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
