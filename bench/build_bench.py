#!/usr/bin/env python3
"""Build benchmark: validation, the full strict build and the bare Material floor.

    python bench/build_bench.py [--runs 5] [--report bench/build.md] [--no-profile]
                                [--without-guides] [--on-disk]

One run measures, on synthetic catalogues from `bench/synth.py` (98 municipalities):

- national (98 × 40 courses) and one tenth (98 × 4): validation (`macros.catalogue.validate.validate`,
  in this process), the full strict build of a copy of the project (content, macros,
  site_templates, mkdocs.yml) over the synthetic data, and a bare Material build of the same
  number of plain pages kept out of the navigation (`not_in_nav`) — the framework's floor;
- the shipped data and ≈×100 of it (98 × 20 courses): full build only (issue 3).

Every figure is the median of `--runs` runs (wall clock, plus the CPU time of the process, which
other load on the machine disturbs less). Full and floor builds alternate run by run, so a change
in load hits both. When the national build misses its target (≤ 1.5 × floor) and pyinstrument is
installed, one more national build is profiled and the report says where the time goes.
The report (Markdown) goes to `bench/build.md` with the machine, the date and the git commit.

Design notes: everything runs in a temporary folder; the project itself is only read. That
folder is in RAM (`/dev/shm`) when the machine has one, unless `--on-disk`: on the virtual
machine the benchmark was written on, writing the same 5,000 files of 25 KB to disk took from
0.3 s to 7.7 s (measured), depending on what had been deleted just before, while the two builds
being compared differ by about 4 s. In RAM it took 0.14 s every time. Both builds write to the
same place, so the ratio stays fair, and the figures describe the build, not the disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 22)  # the synthetic data and the build share one date
MUNICIPALITIES = 98
TARGET_VALIDATION_S = 3.0
TARGET_FLOOR_RATIO = 1.5
TARGET_GROWTH = 10.0
GUIDE_NAV = re.compile(r"^\s*- (Guider:\s*$|.*: guide/)")
FLOOR_TEXT = (
    "Her står en almindelig side uden skabeloner og makroer. Den har en overskrift, et par "
    "afsnit og en kort liste, så den fylder omtrent som en side om et kursus. Æ, ø og å er med, "
    "så søgeindekset får dansk tekst at arbejde med. "
)


# --- Measuring ---------------------------------------------------------------------------------


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_subprocess(cmd: list[str], cwd: Path, timing: Timing) -> None:
    env = {**os.environ, "INDGANG_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    # Python may cache the copied project's compiled modules, as it has MkDocs' and Material's
    # since they were installed: the first run compiles them (0.3 s), the median is a rebuild.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall0, _children_cpu() - cpu0
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"build failed in {cwd} (exit {result.returncode})")
    timing.wall.append(wall)
    timing.cpu.append(cpu)


def mkdocs_build(project: Path, site: Path, timing: Timing) -> None:
    shutil.rmtree(site, ignore_errors=True)
    # Not --quiet: MkDocs 1.6 then stops counting warnings, and --strict no longer fails.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    timed_subprocess(cmd, project, timing)


def scratch_root(on_disk: bool) -> tuple[str | None, str]:
    """Where the benchmark works (see the design note), and how the report names it."""
    shm = Path("/dev/shm")
    if not on_disk and shm.is_dir() and os.access(shm, os.W_OK):
        return str(shm), "in RAM (`/dev/shm`)"
    return None, "on disk (the system's temporary folder)"


def timed_call(fn: Callable[[], object], timing: Timing) -> object:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = fn()
    timing.wall.append(time.perf_counter() - wall0)
    timing.cpu.append(time.process_time() - cpu0)
    return result


# --- Projects ----------------------------------------------------------------------------------


def synthetic_data(target: Path, courses_per: int, *, without_guides: bool = False) -> Path:
    """The synthetic catalogue, plus any data the generator does not make (e.g. guides)."""
    from bench.synth import make_catalogue

    data = make_catalogue(target, MUNICIPALITIES, courses_per, today=TODAY)
    for entry in (ROOT / "data").iterdir():
        if without_guides and entry.name == "guides":
            continue
        if not (data / entry.name).exists():
            if entry.is_dir():
                shutil.copytree(entry, data / entry.name)
            else:
                shutil.copy(entry, data / entry.name)
    return data


def project_copy(target: Path, data: Path, *, without_guides: bool = False) -> Path:
    from scripts.gates import copy_project

    copy_project(target, data)
    if without_guides:  # a stopgap while the guides cannot be built for 98 municipalities
        shutil.rmtree(target / "data" / "guides", ignore_errors=True)
        config = target / "mkdocs.yml"
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        keep = [ln for ln in lines if not GUIDE_NAV.match(ln)]
        config.write_text("".join(keep), encoding="utf-8")
    return target


def floor_project(target: Path, pages: int) -> Path:
    """A bare Material site with `pages` plain pages, all but the home page out of the nav."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Forside\n\nDen eneste side i navigationen.\n", "utf-8")
    body = "\n\n".join([FLOOR_TEXT * 2, FLOOR_TEXT, "- et punkt\n- et andet punkt", FLOOR_TEXT])
    for i in range(1, pages):
        folder = docs / "sider" / f"{i // 40:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"side-{i}.md").write_text(f"# Side {i}\n\n{body}\n", "utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: Gulv\n"
        "docs_dir: docs\n"
        "strict: true\n"
        "theme:\n  name: material\n  language: da\n  font: false\n"
        "plugins:\n  - search:\n      lang: da\n"
        "not_in_nav: |\n  /sider/**\n"
        "nav:\n  - Forside: index.md\n",
        "utf-8",
    )
    return target


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def page_kib(site: Path) -> float:
    """Mean size of a built page (HTML), in KiB."""
    sizes = [p.stat().st_size for p in site.rglob("index.html")]
    return statistics.mean(sizes) / 1024 if sizes else 0.0


