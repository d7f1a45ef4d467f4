#!/usr/bin/env python
"""Check two structural rules of the code base; exit 1 naming every breach.

1. No module over 400 lines (the house limit: past it a module becomes a package).
   Counted over the apps, config, tests/, scripts/ and benchmarks/; migrations are
   generated and excluded.

2. No import cycle between modules of the apps and config. The module graph comes
   from grimp (import-linter's graph library), which records every import statement
   wherever it stands: at the top, inside a function, or under ``TYPE_CHECKING``.
   A function-level import defers a cycle to run time; it doesn't remove it, so it
   counts. A strongly connected component with more than one module is a cycle; each
   is printed as a chain of imports that closes on its first module.

   Packages: an ``import a.b.c`` is recorded as an edge to ``a.b.c`` only, not to
   ``a`` and ``a.b`` as well, even though Python runs their ``__init__`` first.
   So a package ``__init__`` that re-exports its children is not a cycle on its own,
   while a child that imports from its own package (``from surveys.models import X``
   inside ``surveys/models/codes.py``) closes one through the ``__init__`` and is
   reported: the child should import the sibling module that defines the name.

    .venv/bin/python scripts/check_structure.py
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
APPS = (
    "core",
    "accounts",
    "roster",
    "training_records",
    "surveys",
    "activity",
    "evaluations",
    "agreements",
    "hiring",
    "flags",
    "packets",
    "selfassessment",
    "config",
)
OTHER_CODE = ("tests", "scripts", "benchmarks")


def existing_apps() -> list[str]:
    return [app for app in APPS if (ROOT / app / "__init__.py").is_file()]


def python_files(folders: Iterable[str]) -> Iterator[Path]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def long_modules(folders: Iterable[str]) -> list[tuple[Path, int]]:
    counted = ((path, len(path.read_text().splitlines())) for path in python_files(folders))
    return [(path, lines) for path, lines in counted if lines > MAX_LINES]


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so a deep graph can't hit the recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(graph[root])))]
        while work:
            node, successors = work[-1]
            successor = next(successors, None)
            if successor is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif successor not in index:
                index[successor] = low[successor] = len(index)
                stack.append(successor)
                on_stack.add(successor)
                work.append((successor, iter(sorted(graph[successor]))))
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
    return components


def cycle_through(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """The shortest chain from the component's first module back to itself."""
    members = set(component)
    start = component[0]
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in sorted(graph[node] & members):
                if successor == start:
                    chain = [node]
                    while chain[-1] != start:
                        chain.append(came_from[chain[-1]])
                    return [*reversed(chain), start]
                if successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError(f"{start} is in a component but on no cycle")


def import_cycles(apps: list[str]) -> list[tuple[list[str], list[str]]]:
    """Each tangle of modules that import each other, with one cycle through it."""
    sys.path.insert(0, str(ROOT))
    imports = grimp.build_graph(*apps, cache_dir=None)
    graph = {
        module: imports.find_modules_directly_imported_by(module) for module in imports.modules
    }
    components = [c for c in strongly_connected(graph) if len(c) > 1]
    return [(component, cycle_through(component, graph)) for component in sorted(components)]


def main() -> int:
    apps = existing_apps()
    too_long = long_modules([*apps, *OTHER_CODE])
    cycles = import_cycles(apps)
    for path, lines in too_long:
        print(f"{path.relative_to(ROOT)}: {lines} lines (limit {MAX_LINES})")
    for component, cycle in cycles:
        print(f"import cycle: {' -> '.join(cycle)}")
        if len(component) > len(cycle) - 1:
            print(f"  (one of several among {', '.join(component)})")
    if too_long or cycles:
        print(f"{len(too_long)} module(s) over {MAX_LINES} lines, {len(cycles)} import cycle(s)")
        return 1
    print(f"no module over {MAX_LINES} lines, no import cycle among {', '.join(apps)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
