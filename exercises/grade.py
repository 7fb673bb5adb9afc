"""Autograde every collected submission of an assignment, in parallel.

``nbgrader autograde`` grades students one after another. This script splits the
students found in ``submitted/`` into ``--jobs`` groups and runs one
``nbgrader autograde`` per group at the same time (each with
``--CourseDirectory.student_id_exclude`` set to the other groups' students).
Each process still gives every cell its time limit and runs every kernel in the
sandbox configured in ``nbgrader_config.py``; one bad submission never stops the
others. Usage, from ``exercises/assignments/``::

    python ../grade.py ps1-security-dilemma --jobs 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


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
    processes = []
    for group in split(students, jobs):
        others = [s for s in students if s not in group]
        command = [nbgrader_executable(), "autograde", assignment, "--force", *extra_args]
        if others:
            command.append("--CourseDirectory.student_id_exclude=" + ",".join(others))
        processes.append(subprocess.Popen(command, cwd=course, env=env))
    codes = [process.wait() for process in processes]
    return next((code for code in codes if code), 0)


def main(argv=None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description="Autograde all submissions of an assignment in parallel.")
    parser.add_argument("assignment")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="course root (default: .)")
    args, extra = parser.parse_known_args(argv)
    return autograde(args.course, args.assignment, args.jobs, extra)


if __name__ == "__main__":
    sys.exit(main())
