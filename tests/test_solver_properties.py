"""Hypothesis properties of the exact solver: soundness and invariances."""

from fractions import Fraction
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st
from reference import is_equilibrium

from balkangames.solver import solve

SMALL_PAYOFFS = st.integers(-4, 4)  # a small range, so ties and degenerate games are common


@st.composite
def games(draw, max_actions=4, payoffs=SMALL_PAYOFFS):
    rows = draw(st.integers(1, max_actions))
    cols = draw(st.integers(1, max_actions))
    matrix = st.lists(st.lists(payoffs, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    return draw(matrix), draw(matrix)


@st.composite
def games_with_permutations(draw):
    A, B = draw(games())
    row_order = draw(st.permutations(range(len(A))))
    col_order = draw(st.permutations(range(len(A[0]))))
    return A, B, row_order, col_order


positive = st.fractions(min_value=Fraction(1, 7), max_value=7, max_denominator=7)
shift = st.fractions(min_value=-10, max_value=10, max_denominator=5)


def _components(solution):
    return {frozenset(c.equilibria) for c in solution.components}


@settings(max_examples=300, deadline=None)
@given(games())
def test_every_reported_profile_is_an_exact_equilibrium(game):
    A, B = game
    solution = solve(A, B)
    assert len(solution) >= 1
    assert len(set(solution.equilibria)) == len(solution.equilibria)
    for row_mix, col_mix in solution:
        assert all(isinstance(p, Fraction) for p in row_mix + col_mix)
        assert sum(row_mix) == 1 and sum(col_mix) == 1 and min(row_mix + col_mix) >= 0
        assert is_equilibrium(A, B, row_mix, col_mix)
    # every pure equilibrium is extreme, so all of them must be reported
    pure = [
        (i, j)
        for i, j in product(range(len(A)), range(len(A[0])))
        if is_equilibrium(A, B, _unit(i, len(A)), _unit(j, len(A[0])))
    ]
    assert solution.pure_equilibria == pure
    # the components partition the equilibria
    assert sorted(e for c in solution.components for e in c.equilibria) == sorted(solution)


def _unit(index, size):
    return tuple(Fraction(int(k == index)) for k in range(size))


@settings(max_examples=200, deadline=None)
@given(games_with_permutations())
def test_relabeling_strategies_relabels_equilibria(case):
    A, B, row_order, col_order = case
    relabeled = solve(
        [[A[i][j] for j in col_order] for i in row_order],
        [[B[i][j] for j in col_order] for i in row_order],
    )
    original = solve(A, B)

    def relabel(profile):
        row_mix, col_mix = profile
        return tuple(row_mix[i] for i in row_order), tuple(col_mix[j] for j in col_order)

    assert set(relabeled.equilibria) == {relabel(p) for p in original.equilibria}
    assert relabeled.degenerate == original.degenerate
    assert _components(relabeled) == {
        frozenset(relabel(p) for p in component) for component in _components(original)
    }


@settings(max_examples=200, deadline=None)
@given(games(), positive, shift, positive, shift)
def test_positive_affine_payoff_changes_change_nothing(game, scale_a, shift_a, scale_b, shift_b):
    A, B = game
    original = solve(A, B)
    transformed = solve(
        [[scale_a * a + shift_a for a in row] for row in A],
        [[scale_b * b + shift_b for b in row] for row in B],
    )
    assert transformed.equilibria == original.equilibria
    assert transformed.degenerate == original.degenerate
    assert _components(transformed) == _components(original)


@settings(max_examples=150, deadline=None)
@given(games())
def test_swapping_the_players_swaps_the_equilibria(game):
    A, B = game
    swapped = solve([list(col) for col in zip(*B, strict=True)], [list(col) for col in zip(*A, strict=True)])
    original = solve(A, B)
    assert set(swapped.equilibria) == {(y, x) for x, y in original.equilibria}
    assert swapped.degenerate == original.degenerate


@settings(max_examples=100, deadline=None)
@given(games(max_actions=3, payoffs=st.floats(-5, 5, allow_nan=False).map(lambda x: round(x, 2))))
def test_float_payoffs_equal_their_decimal_fractions(game):
    A, B = game
    as_fractions = [[[Fraction(repr(x)) for x in row] for row in M] for M in (A, B)]
    assert solve(A, B).equilibria == solve(*as_fractions).equilibria
