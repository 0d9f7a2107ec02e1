"""The editors' subcommands of `scripts/indgang.py`: `new-course` and `editors-guide`.

    python scripts/indgang.py new-course --municipality ikast-brande --id mindfulness \\
        --title "Mindfulness" --paragraph 82a --format gruppe --entry-point din-indgang \\
        --access afklarende-samtale --target-group psykisk-saarbarhed
    python scripts/indgang.py editors-guide [--check]

Messages are Danish (for editors); refusals exit 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.domain import buildinfo
from macros.exports.editors_guide import check_contributing
from scripts.new_course import (
    Answers,
    Refused,
    add_course,
    ask_missing,
    check_answers,
    read_context,
)

ROOT = Path(__file__).resolve().parent.parent


def new_course_cmd(args: argparse.Namespace) -> int:
    """Tilføj et nyt kursus til en kommunes kursusfil (med flag eller spørgsmål)."""
    data_dir = Path(args.data)
    answers = Answers(
        **{
            name: getattr(args, name)
            for name in Answers.__dataclass_fields__
            if name != "target_groups"
        },
        target_groups=[g for value in args.target_group or [] for g in value.split(",") if g],
    )
    try:
        ctx = read_context(data_dir)
        check_answers(ctx, answers)
        if args.interactive or (args.interactive is None and sys.stdin.isatty()):
            ask_missing(ctx, answers, input)
        result = add_course(data_dir, answers, buildinfo.build_date(), ctx)
    except Refused as exc:
        print(f"Kurset er ikke oprettet. {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nAfbrudt. Intet er ændret.", file=sys.stderr)
        return 1
    shown = result.file.relative_to(data_dir.parent).as_posix()
    print(f"Kurset «{answers.id}» er tilføjet i {shown} (linje {result.line}).")
    for note in result.notes:
        print(f"Husk: {note}")
    print("Felter, der står med # foran, er valgfrie: fjern # og udfyld dem, hvis de passer.")
    return 0


def editors_guide_cmd(args: argparse.Namespace) -> int:
    """Skriv feltreferencen i CONTRIBUTING.md ud fra skemaerne (--check: tjek kun)."""
    target = Path(args.file)
    status = check_contributing(Path(args.data), target)
    if args.check:
        for message in status.messages():
            print(message, file=sys.stderr)
        if not status.messages():
            print(f"{target.name} er opdateret.")
        return 1 if status.messages() else 0
    for problem in status.problems:
        print(problem, file=sys.stderr)
    if status.problems:
        return 1
    if status.stale:
        target.write_text(status.updated, encoding="utf-8")
        print(f"Feltreferencen i {target.name} er opdateret.")
    else:
        print(f"{target.name} er allerede opdateret.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `new-course` and `editors-guide` to the CLI."""
    n = sub.add_parser("new-course", help=new_course_cmd.__doc__)
    n.add_argument("--municipality", help="kommunens id, fx ikast-brande")
    n.add_argument("--id", help="kursets id, fx mindfulness (standard: lavet af titlen)")
    n.add_argument("--title", help="kursets titel")
    n.add_argument("--paragraph", help="82a, 82b, 82c, 82d eller 85")
    n.add_argument("--format", help="gruppe, individuel eller aaben")
    n.add_argument("--entry-point", dest="entry_point", help="indgangens id i kommunen")
    n.add_argument("--access", help="uvisiteret, afklarende-samtale eller afgoerelse")
    n.add_argument(
        "--target-group", action="append", help="målgruppe (kan gentages eller adskilles med komma)"
    )
    n.add_argument("--description", help="2-4 korte sætninger om kurset")
    n.add_argument("--weeks", help='varighed i uger: 12 eller "4-16"')
    n.add_argument("--sessions", help='antal gange: 10 eller "10-15"')
    n.add_argument("--duration-note", dest="duration_note", help="varighed med ord")
    n.add_argument("--group-size", dest="group_size", help='antal deltagere: 8 eller "3-6"')
    n.add_argument("--active-from", dest="active_from", help="første dag, ÅÅÅÅ-MM-DD")
    n.add_argument("--active-to", dest="active_to", help="sidste dag, ÅÅÅÅ-MM-DD")
    n.add_argument("--source", help="kildens id (standard: kommunens kilde)")
    n.add_argument(
        "--interactive",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="spørg efter det, der mangler (standard: når du skriver i en terminal)",
    )
    n.add_argument("--data", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    n.set_defaults(func=new_course_cmd)

    g = sub.add_parser("editors-guide", help=editors_guide_cmd.__doc__)
    g.add_argument("--check", action="store_true", help="ret intet; exit 1, hvis den er forældet")
    g.add_argument("--data", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    g.add_argument("--file", default=str(ROOT / "CONTRIBUTING.md"), help="filen med vejledningen")
    g.set_defaults(func=editors_guide_cmd)
