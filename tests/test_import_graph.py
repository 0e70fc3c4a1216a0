"""No import cycle inside storyline: between modules, and between its top-level packages.

The graph is read from the source (every `import storyline…` and `from storyline… import`,
those inside functions included), so an import moved into a function to dodge a cycle is
still seen as one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "storyline"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imported(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        # `from storyline.pkg import name` imports the sub-module when `name` is one.
        for alias in node.names:
            child = f"{node.module}.{alias.name}"
            yield child if child in MODULES else node.module


def _known(name: str) -> str:
    """The module of `name` that storyline defines (a name inside one resolves to it), or ""."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = {_known(imported) for node in ast.walk(tree) for imported in _imported(node)}
        graph[name] = {target for target in targets if target and target != name}
    return graph


def _top(name: str) -> str:
    return ".".join(name.split(".")[:2])


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "storyline.models" in graph["storyline.pipeline.runner"]
    assert "storyline.clean.html" in graph["storyline.ingest.html"]


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles(_graph()) == []


def test_top_level_packages_import_in_one_direction() -> None:
    packages: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        if module == "storyline":
            continue
        packages.setdefault(_top(module), set()).update(
            _top(target) for target in targets if target != "storyline" and _top(target) != _top(module)
        )
    assert _cycles(packages) == []


def test_a_cycle_is_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
