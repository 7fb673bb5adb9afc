"""The course notebooks' shape: MyST text notebooks, required sections, thin code cells.

The notebooks' only tracked source is ``notebooks/*.md`` (MyST Markdown read by jupytext),
which an instructor edits in JupyterLab or any text editor.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import jupytext
import pytest
from jupytext.config import load_jupytext_configuration_file

from balkangames.exercises import registry

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.md"))
TEXT_NOTEBOOKS = [*COURSE, "present-alliances.md"]
SECTIONS = ("## Learning goals", "## Predict, then reveal", "## Where the model stops", "## Summary", "## References")
MAX_CODE_LINES = 6


def cells(name: str, kind: str) -> list[str]:
    return [c.source for c in jupytext.read(NOTEBOOKS / name).cells if c.cell_type == kind]


def registered_kernel_display_name() -> str:
    """The kernel display name ``make env`` registers (read from the Makefile)."""
    found = re.search(r'--name python3 --display-name "([^"]+)"', (ROOT / "Makefile").read_text())
    assert found, "the Makefile no longer registers the python3 kernel"
    return found.group(1)


def test_course_has_start_page_and_six_numbered_notebooks():
    numbers = [name[:2] for name in COURSE]
    assert numbers == ["00", "01", "02", "03", "04", "05", "06", "07"]
    start = " ".join(cells("00-start-here.md", "markdown"))
    for name in COURSE[1:]:  # a link with the notebook's title, not its file name as code
        assert f"]({name})" in start, f"the map in 00-start-here does not link {name}"
        assert f"`{name}`" not in start, f"the map in 00-start-here shows the file name {name} as code"


@pytest.mark.parametrize("name", TEXT_NOTEBOOKS)
def test_notebook_is_myst_text_that_saving_leaves_unchanged(name):
    """Jupytext writes back exactly the tracked text: opening and saving changes nothing."""
    text = (NOTEBOOKS / name).read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="md:myst")
    assert notebook.metadata["jupytext"]["text_representation"]["format_name"] == "myst"
    assert jupytext.writes(notebook, fmt="md:myst", config=load_jupytext_configuration_file(str(NOTEBOOKS / "jupytext.toml"))) == text


def test_text_notebooks_are_the_only_tracked_notebooks():
    tracked = subprocess.run(
        ["git", "ls-files", "notebooks"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    files = set(tracked.stdout.split())
    assert not any(f.endswith(".ipynb") or f.endswith(".py") for f in files), files
    assert {f"notebooks/{name}" for name in TEXT_NOTEBOOKS} <= files


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
    kinds = [(c.cell_type, c.source) for c in jupytext.read(NOTEBOOKS / name).cells]
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


@pytest.mark.parametrize("name", TEXT_NOTEBOOKS)
def test_kernel_is_the_one_make_env_registers(name):
    """Same name and display name, so JupyterLab does not rewrite the header on opening."""
    kernelspec = jupytext.read(NOTEBOOKS / name).metadata["kernelspec"]
    assert kernelspec["name"] == "python3"
    assert kernelspec["display_name"] == registered_kernel_display_name()


LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_landing_page_links_reach_every_notebook_and_exercise():
    """The start page links each course notebook and each self-paced exercise (the student's path)."""
    start = "\n".join(cells("00-start-here.md", "markdown"))
    targets = {(NOTEBOOKS / target).resolve() for target in LINK.findall(start) if "://" not in target}
    # an exercise is linked as the notebook the student workspace builds from its MyST source
    targets = {t.with_suffix(".md") if "self-paced" in t.parts else t for t in targets}
    missing = [target for target in targets if not target.exists()]
    assert not missing, f"00-start-here links to missing files: {missing}"
    expected = {NOTEBOOKS / name for name in COURSE[1:]} | set(registry.notebooks())
    assert len(expected) == 14 and expected <= targets, sorted(expected - targets)


def load_workspace_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("workspace", ROOT / "jupyter" / "workspace.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_student_workspace_copies_carry_the_kernel_metadata_and_are_never_overwritten(tmp_path):
    """make lab's copies: JupyterLab finds nothing to change on opening, and a student's work survives."""
    import nbformat
    from ipykernel.ipkernel import IPythonKernel

    workspace = load_workspace_script()
    written = workspace.make_workspace(tmp_path)
    course = sorted(p.name for p in NOTEBOOKS.glob("*.md"))
    exercises = sorted(f"{p.parent.name}/{p.stem}.ipynb" for p in registry.notebooks())
    assert sorted(p.name for p in (tmp_path / "notebooks").iterdir()) == course
    built = tmp_path / "exercises" / "self-paced"
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()) == exercises
    assert len(written) == len(course) + len(exercises) + 1  # and the workspace's .jupytext.toml
    for path in (tmp_path / "notebooks").glob("*.md"):
        metadata = jupytext.read(path).metadata
        assert metadata["language_info"] == IPythonKernel.language_info, path.name
        assert metadata["kernelspec"]["display_name"] == registered_kernel_display_name()
        assert [c.source for c in jupytext.read(path).cells] == [c.source for c in jupytext.read(NOTEBOOKS / path.name).cells]
    for path in built.glob("*/*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert notebook.metadata["language_info"] == IPythonKernel.language_info
        source = jupytext.read(registry.self_paced_dir() / path.parent.name / f"{path.stem}.md")
        assert [c.source for c in notebook.cells] == [c.source for c in source.cells], path.name
    work = tmp_path / "notebooks" / "01-security-dilemma-prisoners-dilemma.md"
    work.write_text(work.read_text(encoding="utf-8") + "\nmy notes\n", encoding="utf-8")
    assert workspace.make_workspace(tmp_path) == []
    assert work.read_text(encoding="utf-8").endswith("my notes\n")
