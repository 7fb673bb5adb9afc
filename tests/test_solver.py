"""The exact solver against a brute-force oracle, textbook games and nashpy."""

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from reference import is_equilibrium, reference_solution

from balkangames.solver import (
    DegenerateGameWarning,
    compare_with_nashpy,
    is_nash_equilibrium,
    solve,
)

F = Fraction


def _components(solution):
    return {frozenset(c.equilibria) for c in solution.components}


def assert_matches_reference(A, B, *, with_nashpy=False):
    solution = solve(A, B)  # the default engine: the exact enumeration alone
    expected = reference_solution(A, B)
    context = f"A={A!r} B={B!r}"
    assert solution.engine == "exact" and solution.nashpy_missed == (), context
    if with_nashpy:  # nashpy's candidates, verified and completed exactly: the same answer
        proposed = solve(A, B, engine="nashpy")
        assert proposed.engine == "nashpy", context
        assert set(proposed.nashpy_found) | set(proposed.nashpy_missed) == set(proposed.equilibria), context
        assert proposed.equilibria == solution.equilibria, context
    assert len(set(solution.equilibria)) == len(solution.equilibria), context
    assert set(solution.equilibria) == expected["equilibria"], context
    assert solution.degenerate == expected["degenerate"], context
    assert _components(solution) == expected["components"], context
    return solution


# Thousands of small random games with payoffs in -3..3, so ties (degeneracy) are common.
RANDOM_BATCHES = [
    ((2, 2), 2500),
    ((1, 3), 100),
    ((3, 1), 100),
    ((2, 3), 400),
    ((3, 2), 400),
    ((3, 3), 600),
    ((2, 4), 150),
    ((4, 2), 150),
    ((3, 4), 150),
    ((4, 3), 150),
    ((4, 4), 250),
]


@pytest.mark.parametrize(("shape", "count"), RANDOM_BATCHES, ids=lambda v: str(v))
def test_random_integer_games_match_reference(shape, count):
    rng = np.random.default_rng(hash(shape) % 2**32)
    degenerate = 0
    for trial in range(count):
        A = rng.integers(-3, 4, shape).tolist()
        B = rng.integers(-3, 4, shape).tolist()
        # every tenth game also through the nashpy engine (slow: nashpy's own enumeration)
        degenerate += assert_matches_reference(A, B, with_nashpy=trial % 10 == 0).degenerate
    if min(shape) > 1:
        # the sample must exercise both kinds of games
        assert 0 < degenerate < count


def test_random_fraction_and_float_games_match_reference():
    rng = np.random.default_rng(7)
    for _ in range(150):
        shape = tuple(rng.integers(2, 4, 2))
        A = [[F(int(rng.integers(-5, 6)), int(rng.integers(1, 4))) for _ in range(shape[1])]
             for _ in range(shape[0])]
        B = rng.integers(-20, 21, shape) / 4  # floats such as 1.25 and -0.5
        assert_matches_reference(A, B.tolist(), with_nashpy=True)


def test_5x5_and_6x6_games_match_reference():
    rng = np.random.default_rng(11)
    for shape in [(5, 5), (6, 6), (6, 6)]:
        A = rng.integers(-2, 3, shape).tolist()
        B = rng.integers(-2, 3, shape).tolist()
        assert_matches_reference(A, B)


def test_6x6_random_games_are_exact():
    rng = np.random.default_rng(3)
    for trial in range(6):
        if trial % 2:
            A, B = rng.integers(-3, 4, (6, 6)), rng.integers(-3, 4, (6, 6))
        else:
            A, B = rng.random((6, 6)).round(4), rng.random((6, 6)).round(4)
        solution = solve(A, B)
        assert len(solution) >= 1  # every finite game has an equilibrium
        for row_mix, col_mix in solution:
            assert is_equilibrium(A.tolist(), B.tolist(), row_mix, col_mix)


def test_nondegenerate_6x6_agrees_with_nashpy_vertex_enumeration():
    rng = np.random.default_rng(5)
    A, B = rng.random((6, 6)).round(5), rng.random((6, 6)).round(5)
    solution = solve(A, B)
    assert not solution.degenerate
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        approximate = list(nashpy.Game(A, B).vertex_enumeration())
    assert len(approximate) == len(solution)
    for row_mix, col_mix in solution:
        assert any(
            np.allclose(np.array(row_mix, float), x, atol=1e-8)
            and np.allclose(np.array(col_mix, float), y, atol=1e-8)
            for x, y in approximate
        )


