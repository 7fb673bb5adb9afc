"""Self-paced exercises: each folder's MyST notebook is built and run unanswered and answered.

An exercise is a folder (``exercises/self-paced/<name>/``) with its MyST notebook and the
``answers.py`` that computes the expected answers; these tests build every notebook the way the
student workspace does (jupytext), run it with nbclient, and check that the course's checks
report "not answered yet" before, and "correct" for the reference answers after.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
import sympy
from helpers import reference_answer
from nbclient import NotebookClient

from balkangames.exercises import registry

NOTEBOOKS = registry.notebooks()
CHECK = re.compile(r'^(check_\w+)\((\w+), "([\w-]+)"\)$')
PLACEHOLDER = re.compile(r"^(\w+) = None  # your answer$")


def _checks(nb):
    """(variable, exercise id) of every check cell."""
    return [CHECK.match(c.source).group(2, 3) for c in nb.cells if c.cell_type == "code" and CHECK.match(c.source)]


def _build(path):
    """The notebook a student opens, built from the exercise's MyST source."""
    return jupytext.read(path)


def _run(nb, path):
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _check_outputs(nb):
    outputs = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK.match(cell.source):
            outputs.append("".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs))
    return outputs


def test_there_is_one_notebook_per_teaching_notebook_and_every_exercise_is_used():
    assert len(NOTEBOOKS) >= 7
    used = [exercise for path in NOTEBOOKS for _, exercise in _checks(_build(path))]
    assert sorted(used) == sorted(registry.ids())
    teaching = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("0[1-9]-*.md"))
    assert [p.name[:2] for p in NOTEBOOKS] == [p.name[:2] for p in teaching]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_folder_is_one_notebook_and_its_answers(path):
    """PrairieLearn's shape: the notebook, its answer builders beside it, nothing built or stale."""
    folder = path.parent
    assert path.is_file() and (folder / "answers.py").is_file()
    assert not list(folder.glob("*.ipynb")), "exercise notebooks are built from MyST, not committed"
    ids = [exercise.id for exercise in registry.answers_module(folder.name).EXERCISES]
    assert ids and all(i.startswith(folder.name[:3]) for i in ids)
    assert [exercise for _, exercise in _checks(_build(path))] == ids  # questions in the answers' order


def test_options_listed_in_a_question_are_the_checkers_options():
    """Exercise 5 lists every parameter a learner may name: the list in the text is the package's."""
    from balkangames.exercises.builders import parameter_options

    path = next(p for p in NOTEBOOKS if p.name.startswith("05-"))
    question = next(c.source for c in _build(path).cells if "Which parameter changed" in c.source)
    listed = re.findall(r"`'(\w+)'`", question.split("(a group")[0])
    assert listed == parameter_options()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_holds_placeholders_only(path):
    nb = _build(path)
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
    nb = _run(_build(path), path)
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
    nb = _build(path)
    answers = {variable: reference_answer(exercise) for variable, exercise in _checks(nb)}
    for cell in nb.cells:
        match = PLACEHOLDER.match(cell.source) if cell.cell_type == "code" else None
        if match:
            cell.source = f"{match.group(1)} = {_literal(answers[match.group(1)])}"
    outputs = _check_outputs(_run(nb, path))
    assert outputs and all(out.startswith("✔ correct") for out in outputs), outputs
