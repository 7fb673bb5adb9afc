"""Types and beliefs: the Bayesian game, its exact equilibria per type, the trust threshold."""

from fractions import Fraction
from itertools import product

import pytest
import sympy

from balkangames import analysis, beliefs
from balkangames.beliefs import (
    STRATEGIES,
    TYPES,
    bayesian_game,
    prior_regions,
    region_at,
    trust_belief,
)
from balkangames.model import ACTIONS, SYMBOLS, payoff_matrices, security_game
from balkangames.params import SecurityParams

STAG = SecurityParams(offense=Fraction(1, 2), distinguishability=Fraction(1, 5))  # fearful dyad
ASYM = SecurityParams(
    offense=(Fraction(7, 10), Fraction(3, 10)), distinguishability=Fraction(1, 5), guarantee=(0, Fraction(1, 2)),
    kin=(Fraction(3, 2), 0), provocation=(Fraction(1, 10), 0),
)
HALF = Fraction(1, 2)


def type_payoff(params, player, own_type, rival_type, own_action, rival_action):
    """A type's payoff, independently: the 2x2 game with the motives set by hand."""
    motives = {"security seeker": 0, "greedy": params.stakes}
    types = (own_type, rival_type) if player == 0 else (rival_type, own_type)
    A, B = payoff_matrices(params.replace(motive_weight=1, motive=tuple(motives[t] for t in types)))
    a, b = ACTIONS.index(own_action), ACTIONS.index(rival_action)
    return A[a][b] if player == 0 else B[b][a]


def interim(params, priors, player, own_type, own_action, rival_strategy):
    """Expected payoff of one type's action against a pure rival strategy, under its belief."""
    belief = {"security seeker": priors[player], "greedy": 1 - priors[player]}
    return sum(
        belief[t] * type_payoff(params, player, own_type, t, own_action, rival_strategy[k])
        for k, t in enumerate(TYPES)
    )


def pure_bayesian_equilibria(params, priors):
    """Brute force: pure strategy pairs where every type best-responds to its belief."""
    found = set()
    for s1, s2 in product(STRATEGIES, STRATEGIES):
        ok = True
        for player, own, rival in ((0, s1, s2), (1, s2, s1)):
            for k, t in enumerate(TYPES):
                chosen = interim(params, priors, player, t, own[k], rival)
                other = interim(params, priors, player, t, ACTIONS[1 - ACTIONS.index(own[k])], rival)
                ok &= chosen >= other
        if ok:
            found.add((s1, s2))
    return found


@pytest.mark.parametrize("params", [STAG, ASYM])
@pytest.mark.parametrize("priors", [(HALF, HALF), (Fraction(1, 10), Fraction(9, 10)), (1, 0), (Fraction(2, 3), 1)])
def test_pure_equilibria_match_brute_force(params, priors):
    game = bayesian_game(params, priors)
    pure = {(STRATEGIES[r], STRATEGIES[c]) for r, c in game.solve().pure_equilibria}
    assert pure == pure_bayesian_equilibria(params, priors)
    assert pure  # every finite game here has one


@pytest.mark.parametrize("priors", [(HALF, HALF), (Fraction(1, 10), Fraction(9, 10)), (Fraction(3, 10), Fraction(2, 5))])
def test_every_equilibrium_is_a_best_response_for_every_type(priors):
    game = bayesian_game(ASYM, priors)
    for eq in game.equilibria_by_type():
        for player in (0, 1):
            rival = eq.restrain[1 - player]
            for t in TYPES:
                belief = {"security seeker": game.priors[player], "greedy": 1 - game.priors[player]}

                def value(action, player=player, t=t, rival=rival, belief=belief):
                    return sum(
                        belief[r] * (rival[r] * type_payoff(ASYM, player, t, r, action, "restrain")
                                     + (1 - rival[r]) * type_payoff(ASYM, player, t, r, action, "arm"))
                        for r in TYPES
                    )

                q = eq.restrain[player][t]
                best = max(value("restrain"), value("arm"))
                assert q * value("restrain") + (1 - q) * value("arm") == best


def test_normal_form_entry_is_the_sum_of_each_types_expected_payoff():
    priors = (Fraction(1, 3), Fraction(3, 4))
    game = bayesian_game(ASYM, priors)
    A, B = game.normal_form
    s1, s2 = ("restrain", "arm"), ("arm", "arm")
    r, c = STRATEGIES.index(s1), STRATEGIES.index(s2)
    assert A[r][c] == sum(interim(ASYM, priors, 0, t, s1[k], s2) for k, t in enumerate(TYPES))
    assert B[r][c] == sum(interim(ASYM, priors, 1, t, s2[k], s1) for k, t in enumerate(TYPES))


