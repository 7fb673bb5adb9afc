"""Benchmark: the exact solver's speed against the issue's goals, with nashpy for scale.

Run ``python benchmarks/bench_solver.py`` (``make bench`` runs every benchmark). It prints,
for each goal, the median time of the default exact engine, the goal, and for small games
the ratio to nashpy's own ``vertex_enumeration`` on the same games; then ``PASS`` or
``FAIL`` and a non-zero exit status if a goal is missed. Goals (issue 10):

* a 2x2 game in <= 1 ms and a random 6x6 game in <= 20 ms (median);
* random 12x12 games in <= 0.5 s (median), the all-equal 12x12 game in <= 10 s;
* the replicator basins of a 2x2 game on a 50 x 50 grid in <= 0.2 s.

Times are wall-clock on whatever machine runs this: on a machine busy with other jobs they
grow, which is why they live here and not in the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

import numpy as np

from balkangames.dynamics import basins_2x2
from balkangames.solver import solve


def median_seconds(function, repeats: int) -> float:
    """Median wall-clock time of ``repeats`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def nashpy_seconds(A, B, repeats: int) -> float:
    """Median time of nashpy's vertex enumeration on the same game (floats)."""
    import nashpy

    game = nashpy.Game(np.asarray(A, dtype=float), np.asarray(B, dtype=float))

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            list(game.vertex_enumeration())

    return median_seconds(run, repeats)


def random_games(size: int, count: int, span: int, seed: int):
    rng = np.random.default_rng(seed)
    return [
        (rng.integers(-span, span + 1, (size, size)), rng.integers(-span, span + 1, (size, size)))
        for _ in range(count)
    ]


def run(quick: bool = False) -> list[tuple[str, float, float, str]]:
    """``(what, seconds, goal in seconds, comment)`` for every goal."""
    rows = []
    stag_hunt = ([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    two = median_seconds(lambda: solve(*stag_hunt), 50 if quick else 500)
    rows.append(("2x2 stag hunt", two, 1e-3, f"{nashpy_seconds(*stag_hunt, 20) / two:,.0f}x faster than nashpy"))
    six_games = random_games(6, 3 if quick else 10, 9, 6)
    six = statistics.median(median_seconds(lambda g=g: solve(*g), 3) for g in six_games)
    nashpy_six = nashpy_seconds(*six_games[0], 1)
    rows.append(("6x6 random, payoffs -9..9", six, 20e-3, f"{nashpy_six / six:,.0f}x faster than nashpy"))
    for span in (9, 1000):
        games = random_games(12, 3 if quick else 9, span, 12)
        times = []
        for A, B in games:
            start = time.perf_counter()
            solve(A, B)
            times.append(time.perf_counter() - start)
        rows.append((f"12x12 random, payoffs -{span}..{span}", statistics.median(times), 0.5,
                     f"max {max(times):.2f} s over {len(games)} games"))
    ones = np.ones((12, 12), dtype=int)
    start = time.perf_counter()
    solve(ones, ones)
    rows.append(("12x12 all payoffs equal", time.perf_counter() - start, 10.0, "144 extreme equilibria"))
    basins = median_seconds(lambda: basins_2x2(*stag_hunt, points=50), 3 if quick else 10)
    rows.append(("basins_2x2, 50 x 50 grid", basins, 0.2, ""))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games and repeats")
    args = parser.parse_args(argv)
    ok = True
    for what, seconds, goal, comment in run(args.quick):
        verdict = "ok" if seconds <= goal else "MISSED"
        ok &= seconds <= goal
        print(f"{what:<34} {seconds * 1e3:10.2f} ms  (goal <= {goal * 1e3:g} ms, {verdict})  {comment}")
    print("PASS" if ok else "FAIL: a goal from the issue is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
