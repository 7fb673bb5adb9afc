"""Small constructors for notebook cells, shared by the notebook generators.

nbgrader reads a cell's role from ``metadata["nbgrader"]``; these helpers write
that metadata so the assignment sources in :mod:`assignment_sources` read like the
notebooks they become.
"""

from __future__ import annotations

import textwrap

import nbformat

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
NBGRADER_SCHEMA = 3


def _text(source: str) -> str:
    return textwrap.dedent(source).strip("\n")


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": NBGRADER_SCHEMA,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(source: str):
    """A plain markdown cell (self-paced notebooks)."""
    return nbformat.v4.new_markdown_cell(_text(source))


def code(source: str):
    """A plain code cell (self-paced notebooks)."""
    return nbformat.v4.new_code_cell(_text(source))


def readonly_markdown(grade_id: str, source: str):
    """Instructions students cannot edit (nbgrader restores them when grading)."""
    cell = markdown(source)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=False, locked=True))
    return cell


def readonly_code(grade_id: str, source: str):
    """Set-up code students cannot edit."""
    cell = code(source)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=False, locked=True))
    return cell


def answer_code(grade_id: str, source: str):
    """An autograded answer cell; its ``### BEGIN/END SOLUTION`` region is removed on release."""
    cell = code(source)
    cell.metadata.update(_nbgrader(grade_id, grade=False, solution=True, locked=False))
    return cell


def test_code(grade_id: str, points: int, source: str):
    """An autograder test cell worth ``points``; ``### BEGIN/END HIDDEN TESTS`` is removed on release."""
    cell = code(source)
    cell.metadata.update(_nbgrader(grade_id, grade=True, solution=False, locked=True, points=points))
    return cell


def written_answer(grade_id: str, points: int, source: str):
    """A manually graded markdown answer; the model answer in it is replaced on release."""
    cell = markdown(source)
    cell.metadata.update(_nbgrader(grade_id, grade=True, solution=True, locked=False, points=points))
    return cell


def notebook(cells) -> nbformat.NotebookNode:
    """A version-4 notebook with a Python 3 kernelspec and no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    for index, cell in enumerate(nb.cells):
        # Fixed ids keep regenerated notebooks byte-identical (nbformat draws random ones).
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell.id = grade_id or f"cell-{index:02d}"
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb
