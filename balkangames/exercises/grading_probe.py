"""The kernel side of autograding: call the student's code and report plain data.

During autograding the student's kernel only *computes*. Each hidden test cell
(written by :mod:`balkangames.exercises.grader` at grading time) calls
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

import contextlib
import io
import json
from fractions import Fraction

__all__ = ["ANSWERS_MIME", "decode_argument", "encode", "probe"]

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
