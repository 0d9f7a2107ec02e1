"""The YAML reader's two paths (libyaml for plain files, Python otherwise) agree exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.catalogue import yamlload

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data").rglob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures").rglob("*.yaml")
)


def dump(value: object) -> object:
    if isinstance(value, yamlload.Map):
        return (
            "map",
            value.line,
            sorted(value.key_lines.items()),
            {k: dump(v) for k, v in value.items()},
        )
    if isinstance(value, yamlload.Seq):
        return ("seq", value.line, value.item_lines, [dump(v) for v in value])
    if isinstance(value, yamlload.Text):
        return ("text", value.line, str(value))
    return value


def python_path(text: str) -> object:
    loader = yamlload._Loader(text)
    try:
        return dump(yamlload._convert(loader.get_single_node(), "f", []))
    finally:
        loader.dispose()


def test_fast_path_reads_like_the_python_path():
    compared = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        fast = yamlload._compose_fast(text)
        if fast is None:  # e.g. `*emphasis*` in a sentence: read by the careful path only
            continue
        assert dump(yamlload._convert(fast, "f", [])) == python_path(text), path
        compared += 1
    assert compared >= 30


def test_neither_path_resolves_tags():
    """Both composers skip tag resolution (`_NoTagResolution`): 12 and no stay untagged text."""
    text = "a: 12\nb: no\n"
    loader = yamlload._Loader(text)
    try:
        for node in (yamlload._compose_fast(text), loader.get_single_node()):
            assert node is not None
            assert [(k.tag, v.tag) for k, v in node.value] == [("", "")] * 2
    finally:
        loader.dispose()


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a:\n  &x 1\nb:\n  *x\n",
        "- &x a\n- *x\n",
        "a: [&x 1, *x]\n",
        "a: {b: &x 1, c: *x}\n",
        "&x a: 1\n",
        "a: !!str &x 1\nb: *x\n",
        "? &x a\n: 1\n",
        "a:\n\tb: 1\n",
        "- a\n---\n- b\n",
        "a: b: c\n",
    ],
)
def test_risky_text_takes_the_python_path(text: str):
    assert yamlload._compose_fast(text) is None


def test_emphasis_inside_a_sentence_is_not_an_alias():
    value, problems = yamlload.load_text("description: Det er *vigtigt* at komme.\n", "f")
    assert problems == [] and value["description"] == "Det er *vigtigt* at komme."
