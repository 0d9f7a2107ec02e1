"""`make serve` after an editor's mistake: keep serving the last good site and show the errors.

Design notes:

- MkDocs' dev server (1.6.1, `mkdocs/livereload`) rebuilds in a loop. When a rebuild raises,
  its "visible" site version stays behind the "wanted" one and every request waits for the two
  to meet: the preview hangs until the data is fixed. `guard` is called from the `on_serve`
  hook only, so `mkdocs build` (and `make build`'s exit 1 on bad data) is untouched. It wraps
  the server's builder: a failed rebuild is caught, its Danish `FILE:LINE` lines are kept, and
  the builder returns normally, so the server publishes the version as after any rebuild.
- Requests are then answered from the last good site: invalid data aborts in `on_config`,
  before anything is written to the site folder. Every HTML page gets a banner with the errors
  (`banner`), put in where MkDocs adds its live-reload script. The next good rebuild clears
  them, and the browser reloads to the fixed site.
- The live-reload script is inline, and the pages' Content-Security-Policy allows only inline
  scripts it knows by hash. In serve mode the hash of the injected script is added to the
  policy of the page it is injected into (`allow_script`), so the browser reloads by itself;
  published pages never contain it.
- State lives here, not in the hooks' per-build `Build` (`macros/site/hooks.py`): the errors of
  a failed rebuild must outlive it, and `on_config` starts every build afresh.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.indgang")

HEADING = "Siden kunne ikke bygges – du ser den sidste udgave, der virkede."
HINT = "Ret fejlene herunder og gem filen. Så bygges siden igen, og denne side genindlæses."
BANNER_ID = "indgang-byggefejl"

_errors: list[str] = []  # the Danish lines of the failed rebuild now shown, [] when none
_pending: list[str] = []  # lines the current rebuild reported before it failed

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_CSP = re.compile(
    rb'(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*?script-src\s[^";]*)',
    re.IGNORECASE,
)


def note_problems(text: str) -> None:
    """Called by `on_config` with the Danish report of invalid data, before it aborts."""
    _pending[:] = [line for line in text.splitlines() if line.strip()]


def current_errors() -> list[str]:
    return list(_errors)


def reset() -> None:
    _errors.clear()
    _pending.clear()


def _error_lines(exc: BaseException) -> list[str]:
    from macros.domain.problems import DataError, format_human

    if _pending:
        return list(_pending)
    if isinstance(exc, DataError):
        return [line for line in format_human(exc.problems).splitlines() if line.strip()]
    text = str(exc).strip() or type(exc).__name__
    return [f"Byggefejl: {line}" for line in text.splitlines() if line.strip()]


def guarded(builder: Callable[..., Any]) -> Callable[..., None]:
    """`builder` that never raises an Exception: a failure is kept in `current_errors`."""

    def build(*args: Any, **kwargs: Any) -> None:
        _pending.clear()
        try:
            builder(*args, **kwargs)
        except Exception as exc:  # any failed rebuild: keep serving, show why
            _errors[:] = _error_lines(exc)
            log.error(
                "Siden kunne ikke bygges. Forhåndsvisningen viser den sidste udgave, der "
                "virkede, med fejlene øverst. Ret fejlene og gem."
            )
        else:
            if _errors:
                log.info("Fejlene er rettet: siden er bygget igen.")
            _errors.clear()
        finally:
            _pending.clear()

    return build


def banner(lines: list[str]) -> bytes:
    """The error banner (HTML) shown at the top of every page while a rebuild has failed."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="background:#fff3f3;color:#5c0000;'
        "border:3px solid #b00020;padding:1rem 1.25rem;margin:0;font:1rem/1.5 sans-serif;"
        'position:relative;z-index:1000">'
        f'<p style="margin:0 0 .5rem"><strong>{html.escape(HEADING)}</strong> '
        f"{html.escape(HINT)}</p>"
        f'<ul style="margin:0;padding-left:1.25rem;white-space:pre-wrap">{items}</ul>'
        "</div>"
    ).encode()


def add_banner(content: bytes, lines: list[str]) -> bytes:
    """`content` (an HTML page) with the banner right after `<body>`."""
    match = _BODY.search(content)
    at = match.end() if match else 0
    return content[:at] + banner(lines) + content[at:]


def script_hash(script: bytes) -> bytes:
    return b"'sha256-" + base64.b64encode(hashlib.sha256(script).digest()) + b"'"


def allow_script(content: bytes, script: bytes) -> bytes:
    """`content` with `script` (an inline script's text) allowed by the page's policy."""
    return _CSP.sub(lambda m: m.group(1) + b" " + script_hash(script), content, count=1)


def _injected_script(before: bytes, after: bytes) -> bytes | None:
    """The text of the inline script MkDocs added to `before`, giving `after`."""
    try:
        at = before.rindex(b"</body>")
    except ValueError:
        at = len(before)
    added = after[at : len(after) - (len(before) - at)]
    if added.startswith(b"<script>") and added.endswith(b"</script>"):
        return added[len(b"<script>") : -len(b"</script>")]
    return None


def guard(server: Any) -> Any:
    """Install both parts on MkDocs' `LiveReloadServer` (from `on_serve`); returns it."""
    if getattr(server, "_indgang_guarded", False):
        return server
    server.builder = guarded(server.builder)
    inject = server._inject_js_into_html

    def inject_js(content: bytes, epoch: int) -> bytes:
        result = inject(content, epoch)
        script = _injected_script(content, result)
        if script is not None:
            result = allow_script(result, script)
        if _errors:
            result = add_banner(result, _errors)
        return result

    server._inject_js_into_html = inject_js
    server._indgang_guarded = True
    return server
