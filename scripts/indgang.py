#!/usr/bin/env python3
"""Indgang's command line: one entry point, small subcommands.

    python scripts/indgang.py validate [--format human|github|json]
    python scripts/indgang.py chromium
    python scripts/indgang.py guide-paths [GUIDE]
    python scripts/indgang.py new-course --municipality ID --id ID --title ... (or questions)
    python scripts/indgang.py editors-guide [--check]
    python scripts/indgang.py leaflet-pdf [--site site]
    python scripts/indgang.py phone-screenshots [--site site] [--out reports]

Checks exit 1 and print `FILE:LINE: message` (Danish, for editors); all problems at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.domain import buildinfo  # noqa: E402
from macros.domain.problems import FORMATTERS, errors_only  # noqa: E402
from macros.guides import all_data  # noqa: E402
from macros.guides.all_data import validate  # noqa: E402
from scripts import editors_cli  # noqa: E402


def validate_cmd(args: argparse.Namespace) -> int:
    """Validate every data file; exit 1 on errors (warnings alone pass)."""
    result = validate(Path(args.data), buildinfo.build_date())
    print(FORMATTERS[args.format](result.problems))
    return 1 if errors_only(result.problems) else 0


def chromium(args: argparse.Namespace) -> int:
    """Find a Chromium for the browser tests, installing one if none is found; print its path."""
    from scripts.chromium import ensure_chromium

    print(ensure_chromium())
    return 0


def guide_paths(args: argparse.Namespace) -> int:
    """Print every path through the guides (or one guide) with its outcome, for editors."""
    from macros.domain.problems import DataError, format_human
    from macros.guides.load import known_from_catalogue, load_guides
    from macros.views import guide_views

    data = Path(args.data)
    try:
        cat = all_data.load(data, buildinfo.build_date())
    except DataError as exc:
        print(format_human(exc.problems))
        return 1
    guides, problems = load_guides(data, known_from_catalogue(cat))
    if errors_only(problems):
        print(format_human(problems))
        return 1
    for problem in problems:
        print(problem.human(), file=sys.stderr)
    if args.guide and args.guide not in guides:
        print(f"Guiden «{args.guide}» findes ikke. Mulige guider: {', '.join(guides)}.")
        return 1
    chosen = [guides[args.guide]] if args.guide else list(guides.values())
    print("\n".join(guide_views.format_paths(cat, g) for g in chosen), end="")
    return 0


def leaflet_pdf(args: argparse.Namespace) -> int:
    """Print every municipality's leaflet in the built site to PDF (A4) with Chromium."""
    import time

    from scripts.chromium import CHROMIUM_ARGS, find_chromium
    from scripts.leaflet_pdf import LeafletPdfError, write_pdfs

    chromium = find_chromium()
    if chromium is None:
        print("Chromium mangler: sæt CHROMIUM_PATH eller kør 'python scripts/indgang.py chromium'.")
        return 1
    started = time.perf_counter()
    try:
        printed = write_pdfs(Path(args.site), chromium, CHROMIUM_ARGS)
    except LeafletPdfError as exc:
        print(exc)
        return 1
    for p in printed:
        size = f"{p.size / 1024:.0f} kB"
        pages = "1 side" if p.pages == 1 else f"{p.pages} sider"
        print(f"{p.path}: {pages}, {size}")
        if p.pages > 2:
            print(f"  advarsel: folderen for «{p.municipality}» fylder mere end to A4-sider.")
    print(f"{len(printed)} foldere på {time.perf_counter() - started:.1f} s.")
    return 0


def phone_screenshots(args: argparse.Namespace) -> int:
    """Photograph the crisis outcome and a § 82 b outcome of the built site as a phone shows
    them (375 px wide, one and a half screens) into reports/."""
    from scripts.chromium import find_chromium
    from scripts.phone_screenshots import write_screenshots

    chromium = find_chromium()
    if chromium is None:
        print("Chromium mangler: sæt CHROMIUM_PATH eller kør 'python scripts/indgang.py chromium'.")
        return 1
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: der er ingen bygget side her. Kør 'make build' først.")
        return 1
    for out, path in write_screenshots(site, Path(args.out), chromium):
        print(f"{out}: {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="indgang", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help=validate_cmd.__doc__)
    v.add_argument("--format", choices=sorted(FORMATTERS), default="human")
    v.add_argument("--data", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    v.set_defaults(func=validate_cmd)
    c = sub.add_parser("chromium", help=chromium.__doc__)
    c.set_defaults(func=chromium)
    g = sub.add_parser("guide-paths", help=guide_paths.__doc__)
    g.add_argument("guide", nargs="?", help="guidens id, fx stoette (standard: alle guider)")
    g.add_argument("--data", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    g.set_defaults(func=guide_paths)
    f = sub.add_parser("leaflet-pdf", help=leaflet_pdf.__doc__)
    f.add_argument("--site", default=str(ROOT / "site"), help="den byggede side (standard: site/)")
    f.set_defaults(func=leaflet_pdf)
    s = sub.add_parser("phone-screenshots", help=phone_screenshots.__doc__)
    s.add_argument("--site", default=str(ROOT / "site"), help="den byggede side (standard: site/)")
    s.add_argument("--out", default=str(ROOT / "reports"), help="hvor billederne skrives")
    s.set_defaults(func=phone_screenshots)
    editors_cli.register(sub)  # new-course, editors-guide
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
