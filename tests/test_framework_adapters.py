"""The framework internals the site relies on still look as its adapters assume
(`macros/site/framework/`). A failure here after an MkDocs or Material upgrade names the
adapter module to re-read; fix the adapter (and its recorded hash) rather than the test."""

from __future__ import annotations

import inspect
import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.site import csp, hooks
from macros.site.framework import csp_partials, page_render, search_index, site_nav, theme_templates
from macros.site.speed.html_page import HtmlPage

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"
MAIN = ROOT / "site_templates" / "overrides" / "main.html"


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def _tiny_config(tmp_path: Path, nav: str = ""):
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Prøve\n{nav}", "utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def _file(config, src: str) -> File:
    return File(src, config.docs_dir, config.site_dir, config.use_directory_urls)


# --- page_render.py: Page.render, _title_from_render, File.page --------------------------------


def test_page_render_takes_config_and_files_and_sets_what_set_rendered_sets() -> None:
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"], (
        "MkDocs' Page.render changed its signature: re-check macros/site/framework/page_render.py"
    )
    source = inspect.getsource(Page.render)
    for name in page_render.RENDER_SETS:
        assert re.search(rf"self\.{name}\s*=", source), (
            f"MkDocs' Page.render no longer sets `{name}`: "
            "re-check macros/site/framework/page_render.py (set_rendered)"
        )


def test_the_title_comes_from_the_render_after_the_front_matter(tmp_path: Path) -> None:
    config = _tiny_config(tmp_path)
    page = Page(None, _file(config, "a/side.md"), config)
    page.markdown, page.meta = "<h1>Ikke brugt</h1>", {}
    page_render.set_rendered(
        page, content="<h1>Overskrift</h1>", toc=get_toc([]), title="Overskrift", anchor_ids=set()
    )
    assert page.title == "Overskrift", "Page.title no longer reads _title_from_render"
    page.meta = {"title": "Fra front matter"}
    assert page.title == "Fra front matter"


def test_a_page_made_in_on_files_is_kept_by_the_navigation_with_its_nav_title(
    tmp_path: Path,
) -> None:
    config = _tiny_config(
        tmp_path, "nav:\n  - Forside: index.md\n  - Afsnit:\n      - Guiden: g/index.md\n"
    )
    files = Files([_file(config, src) for src in ("index.md", "g/index.md", "ude.md")])
    titles = page_render.nav_titles(config.nav)
    assert titles == {"index.md": "Forside", "g/index.md": "Guiden"}
    made = {f.src_uri: page_render.make_page(HtmlPage, f, config, titles) for f in files}
    nav = get_navigation(files, config)
    assert [p.file.src_uri for p in nav.pages] == ["index.md", "g/index.md"]
    for page in nav.pages:
        assert page is made[page.file.src_uri], "MkDocs replaced a page a plugin put on File.page"
        assert type(page) is HtmlPage
    assert nav.pages[1].title == "Guiden"
    assert files.get_file_from_path("ude.md").page is made["ude.md"]
    # pages outside the nav: the build makes a page only where none was put
    assert "if file.page is None" in inspect.getsource(mkdocs_build.build)


# --- theme_templates.py: Material's folder and the partials the overrides wrap -----------------


def test_materials_templates_are_found_on_the_themes_search_path(config) -> None:
    assert theme_templates.material_templates(config) == MATERIAL


def test_a_theme_that_is_not_material_stops_with_a_danish_message(tmp_path: Path) -> None:
    config = _tiny_config(tmp_path, "theme: mkdocs\n")
    with pytest.raises(theme_templates.ThemeError, match="Temaet er ikke Material"):
        theme_templates.material_templates(config)


@pytest.mark.parametrize("name", sorted(theme_templates.WRAPPED))
def test_the_wrapped_partials_are_as_the_overrides_were_written_for(name: str) -> None:
    assert theme_templates.sha256(MATERIAL / name) == theme_templates.WRAPPED[name], (
        f"Material's {name} changed: re-read site_templates/overrides/{name}, which wraps it, "
        "then record the new hash in macros/site/framework/theme_templates.py"
    )


