"""MkDocs hooks: validate the data before anything is built, then add generated pages.

Design note: MkDocs loads this file by path, not as part of the `macros` package, so it
puts the project root on `sys.path` and imports the package absolutely; the macros plugin
imports the same modules, so both share one validated catalogue (`all_data.load` caches).
Invalid data aborts in `on_config`, before MkDocs writes anything to the site directory;
under `make serve` the preview then keeps the last good site and shows the errors
(`on_serve`, `serve_errors.py`).
Generated pages are HTML already: `on_files` makes their page objects `HtmlPage`s
(`macros/site/speed/html_page.py`), which skip Markdown; MkDocs keeps a page a plugin put on
`File.page` (`macros/site/framework/page_render.py`).
Macros whose HTML is too big for Markdown to read hand it to `passthrough.py`; `on_post_page`
puts it back into the finished page. A second process makes part of the generated pages and
writes the files that are not pages (open data, calendars) during the build (`worker.py`).
What one build carries from event to event is one `Build`, made afresh in `on_config`, the
first event of every build: MkDocs loads this file once per process, and `mkdocs serve`
rebuilds in that process, so module state would outlive a build.
`mkdocs build` writes into a hidden sibling of the site folder and puts it in place only when
the whole build has succeeded, so a failed build leaves the previous site (or none), never a
half-written one; `mkdocs serve` keeps building into its own folder as before.
"""

from __future__ import annotations

import logging
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.domain import buildinfo  # noqa: E402
from macros.domain.problems import DataError, format_human  # noqa: E402
from macros.guides import all_data  # noqa: E402
from macros.site import (  # noqa: E402
    pages,
    publishing,
    search,
    serve_errors,
    speed,
)
from macros.site.framework import page_render, strict_mode, theme_templates  # noqa: E402
from macros.site.speed import heap, passthrough  # noqa: E402
from macros.site.speed.fragments import Fragments  # noqa: E402
from macros.site.speed.html_page import HtmlPage  # noqa: E402
from macros.site.speed.worker import Worker, WorkerError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.indgang")


@dataclass
class Build:
    """What one build carries from event to event."""

    command: str = "build"  # the MkDocs command (on_startup): kept from build to build
    search_entries: list[dict[str, str]] = field(default_factory=list)  # generated pages'
    search_words: dict[str, dict[str, str]] = field(default_factory=dict)  # see search.page_words
    worker: Worker | None = None  # part of the pages, open data, calendars: worker.py
    staging: tuple[Path, Path] | None = None  # (the site folder, the folder being written)


_build = Build()  # the current build; the only state the hooks keep


def data_dir(config) -> Path:
    return project_root(config) / "data"


def project_root(config) -> Path:  # the project of this build (tests build copies)
    return Path(config.config_file_path).resolve().parent


def config_line(config, key: str) -> int:
    """The line of mkdocs.yml that sets the top-level `key` (1 when no line does)."""
    path = getattr(config, "config_file_path", None)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines() if path else []
    except OSError:
        lines = []
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def require_directory_urls(config) -> None:
    """Stop the build unless pages are folders: `macros/views/urls.py` writes every link so."""
    if not config.use_directory_urls:
        line = config_line(config, "use_directory_urls")
        raise Abort(
            f"mkdocs.yml:{line}: use_directory_urls skal være true. Sidernes links "
            "(macros/views/urls.py) peger på mapper (kommuner/aalborg/), ikke på filer "
            "(kommuner/aalborg.html). Ret linjen til «use_directory_urls: true», eller slet den. "
            "Intet er bygget."
        )


def on_config(config):
    global _build
    _build = Build(command=_build.command)  # a fresh build; `mkdocs serve` rebuilds
    if speed.enabled():
        heap.start()  # the collector skips what lives now (speed/heap.py)
    require_directory_urls(config)
    try:
        # part of the tables' check in a second process (INDGANG_FAST=0: not)
        cat = all_data.load(data_dir(config), buildinfo.build_date(), fork=speed.enabled())
    except DataError as exc:
        report = format_human(exc.problems)
        print(report, file=sys.stderr)
        serve_errors.note_problems(report)  # shown in the browser under `make serve`
        raise Abort("Data har fejl (se ovenfor). Intet er bygget.") from None
    for warning in cat.warnings:
        log.info(warning.human())
    publishing.configure(config, cat, _build.command)  # site_url; a publishing build may refuse
    passthrough.clear()
    if speed.enabled():
        heap.freeze()  # the catalogue lives until the build ends
    return config


