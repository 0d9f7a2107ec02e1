"""The command line an editor and CI run: exit codes, output modes, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^data/[\w/.-]+\.yaml:\d+: .+")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "indgang.py"), *args],
        capture_output=True,
        text=True,
        env={"INDGANG_TODAY": "2026-11-22", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_shipped_data_is_valid():
    result = cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ingen fejl" in result.stdout


def bad_data(make_data) -> Path:
    return make_data(
        {
            "courses/testby.yaml": (ROOT / "tests/fixtures/minimal/courses/testby.yaml")
            .read_text(encoding="utf-8")
            .replace("paragraph: 82a", "paragraph: 82e")
            .replace("format: individuel", "format: individuelt")
        }
    )


def test_errors_exit_1_with_file_line_messages(make_data):
    result = cli("validate", "--data", str(bad_data(make_data)))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert [ln for ln in lines[:-1] if not LINE.match(ln)] == []
    assert len(lines) == 3  # two problems and the summary
    assert lines[-1].startswith("2 fejl.")


def test_github_annotations(make_data):
    result = cli("validate", "--format", "github", "--data", str(bad_data(make_data)))
    assert result.returncode == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
    assert len(annotations) == 2
    for ln in annotations:
        assert re.match(
            r"^::error file=data/courses/testby\.yaml,line=\d+,title=Indgang::.+", ln
        ), ln


def test_json_output(make_data):
    result = cli("validate", "--format", "json", "--data", str(bad_data(make_data)))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 2
    assert {p["line"] for p in report["problems"]} == {3, 18}
    assert all(p["file"] == "data/courses/testby.yaml" for p in report["problems"])


def test_unreadable_yaml_is_not_a_traceback(make_data):
    data = make_data({"rules.yaml": b"- id: R1\n  title: \xff\xfe\n"})
    result = cli("validate", "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "data/rules.yaml:2: Filen er ikke gemt som UTF-8" in result.stdout
