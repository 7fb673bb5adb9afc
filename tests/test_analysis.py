"""Tests for balkangames.analysis: dominance, selection, trust and grim trigger."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from balkangames.analysis import (
    NotApplicable,
    best_responses,
    dominated_actions,
    expected_payoffs,
    grim_trigger_delta,
    grim_trigger_threshold,
    is_pareto_efficient,
    iterated_elimination,
    pareto_efficient_profiles,
    payoff_dominant,
    pure_nash_equilibria,
    risk_dominance,
    trust_threshold,
    trust_thresholds,
)
from balkangames.solver import solve

PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
STAG_HUNT = ([[4, 0], [3, 3]], [[4, 3], [0, 3]])
HARMONY = ([[4, 2], [3, 1]], [[4, 3], [2, 1]])
CHICKEN = ([[3, 1], [4, 0]], [[3, 4], [1, 0]])
BATTLE = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])

small = st.integers(-6, 6)


@st.composite
def games(draw, max_actions=4):
    rows = draw(st.integers(1, max_actions))
    cols = draw(st.integers(1, max_actions))
    matrix = st.lists(st.lists(small, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    return draw(matrix), draw(matrix)


@st.composite
def mixtures(draw, size):
    weights = draw(st.lists(st.integers(0, 5), min_size=size, max_size=size).filter(any))
    return [Fraction(w, sum(weights)) for w in weights]


def unit(k, size):
    return [int(i == k) for i in range(size)]


def test_expected_payoffs_are_exact():
    row, col = expected_payoffs(*STAG_HUNT, ["1/3", "2/3"], [0.1, 0.9])
    assert row == Fraction(1, 3) * (Fraction(4, 10)) + Fraction(2, 3) * 3
    assert isinstance(row, Fraction) and isinstance(col, Fraction)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_best_responses_match_brute_force(data):
    A, B = data.draw(games())
    rows, cols = len(A), len(A[0])
    player = data.draw(st.sampled_from(["row", "column"]))
    opponent_size = cols if player == "row" else rows
    mix = data.draw(mixtures(opponent_size))
    if player == "row":
        values = [expected_payoffs(A, B, unit(i, rows), mix)[0] for i in range(rows)]
    else:
        values = [expected_payoffs(A, B, mix, unit(j, cols))[1] for j in range(cols)]
    expected = tuple(k for k, v in enumerate(values) if v == max(values))
    assert best_responses(A, B, mix, player) == expected


def test_best_responses_report_indifference_at_the_mixed_equilibrium():
    # At the Stag Hunt's mixed equilibrium each player is indifferent.
    mixed = [e for e in solve(*STAG_HUNT).equilibria if 0 < e[0][0] < 1][0]
    assert best_responses(*STAG_HUNT, mixed[1], "row") == (0, 1)
    assert best_responses(*STAG_HUNT, mixed[0], "column") == (0, 1)


@settings(max_examples=60, deadline=None)
@given(games())
def test_pure_equilibria_agree_with_the_solver(game):
    assert sorted(pure_nash_equilibria(*game)) == sorted(solve(*game).pure_equilibria)


def test_prisoners_dilemma_collapses_to_mutual_defection():
    result = iterated_elimination(*PD)
    assert (result.rows, result.cols) == ((1,), (1,))
    assert result.solved
    assert [(s.round, s.player, s.action, s.dominated_by, s.strict) for s in result.steps] == [
        (1, 0, 0, 1, True),
        (1, 1, 0, 1, True),
    ]
    assert result.describe(["C", "D"], ["C", "D"])[0] == (
        "Round 1: row player's C is strictly dominated by D; removed."
    )


def test_gibbons_two_by_three_example_step_sequence():
    # Gibbons (1992), ch. 1: rows Up/Down, columns Left/Middle/Right; solved by IESDS.
    A = [[1, 1, 0], [0, 0, 2]]
    B = [[0, 2, 1], [3, 1, 0]]
    result = iterated_elimination(A, B)
    assert [(s.round, s.player, s.action, s.dominated_by) for s in result.steps] == [
        (1, 1, 2, 1),  # Right dominated by Middle
        (2, 0, 1, 0),  # then Down by Up
        (3, 1, 0, 1),  # then Left by Middle
    ]
    assert (result.rows, result.cols) == ((0,), (1,))


def test_three_by_three_four_round_elimination():
    # Built so that each round enables the next: R < C everywhere; then Bottom < Middle
    # once R is gone; then Left < Centre once Bottom is gone; then Top < Middle.
    A = [[4, 1, 5], [3, 2, 0], [2, 1, 9]]
    B = [[1, 2, 0], [0, 3, 0], [4, 1, 0]]
    result = iterated_elimination(A, B)
    assert [(s.round, s.player, s.action, s.dominated_by) for s in result.steps] == [
        (1, 1, 2, 1),
        (2, 0, 2, 1),
        (3, 1, 0, 1),
        (4, 0, 0, 1),
    ]
    assert (result.rows, result.cols) == ((1,), (1,))
    assert pure_nash_equilibria(A, B) == [(1, 1)]
    # L weakly dominates R as well, so weak elimination finds R dominated in round 1 too.
    assert {d.dominated_by for d in dominated_actions(A, B, "column", weak=True) if d.action == 2} <= {0, 1}


def test_weak_dominance_is_reported_as_weak():
    A = [[1, 1], [1, 0]]
    B = [[1, 1], [1, 0]]
    assert dominated_actions(A, B, "row") == []
    (weak,) = dominated_actions(A, B, "row", weak=True)
    assert (weak.action, weak.dominated_by, weak.strict) == (1, 0, False)
    result = iterated_elimination(A, B, weak=True)
    assert (result.rows, result.cols) == ((0,), (0,))


@settings(max_examples=50, deadline=None)
@given(games())
def test_iterated_strict_elimination_keeps_every_equilibrium_action(game):
    result = iterated_elimination(*game)
    for row_mix, col_mix in solve(*game).equilibria:
        assert {i for i, p in enumerate(row_mix) if p > 0} <= set(result.rows)
        assert {j for j, q in enumerate(col_mix) if q > 0} <= set(result.cols)


@settings(max_examples=50, deadline=None)
@given(games())
def test_every_removed_action_was_dominated_when_removed(game):
    A, B = game
    rows, cols = set(range(len(A))), set(range(len(A[0])))
    for number in sorted({s.round for s in iterated_elimination(A, B).steps}):
        round_steps = [s for s in iterated_elimination(A, B).steps if s.round == number]
        for s in round_steps:
            own, others = (rows, cols) if s.player == 0 else (cols, rows)
            assert s.dominated_by in own and s.action in own
            for k in others:
                better = A[s.dominated_by][k] if s.player == 0 else B[k][s.dominated_by]
                worse = A[s.action][k] if s.player == 0 else B[k][s.action]
                assert better > worse
        rows -= {s.action for s in round_steps if s.player == 0}
        cols -= {s.action for s in round_steps if s.player == 1}


def test_pareto_efficiency_in_the_prisoners_dilemma():
    assert pareto_efficient_profiles(*PD) == [(0, 0), (0, 1), (1, 0)]
    assert not is_pareto_efficient(*PD, (1, 1))
    assert is_pareto_efficient(*PD, (0, 0))
    with pytest.raises(ValueError, match="profile"):
        is_pareto_efficient(*PD, (2, 0))


@settings(max_examples=50, deadline=None)
@given(games())
def test_pareto_efficient_profiles_by_definition(game):
    A, B = game
    cells = [(i, j) for i in range(len(A)) for j in range(len(A[0]))]

    def dominates(c, d):
        return (
            A[c[0]][c[1]] >= A[d[0]][d[1]]
            and B[c[0]][c[1]] >= B[d[0]][d[1]]
            and (A[c[0]][c[1]], B[c[0]][c[1]]) != (A[d[0]][d[1]], B[d[0]][d[1]])
        )

    efficient = pareto_efficient_profiles(A, B)
    assert efficient  # a finite set always has undominated elements
    for cell in cells:
        dominated = any(dominates(other, cell) for other in cells)
        assert (cell in efficient) == (not dominated)
        if dominated:
            assert any(dominates(e, cell) for e in efficient)


def test_payoff_dominance():
    assert payoff_dominant(*STAG_HUNT) == (0, 0)
    assert payoff_dominant(*STAG_HUNT, pure_only=True) == (0, 0)
    assert payoff_dominant(*BATTLE) is None  # each pure equilibrium favours one player
    assert payoff_dominant(*PD) is None  # a single equilibrium dominates nothing


@st.composite
def stag_hunts(draw):
    """Two players with R > T > P > S each (possibly different numbers)."""
    players = []
    for _ in range(2):
        S, P, T, R = sorted(draw(st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True)))
        players.append((R, S, T, P))
    (R1, S1, T1, P1), (R2, S2, T2, P2) = players
    return [[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]], players


@settings(max_examples=80, deadline=None)
@given(stag_hunts())
def test_risk_dominance_matches_the_stag_hunt_formula(game):
    A, B, ((R1, S1, T1, P1), (R2, S2, T2, P2)) = game
    result = risk_dominance(A, B)
    cooperate, defect = (R1 - T1) * (R2 - T2), (P1 - S1) * (P2 - S2)
    assert result.products == {(0, 0): cooperate, (1, 1): defect}
    if cooperate == defect:
        assert result.tie and result.dominant is None
    else:
        assert result.dominant == ((0, 0) if cooperate > defect else (1, 1))


@settings(max_examples=60, deadline=None)
@given(
    stag_hunts(),
    st.fractions(min_value=Fraction(1, 10), max_value=10),
    st.fractions(min_value=Fraction(1, 10), max_value=10),
    st.integers(-50, 50),
    st.integers(-50, 50),
)
def test_risk_dominance_is_invariant_under_positive_affine_maps(game, scale_a, scale_b, shift_a, shift_b):
    A, B, _ = game
    moved_A = [[scale_a * v + shift_a for v in row] for row in A]
    moved_B = [[scale_b * v + shift_b for v in row] for row in B]
    assert risk_dominance(moved_A, moved_B).dominant == risk_dominance(A, B).dominant


def test_risk_dominance_is_not_applicable_without_two_strict_equilibria():
    with pytest.raises(NotApplicable, match="1 pure equilibrium"):
        risk_dominance(*PD)
    with pytest.raises(NotApplicable, match="not strict"):
        risk_dominance([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ValueError, match="2x2"):
        risk_dominance([[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]])
    # Anti-diagonal equilibria (Chicken) are compared as well.
    assert set(risk_dominance(*CHICKEN).equilibria) == {(0, 1), (1, 0)}
    assert risk_dominance(*CHICKEN).tie


@settings(max_examples=60, deadline=None)
@given(stag_hunts())
def test_trust_threshold_is_the_mixed_equilibrium_probability(game):
    A, B, _ = game
    p_row, p_col = trust_thresholds(A, B)
    (mixed,) = [e for e in solve(A, B).equilibria if 0 < e[0][0] < 1]
    row_mix, col_mix = mixed
    assert col_mix[0] == p_row  # the column player's restraint that makes the row player indifferent
    assert row_mix[0] == p_col


def test_trust_threshold_value_and_errors():
    assert trust_threshold(4, 0, 3, 3) == Fraction(3, 4)
    # Model notes check: W=10, b=2, c=1, w=1, o=.25, d=.1 gives P(C) = 1/3 in the mixed equilibrium.
    R, T, S, P = 2, Fraction(25, 10) - 1, -Fraction(25, 100) * Fraction(9, 10) * 10, -2
    assert trust_threshold(R, S, T, P) == Fraction(1, 3)
    for game, word in ((PD, "Prisoner"), (HARMONY, "Harmony"), (CHICKEN, "Chicken")):
        A = game[0]  # R = A[0][0], S = A[0][1], T = A[1][0], P = A[1][1]
        with pytest.raises(NotApplicable, match=word):
            trust_threshold(A[0][0], A[0][1], A[1][0], A[1][1])
    with pytest.raises(NotApplicable, match="row player"):
        trust_thresholds(*PD)
    with pytest.raises(ValueError, match="R"):
        trust_threshold("x", 0, 1, 2)


def test_trust_threshold_symbolic_is_the_same_formula():
    R, S, T, P = sympy.symbols("R S T P")
    expression = trust_threshold(R, S, T, P)
    value = expression.subs({R: 4, S: 0, T: 3, P: 3})
    assert value == sympy.Rational(3, 4) == trust_threshold(4, 0, 3, 3)


def discounted_cooperation_holds(R, T, P, delta):
    """Independent check: cooperate forever vs defect once and be punished."""
    return R / (1 - delta) >= T + delta * P / (1 - delta)


@st.composite
def prisoners_dilemmas(draw):
    players = []
    for _ in range(2):
        S, P, R, T = sorted(draw(st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True)))
        players.append((R, S, T, P))
    (R1, S1, T1, P1), (R2, S2, T2, P2) = players
    return [[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]], players


@settings(max_examples=60, deadline=None)
@given(prisoners_dilemmas())
def test_grim_trigger_threshold_is_where_cooperation_becomes_sustainable(game):
    A, B, players = game
    result = grim_trigger_threshold(A, B)
    assert result.applies
    for (R, _, T, P), delta_i in zip(players, result.per_player, strict=True):
        assert delta_i == Fraction(T - R, T - P)
        assert discounted_cooperation_holds(R, T, P, delta_i)
        assert not discounted_cooperation_holds(R, T, P, delta_i - Fraction(1, 10**6))
    assert result.delta == max(result.per_player)
    assert result.sustainable(result.delta)
    assert not result.sustainable(result.delta - Fraction(1, 10**6))


@settings(max_examples=40, deadline=None)
@given(prisoners_dilemmas())
def test_symbolic_grim_trigger_equals_exact(game):
    A, B, players = game
    symbols = sympy.symbols("R1 S1 T1 P1 R2 S2 T2 P2")
    R1, S1, T1, P1, R2, S2, T2, P2 = symbols
    symbolic = grim_trigger_threshold([[R1, S1], [T1, P1]], [[R2, T2], [S2, P2]])
    assert symbolic.symbolic and symbolic.applies is None
    values = dict(zip(symbols, players[0] + players[1], strict=True))
    exact_result = grim_trigger_threshold(A, B)
    for expression, number in zip(symbolic.per_player, exact_result.per_player, strict=True):
        assert sympy.Rational(expression.subs(values)) == sympy.Rational(number.numerator, number.denominator)
    assert sympy.Rational(symbolic.delta.subs(values)) == sympy.Rational(
        exact_result.delta.numerator, exact_result.delta.denominator
    )
    assert all(condition.subs(values) == sympy.true for condition in symbolic.conditions)
    assert r"\delta^*" in symbolic.latex()


def test_grim_trigger_not_applicable_cases():
    for game, phrase in ((STAG_HUNT, "needs no threat"), (HARMONY, "not a stage equilibrium"),
                         (CHICKEN, "not a stage equilibrium")):
        result = grim_trigger_threshold(*game)
        assert result.applies is False and phrase in result.reason
        assert result.delta is None
        with pytest.raises(NotApplicable):
            result.sustainable(Fraction(1, 2))
    deadlock = grim_trigger_threshold([[1, -1], [3, 2]], [[1, 3], [-1, 2]])
    assert deadlock.applies is False and "P" in deadlock.reason


def test_grim_trigger_mixed_dyad_and_inputs():
    # Row player PD (T > R), column player Stag Hunt (R > T): only the row player needs the threat.
    A = [[3, 0], [5, 1]]
    B = [[4, 3], [0, 1]]
    result = grim_trigger_threshold(A, B)
    assert result.applies and result.per_player == (Fraction(1, 2), 0) and result.delta == Fraction(1, 2)
    assert grim_trigger_delta(3, 5, 1) == Fraction(1, 2)
    with pytest.raises(ValueError, match="T ≠ P"):
        grim_trigger_delta(3, 1, 1)
    with pytest.raises(ValueError, match="2x2"):
        grim_trigger_threshold([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="discount"):
        grim_trigger_threshold(*PD).sustainable(1)


def test_bad_input_gives_value_errors():
    with pytest.raises(ValueError, match="player"):
        best_responses(*PD, [1, 0], "middle")
    with pytest.raises(ValueError, match="sum to 1"):
        best_responses(*PD, [1, 1], "row")
    with pytest.raises(ValueError, match="probabilities"):
        expected_payoffs(*PD, [1, 0, 0], [1, 0])
    with pytest.raises(ValueError, match="ragged"):
        iterated_elimination([[1, 2], [3]], [[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="rows"):
        dominated_actions(*PD, "row", rows=[5])
    with pytest.raises(ValueError, match="2x2"):
        trust_thresholds([[1]], [[1]])


@settings(max_examples=30, deadline=None)
@given(stag_hunts())
def test_per_player_reading_matches_classify(game):
    from balkangames.classify import player_payoffs

    A, B, _ = game
    for player in (0, 1):
        assert trust_thresholds(A, B)[player] == trust_threshold(**player_payoffs(A, B, player).as_dict())


def test_domination_by_a_mixture_only():
    # D pays 1 against either column; neither U nor M beats it everywhere, but 1/2 U + 1/2 M pays 3/2.
    A = [[3, 0], [0, 3], [1, 1]]
    B = [[1, 0], [0, 1], [2, 2]]
    assert dominated_actions(A, B, "row") == []
    (found,) = dominated_actions(A, B, "row", mixed=True)
    assert found.by_mixture and found.action == 2
    assert found.dominated_by == (Fraction(1, 2), Fraction(1, 2), 0)
    result = iterated_elimination(A, B, mixed=True)
    assert (result.rows, result.cols) == ((0, 1), (0, 1))
    assert result.describe(["U", "M", "D"])[0] == (
        "Round 1: row player's D is strictly dominated by the mixture 1/2·U + 1/2·M; removed."
    )
    # A pure dominator is reported as such even when mixtures are allowed.
    (pure,) = dominated_actions(*PD, "row", mixed=True)
    assert pure.dominated_by == 1 and not pure.by_mixture


@settings(max_examples=40, deadline=None)
@given(games())
def test_mixed_elimination_is_sound_and_goes_further(game):
    A, B = game
    pure = iterated_elimination(A, B)
    mixed = iterated_elimination(A, B, mixed=True)
    assert set(mixed.rows) <= set(pure.rows) and set(mixed.cols) <= set(pure.cols)
    for row_mix, col_mix in solve(A, B).equilibria:
        assert {i for i, p in enumerate(row_mix) if p > 0} <= set(mixed.rows)
        assert {j for j, q in enumerate(col_mix) if q > 0} <= set(mixed.cols)
    rows, cols = set(range(len(A))), set(range(len(A[0])))
    for number in sorted({s.round for s in mixed.steps}):
        round_steps = [s for s in mixed.steps if s.round == number]
        for s in round_steps:
            if isinstance(s.dominated_by, tuple):  # check the reported mixture really dominates
                own, others = (rows, cols) if s.player == 0 else (cols, rows)
                assert sum(s.dominated_by) == 1 and all(s.dominated_by[k] == 0 for k in range(len(s.dominated_by)) if k not in own)
                for k in others:
                    def pay(a, k=k, player=s.player):
                        return A[a][k] if player == 0 else B[k][a]
                    assert sum(x * pay(a) for a, x in enumerate(s.dominated_by)) > pay(s.action)
        rows -= {s.action for s in round_steps if s.player == 0}
        cols -= {s.action for s in round_steps if s.player == 1}