def test_greedy_types_play_the_base_model():
    game = bayesian_game(STAG, (HALF, HALF))
    base = security_game(STAG)
    assert game.type_game(("greedy", "greedy")) == (base.A, base.B)


def test_sure_security_seekers_are_the_complete_information_game_between_them():
    game = bayesian_game(STAG, (1, 1))
    A, B = game.type_game(("security seeker", "security seeker"))
    seekers = security_game(STAG.replace(motive_weight=1))
    assert (A, B) == (seekers.A, seekers.B)
    assert seekers.classes() == {"row": "stag-hunt", "column": "stag-hunt"}
    # trust (both seekers restrain) and the spiral (both arm) are both equilibria
    assert region_at(STAG, (1, 1)) == 3


def test_trust_threshold_sympy_numeric_and_textbook_agree():
    for params in (STAG, ASYM):
        for player in (1, 2):
            game = bayesian_game(params, (HALF, HALF))
            A, B = game.type_game(("security seeker", "security seeker"))
            R, S, T, P = (A[0][0], A[0][1], A[1][0], A[1][1]) if player == 1 else (B[0][0], B[1][0], B[0][1], B[1][1])
            textbook = analysis.trust_threshold(R, S, T, P)
            assert beliefs.trust_belief_at(player, params) == textbook
            assert game.trust_threshold_value(player) == textbook
    # worked value: F = 1/2 * 4/5 * 10 = 4, so pi* = (F - c - w)/(b + F - w) = 2/5
    assert bayesian_game(STAG, (HALF, HALF)).trust_threshold_value(1) == Fraction(2, 5)
    latex = beliefs.trust_belief_latex(1)
    assert latex.startswith(r"\pi_{1}^* = \frac{") and "e_{1}" in latex


def test_trust_threshold_is_the_belief_where_a_security_seeker_is_indifferent():
    expression = trust_belief(2)
    pi = beliefs.PRIOR_SYMBOLS[1]
    values = dict(SYMBOLS)
    values["motive_weight"], values["motive_2"] = 1, 0
    from balkangames.model import evaluate_terms

    t = evaluate_terms(values, 2)
    gap = pi * (t["R"] - t["T"]) + (1 - pi) * (t["S"] - t["P"])
    assert sympy.simplify(gap.subs(pi, expression)) == 0


def test_the_spiral_below_the_threshold_and_trust_above_it():
    threshold = Fraction(2, 5)
    below, above = threshold - Fraction(1, 100), threshold + Fraction(1, 100)
    low = bayesian_game(STAG, (below, below), true_types=("security seeker", "security seeker"))
    assert low.spiral()
    assert low.outcomes() == [("arm", "arm")]
    assert "arms because it believes player 2 greedy with probability 61/100, above 3/5" in low.trust_sentence(1)
    high = bayesian_game(STAG, (above, above), true_types=("security seeker", "security seeker"))
    assert not high.spiral()
    assert ("restrain", "restrain") in high.outcomes()
    assert "can trust" in high.trust_sentence(2)
    # one mistrustful side is enough for the spiral
    assert bayesian_game(STAG, (below, 1)).spiral()


def test_misperception_is_the_probability_on_the_wrong_type():
    game = bayesian_game(STAG, (Fraction(1, 5), Fraction(9, 10)), true_types=("security seeker", "greedy"))
    assert game.misperception() == (Fraction(1, 5), Fraction(1, 10))  # 2 is greedy; 1 is a seeker
    assert bayesian_game(STAG, (HALF, HALF)).misperception() is None


def test_describe_gives_each_types_action_and_reason():
    game = bayesian_game(STAG, (Fraction(3, 4), Fraction(3, 4)), players=("serbia", "kosovo"))
    lines = game.describe()
    assert len(lines) == len(game.equilibria_by_type()) == 3
    assert lines[0].startswith(
        "Equilibrium 1: a security-seeking serbia restrains because it believes kosovo a security seeker "
        "with probability 3/4, at least 2/5"
    )
    assert "a greedy kosovo arms whatever it believes" in lines[0]


