"""Tests for balkangames.dynamics: replicator trajectories and 2x2 basins."""

import math
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from balkangames.analysis import trust_threshold, trust_thresholds
from balkangames.dynamics import SIMPLEX_TOLERANCE, basins_2x2, replicator_trajectory

STAG_HUNT = ([[4, 0], [3, 3]], [[4, 3], [0, 3]])
PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
MATCHING_PENNIES = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
CHICKEN = ([[3, 1], [4, 0]], [[3, 4], [1, 0]])


def assert_on_simplex(shares):
    # By construction (log-shares), not up to the integrator's error: no negative share,
    # and the sum is 1 up to floating-point rounding at every time point.
    assert np.all(shares >= 0)
    assert np.all(np.abs(shares.sum(axis=1) - 1) <= SIMPLEX_TOLERANCE)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=3, max_size=3),
    st.lists(st.integers(1, 9), min_size=3, max_size=3),
)
def test_one_population_trajectory_stays_on_the_simplex(matrix, weights):
    start = [w / sum(weights) for w in weights]
    path = replicator_trajectory(matrix, x0=start, timepoints=np.linspace(0, 5, 50))
    assert path.row.shape == (50, 3) and path.column is None
    assert_on_simplex(path.row)
    assert np.allclose(path.row[0], start)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=2, max_size=2),
    st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=2, max_size=2),
)
# Found on a fresh clone: integrating the shares themselves (nashpy) ended at a sum of 0.99998.
@example(A=[[0, -5, -1], [1, -5, 0]], B=[[0, 2, 0], [-2, 3, -5]])
def test_two_population_trajectory_stays_on_the_simplex(A, B):
    path = replicator_trajectory(A, B, x0=[0.3, 0.7], y0=[0.2, 0.3, 0.5], timepoints=np.linspace(0, 5, 40))
    assert path.row.shape == (40, 2) and path.column.shape == (40, 3)
    assert_on_simplex(path.row)
    assert_on_simplex(path.column)


def test_trajectories_agree_with_nashpys_integration_where_it_stays_on_the_simplex():
    times = np.linspace(0, 5, 40)
    A, B = [[3, 0, 1], [1, 2, 0]], [[2, 0, 1], [0, 3, 1]]
    ours = replicator_trajectory(A, B, x0=[0.3, 0.7], y0=[0.2, 0.3, 0.5], timepoints=times)
    rows, cols = nashpy.Game(np.array(A), np.array(B)).asymmetric_replicator_dynamics(
        x0=np.array([0.3, 0.7]), y0=np.array([0.2, 0.3, 0.5]), timepoints=times)
    assert np.allclose(ours.row, rows, atol=1e-5) and np.allclose(ours.column, cols, atol=1e-5)
    rock_paper_scissors = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    ours = replicator_trajectory(rock_paper_scissors, x0=[0.5, 0.3, 0.2], timepoints=times)
    theirs = nashpy.Game(np.array(rock_paper_scissors)).replicator_dynamics(y0=np.array([0.5, 0.3, 0.2]),
                                                                             timepoints=times)
    assert np.allclose(ours.row, theirs, atol=1e-5)


def test_an_action_nobody_plays_stays_unplayed():
    path = replicator_trajectory([[4, 0, 9], [3, 3, 9], [0, 0, 9]], x0=[0.5, 0.5, 0], timepoints=[0, 5])
    assert path.row[-1][2] == 0 and path.row[-1][:2].sum() == pytest.approx(1)


def test_stag_hunt_converges_to_the_equilibrium_whose_basin_holds_the_start():
    threshold = float(trust_threshold(4, 0, 3, 3))  # 3/4: the basin boundary
    times = np.linspace(0, 40, 400)
    above = replicator_trajectory(STAG_HUNT[0], x0=[threshold + 0.05, 0.95 - threshold], timepoints=times)
    below = replicator_trajectory(STAG_HUNT[0], x0=[threshold - 0.05, 1.05 - threshold], timepoints=times)
    assert above.row[-1] == pytest.approx([1, 0], abs=1e-4)
    assert below.row[-1] == pytest.approx([0, 1], abs=1e-4)


