"""How long a control change takes to refresh each explorer, in the kernel.

For every explorer in :data:`balkangames.widgets.EXPLORERS`, make ``--changes`` changes
(default 200) to randomly chosen controls with random valid values and time each
assignment: observers run synchronously, so the assignment returns only when the table,
text and plots are refreshed. Prints p50/p95 per explorer and exits with status 1 if any
p95 reaches the bound (100 ms).

    python benchmarks/bench_widgets.py [--changes 200] [--seed 0] [--only dilemma,alliance]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np

BOUND_MS = 100.0


def random_value(control, rng: random.Random):
    """A random valid value for an ipywidgets control, different from its current one if possible."""
    values = getattr(control, "_options_values", None)  # Dropdown, ToggleButtons, SelectionSlider
    if values is not None:
        return rng.choice([v for v in values if v != control.value] or list(values))
    if isinstance(control.value, bool):
        return not control.value
    low, high, step = control.min, control.max, control.step
    count = int(round((high - low) / step))
    value = control.value
    for _ in range(10):
        value = low + step * rng.randint(0, count)
        value = round(value, 10) if isinstance(step, float) else value
        if value != control.value:
            break
    return value


def measure(factory, changes: int, seed: int) -> np.ndarray:
    """Milliseconds per control change for a fresh explorer from ``factory``."""
    explorer = factory()
    rng = random.Random(seed)
    timings = []
    for _ in range(changes):
        name = rng.choice(sorted(explorer.controls))
        control = explorer.controls[name]
        value = random_value(control, rng)
        start = time.perf_counter()
        control.value = value
        timings.append((time.perf_counter() - start) * 1000)
        if explorer.error:
            raise RuntimeError(f"{name} = {value!r} was rejected: {explorer.error}")
    return np.array(timings)


def run(changes: int = 200, seed: int = 0, only=None) -> dict[str, tuple[float, float]]:
    """p50 and p95 (ms) per explorer name."""
    from balkangames.widgets import EXPLORERS

    results = {}
    for name, factory in EXPLORERS.items():
        if only and name not in only:
            continue
        timings = measure(factory, changes, seed)
        results[name] = (float(np.percentile(timings, 50)), float(np.percentile(timings, 95)))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200, help="control changes per explorer (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated explorer names")
    args = parser.parse_args(argv)
    only = set(filter(None, args.only.split(",")))
    results = run(args.changes, args.seed, only)
    failed = False
    print(f"{'explorer':<16} {'p50 ms':>8} {'p95 ms':>8}  (bound: p95 < {BOUND_MS:g} ms, {args.changes} changes)")
    for name, (p50, p95) in results.items():
        flag = "" if p95 < BOUND_MS else "  TOO SLOW"
        failed |= p95 >= BOUND_MS
        print(f"{name:<16} {p50:8.1f} {p95:8.1f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