def test_regions_grid_matches_the_exact_solver():
    for params in (STAG, ASYM):
        xs, ys, codes = prior_regions(params, resolution=11)
        for ix in range(0, 11, 2):
            for iy in range(1, 11, 3):
                priors = (Fraction(ix, 10), Fraction(iy, 10))
                assert codes[iy, ix] == region_at(params, priors), (params, priors)
    assert set(prior_regions(STAG, 41)[2].ravel()) == {2, 3}


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: bayesian_game(STAG, (Fraction(3, 2), 0)), "prior_1"),
        (lambda: bayesian_game(STAG, 0.5), "priors must be a pair"),
        (lambda: bayesian_game(STAG, (0, 0), true_types=("saint", "greedy")), "saint"),
        (lambda: bayesian_game(STAG, (0, 0), greedy_motive=-1), "greedy_motive_1"),
        (lambda: bayesian_game({"stakes": 10}, (0, 0)), "SecurityParams"),
        (lambda: bayesian_game(STAG, (0, 0)).outcomes(), "true_types"),
        (lambda: trust_belief(3), "player must be 1 or 2"),
        (lambda: prior_regions(STAG, resolution=1), "resolution"),
    ],
)
def test_bad_input_is_named(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


@pytest.mark.parametrize("own_type", TYPES)
@pytest.mark.parametrize("rival", [("restrain", "arm"), ("arm", "restrain")])
def test_general_belief_threshold_in_sympy_matches_the_exact_game(own_type, rival):
    compared = 0
    for params in (STAG, ASYM):
        game = bayesian_game(params, (HALF, HALF), greedy_motive=Fraction(7))
        for player in (1, 2):
            expression = beliefs.belief_threshold(player, own_type, rival)
            at = {SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in params.flat().items()}
            at[SYMBOLS[f"motive_{player}"]] = 7
            value = expression.subs(at)
            rival_restrains = {t: Fraction(int(rival[k] == "restrain")) for k, t in enumerate(TYPES)}
            exact_value = game.belief_threshold(player - 1, own_type, rival_restrains)
            if exact_value is not None:  # None: the indifference point lies outside [0, 1]
                assert Fraction(int(value.p), int(value.q)) == exact_value
                compared += 1
    assert compared >= 1
    # the trust threshold is the security seeker's case against (restrain, arm)
    difference = beliefs.belief_threshold(1) - trust_belief(1)
    assert sympy.simplify(difference) == 0


# -- a threshold that can point either way says which way it points -------------------


def test_reversed_trust_threshold_is_read_at_most():
    """Issue 19: with a subsidy above b + c + k·m a security seeker is tempted by a restrainer
    (R − T < 0) yet restrains against an armer (S − P > 0). By hand, with the defaults and
    r_1 = 4, w = 6: R = 2, T = 3, S = −5/2, P = −3, so against a rival whose security seeker
    restrains and whose greedy type arms, restraint pays iff π(R − T) + (1 − π)(S − P) ≥ 0,
    i.e. −π + (1 − π)/2 ≥ 0, i.e. π ≤ 1/3: it restrains only when its belief is at most π*."""
    from balkangames.beliefs import type_params
    from balkangames.model import player_terms

    params = SecurityParams(subsidy=(4, 0), race_cost=6)
    seeker = type_params(params, ("security seeker", "security seeker"))
    t = player_terms(seeker, 1)
    assert (t["R"], t["T"], t["S"], t["P"]) == (2, 3, Fraction(-5, 2), -3)
    for prior, restrains in ((Fraction(1, 2), False), (Fraction(1, 4), True), (Fraction(1, 3), True)):
        game = bayesian_game(params, priors=(prior, Fraction(1, 2)))
        assert game.trust_threshold_value(1) == Fraction(1, 3)
        assert game.trust_direction(1) == "at most"
        gain_vs_seeker, gain_vs_greedy = game.advantage_of_restraint(0, "security seeker", {"security seeker": 1, "greedy": 0})
        assert (prior * gain_vs_seeker + (1 - prior) * gain_vs_greedy >= 0) == restrains
        sentence = game.trust_sentence(1)
        assert "whatever player 2 does" not in sentence
        assert "at most π* = 1/3" in sentence or "above π* = 1/3" in sentence
        assert ("restrains only while" in sentence) == restrains


def test_usual_trust_threshold_is_read_at_least():
    game = bayesian_game(SecurityParams(offense=Fraction(1, 2), distinguishability=Fraction(1, 5)),
                         priors=(Fraction(3, 4), Fraction(1, 4)))
    assert game.trust_direction(1) == "at least" and game.trust_threshold_value(1) == Fraction(2, 5)
    assert "at least its trust threshold π* = 2/5" in game.trust_sentence(1)
    assert "above 3/5" in game.trust_sentence(2)
    calm = bayesian_game(SecurityParams(guarantee=(1, 1)), priors=(Fraction(1, 2), Fraction(1, 2)))
    assert calm.trust_direction(1) is None and "whatever player 2 does" in calm.trust_sentence(1)