def test_two_population_stag_hunt_converges_to_mutual_restraint_inside_its_basin():
    basins = basins_2x2(*STAG_HUNT, points=10)
    p, q = 0.9, 0.7  # off-diagonal start; the closed form says it lies in (C, C)'s basin
    assert basins.closed_form_labels(p, q) == 0
    path = replicator_trajectory(*STAG_HUNT, x0=[p, 1 - p], y0=[q, 1 - q], timepoints=np.linspace(0, 60, 300))
    assert path.row[-1][0] == pytest.approx(1, abs=1e-4)
    assert path.column[-1][0] == pytest.approx(1, abs=1e-4)


def test_symmetric_basin_boundary_is_the_trust_threshold():
    basins = basins_2x2(STAG_HUNT[0], points=40)
    assert basins.boundary == Fraction(3, 4) == trust_threshold(4, 0, 3, 3)
    assert np.all(basins.labels[basins.shares > 0.75] == 0)
    assert np.all(basins.labels[basins.shares < 0.75] == 1)
    assert basins_2x2(PD[0]).boundary is None
    assert np.all(basins_2x2(PD[0]).labels == 1)


@st.composite
def coordination_games(draw):
    """Two strict pure equilibria on the diagonal: a1, b1 > 0 > a2, b2."""
    gains = [draw(st.integers(1, 9)) for _ in range(4)]
    base = [draw(st.integers(-5, 5)) for _ in range(4)]
    a1, a2, b1, b2 = gains[0], -gains[1], gains[2], -gains[3]
    A = [[base[0] + a1, base[1] + a2], [base[0], base[1]]]
    B = [[base[2] + b1, base[2]], [base[3] + b2, base[3]]]
    return A, B


@settings(max_examples=20, deadline=None)
@given(coordination_games())
def test_numeric_basins_agree_with_the_closed_form(game):
    A, B = game
    basins = basins_2x2(A, B, points=30)
    p, q = np.meshgrid(basins.p, basins.q)
    decided = basins.labels >= 0
    assert decided.mean() > 0.9
    assert np.array_equal(basins.labels[decided], basins.closed_form_labels(p, q)[decided])
    assert set(np.unique(basins.labels[decided])) <= {0, 3}
    # The saddle is the mixed equilibrium: p* makes the column player indifferent, q* the row
    # player; so it is the pair of trust thresholds, each player's threshold being the other's share.
    p_star, q_star = basins.saddle
    assert B[0][0] * p_star + B[1][0] * (1 - p_star) == B[0][1] * p_star + B[1][1] * (1 - p_star)
    assert A[0][0] * q_star + A[0][1] * (1 - q_star) == A[1][0] * q_star + A[1][1] * (1 - q_star)
    assert (q_star, p_star) == trust_thresholds(A, B)


@settings(max_examples=15, deadline=None)
@given(coordination_games())
def test_boundary_curve_lies_on_the_level_set_and_separates_the_basins(game):
    A, B = game
    basins = basins_2x2(A, B, points=8)
    p_curve, q_curve = basins.boundary_curve(41)
    p, q = sympy.symbols("p q", positive=True)
    equation = basins.boundary
    for pp, qq in zip(p_curve[::8], q_curve[::8], strict=True):
        if 1e-6 < qq < 1 - 1e-6:
            gap = float((equation.lhs - equation.rhs).subs({p: pp, q: qq}))
            assert abs(gap) < 1e-6
            # Just above the boundary lies (C, C)'s basin, just below (D, D)'s.
            assert basins.closed_form_labels(pp, min(qq + 1e-3, 1 - 1e-9)) == 0
            assert basins.closed_form_labels(pp, max(qq - 1e-3, 1e-9)) == 3
    # The boundary falls from the top-left corner to the bottom-right one.
    assert np.all(np.diff(q_curve) <= 1e-12)


