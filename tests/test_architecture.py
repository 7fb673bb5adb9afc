"""The import graph of the package is one-way: no circle, no core module importing a view,
and a function-level import only where it keeps ``import balkangames`` fast.

The graph is read from the source with :mod:`ast` (module-level and function-level imports
alike), so an import hidden inside a function counts as much as one at the top.
Layers, lowest first: validation, formatting, the display hook ``_rich`` → params → classify,
solver, analysis, dynamics, sequential, batch → game (the front door over them) → model →
thresholds, beliefs → cases → mechanisms, agreement, sensitivity → views (``views/``,
``widgets/``, ``cli``). Core objects show themselves through ``balkangames._rich``, which
imports ``balkangames.views`` by name on the first render (not an import statement).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "balkangames"

#: Libraries whose import costs start-up time: a function may import them on first use.
HEAVY_LIBRARIES = {"sympy", "scipy", "nashpy", "matplotlib", "ipywidgets", "IPython",
                   # the student workspace (balkangames.lab): notebook files and the kernel's metadata
                   "jupytext", "nbformat", "ipykernel", "jupyter_client"}
#: The view layer: nothing else in the package may import it.
VIEWS = ("balkangames.views", "balkangames.widgets", "balkangames.cli", "balkangames.__main__")


@dataclass(frozen=True)
class Import:
    importer: str
    target: str  # a module of the package (the nearest one named) or a library's top name
    line: int
    in_function: bool
    comment: str  # the text after ``#`` on the import's line(s), if any


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _targets(module: str, is_package: bool, node, known) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module
        names = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix for alias in node.names]
    out = []
    for name in names:
        if name.split(".")[0] != "balkangames":
            out.append(name.split(".")[0])
            continue
        while name not in known:  # `from .x import y`: y is a name in module x
            name = name.rpartition(".")[0]
        out.append(name)
    return out


def imports() -> list[Import]:
    known = module_names()
    found = []
    for module, path in known.items():
        source = path.read_text()
        lines = source.splitlines()
        tree = ast.parse(source)
        inside, typing_only = set(), set()
        for block in ast.walk(tree):
            if isinstance(block, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside |= {id(n) for n in ast.walk(block) if isinstance(n, (ast.Import, ast.ImportFrom))}
            elif isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                typing_only |= {id(n) for n in ast.walk(block)}  # never run: not an import at run time
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in typing_only:
                text = " ".join(lines[node.lineno - 1 : node.end_lineno])
                comment = text.partition("#")[2].strip()
                for target in _targets(module, path.name == "__init__.py", node, known):
                    if target != module:
                        found.append(Import(module, target, node.lineno, id(node) in inside, comment))
    return found


def _internal(graph_imports) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for imp in graph_imports:
        if imp.target.startswith("balkangames"):
            graph.setdefault(imp.importer, set()).add(imp.target)
    return graph


def _parents(module: str) -> list[str]:
    """Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first."""
    parts = module.split(".")
    return [".".join(parts[:k]) for k in range(2, len(parts))]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def heavy_modules(all_imports) -> set[str]:
    """Modules of the package whose module-level imports reach a heavy library."""
    direct: dict[str, set[str]] = {}
    for imp in all_imports:
        if not imp.in_function:
            direct.setdefault(imp.importer, set()).add(imp.target)
            for parent in _parents(imp.target):
                direct[imp.importer].add(parent)
    heavy = set(HEAVY_LIBRARIES)
    changed = True
    while changed:
        changed = False
        for module, targets in direct.items():
            if module not in heavy and targets & heavy:
                heavy.add(module)
                changed = True
    return heavy


def _is_view(module: str) -> bool:
    return any(module == v or module.startswith(v + ".") for v in VIEWS)


ALL = imports()


def test_the_graph_is_read():
    # Sanity: the reader sees imports at both levels, including relative ones.
    assert any(i.importer == "balkangames.game" and i.target == "balkangames.classify" and not i.in_function
               for i in ALL)  # `from .classify import (...)`
    assert any(i.importer == "balkangames.views.html" and i.target == "balkangames.cases.provenance"
               for i in ALL)  # `from ..cases.provenance import learner_citation`
    assert any(i.importer == "balkangames.model" and i.target == "sympy" and i.in_function for i in ALL)
    # `if TYPE_CHECKING: import sympy` never runs, so model is light (no module-level sympy)
    assert "balkangames.model" not in heavy_modules(ALL) and "balkangames.analysis" in heavy_modules(ALL)
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_is_in_an_import_cycle():
    assert cycles(_internal(ALL)) == []


def test_the_core_never_imports_the_views():
    back = [
        f"{i.importer}:{i.line} imports {i.target}"
        for i in ALL
        if _is_view(i.target) and not _is_view(i.importer)
    ]
    assert back == []


@pytest.mark.parametrize("view", ["balkangames.views", "balkangames.widgets", "balkangames.cli"])
def test_every_view_is_above_the_core(view):
    # and the views do reach the core: they are views of it
    assert any(i.importer.startswith(view) and not _is_view(i.target) and i.target.startswith("balkangames")
               for i in ALL)


def test_function_level_imports_only_buy_start_up_time():
    heavy = heavy_modules(ALL)
    wrong = [
        f"{i.importer}:{i.line} imports {i.target} inside a function"
        for i in ALL
        if i.in_function and i.target not in heavy
    ]
    assert wrong == []


def test_each_function_level_import_says_why():
    silent = [
        f"{i.importer}:{i.line} ({i.target})"
        for i in ALL
        if i.in_function and not i.comment
    ]
    assert silent == []


def figures() -> dict:
    """The figures of the closing note: modules, largest module, modules in cycles,
    imports from the core up into the views, function-level import statements."""
    known = module_names()
    sizes = {m: len(p.read_text().splitlines()) for m, p in known.items()}
    largest = max(sizes, key=sizes.get)
    in_function = {(i.importer, i.line) for i in ALL if i.in_function}
    return {
        "modules": len(known),
        "largest": (largest, sizes[largest]),
        "in_cycles": sum(len(c) for c in cycles(_internal(ALL))),
        "back_imports": sum(1 for i in ALL if _is_view(i.target) and not _is_view(i.importer)),
        "function_level_imports": len(in_function),
    }


if __name__ == "__main__":
    print(figures())


def test_core_objects_show_themselves_without_the_core_importing_the_views():
    # In a fresh interpreter: building and solving a game loads no view; the first
    # _repr_html_ loads them through the hook, by name, and renders the bimatrix.
    program = (
        "import sys, balkangames as bg\n"
        "game = bg.stag_hunt(); solution = game.solve()\n"
        "assert not [m for m in sys.modules if m.startswith(('balkangames.views', 'balkangames.widgets'))]\n"
        "html = game._repr_html_()\n"
        "assert 'balkangames.views' in sys.modules and 'balkangames.widgets' not in sys.modules\n"
        "print(html.count('data-equilibrium'), solution.describe()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0] == "2 2 x 2 game (nondegenerate), 3 extreme Nash equilibria:"
