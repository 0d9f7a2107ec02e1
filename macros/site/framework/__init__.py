"""Adapters: the few framework internals the site still relies on, one module each.

Design note: every MkDocs or Material upgrade used to mean re-reading about nine places in the
code that reached into the frameworks. Each internal that no documented event, hook or
template block can replace now lives in one module here, whose docstring says which version
it was written against, what it touches and why nothing public does it; `tests/test_framework_adapters.py`
checks that each internal still looks as assumed (a signature, an attribute, a template's
hash, a block's source), so an upgrade fails that test with a message naming the module to
re-check instead of building a subtly broken site.

- `page_render.py`: a page subclass that renders its own HTML (`Page.render`, `_title_from_render`),
  made in `on_files` (`File.page`), no longer by swapping `page.__class__`;
- `theme_templates.py`: where Material's templates are (`config.theme.dirs`, no longer
  `material.__file__`), reached as `material/…` by overrides that wrap a partial;
- `csp_partials.py`: the partials whose inline scripts the Content-Security-Policy hashes;
- `site_nav.py`: Material's `site_nav` block, copied into `overrides/main.html`;
- `search_index.py`: the search plugin's index file, its format and its escaping;
- `strict_mode.py`: whether MkDocs will abort the build for warnings (a build is published
  whole only when it will not).

`macros/site/serve_errors.py` is the adapter of MkDocs' dev server (`LiveReloadServer`'s
`builder` and `_inject_js_into_html`); its assumptions are checked in the same test file.

Replaced by public means, and so no adapter: the class swap (MkDocs 1.6 keeps a page a plugin
puts on `File.page`, as Material's own blog plugin does) and `material.__file__` (the theme's
search path). `macros/catalogue/yamlload.py` subclasses PyYAML's composer; that internal is
guarded by `tests/test_yamlload.py` (both parsers read every data file identically).
"""

from __future__ import annotations

WRITTEN_FOR = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
