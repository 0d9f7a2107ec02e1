"""Plain helpers behind the real-browser fixtures: a static server, the request/console
recorder (the privacy gate), axe checks and keyboard helpers.

The fixtures in ``tests/browser/conftest.py`` stay thin; everything here is testable on its
own (see ``tests/browser/test_infra.py``). `make report` (``scripts/gates_report.py``) and the
finder bench use it too, so it lives in ``scripts/``: tests import scripts, never the reverse.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    ElementHandle,
    Page,
    Route,
    WebError,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from scripts.static_server import (  # noqa: F401 – the browser tests' server
    StaticServer,
    free_port,
    serve_directory,
    start_static_server,
)

# WCAG 2.1 level AA needs all four tags: axe tags each rule with the level that introduced it.
WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# Schemes that never leave the browser.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

DEFAULT_TIMEOUT_MS = 10_000


# --- Request and console recorder (the privacy gate) ---------------------------------------


def origin_of(url: str) -> str:
    """Return ``scheme://host:port`` of an http(s)/ws(s) URL (ws counts as its http twin)."""
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{parts.hostname}:{port}"


def is_foreign_url(url: str, site_origin: str) -> bool:
    """True if loading ``url`` would leave the browser for anywhere but the site server.

    ``data:``, ``blob:`` and ``about:`` stay local; every other scheme counts as foreign unless it
    is http(s)/ws(s) to exactly the site's host and port.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme in LOCAL_SCHEMES:
        return False
    if scheme not in {"http", "https", "ws", "wss"}:
        return True
    return origin_of(url) != origin_of(site_origin)


def foreign_requests(urls: list[str], site_origin: str) -> list[str]:
    """Return the URLs (in order, without repeats) that went anywhere but the site server."""
    return list(dict.fromkeys(url for url in urls if is_foreign_url(url, site_origin)))


@dataclass
class BrowserLog:
    """What the pages of one test did: every request URL, console errors, uncaught errors."""

    site_origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed_console: list[re.Pattern[str]] = field(default_factory=list)
    reported: bool = False

    def allow_console_error(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` (regex), e.g. the 404 of a 404-page test."""
        self.allowed_console.append(re.compile(pattern))

    def foreign_requests(self) -> list[str]:
        """Requests that went to another origin than the site server."""
        return foreign_requests(self.requests, self.site_origin)

    def unexpected_console_errors(self) -> list[str]:
        """Console errors not accepted by ``allow_console_error``."""
        return [
            m for m in self.console_errors if not any(p.search(m) for p in self.allowed_console)
        ]

    def problems(self) -> list[str]:
        """Readable lines, one per problem; empty when the pages behaved."""
        lines: list[str] = []
        if foreign := self.foreign_requests():
            lines.append(f"Requests to other origins than {self.site_origin} (privacy gate):")
            lines += [f"  - {url}" for url in foreign]
        if console := self.unexpected_console_errors():
            lines.append("Console errors:")
            lines += [f"  - {message}" for message in console]
        if self.page_errors:
            lines.append("Uncaught page errors:")
            lines += [f"  - {message}" for message in self.page_errors]
        return lines


def describe_console_message(message: ConsoleMessage) -> str:
    """``text (url:line)`` for a console message."""
    location = message.location or {}
    where = location.get("url", "")
    if where:
        where = f" ({where}:{location.get('lineNumber', '?')})"
    return f"{message.text}{where}"


def record_context(context: BrowserContext, log: BrowserLog, *, block_foreign: bool = True) -> None:
    """Record every request, console error and uncaught error of ``context`` into ``log``.

    With ``block_foreign`` the recorded foreign requests are also aborted, so a failing test
    leaks nothing and does not wait on the network.
    """

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if "ERR_BLOCKED_BY_CLIENT" in message.text and is_foreign_url(source, log.site_origin):
            return  # the blocked foreign request itself is reported by the privacy gate
        log.console_errors.append(describe_console_message(message))

    def on_web_error(error: WebError) -> None:
        log.page_errors.append(error.error.stack or error.error.message)

    def on_page(page: Page) -> None:
        page.on("websocket", lambda ws: log.requests.append(ws.url))

    context.on("request", lambda request: log.requests.append(request.url))
    context.on("console", on_console)
    context.on("weberror", on_web_error)
    context.on("page", on_page)
    if block_foreign:
        context.route(lambda url: is_foreign_url(url, log.site_origin), _abort_route)


