"""MkDocs hooks: validate the data before anything is built, then add generated pages.

Design note: MkDocs loads this file by path, not as part of the `macros` package, so it
puts the project root on `sys.path` and imports the package absolutely; the macros plugin
imports the same modules, so both share one validated catalogue (`catalogue.load` caches).
Invalid data aborts in `on_config`, before MkDocs writes anything to the site directory;
under `make serve` the preview then keeps the last good site and shows the errors
(`on_serve`, `serve_errors.py`).
Generated pages are HTML already: `on_pre_page` makes them `HtmlPage`s (`macros/site/speed/html_page.py`),
which skip Markdown. It changes the class of MkDocs' own page object rather than making a new
one, because the navigation, the file and the neighbouring pages all point at that object.
Macros whose HTML is too big for Markdown to read hand it to `passthrough.py`; `on_post_page`
puts it back into the finished page. A second process makes part of the generated pages and
writes the files that are not pages (open data, calendars) during the build (`worker.py`).
`mkdocs build` writes into a hidden sibling of the site folder and puts it in place only when
the whole build has succeeded, so a failed build leaves the previous site (or none), never a
half-written one; `mkdocs serve` keeps building into its own folder as before.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.domain import buildinfo  # noqa: E402
from macros.catalogue import model as catalogue  # noqa: E402
from macros.site import pages, search, serve_errors  # noqa: E402
from macros.site.speed import passthrough  # noqa: E402
from macros.site.speed.fragments import Fragments  # noqa: E402
from macros.site.speed.html_page import HtmlPage  # noqa: E402
from macros.domain.problems import DataError, format_human  # noqa: E402
from macros.site.speed.worker import Worker, WorkerError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.indgang")
MATERIAL = Path(material.__file__).resolve().parent / "templates"
_html_sources: set[str] = set()  # the generated pages of the current build
_search_entries: list[dict[str, str]] = []  # their entries in the site search
_search_words: dict[str, dict[str, str]] = {}  # citizens' words of the pages the plugin indexes
_worker: Worker | None = None  # part of the pages, open data, calendars: worker.py
_command = "build"  # the MkDocs command (on_startup)
_staging: tuple[Path, Path] | None = None  # (the site folder, the folder being written)


def data_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent / "data"


def on_config(config):
    try:
        cat = catalogue.load(data_dir(config), buildinfo.build_date())
    except DataError as exc:
        report = format_human(exc.problems)
        print(report, file=sys.stderr)
        serve_errors.note_problems(report)  # shown in the browser under `make serve`
        raise Abort("Data har fejl (se ovenfor). Intet er bygget.") from None
    for warning in cat.warnings:
        log.info(warning.human())
    passthrough.clear()
    return config


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    """Build into `.<site>.ny` beside the site folder (`_publish` moves it in place)."""
    global _staging
    _staging = None
    if _command == "serve":
        return
    final = Path(config.site_dir)
    staging = final.with_name(f".{final.name}.ny")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    _staging = (final, staging)


def _strict_warnings(config) -> bool:
    """Whether MkDocs will abort this build after `on_post_build` (warnings in strict mode)."""
    handlers = logging.getLogger("mkdocs").handlers
    return bool(config.strict) and any(
        isinstance(h, CountHandler) and h.get_counts() for h in handlers
    )


def _publish(config) -> None:
    """Put the finished build where the site folder was: the old site goes only after the
    new one is complete (two renames on one file system; the old folder is removed last)."""
    global _staging
    if _staging is None:
        return
    final, staging = _staging
    _staging = None
    config.site_dir = str(final)
    old = final.with_name(f".{final.name}.gammel")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _discard() -> None:
    global _staging
    if _staging is not None:
        shutil.rmtree(_staging[1], ignore_errors=True)
        _staging = None


def on_serve(server, config, builder):
    """`make serve` only: a failed rebuild keeps the last good site and shows its errors
    (macros/site/serve_errors.py) instead of leaving every request hanging."""
    return serve_errors.guard(server)


def on_files(files: Files, config) -> Files:
    global _worker
    cat = catalogue.load(data_dir(config), buildinfo.build_date())
    _worker = Worker(cat, Path(config.site_dir))  # part of the pages, open data: worker.py
    _worker.start()
    generated = pages.first_share(cat)
    try:
        generated.extend(_worker.share())
    except WorkerError as exc:
        raise PluginError(str(exc)) from None
    _html_sources.clear()
    _html_sources.update(generated.pages)
    _search_entries[:] = generated.search
    crisis = search.crisis_entry(cat)
    if crisis is not None:
        _search_entries.append(crisis)
    _search_words.clear()
    _search_words.update(search.page_words(cat))
    for src, content in generated.pages.items():
        files.append(File.generated(config, src, content=content))
    return files


def on_pre_page(page, config, files):
    if page.file.src_uri in _html_sources and type(page) is Page:
        page.__class__ = HtmlPage
    return page


def on_post_page(output, page, config):
    try:
        return passthrough.restore(page.file.src_uri, output)
    except passthrough.LostBlockError as exc:
        raise PluginError(str(exc)) from None


def on_env(env, config, files):
    fragments = Fragments()  # one per build: see macros/site/speed/fragments.py
    env.globals["fragment"] = fragments.fragment
    env.globals["nav_key"] = fragments.nav_key
    # what the search box offers besides results (partials/search-help.html)
    env.globals["search_help"] = search.help_view(
        catalogue.load(data_dir(config), buildinfo.build_date())
    )
    # "material/partials/x.html" is Material's own partial, for overrides that wrap it
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(MATERIAL)})])
    return env


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    if _worker is not None:
        try:
            _worker.finish()
        except WorkerError as exc:
            raise PluginError(str(exc)) from None
    search.add_entries(Path(config.site_dir), _search_entries, _search_words)
    if _strict_warnings(config):
        _discard()  # MkDocs aborts next: the previous site stays
    else:
        _publish(config)


def on_build_error(error):
    if _worker is not None:
        _worker.cancel()
    _discard()
