"""Whole-site gates on the built files (no browser): valid HTML, links, language, the
Content-Security-Policy, markup in data shown as text, and reproducible builds.

Every gate covers every page of the strictly built shipped catalogue (`site_dir`); the
measurements live in `scripts/gates.py`, shared with `make report`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.site import csp, gate_hooks
from scripts import gates
from tests import hostile_data
from tests.conftest import FIXTURES, ROOT, TEST_TODAY, build_site, copy_data

# Files allowed to differ between two builds of one commit, with the reason. Empty: the
# build is byte-for-byte reproducible (the sitemap dates follow INDGANG_TODAY, see
# macros/site/gate_hooks.py).
REPRODUCIBLE_EXCEPTIONS: dict[str, str] = {}


# --- W3C Nu HTML checker -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nu_report(site_dir: Path) -> gates.NuReport:
    messages = gates.nu_messages(site_dir)
    return gates.apply_allowlist(messages, gates.load_allowlist(), len(gates.html_pages(site_dir)))


def test_nu_checker_finds_no_unexplained_errors(nu_report: gates.NuReport):
    assert nu_report.files > 100
    assert [gates.describe_nu(m) for m in nu_report.errors] == []


def test_nu_checker_warnings_are_none_or_explained(nu_report: gates.NuReport):
    assert [gates.describe_nu(m) for m in nu_report.warnings] == []


def test_every_allowlist_entry_is_still_needed_and_explained(nu_report: gates.NuReport):
    unused = [entry.message for entry, count in nu_report.allowed.items() if count == 0]
    assert unused == [], "remove fixed entries from tests/html_allowlist.yaml"
    for entry in nu_report.allowed:
        assert len(entry.reason.split()) >= 10 and entry.source and entry.extract


def test_allowlist_matches_message_and_markup():
    entry = gates.AllowedMessage("Bad value", 'class="md-nav__link"', "why", "theme")
    assert entry.matches(
        {"message": "Bad value “” for x", "extract": '<label class="md-nav__link">'}
    )
    assert not entry.matches({"message": "Bad value “” for x", "extract": '<label class="mine">'})


# --- Links, language --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def links(site_dir: Path) -> gates.LinkReport:
    return gates.check_links(site_dir)


def test_no_broken_internal_link_or_anchor(links: gates.LinkReport):
    assert links.pages > 100 and links.links > 1000
    assert links.broken == []


def test_external_links_are_only_listed(links: gates.LinkReport):
    # External links are not followed (the tests run offline); they are listed in the report.
    assert all(url.startswith(("http://", "https://")) for url in links.external)


def test_link_checker_finds_broken_links_and_anchors(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1><a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a>'
        '<a href="b/">missing page</a><a href="a/#nowhere">missing anchor</a>'
        '<a href="javascript:void(0)">js</a><a href="https://example.org/">ext</a>'
        '<a href="mailto:x@example.org">mail</a><a href="/a/">abs</a>'
        '<a href="http://127.0.0.1:8000/a/#here">own site</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../#top">up</a>', "utf-8")
    report = gates.check_links(tmp_path)
    assert report.broken == [
        "index.html: b/ – siden findes ikke",
        "index.html: a/#nowhere – ankeret #nowhere findes ikke",
        "index.html: javascript:void(0) – javascript:-link",
    ]
    assert list(report.external) == ["https://example.org/"]
    assert report.links == 8  # every internal link, broken ones included


def test_every_page_is_danish(site_dir: Path):
    wrong = []
    for rel in gates.html_pages(site_dir):
        page = gates.parse_page((site_dir / rel).read_text(encoding="utf-8"))
        if page.html_lang != "da":
            wrong.append(f"{rel}: lang={page.html_lang!r}")
    assert wrong == []


def test_every_page_links_to_the_accessibility_statement_and_privacy_page(site_dir: Path):
    missing = []
    for rel in gates.html_pages(site_dir):
        hrefs = [url for _tag, url in gates.parse_page((site_dir / rel).read_text("utf-8")).links]
        for target in ("tilgaengelighed/", "privatliv/"):
            if not any(href.endswith(target) for href in hrefs):
                missing.append(f"{rel}: {target}")
    assert missing == []


# --- Content-Security-Policy ------------------------------------------------------------------


def test_every_page_has_a_policy_without_third_party_origins(site_dir: Path):
    pages, problems = gates.csp_problems(site_dir)
    assert pages == len(gates.html_pages(site_dir)) > 100
    assert problems == []


def test_policy_forbids_other_origins_and_inline_script():
    policy = csp.parse(csp.policy("<script>var a=1</script>"))
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert csp.sha256_source("var a=1") in policy["script-src"]
    assert gates.csp_source_problems(csp.policy()) == []


@pytest.mark.parametrize(
    ("policy_text", "problem"),
    [
        (
            "default-src 'self' https://cdn.example.org",
            "default-src tillader https://cdn.example.org",
        ),
        (
            "default-src 'self'; script-src 'self' 'unsafe-inline'",
            "script-src tillader 'unsafe-inline'",
        ),
        ("default-src *", "default-src tillader *"),
        ("default-src 'self'; img-src https:", "img-src tillader https:"),
        ("script-src 'self'", "default-src mangler"),
    ],
)
def test_policy_check_catches_third_parties(policy_text: str, problem: str):
    assert problem in gates.csp_source_problems(policy_text)


def test_inline_scripts_are_found_but_data_blocks_are_not():
    html = (
        '<script>a()</script><script src="x.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<script type="application/ld+json">{}</script><SCRIPT type="module">b()</SCRIPT>'
    )
    assert csp.executable_inline_scripts(html) == ["a()", "b()"]


def test_no_analytics_is_configured(site_dir: Path):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    assert "analytics" not in (config.get("extra") or {})
    assert "consent" not in (config.get("extra") or {})
    pattern = re.compile(r"googletagmanager|google-analytics|gtag\(|matomo|plausible|siteimprove")
    hits = [
        rel
        for rel in gates.html_pages(site_dir)
        if pattern.search((site_dir / rel).read_text(encoding="utf-8"))
    ]
    assert hits == []


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV and !!python tags."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def test_storage_allow_list_ignores_materials_scope_prefix(monkeypatch):
    assert gates.ALLOWED_STORAGE_KEYS == {}  # measured: the site stores nothing
    monkeypatch.setitem(gates.ALLOWED_STORAGE_KEYS, "__palette", "colour scheme toggle")
    assert gates.storage_key_allowed("/.__palette")
    assert gates.storage_key_allowed("/indgang/.__palette")
    assert not gates.storage_key_allowed("/.__tabs")
    probe = {"attempts": ["localStorage: /.__palette", "localStorage: x"], "localStorage": ["x"]}
    assert gates.storage_findings(probe) == ["skrev localStorage: x", "localStorage indeholder x"]


# --- Markup in data comes out as text -----------------------------------------------------------


def _project(tmp: Path, data: Path) -> Path:
    """Like the `fixture_project` fixture (function-scoped), for a module-scoped build."""
    return gates.copy_project(tmp / "project", data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The minimal fixture with a hostile payload in every text field, strictly built."""
    tmp = tmp_path_factory.mktemp("hostile")
    data = copy_data(tmp)
    filled = hostile_data.write_hostile_data(data)
    site = tmp / "site"
    result = build_site(_project(tmp, data), site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site, filled


def test_hostile_data_fills_every_text_field_of_every_record_type(tmp_path: Path):
    expected = hostile_data.expected_fields(ROOT / "data")
    tables = {field.split(".")[0] for field in expected}
    assert {"courses", "entry_points", "municipalities", "paragraphs", "rules", "sources"} <= tables
    assert {"hours", "closures", "course_schedule", "target_groups"} <= tables
    assert {"guide:question.question", "guide:outcome.lead", "guide.title"} <= expected
    data = copy_data(tmp_path, FIXTURES / "minimal")
    filled = set(hostile_data.write_hostile_data(data).values())
    assert expected - filled == set()


def test_markup_in_every_text_field_is_shown_as_text(hostile_site):
    site, filled = hostile_site
    problems, seen = hostile_data.scan_site(site)
    assert problems == []
    # Most fields reach a page; those that never do (e.g. a source's note) cannot leak there.
    # The style word list (data/style.yaml) speaks to editors in validation output only.
    on_pages = {marker for marker, field in filled.items() if not field.startswith("style.")}
    assert len(seen & on_pages) > len(on_pages) * 0.8, sorted(on_pages - seen)


def test_hostile_pages_still_pass_the_static_gates(hostile_site):
    site, _ = hostile_site
    _, csp_issues = gates.csp_problems(site)
    assert csp_issues == []
    assert [b for b in gates.check_links(site).broken if "javascript:" in b] == []


# --- Reproducible build ------------------------------------------------------------------------


def test_two_builds_of_one_commit_are_identical(site_dir: Path, tmp_path: Path):
    """A second build of the same tree, into another folder, gives the same bytes."""
    other = tmp_path / "another-folder" / "site"
    result = build_site(ROOT, other, TEST_TODAY)
    assert result.returncode == 0, result.stderr[-3000:]
    differing = gates.compare_trees(site_dir, other)
    assert [f for f in differing if f not in REPRODUCIBLE_EXCEPTIONS] == []


def test_sitemap_dates_follow_the_build_date(site_dir: Path):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {TEST_TODAY}
    assert gate_hooks.source_date_epoch("2026-11-22") == "1795305600"
