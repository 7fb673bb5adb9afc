"""Autograde every collected submission of an assignment, in parallel.

``nbgrader autograde`` grades students one after another. This script splits the
students found in ``submitted/`` into ``--jobs`` groups and runs one
``nbgrader autograde`` per group at the same time (each with
``--CourseDirectory.student_id_exclude`` set to the other groups' students).
Each process still gives every cell its time limit and runs every kernel in the
sandbox configured in ``nbgrader_config.py``; one bad submission never stops the
others. Afterwards it prints every submission whose grading failed and why (a
dead or stuck kernel, or a notebook nbgrader could not read), apart from the real
scores, and records the reason in ``grading_failures/`` so ``nbgrader export``
lists it (see ``balkangames.grading.grader``). Usage, from the repository root::

    make -C exercises autograde ASSIGNMENT=ps1-security-dilemma

or from ``exercises/assignments/``: ``python ../grade.py ps1-security-dilemma --jobs 2``.
``--validate`` grades the instructor's solutions, ``--check-notebook PATH`` one notebook
(``make -C exercises check-submission NOTEBOOK=...``), both in a scratch copy.
The exit status is 0 when every submission was graded normally, 3 when some
grading failed (their points earned so far are kept), 1 without submissions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # balkangames, run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))  # course_tools

from balkangames.grading.grader import grading_failures  # noqa: E402

FAILURES = "grading_failures"


def submitted_students(course: Path, assignment: str) -> list[str]:
    """Student ids with a collected submission of ``assignment`` under ``course/submitted``."""
    submitted = course / "submitted"
    if not submitted.is_dir():
        return []
    return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())


def split(students: list[str], jobs: int) -> list[list[str]]:
    """Deal ``students`` round-robin into at most ``jobs`` non-empty groups.

    >>> split(["a", "b", "c"], 2)
    [['a', 'c'], ['b']]
    """
    if jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    groups = [students[k::jobs] for k in range(jobs)]
    return [group for group in groups if group]


def nbgrader_executable() -> str:
    """The ``nbgrader`` next to this Python interpreter, else the one on PATH."""
    candidate = Path(sys.executable).with_name("nbgrader")
    return str(candidate) if candidate.exists() else (shutil.which("nbgrader") or "nbgrader")


def autograde(course: Path, assignment: str, jobs: int = 2, extra_args=()) -> int:
    """Autograde all submissions of ``assignment`` in ``course`` with ``jobs`` processes.

    Args:
        course: the nbgrader course root (holding ``nbgrader_config.py``).
        assignment: assignment id, e.g. ``"ps1-security-dilemma"``.
        jobs: number of ``nbgrader autograde`` processes to run at once.
        extra_args: further command-line options for every ``nbgrader autograde``.

    Returns:
        0 when every process succeeded, else the first non-zero exit status.
    """
    course = Path(course).resolve()
    students = submitted_students(course, assignment)
    if not students:
        print(f"no submissions of {assignment!r} under {course / 'submitted'}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    # nbgrader runs `alembic` by name when it creates the gradebook.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    started = time.time()
    processes = []
    for group in split(students, jobs):
        others = [s for s in students if s not in group]
        command = [nbgrader_executable(), "autograde", assignment, "--force", *extra_args]
        if others:
            command.append("--CourseDirectory.student_id_exclude=" + ",".join(others))
        processes.append(subprocess.Popen(command, cwd=course, env=env))
    codes = _wait_showing_progress(processes, course, assignment, students, started)
    for student in students:
        _record_unreadable(course, assignment, student, started)
    failures = grading_failures(course / FAILURES, assignment)
    print(f"autograded {len(students) - len(failures)} of {len(students)} submissions of {assignment} normally")
    for student, reason in failures.items():
        print(f"GRADING FAILED for {student}: {reason} (points earned before it are kept)")
    if failures:
        return 3
    return next((code for code in codes if code), 0)


def _wait_showing_progress(processes, course: Path, assignment: str, students: list[str], started: float) -> list[int]:
    """Wait for the nbgrader processes, with a bar counting the submissions graded so far."""
    from balkangames.progress import progress_bar

    def graded(student: str) -> bool:
        folder = course / "autograded" / student / assignment
        notebooks = list(folder.glob("*.ipynb")) if folder.is_dir() else []
        return bool(notebooks) and all(nb.stat().st_mtime >= started for nb in notebooks)

    with progress_bar(total=len(students), description=f"autograding {assignment}", unit="submission") as bar:
        while any(process.poll() is None for process in processes):
            bar.update(sum(map(graded, students)) - bar.n)
            time.sleep(0.5)
        bar.update(len(students) - bar.n)  # finished: graded, or failed and reported below
    return [process.wait() for process in processes]


def _record_unreadable(course: Path, assignment: str, student: str, started: float) -> None:
    """Record a submission nbgrader produced no autograded notebook for (e.g. invalid JSON)."""
    record = course / FAILURES / assignment / student / "_submission.json"
    notebooks = sorted((course / "submitted" / student / assignment).glob("*.ipynb"))
    graded = course / "autograded" / student / assignment
    fresh = [nb for nb in notebooks if (graded / nb.name).exists() and (graded / nb.name).stat().st_mtime >= started]
    if notebooks and len(fresh) == len(notebooks):
        record.unlink(missing_ok=True)
        return
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text('{"reason": "nbgrader could not autograde this submission (unreadable notebook?); '
                      'see the autograde log"}')


def validate(course: Path, assignment: str) -> int:
    """Autograde the instructor's solutions in a scratch copy of ``course``; 0 when they earn full marks."""
    import tempfile

    import course_tools as ct

    with tempfile.TemporaryDirectory(prefix="balkangames-validate-") as scratch:
        copy = ct.copy_course(Path(scratch) / "course", origin=course)
        ct.nbgrader(copy, "generate_assignment", assignment, "--force")
        full, notebooks = 0.0, {}
        for path in sorted((copy / "source" / assignment).glob("*.ipynb")):
            source = ct.read_notebook(path)
            release = ct.read_notebook(copy / "release" / assignment / path.name)
            notebooks[path.stem] = ct.solved(release, source)
            full += sum(ct.autograded_points(source).values())
        ct.submit(copy, "instructor", assignment, notebooks)
        status = autograde(copy, assignment, jobs=1, extra_args=["--log-level=WARN"])
        score = ct.autograded_scores(copy, assignment).get("instructor")
    print(f"instructor's solutions of {assignment}: {score} of {full} autograded points")
    return 0 if status == 0 and score == full else 1


