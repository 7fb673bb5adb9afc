"""Make a student's working copy of the course (``make lab`` runs this; instructors need not).

    python jupyter/workspace.py WORKSPACE

Copies ``notebooks/*.md`` (MyST, opened by JupyterLab as notebooks) to ``WORKSPACE/notebooks/``
and builds each self-paced exercise (``exercises/self-paced/<name>/<name>.md``, MyST) into
``WORKSPACE/exercises/self-paced/<name>/<name>.ipynb`` (a notebook keeps the check results a
student saves; the exercise's ``answers.py`` stays in the package's course), so students work
on copies and the clone's tracked files never change. A file already in the workspace is never
overwritten (a student's work survives); delete it to get a fresh copy.

Each copy's kernel metadata is set to what the installed kernel reports (its kernelspec display
name, and its ``language_info``: the Python version). JupyterLab writes that metadata into a
notebook when the kernel starts; if it differs from the file, every notebook opens marked
unsaved. The tracked files cannot carry it (it depends on the machine), the copies can: the
workspace's ``.jupytext.toml`` keeps ``language_info`` in the Markdown header.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.config import load_jupytext_configuration_file

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "notebooks"
SELF_PACED = ROOT / "exercises" / "self-paced"
#: The workspace's jupytext settings: the course's, plus language_info kept in the header.
WORKSPACE_JUPYTEXT = """\
# Written by jupyter/workspace.py: the kernel's language_info is kept in each notebook's header,
# so opening a notebook in JupyterLab does not mark it changed.
notebook_metadata_filter = "language_info,-jupytext.text_representation.jupytext_version"
"""


def kernel_metadata() -> dict:
    """``kernelspec`` and ``language_info`` exactly as the ``python3`` kernel will report them."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {
        "kernelspec": {"display_name": spec.display_name, "language": spec.language, "name": "python3"},
        "language_info": dict(IPythonKernel.language_info),
    }


def make_workspace(workspace: Path) -> list[Path]:
    """Copy what is missing into ``workspace``; returns the files written."""
    metadata = kernel_metadata()
    notebooks, exercises = workspace / "notebooks", workspace / "exercises" / "self-paced"
    notebooks.mkdir(parents=True, exist_ok=True)
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    config = workspace / ".jupytext.toml"  # hidden: students see only notebooks and exercises
    if not config.exists():
        config.write_text(WORKSPACE_JUPYTEXT, encoding="utf-8")
        written.append(config)
    jupytext_config = load_jupytext_configuration_file(str(config), WORKSPACE_JUPYTEXT)
    for source in sorted(COURSE.glob("*.md")):
        target = notebooks / source.name
        if not target.exists():
            notebook = jupytext.read(source)
            notebook.metadata.update(metadata)
            jupytext.write(notebook, target, fmt="md:myst", config=jupytext_config)
            written.append(target)
    for source in sorted(SELF_PACED.glob("*/*.md")):
        target = exercises / source.parent.name / f"{source.stem}.ipynb"
        if not target.exists():
            notebook = jupytext.read(source)
            notebook.metadata.pop("jupytext", None)  # a plain notebook: the student's file, not a MyST pair
            notebook.metadata.update(metadata)
            target.parent.mkdir(exist_ok=True)
            nbformat.write(notebook, target)
            written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for path in make_workspace(Path(argv[0]).resolve()):
        print("copied", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