# --- Scenarios ---------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    courses: int
    municipalities: int
    pages: int = 0
    page_kib: float = 0.0
    floor_page_kib: float = 0.0
    validation: Timing | None = None
    full: Timing = field(default_factory=Timing)
    floor: Timing | None = None


def count_courses(data: Path) -> tuple[int, int]:
    from macros.catalogue.validate import validate

    tables = validate(data, TODAY).tables
    return len(tables["courses"]), len(tables["municipalities"])


def run_scenario(
    name: str,
    data: Path,
    work: Path,
    runs: int,
    *,
    validation: bool,
    floor: bool,
    without_guides: bool = False,
) -> Result:
    from macros.catalogue.validate import validate

    result = Result(name, 0, 0)
    if validation:
        result.validation = Timing()
        for _ in range(max(runs, 3)):
            outcome = timed_call(lambda: validate(data, TODAY), result.validation)
            errors = [p for p in outcome.problems if p.severity == "fejl"]  # type: ignore[attr-defined]
            if errors:
                raise SystemExit(f"{data}: {errors[0]}")
        tables = outcome.tables  # type: ignore[attr-defined]
        result.courses, result.municipalities = (
            len(tables["courses"]),
            len(tables["municipalities"]),
        )
        print(f"[{name}] validering: {result.validation.median:.2f} s", flush=True)
    else:
        result.courses, result.municipalities = count_courses(data)
    print(f"[{name}] {result.courses} kurser, {result.municipalities} kommuner", flush=True)
    project = project_copy(work / f"{name}-project", data, without_guides=without_guides)
    site = work / f"{name}-site"
    floor_dir = None
    for i in range(runs):
        mkdocs_build(project, site, result.full)
        if i == 0:
            result.pages = count_pages(site)
            result.page_kib = page_kib(site)
            if floor:
                floor_dir = floor_project(work / f"{name}-floor", result.pages)
                result.floor = Timing()
        if floor_dir is not None and result.floor is not None:
            mkdocs_build(floor_dir, work / f"{name}-floor-site", result.floor)
            result.floor_page_kib = page_kib(work / f"{name}-floor-site")
        print(
            f"  kørsel {i + 1}: fuld {result.full.wall[-1]:.1f} s"
            + (f", gulv {result.floor.wall[-1]:.1f} s" if result.floor else ""),
            flush=True,
        )
    shutil.rmtree(site, ignore_errors=True)
    return result


# --- Profile -----------------------------------------------------------------------------------


