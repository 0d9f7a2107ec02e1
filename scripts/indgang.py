#!/usr/bin/env python3
"""Indgang's command line: one entry point, small subcommands.

    python scripts/indgang.py validate [--format human|github|json]
    python scripts/indgang.py chromium
    python scripts/indgang.py guide-paths [GUIDE]
    python scripts/indgang.py new-course --municipality ID --id ID --title ... (or questions)
    python scripts/indgang.py editors-guide [--check]

Checks exit 1 and print `FILE:LINE: message` (Danish, for editors); all problems at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.catalogue.validate import validate  # noqa: E402
from macros.domain import buildinfo  # noqa: E402
from macros.domain.problems import FORMATTERS, errors_only  # noqa: E402
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
    from macros.catalogue import model as catalogue
    from macros.domain.problems import DataError, format_human
    from macros.guides import guide
    from macros.views import guide_views

    data = Path(args.data)
    try:
        cat = catalogue.load(data, buildinfo.build_date())
    except DataError as exc:
        print(format_human(exc.problems))
        return 1
    guides, problems = guide.load_guides(data, guide.known_from_catalogue(cat))
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
    editors_cli.register(sub)  # new-course, editors-guide
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