# --------------------------------------------------------------------------- textbook games


def mixes(*profile):
    return tuple(tuple(F(p) for p in mix) for mix in profile)


TEXTBOOK = {
    # name: (A, B, equilibria as known from the literature)
    "prisoners dilemma": ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [mixes((0, 1), (0, 1))]),
    "stag hunt": (
        [[4, 0], [3, 2]],
        [[4, 3], [0, 2]],
        [mixes((1, 0), (1, 0)), mixes((0, 1), (0, 1)), mixes(("2/3", "1/3"), ("2/3", "1/3"))],
    ),
    "chicken": (
        [[3, 1], [4, 0]],
        [[3, 4], [1, 0]],
        [mixes((1, 0), (0, 1)), mixes((0, 1), (1, 0)), mixes(("1/2", "1/2"), ("1/2", "1/2"))],
    ),
    "matching pennies": ([[1, -1], [-1, 1]], None, [mixes(("1/2", "1/2"), ("1/2", "1/2"))]),
    "battle of the sexes": (
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        [mixes((1, 0), (1, 0)), mixes((0, 1), (0, 1)), mixes(("2/3", "1/3"), ("1/3", "2/3"))],
    ),
    "rock paper scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        None,
        [mixes(("1/3", "1/3", "1/3"), ("1/3", "1/3", "1/3"))],
    ),
}


@pytest.mark.parametrize("name", TEXTBOOK)
def test_textbook_games(name):
    A, B, known = TEXTBOOK[name]
    solution = solve(A, B)
    assert list(solution.equilibria) == known
    assert not solution.degenerate
    assert all(component.is_isolated for component in solution.components)
    assert_matches_reference(A, B if B is not None else [[-a for a in row] for row in A])


# Row restrains whenever the column restrains with probability >= 1/3; the column is
# indifferent against restraint, so a whole segment of equilibria appears.
CONTINUUM_A = [[2, 0], [0, 1]]
CONTINUUM_B = [[1, 1], [0, 1]]


def test_degenerate_game_with_a_continuum():
    solution = solve(CONTINUUM_A, CONTINUUM_B)
    assert solution.degenerate
    assert solution.equilibria == (
        mixes((1, 0), (1, 0)),
        mixes((0, 1), (0, 1)),
        mixes((1, 0), ("1/3", "2/3")),
    )
    continuum = [c for c in solution.components if not c.is_isolated]
    assert len(continuum) == 1 and len(solution.components) == 2
    assert set(continuum[0].equilibria) == {mixes((1, 0), (1, 0)), mixes((1, 0), ("1/3", "2/3"))}
    assert continuum[0].describe() == (
        "row restrains; column restrains with any probability from 1/3 to 1"
    )
    assert continuum[0].describe(
        players=("Serbia", "Kosovo"), actions=(("restrain", "arm"), ("restrain", "arm"))
    ) == "Serbia restrains; Kosovo restrains with any probability from 1/3 to 1"
    # every point of the segment is an equilibrium, just beyond it is not
    assert solution.is_equilibrium([1, 0], ["1/2", "1/2"])
    assert not solution.is_equilibrium([1, 0], ["3/10", "7/10"])
    assert_matches_reference(CONTINUUM_A, CONTINUUM_B)


def test_all_ties_game_is_one_square_of_equilibria():
    solution = solve([[1, 1], [1, 1]], [[0, 0], [0, 0]])
    assert solution.degenerate and len(solution) == 4 and len(solution.components) == 1
    assert solution.components[0].describe() == (
        "row restrains with any probability from 0 to 1; "
        "column restrains with any probability from 0 to 1"
    )