def on_startup(command: str, dirty: bool) -> None:
    _build.command = command


def on_pre_build(config) -> None:
    """Build into `.<site>.ny` beside the site folder (`_publish` moves it in place)."""
    _build.staging = None
    if _build.command == "serve":
        return
    final = Path(config.site_dir)
    staging = final.with_name(f".{final.name}.ny")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    _build.staging = (final, staging)


def _publish(config) -> None:
    """Put the finished build where the site folder was: the old site goes only after the
    new one is complete (two renames on one file system; the old folder is removed last)."""
    if _build.staging is None:
        return
    final, staging = _build.staging
    _build.staging = None
    config.site_dir = str(final)
    old = final.with_name(f".{final.name}.gammel")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _discard() -> None:
    if _build.staging is not None:
        shutil.rmtree(_build.staging[1], ignore_errors=True)
        _build.staging = None


def on_serve(server, config, builder):
    """`make serve` only: a failed rebuild keeps the last good site and shows its errors
    (macros/site/serve_errors.py) instead of leaving every request hanging."""
    return serve_errors.guard(server)


def on_files(files: Files, config) -> Files:
    cat = all_data.load(data_dir(config), buildinfo.build_date())
    # part of the pages, open data: worker.py (INDGANG_FAST=0: all in this process)
    worker = Worker(cat, Path(config.site_dir), fork=None if speed.enabled() else False)
    _build.worker = worker
    worker.start()
    # the leaflets' QR codes lead to the public address of the municipality pages
    generated = pages.first_share(cat, config.site_url)
    try:
        generated.extend(worker.share())
    except WorkerError as exc:
        raise PluginError(str(exc)) from None
    _build.search_entries = list(generated.search)
    crisis = search.crisis_entry(cat)
    if crisis is not None:
        _build.search_entries.append(crisis)
    _build.search_words = search.page_words(cat)
    titles = page_render.nav_titles(config.nav)
    for src, content in generated.pages.items():
        file = File.generated(config, src, content=content)
        page_render.make_page(HtmlPage, file, config, titles)  # skips Markdown: html_page.py
        files.append(file)
    for file in publishing.generated_files(config, cat, project_root(config)):
        files.append(file)  # the publisher's logo and colour
    if speed.enabled():
        heap.freeze()  # so do the pages
    return files


def on_post_page(output, page, config):
    try:
        return passthrough.restore(page.file.src_uri, output)
    except passthrough.LostBlockError as exc:
        raise PluginError(str(exc)) from None


def _render_every_time(name: str, key: object, caller) -> str:
    return caller()


def on_env(env, config, files):
    fragments = Fragments()  # one per build: see macros/site/speed/fragments.py
    # INDGANG_FAST=0: every page renders its own navigation, head blocks, logo and search box
    env.globals["fragment"] = fragments.fragment if speed.enabled() else _render_every_time
    env.globals["nav_key"] = fragments.nav_key
    # what the search box offers besides results (partials/search-help.html)
    cat = all_data.load(data_dir(config), buildinfo.build_date())
    env.globals["search_help"] = search.help_view(cat)
    env.globals["publisher"] = publishing.view(cat)  # footer and logo
    # "material/partials/x.html" is Material's own partial, for overrides that wrap it
    return theme_templates.with_material_prefix(env, config)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config):
    if _build.worker is not None:
        try:
            _build.worker.finish()
        except WorkerError as exc:
            raise PluginError(str(exc)) from None
    search.add_entries(Path(config.site_dir), _build.search_entries, _build.search_words)
    if strict_mode.will_abort(config):
        _discard()  # MkDocs aborts next: the previous site stays
    else:
        _publish(config)


def on_build_error(error):
    if _build.worker is not None:
        _build.worker.cancel()
    _discard()
