"""Self-paced notebooks: they run unanswered, accept right answers, and hold no answers."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import sympy
from nbclient import NotebookClient
from test_exercises_checkers import reference_answer

from balkangames.exercises import registry

SELF_PACED = Path(__file__).resolve().parents[1] / "exercises" / "self-paced"
NOTEBOOKS = sorted(SELF_PACED.glob("*.ipynb"))
CHECK = re.compile(r'^(check_\w+)\((\w+), "([\w-]+)"\)$')
PLACEHOLDER = re.compile(r"^(\w+) = None  # your answer$")


def _checks(nb):
    """(variable, exercise id) of every check cell."""
    return [CHECK.match(c.source).group(2, 3) for c in nb.cells if c.cell_type == "code" and CHECK.match(c.source)]


def _run(nb):
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(SELF_PACED)}}).execute()
    return nb


def _check_outputs(nb):
    outputs = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK.match(cell.source):
            outputs.append("".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs))
    return outputs


def test_there_is_one_notebook_per_teaching_notebook_and_every_exercise_is_used():
    assert len(NOTEBOOKS) >= 6
    used = [exercise for path in NOTEBOOKS for _, exercise in _checks(nbformat.read(path, 4))]
    assert sorted(used) == sorted(registry.ids())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_holds_placeholders_only(path):
    nb = nbformat.read(path, 4)
    placeholders = [PLACEHOLDER.match(c.source) for c in nb.cells if c.cell_type == "code"]
    variables = {m.group(1) for m in placeholders if m}
    checks = _checks(nb)
    assert checks and {variable for variable, _ in checks} == variables
    text = path.read_text()
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    for _, exercise in checks:
        answer = reference_answer(exercise)
        for shown in _renderings(answer):
            assert shown not in text, (exercise, shown)


def _renderings(answer):
    """Ways an answer could be written into a notebook in plain text."""
    if isinstance(answer, sympy.Expr):
        return {str(answer), str(sympy.simplify(answer)), str(sympy.factor(answer)), str(sympy.expand(answer))}
    if isinstance(answer, tuple) and all(isinstance(m, str) for m in answer):
        return {repr(answer), str(list(answer))}
    if isinstance(answer, list):
        return {repr(p) for e in answer for m in e if not isinstance(m, str) for p in m if p not in (0, 1)}
    if isinstance(answer, dict):
        return {repr(answer)}
    if isinstance(answer, str):
        return {f"= {answer!r}", f'= "{answer}"'}
    return {f"Fraction({answer.numerator}, {answer.denominator})", f"{answer.numerator}/{answer.denominator}"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_unanswered_notebook_runs_top_to_bottom(path):
    nb = _run(nbformat.read(path, 4))
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    outputs = _check_outputs(nb)
    assert outputs and all(out == "… not answered yet" for out in outputs)


def _literal(answer):
    if isinstance(answer, sympy.Expr):
        return repr(str(answer))
    return repr(answer)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_answered_notebook_reports_correct(path):
    nb = nbformat.read(path, 4)
    answers = {variable: reference_answer(exercise) for variable, exercise in _checks(nb)}
    for cell in nb.cells:
        match = PLACEHOLDER.match(cell.source) if cell.cell_type == "code" else None
        if match:
            cell.source = f"{match.group(1)} = {_literal(answers[match.group(1)])}"
    outputs = _check_outputs(_run(nb))
    assert outputs and all(out.startswith("✔ correct") for out in outputs), outputs
