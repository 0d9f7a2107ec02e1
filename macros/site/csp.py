"""The Content-Security-Policy of every page (MkDocs hook, and the policy itself).

Design notes:

- The policy is a `<meta http-equiv>` written by the theme override
  (`site_templates/overrides/main.html`, block `site_meta`), right after `<meta charset>`,
  so it governs everything that follows, including Material's own inline scripts. A static
  host may add the same policy as an HTTP header; the meta tag works on any host.
- Only the site's own origin is allowed ('self'): no CDN, no fonts, no analytics, no
  third-party frames. The browser refuses any other origin even if a page asked for one.
- Scripts: files from 'self', plus Material's few inline scripts, allowed by their SHA-256
  hash. The hashes are computed per page from the very partials Material renders
  (`partials/javascripts/*.html`), so they follow a theme upgrade; no 'unsafe-inline' for
  scripts. Markup in editors' data is escaped anyway; the policy is the second wall.
- Styles: 'self' plus 'unsafe-inline'. Material and Mermaid set inline styles from script,
  the course finder uses `style` attributes; CSS cannot run script, and with img-src and
  font-src limited to 'self' (and data: images for Material's icons) it cannot call out.
- `macros/site/gate_hooks.py` hands `policy` to the theme as the `content_security_policy`
  filter.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

# Inline <script> elements that run (no src; no type, or a JavaScript type).
_INLINE_SCRIPT = re.compile(
    r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

# Directive -> sources. "{scripts}" is replaced by the hashes of the theme's inline scripts.
POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self' {scripts}",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def executable_inline_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts a browser would run (JSON and the like excluded)."""
    out = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"] or ""
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue
        out.append(match["body"])
    return out


def sha256_source(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@lru_cache(maxsize=64)  # pages at one depth share their theme scripts
def policy(theme_scripts_html: str = "") -> str:
    """The policy text, allowing the inline scripts found in `theme_scripts_html`."""
    hashes = " ".join(
        dict.fromkeys(sha256_source(s) for s in executable_inline_scripts(theme_scripts_html))
    )
    parts = [f"{name} {sources.format(scripts=hashes)}".strip() for name, sources in POLICY.items()]
    return "; ".join(" ".join(part.split()) for part in parts)


def parse(policy_text: str) -> dict[str, list[str]]:
    """Directive -> list of sources, for tests and the report."""
    out: dict[str, list[str]] = {}
    for part in policy_text.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out
