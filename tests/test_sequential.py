"""Tests for balkangames.sequential: game trees, backward induction, fait accompli."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from balkangames.analysis import pure_nash_equilibria
from balkangames.sequential import (
    CHALLENGER,
    DEFENDER,
    FAIT_ACCOMPLI_SYMBOLS,
    Decision,
    Terminal,
    backward_induction,
    fait_accompli,
    fait_accompli_thresholds,
    non_credible_equilibria,
    to_normal_form,
)
from balkangames.solver import solve


def entry_game():
    return Decision(
        "entrant",
        0,
        {
            "out": Terminal((0, 2)),
            "in": Decision("incumbent", 1, {"fight": Terminal((-1, -1)), "share": Terminal((1, 1))}),
        },
    )


def test_entry_game_has_one_spe_and_one_non_credible_threat():
    result = backward_induction(entry_game())
    assert result.unique and result.ties == ()
    (spe,) = result.equilibria
    assert spe.strategy == {"entrant": "in", "incumbent": "share"}
    assert spe.payoffs == (1, 1)

    A, B, rows, cols = to_normal_form(entry_game())
    assert rows == ((("entrant", "out"),), (("entrant", "in"),))
    assert cols == ((("incumbent", "fight"),), (("incumbent", "share"),))
    # The solver sees both pure equilibria; only one is subgame perfect.
    assert sorted(solve(A, B).pure_equilibria) == [(0, 0), (1, 1)]
    (threat,) = non_credible_equilibria(entry_game())
    assert threat.row_strategy == (("entrant", "out"),)
    assert threat.col_strategy == (("incumbent", "fight"),)
    assert threat.non_credible == (("incumbent", "fight", "share"),)


def test_indifference_is_reported_not_hidden():
    tree = Decision(
        "first",
        0,
        {"left": Decision("second", 1, {"a": Terminal((3, 1)), "b": Terminal((0, 1))}), "right": Terminal((1, 0))},
    )
    result = backward_induction(tree)
    assert result.ties == (("second", ("a", "b")),)
    assert {tuple(sorted(e.strategy.items())) for e in result.equilibria} == {
        (("first", "left"), ("second", "a")),
        (("first", "right"), ("second", "b")),
    }
    assert result.paths == {(("first", "left"), ("second", "a")), (("first", "right"),)}


def test_complete_plans_cover_unreached_nodes():
    # Player 0 moves twice: its plans name a move at both of its nodes.
    tree = Decision(
        "start",
        0,
        {
            "stop": Terminal((1, 0)),
            "go": Decision(
                "reply", 1, {"stop": Terminal((0, 2)), "go": Decision("end", 0, {"x": Terminal((3, 1)), "y": Terminal((2, 3))})}
            ),
        },
    )
    A, B, rows, cols = to_normal_form(tree)
    assert len(rows) == 4 and len(cols) == 2
    assert all({name for name, _ in plan} == {"start", "end"} for plan in rows)
    assert len(A) == 4 and len(A[0]) == 2
    (spe,) = backward_induction(tree).equilibria
    assert spe.strategy == {"start": "stop", "reply": "stop", "end": "x"}


payoff = st.integers(-3, 3)


@st.composite
def trees(draw, depth=0, counter=None):
    counter = counter if counter is not None else [0]
    if depth >= 3 or (depth > 0 and draw(st.booleans())):
        return Terminal((draw(payoff), draw(payoff)))
    counter[0] += 1
    name = f"n{counter[0]}"
    width = draw(st.integers(1, 3))
    children = [draw(trees(depth + 1, counter)) for _ in range(width)]
    return Decision(name, draw(st.integers(0, 1)), [(f"m{k}", child) for k, child in enumerate(children)])


@settings(max_examples=80, deadline=None)
@given(trees())
def test_pure_nash_equilibria_split_into_spe_and_non_credible(tree):
    assume(isinstance(tree, Decision))
    A, B, rows, cols = to_normal_form(tree)
    spe = {tuple(sorted(e.strategy.items())) for e in backward_induction(tree).equilibria}
    assert spe  # a finite perfect-information game always has one (Kuhn)
    nash = {
        tuple(sorted(rows[i] + cols[j]))
        for i in range(len(A))
        for j in range(len(A[0]))
        if A[i][j] == max(row[j] for row in A) and B[i][j] == max(B[i])
    }
    if len(A) <= 12 and len(A[0]) <= 12:
        assert sorted(pure_nash_equilibria(A, B)) == sorted(
            (i, j) for i in range(len(A)) for j in range(len(A[0])) if tuple(sorted(rows[i] + cols[j])) in nash
        )
    threats = {tuple(sorted(e.row_strategy + e.col_strategy)) for e in non_credible_equilibria(tree)}
    assert spe <= nash
    assert spe.isdisjoint(threats)
    assert spe | threats == nash
    for e in backward_induction(tree).equilibria:
        i = next(k for k, plan in enumerate(rows) if all(e.strategy[n] == m for n, m in plan))
        j = next(k for k, plan in enumerate(cols) if all(e.strategy[n] == m for n, m in plan))
        assert e.payoffs == (A[i][j], B[i][j])


# -- fait accompli -----------------------------------------------------------------------

fractions01 = st.fractions(min_value=0, max_value=1, max_denominator=8)
positive = st.fractions(min_value=Fraction(1, 4), max_value=20, max_denominator=4)
nonnegative = st.fractions(min_value=0, max_value=20, max_denominator=4)


@settings(max_examples=150, deadline=None)
@given(
    x=positive,
    p0=st.fractions(min_value=Fraction(1, 8), max_value=1, max_denominator=8),
    c_c=nonnegative,
    c_d=nonnegative,
    alpha=fractions01,
    h=nonnegative,
    attribution=fractions01,
)
def test_backward_induction_matches_the_thresholds(x, p0, c_c, c_d, alpha, h, attribution):
    tree = fait_accompli(x, p0, c_c, c_d, alpha, h, attribution)
    thresholds = fait_accompli_thresholds(x, p0, c_c, c_d, h)
    effective = attribution * alpha
    result = backward_induction(tree)
    defender_moves = {e.strategy[DEFENDER] for e in result.equilibria}
    if effective > thresholds.defender_resists_above:
        assert defender_moves == {"resist"}
    elif effective < thresholds.defender_resists_above:
        assert defender_moves == {"acquiesce"}
    else:
        assert defender_moves == {"acquiesce", "resist"}
    if effective > thresholds.defender_resists_above:
        challenger_moves = {e.strategy[CHALLENGER] for e in result.equilibria}
        if effective > thresholds.challenger_deterred_from:
            assert challenger_moves == {"status quo"}
        elif effective < thresholds.challenger_deterred_from:
            assert challenger_moves == {"seize"}
        else:  # indifferent: deterrence holds "at" the threshold as one of the SPE
            assert challenger_moves == {"status quo", "seize"}
    if effective < thresholds.defender_resists_above:
        assert result.paths == {((CHALLENGER, "seize"), (DEFENDER, "acquiesce"))}
    if result.unique:
        assert thresholds.outcome(effective) == {
            ((CHALLENGER, "status quo"),): "status quo",
            ((CHALLENGER, "seize"), (DEFENDER, "acquiesce")): "fait accompli",
            ((CHALLENGER, "seize"), (DEFENDER, "resist")): "fight",
        }[result.equilibria[0].path]


def test_thresholds_at_equality_and_attribution():
    x, p0, c_c, c_d, h = 10, Fraction(1, 2), 1, 3, 2
    t = fait_accompli_thresholds(x, p0, c_c, c_d, h)
    assert t.defender_resists_above == Fraction(3 - 5, 5)  # negative: resists at any involvement
    assert t.challenger_deterred_from == Fraction(4, 7)
    at = backward_induction(fait_accompli(x, p0, c_c, c_d, alpha=Fraction(4, 7), h=h))
    assert at.ties == ((CHALLENGER, ("status quo", "seize")),)
    above = backward_induction(fait_accompli(x, p0, c_c, c_d, alpha=Fraction(5, 7), h=h))
    assert above.paths == {((CHALLENGER, "status quo"),)}
    # A deniable action attributed at 1/2 halves the effective involvement: deterrence fails.
    hybrid = backward_induction(fait_accompli(x, p0, c_c, c_d, alpha=Fraction(5, 7), h=h, attribution=Fraction(1, 2)))
    assert hybrid.paths == {((CHALLENGER, "seize"), (DEFENDER, "resist"))}


def test_fait_accompli_normal_form_has_a_non_credible_threat():
    # Without an ally the defender would acquiesce (resisting costs 8 > the 5 it would win back),
    # yet "status quo / resist" is a Nash equilibrium of the normal form: the threat is never tested.
    tree = fait_accompli(10, Fraction(1, 2), 6, 8)
    A, B, rows, cols = to_normal_form(tree)
    pure = solve(A, B).pure_equilibria
    threat_profile = (rows.index(((CHALLENGER, "status quo"),)), cols.index(((DEFENDER, "resist"),)))
    assert threat_profile in pure
    (threat,) = non_credible_equilibria(tree)
    assert threat.non_credible == ((DEFENDER, "resist", "acquiesce"),)
    assert backward_induction(tree).paths == {((CHALLENGER, "seize"), (DEFENDER, "acquiesce"))}


@settings(max_examples=40, deadline=None)
@given(
    x=positive,
    p0=st.fractions(min_value=Fraction(1, 8), max_value=1, max_denominator=8),
    c_c=nonnegative,
    c_d=nonnegative,
    h=nonnegative,
)
def test_symbolic_thresholds_equal_exact(x, p0, c_c, c_d, h):
    t = fait_accompli_thresholds(x, p0, c_c, c_d, h)
    sx, sp0, sc_c, sc_d, sh = FAIT_ACCOMPLI_SYMBOLS
    values = {sx: sympy.Rational(str(x)), sp0: sympy.Rational(str(p0)), sc_c: sympy.Rational(str(c_c)),
              sc_d: sympy.Rational(str(c_d)), sh: sympy.Rational(str(h))}
    defender, challenger = t.symbolic
    assert defender.subs(values) == sympy.Rational(str(t.defender_resists_above))
    assert challenger.subs(values) == sympy.Rational(str(t.challenger_deterred_from))


def test_latex_forms():
    latex = fait_accompli_thresholds(10, Fraction(1, 2), 6, 8).latex()
    assert latex["defender resists"].startswith(r"\alpha >")
    assert r"\geq" in latex["challenger deterred"] and "c_{C}" in latex["challenger deterred"]


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"x": 0}, "x"),
        ({"p0": Fraction(3, 2)}, "p0"),
        ({"c_challenger": -1}, "c_challenger"),
        ({"c_defender": -0.5}, "c_defender"),
        ({"alpha": 2}, "alpha"),
        ({"h": -1}, "h"),
        ({"attribution": -0.1}, "attribution"),
        ({"x": float("nan")}, "x"),
    ],
)
def test_fait_accompli_rejects_bad_parameters(kwargs, word):
    arguments = {"x": 10, "p0": 0.5, "c_challenger": 1, "c_defender": 1} | kwargs
    with pytest.raises(ValueError, match=word):
        fait_accompli(**arguments)


def test_thresholds_need_positive_p0_and_trees_are_validated():
    with pytest.raises(ValueError, match="p0 must be positive"):
        fait_accompli_thresholds(10, 0, 1, 1)
    with pytest.raises(ValueError, match="unique"):
        Decision("a", 0, {"x": Decision("a", 1, {"y": Terminal((0, 0))})})
    with pytest.raises(ValueError, match="player"):
        Decision("a", 2, {"x": Terminal((0, 0))})
    with pytest.raises(ValueError, match="at least one move"):
        Decision("a", 0, {})
    with pytest.raises(ValueError, match="Decision or Terminal"):
        Decision("a", 0, {"x": (1, 2)})
    with pytest.raises(ValueError, match="pair of payoffs"):
        Terminal((1, 2, 3))
    with pytest.raises(ValueError, match="game tree"):
        backward_induction([[1, 2]])
    with pytest.raises(ValueError, match="no move"):
        entry_game().child("wait")
