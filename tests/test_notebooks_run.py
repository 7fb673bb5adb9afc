"""Every course notebook runs top to bottom, headless, in the project's kernel.

The notebooks are MyST Markdown files (``notebooks/*.md``) read through jupytext and
executed once per session (nbclient, kernel ``python3``; jupyter_client starts a
kernelspec whose command is ``python`` with the interpreter running the tests, i.e. the
``.venv`` one, which the kernel check below confirms). Their run time is printed, not
bounded: speed goals live in ``benchmarks/``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# The course (00-06) and the lecture view Voila serves (make present).
COURSE = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.md")) + ["present-alliances.md"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    return client.execute()


@pytest.fixture(scope="module")
def executed():
    """``{name: (executed notebook or the error, seconds)}`` for every course notebook."""
    results = {}
    for name in COURSE:
        notebook = jupytext.read(NOTEBOOKS / name)
        start = time.perf_counter()
        try:
            results[name] = (execute(notebook), time.perf_counter() - start)
        except CellExecutionError as error:
            results[name] = (error, time.perf_counter() - start)
    return results


@pytest.mark.parametrize("name", COURSE)
def test_notebook_runs_without_error(executed, name):
    notebook, seconds = executed[name]
    assert not isinstance(notebook, Exception), f"{name} failed after {seconds:.1f} s:\n{notebook}"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert all(out.get("output_type") != "error" for out in cell.outputs), name


@pytest.mark.parametrize("name", COURSE)
def test_explorer_cells_display_a_widget(executed, name):
    notebook, _ = executed[name]
    if isinstance(notebook, Exception):
        pytest.fail(f"{name} did not run: {notebook}")
    for cell in notebook.cells:
        if cell.cell_type == "code" and "_explorer(" in cell.source:
            data = [out.get("data", {}) for out in cell.outputs]
            assert any(WIDGET_VIEW in d for d in data), f"{name}: explorer cell shows no widget:\n{cell.source}"


def test_the_course_and_the_lecture_view_are_all_run(executed):
    numbered = sorted(name[:2] for name in executed if name[:2].isdigit())
    assert numbered == [f"{i:02d}" for i in range(len(numbered))] and len(numbered) >= 7  # 00 ... 06 at least
    assert "present-alliances.md" in executed
    total = sum(seconds for _, seconds in executed.values())
    timings = ", ".join(f"{name[:2]}: {seconds:.1f} s" for name, (_, seconds) in executed.items())
    print(f"notebook run time {total:.1f} s ({timings})")


def test_kernel_is_the_test_interpreter():
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("import sys, balkangames; print(sys.prefix)"))
    output = execute(notebook).cells[0].outputs[0]["text"].strip()
    assert output == sys.prefix
