#!/usr/bin/env python3
"""Measure the whole-site gates and write their figures to `reports/gates.md`.

    python scripts/gates_report.py [--out reports/gates.md] [--today 2026-11-22]

Runs what the gates in `make test` run (see `scripts/gates.py`), but reports figures instead
of failing: pages checked, axe violations per page type with and without JavaScript,
requests leaving the site, storage writes, Nu HTML checker messages, broken and external
links, the Content-Security-Policy, LIX per kind of text and per page type, and whether two
builds are identical. Exits 1 if a gate would fail, so `make report` shows it too.

Needs Java (Nu checker) and Chromium (`CHROMIUM_PATH`, or as `make test` finds it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.domain import buildinfo, lix  # noqa: E402
from scripts import gates  # noqa: E402


@dataclass
class AxeResult:
    page_type: str
    url: str
    pages: int
    js: list[dict[str, Any]] = field(default_factory=list)
    nojs: list[dict[str, Any]] | None = None


def _rules(violations: list[dict[str, Any]] | None) -> str:
    if violations is None:
        return "–"
    if not violations:
        return "0"
    return ", ".join(f"{v['id']} ({len(v['nodes'])})" for v in violations)


def browser_measurements(site: Path) -> dict[str, Any]:
    """axe per page type (JS and no JS), search results, 404, and the privacy crawl."""
    from playwright.sync_api import sync_playwright

    from scripts.chromium import CHROMIUM_ARGS, find_chromium
    from tests.browser.helpers import (
        BrowserLog,
        axe_violations,
        new_recorded_context,
        start_static_server,
    )

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium mangler: sæt CHROMIUM_PATH eller kør 'make test' først")
    types = gates.page_types(site)
    cover = gates.covering_types(types)
    server = start_static_server(site)
    out: dict[str, Any] = {"types": types, "cover": cover}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            log = BrowserLog(site_origin=server.base_url)
            js = new_recorded_context(browser, server.base_url, log, java_script_enabled=True)
            nojs = new_recorded_context(browser, server.base_url, log, java_script_enabled=False)
            js_page, nojs_page = js.new_page(), nojs.new_page()
            results = []
            for t in cover:
                url = "findes/ikke/" if t.name == "404" else t.url
                result = AxeResult(t.name, url, len(t.pages))
                js_page.goto(url)
                result.js = axe_violations(js_page)
                nojs_page.goto(url)
                result.nojs = axe_violations(nojs_page)
                results.append(result)
            found = gates.open_search_results(js_page)
            search = AxeResult("søgeresultater", f"(search for 'kursus': {found} results)", 1)
            search.js = axe_violations(js_page)
            results.append(search)
            js.close()
            nojs.close()
            out["axe"] = results

            crawl_log = BrowserLog(site_origin=server.base_url)
            context = new_recorded_context(browser, server.base_url, crawl_log)
            context.add_init_script(gates.STORAGE_SPY_JS)
            urls = [gates.page_url(rel) for rel in gates.html_pages(site) if rel != "404.html"]
            started = time.monotonic()
            out["crawl"] = gates.crawl(context.new_page(), context, crawl_log, urls)
            out["crawl_seconds"] = time.monotonic() - started
            out["crawl_requests"] = len(crawl_log.requests)
            context.close()
            browser.close()
    finally:
        server.stop()
    return out


def hostile_measurement(tmp: Path, today: str) -> dict[str, Any]:
    """Build the minimal fixture with hostile markup in every text field and scan it."""

    from tests import hostile_data
    from tests.conftest import copy_data

    data = copy_data(tmp)
    filled = hostile_data.write_hostile_data(data)
    project = gates.copy_project(tmp / "project", data)
    result = gates.build(project, tmp / "site", today)
    if result.returncode != 0:
        return {"fields": len(filled), "problems": ["the build failed: " + result.stderr[-500:]]}
    problems, seen = hostile_data.scan_site(tmp / "site")
    return {"fields": len(filled), "problems": problems, "shown": len(seen & set(filled))}


def page_lix(site: Path, types: list[gates.PageType]) -> list[tuple[str, int, float, float]]:
    """(page type, pages, median, max) LIX of the visible article text of every page."""
    rows = []
    for t in types:
        scores = [
            lix.lix(gates.article_text((site / p).read_text(encoding="utf-8"))) for p in t.pages
        ]
        rows.append((t.name, len(scores), statistics.median(scores), max(scores)))
    return rows


def render(m: dict[str, Any]) -> tuple[str, bool]:
    """The report as Markdown, and whether every gate passes."""
    ok = True
    lines = [
        "# Whole-site gates: current figures",
        "",
        f"Generated by `scripts/gates_report.py` (`make report`) for build date {m['today']}. "
        "The same measurements run as tests in `make test` "
        "(`tests/test_gates_static.py`, `tests/browser/test_gates.py`, `tests/test_lix.py`).",
        "",
        "## Summary",
        "",
        "| gate | figure | passes |",
        "|---|---|---|",
    ]
    axe_total = sum(len(r.js) + len(r.nojs or []) for r in m["axe"])
    crawl = m["crawl"]
    nu = m["nu"]
    links = m["links"]
    privacy_findings = len(crawl.foreign) + len(crawl.storage) + len(crawl.cookies)
    rows = [
        (
            "pages in the built site",
            f"{m['pages']} HTML pages in {len(m['types'])} page types",
            True,
        ),
        (
            "accessibility (axe-core, WCAG 2.1 A+AA)",
            f"{axe_total} violations: {len(m['axe']) - 1} page types with and without "
            "JavaScript (404 included), and search results",
            axe_total == 0,
        ),
        (
            "privacy crawl (Chromium, every page)",
            f"{crawl.pages} pages, {m['crawl_requests']} requests, {len(crawl.foreign)} to other "
            f"origins, {len(crawl.storage)} storage findings, {len(crawl.cookies)} cookies, "
            f"{len(crawl.console)} console errors",
            privacy_findings == 0 and not crawl.console,
        ),
        (
            "W3C Nu HTML checker",
            f"{nu.files} files: {len(nu.errors)} errors and {len(nu.warnings)} warnings not "
            f"explained; {sum(nu.allowed.values())} messages covered by "
            f"{len(nu.allowed)} allow-list entries",
            not nu.errors,
        ),
        (
            "internal links and anchors",
            f"{links.links} links on {links.pages} pages, {len(links.broken)} broken; "
            f"{len(links.external)} external links listed",
            not links.broken,
        ),
        (
            "Content-Security-Policy",
            f"{m['csp_pages']} pages, {len(m['csp_problems'])} problems",
            not m["csp_problems"],
        ),
        (
            "markup in data shown as text",
            f"{m['hostile']['fields']} text fields (every record type) filled with script and "
            f"HTML; {len(m['hostile']['problems'])} places where it came through as markup",
            not m["hostile"]["problems"],
        ),
        (
            "reproducible build",
            f"{len(m['differing'])} files differ between two builds of one tree",
            not m["differing"],
        ),
        (
            "plain Danish (LIX ≤ 40)",
            f"{sum(s.over_limit for s in m['lix'])} citizen texts of ≥ {lix.MIN_WORDS} words over 40",
            all(s.over_limit == 0 for s in m["lix"]),
        ),
    ]
    for name, figure, passes in rows:
        ok = ok and passes
        lines.append(f"| {name} | {figure} | {'yes' if passes else '**no**'} |")

    lines += [
        "",
        "## Accessibility per page type",
        "",
        "A page type is a section of the site plus the set of Indgang components on the page. "
        "axe runs on the fewest page types per section that together show every component; "
        "rules are listed with the number of elements that fail them.",
        "",
        "| page type | pages of the type | checked page | with JavaScript | without JavaScript |",
        "|---|---|---|---|---|",
    ]
    for r in m["axe"]:
        url = r.url if r.url.startswith("(") else f"`/{r.url}`"
        lines.append(f"| {r.page_type} | {r.pages} | {url} | {_rules(r.js)} | {_rules(r.nojs)} |")
    covered = {t.name for t in m["cover"]}
    others = [t for t in m["types"] if t.name not in covered]
    if others:
        lines += [
            "",
            "Page types whose components are all on a checked page (not run separately): "
            + ", ".join(f"{t.name} ({len(t.pages)})" for t in others)
            + ".",
        ]

    lines += ["", "## Privacy crawl", ""]
    lines.append(
        f"Every page but the 404 page was loaded with JavaScript in one fresh browser context "
        f"({crawl.pages} pages in {m['crawl_seconds']:.0f} s). Requests to other origins, "
        "cookies, writes to localStorage, sessionStorage, IndexedDB and the Cache API, "
        "beacons, service workers and well-known analytics globals are recorded."
    )
    lines.append("")
    findings = (
        [f"- request to another origin: {u}" for u in crawl.foreign]
        + [f"- {s}" for s in crawl.storage]
        + [f"- cookie: {c}" for c in crawl.cookies]
        + [f"- console: {c}" for c in crawl.console]
    )
    lines += findings or ["Nothing found: no request left the site, nothing was stored."]
    lines += [
        "",
        f"Allowed storage keys (`scripts/gates.py` `ALLOWED_STORAGE_KEYS`): "
        f"{', '.join(gates.ALLOWED_STORAGE_KEYS) or 'none'}.",
    ]

    lines += ["", "## W3C Nu HTML checker", ""]
    if nu.errors or nu.warnings:
        lines += [f"- {gates.describe_nu(msg)}" for msg in nu.errors + nu.warnings]
    else:
        lines.append("No message outside the allow-list (`tests/html_allowlist.yaml`):")
    lines += ["", "| allowed message | from | times |", "|---|---|---|"]
    for entry, count in nu.allowed.items():
        lines.append(f"| {entry.message} | {entry.source} | {count} |")

    lines += ["", "## Links", ""]
    lines += [f"- broken: `{b}`" for b in links.broken] or ["No broken internal link or anchor."]
    lines += ["", "External links (listed, not followed):", ""]
    lines += [
        f"- {url} ({len(pages)} page{'s' if len(pages) != 1 else ''})"
        for url, pages in sorted(links.external.items())
    ] or ["- none"]

    lines += ["", "## Content-Security-Policy", ""]
    lines += [f"- {p}" for p in m["csp_problems"]] or [
        f"Every page carries the policy (shown for `/{m['csp_example'][0]}`):",
        "",
        f"    {m['csp_example'][1]}",
    ]

    lines += [
        "",
        "## Plain Danish (LIX)",
        "",
        f"Citizen-facing texts from the data. Pooled = all texts of the kind read as one; "
        f"'measured max' and 'over 40' count texts of at least {lix.MIN_WORDS} words (LIX of a "
        "few words says little).",
        "",
        "| kind | texts | pooled | median | max | measured max (text) | over 40 |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in m["lix"]:
        lines.append(
            f"| {s.kind} | {s.count} | {s.pooled:.1f} | {s.median:.1f} | {s.maximum:.1f} | "
            f"{s.maximum_measured:.1f} ({s.worst}) | {s.over_limit} |"
        )
    lines += [
        "",
        "Whole pages (visible text of the main content, including names, addresses and table "
        "labels, so higher than the texts alone; not gated):",
        "",
        "| page type | pages | median | max |",
        "|---|---|---|---|",
    ]
    for name, count, median, maximum in m["page_lix"]:
        lines.append(f"| {name} | {count} | {median:.1f} | {maximum:.1f} |")

    lines += ["", "## Markup in data", ""]
    lines.append(
        f"`tests/hostile_data.py` puts script, event handlers, `javascript:` links, an iframe "
        f"and a template expression into each of {m['hostile']['fields']} free-text fields of "
        f"the minimal fixture (every record type and every guide text); the built site is "
        f"scanned for any of it surviving as markup."
    )
    lines.append("")
    lines += [f"- `{p}`" for p in m["hostile"]["problems"]] or ["Everything came out as text."]

    lines += ["", "## Reproducible build", ""]
    if m["differing"]:
        lines += [f"- differs: {f}" for f in m["differing"]]
    else:
        lines.append(
            f"Two builds of the same tree into different folders gave identical files "
            f"({m['files']} files). The sitemap's dates follow `INDGANG_TODAY` "
            "(`macros/site/gate_hooks.py` sets `SOURCE_DATE_EPOCH` from it)."
        )
    return "\n".join(lines) + "\n", ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "reports" / "gates.md"))
    parser.add_argument("--today", default=buildinfo.build_date().isoformat())
    args = parser.parse_args(argv)

    m: dict[str, Any] = {"today": args.today}
    with tempfile.TemporaryDirectory(prefix="indgang-gates-") as tmp:
        first, second = Path(tmp) / "a" / "site", Path(tmp) / "b" / "site"
        for out in (first, second):
            result = gates.build(ROOT, out, args.today)
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
        m["differing"] = gates.compare_trees(first, second)
        m["files"] = len(gates.tree_digest(first))
        m["pages"] = len(gates.html_pages(first))
        m["links"] = gates.check_links(first)
        m["nu"] = gates.apply_allowlist(
            gates.nu_messages(first), gates.load_allowlist(), m["pages"]
        )
        m["csp_pages"], m["csp_problems"] = gates.csp_problems(first)
        example = "index.html"
        m["csp_example"] = (
            "",
            gates.parse_page((first / example).read_text(encoding="utf-8")).csp[0],
        )
        m.update(browser_measurements(first))
        m["page_lix"] = page_lix(first, m["types"])
        m["hostile"] = hostile_measurement(Path(tmp) / "hostile", args.today)
    m["lix"] = lix.summarise(lix.citizen_texts(ROOT / "data"))

    text, ok = render(m)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {'alle tjek består' if ok else 'mindst ét tjek fejler'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
