"""The vectorised 2x2 solver agrees with the exact solver on every game."""

import importlib
import importlib.util
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balkangames.batch import CLASS_NAMES, Batch2x2, classify_payoffs, solve_2x2
from balkangames.solver import solve


def _is_fully_mixed(profile):
    return all(0 < p < 1 for mix in profile for p in mix)


def assert_agrees_with_solve(A, B, result: Batch2x2, index):
    solution = solve(A[index], B[index])
    context = f"A={A[index].tolist()} B={B[index].tolist()}"
    assert result.n_equilibria[index] == len(solution), context
    pure = np.zeros((2, 2), dtype=bool)
    for i, j in solution.pure_equilibria:
        pure[i, j] = True
    assert (result.pure[index] == pure).all(), context
    fully_mixed = [p for p in solution.equilibria if _is_fully_mixed(p)]
    assert len(fully_mixed) <= 1, context
    assert result.has_mixed[index] == bool(fully_mixed), context
    if fully_mixed:
        (row_mix, col_mix), = fully_mixed
        assert result.row_mixed[index] == pytest.approx(float(row_mix[0]), abs=1e-12), context
        assert result.col_mixed[index] == pytest.approx(float(col_mix[0]), abs=1e-12), context
    else:
        assert np.isnan(result.row_mixed[index]) and np.isnan(result.col_mixed[index]), context


