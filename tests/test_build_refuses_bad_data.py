"""Invalid data never reaches a site: the build stops before writing anything."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, build_site


def test_build_refuses_invalid_data(make_data, fixture_project, tmp_path: Path):
    course_file = (FIXTURES / "minimal" / "courses" / "testby.yaml").read_text(encoding="utf-8")
    data = make_data(
        {"courses/testby.yaml": course_file.replace("access: uvisiteret", "access: fri")}
    )
    project = fixture_project(data)
    site = tmp_path / "out"
    result = build_site(project, site)
    assert result.returncode != 0
    assert not site.exists(), "nothing may be written when the data has errors"
    assert "data/courses/testby.yaml:12: «fri» i «access» findes ikke" in result.stderr
    assert "Traceback" not in result.stderr


def test_markup_in_data_is_shown_as_text(make_data, fixture_project, tmp_path: Path):
    course_file = (FIXTURES / "minimal" / "courses" / "testby.yaml").read_text(encoding="utf-8")
    hostile = course_file.replace(
        "description: Øreakupunktur i en gruppe.",
        "description: \"<script>alert('x')</script> *vigtigt* <img src=x onerror=alert(1)> [link](javascript:alert(1))\"",
    ).replace("title: Nada", 'title: "<b>Nada</b>"')
    project = fixture_project(make_data({"courses/testby.yaml": hostile}))
    site = tmp_path / "out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "courses" / "testby" / "nada" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<b>Nada</b>" not in page
    assert "&lt;script&gt;alert(" in page
    assert "&lt;b&gt;Nada&lt;/b&gt;" in page
    assert "<em>vigtigt</em>" in page  # Markdown still works
    assert 'href="javascript:' not in page
