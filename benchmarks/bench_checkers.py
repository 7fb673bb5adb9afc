"""Benchmark: every self-paced check against the issue's goal of under 1 s each (issue 21).

Run ``python benchmarks/bench_checkers.py [--budget 1.0]``. It checks, once each and in one
process, every answer of the tests' tables over all exercise ids: the right answer in every
format (``tests/test_exercises_exact.py`` and ``tests/test_exercises_trust.py``), the misreadings,
hedges and plausible wrong answers, the adaptive root attack (a right answer plus
``sqrt(2)*(o - v1)*…`` with each ``vi`` read from the previous hint) and the size bombs. It prints
how many answers were accepted and rejected, the median and maximum time of a check, the slowest
checks, and how often the checkers could not decide; then ``PASS`` or ``FAIL`` (non-zero exit)
if a check took longer than ``--budget`` seconds or a right answer was rejected or a wrong one
accepted.

Times are wall-clock on whatever machine runs this (the first check of an exercise includes
building its expected answer): on a machine busy with other jobs they grow, which is why they
live here and not in the test suite.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import sympy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_exercises_exact as exact  # noqa: E402
import test_exercises_trust as trust  # noqa: E402
from helpers import reference_answer  # noqa: E402

import balkangames.exercises as ex  # noqa: E402
from balkangames.exercises import expressions, registry  # noqa: E402

BOMBS = ["((((o+1)**12)**12)**12)**12 - (((o+1)**12)**12)**12", "9**9**9**9", "(o+W+c+w+1)**12 * (o+W+c+w+2)**12",
         "*".join(f"Abs(o - {k}/10)" for k in range(1, 10)), "(" * 120 + "o" + ")" * 120, "1e99999999"]


def table():
    """(exercise id, answer, True if right / False if wrong) for every answer the benchmark checks."""
    rows = []
    for exercise_id in registry.ids():
        rows += [(exercise_id, form, True) for form in trust.right_formats(exercise_id)]
        rows += [(exercise_id, form, True) for form in exact.RIGHT[exercise_id]]
        rows += [(exercise_id, answer, False) for answer, _ in trust.wrong_answers(exercise_id)]
        rows += [(exercise_id, answer, False) for answer, _ in exact.WRONG[exercise_id]]
        if registry.get(exercise_id).kind == "expression":
            rows += [(exercise_id, bomb, False) for bomb in BOMBS]
    return rows


def root_attack(exercise_id, rounds: int = 14):
    """The adaptive attack of issue 21: (seconds, feedback) of each round."""
    right = reference_answer(exercise_id)
    o = next(x for x in right.free_symbols if str(x) == "o")
    roots, timed = [sympy.Rational(1, 3)], []
    for _ in range(rounds):
        attack = right + sympy.sqrt(2) * sympy.Mul(*(o - v for v in roots))
        start = time.perf_counter()
        feedback = ex.check(attack, exercise_id)
        timed.append((time.perf_counter() - start, feedback))
        found = re.search(r"\bo=(-?\d+(?:/\d+)?)", str(feedback))
        if found:
            roots.append(sympy.Rational(found.group(1)))
    return timed


def main(argv=None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=1.0, help="seconds one check may take")
    args = parser.parse_args(argv)
    rows = table()
    times, slow, misjudged, warm = [], [], [], []
    seen: set = set()
    accepted = rejected = 0
    undecided_before = sum(expressions.UNDECIDED.values())
    for exercise_id, answer, right in rows:
        start = time.perf_counter()
        feedback = ex.check(answer, exercise_id)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        first = exercise_id not in seen  # the first check of an exercise also builds its expected answer
        seen.add(exercise_id)
        if not first:
            warm.append(elapsed)
        slow.append((elapsed, exercise_id, ("(first check) " if first else "") + repr(answer)[:60]))
        accepted += feedback.correct
        rejected += not feedback.correct
        if feedback.correct != right:
            misjudged.append((exercise_id, repr(answer)[:70], str(feedback)[:120]))
    attacks = 0
    for exercise_id in (i for i in registry.ids() if registry.get(i).kind == "expression"):
        for elapsed, feedback in root_attack(exercise_id):
            attacks += 1
            times.append(elapsed)
            warm.append(elapsed)
            slow.append((elapsed, exercise_id, "root attack"))
            rejected += not feedback.correct
            if feedback.correct:
                misjudged.append((exercise_id, "root attack", str(feedback)[:120]))
    undecided = sum(expressions.UNDECIDED.values()) - undecided_before
    rights = sum(1 for row in rows if row[2])
    print(f"{len(times)} checks over {len(registry.ids())} exercises: {rights} right answers in their formats, "
          f"{len(rows) - rights} wrong answers, misreadings, hedges and bombs, {attacks} root-attack rounds")
    print(f"accepted {accepted}, rejected {rejected}; misjudged {len(misjudged)}; cannot decide {undecided} "
          f"({dict(expressions.UNDECIDED)})")
    print(f"time per check: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.0f} ms "
          f"(budget {args.budget:g} s); after each exercise's first check: median "
          f"{statistics.median(warm) * 1000:.1f} ms, max {max(warm) * 1000:.0f} ms")
    for elapsed, exercise_id, shown in sorted(slow, reverse=True)[:5]:
        print(f"  {elapsed * 1000:7.0f} ms  {exercise_id}  {shown}")
    for row in misjudged[:10]:
        print("  MISJUDGED", *row)
    failed = max(times) > args.budget or misjudged
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
