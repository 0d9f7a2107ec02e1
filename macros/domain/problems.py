"""Problems found in editors' data, and the three ways to print them.

Design note: every check in the project appends to one list of `Problem`s and the caller
fails once at the end, so an editor sees every mistake of a pull request in one run. The
message is written for an editor (Danish: what is wrong and how to mend it); file and line
point at the line to change. The output modes (human, GitHub annotations, JSON) all print
the same collected list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["fejl", "advarsel"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake (or warning) at a place in a data file."""

    file: str
    line: int
    message: str
    severity: Severity = "fejl"

    def human(self) -> str:
        prefix = "advarsel: " if self.severity == "advarsel" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


class DataError(Exception):
    """Raised when data has errors; carries every problem found (warnings included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_human(problems))


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "fejl"]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable, readable order: by file, then line; duplicates removed."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.severity, p.message))


def summary_line(problems: list[Problem]) -> str:
    problems = list(set(problems))  # counted as shown: a repeated message is printed once
    errors = len(errors_only(problems))
    warnings = len(problems) - errors
    if errors == 0 and warnings == 0:
        return "Data er i orden: ingen fejl."
    parts = []
    if errors:
        parts.append(f"{errors} fejl")
    if warnings:
        parts.append(f"{warnings} " + ("advarsel" if warnings == 1 else "advarsler"))
    verdict = "Intet er udgivet. Ret fejlene og prøv igen." if errors else "Data kan udgives."
    return f"{' og '.join(parts)}. {verdict}"


def format_human(problems: list[Problem]) -> str:
    lines = [p.human() for p in sort_problems(problems)]
    lines.append(summary_line(problems))
    return "\n".join(lines)


def _escape_annotation(text: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (see actions/toolkit `command.ts`)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions annotations: shown on the changed line of a pull request."""
    out = []
    for p in sort_problems(problems):
        level = "error" if p.severity == "fejl" else "warning"
        file = _escape_annotation(p.file, property_value=True)
        out.append(
            f"::{level} file={file},line={p.line},title=Indgang::{_escape_annotation(p.message)}"
        )
    out.append(summary_line(problems))
    return "\n".join(out)


def format_json(problems: list[Problem]) -> str:
    problems = sort_problems(problems)
    return json.dumps(
        {
            "errors": len(errors_only(problems)),
            "warnings": len(problems) - len(errors_only(problems)),
            "problems": [asdict(p) for p in sort_problems(problems)],
        },
        ensure_ascii=False,
        indent=2,
    )


FORMATTERS = {"human": format_human, "github": format_github, "json": format_json}
