"""The second model layer (motives, kin-state stakes, alliances that provoke).

Every new parameter is 0 by default and the base model must be exactly its zero special
case: checked here on every named game and on every case in every year, against the base
formulas of the design notes written out independently of ``balkangames.model``.
"""

from fractions import Fraction

import pytest
import sympy

import balkangames as bg
from balkangames import cases, model
from balkangames.model import SYMBOLS, payoff_matrices, player_terms, symbolic_payoffs
from balkangames.params import LAYER_TWO, PARAMETERS, SecurityParams
from balkangames.thresholds import threshold


def base_payoffs(p: SecurityParams):
    """The design notes' base model, written independently of balkangames.model."""
    terms = []
    for i, j in ((0, 1), (1, 0)):
        kappa = p.arming_cost + p.alliance_penalty * int(p.same_alliance) - p.subsidy[i]
        greed = p.offense[i] * (1 - p.guarantee[j]) * p.stakes
        fear = p.offense[j] * (1 - p.distinguishability) * (1 - p.guarantee[i]) * p.stakes
        terms.append((p.restraint_value, -fear, greed - kappa, -kappa - p.race_cost))
    (R1, S1, T1, P1), (R2, S2, T2, P2) = terms
    return ((R1, S1), (T1, P1)), ((R2, T2), (S2, P2))


def named_games():
    games = [bg.jervis_world(n) for n in (1, 2, 3, 4)]
    for members in ((False, False), (True, False), (False, True), (True, True)):
        games.append(bg.security_game(model.with_alliances(model.WORLD_BASE, members=members, patron=(1, 0))))
    games.append(bg.security_game(offense=(Fraction(1, 5), Fraction(9, 10)), distinguishability=0, guarantee=(1, 0)))
    return games


def case_games():
    """Every case-year's first layer alone (the comparison without the second layer)."""
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        for year in case.years:
            yield case.game(year, second_layer=False)


def test_layer_two_parameters_are_named_and_zero_by_default():
    assert LAYER_TWO == (
        "motive_weight", "motive_1", "motive_2", "kin_1", "kin_2", "provocation_1", "provocation_2",
    )
    defaults = SecurityParams().flat()
    assert all(defaults[name] == 0 for name in LAYER_TWO)
    assert list(SecurityParams().flat()) == list(PARAMETERS)


@pytest.mark.parametrize("game", named_games(), ids=lambda g: g.name or repr(g.params.offense))
def test_every_named_game_is_the_zero_special_case(game):
    assert all(game.params.flat()[name] == 0 for name in LAYER_TWO)
    assert (game.A, game.B) == base_payoffs(game.params)


def test_every_case_in_every_year_is_the_zero_special_case():
    count = 0
    for game in case_games():
        assert all(game.params.flat()[name] == 0 for name in LAYER_TWO)
        assert (game.A, game.B) == base_payoffs(game.params)
        count += 1
    assert count > 100  # six dyads over their years


def test_symbolic_payoffs_reduce_to_the_base_formulas():
    s = SYMBOLS
    A, B = symbolic_payoffs()
    zero = {s[n]: 0 for n in LAYER_TWO}
    kappa1 = s["arming_cost"] + s["alliance_penalty"] * s["same_alliance"] - s["subsidy_1"]
    fear1 = s["offense_2"] * (1 - s["distinguishability"]) * (1 - s["guarantee_1"]) * s["stakes"]
    greed1 = s["offense_1"] * (1 - s["guarantee_2"]) * s["stakes"]
    expected = sympy.Matrix([[s["restraint_value"], -fear1], [greed1 - kappa1, -kappa1 - s["race_cost"]]])
    assert sympy.simplify(A.subs(zero) - expected) == sympy.zeros(2, 2)
    # the column player's matrix is the row player's with the players' indices exchanged
    swap = {s[f"{n}_1"]: s[f"{n}_2"] for n in ("offense", "guarantee", "subsidy", "motive", "kin", "provocation")}
    swap.update({v: k for k, v in swap.items()})
    assert sympy.simplify(B.T - A.subs(swap, simultaneous=True)) == sympy.zeros(2, 2)