def profile_build(project: Path, site: Path, out: Path) -> list[str]:
    """Profile one full build with pyinstrument; Markdown lines on where the time goes."""
    try:
        from pyinstrument.session import Session
    except ImportError:
        return ["pyinstrument is not installed, so the build was not profiled."]
    session_file = out / "build.pyisession"
    cmd = [sys.executable, "-m", "pyinstrument", "-i", "0.002", "-r", "pyisession"]
    cmd += ["-o", str(session_file), "-m", "mkdocs", "build", "--strict"]
    cmd += ["--site-dir", str(site)]
    timing = Timing()
    timed_subprocess(cmd, project, timing)
    root = Session.load(str(session_file)).root_frame()
    assert root is not None
    total = root.time

    def walk(frame, parent=None):  # type: ignore[no-untyped-def]
        yield frame, parent
        for child in frame.children:
            yield from walk(child, frame)

    phases: dict[str, float] = {}
    for frame, parent in walk(root):
        if (
            parent is not None
            and parent.function == "build"
            and "mkdocs/commands" in (parent.file_path or "")
        ):
            phases[frame.function] = phases.get(frame.function, 0.0) + frame.time
    # pyinstrument's own call tree, library frames folded, project frames always shown
    render = [sys.executable, "-m", "pyinstrument", "--load", str(session_file), "-r", "text"]
    render += ["--no-color", "--unicode", "-p", "processor_options.filter_threshold=0.015"]
    render += ["--show", "*/macros/*"]
    tree = subprocess.run(render, capture_output=True, text=True).stdout.splitlines()
    body = [ln for ln in tree if ln.strip() and not ln.lstrip().startswith(("_", "/", "To view"))]
    body = [ln for ln in body if "pyinstrument --load-prev" not in ln and "Program:" not in ln]
    body = [ln.replace(str(project) + "/", "") for ln in body]
    lines = [
        f"One national build under pyinstrument ({total:.0f} s sampled, "
        f"{timing.cpu_median:.0f} s CPU; profiling and other load slow it down, so read the",
        "shares, not the seconds).",
        "",
        "| phase of `mkdocs build` | share |",
        "|---|---:|",
    ]
    for phase, seconds in sorted(phases.items(), key=lambda kv: -kv[1])[:6]:
        lines.append(f"| `{phase}` | {100 * seconds / total:.0f} % |")
    lines += [
        "",
        "Call tree (frames under 1.5 % and library internals folded; seconds sampled):",
        "",
        "```text",
        *body,
        "```",
    ]
    return lines


# --- Report ------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "?"
    ram = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": str(cores),
        "cpu": model,
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def git_commit() -> str:
    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return out.stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "?"
    # the report itself is rewritten by every run, so it does not make the tree dirty
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/build.md")
    return f"{commit}{' + uncommitted changes' if dirty else ''}"


def versions() -> str:
    from importlib.metadata import version

    names = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "frictionless", "icalendar")
    return ", ".join(f"{n} {version(n)}" for n in names)


