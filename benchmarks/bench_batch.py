"""Benchmark: balkangames.batch.solve_2x2 versus a Python loop over nashpy.

Run ``python benchmarks/bench_batch.py``. It prints the time to solve 1,000,000 random
2x2 games with ``solve_2x2`` (best of several runs), the time per game of a Python loop
calling nashpy's ``support_enumeration`` on a sample of the same games, and the ratio,
then exits non-zero if the issue's floors are not met: at least 5 million games/s
(at most 200 ms for a million games) and at least 1000 times faster per game than the
nashpy loop. These floors are checked here, by ``make bench``, never by the test suite.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import nashpy
import numpy as np

from balkangames.batch import solve_2x2
from balkangames.solver import solve

MAX_MILLISECONDS_PER_MILLION = 200.0
MIN_SPEEDUP = 1000.0


def random_games(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``count`` random 2x2 games with integer payoffs -5..5 (float64, ties common)."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-5, 6, (count, 2, 2)).astype(np.float64)
    B = rng.integers(-5, 6, (count, 2, 2)).astype(np.float64)
    return A, B


def batch_seconds(A: np.ndarray, B: np.ndarray, repeats: int) -> float:
    """Best wall-clock time of ``repeats`` calls of ``solve_2x2`` on the whole batch."""
    solve_2x2(A[:1000], B[:1000])  # warm up (thread pool, page faults)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        solve_2x2(A, B)
        best = min(best, time.perf_counter() - start)
    return best


def nashpy_seconds_per_game(A: np.ndarray, B: np.ndarray) -> float:
    """Time per game of a Python loop over ``nashpy.Game(A, B).support_enumeration()``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        start = time.perf_counter()
        for a, b in zip(A, B, strict=True):
            list(nashpy.Game(a, b).support_enumeration())
        return (time.perf_counter() - start) / len(A)


def exact_seconds_per_game(A: np.ndarray, B: np.ndarray) -> float:
    """Time per game of a Python loop over the exact :func:`balkangames.solver.solve`."""
    start = time.perf_counter()
    for a, b in zip(A, B, strict=True):
        solve(a, b)
    return (time.perf_counter() - start) / len(A)


def run(games: int = 1_000_000, sample: int = 300, repeats: int = 7) -> dict[str, float]:
    """Measure everything; returns the figures the script prints."""
    A, B = random_games(games)
    best = batch_seconds(A, B, repeats)
    per_game_batch = best / games
    per_game_nashpy = nashpy_seconds_per_game(A[:sample], B[:sample])
    per_game_exact = exact_seconds_per_game(A[:sample], B[:sample])
    return {
        "games": games,
        "batch_ms": best * 1e3,
        "batch_ms_per_million": best * 1e3 * 1_000_000 / games,
        "games_per_second": games / best,
        "batch_ns_per_game": per_game_batch * 1e9,
        "nashpy_us_per_game": per_game_nashpy * 1e6,
        "exact_us_per_game": per_game_exact * 1e6,
        "speedup": per_game_nashpy / per_game_batch,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=1_000_000, help="batch size (default 1e6)")
    parser.add_argument("--sample", type=int, default=300, help="games in the nashpy loop")
    parser.add_argument("--repeats", type=int, default=7, help="batch runs; the best counts")
    args = parser.parse_args(argv)
    figures = run(args.games, args.sample, args.repeats)
    print(f"solve_2x2: {figures['games']:,} games in {figures['batch_ms']:.1f} ms "
          f"(best of {args.repeats}) = {figures['games_per_second']:,.0f} games/s, "
          f"{figures['batch_ns_per_game']:.1f} ns/game")
    print(f"           {figures['batch_ms_per_million']:.1f} ms per 1,000,000 games "
          f"(floor: <= {MAX_MILLISECONDS_PER_MILLION:.0f} ms, i.e. >= 5,000,000 games/s)")
    print(f"nashpy support_enumeration loop: {figures['nashpy_us_per_game']:.1f} us/game "
          f"({args.sample} games)")
    print(f"exact solve() loop (for reference): {figures['exact_us_per_game']:.1f} us/game")
    print(f"speedup per game vs nashpy loop: {figures['speedup']:,.0f}x "
          f"(floor: >= {MIN_SPEEDUP:.0f}x)")
    ok = (
        figures["batch_ms_per_million"] <= MAX_MILLISECONDS_PER_MILLION
        and figures["speedup"] >= MIN_SPEEDUP
    )
    print("PASS" if ok else "FAIL: a floor from the issue is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
