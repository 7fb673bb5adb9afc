"""Benchmark: how long ``import balkangames`` and one command-line run take, as processes.

Run ``python benchmarks/bench_startup.py``. Goals (issue 10): ``import balkangames`` in
<= 0.2 s and ``balkangames show serbia-kosovo --json`` in <= 0.5 s as a whole process
(interpreter start included), median of several runs. It also reports which heavy
libraries (sympy, nashpy, scipy) the import pulls in: none should be.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

IMPORT = (
    "import time, sys; start = time.perf_counter(); import balkangames; "
    "print(time.perf_counter() - start); "
    "print(','.join(m for m in ('sympy', 'nashpy', 'scipy') if m in sys.modules))"
)
IMPORT_GOAL, CLI_GOAL = 0.2, 0.5


def import_seconds(repeats: int) -> tuple[float, str]:
    """Median seconds of ``import balkangames`` in a fresh interpreter, and heavy modules seen."""
    times, heavy = [], ""
    for _ in range(repeats):
        output = subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True)
        seconds, heavy = output.stdout.splitlines()[0], (output.stdout.splitlines() + [""])[1]
        times.append(float(seconds))
    return statistics.median(times), heavy


def cli_seconds(repeats: int) -> float:
    """Median wall-clock seconds of the whole process ``python -m balkangames show ... --json``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "balkangames", "show", "serbia-kosovo", "--json"],
            capture_output=True, check=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    imported, heavy = import_seconds(args.repeats)
    cli = cli_seconds(args.repeats)
    print(f"import balkangames: {imported * 1e3:.1f} ms (goal <= {IMPORT_GOAL * 1e3:.0f} ms); "
          f"heavy modules imported: {heavy or 'none'}")
    print(f"balkangames show serbia-kosovo --json: {cli * 1e3:.0f} ms as a process "
          f"(goal <= {CLI_GOAL * 1e3:.0f} ms)")
    ok = imported <= IMPORT_GOAL and cli <= CLI_GOAL and not heavy
    print("PASS" if ok else "FAIL: a goal from the issue is not met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
