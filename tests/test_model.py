"""The security-dilemma model: named games, Jervis's worlds, alliances, exact = symbolic payoffs."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import balkangames as bg
from balkangames.model import (
    SYMBOLS,
    WORLD_BASE,
    payoff_matrices,
    posture_game,
    posture_payoffs,
    symbolic_payoffs,
)
from balkangames.params import PARAMETERS, SecurityParams

unit = st.fractions(min_value=0, max_value=1, max_denominator=20)
nonneg = st.fractions(min_value=0, max_value=10, max_denominator=10)


@st.composite
def security_params(draw):
    return SecurityParams(
        stakes=draw(st.fractions(min_value=Fraction(1, 2), max_value=20, max_denominator=4)),
        offense=(draw(unit), draw(unit)),
        distinguishability=draw(unit),
        arming_cost=draw(nonneg),
        race_cost=draw(nonneg),
        restraint_value=draw(nonneg),
        guarantee=(draw(unit), draw(unit)),
        same_alliance=draw(st.booleans()),
        alliance_penalty=draw(nonneg),
        subsidy=(draw(nonneg), draw(nonneg)),
    )


@pytest.mark.parametrize(
    "constructor, name",
    [
        (bg.prisoners_dilemma, "prisoners-dilemma"),
        (bg.stag_hunt, "stag-hunt"),
        (bg.chicken, "chicken"),
        (bg.harmony, "harmony"),
        (bg.deadlock, "deadlock"),
    ],
)
def test_named_games_classify_as_their_names_say(constructor, name):
    game = constructor(players=("a", "b"))
    assert game.classes() == {"a": name, "b": name}
    # and the textbook ordering holds literally, for both players
    for player in ("a", "b"):
        p = game.payoffs_of(player)
        ordering = {
            "prisoners-dilemma": p.T > p.R > p.P > p.S,
            "stag-hunt": p.R > p.T > p.P > p.S,
            "chicken": p.T > p.R > p.S > p.P,
            "harmony": p.R > p.T and p.S > p.P,
            "deadlock": p.T > p.P > p.R > p.S,
        }[name]
        assert ordering


def test_four_worlds_match_the_model_notes():
    expected = {1: "prisoners-dilemma", 2: "stag-hunt", 3: "chicken", 4: "harmony"}
    levers = {1: ("0.8", "0.1"), 2: ("0.25", "0.1"), 3: ("0.8", "0.9"), 4: ("0.25", "0.9")}
    for world, name in expected.items():
        game = bg.jervis_world(world)
        o, d = (Fraction(x) for x in levers[world])
        assert game.params == SecurityParams(stakes=10, restraint_value=2, arming_cost=1, race_cost=1, offense=o, distinguishability=d)
        assert set(game.classes().values()) == {name}


def test_world_one_is_a_prisoners_dilemma_with_mutual_arming():
    solution = bg.jervis_world(1).solve()
    assert solution.equilibria == ((( Fraction(0), Fraction(1)), (Fraction(0), Fraction(1))),)


def test_world_two_stag_hunt_has_both_pure_equilibria_and_a_mixed_one_at_one_third():
    solution = bg.jervis_world(2).solve()
    restrain, arm = (Fraction(1), Fraction(0)), (Fraction(0), Fraction(1))
    mixed = (Fraction(1, 3), Fraction(2, 3))
    assert set(solution.equilibria) == {(restrain, restrain), (arm, arm), (mixed, mixed)}


def test_world_three_chicken_and_world_four_harmony():
    chicken = bg.jervis_world(3).solve()
    assert {(r.index(1) if 1 in r else None, c.index(1) if 1 in c else None) for r, c in chicken.equilibria} >= {(0, 1), (1, 0)}
    assert bg.jervis_world(4).solve().equilibria == (((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0))),)


def test_offense_defense_names_the_same_worlds():
    assert bg.offense_defense(True, False) == bg.jervis_world(1)
    assert bg.offense_defense(False, True) == bg.jervis_world(4)
    with pytest.raises(ValueError, match="world must be 1, 2, 3 or 4"):
        bg.jervis_world(5)


def test_same_alliance_penalty_turns_the_model_notes_dilemma_into_harmony():
    base = WORLD_BASE.replace(offense=Fraction(2, 5), distinguishability=Fraction(1, 5))
    assert set(bg.security_game(base).classes().values()) == {"prisoners-dilemma"}
    allied = base.replace(same_alliance=True, alliance_penalty=3)
    assert set(bg.security_game(allied).classes().values()) == {"harmony"}


def test_alliance_configurations_through_the_parameters():
    base = WORLD_BASE.replace(offense=Fraction(2, 5), distinguishability=Fraction(1, 5))
    none = bg.with_alliances(base, members=(False, False))
    one = bg.with_alliances(base, members=(True, False))
    both = bg.with_alliances(base, members=(True, True))
    patron = bg.with_alliances(base, members=(False, False), patron=(3, 0))
    assert none.guarantee == (0, 0) and not none.same_alliance
    assert one.guarantee == (Fraction(9, 10), 0) and not one.same_alliance
    assert both.same_alliance and both.alliance_penalty == 3
    # one member: the guarantee takes the member's fear away while the outsider still fears
    # the member; the dilemma is one-sided (the thesis's typology)
    game = bg.security_game(one, players=("member", "outsider"))
    member, outsider = game.payoffs_of("member"), game.payoffs_of("outsider")
    assert member.S > member.P and outsider.P > outsider.S
    # neither: both fear
    nobody = bg.security_game(none)
    assert all(nobody.payoffs_of(i).P > nobody.payoffs_of(i).S for i in (0, 1))
    # a patron's subsidy big enough to pay for the whole arms race creates Deadlock
    big_patron = base.replace(subsidy=(base.restraint_value + base.arming_cost + base.race_cost + 1, 0))
    assert bg.security_game(big_patron).classes()["row"] == "deadlock"
    assert bg.security_game(patron).classes()["row"] != "harmony"


@settings(max_examples=200, deadline=None)
@given(security_params())
def test_exact_and_symbolic_payoffs_agree(params):
    A, B = payoff_matrices(params)
    SA, SB = symbolic_payoffs()
    values = {SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in params.flat().items()}
    for exact_matrix, symbolic_matrix in ((A, SA), (B, SB)):
        for r in range(2):
            for c in range(2):
                value = symbolic_matrix[r, c].subs(values)
                assert Fraction(int(value.p), int(value.q)) == exact_matrix[r][c]


@settings(max_examples=60, deadline=None)
@given(security_params())
def test_posture_game_reduces_to_the_two_by_two_game(params):
    A2, B2 = payoff_matrices(params)
    A3, B3 = posture_payoffs(params, ("restrain", "offend"))
    assert (A2, B2) == (A3, B3)


def _best_replies_to(game, column_posture):
    column = game.actions[1].index(column_posture)
    payoffs = [game.A[r][column] for r in range(3)]
    best = max(payoffs)
    return {game.actions[0][r] for r in range(3) if payoffs[r] == best}


def test_distinguishable_defence_does_not_threaten():
    # Jervis's point: a defensive build-up provokes arming when postures look alike and is
    # answered by restraint when they can be told apart; an offensive one is never answered by restraint
    # while fear lasts.
    blurred = posture_game(WORLD_BASE.replace(offense=Fraction(1, 4), distinguishability=Fraction(1, 10)))
    clear = posture_game(WORLD_BASE.replace(offense=Fraction(1, 4), distinguishability=Fraction(9, 10)))
    assert "restrain" not in _best_replies_to(blurred, "defend")
    assert _best_replies_to(clear, "defend") == {"restrain"}
    assert "restrain" not in _best_replies_to(blurred, "offend")


def test_posture_game_is_solved_as_a_three_by_three_game():
    game = posture_game(WORLD_BASE.replace(offense=Fraction(4, 5), distinguishability=Fraction(1, 10)))
    assert game.shape == (3, 3) and game.actions[0] == ("restrain", "defend", "offend")
    for row_mix, col_mix in game.solve().equilibria:
        assert game.solve().is_equilibrium(row_mix, col_mix)


def test_parameters_table_is_complete_and_flat_round_trips():
    params = SecurityParams(offense=(Fraction(1, 3), Fraction(2, 3)), subsidy=(1, 0), same_alliance=True)
    assert list(params.flat()) == list(PARAMETERS)
    assert SecurityParams.from_flat(params.flat()) == params
    assert params.swapped().offense == (Fraction(2, 3), Fraction(1, 3))
    assert params.swapped().swapped() == params


def test_swapping_players_transposes_the_game():
    params = SecurityParams(offense=(Fraction(1, 3), Fraction(4, 5)), guarantee=(0, Fraction(1, 2)), subsidy=(2, 0))
    A, B = payoff_matrices(params)
    A2, B2 = payoff_matrices(params.swapped())
    transpose = lambda M: tuple(zip(*M))  # noqa: E731
    assert A2 == transpose(B) and B2 == transpose(A)


# -- payoffs written out by hand from the model notes (not from evaluate_terms) -------
#
# kappa_i = c + k m - r_i, G_i = o_i (1 - a_j) W, F_i = o_j (1 - d)(1 - a_i) W;
# R = b, T = G - kappa, S = -F, P = -kappa - w. Each case below is worked on paper.

HALF, F = Fraction(1, 2), Fraction


def by_hand_cases():
    return [
        (   # Jervis's world 2 (model notes): o = 1/4, d = 1/10; kappa = 1, G = 5/2, F = 9/4
            WORLD_BASE.replace(offense=F(1, 4), distinguishability=F(1, 10)),
            {"R": 2, "T": F(3, 2), "S": F(-9, 4), "P": -2},
            {"R": 2, "T": F(3, 2), "S": F(-9, 4), "P": -2},
        ),
        (   # Jervis's world 3 (Chicken): o = 4/5, d = 9/10; G = 8, F = 4/5
            WORLD_BASE.replace(offense=F(4, 5), distinguishability=F(9, 10)),
            {"R": 2, "T": 7, "S": F(-4, 5), "P": -2},
            {"R": 2, "T": 7, "S": F(-4, 5), "P": -2},
        ),
        (   # Serbia-Kosovo 2022: o = (82/85, 3/85), d = 1/5, a = (0, 1/2), r = (1/2, 0).
            # Serbia: kappa = 1/2, G = (82/85)(1/2)(10) = 82/17, F = (3/85)(4/5)(10) = 24/85.
            # Kosovo: kappa = 1, G = (3/85)(10) = 6/17, F = (82/85)(4/5)(1/2)(10) = 328/85.
            WORLD_BASE.replace(
                offense=(F(82, 85), F(3, 85)), distinguishability=F(1, 5),
                guarantee=(0, HALF), subsidy=(HALF, 0),
            ),
            {"R": 2, "T": F(82, 17) - HALF, "S": F(-24, 85), "P": F(-3, 2)},
            {"R": 2, "T": F(6, 17) - 1, "S": F(-328, 85), "P": -2},
        ),
        (   # both in one alliance, o = 2/5, d = 1/5, m = 1, k = 3: kappa = 4, G = 4, F = 16/5
            WORLD_BASE.replace(offense=F(2, 5), distinguishability=F(1, 5), same_alliance=True, alliance_penalty=3),
            {"R": 2, "T": 0, "S": F(-16, 5), "P": -5},
            {"R": 2, "T": 0, "S": F(-16, 5), "P": -5},
        ),
    ]


@pytest.mark.parametrize("params, row, column", by_hand_cases())
def test_payoffs_match_the_hand_derivation(params, row, column):
    game = bg.security_game(params)
    for player, expected in ((0, row), (1, column)):
        assert game.payoffs_of(player).as_dict() == {k: Fraction(v) for k, v in expected.items()}


def test_equilibria_derived_by_hand():
    restrain, arm = (F(1), F(0)), (F(0), F(1))
    stag, chicken, kosovo, allied = (bg.security_game(p) for p, _, _ in by_hand_cases())
    # Stag Hunt: indifference (P - S) / ((R - T) + (P - S)) = (1/4) / (3/4) = 1/3
    assert set(stag.solve().equilibria) == {(restrain, restrain), (arm, arm), ((F(1, 3), F(2, 3)),) * 2}
    # Chicken: q R + (1 - q) S = q T + (1 - q) P  ->  q (2 + 4/5) - 4/5 = 9 q - 2  ->  q = 6/31
    mixed = (F(6, 31), F(25, 31))
    assert set(chicken.solve().equilibria) == {(restrain, arm), (arm, restrain), (mixed, mixed)}
    # Serbia (Chicken) vs Kosovo (Stag Hunt): only a mixed equilibrium. Serbia restrains with
    # p making Kosovo indifferent: p (328/85 + 55/85) = 158/85, p = 158/383; Kosovo restrains
    # with q making Serbia indifferent: 207 = 602 q, q = 207/602.
    assert kosovo.solve().equilibria == (((F(158, 383), F(225, 383)), (F(207, 602), F(395, 602))),)
    assert allied.solve().equilibria == ((restrain, restrain),)


def test_kfor_lowers_serbias_restraint_the_tsebelis_effect():
    """Without KFOR (a_Kosovo = 0) Kosovo's fear is 656/85 and Serbia restrains with
    p = (656/85 - 2) / (656/85 + 55/85) = 486/711 = 54/79; with KFOR, 158/383 < 54/79:
    protecting Kosovo changes *Serbia's* mix, because mixes are set by the other's payoffs."""
    params = by_hand_cases()[2][0]
    without = bg.security_game(params.replace(guarantee=(0, 0))).solve().equilibria
    assert [eq[0][0] for eq in without] == [F(54, 79)]
    assert F(158, 383) < F(54, 79)


def test_offense_shares_derived_by_hand():
    """Strength (143 - rank) / 142: Serbia 82/142, Kosovo 3/142, so shares 82/85 and 3/85."""
    from balkangames.cases.rules import offense_shares

    assert offense_shares(61, 140, 142) == (F(82, 85), F(3, 85))
    assert offense_shares(61, 123, 142) == (F(82, 102), F(20, 102))