def _abort_route(route: Route) -> None:
    """Abort a request as if an ad blocker had stopped it."""
    route.abort("blockedbyclient")


def new_recorded_context(
    browser: Browser, base_url: str, log: BrowserLog, *, java_script_enabled: bool = True
) -> BrowserContext:
    """A Danish context (da-DK, Europe/Copenhagen) whose activity is recorded into ``log``."""
    context = browser.new_context(
        base_url=base_url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        java_script_enabled=java_script_enabled,
        service_workers="block",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    record_context(context, log)
    return context


# --- Accessibility (axe-core) --------------------------------------------------------------

_AXE = Axe()

# With scripting disabled, ``<noscript>`` content is parsed as markup, not text.
_SCRIPTING_ENABLED_JS = """() => {
  const probe = document.createElement('div');
  probe.innerHTML = '<noscript><b></b></noscript>';
  return probe.querySelector('b') === null;
}"""

# For pages without JavaScript (see ``prepare_nojs_page_for_axe``).
_PREPARE_NOJS_JS = """() => {
  if (window.__indgangAxeNoJs) return;
  window.__indgangAxeNoJs = true;
  const soon = (fn) => { Promise.resolve().then(fn); return 0; };
  window.setTimeout = (fn, ms, ...args) => soon(() => fn(...args));
  window.clearTimeout = () => {};
  window.requestAnimationFrame = (fn) => soon(() => fn(performance.now()));
  window.requestIdleCallback = (fn) => soon(() => fn({didTimeout: false, timeRemaining: () => 50}));
  for (const noscript of document.querySelectorAll('noscript')) {
    const box = document.createElement('div');
    box.style.display = 'contents';
    box.setAttribute('data-noscript', '');
    box.append(...noscript.childNodes);
    noscript.replaceWith(box);
  }
}"""


def scripting_enabled(page: Page) -> bool:
    """True if the page runs JavaScript (False for ``nojs_page``)."""
    return bool(page.evaluate(_SCRIPTING_ENABLED_JS))


def prepare_nojs_page_for_axe(page: Page) -> None:
    """Let axe run on a page with JavaScript disabled, and check what such a visitor sees.

    Without scripting, timers never fire, so ``axe.run`` would wait forever: timers are replaced
    by microtasks (nothing else runs on such a page). axe skips ``<noscript>`` content, which is
    exactly what a no-JS visitor sees, so each ``<noscript>`` is unwrapped into a
    ``<div style="display: contents" data-noscript>``. This changes the page's DOM.
    """
    page.evaluate(_PREPARE_NOJS_JS)


# Every running transition or finite animation has finished (an endless one cannot).
_SETTLED_JS = """() => document.getAnimations().every(
  a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)"""


def wait_for_settled(page: Page, timeout_ms: int = 3_000) -> None:
    """Wait for CSS transitions and animations to end before reading colours. axe measures
    contrast as drawn: Material's header fades its title when the page scrolls, and a check
    halfway through saw the white title at 3.42:1 (about one run in ten). If the page never
    settles, axe runs anyway and reports what it sees."""
    # two frames first: a class set by a scroll handler starts its transition only then
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(_SETTLED_JS, timeout=timeout_ms)


def axe_violations(page: Page, selector: str | None = None) -> list[dict[str, Any]]:
    """Run axe-core on ``page`` (or the part matching ``selector``) for WCAG 2.1 A and AA.

    axe-playwright-python 0.1.8 passes ``options`` straight to ``axe.run`` and replaces its
    defaults, so ``runOnly`` really restricts the run (rules tagged only ``best-practice`` are
    skipped). Works on ``nojs_page`` too (see ``prepare_nojs_page_for_axe``).
    """
    if not scripting_enabled(page):
        prepare_nojs_page_for_axe(page)
    else:
        wait_for_settled(page)
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    results = _AXE.run(page, context=selector, options=options)
    return list(results.response["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One block per rule: id, impact, help, URL, then each target selector."""
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
        )
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    * {target}" + (f" — {summary}" if summary else ""))
    return "\n".join(lines)


def assert_no_axe_violations(page: Page, context: str = "", *, selector: str | None = None) -> None:
    """Fail with a readable list when axe finds WCAG 2.1 A/AA violations.

    ``context`` is a label for the message (e.g. "forside, mørkt tema"); ``selector`` limits the
    check to part of the page.
    """
    violations = axe_violations(page, selector)
    if violations:
        label = f" [{context}]" if context else ""
        raise AssertionError(
            f"axe: {len(violations)} WCAG 2.1 AA rule(s) violated on {page.url}{label}:\n"
            + format_violations(violations)
        )


# --- Keyboard ------------------------------------------------------------------------------

_DESCRIBE_JS = """(el) => {
  const id = el.id ? '#' + el.id : '';
  const cls = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ');
  return el.tagName.toLowerCase() + id + cls + (text ? ' "' + text.slice(0, 40) + '"' : '');
}"""

_FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
          outlineColor: s.outlineColor, boxShadow: s.boxShadow};
}"""

# Fully transparent colours: ``transparent``, ``rgba(r, g, b, 0)``, ``rgb(r g b / 0)``.
_TRANSPARENT = re.compile(r"^transparent$|^rgba\([^)]*,\s*0(?:\.0*)?\)$|/\s*0(?:\.0*)?%?\)$")


def focused_element(page: Page) -> ElementHandle | None:
    """The element that has keyboard focus, or None when focus is on the body or nowhere."""
    element = page.evaluate_handle("() => document.activeElement").as_element()
    if element is None or element.evaluate("el => el === document.body"):
        return None
    return element


def describe_element(element: ElementHandle) -> str:
    """A short human description like ``a#skip.md-skip "Gå til indhold"``."""
    return str(element.evaluate(_DESCRIBE_JS))