def test_symbolic_and_exact_payoffs_agree_with_every_layer_on():
    p = SecurityParams(
        offense=(Fraction(3, 4), Fraction(1, 4)), distinguishability=Fraction(1, 5), guarantee=(0, Fraction(1, 2)),
        motive_weight=Fraction(2, 3), motive=(3, 1), kin=(Fraction(5, 2), 0), provocation=(Fraction(1, 10), 0),
    )
    A, B = symbolic_payoffs()
    at = {SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in p.flat().items()}
    exact_A, exact_B = payoff_matrices(p)
    assert [[Fraction(str(x)) for x in row] for row in A.subs(at).tolist()] == [list(r) for r in exact_A]
    assert [[Fraction(str(x)) for x in row] for row in B.subs(at).tolist()] == [list(r) for r in exact_B]


def test_a_state_without_a_motive_is_never_tempted_however_strong():
    for offense in (Fraction(1, 2), Fraction(9, 10), Fraction(1)):
        p = SecurityParams(offense=(offense, Fraction(1, 10)), motive_weight=1, motive=(0, 0), stakes=100)
        t = player_terms(p, 1)
        assert t["greed"] == 0 and t["T"] < t["R"]
        # base model (no motive layer): the same strong state is tempted
        assert player_terms(p.replace(motive_weight=0), 1)["T"] > t["R"]
    # with a motive, opportunity makes it dangerous again: greed = o (1 - a_j) v
    p = SecurityParams(offense=(Fraction(9, 10), Fraction(1, 10)), motive_weight=1, motive=(20, 0), guarantee=(0, Fraction(1, 2)))
    assert player_terms(p, 1)["greed"] == Fraction(9, 10) * Fraction(1, 2) * 20


def test_kin_stake_adds_exactly_to_the_sucker_loss_only():
    p = SecurityParams(offense=(Fraction(9, 10), Fraction(1, 10)))
    with_kin = p.replace(kin_1=3)
    before, after = player_terms(p, 1), player_terms(with_kin, 1)
    assert after["S"] == before["S"] - 3
    assert (after["R"], after["T"], after["P"]) == (before["R"], before["T"], before["P"])
    # Serbia-like: a strong state facing a weak one fears only once its kin stake is large enough
    assert before["S"] > before["P"] and after["S"] < after["P"]


def test_provocation_adds_the_allies_offense_to_the_rivals():
    p = SecurityParams(offense=(Fraction(4, 5), Fraction(1, 5)), distinguishability=Fraction(1, 5), guarantee=(Fraction(1, 4), 0))
    q = Fraction(3, 10)
    fear = player_terms(p.replace(provocation_1=q), 1)["fear"]
    assert fear == (Fraction(1, 5) + q) * Fraction(4, 5) * Fraction(3, 4) * 10
    assert player_terms(p.replace(provocation_1=q), 2) == player_terms(p, 2)


def test_swapped_exchanges_the_new_pairs():
    p = SecurityParams(motive=(1, 2), kin=(3, 0), provocation=(0, Fraction(1, 2)))
    s = p.swapped()
    assert (s.motive, s.kin, s.provocation) == ((2, 1), (0, 3), (Fraction(1, 2), 0))


@pytest.mark.parametrize(
    "changes, name",
    [({"kin_1": -1}, "kin_1"), ({"motive_weight": 2}, "motive_weight"), ({"provocation": (0, -1)}, "provocation_2"),
     ({"motive": "lots"}, "motive_1")],
)
def test_bad_values_name_the_parameter(changes, name):
    with pytest.raises((ValueError, TypeError), match=name):
        SecurityParams().replace(**changes)


def test_kin_threshold_from_sympy_matches_the_exact_fear_boundary():
    p = SecurityParams(offense=(Fraction(9, 10), Fraction(1, 10)), distinguishability=Fraction(1, 5))
    assert threshold("kin_1", 1, "fear").value(p) == Fraction(6, 5)  # (c + w) - o_2 (1 - d) W = 2 - 4/5
    t = threshold("kin_1", 1, "fear")
    value = t.value(p)
    # at the threshold S = P exactly; a little more kin stake and player 1 fears
    at = player_terms(p.replace(kin_1=value), 1)
    assert at["S"] == at["P"]
    above = player_terms(p.replace(kin_1=value + Fraction(1, 100)), 1)
    assert above["S"] < above["P"]
    assert t.latex.startswith("e_{1} = ")
    assert "q_{1}" in t.full_latex and "q_{1}" not in t.latex