def check_notebook(course: Path, assignment: str, notebook: Path) -> int:
    """Grade one notebook exactly as a submission would be, in a scratch copy; print each verdict.

    For students and instructors without nbgrader's server: the same sandbox, the same allowed
    imports, the same checks and review. Returns 0 when every autograded question passed.
    """
    import tempfile

    import course_tools as ct

    with tempfile.TemporaryDirectory(prefix="balkangames-check-") as scratch:
        copy = ct.copy_course(Path(scratch) / "course", origin=course)
        ct.nbgrader(copy, "generate_assignment", assignment, "--force")
        ct.submit(copy, "you", assignment, {notebook.stem: ct.read_notebook(notebook)})
        autograde(copy, assignment, jobs=1, extra_args=["--log-level=WARN"])
        graded = copy / "autograded" / "you" / assignment / notebook.name
        if not graded.exists():
            print("the notebook could not be graded (is it a valid notebook of this assignment?)")
            return 1
        nb = ct.read_notebook(graded)
        print(nb.cells[0].source)
        failed = 0
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.get("ename") == "GradingFailure":
                    failed += 1
                    print(f"FAILED {output.get('evalue')}")
                elif output.get("output_type") == "stream" and output.get("text", "").startswith("PASSED "):
                    print(output["text"].rstrip())
    return 1 if failed else 0


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Autograde all submissions of an assignment in parallel.")
    parser.add_argument("assignment")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="course root (default: .)")
    parser.add_argument("--validate", action="store_true",
                        help="autograde the instructor's solutions in a scratch copy instead")
    parser.add_argument("--check-notebook", type=Path,
                        help="grade this one notebook as it will be graded, in a scratch copy, and print the verdicts")
    args, extra = parser.parse_known_args(argv)
    if args.check_notebook:
        return check_notebook(args.course.resolve(), args.assignment, args.check_notebook.resolve())
    if args.validate:
        return validate(args.course.resolve(), args.assignment)
    return autograde(args.course, args.assignment, args.jobs, extra)


if __name__ == "__main__":
    sys.exit(main())