def tab_until(
    page: Page,
    predicate: str | Callable[[ElementHandle], bool],
    max_tabs: int = 80,
    *,
    key: str = "Tab",
) -> ElementHandle:
    """Press Tab until the focused element matches; return it.

    ``predicate`` is a CSS selector or a function of the focused element. Fails listing where
    focus went. Use ``key="Shift+Tab"`` to go backwards.
    """
    if isinstance(predicate, str):
        selector = predicate
        predicate = lambda el: bool(el.evaluate("(el, sel) => el.matches(sel)", selector))  # noqa: E731
    visited: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        element = focused_element(page)
        if element is None:
            visited.append("(body)")
            continue
        if predicate(element):
            return element
        visited.append(describe_element(element))
    raise AssertionError(
        f"no focused element matched after {max_tabs} × {key}; focus went to:\n  "
        + "\n  ".join(visited)
    )


def focus_style(page: Page) -> dict[str, Any] | None:
    """Computed outline and box-shadow of the focused element (None if nothing is focused)."""
    return page.evaluate(_FOCUS_STYLE_JS)


def is_transparent(color: str) -> bool:
    """True for a computed CSS colour with zero alpha."""
    return bool(_TRANSPARENT.search(color.strip()))


def focused_outline_visible(page: Page) -> bool:
    """True if the focused element shows a focus indicator: a visible outline or a box-shadow."""
    style = focus_style(page)
    if style is None:
        return False
    outline = (
        style["outlineStyle"] != "none"
        and style["outlineWidth"] > 0
        and not is_transparent(style["outlineColor"])
    )
    return outline or style["boxShadow"] != "none"
