"""The layers of `macros/` (macros/DESIGN.md): no import cycle, no import from a higher layer.

The graph is read from the source with `ast`, so an import inside a function or under
`if TYPE_CHECKING:` counts like one at the top of a module: those are exactly the imports
that hide cycles. `LAYERS` is the one statement of the order (macros/DESIGN.md explains it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "macros"

# Bottom first: a module imports only modules of its own layer or of a layer below it.
# `macros/__init__.py` (the macros plugin's entry point) belongs to the top layer.
LAYERS = ("domain", "catalogue", "guides", "views", "exports", "site")

Edge = tuple[str, str, int]  # (importing module, imported module, line)


def layer_of(module: str) -> int:
    """The rank of a dotted module name in `LAYERS` (`macros` itself: the top)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return len(LAYERS) - 1


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool, known: Iterable[str]) -> list[Edge]:
    """Every import of a `macros` module in `source`, wherever it stands in the file.

    `from macros.views import urls` is an edge to the module `macros.views.urls` when that is a
    module, else to the package; relative imports are resolved against `module`."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    edges: list[Edge] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            targets = [
                f"{target}.{a.name}" if f"{target}.{a.name}" in known else target
                for a in node.names
            ]
        else:
            continue
        edges += [(module, t, node.lineno) for t in targets if t.split(".")[0] == "macros"]
    return edges


def import_graph(root: Path = ROOT) -> dict[str, list[Edge]]:
    files = {module_name(p, root): p for p in sorted((root / "macros").rglob("*.py"))}
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py", files)
        for name, path in files.items()
    }


def upward_imports(graph: Mapping[str, list[Edge]]) -> list[str]:
    return [
        f"{src} (line {line}, layer {LAYERS[layer_of(src)]}) imports {dst} "
        f"(layer {LAYERS[layer_of(dst)]})"
        for edges in graph.values()
        for src, dst, line in edges
        if layer_of(dst) > layer_of(src)
    ]


def cycles(graph: Mapping[str, list[Edge]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (or a module importing itself)."""
    succ = {m: sorted({dst for _, dst, _ in edges}) for m, edges in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan; the graph has ~50 nodes, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in succ.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in succ.get(v, []):
                found.append(sorted(group))

    for v in sorted(succ):
        if v not in index:
            visit(v)
    return found


# --- The checks on a made-up graph: they can fail ---------------------------------------------


def test_the_checks_find_a_cycle_and_an_upward_import():
    graph = {
        "macros.catalogue.a": [("macros.catalogue.a", "macros.catalogue.b", 3)],
        "macros.catalogue.b": [("macros.catalogue.b", "macros.catalogue.a", 9)],
        "macros.domain.c": [("macros.domain.c", "macros.views.d", 20)],
        "macros.views.d": [("macros.views.d", "macros.domain.c", 1)],
    }
    assert cycles(graph) == [
        ["macros.catalogue.a", "macros.catalogue.b"],
        ["macros.domain.c", "macros.views.d"],
    ]
    assert upward_imports(graph) == [
        "macros.domain.c (line 20, layer domain) imports macros.views.d (layer views)"
    ]


def test_a_function_local_import_is_an_edge():
    source = "def f():\n    from macros.views import urls\n    from . import ics\n"
    edges = imports_of(
        source, "macros.exports.x", False, {"macros.views.urls", "macros.exports.ics"}
    )
    assert edges == [
        ("macros.exports.x", "macros.views.urls", 2),
        ("macros.exports.x", "macros.exports.ics", 3),
    ]


def test_every_package_has_a_layer():
    packages = {p.name for p in MACROS.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS)


# --- The real graph ----------------------------------------------------------------------------


def test_the_graph_is_read():
    graph = import_graph()
    assert len(graph) > 40
    assert ("macros.site.hooks" in graph) and ("macros.domain.hours" in graph)
    assert any(dst == "macros.guides.all_data" for _, dst, _ in graph["macros.site.hooks"])


def test_no_import_cycle_in_macros():
    assert cycles(import_graph()) == []


def test_no_module_imports_a_higher_layer():
    assert upward_imports(import_graph()) == []


def _imports(folder: Path) -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [(str(path.relative_to(ROOT)), node.lineno, n.split(".")[0]) for n in names]
    return found


def test_macros_imports_neither_scripts_nor_tests_and_scripts_never_tests():
    """macros/ < scripts/ (and bench/) < tests/: the tests may use both, never the reverse."""
    wrong = [
        f"{file}:{line} imports {name}"
        for folder, banned in (("macros", {"scripts", "tests", "bench"}), ("scripts", {"tests"}))
        for file, line, name in _imports(ROOT / folder)
        if name in banned
    ]
    wrong += [f"{f}:{n} imports tests" for f, n, m in _imports(ROOT / "bench") if m == "tests"]
    assert wrong == []
