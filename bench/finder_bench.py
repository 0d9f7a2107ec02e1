#!/usr/bin/env python3
"""Benchmark the course finder on synthetic catalogues and write bench/finder.md.

    python bench/finder_bench.py [--sizes 98x40,10x40] [--changes 120] [--keep DIR]

For each size: write a synthetic catalogue (bench/synth.py), build the whole site for it
with `mkdocs build --strict` (INDGANG_TODAY fixed), serve it on 127.0.0.1 and drive the finder
in headless Chromium. A filter change is timed inside the page: performance.now() around the
change event (the finder updates the list synchronously in its handler), and the wall time
until the frame after it has been painted (requestAnimationFrame, then a task). Reported:
medians and 90th percentiles over repeated changes of every kind of filter, and the gzipped
weight of finder.js plus the index. Targets (issue 4): median ≤ 50 ms, ≤ 150 KB gzipped.
Not a test: figures depend on the machine, so they are written down, not asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synth import make_catalogue  # noqa: E402
from scripts.browser_checks import start_static_server  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS, find_chromium  # noqa: E402
from scripts.gates import copy_project  # noqa: E402

TODAY = "2026-11-22"
REPORT = ROOT / "bench" / "finder.md"
TARGET_MS = 50.0
TARGET_KB = 150.0

# Runs in the page: repeated filter changes of every kind, each timed.
MEASURE_JS = """
async ({changes, warmup}) => {
  const form = document.getElementById('finder-form');
  const q = document.getElementById('finder-q');
  const select = document.getElementById('finder-kommune');
  const boxes = name => Array.from(form.querySelectorAll(`input[type=checkbox][name=${name}]`));
  const reset = document.getElementById('finder-reset');
  const root = document.querySelector('[data-indgang-finder]');
  const municipalities = Array.from(select.options).map(o => o.value).filter(Boolean);
  const words = ['a', 'an', 'ang', 'angs', 'angst', '', 'gr', 'gru', 'grup', 'gruppe', '', 'ø', 'øk', 'øko', ''];
  let w = 0, m = 0;
  const fire = (el, type) => el.dispatchEvent(new Event(type, {bubbles: true}));
  const toggle = name => { const list = boxes(name); if (!list.length) return false;
    const box = list[Math.floor(Math.random() * list.length)]; box.checked = !box.checked; fire(box, 'change'); return true; };
  const actions = [
    ['paragraf', () => toggle('paragraf')],
    ['kommune', () => { select.value = (m++ % 3 === 2) ? '' : municipalities[(m * 7) % municipalities.length]; fire(select, 'change'); }],
    ['maalgruppe', () => toggle('maalgruppe')],
    ['tekst', () => { q.value = words[w++ % words.length]; fire(q, 'input'); }],
    ['form', () => toggle('form')],
    ['adgang', () => toggle('adgang')],
    ['dag', () => toggle('dag') || toggle('form')],
    ['tekst', () => { q.value = words[w++ % words.length]; fire(q, 'input'); }],
    ['nulstil', () => reset.click()],
  ];
  const afterPaint = () => new Promise(resolve => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  const out = [];
  for (let i = 0; i < warmup + changes; i++) {
    const [kind, act] = actions[i % actions.length];
    await afterPaint();
    const t0 = performance.now();
    act();
    const t1 = performance.now();
    const t2 = await afterPaint();
    if (i >= warmup) out.push({kind, update: t1 - t0, frame: t2 - t0,
                               visible: Number(root.getAttribute('data-finder-visible'))});
  }
  reset.click();
  return out;
}
"""


@dataclass
class Result:
    label: str
    municipalities: int
    courses_per: int
    courses: int = 0
    active: int = 0
    build_s: float = 0.0
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (raw, gzip)
    ready_ms: float = 0.0
    updates: list[float] = field(default_factory=list)
    frames: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    visible_seen: set[int] = field(default_factory=set)

    @property
    def finder_gzip_kb(self) -> float:
        return (self.sizes["finder.js"][1] + self.sizes["index.json"][1]) / 1024


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "unknown"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": load,
    }


def build(project: Path) -> float:
    env = {**os.environ, "INDGANG_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def make_project(work: Path, municipalities: int, courses_per: int) -> Path:
    project = work / f"site-{municipalities}x{courses_per}"
    data = project / "data"
    make_catalogue(data, municipalities, courses_per, today=date.fromisoformat(TODAY))
    return copy_project(project, data)  # the site's sources over the synthetic data


def weigh(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def count_courses(project: Path) -> tuple[int, int]:
    """(courses in the data, courses in the finder index)."""
    total = sum(
        f.read_text(encoding="utf-8").count("\n- id: ")
        for f in (project / "data" / "courses").glob("*.yaml")
    )
    index = json.loads((project / "site" / "courses" / "index.json").read_text(encoding="utf-8"))
    return total, index["n"]


def measure(browser, base_url: str, changes: int, result: Result) -> None:
    context = browser.new_context(base_url=base_url, locale="da-DK", service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("courses/")
    page.wait_for_selector("[data-finder-state=ready]", timeout=30_000)
    result.ready_ms = float(page.get_attribute("[data-indgang-finder]", "data-finder-ready-ms"))
    rows = page.evaluate(MEASURE_JS, {"changes": changes, "warmup": 9})
    context.close()
    if errors:
        raise SystemExit("page errors: " + "; ".join(errors))
    for row in rows:
        result.updates.append(row["update"])
        result.frames.append(row["frame"])
        result.by_kind.setdefault(row["kind"], []).append(row["update"])
        result.visible_seen.add(row["visible"])


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 10 else max(values)


def report(
    results: list[Result], chromium_version: str, elapsed_s: float, load_at_start: str
) -> str:
    info = machine()
    now = datetime.now(ZoneInfo("Europe/Copenhagen"))
    lines = [
        "# Kursusfinderen: benchmark",
        "",
        "Written by `bench/finder_bench.py` (do not edit by hand; rerun `make bench` or "
        "`.venv/bin/python bench/finder_bench.py`).",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M} (Europe/Copenhagen); build date INDGANG_TODAY={TODAY}",
        f"- Machine: {info['nproc']} CPUs, {info['cpu']}; Python {info['python']}; "
        f"Chromium {chromium_version} (headless)",
        f"- Load average when the benchmark started (1, 5, 15 min): {load_at_start}; the "
        "machine is shared, so other work running at the same time inflates the timings",
        f"- Benchmark run time: {elapsed_s:.0f} s",
        "- Catalogues: synthetic (`bench/synth.py`, fixed seed); about 8 % of courses have "
        "ended (not listed), 5 % start later (listed).",
        "- A *change* is one of: tick/untick a provision, format, target group, access or "
        "weekday; pick a municipality or all; type or delete a search word; Nulstil. "
        "*Update* = performance.now() around the change event (the list is filtered, counts "
        "and status are written synchronously). *To painted frame* = from the change until "
        "the task after the next animation frame (includes style, layout and paint; "
        "headless frames come every ~16 ms).",
        "- Sizes are gzip level 6 (typical web server setting).",
        "",
        "| | " + " | ".join(r.label for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]

    def row(name: str, cells: list[str]) -> None:
        lines.append(f"| {name} | " + " | ".join(cells) + " |")

    row("Courses in data / listed (active)", [f"{r.courses} / {r.active}" for r in results])
    row("Full site build (mkdocs --strict)", [f"{r.build_s:.1f} s" for r in results])
    row(
        "finder.js (raw / gzip)",
        [
            f"{r.sizes['finder.js'][0] / 1024:.1f} / {r.sizes['finder.js'][1] / 1024:.1f} KB"
            for r in results
        ],
    )
    row(
        "courses/index.json (raw / gzip)",
        [
            f"{r.sizes['index.json'][0] / 1024:.1f} / {r.sizes['index.json'][1] / 1024:.1f} KB"
            for r in results
        ],
    )
    row(
        "**finder.js + index, gzip** (target ≤ 150 KB)",
        [f"**{r.finder_gzip_kb:.1f} KB**" for r in results],
    )
    row(
        "Finder page HTML (raw / gzip)",
        [
            f"{r.sizes['index.html'][0] / 1024:.0f} / {r.sizes['index.html'][1] / 1024:.0f} KB"
            for r in results
        ],
    )
    row("Page load to finder ready", [f"{r.ready_ms:.0f} ms" for r in results])
    row("Changes measured", [str(len(r.updates)) for r in results])
    row(
        "**Update, median** (target ≤ 50 ms)",
        [f"**{statistics.median(r.updates):.2f} ms**" for r in results],
    )
    row("Update, 90th percentile", [f"{p90(r.updates):.2f} ms" for r in results])
    row("Update, max", [f"{max(r.updates):.2f} ms" for r in results])
    row("To painted frame, median", [f"{statistics.median(r.frames):.1f} ms" for r in results])
    row("To painted frame, 90th percentile", [f"{p90(r.frames):.1f} ms" for r in results])
    kinds = sorted({k for r in results for k in r.by_kind})
    for kind in kinds:
        row(
            f"Update median: {kind}",
            [
                f"{statistics.median(r.by_kind[kind]):.2f} ms" if kind in r.by_kind else "–"
                for r in results
            ],
        )
    if len(results) >= 2:
        small, big = min(results, key=lambda r: r.active), max(results, key=lambda r: r.active)
        factor = big.active / max(small.active, 1)

        def grow(a: float, b: float) -> str:
            return f"× {b / a:.1f}" if a else "–"

        lines += [
            "",
            f"## Growth {small.label} → {big.label} (× {factor:.1f} listed courses)",
            "",
            f"- Update median: {statistics.median(small.updates):.2f} → "
            f"{statistics.median(big.updates):.2f} ms "
            f"({grow(statistics.median(small.updates), statistics.median(big.updates))})",
            f"- To painted frame median: {statistics.median(small.frames):.1f} → "
            f"{statistics.median(big.frames):.1f} ms "
            f"({grow(statistics.median(small.frames), statistics.median(big.frames))})",
            f"- Index gzip: {small.sizes['index.json'][1] / 1024:.1f} → "
            f"{big.sizes['index.json'][1] / 1024:.1f} KB "
            f"({grow(small.sizes['index.json'][1], big.sizes['index.json'][1])}); "
            f"finder.js does not grow ({big.sizes['finder.js'][1] / 1024:.1f} KB)",
            f"- Finder page HTML gzip: {small.sizes['index.html'][1] / 1024:.0f} → "
            f"{big.sizes['index.html'][1] / 1024:.0f} KB",
            f"- Full site build: {small.build_s:.1f} → {big.build_s:.1f} s",
        ]
    verdicts = []
    for r in results:
        ok_ms = statistics.median(r.updates) <= TARGET_MS
        ok_kb = r.finder_gzip_kb <= TARGET_KB
        verdicts.append(
            f"- {r.label}: update median {'meets' if ok_ms else 'MISSES'} ≤ {TARGET_MS:.0f} ms; "
            f"weight {'meets' if ok_kb else 'MISSES'} ≤ {TARGET_KB:.0f} KB."
        )
    lines += ["", "## Targets", "", *verdicts, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10x40,98x40", help="MxN,... (municipalities x courses)")
    parser.add_argument("--changes", type=int, default=135, help="measured changes per size")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites")
    parser.add_argument("--output", type=Path, default=REPORT)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium_path = find_chromium()
    if chromium_path is None:
        raise SystemExit("Chromium mangler: kør 'python scripts/indgang.py chromium'")
    started = time.perf_counter()
    load_at_start = machine()["load"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="finder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, args=list(CHROMIUM_ARGS)
            )
            for spec in args.sizes.split(","):
                m, n = (int(x) for x in spec.lower().split("x"))
                result = Result(label=f"{m} × {n}", municipalities=m, courses_per=n)
                print(f"[{spec}] catalogue and build …", flush=True)
                project = make_project(work, m, n)
                result.build_s = build(project)
                result.courses, result.active = count_courses(project)
                site = project / "site"
                result.sizes = {
                    "finder.js": weigh(site / "assets" / "javascripts" / "finder.js"),
                    "index.json": weigh(site / "courses" / "index.json"),
                    "index.html": weigh(site / "courses" / "index.html"),
                }
                print(f"[{spec}] built in {result.build_s:.1f} s; measuring …", flush=True)
                server = start_static_server(site)
                try:
                    measure(browser, server.base_url, args.changes, result)
                finally:
                    server.stop()
                print(
                    f"[{spec}] {result.active} listed; update median "
                    f"{statistics.median(result.updates):.2f} ms; "
                    f"{result.finder_gzip_kb:.1f} KB gzip",
                    flush=True,
                )
                results.append(result)
            version = browser.version
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = report(results, version, time.perf_counter() - started, load_at_start)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
