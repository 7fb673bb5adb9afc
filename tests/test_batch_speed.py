"""The issue's speed floors for the batch solver, via the benchmark script's own code."""

import importlib.util
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_batch.py"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("bench_batch", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_million_games_within_floor_and_1000x_faster_than_nashpy_loop():
    bench = _load_benchmark()
    # best of several runs keeps the timing robust on a busy machine
    figures = bench.run(games=1_000_000, sample=100, repeats=5)
    assert figures["batch_ms_per_million"] <= bench.MAX_MILLISECONDS_PER_MILLION, figures
    assert figures["speedup"] >= bench.MIN_SPEEDUP, figures


def test_benchmark_script_reports_and_passes(capsys):
    bench = _load_benchmark()
    assert bench.main(["--games", "200000", "--sample", "50", "--repeats", "3"]) == 0
    output = capsys.readouterr().out
    assert "games/s" in output and "us/game" in output and "speedup" in output
    assert output.strip().endswith("PASS")
