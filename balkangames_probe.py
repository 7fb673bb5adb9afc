"""The kernel side of autograding: call the student's code and report plain data.

This is the only piece of balkangames a graded kernel sees: a standalone module
(standard library only; IPython for the display) installed beside the package and
mounted alone into the grading sandbox, where neither ``balkangames`` nor its
grading code exists.

During autograding the student's kernel only *computes*. Each hidden test cell
(written by :mod:`balkangames.grading.grader` at grading time) calls
:func:`probe` with the grader's inputs; :func:`probe` calls the student's
function on each input and publishes the results as one JSON display output of
type :data:`ANSWERS_MIME`. Nothing here decides a mark: the grader parses the
JSON in its own process, with strict types, and compares it with references it
computes itself. Student code can patch or replace this module at will; all it
can change is the data reported, which is then judged like any other answer.

Encoding (see :func:`encode`): ``int`` -> ``{"int": "7"}``, ``Fraction`` ->
``{"fraction": "7/102"}``, ``str``, ``bool``, ``None``, containers as lists, sympy
objects as ``{"srepr": ...}``; anything else as ``{"unsupported": type name}``.

>>> encode({"R": Fraction(7, 102)})
{'dict': [[{'str': 'R'}, {'fraction': '7/102'}]]}
>>> decode_argument({"fraction": "-1/4"})
Fraction(-1, 4)
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import sys
from fractions import Fraction

__all__ = ["ANSWERS_MIME", "allow_imports", "decode_argument", "encode", "probe"]

#: MIME type of the one output a hidden test cell is judged by.
ANSWERS_MIME = "application/vnd.balkangames.answers+json"
_MAX_DEPTH = 6
_MAX_ITEMS = 64


def encode(value, depth: int = 0):
    """Plain JSON data for ``value`` (exact numbers as strings; unknown types by name only)."""
    if depth > _MAX_DEPTH:
        return {"unsupported": "nested too deeply"}
    kind = type(value)
    if kind is bool or value is None:
        return {"bool": value} if kind is bool else {"none": True}
    if kind is int:
        return {"int": str(value)}
    if kind is Fraction:
        return {"fraction": f"{value.numerator}/{value.denominator}"}
    if kind is str:
        return {"str": value[:1000]}
    if kind in (list, tuple, set, frozenset):
        items = list(value)[:_MAX_ITEMS]
        return {kind.__name__: [encode(item, depth + 1) for item in items]}
    if kind is dict:
        pairs = list(value.items())[:_MAX_ITEMS]
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in pairs]}
    module = getattr(kind, "__module__", "") or ""
    if module.startswith("sympy"):
        import sympy

        return {"srepr": sympy.srepr(value)[:20000]}
    return {"unsupported": kind.__name__[:100]}


def decode_argument(data):
    """An argument for the student's function from the grader's JSON (``int``, ``fraction``, lists)."""
    if isinstance(data, list):
        return [decode_argument(item) for item in data]
    if "int" in data:
        return int(data["int"])
    if "fraction" in data:
        return Fraction(data["fraction"])
    raise ValueError(f"unknown argument encoding {data!r}")


def _call(function, call: dict):
    args = [decode_argument(a) for a in call.get("args", [])]
    kwargs = {name: decode_argument(v) for name, v in call.get("kwargs", {}).items()}
    sink = io.StringIO()
    try:
        # The student's prints would only crowd the output the grader reads.
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            return {"value": encode(function(*args, **kwargs))}
    except Exception as error:  # the student's error is a wrong answer, reported by class name
        return {"raised": type(error).__name__[:100]}


def probe(name: str, namespace: dict, calls: str | None = None) -> None:
    """Publish what the student's ``name`` gives on the grader's ``calls`` (JSON text).

    Args:
        name: the function (or, when ``calls`` is None, the variable) to report.
        namespace: the notebook's globals.
        calls: JSON list of ``{"args": [...], "kwargs": {...}}`` drawn by the grader,
            or None to report the value of variable ``name`` itself.
    """
    from IPython.display import display

    if name not in namespace:
        report = {"name": name, "missing": True}
    elif calls is None:
        report = {"name": name, "value": encode(namespace[name])}
    else:
        function = namespace[name]
        report = {"name": name, "results": [_call(function, call) for call in json.loads(calls)]}
    display({ANSWERS_MIME: report}, raw=True)


# --- what a notebook may import ----------------------------------------------------------------

#: Environment variable holding the modules a graded kernel allows (comma-separated), set by the sandbox.
ALLOWED_ENV = "BALKANGAMES_ALLOWED_IMPORTS"
_allowed: set[str] | None = None


def refusal(name: str) -> str:
    """The message a student reads when a notebook imports ``name``, which the assignment does not allow."""
    extra = ", ".join(sorted(_allowed or ())) or "nothing else"
    return (f"this question asks you to compute it yourself; `{name}` is not available when grading "
            f"(this assignment allows Python's standard library and: {extra})")


def _top(name) -> str:
    return str(name).partition(".")[0]


def _permitted(top: str) -> bool:
    return _allowed is None or top in _allowed or top in sys.stdlib_module_names or top == __name__


def _from_notebook(depth: int = 2) -> bool:
    """Whether the import being made comes from a notebook cell (code in the kernel's user namespace)."""
    try:
        user_ns = get_ipython().user_ns  # noqa: F821 -- the kernel's builtin
    except NameError:
        return False
    frame = sys._getframe(depth)
    while frame is not None and (frame.f_code.co_filename.startswith("<frozen importlib")
                                 or frame.f_globals.get("__name__") == "importlib"):
        frame = frame.f_back
    return frame is not None and frame.f_globals is user_ns


class _Guard:
    """Refuses, for notebook code only, imports of modules the assignment does not allow.

    Two doors: ``builtins.__import__`` (``import x``, also of modules already loaded) and a
    meta-path finder (``importlib.import_module``). Libraries importing their own dependencies
    are not affected. It is a courtesy, not the wall: when grading, what is not allowed is not
    in the sandbox at all.
    """

    def __init__(self, original_import):
        self.original_import = original_import

    def __call__(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and not _permitted(_top(name)) and _from_notebook():
            raise ModuleNotFoundError(refusal(_top(name)), name=_top(name))
        return self.original_import(name, globals, locals, fromlist, level)

    def find_spec(self, fullname, path=None, target=None):
        if path is None and not _permitted(_top(fullname)) and _from_notebook():
            raise ModuleNotFoundError(refusal(_top(fullname)), name=_top(fullname))
        return None


def allow_imports(*names: str) -> None:
    """Let notebook code import only the standard library, ``names`` and this module.

    Called by an assignment's locked set-up cell, so a student meets the same restriction
    in their own JupyterLab as when the notebook is graded:

    >>> allow_imports("fractions", "sympy")  # outside a kernel it only records the list
    >>> sorted(_allowed)
    ['fractions', 'sympy']
    """
    global _allowed
    _allowed = {_top(name) for name in names}
    if isinstance(builtins.__import__, _Guard):
        return
    try:
        get_ipython()  # noqa: F821
    except NameError:
        return
    guard = _Guard(builtins.__import__)
    builtins.__import__ = guard
    sys.meta_path.insert(0, guard)


def allow_imports_from_environment() -> None:
    """:func:`allow_imports` with the list the grading sandbox passes in :data:`ALLOWED_ENV`."""
    names = os.environ.get(ALLOWED_ENV)
    if names is not None:
        allow_imports(*[n for n in names.split(",") if n])