def test_the_prefix_reaches_materials_partial_behind_the_override(config) -> None:
    env = theme_templates.with_material_prefix(config.theme.get_env(), config)
    for name in theme_templates.WRAPPED:
        own = env.get_template(f"{theme_templates.PREFIX}/{name}")
        assert Path(own.filename) == MATERIAL / name
        assert Path(env.get_template(name).filename).parent.parent.name == "overrides"


# --- csp_partials.py: every inline script of Material's templates is accounted for -------------


def _templates_with_inline_scripts() -> set[str]:
    return {
        path.relative_to(MATERIAL).as_posix()
        for path in MATERIAL.rglob("*.html")
        if csp.executable_inline_scripts(path.read_text(encoding="utf-8"))
    }


def test_every_inline_script_of_material_is_hashed_or_never_rendered() -> None:
    known = set(csp_partials.ALWAYS) | set(csp_partials.NOT_RENDERED)
    assert _templates_with_inline_scripts() == known, (
        "Material's templates with inline scripts changed: add a new one to ALWAYS (hashed by the "
        "Content-Security-Policy) or NOT_RENDERED in macros/site/framework/csp_partials.py"
    )


def test_the_hashed_partials_are_the_ones_base_html_always_includes() -> None:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    for name in csp_partials.ALWAYS:
        assert f'{{% include "{name}" %}}' in base or f'{{% include "{name}" %}}' in header, name
    assert re.search(
        r"{%\s*if not config\.theme\.palette is mapping\s*%}\s*"
        rf'{{%\s*include "{re.escape(csp_partials.PALETTE)}"\s*%}}',
        header,
    ), "partials/header.html no longer includes the palette script only for a non-mapping palette"


def test_the_reasons_for_never_rendering_hold_for_this_site(config) -> None:
    assert csp_partials.for_config(config) == list(csp_partials.ALWAYS)
    assert "analytics" not in (config.extra or {})
    assert "redirects" not in config.plugins


def test_a_palette_list_adds_its_script() -> None:
    toggle = SimpleNamespace(theme={"palette": [{"scheme": "default"}, {"scheme": "slate"}]})
    assert csp_partials.for_config(toggle)[-1] == csp_partials.PALETTE
    assert csp_partials.for_config(SimpleNamespace(theme={}))[-1] == csp_partials.PALETTE


def test_main_html_hashes_the_listed_partials() -> None:
    assert "{% for partial in csp_partials %}{% include partial %}{% endfor %}" in MAIN.read_text(
        encoding="utf-8"
    )


# --- site_nav.py: the copied block --------------------------------------------------------------


def test_materials_site_nav_block_is_the_one_main_html_copied() -> None:
    block = site_nav.block_source((MATERIAL / "base.html").read_text(encoding="utf-8"))
    assert site_nav.sha256(block) == site_nav.MATERIAL_SHA256, (
        "Material's site_nav block changed: copy it into site_templates/overrides/main.html again "
        "(keeping the fragment call) and record its hash in macros/site/framework/site_nav.py"
    )
    copy = site_nav.block_source(MAIN.read_text(encoding="utf-8"))
    assert site_nav.as_material_wrote_it(copy) == site_nav.normalized(block), (
        "main.html's site_nav differs from Material's beyond the fragment call"
    )


def test_the_comparison_sees_a_changed_copy() -> None:
    copy = site_nav.block_source(MAIN.read_text(encoding="utf-8"))
    block = site_nav.block_source((MATERIAL / "base.html").read_text(encoding="utf-8"))
    changed = copy.replace("md-sidebar--secondary", "md-sidebar--other")
    assert site_nav.as_material_wrote_it(changed) != site_nav.normalized(block)
    with pytest.raises(LookupError):
        site_nav.block_source("{% block other %}{% endblock %}")


# --- search_index.py: the plugin's file, format and escaping ------------------------------------


def _plugin_index(content: str) -> SearchIndex:
    index = SearchIndex(lang=["da"], separator=r"[\s\-]+", pipeline=[], fields={})
    page = SimpleNamespace(meta={}, content=content, toc=[], url="side/", title="Side")
    index.add_entry_from_context(page)
    return index