def test_l_shaped_component_lists_both_segments():
    # Both players get 1 unless both arm: equilibria are the segments
    # {restrain} x [0,1] and [0,1] x {restrain} joined at (restrain, restrain).
    solution = solve([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    assert len(solution.components) == 1
    text = solution.components[0].describe()
    assert text.count("; or ") == 1
    assert "row restrains; column restrains with any probability from 0 to 1" in text
    assert "row restrains with any probability from 0 to 1; column restrains" in text


def test_floats_are_read_as_decimals_so_ties_stay_ties():
    # 0.1 and 0.3 - 0.2 differ in binary but both are typed as one tenth here.
    decimal = solve([[0.1, 0.5], [0.1, 0.25]], [[0.2, 0.1], [0.3, 0.7]])
    exact = solve([[F(1, 10), F(1, 2)], [F(1, 10), F(1, 4)]], [[F(1, 5), F(1, 10)], [F(3, 10), F(7, 10)]])
    assert decimal.equilibria == exact.equilibria and decimal.degenerate and exact.degenerate
    assert decimal.A[0][0] == F(1, 10)


def test_numpy_arrays_and_fraction_entries_are_accepted():
    A = np.array([[4, 0], [3, 2]])
    by_array = solve(A, A.T)
    by_fractions = solve([[F(4), F(0)], [F(3), F(2)]], [[F(4), F(3)], [F(0), F(2)]])
    assert by_array.equilibria == by_fractions.equilibria
    assert all(isinstance(p, Fraction) for profile in by_array for mix in profile for p in mix)


def test_zero_sum_default():
    A = [[0, 2, -1], [1, -1, 0]]
    assert solve(A).equilibria == solve(A, [[-a for a in row] for row in A]).equilibria


# --------------------------------------------------------------------------- Solution API


def test_solution_interface():
    solution = solve([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    assert len(solution) == 3 and list(solution) == list(solution.equilibria)
    assert solution.shape == (2, 2)
    assert solution.pure_equilibria == [(0, 0), (1, 1)]
    assert solution.mixed_equilibria == [solution.equilibria[2]]
    assert solution.A == ((4, 0), (3, 2)) and solution.B == ((4, 3), (0, 2))
    assert solution.expected_payoffs([1, 0], [1, 0]) == (4, 4)
    assert solution.expected_payoffs(["2/3", "1/3"], ["2/3", "1/3"]) == (F(8, 3), F(8, 3))
    assert solution.is_equilibrium(["2/3", "1/3"], ["2/3", "1/3"])
    assert not solution.is_equilibrium([1, 0], [0, 1])
    lines = solution.describe()
    assert lines[0] == "2 x 2 game (nondegenerate), 3 extreme Nash equilibria:"
    assert lines[1] == "  1. row restrains; column restrains (payoffs 4, 4)"
    assert lines[3] == (
        "  3. row restrains with probability 2/3; column restrains with probability 2/3 "
        "(payoffs 8/3, 8/3)"
    )
    assert len(lines) == 4  # no continua in a nondegenerate game
    assert str(solution) == "\n".join(lines)


def test_describe_names_and_bigger_games():
    solution = solve(CONTINUUM_A, CONTINUUM_B)
    lines = solution.describe(players=("Croatia", "Serbia"), actions=(("hold", "buy"), ("hold", "buy")))
    assert "Croatia holds; Serbia holds (payoffs 2, 1)" in lines[1]
    assert lines[-1] == "  - Croatia holds; Serbia holds with any probability from 1/3 to 1"
    rps = solve(TEXTBOOK["rock paper scissors"][0])
    text = rps.describe(actions=(("Rock", "Paper", "Scissors"),) * 2)[1]
    assert "row mixes Rock with probability 1/3, Paper with probability 1/3" in text
    with pytest.raises(ValueError, match="actions for row must be 3 names"):
        rps.describe(actions=(("a", "b"), ("a", "b", "c")))
    with pytest.raises(ValueError, match="players must be two names"):
        rps.describe(players="row")


def test_sorting_is_pure_first_then_lexicographic():
    rng = np.random.default_rng(1)
    for _ in range(200):
        solution = solve(rng.integers(-2, 3, (3, 3)), rng.integers(-2, 3, (3, 3)))
        pure_count = len(solution.pure_equilibria)
        assert solution.pure_equilibria == sorted(solution.pure_equilibria)
        mixed = list(solution.equilibria[pure_count:])
        assert mixed == sorted(mixed) and mixed == solution.mixed_equilibria


def test_warn_flag_warns_only_for_degenerate_games():
    with pytest.warns(DegenerateGameWarning, match="degenerate"):
        solve(CONTINUUM_A, CONTINUUM_B, warn=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solve([[4, 0], [3, 2]], [[4, 3], [0, 2]], warn=True)
        solve(CONTINUUM_A, CONTINUUM_B)


def test_is_nash_equilibrium_function():
    assert is_nash_equilibrium([[1, -1], [-1, 1]], None, [0.5, 0.5], [0.5, 0.5])
    assert not is_nash_equilibrium([[1, -1], [-1, 1]], None, [0.5, 0.5], ["0.5000001", "0.4999999"])
    assert is_nash_equilibrium(CONTINUUM_A, CONTINUUM_B, [1, 0], [F(1, 3), F(2, 3)])
    with pytest.raises(ValueError, match="must sum to 1"):
        is_nash_equilibrium(CONTINUUM_A, CONTINUUM_B, [1, 0], [0.5, 0.6])


def test_compare_with_nashpy_partitions_the_exact_equilibria():
    for A, B in [(CONTINUUM_A, CONTINUUM_B), ([[4, 0], [3, 2]], [[4, 3], [0, 2]])]:
        exact = solve(A, B).equilibria
        for method in ("support_enumeration", "vertex_enumeration"):
            report = compare_with_nashpy(A, B, method)
            assert set(report.found) | set(report.missed) == set(exact)
            assert not set(report.found) & set(report.missed)
    assert not compare_with_nashpy([[4, 0], [3, 2]], [[4, 3], [0, 2]]).missed
    with pytest.raises(ValueError, match="method must be"):
        compare_with_nashpy([[1]], [[1]], "lemke_howson")


def test_default_engine_is_exact_and_nashpy_is_opt_in():
    stag_hunt = ([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    default = solve(*stag_hunt)
    assert default.engine == "exact" and default.nashpy_found == () and default.nashpy_rejected == ()
    proposed = solve(*stag_hunt, engine="nashpy")
    assert proposed.engine == "nashpy" and set(proposed.nashpy_found) == set(default.equilibria)
    assert proposed.equilibria == default.equilibria


def test_nashpy_engine_is_verified_and_complete_on_random_games():
    rng = np.random.default_rng(11)
    for _ in range(300):
        shape = tuple(rng.integers(2, 4, 2))
        A, B = rng.integers(-2, 3, shape), rng.integers(-2, 3, shape)
        solution = solve(A, B, engine="nashpy")
        assert set(solution.nashpy_found) <= set(solution.equilibria)
        assert not set(solution.nashpy_found) & set(solution.nashpy_missed)
        assert solution.equilibria == solve(A, B, engine="exact").equilibria
    with pytest.raises(ValueError, match="engine must be one of"):
        solve([[1]], [[1]], engine="lemke")


def test_completion_adds_what_nashpy_drops_and_rejects_what_it_gets_wrong(monkeypatch):
    import balkangames.solver as solver

    honest = solver._nashpy_candidates

    def lossy(A, B):  # nashpy as it behaves on a bad day: one equilibrium lost, one wrong
        verified, rejected = honest(A, B)
        return verified[1:], rejected + ["nashpy reported [0.5, 0.5], [0.5, 0.5], not an exact equilibrium"]

    monkeypatch.setattr(solver, "_nashpy_candidates", lossy)
    stag_hunt = ([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    solution = solve(*stag_hunt, engine="nashpy")
    assert solution.equilibria == solve(*stag_hunt).equilibria
    assert len(solution.nashpy_missed) == 1 and len(solution.nashpy_found) == 2
    assert solution.nashpy_rejected


def test_nashpy_pass_is_skipped_where_it_cannot_run():
    big = solve(np.eye(7, dtype=int), np.eye(7, dtype=int), engine="nashpy")
    assert big.nashpy_found == () and "too slow" in big.nashpy_rejected[0]
    huge = solve([[10**299, 0], [0, 1]], [[1, 0], [0, 1]], engine="nashpy")
    assert huge.equilibria == solve([[10**299, 0], [0, 1]], [[1, 0], [0, 1]]).equilibria
    assert len(huge.equilibria) == 3


def test_everything_nashpy_finds_is_among_the_exact_equilibria():
    # nashpy as an independent candidate generator: each vertex pair it reports, read back
    # as fractions, must be an exact equilibrium that solve() also lists.
    rng = np.random.default_rng(21)
    checked = 0
    for _ in range(150):
        shape = tuple(rng.integers(2, 4, 2))
        A, B = rng.integers(-3, 4, shape), rng.integers(-3, 4, shape)
        exact = set(solve(A, B).equilibria)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            candidates = list(nashpy.Game(A, B).vertex_enumeration())
        for x, y in candidates:
            profile = tuple(
                tuple(F(float(p)).limit_denominator(10_000) for p in mix) for mix in (x, y)
            )
            assert is_equilibrium(A.tolist(), B.tolist(), *profile)
            assert profile in exact, (A.tolist(), B.tolist(), profile)
            checked += 1
    assert checked > 150


# --------------------------------------------------------------------------- big games


def test_float_screen_changes_nothing_on_small_games(monkeypatch):
    # Force the float pre-screen (normally only for games above 6x6) onto small games and
    # compare with the oracle, including payoffs of very different magnitudes.
    monkeypatch.setattr("balkangames.solver.vertices.SCREEN_ABOVE", 0)
    rng = np.random.default_rng(31)
    for trial in range(300):
        shape = tuple(rng.integers(2, 5, 2))
        if trial % 3 == 0:
            A = rng.integers(-3, 4, shape).tolist()
            B = rng.integers(-3, 4, shape).tolist()
        elif trial % 3 == 1:
            A = (rng.integers(-3, 4, shape) * 10 ** rng.integers(0, 9, shape)).tolist()
            B = (rng.integers(-3, 4, shape) * 10 ** rng.integers(0, 9, shape)).tolist()
        else:
            A = (rng.integers(0, 2, shape) * 10**8 + rng.integers(0, 2, shape)).tolist()
            B = rng.integers(-1, 2, shape).tolist()
        assert_matches_reference(A, B)


@pytest.mark.parametrize("size", [7, 8, 10])
def test_bigger_games_are_exact_and_screened_like_unscreened(size, monkeypatch):
    rng = np.random.default_rng(size)
    A, B = rng.integers(-3, 4, (size, size)), rng.integers(-3, 4, (size, size))
    screened = solve(A, B)
    for row_mix, col_mix in screened:
        assert is_equilibrium(A.tolist(), B.tolist(), row_mix, col_mix)
    if size <= 8:
        monkeypatch.setattr("balkangames.solver.vertices.SCREEN_ABOVE", 10**9)
        unscreened = solve(A, B)
        assert screened.equilibria == unscreened.equilibria
        assert screened.degenerate == unscreened.degenerate


def test_huge_and_tiny_payoffs_in_big_games_stay_exact():
    rng = np.random.default_rng(41)
    A = rng.integers(-3, 4, (7, 7)).tolist()
    B = rng.integers(-3, 4, (7, 7)).tolist()
    A[2][3] = 10**299  # the largest allowed size: float products overflow, the screen steps aside
    B[4][4] = F(1, 10**30)
    solution = solve(A, B)
    assert len(solution) >= 1
    for row_mix, col_mix in solution:
        assert is_equilibrium(A, B, row_mix, col_mix)


def test_degeneracy_matches_its_definition_on_pure_strategies():
    # A pure strategy with two or more pure best responses makes a game degenerate; in a
    # 2x2 game that is the only way (a two-action mix cannot have three best responses).
    rng = np.random.default_rng(51)
    for _ in range(1500):
        shape = tuple(rng.integers(2, 4, 2))
        A, B = rng.integers(-2, 3, shape), rng.integers(-2, 3, shape)
        column_ties = any((B[i] == B[i].max()).sum() > 1 for i in range(shape[0]))
        row_ties = any((A[:, j] == A[:, j].max()).sum() > 1 for j in range(shape[1]))
        degenerate = solve(A, B).degenerate
        if column_ties or row_ties:
            assert degenerate
        elif shape == (2, 2):
            assert not degenerate


# --------------------------------------------------------------------------- float proposals


def test_float_proposals_match_the_oracle_on_small_games(monkeypatch):
    # Force Qhull's proposals (normally only for games above 7x7 or so) onto small games,
    # ties everywhere, and compare with the brute-force oracle.
    import balkangames.solver.proposals as proposals

    monkeypatch.setattr(proposals, "PROPOSE_ABOVE", 0)
    used = 0
    honest = proposals._proposed_vertices

    def counted(payoffs):
        nonlocal used
        result = honest(payoffs)
        used += result is not None
        return result

    monkeypatch.setattr(proposals, "_proposed_vertices", counted)
    rng = np.random.default_rng(61)
    for trial in range(300):
        shape = tuple(rng.integers(2, 5, 2))
        span = (1, 3, 50)[trial % 3]  # -1..1 is degenerate almost always, -50..50 rarely
        A = rng.integers(-span, span + 1, shape).tolist()
        B = rng.integers(-span, span + 1, shape).tolist()
        assert_matches_reference(A, B)
    assert used > 300  # the proposals, not the fallback, answered most polytopes


@pytest.mark.parametrize(("size", "span"), [(7, 2), (8, 9), (9, 9), (9, 1000)])
def test_float_proposals_agree_with_the_exact_enumeration(size, span, monkeypatch):
    import balkangames.solver.proposals as proposals

    rng = np.random.default_rng(size * span)
    A, B = rng.integers(-span, span + 1, (size, size)), rng.integers(-span, span + 1, (size, size))
    proposed = solve(A, B)
    monkeypatch.setattr(proposals, "PROPOSE_ABOVE", 10**12)
    enumerated = solve(A, B)
    assert proposed.equilibria == enumerated.equilibria
    assert proposed.degenerate == enumerated.degenerate
    assert _components(proposed) == _components(enumerated)


def test_all_equal_12x12_is_one_block_of_equilibria():
    solution = solve(np.ones((12, 12), dtype=int), np.ones((12, 12), dtype=int))
    assert solution.degenerate and len(solution) == 144 and len(solution.components) == 1


def test_12x12_games_are_exact_and_complete():
    rng = np.random.default_rng(12)
    for span in (9, 1000):
        A, B = rng.integers(-span, span + 1, (12, 12)), rng.integers(-span, span + 1, (12, 12))
        solution = solve(A, B)
        assert len(solution) % 2 == 1 or solution.degenerate  # nondegenerate: an odd number
        for row_mix, col_mix in solution:
            assert is_equilibrium(A.tolist(), B.tolist(), row_mix, col_mix)


def test_games_with_300_digit_payoffs_solve_and_print():
    import random

    chooser = random.Random(300)
    A = [[chooser.randrange(-(10**299), 10**299) for _ in range(4)] for _ in range(4)]
    B = [[chooser.randrange(-(10**299), 10**299) for _ in range(4)] for _ in range(4)]
    solution = solve(A, B)
    for row_mix, col_mix in solution:
        assert is_equilibrium(A, B, row_mix, col_mix)
        assert solution.is_equilibrium(row_mix, col_mix)  # its own long fractions are accepted
    text = str(solution)  # Python will not print integers above 4300 digits: no error here
    assert text.startswith("4 x 4 game") and len(text.splitlines()) >= 1 + len(solution)


def test_enormous_fractions_are_printed_by_their_first_digits():
    from balkangames.formatting import exact_text as _number

    assert _number(F(7, 2)) == "7/2" and _number(F(-3)) == "-3"
    third = F(10**1500, 3 * 10**1500 + 1)  # 1501 digits below the bar: about 1/3
    assert _number(third).startswith("≈0.333333 (an exact fraction of ~1501 digits)")
    assert _number(F(10**3000)) == "an exact fraction of ~3001 digits"  # beyond float range


# --------------------------------------------------------------------------- Gambit


def _gambit_equilibria(A, B):
    """Gambit's exact extreme equilibria (``enummixed_solve`` with rationals), as Fractions."""
    import pygambit

    game = pygambit.StrategicGame.from_arrays(np.array(A, dtype=object), np.array(B, dtype=object))
    found = set()
    for equilibrium in pygambit.nash.enummixed_solve(game, rational=True).equilibria:
        found.add(tuple(
            tuple(F(int(p.numerator), int(p.denominator)) for _, p in equilibrium[player])
            for player in ("1", "2")
        ))
    return found


def test_gambit_finds_the_same_extreme_equilibria():
    # An independent exact solver (Gambit's enummixed, its own rational arithmetic) as a
    # second reference next to the brute-force oracle, on games with and without ties and
    # on sizes where the solver works from Qhull's proposals.
    rng = np.random.default_rng(71)
    sizes = [tuple(rng.integers(2, 6, 2)) for _ in range(250)] + [(6, 6), (7, 7), (7, 5), (8, 8)] * 3
    degenerate = 0
    for trial, shape in enumerate(sizes):
        span = (1, 2, 9)[trial % 3]
        A, B = rng.integers(-span, span + 1, shape).tolist(), rng.integers(-span, span + 1, shape).tolist()
        solution = solve(A, B)
        assert set(solution.equilibria) == _gambit_equilibria(A, B), (A, B)
        degenerate += solution.degenerate
    assert 0 < degenerate < len(sizes)
