"""The instructor's review of a submission: reads the code's syntax tree, not its text.

Defence in depth beside the sandbox (where nothing but the allowed libraries exists) and the
out-of-kernel comparison: every code cell is normalised as Python normalises identifiers
(NFKC), parsed with :mod:`ast` and walked. Imports and attribute chains are resolved through
the names they are bound to (``import importlib as il; il.import_module`` is still
``importlib.import_module``), so splitting a name into pieces, renaming a module or writing
it in Unicode lookalikes does not hide it. Each finding names its cell and line.

>>> [f.text for f in review_cells(["import balkangames.model as m\\nm.player_terms(1)"], allowed=("sympy",))]
['import of balkangames (not allowed in this assignment) (cell 1, line 1)', 'use of balkangames: balkangames.model (cell 1, line 2)']
>>> sorted({f.label for f in review_cells(["getattr(__import__('o' + 's'), 'sys' 'tem')('ls')"], allowed=())})
['dynamic attribute access', 'dynamic import', 'os or subprocess']
"""

from __future__ import annotations

import ast
import sys
import unicodedata
from dataclasses import dataclass

__all__ = ["Finding", "review_cells"]

#: Calls that build names or code at run time (their argument hides what is reached).
_DYNAMIC = {
    "getattr": "dynamic attribute access", "setattr": "dynamic attribute access",
    "delattr": "dynamic attribute access", "vars": "namespace access", "globals": "namespace access",
    "locals": "namespace access", "__import__": "dynamic import", "exec": "dynamic code",
    "eval": "dynamic code", "compile": "dynamic code", "breakpoint": "debugger",
    "get_ipython": "IPython shell access", "open": "file access",
}
#: Modules (and their attributes) whose use the instructor should see.
_MODULES = {
    "importlib": "dynamic import", "builtins": "builtins access", "ctypes": "ctypes",
    "os": "os or subprocess", "subprocess": "os or subprocess", "pty": "os or subprocess",
    "signal": "process exit or signals", "inspect": "frame or stack inspection",
    "gc": "frame or stack inspection", "traceback": "frame or stack inspection",
    "socket": "network", "sqlite3": "files or databases", "shutil": "files or databases",
    "pickle": "dynamic code", "marshal": "dynamic code", "runpy": "dynamic code",
    "code": "dynamic code", "codeop": "dynamic code", "IPython": "IPython shell access",
    "ipykernel": "IPython shell access", "sys": None,
}
#: Attribute names that reach the interpreter's internals or IPython's machinery.
_ATTRIBUTES = {
    "_getframe": "frame or stack inspection", "f_back": "frame or stack inspection",
    "f_locals": "frame or stack inspection", "f_globals": "frame or stack inspection",
    "f_builtins": "frame or stack inspection", "tb_frame": "frame or stack inspection",
    "gi_frame": "frame or stack inspection", "cr_frame": "frame or stack inspection",
    "__builtins__": "builtins access", "__globals__": "builtins access", "__subclasses__": "builtins access",
    "__code__": "dynamic code", "__dict__": "namespace access", "modules": None, "meta_path": "dynamic import",
    "path_hooks": "dynamic import", "settrace": "frame or stack inspection",
    "setprofile": "frame or stack inspection", "audit": None, "addaudithook": "builtins access",
    "events": "IPython event hook", "register": None, "input_transformers_post": "IPython input transformer",
    "input_transformers_cleanup": "IPython input transformer", "input_transformer_manager":
        "IPython input transformer", "ast_transformers": "IPython input transformer",
    "set_custom_exc": "traceback display override", "showtraceback": "traceback display override",
    "_showtraceback": "traceback display override", "run_cell": "IPython shell access",
    "user_ns": "IPython shell access", "history_manager": "input history access",
    "__eq__": "custom equality or hashing", "__hash__": "custom equality or hashing",
    "__ne__": "custom equality or hashing",
}
_SPECIAL_NAMES = {"_ih": "input history access", "_oh": "input history access", "In": "input history access",
                  "Out": "input history access", "__builtins__": "builtins access",
                  "__loader__": "builtins access", "__spec__": "builtins access"}


@dataclass(frozen=True)
class Finding:
    """One thing for the instructor to check: what, and where (1-based cell and line)."""

    label: str
    detail: str
    cell: int
    line: int

    @property
    def text(self) -> str:
        return f"{self.label}{': ' + self.detail if self.detail else ''} (cell {self.cell}, line {self.line})"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _permitted(module: str, allowed) -> bool:
    top = module.partition(".")[0]
    return top in allowed or top in sys.stdlib_module_names or top == "balkangames_probe"