def test_the_plugin_escapes_titles_and_text_as_the_adapter_does() -> None:
    index = _plugin_index('<h1 id="a">Bo &amp; lær &lt;i dag&gt;</h1><p>Ring &amp; "spørg"</p>')
    (entry,) = index.entries
    assert entry["title"] == search_index.escape("Bo & lær <i dag>")
    assert search_index.escape('Ring & "spørg"') in entry["text"]


def test_the_index_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    data = _plugin_index(
        "<h1>Æble</h1><p>tekst</p><h2>Næste</h2><p>mere</p>"
    ).generate_search_index(None)
    (tmp_path / "search").mkdir()
    (tmp_path / search_index.INDEX).write_text(data, "utf-8")
    search_index.write(tmp_path, search_index.read(tmp_path))
    assert (tmp_path / search_index.INDEX).read_text(encoding="utf-8") == data
    assert set(json.loads(data)) == {"config", "docs"}


def test_the_plugin_writes_the_index_before_the_hooks_add_to_it() -> None:
    source = inspect.getsource(SearchPlugin.on_post_build)
    assert '"search"' in source and '"search_index.json"' in source, (
        "the search plugin writes its index elsewhere: re-check macros/site/framework/search_index.py"
    )
    assert (
        getattr(SearchPlugin.on_post_build, "mkdocs_priority", 0)
        > hooks.on_post_build.mkdocs_priority
    )


# --- use_directory_urls (macros/views/urls.py writes folder links) ------------------------------


def test_a_build_without_directory_urls_stops_with_a_danish_message() -> None:
    with pytest.raises(Abort, match="use_directory_urls skal være true"):
        hooks.on_config(SimpleNamespace(use_directory_urls=False))
    hooks.require_directory_urls(SimpleNamespace(use_directory_urls=True))


def test_the_refusal_names_the_line_of_mkdocs_yml_that_sets_it(tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n# use_directory_urls: true\nuse_directory_urls: false\n")
    config = SimpleNamespace(use_directory_urls=False, config_file_path=str(config_file))
    with pytest.raises(Abort, match=r"^mkdocs\.yml:3: use_directory_urls skal være true"):
        hooks.require_directory_urls(config)
    config_file.write_text("site_name: x\n")  # set elsewhere (INHERIT): the file's first line
    with pytest.raises(Abort, match=r"^mkdocs\.yml:1: "):
        hooks.require_directory_urls(config)


# --- strict_mode.py: MkDocs aborts for warnings right after on_post_build -----------------------


def test_mkdocs_counts_warnings_and_aborts_after_on_post_build() -> None:
    source = inspect.getsource(mkdocs_build.build)
    assert "CountHandler()" in source and "logging.getLogger('mkdocs').addHandler" in source, (
        "MkDocs counts strict-mode warnings differently: re-check macros/site/framework/strict_mode.py"
    )
    post_build = source.index("on_post_build(")
    check = source.index("warning_counter.get_counts()")
    assert post_build < check < source.index("raise Abort(", check), (
        "MkDocs no longer aborts for warnings after on_post_build: re-check strict_mode.py"
    )


def test_a_counted_warning_in_strict_mode_means_the_build_will_abort() -> None:
    from mkdocs.utils import CountHandler

    from macros.site.framework import strict_mode

    logger = logging.getLogger(strict_mode.LOGGER)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        assert not strict_mode.will_abort(SimpleNamespace(strict=True))
        logging.getLogger("mkdocs.prøve").warning("en advarsel")
        assert strict_mode.will_abort(SimpleNamespace(strict=True))
        assert not strict_mode.will_abort(SimpleNamespace(strict=False))
    finally:
        logger.removeHandler(counter)


# --- serve_errors.py: MkDocs' dev server ---------------------------------------------------------


def test_the_dev_server_has_the_builder_and_the_script_injection_serve_errors_wraps() -> None:
    from mkdocs.livereload import LiveReloadServer

    assert "builder" in inspect.signature(LiveReloadServer.__init__).parameters
    assert "self.builder = builder" in inspect.getsource(LiveReloadServer.__init__)
    inject = getattr(LiveReloadServer, "_inject_js_into_html", None)
    assert inject is not None, (
        "LiveReloadServer._inject_js_into_html is gone: re-check serve_errors.py"
    )
    assert list(inspect.signature(inject).parameters) == ["self", "content", "epoch"]