@pytest.mark.parametrize(("low", "high", "seed"), [(-2, 2, 0), (-1, 1, 1), (-5, 5, 2)])
def test_agrees_with_solve_on_random_integer_games(low, high, seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(low, high + 1, (8000, 2, 2))
    B = rng.integers(low, high + 1, (8000, 2, 2))
    result = solve_2x2(A, B)
    for index in range(len(A)):
        assert_agrees_with_solve(A, B, result, (index,))
    # the sample must contain ties, continua and fully mixed equilibria
    assert (result.row_class == 0).any() and result.has_mixed.any()
    assert (result.n_equilibria == 0).sum() == 0 and (result.n_equilibria >= 4).any()


def test_every_sign_pattern_agrees_with_solve():
    # Games whose four payoff differences take every combination of signs.
    values = np.array([-1, 0, 1])
    patterns = np.array(np.meshgrid(values, values, values, values)).reshape(4, -1).T
    extra = np.array([[2, 3], [-1, 5]])
    A = np.zeros((81, 2, 2), dtype=int)
    B = np.zeros((81, 2, 2), dtype=int)
    A[:, 1, :] = extra[0]
    A[:, 0, 0] = extra[0, 0] + patterns[:, 0]  # sign of A00 - A10
    A[:, 0, 1] = extra[0, 1] + patterns[:, 1]  # sign of A01 - A11
    B[:, :, 1] = extra[1]
    B[:, 0, 0] = extra[1, 0] + patterns[:, 2]  # sign of B00 - B01
    B[:, 1, 0] = extra[1, 1] + patterns[:, 3]  # sign of B10 - B11
    result = solve_2x2(A, B)
    for index in range(81):
        assert_agrees_with_solve(A, B, result, (index,))


def test_float_games_with_exactly_representable_payoffs():
    rng = np.random.default_rng(4)
    A = rng.integers(-8, 9, (3000, 2, 2)) / 4
    B = rng.integers(-8, 9, (3000, 2, 2)) / 8
    result = solve_2x2(A, B)
    for index in range(len(A)):
        assert_agrees_with_solve(A, B, result, (index,))


def test_batch_shapes_and_dtypes():
    rng = np.random.default_rng(5)
    A = rng.integers(-2, 3, (3, 4, 5, 2, 2)).astype(np.int8)
    B = rng.integers(-2, 3, (3, 4, 5, 2, 2)).astype(np.int16)
    result = solve_2x2(A, B)
    assert result.shape == (3, 4, 5)
    assert result.pure.shape == (3, 4, 5, 2, 2)
    for name in ("n_equilibria", "row_class", "col_class", "has_mixed", "row_mixed", "col_mixed"):
        assert getattr(result, name).shape == (3, 4, 5)
    flat = solve_2x2(A.reshape(-1, 2, 2), B.reshape(-1, 2, 2))
    assert (flat.n_equilibria.reshape(3, 4, 5) == result.n_equilibria).all()
    for index in [(0, 0, 0), (2, 3, 4), (1, 2, 3)]:
        assert_agrees_with_solve(A, B, result, index)
    single = solve_2x2([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    assert single.shape == () and int(single.n_equilibria) == 3
    assert float(single.row_mixed) == pytest.approx(2 / 3)
    assert solve_2x2(np.zeros((0, 2, 2))).shape == (0,)


def test_large_batches_split_across_threads_give_the_same_answer():
    rng = np.random.default_rng(6)
    A = rng.integers(-3, 4, (400_001, 2, 2))
    B = rng.integers(-3, 4, (400_001, 2, 2))
    whole = solve_2x2(A, B)
    for start in (0, 131_071, 131_072, 400_000):
        part = solve_2x2(A[start : start + 1000], B[start : start + 1000])
        stop = start + len(part.n_equilibria)
        assert (part.n_equilibria == whole.n_equilibria[start:stop]).all()
        assert (part.pure == whole.pure[start:stop]).all()
        np.testing.assert_array_equal(part.row_mixed, whole.row_mixed[start:stop])
    sample = rng.integers(0, len(A), 300)
    for index in sample:
        assert_agrees_with_solve(A, B, whole, (int(index),))


def test_zero_sum_default_and_unsigned_input():
    A = np.array([[[1, 0], [0, 1]], [[3, 1], [2, 2]], [[255, 0], [0, 1]]], dtype=np.uint8)
    result = solve_2x2(A)
    signed = A.astype(int)
    expected = solve_2x2(signed, -signed)
    assert (result.n_equilibria == expected.n_equilibria).all()
    assert result.n_equilibria.tolist() == [len(solve(game, engine="exact")) for game in signed]
    narrow = solve_2x2(np.array([[-128, -3], [-3, -3]], dtype=np.int8))  # -(-128) wraps in int8
    assert int(narrow.n_equilibria) == len(solve([[-128, -3], [-3, -3]]))


def _class_by_rule(R, S, T, P):
    """The class rule written out as in the design notes, one game at a time."""
    if R > T and S > P:
        return "harmony"
    if R > T and P > S:
        return "stag-hunt"
    if T > R and S > P:
        return "chicken"
    if T > R and P > S and R > P:
        return "prisoners-dilemma"
    if T > R and P > S and P > R:
        return "deadlock"
    return "tie"


def test_class_codes_follow_the_rule_for_both_players():
    rng = np.random.default_rng(8)
    A = rng.integers(-2, 3, (3000, 2, 2))
    B = rng.integers(-2, 3, (3000, 2, 2))
    result = solve_2x2(A, B)
    row_names = result.class_names("row")
    col_names = result.class_names("column")
    for k in range(len(A)):
        a, b = A[k], B[k]
        assert row_names[k] == _class_by_rule(a[0, 0], a[0, 1], a[1, 0], a[1, 1])
        assert col_names[k] == _class_by_rule(b[0, 0], b[1, 0], b[0, 1], b[1, 1])
    assert set(row_names) == set(CLASS_NAMES)
    assert CLASS_NAMES[int(classify_payoffs(4, 0, 3, 2))] == "stag-hunt"
    assert CLASS_NAMES[int(classify_payoffs(2, 0, 3, 1))] == "prisoners-dilemma"
    assert CLASS_NAMES[int(classify_payoffs(1, 0, 3, 2))] == "deadlock"
    assert CLASS_NAMES[int(classify_payoffs(2, 0, 3, 2))] == "tie"
    with pytest.raises(ValueError, match="player must be"):
        result.class_names("both")


@pytest.mark.skipif(
    importlib.util.find_spec("balkangames.classify") is None,
    reason="balkangames.classify is not available",
)
def test_class_codes_agree_with_classify_module():
    classify = importlib.import_module("balkangames.classify")
    assert tuple(classify.CLASS_NAMES) == CLASS_NAMES
    rng = np.random.default_rng(9)
    A = rng.integers(-2, 3, (600, 2, 2))
    B = rng.integers(-2, 3, (600, 2, 2))
    result = solve_2x2(A, B)
    for k in range(len(A)):
        row, column = classify.game_classes(A[k].tolist(), B[k].tolist())
        assert (row, column) == (CLASS_NAMES[result.row_class[k]], CLASS_NAMES[result.col_class[k]])
    for R, S, T, P in rng.integers(-2, 3, (300, 4)).tolist():
        assert classify.player_class(R, S, T, P) == CLASS_NAMES[int(classify_payoffs(R, S, T, P))]


BAD_BATCHES = [
    (np.array([[1.0, np.nan], [0, 1]]), None, r"\[0, 1\] must be a finite number, got nan"),
    (np.full((3, 2, 2), np.inf), None, r"\[0, 0, 0\] must be a finite number, got inf"),
    ([[1, "a"], [0, 1]], None, "must hold numbers, got text"),
    ([[1, None], [0, 1]], None, r"\[0, 1\] must be a number, got None"),
    (None, None, "got None"),
    ([[1, 2], [3]], None, "nested lists have different lengths"),
    (np.zeros((3, 3)), None, r"shape \(\.\.\., 2, 2\), got shape \(3, 3\)"),
    ([1, 2, 3, 4], None, r"got shape \(4,\)"),
    (np.zeros((4, 2, 2)), np.zeros((3, 2, 2)), "same shape"),
    (np.ones((2, 2), dtype=bool), None, "int or float payoffs, got dtype bool"),
    (np.ones((2, 2), dtype=complex), None, "int or float payoffs, got dtype complex"),
]


@pytest.mark.parametrize(("A", "B", "message"), BAD_BATCHES)
def test_bad_batches_raise_value_errors(A, B, message):
    with pytest.raises(ValueError, match=message):
        solve_2x2(A, B)


# Payoffs that are exact in binary, from a small set so that ties are frequent.
EXACT_FLOATS = st.sampled_from([-2.0, -0.5, 0.0, 0.25, 1.0, 1.5, 3.0])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(EXACT_FLOATS, min_size=4, max_size=4),
    st.lists(EXACT_FLOATS, min_size=4, max_size=4),
)
def test_property_batch_agrees_with_solve(row_payoffs, col_payoffs):
    A = np.array(row_payoffs).reshape(1, 2, 2)
    B = np.array(col_payoffs).reshape(1, 2, 2)
    assert_agrees_with_solve(A, B, solve_2x2(A, B), (0,))


# --------------------------------------------------------------------------- exactness


def _exact_mixed(a):
    """The column's indifference probability of action 0 for row payoffs ``a``, exactly."""
    alpha, beta = Fraction(a[0][0] - a[1][0]), Fraction(a[0][1] - a[1][1])
    return beta / (beta - alpha)


def test_payoff_differences_are_exact_near_two_to_the_sixty():
    big = 2**60
    A = np.array([[big + 3, big], [big, big + 5]])  # float64 would see four equal payoffs
    result = solve_2x2(A, np.array([[1, 0], [0, 1]]))
    assert bool(result.has_mixed) and float(result.col_mixed) == 0.625


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-(2**62), 2**62), min_size=4, max_size=4),
       st.lists(st.integers(-(2**62), 2**62), min_size=4, max_size=4))
