"""Helpers to drive the nbgrader course from Python: used by the tests and the benchmark.

They copy the course to a scratch directory (so nothing is written into the
repository), run nbgrader commands there, fabricate submissions from the student
release and read the scores back from the gradebook.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

EXERCISES = Path(__file__).resolve().parent
COURSE = EXERCISES / "assignments"
ASSIGNMENT_IDS = ("ps1-security-dilemma", "ps2-alliances-thresholds", "ps3-misperception")
GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", "grades.csv")


def copy_course(target: Path, origin: Path = COURSE) -> Path:
    """Copy the config and assignment documents of course ``origin`` to ``target``, build its
    ``source/`` notebooks there (no other generated files); return ``target``."""
    from balkangames.grading.assignments import build_sources

    target, origin = Path(target), Path(origin)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(origin / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(origin / "documents", target / "documents", ignore=shutil.ignore_patterns("__pycache__"))
    build_sources(target / "documents", target / "source")
    return target


def checks(assignment: str, course: Path = COURSE) -> dict:
    """grade_id -> Check declared beside ``assignment``'s document."""
    from balkangames.grading.assignments import load_checks

    return load_checks(Path(course) / "documents", assignment)


def source_notebook(assignment: str, name: str, course: Path = COURSE):
    """The nbgrader source notebook of ``documents/<assignment>/<name>.md``, built in memory."""
    from balkangames.grading.assignments import build_notebook

    return build_notebook(Path(course) / "documents" / assignment / f"{name}.md")


def nbgrader(course: Path, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``nbgrader *args`` in ``course`` with this interpreter's tools on PATH."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bindir, env.get("PATH", "")])
    executable = Path(bindir) / "nbgrader"
    command = [str(executable) if executable.exists() else "nbgrader", *args]
    result = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def grade_id(cell) -> str | None:
    """The nbgrader ``grade_id`` of a cell, or None."""
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def cell_by_id(nb, wanted: str):
    """The cell of ``nb`` whose grade_id is ``wanted`` (KeyError if absent)."""
    for cell in nb.cells:
        if grade_id(cell) == wanted:
            return cell
    raise KeyError(wanted)


def read_notebook(path: Path):
    """Read a version-4 notebook."""
    return nbformat.read(str(path), as_version=4)


def write_notebook(nb, path: Path) -> None:
    """Write a version-4 notebook."""
    nbformat.write(nb, str(path))


def solved(release_nb, source_nb, answers: dict[str, str] | None = None):
    """A copy of the released notebook with every answer cell filled in.

    Answer cells take the instructor's solution from ``source_nb`` unless
    ``answers`` maps their grade_id to other code; ``answers`` may also replace
    any other cell's source (e.g. to tamper with a test cell).
    """
    nb = nbformat.from_dict(release_nb)
    answers = answers or {}
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in answers:
            cell.source = answers[gid]
        elif cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            cell.source = cell_by_id(source_nb, gid).source
    return nb


def submit(course: Path, student: str, assignment: str, notebooks: dict[str, object]) -> None:
    """Place ``notebooks`` (name -> notebook) as ``student``'s collected submission."""
    folder = Path(course) / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, str(folder / f"{name}.ipynb"))
    (folder / "timestamp.txt").write_text("2026-01-15 12:00:00.000000 UTC")


def autograded_scores(course: Path, assignment: str) -> dict[str, float]:
    """Each student's autograded score for ``assignment``, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{Path(course) / 'gradebook.db'}") as gradebook:
        return {
            submission.student_id: submission.code_score
            for submission in gradebook.assignment_submissions(assignment)
        }


def autograded_points(source_nb) -> dict[str, float]:
    """Points of every autograded test cell of a source notebook, by grade_id."""
    points = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and cell.cell_type == "code":
            points[meta["grade_id"]] = float(meta["points"])
    return points
