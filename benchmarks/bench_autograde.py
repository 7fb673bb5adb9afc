"""Benchmark: autograde 30 submissions of problem set 1 in a scratch copy of the course.

Usage::

    python benchmarks/bench_autograde.py [--submissions 30] [--jobs 2] [--budget 120]

Builds the release, fabricates submissions (two in three fully correct, the rest
with a wrong answer), runs ``exercises/grade.py`` with ``--jobs`` parallel
``nbgrader autograde`` processes (every kernel sandboxed, 10 s per cell, every
answer compared outside the kernel on inputs drawn at grading time), checks every
score and prints the wall-clock time. Exits non-zero when a score is wrong
or the time exceeds ``--budget`` seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exercises"))

import course_tools as ct  # noqa: E402
import grade  # noqa: E402

ASSIGNMENT = "ps1-security-dilemma"
NOTEBOOK = "security-dilemma"
WRONG = {"q2-answer": 'def classify(R, S, T, P):\n    return "prisoners-dilemma"\n'}


def main(argv=None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--budget", type=float, default=120.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as scratch:
        course = ct.copy_course(Path(scratch) / "course")
        ct.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        release = ct.read_notebook(course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
        source = ct.read_notebook(course / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb")
        points = ct.autograded_points(source)
        expected = {}
        for k in range(args.submissions):
            student = f"student{k:03d}"
            wrong = k % 3 == 2
            ct.submit(course, student, ASSIGNMENT, {NOTEBOOK: ct.solved(release, source, WRONG if wrong else None)})
            expected[student] = sum(points.values()) - (points["q2-tests-hidden"] if wrong else 0)
        started = time.monotonic()
        status = grade.autograde(course, ASSIGNMENT, jobs=args.jobs, extra_args=["--log-level=WARN"])
        elapsed = time.monotonic() - started
        scores = ct.autograded_scores(course, ASSIGNMENT)
    wrong_scores = {s: (scores.get(s), e) for s, e in expected.items() if scores.get(s) != e}
    print(f"autograded {args.submissions} submissions with {args.jobs} job(s) in {elapsed:.1f} s "
          f"({elapsed / args.submissions:.2f} s each; budget {args.budget:.0f} s)")
    if status or wrong_scores:
        print(f"FAILED: exit status {status}, wrong scores {wrong_scores}")
        return 1
    return 0 if elapsed <= args.budget else 2


if __name__ == "__main__":
    sys.exit(main())