class _Reader(ast.NodeVisitor):
    def __init__(self, cell: int, allowed):
        self.cell, self.allowed, self.found = cell, set(allowed), []
        self.bound: dict[str, str] = {}  # local name -> dotted module path it stands for

    def flag(self, label, node, detail=""):
        self.found.append(Finding(label, detail, self.cell, getattr(node, "lineno", 1)))

    def module_flag(self, dotted: str, node):
        top = dotted.partition(".")[0]
        if not _permitted(dotted, self.allowed):
            self.flag(f"import of {top} (not allowed in this assignment)", node)
        label = _MODULES.get(top)
        if label:
            self.flag(label, node, dotted)

    def visit_Import(self, node):
        for alias in node.names:
            self.module_flag(alias.name, node)
            self.bound[alias.asname or alias.name.partition(".")[0]] = alias.name if alias.asname else \
                alias.name.partition(".")[0]
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        module = "." * node.level + (node.module or "")
        if node.level:
            self.flag("relative import", node, module)
        self.module_flag(module.lstrip(".") or ".", node)
        for alias in node.names:
            dotted = f"{module}.{alias.name}"
            self.bound[alias.asname or alias.name] = dotted
            self.attribute_flag(alias.name, node)
            if alias.name in _DYNAMIC:
                self.flag(_DYNAMIC[alias.name], node, dotted)
        self.generic_visit(node)

    def dotted(self, node) -> str | None:
        """``a.b.c`` with ``a`` resolved through imports; None when not a plain chain."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.bound.get(node.id, node.id))
        return ".".join(reversed(parts))

    def attribute_flag(self, name, node):
        label = _ATTRIBUTES.get(name)
        if label:
            self.flag(label, node, name)

    def visit_Attribute(self, node):
        self.attribute_flag(node.attr, node)
        chain = self.dotted(node)
        if chain and chain.partition(".")[0] in _MODULES and _MODULES[chain.partition(".")[0]]:
            if not isinstance(node.value, ast.Attribute):  # once per chain, at its root
                self.flag(_MODULES[chain.partition(".")[0]], node, chain)
        if chain in ("sys.modules", "sys.meta_path", "sys.path"):
            self.flag("module table access", node, chain)
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in _DYNAMIC and node.id not in self.bound:
            self.flag(_DYNAMIC[node.id], node, node.id)
        if node.id in _SPECIAL_NAMES:
            self.flag(_SPECIAL_NAMES[node.id], node, node.id)
        if node.id.startswith("_i") and node.id[2:].isdigit():
            self.flag("input history access", node, node.id)
        target = self.bound.get(node.id)
        if target and target.partition(".")[0] == "balkangames":
            self.flag("use of balkangames", node, target)
        self.generic_visit(node)

    def visit_Call(self, node):
        function = self.dotted(node.func)
        text = _constant_text(node.args[0]) if node.args else None
        if function in ("__import__", "importlib.import_module") and text:
            self.module_flag(text, node)
        if function in ("getattr", "setattr", "delattr") and len(node.args) > 1:
            name = _constant_text(node.args[1])
            if name:
                self.attribute_flag(name, node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if node.name in ("__eq__", "__ne__", "__hash__", "__bool__", "__instancecheck__", "__subclasscheck__"):
            self.flag("custom equality or hashing", node, node.name)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Try(self, node):
        for handler in node.handlers:
            names = [self.dotted(t) for t in (handler.type.elts if isinstance(handler.type, ast.Tuple)
                                              else [handler.type])] if handler.type else [None]
            if handler.type is None or {"BaseException", "KeyboardInterrupt", "SystemExit"} & set(names):
                self.flag("catches KeyboardInterrupt or everything", handler)
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def visit_Constant(self, node):
        if isinstance(node.value, str) and "balkangames" in _normalise(node.value):
            self.flag("mentions balkangames", node)
        self.generic_visit(node)


def _constant_text(node) -> str | None:
    """The string a constant expression spells (``'a' 'b'``, ``'a' + 'b'``), NFKC-normalised; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _normalise(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _constant_text(node.left), _constant_text(node.right)
        return None if left is None or right is None else left + right
    return None


def review_cells(sources, allowed=()) -> list[Finding]:
    """Findings for the instructor in the code cells ``sources`` (numbered from 1).

    Args:
        sources: the student's code cells (empty strings for cells not to review).
        allowed: third-party libraries the assignment allows (the standard library always is).
    """
    findings: list[Finding] = []
    for number, source in enumerate(sources, 1):
        if not source.strip():
            continue
        text = _normalise(source)
        if text != source:
            for line_number, (raw, normal) in enumerate(zip(source.splitlines(), text.splitlines()), 1):
                if raw != normal:
                    findings.append(Finding("characters that change under NFKC (lookalike identifiers?)",
                                            "", number, line_number))
                    break
        lines = [line for line in text.splitlines() if not line.lstrip().startswith(("%", "!"))]
        magics = [k for k, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(("%", "!"))]
        if magics:
            findings.append(Finding("IPython magic or shell command", "", number, magics[0]))
        try:
            tree = ast.parse("\n".join(lines))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            findings.append(Finding("code that does not parse", "", number, 1))
            continue
        reader = _Reader(number, allowed)
        try:
            reader.visit(tree)
        except RecursionError:
            findings.append(Finding("code nested too deeply to review", "", number, 1))
        findings.extend(reader.found)
    unique, seen = [], set()
    for finding in findings:
        key = (finding.label, finding.detail, finding.cell, finding.line)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