def fmt(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(
    results: dict[str, Result],
    runs: int,
    without_guides: bool,
    started: datetime,
    elapsed: float,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
    profile: list[str],
    where: str,
) -> str:
    m = machine()
    national, tenth = results["national"], results["tenth"]
    lines = [
        "# Build benchmark",
        "",
        "Written by `make bench` (`python bench/build_bench.py`); do not edit by hand.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} (Europe/Copenhagen); took {elapsed / 60:.1f} min",
        f"- Commit: {git_commit()}",
        f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM; {m['os']}; Python {m['python']}",
        f"- Load average at start / end: {' '.join(f'{x:.2f}' for x in loads[0])} / "
        f"{' '.join(f'{x:.2f}' for x in loads[1])} (other work on the machine slows the wall clock)",
        f"- Versions: {versions()}",
        f"- Data: synthetic catalogues from `bench/synth.py` ({MUNICIPALITIES} municipalities), "
        f"build date {TODAY}; the shipped data from `data/`.",
        *(
            [
                "- **The synthetic catalogues were built without the decision guides** "
                "(`--without-guides`): with 98 municipalities the guides fail validation. The shipped "
                "data was built with them."
            ]
            if without_guides
            else []
        ),
        f"- Each figure is the median of {runs} runs (validation: of {max(runs, 3)}); "
        "wall clock, with CPU time (user + system) in brackets.",
        f"- Projects and built sites are written {where}; full and floor builds alternate "
        "(see the design note in `bench/build_bench.py` on why not to disk). The copied project's "
        "Python modules are compiled once, in the first run, as MkDocs' and Material's were when "
        "they were installed; the other runs are rebuilds.",
        "",
        "## Figures",
        "",
        "| catalogue | courses | pages | validation | full strict build | bare Material floor | full / floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results.values():
        val = (
            f"{fmt(r.validation.median)} ({fmt(r.validation.cpu_median)})" if r.validation else "–"
        )
        floor = f"{fmt(r.floor.median)} ({fmt(r.floor.cpu_median)})" if r.floor else "–"
        ratio = f"{r.full.median / r.floor.median:.2f}" if r.floor else "–"
        lines.append(
            f"| {LABELS[r.name]} | {r.courses} | {r.pages} | {val} | "
            f"{fmt(r.full.median)} ({fmt(r.full.cpu_median)}) | {floor} | {ratio} |"
        )
    assert national.validation and tenth.validation and national.floor and tenth.floor
    ratio = national.full.median / national.floor.median
    cpu_ratio = national.full.cpu_median / national.floor.cpu_median
    growth = national.full.median / tenth.full.median
    growth_cpu = national.full.cpu_median / tenth.full.cpu_median
    growth_val = national.validation.median / tenth.validation.median
    growth_val_cpu = national.validation.cpu_median / tenth.validation.cpu_median
    growth_floor = national.floor.median / tenth.floor.median
    val, val_cpu = national.validation.median, national.validation.cpu_median
    lines += [
        "",
        f"Pages are heavier than the floor's plain pages: {national.page_kib:.0f} KiB of HTML "
        f"on average against {national.floor_page_kib:.0f} KiB (national). Generated pages skip "
        "Markdown and share repeated theme markup (`macros/DESIGN.md`), so what the full build "
        "adds to the floor is mostly Indgang's own work: validation and page generation.",
    ]
    lines += [
        "",
        "## Targets",
        "",
        "Each verdict is given for the wall clock and for CPU time (user + system, all processes).",
        "The full build makes part of its pages and writes open data and calendars in a second",
        "process (`macros/site/speed/worker.py`), so on a machine with two or more cores its wall clock is",
        "below its CPU time; the floor is one process. The wall clock is what a person waits for;",
        "on one core it would come close to the CPU time.",
        "",
        "| target | wall clock | CPU time |",
        "|---|---|---|",
        f"| validation of the national catalogue < {TARGET_VALIDATION_S:.0f} s | "
        f"{val:.2f} s – {verdict(val < TARGET_VALIDATION_S)} | "
        f"{val_cpu:.2f} s – {verdict(val_cpu < TARGET_VALIDATION_S)} |",
        f"| national full build ≤ {TARGET_FLOOR_RATIO}× the floor | {ratio:.2f}× – "
        f"{verdict(ratio <= TARGET_FLOOR_RATIO)} | {cpu_ratio:.2f}× – "
        f"{verdict(cpu_ratio <= TARGET_FLOOR_RATIO)} |",
        f"| 10× the courses ({tenth.courses} → {national.courses}) ≈ ≤ "
        f"{TARGET_GROWTH:.0f}× the full build | {growth:.1f}× – "
        f"{verdict(growth <= TARGET_GROWTH * 1.1)} | {growth_cpu:.1f}× – "
        f"{verdict(growth_cpu <= TARGET_GROWTH * 1.1)} |",
        "",
        f"Growth of the other steps from one tenth to national: validation {growth_val:.1f}× "
        f"(CPU {growth_val_cpu:.1f}×), floor {growth_floor:.1f}×.",
        "",
        "## Raw runs (wall clock, s)",
        "",
    ]
    for r in results.values():
        parts = []
        if r.validation:
            parts.append("validation " + ", ".join(f"{x:.2f}" for x in r.validation.wall))
        parts.append("full " + ", ".join(f"{x:.1f}" for x in r.full.wall))
        if r.floor:
            parts.append("floor " + ", ".join(f"{x:.1f}" for x in r.floor.wall))
        lines.append(f"- {LABELS[r.name]}: " + "; ".join(parts))
    if profile:
        lines += ["", "## Where the time goes", "", *profile]
    return "\n".join(lines) + "\n"


LABELS = {
    "shipped": "shipped data (`data/`)",
    "tenth": "one tenth (98 × 4)",
    "x100": "≈ ×100 of shipped (98 × 20)",
    "national": "national (98 × 40)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "build.md")
    parser.add_argument("--no-profile", action="store_true", help="never profile")
    parser.add_argument(
        "--without-guides",
        action="store_true",
        help="build the synthetic catalogues without the decision guides (stated in the report)",
    )
    parser.add_argument(
        "--on-disk", action="store_true", help="write projects and sites to disk, not to RAM"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    started = datetime.now(ZoneInfo("Europe/Copenhagen"))
    t0 = time.perf_counter()
    load_start = os.getloadavg()
    results: dict[str, Result] = {}
    profile: list[str] = []
    scratch, where = scratch_root(args.on_disk)
    with tempfile.TemporaryDirectory(prefix="indgang-bench-", dir=scratch) as tmp:
        work = Path(tmp)
        plans = [
            ("shipped", None, False, False),
            ("tenth", 4, True, True),
            ("x100", 20, False, False),
            ("national", 40, True, True),
        ]
        for name, courses_per, validation, floor in plans:
            data = (
                ROOT / "data"
                if courses_per is None
                else synthetic_data(work / name, courses_per, without_guides=args.without_guides)
            )
            results[name] = run_scenario(
                name,
                data,
                work,
                args.runs,
                validation=validation,
                floor=floor,
                without_guides=args.without_guides and courses_per is not None,
            )
        national = results["national"]
        assert national.floor is not None
        if (
            not args.no_profile
            and national.full.median > TARGET_FLOOR_RATIO * national.floor.median
        ):
            print("[profil] den nationale build profileres", flush=True)
            profile = profile_build(work / "national-project", work / "profile-site", work)
    text = report(
        results,
        args.runs,
        args.without_guides,
        started,
        time.perf_counter() - t0,
        (load_start, os.getloadavg()),
        profile,
        where,
    )
    args.report.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