def test_stag_hunt_basins_exact_saddle_and_equation():
    basins = basins_2x2(*STAG_HUNT)
    assert basins.saddle == (Fraction(3, 4), Fraction(3, 4))
    p, q = sympy.symbols("p q", positive=True)
    assert basins.boundary.subs({p: sympy.Rational(3, 4), q: sympy.Rational(3, 4)}) == sympy.true
    # Symmetric game: the diagonal splits at p* = 3/4; the start at the saddle itself is undecided.
    diagonal = np.diag(basins.labels)
    assert np.all(diagonal[basins.p > 0.75] == 0) and np.all(diagonal[basins.p < 0.75] == 3)
    assert (basins.labels == -1).sum() == 1
    assert basins.profile(3) == (1, 1) and basins.profile(-1) is None


def test_anti_coordination_basins_and_games_without_pure_attractors():
    chicken = basins_2x2(*CHICKEN, points=20)
    p, q = np.meshgrid(chicken.p, chicken.q)
    decided = chicken.labels >= 0
    assert set(np.unique(chicken.labels[decided])) == {1, 2}
    assert np.array_equal(chicken.labels[decided], chicken.closed_form_labels(p, q)[decided])
    # Symmetric Chicken: the diagonal is the stable manifold of the saddle.
    assert np.all(np.diag(chicken.labels) == -1)
    assert np.all(basins_2x2(*PD).labels == 3)
    pennies = basins_2x2(*MATCHING_PENNIES)
    assert np.all(pennies.labels == -1) and pennies.saddle is None
    with pytest.raises(ValueError, match="saddle"):
        pennies.boundary_curve()


def test_fifty_by_fifty_grid_labels_every_point():
    # Its speed goal (< 0.2 s) is measured by benchmarks/bench_solver.py, not asserted here.
    for game in (STAG_HUNT, CHICKEN, ([[5, 0], [1, 2]], [[1, 0], [0, 7]])):
        grid = basins_2x2(*game, points=50)
        assert grid.labels.shape == (50, 50)
        assert set(np.unique(grid.labels)) <= {-1, 0, 1, 2, 3}
        p, q = np.meshgrid(grid.p, grid.q)
        decided = grid.labels >= 0
        assert decided.mean() > 0.9
        assert np.array_equal(grid.labels[decided], grid.closed_form_labels(p, q)[decided])


@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda: replicator_trajectory([[1, 2, 3], [4, 5, 6]]), "square"),
        (lambda: replicator_trajectory(STAG_HUNT[0], x0=[0.5, 0.6]), "sum to 1"),
        (lambda: replicator_trajectory(STAG_HUNT[0], x0=[1.5, -0.5]), r"\[0, 1\]"),
        (lambda: replicator_trajectory(STAG_HUNT[0], timepoints=[0, 2, 1]), "increasing"),
        (lambda: replicator_trajectory(STAG_HUNT[0], timepoints=[0, math.nan]), "finite"),
        (lambda: replicator_trajectory(STAG_HUNT[0], y0=[0.5, 0.5]), "needs B"),
        (lambda: replicator_trajectory(*STAG_HUNT, y0=[1, 0, 0]), "2 probabilities"),
        (lambda: basins_2x2([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]]), "2x2"),
        (lambda: basins_2x2([[1, 2, 3]]), "2x2"),
        (lambda: basins_2x2(*STAG_HUNT, points=1), "points"),
        (lambda: basins_2x2(*STAG_HUNT, step=0), "step"),
        (lambda: basins_2x2(*STAG_HUNT, horizon=-1), "horizon"),
        (lambda: basins_2x2([[1, "a"], [0, 1]]), "number"),
    ],
)
def test_bad_input_gives_value_errors(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_closed_form_coordination_basins_agree_with_integration():
    from balkangames.dynamics import basins_2x2, coordination_basins_2x2

    games = [
        ([[4, 0], [3, 1]], [[4, 3], [0, 1]]),  # Stag Hunt
        ([[2, -3], [1, 1]], [[5, 0], [-1, 2]]),  # asymmetric coordination
    ]
    for A, B in games:
        fast = coordination_basins_2x2(A, B, points=30)
        slow = basins_2x2(A, B, points=30)
        assert fast.saddle == slow.saddle
        reached = slow.labels >= 0
        assert reached.mean() > 0.9
        assert (fast.labels[reached] == slow.labels[reached]).all()
    assert coordination_basins_2x2([[3, 0], [5, 1]], [[3, 5], [0, 1]]) is None  # a dilemma: no basins
