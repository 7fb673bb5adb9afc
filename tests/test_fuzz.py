"""Fuzzing the public API and the command line: only documented errors, never a hang.

Every public entry point gets arbitrary input (huge, tiny, NaN, signalling NaN, text,
Unicode digits, booleans, None, nested junk). It must either answer or raise ``ValueError``
or ``TypeError``; the command line must exit with status 0 or 2 and print no traceback.
Each call runs under a watchdog (:func:`watchdog`): a call still running after
:data:`HANG_SECONDS` fails the test as a hang. That is a bound on hangs (the issue found
inputs that took minutes or forever), not a speed test: normal calls take milliseconds.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import signal
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import balkangames as bg
from balkangames import batch, cli, model, thresholds
from balkangames.params import PARAMETERS, SecurityParams
from balkangames.validation import exact

#: A call that has not returned after this long is a hang. Normal calls take milliseconds;
#: the bound is generous so that a machine busy with other jobs cannot trip it.
HANG_SECONDS = 20
DOCUMENTED = (ValueError, TypeError)


@pytest.fixture(scope="module", autouse=True)
def warmed_up():
    """Pay one-time costs (sympy and nashpy imports, threshold derivations) before the watchdog."""
    bg.threshold("stakes", 1, "fear").value(SecurityParams())
    bg.solve([[4, 0], [3, 2]], [[4, 3], [0, 2]], engine="nashpy")
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["show", "serbia-kosovo", "--json"])
        cli.main(["sensitivity", "serbia-kosovo", "--json"])


class Hang(Exception):
    """Raised in the test when a call overruns :data:`HANG_SECONDS`."""


@contextlib.contextmanager
def watchdog(what: str):
    """Fail with :class:`Hang` if the block runs longer than :data:`HANG_SECONDS`.

    SIGALRM interrupts Python code; a hang inside one C call (which no signal can
    interrupt) is caught by faulthandler, which prints every stack and ends the run.
    """

    def overrun(signum, frame):
        raise Hang(f"{what} still running after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    faulthandler.dump_traceback_later(max(60, 6 * HANG_SECONDS), exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def test_watchdog_fails_a_call_that_hangs(monkeypatch):
    import time

    monkeypatch.setattr(sys.modules[__name__], "HANG_SECONDS", 0.2)
    with pytest.raises(Hang, match="still running after 0.2 s"), watchdog("sleeping"):
        time.sleep(30)


def answers_or_documented_error(call, *args, **kwargs):
    """Run ``call``; a documented error is fine, anything else (or a hang) fails."""
    with watchdog(f"{getattr(call, '__name__', call)}{args!r:.200}"):
        try:
            return call(*args, **kwargs)
        except DOCUMENTED:
            return None


ODD_TEXT = st.sampled_from(
    ["1e99999999", "1e1000000", "1e-5000", "9" * 5000, "²⁰²⁴", "٢٠٢٢", "3/7", "-0.5", "nan", "-inf",
     "1/0", "0x10", "1_000", " 2 ", "", "true", "1e308", "1e-400", "+.5e-3", "7/", "∞"]
)
WEIRD = st.one_of(
    st.integers(min_value=-10, max_value=10),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.fractions(max_denominator=10**6),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.just(Decimal("sNaN")),
    st.just(Decimal("1e999999")),
    st.text(max_size=12),
    ODD_TEXT,
    st.booleans(),
    st.none(),
    st.sampled_from([np.bool_(True), np.float64("nan"), np.int64(2**62), np.float32(0.5), 1 + 2j]),
    st.lists(st.integers(min_value=-3, max_value=3), max_size=3),
)
SMALL = st.one_of(st.integers(min_value=-5, max_value=5), st.fractions(min_value=-5, max_value=5, max_denominator=7))
ENTRY = st.one_of(SMALL, SMALL, SMALL, WEIRD)  # mostly numbers, so solving runs too
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROFILE
@given(WEIRD)
def test_exact_reads_a_number_or_raises_a_value_error(value):
    result = answers_or_documented_error(exact, value, "x")
    assert result is None or isinstance(result, Fraction)


@PROFILE
@given(st.sampled_from(sorted(PARAMETERS)), WEIRD)
def test_parameters_and_games_take_any_value(name, value):
    game = answers_or_documented_error(bg.security_game, **{name: value})
    if game is not None:
        solution = answers_or_documented_error(game.solve)
        assert solution is not None and len(solution) >= 1
        assert str(solution)  # printing never fails, however big the numbers


@st.composite
def matrices(draw):
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return [[draw(ENTRY) for _ in range(cols)] for _ in range(rows)]


@PROFILE
@given(matrices(), st.one_of(st.none(), matrices()), st.sampled_from(["exact", "nashpy", "fast", None]),
       st.one_of(st.booleans(), WEIRD))
def test_solve_answers_exactly_or_names_the_bad_entry(A, B, engine, warn):
    solution = answers_or_documented_error(bg.solve, A, B, engine=engine, warn=warn)
    if solution is not None:
        assert len(solution) >= 1
        for row_mix, col_mix in solution:
            assert solution.is_equilibrium(row_mix, col_mix)
        answers_or_documented_error(solution.describe, players=("row", "column"))


@PROFILE
@given(st.one_of(st.lists(st.lists(ENTRY, min_size=2, max_size=2), min_size=2, max_size=2),
                 st.lists(st.lists(st.lists(ENTRY, min_size=2, max_size=2), min_size=2, max_size=2),
                          min_size=1, max_size=3),
                 WEIRD))
def test_batch_solver_answers_or_raises(A):
    result = answers_or_documented_error(batch.solve_2x2, A)
    if result is not None:
        mixed = result.has_mixed
        assert not np.isnan(result.row_mixed[mixed]).any() and not np.isnan(result.col_mixed[mixed]).any()
    answers_or_documented_error(batch.classify_payoffs, A, 0, 5, 1)


@PROFILE
@given(st.sampled_from(["stakes", "guarantee_2", "offense_1", "nonsense"]), WEIRD,
       st.sampled_from(["fear", "greed", "dilemma", "x"]), WEIRD)
def test_thresholds_and_named_games_raise_documented_errors(parameter, player, boundary, other):
    answers_or_documented_error(bg.threshold, parameter, player, boundary)
    answers_or_documented_error(thresholds.class_at, SecurityParams(), player)
    answers_or_documented_error(thresholds.class_at, other, 1)
    answers_or_documented_error(bg.thresholds_for, other, parameter, player)
    answers_or_documented_error(model.player_terms, SecurityParams(), player)
    answers_or_documented_error(bg.jervis_world, other)
    answers_or_documented_error(bg.with_alliances, SecurityParams(), members=other)
    answers_or_documented_error(bg.with_alliances, other)
    answers_or_documented_error(bg.security_game, players=other)
    answers_or_documented_error(SecurityParams.from_flat, other)
    answers_or_documented_error(bg.Game, [[1, 0], [0, 1]], players=other)
    answers_or_documented_error(bg.solve([[1]], [[1]]).describe, players=other)


CASES = ["serbia-kosovo", "SERBIA-KOSOVO", "serbia-greece", "", "--json"]
ARGUMENT = st.one_of(st.text(max_size=15), ODD_TEXT)


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(["show", "timeline", "cases", "sensitivity", "bogus"]))
    argv = [command]
    if command != "cases":
        argv.append(draw(st.sampled_from(CASES)))
    for _ in range(draw(st.integers(0, 3))):
        flag = draw(st.sampled_from(["--year", "--member", "--set", "--json"]))
        if flag == "--json":
            argv.append(flag)
        elif flag == "--year":
            argv += [flag, draw(ARGUMENT)]
        else:
            key = draw(st.one_of(st.sampled_from(["kosovo", "serbia", "stakes", "offense_1", "same_alliance"]),
                                 st.text(max_size=8)))
            argv += [flag, f"{key}={draw(ARGUMENT)}"]
    return argv


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command_lines())
def test_command_line_exits_0_or_2_without_a_traceback(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), watchdog(" ".join(argv)[:200]):
        try:
            status = cli.main(argv)
        except SystemExit as stop:  # argparse's own usage errors
            status = stop.code
    assert status in (0, 2), (argv, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if status == 2:
        assert err.getvalue().strip(), argv  # a message says what was wrong


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "serbia-kosovo", "--set", "stakes=1e99999999"],
        ["show", "serbia-kosovo", "--year", "9" * 5000],
        ["show", "serbia-kosovo", "--set", "stakes=" + "9" * 10_000],
        ["show", "serbia-kosovo", "--year", "²⁰²⁴"],
        ["show", "serbia-kosovo", "--member", "kosovo=nato", "--member", "kosovo=none"],
    ],
)
def test_command_line_process_refuses_what_used_to_hang_or_crash(argv):
    result = subprocess.run([sys.executable, "-m", "balkangames", *argv], capture_output=True, text=True,
                            timeout=60 * HANG_SECONDS)
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.strip()
