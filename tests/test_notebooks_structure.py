"""The course notebooks' shape: required sections, thin code cells, built by the script."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
COURSE = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
SECTIONS = ("## Learning goals", "## Predict, then reveal", "## Where the model stops", "## Summary", "## References")
MAX_CODE_LINES = 6


def cells(name: str, kind: str) -> list[str]:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


def build_script():
    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_course_has_start_page_and_six_numbered_notebooks():
    numbers = [name[:2] for name in COURSE]
    assert numbers == ["00", "01", "02", "03", "04", "05", "06"]
    start = " ".join(cells("00-start-here.ipynb", "markdown"))
    for name in COURSE[1:]:
        assert f"`{name}`" in start, f"the map in 00-start-here does not list {name}"


def test_notebooks_are_what_the_build_script_writes():
    assert build_script().main(["--check"]) == 0


@pytest.mark.parametrize("name", COURSE)
def test_required_sections_in_order(name):
    text = "\n".join(cells(name, "markdown"))
    positions = []
    for heading in SECTIONS:
        found = re.search(rf"^{re.escape(heading)}", text, flags=re.MULTILINE)
        assert found, f"{name}: missing section {heading!r}"
        positions.append(found.start())
    assert positions[0] == min(positions) and positions[-1] == max(positions), name


@pytest.mark.parametrize("name", COURSE)
def test_every_prediction_is_followed_by_a_revealing_code_cell(name):
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    kinds = [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]
    prompts = [i for i, (kind, text) in enumerate(kinds) if kind == "markdown" and "**Predict" in text]
    assert prompts, f"{name}: no **Predict** prompt"
    for i in prompts:
        assert i + 1 < len(kinds) and kinds[i + 1][0] == "code", f"{name}: prediction in cell {i} is not followed by code"


@pytest.mark.parametrize("name", COURSE)
def test_code_cells_are_thin(name):
    for source in cells(name, "code"):
        lines = [line for line in source.splitlines() if line.strip()]
        assert len(lines) <= MAX_CODE_LINES, f"{name}: code cell longer than {MAX_CODE_LINES} lines:\n{source}"
        assert not re.search(r"^\s*(def|class|async def)\b|\blambda\b", source, flags=re.MULTILINE), (
            f"{name}: code cells import and display; logic belongs in balkangames:\n{source}"
        )


@pytest.mark.parametrize("name", COURSE)
def test_notebooks_are_committed_without_outputs(name):
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, name
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