def test_integer_payoffs_up_to_two_to_the_sixty_two_are_exact(row, col):
    A, B = np.array(row, dtype=np.int64).reshape(2, 2), np.array(col, dtype=np.int64).reshape(2, 2)
    result = solve_2x2(A, B)
    solution = solve(A.tolist(), B.tolist())
    assert int(result.n_equilibria) == len(solution)
    fully_mixed = [p for p in solution.equilibria if _is_fully_mixed(p)]
    assert bool(result.has_mixed) == bool(fully_mixed)
    if fully_mixed:
        (row_mix, col_mix), = fully_mixed
        assert float(result.col_mixed) == pytest.approx(float(col_mix[0]), rel=1e-15)
        assert float(result.row_mixed) == pytest.approx(float(row_mix[0]), rel=1e-15)
        assert float(result.col_mixed) == pytest.approx(float(_exact_mixed(A.tolist())), rel=1e-15)


def test_extreme_floats_give_finite_probabilities_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = solve_2x2(np.array([[1e308, -1e308], [-1e308, 1e308]]), np.array([[1.0, 0], [0, 3.0]]))
    assert bool(result.has_mixed)
    assert float(result.col_mixed) == 0.5 and float(result.row_mixed) == 0.75


def test_int64_extremes_and_zero_sum_negation_do_not_wrap():
    top, bottom = 2**63 - 1, -(2**63)
    A = np.array([[top, bottom], [bottom, top]], dtype=np.int64)
    result = solve_2x2(A)  # zero-sum: -(-2**63) does not fit int64
    assert int(result.n_equilibria) == len(solve(A.tolist())) == 1
    assert float(result.col_mixed) == 0.5 and float(result.row_mixed) == 0.5


def test_python_integers_fractions_and_decimals_are_read_exactly():
    A = [[10**200, 0], [0, 1]]
    result = solve_2x2(A, [[1, 0], [0, 1]])
    assert int(result.n_equilibria) == len(solve(A, [[1, 0], [0, 1]])) == 3
    assert float(result.col_mixed) == float(Fraction(1, 10**200 + 1))
    decimal = solve_2x2([[Decimal("1.5"), 0], [0, 1]], [[1, 0], [0, 1]])
    assert float(decimal.col_mixed) == 0.4
    with pytest.raises(ValueError, match=r"A \(row player's payoffs\)\[0, 0\] must have at most 300 digits"):
        solve_2x2([[10**400, 0], [0, 1]])


@pytest.mark.parametrize(("R", "message"), [(np.nan, "R must be a finite number, got nan"),
                                            ("a", "R must hold numbers, got text"),
                                            (None, "R must be a number, got None"),
                                            ([np.inf, 1.0], r"R\[0\] must be a finite number")])
def test_classify_payoffs_rejects_non_numbers_by_name(R, message):
    with pytest.raises(ValueError, match=message):
        classify_payoffs(R, 0, 5, 1)


def test_benchmark_script_runs_and_reports_its_figures(capsys):
    # Only that it runs and reports: its speed floors are checked by `make bench`, never here.
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_batch.py"
    spec = importlib.util.spec_from_file_location("bench_batch", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    status = bench.main(["--games", "2000", "--sample", "5", "--repeats", "1"])
    output = capsys.readouterr().out
    assert status in (0, 1)
    assert "games/s" in output and "us/game" in output and "speedup" in output
    assert output.strip().splitlines()[-1].startswith(("PASS", "FAIL"))
