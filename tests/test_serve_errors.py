"""`make serve` never hangs after a data error (issue 13 item 9).

The real `mkdocs serve --strict` of a project copy on a free 127.0.0.1 port, in bounded time and
always killed: a data error makes every page show the Danish FILE:LINE errors over the last good
site (no request hangs), and fixing the data brings the page back without the banner. The pure
parts of macros/site/serve_errors.py are tested without a server.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.site import serve_errors
from tests.conftest import FIXTURES, TEST_TODAY, build_site

PAGE = "kommuner/testby/"
REQUEST_TIMEOUT = 15  # seconds; a hanging preview fails here instead of blocking the suite
BUILD_TIMEOUT = 240  # one rebuild of the small fixture takes a few seconds; leave room on a busy CI


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    """(status, body) of one request, or raises on a timeout: a hang is a failure."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_for(what: str, check: Callable[[], bool], log: Path, timeout: float = BUILD_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError):
            pass  # not listening yet
        time.sleep(0.5)
    pytest.fail(f"{what} inden for {timeout} s. Serverens log:\n{log.read_text(errors='replace')}")


@pytest.fixture
def serve(tmp_path: Path, fixture_project) -> Iterator[tuple[Path, str, Path]]:
    """(project, base URL, log file) of a running `mkdocs serve --strict`; killed afterwards."""
    from tests.conftest import copy_data

    project = fixture_project(copy_data(tmp_path / "data-src"))
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "INDGANG_TODAY": TEST_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--strict",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with everything it started
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
        assert proc.poll() is not None, "mkdocs serve would not stop"


def _csp_allows_inline_scripts(page: str) -> bool:
    """Every inline script of the page (MkDocs' live-reload one included) is in the policy."""
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy, "no Content-Security-Policy"
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts, "no inline script (live reload) on the page"
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    return all(h in policy[1] for h in hashes)


def test_serve_shows_data_errors_and_recovers(serve, tmp_path: Path):
    project, base, log = serve
    url = base + PAGE
    ok: dict[str, str] = {}

    def first_build() -> bool:
        status, body = get(url)
        ok["body"] = body
        return status == 200 and "Indgangen" in body

    wait_for("Forhåndsvisningen svarede ikke", first_build, log)
    assert serve_errors.BANNER_ID not in ok["body"]
    assert _csp_allows_inline_scripts(ok["body"]), "live reload is blocked by the policy"

    municipality = project / "data" / "municipalities" / "testby.yaml"
    good = municipality.read_text(encoding="utf-8")
    bad = good.replace("public_holidays: lukket", "public_holidays: lukke")
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if "lukke" in text)
    municipality.write_text(bad, encoding="utf-8")

    shown: dict[str, str] = {}

    def banner_shown() -> bool:
        status, body = get(url)  # raises after REQUEST_TIMEOUT if the server hangs
        shown["status"], shown["body"] = str(status), body
        return serve_errors.BANNER_ID in body

    wait_for("Fejlen blev ikke vist i browseren", banner_shown, log)
    body = shown["body"]
    assert shown["status"] == "200"
    assert f"data/municipalities/testby.yaml:{line}: «lukke» er ikke en gyldig værdi" in body
    assert "Mente du «lukket»?" in body
    assert "Siden kunne ikke bygges – du ser den sidste udgave, der virkede." in body
    assert "Indgangen" in body and "Åbningstider for Indgangen" in body  # the last good site
    assert "Traceback" not in body
    assert _csp_allows_inline_scripts(body)
    # other pages answer too, with the same banner; nothing waits for a good build
    status, front = get(base)
    assert status == 200 and serve_errors.BANNER_ID in front
    assert "data/municipalities/testby.yaml" in log.read_text(errors="replace")

    municipality.write_text(good, encoding="utf-8")

    def fixed() -> bool:
        status, body = get(url)
        shown["body"] = body
        return status == 200 and serve_errors.BANNER_ID not in body and "Indgangen" in body

    wait_for("Siden kom ikke tilbage, da fejlen var rettet", fixed, log)
    assert "Traceback" not in log.read_text(errors="replace")


def test_build_still_refuses_the_same_error(make_data, fixture_project, tmp_path: Path):
    """Only serve keeps going: `mkdocs build` (make build) exits 1 and writes nothing."""
    municipality = (FIXTURES / "minimal" / "municipalities" / "testby.yaml").read_text(
        encoding="utf-8"
    )
    data = make_data(
        {
            "municipalities/testby.yaml": municipality.replace(
                "public_holidays: lukket", "public_holidays: lukke"
            )
        }
    )
    site = tmp_path / "out"
    result = build_site(fixture_project(data), site)
    assert result.returncode == 1
    assert not site.exists()
    assert "«lukke» er ikke en gyldig værdi" in result.stderr
    assert "Traceback" not in result.stderr


# --- the pure parts ----------------------------------------------------------------------------


def test_guarded_builder_keeps_errors_and_clears_them():
    serve_errors.reset()
    calls: list[str] = []

    def failing() -> None:
        calls.append("fail")
        serve_errors.note_problems("data/x.yaml:3: Feltet «id» mangler.\n1 fejl. Intet er udgivet.")
        raise RuntimeError("Aborted")

    serve_errors.guarded(failing)()  # does not raise
    assert serve_errors.current_errors() == [
        "data/x.yaml:3: Feltet «id» mangler.",
        "1 fejl. Intet er udgivet.",
    ]
    serve_errors.guarded(lambda: calls.append("ok"))()
    assert serve_errors.current_errors() == [] and calls == ["fail", "ok"]

    def template_error() -> None:
        raise ValueError("Template 'x.html' not found")

    serve_errors.guarded(template_error)()
    assert serve_errors.current_errors() == ["Byggefejl: Template 'x.html' not found"]
    serve_errors.reset()


def test_banner_escapes_and_goes_after_body():
    page = b'<html><head></head><body class="x"><h1>Hej</h1></body></html>'
    out = serve_errors.add_banner(page, ["data/a.yaml:1: <script>alert(1)</script> «x»"])
    text = out.decode()
    assert text.index('id="indgang-byggefejl"') > text.index('<body class="x">')
    assert text.index('id="indgang-byggefejl"') < text.index("<h1>Hej</h1>")
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; «x»" in text
    assert 'role="alert"' in text


def test_allow_script_adds_the_hash_to_script_src_only():
    page = (
        b'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        b"script-src 'self' 'sha256-abc='; style-src 'self'\">"
    )
    out = serve_errors.allow_script(page, b"var x = 1;")
    digest = base64.b64encode(hashlib.sha256(b"var x = 1;").digest())
    assert b"script-src 'self' 'sha256-abc=' 'sha256-" + digest + b"'; style-src" in out
