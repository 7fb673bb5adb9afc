"""Exercises 7: types, beliefs and the spiral (the model's second layer).

Expected answers are built from the game of beliefs and the case files when a learner checks;
none is stored.
"""

from fractions import Fraction

import sympy

from balkangames import beliefs, model
from balkangames.exercises.builders import THRESHOLD_DOMAIN, THRESHOLD_SYMBOLS, Exercise, layered
from balkangames.game import Game
from balkangames.params import SecurityParams, by_symbol

#: the made-up dyad of exercises 7 (labelled modelling assumption, no real pair): a kin stake on both
#: sides makes each security seeker fear the other, so mistrust alone decides between trust and the spiral
BELIEFS_PARAMS = dict(offense=Fraction(2, 5), distinguishability=Fraction(1, 5), kin=(1, 1))
BELIEFS_PLAYERS = ("east", "west")
#: a type strategy's name: the action of the security seeker, then of the greedy type ("restrain-arm")
TYPE_STRATEGY_NAMES = tuple("-".join(strategy) for strategy in beliefs.STRATEGIES)
MISTRUST_OPTIONS = ("both", "neither")


def trust_threshold() -> dict:
    """π* of a security seeker in the symmetric dyad with kin stake e, from the game of beliefs."""
    s = THRESHOLD_SYMBOLS
    # everything else off: no alliance, no subsidy, no provocation (the threshold sets the motives itself)
    names = by_symbol({**{k: s[k] for k in ("o", "W", "b", "c", "w", "d")}, "e_1": s["e"]})
    values = {model.SYMBOLS[name]: value for name, value in names.items()}
    expected = sympy.factor(beliefs.trust_belief(1).subs(values))
    symbols = ("o", "d", "W", "b", "c", "w", "e")
    return {"expected": expected, "symbols": {k: s[k] for k in symbols}, "solve_for": "p",
            "domain": {k: THRESHOLD_DOMAIN[k] for k in symbols}}


def beliefs_game(priors):
    """The made-up dyad's game of beliefs with ``priors``."""
    return beliefs.bayesian_game(SecurityParams(**BELIEFS_PARAMS), priors, players=BELIEFS_PLAYERS)


def trust_threshold_value() -> dict:
    """π* at o = 2/5, d = 1/5, e = 1."""
    expected = beliefs_game((Fraction(1, 2), Fraction(1, 2))).trust_threshold_value(1)
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is the belief that the rival is greedy; π* is a belief that it "
                                       "is a security seeker"}}


def type_strategy_game(game) -> Game:
    """The normal form of a game of beliefs with its strategies named (security seeker's action first).

    >>> g = type_strategy_game(beliefs.bayesian_game(SecurityParams(), (Fraction(1, 2), Fraction(1, 2))))
    >>> g.actions[0]
    ('restrain-restrain', 'restrain-arm', 'arm-restrain', 'arm-arm')
    """
    A, B = game.normal_form
    return Game(A, B, players=game.players, actions=(TYPE_STRATEGY_NAMES, TYPE_STRATEGY_NAMES))


def spiral_ending_prior(case_id, year):
    """The smallest prior of the one player whose mistrust alone keeps the case's spiral going."""
    def build():
        game = layered(case_id, year).bayesian_game()
        thresholds = [game.trust_threshold_value(player) for player in (1, 2)]
        mistrustful = [i for i in (0, 1) if thresholds[i] is not None and game.priors[i] < thresholds[i]]
        if len(mistrustful) != 1 or not game.spiral():
            raise RuntimeError(f"{case_id} {year}: the question needs a spiral kept by one player's belief")
        i = mistrustful[0]
        return {"expected": thresholds[i], "tolerance": Fraction(1, 1000),
                "mistakes": {1 - thresholds[i]: "that is a belief that the rival is greedy; the question asks "
                                                "for the belief that it is a security seeker"}}
    return build


def whose_mistrust(case_id, year):
    """Which player's belief is below its trust threshold."""
    def build():
        from balkangames.exercises.answers import key

        lc = layered(case_id, year)
        game = lc.bayesian_game()
        # mistrust arms a security seeker only where its threshold reads "at least" (beliefs.trust_direction)
        below = [lc.players[i] for i in (0, 1) if game.trust_direction(i + 1) == "at least"
                 and game.priors[i] < game.trust_threshold_value(i + 1)]
        expected = {0: "neither", 1: below[0] if below else None, 2: "both"}[len(below)]
        options = (*lc.players, *MISTRUST_OPTIONS)
        return {"expected": expected, "choices": {key(option): option for option in options}, "options": options,
                "hint": "compare each state's prior with its own trust threshold π*"}
    return build


EXERCISES = [
    Exercise("07-trust-threshold", "expression", "π* where a security seeker restrains, with kin stake e",
             trust_threshold),
    Exercise("07-trust-threshold-value", "number", "π* at o = 2/5, d = 1/5, e = 1", trust_threshold_value),
    Exercise("07-equilibria-spiral", "equilibria", "all Bayesian equilibria with priors 3/5 and 1/4",
             lambda: {"game": type_strategy_game(beliefs_game((Fraction(3, 5), Fraction(1, 4))))}),
    Exercise("07-equilibria-trust", "equilibria", "all Bayesian equilibria with priors 3/4 and 3/4",
             lambda: {"game": type_strategy_game(beliefs_game((Fraction(3, 4), Fraction(3, 4))))}),
    Exercise("07-spiral-prior", "number", "the prior of Bosnia's that ends the Serbia–Bosnia spiral in 2022",
             spiral_ending_prior("serbia-bosnia", 2022)),
    Exercise("07-lever-mistrust", "choice", "whose belief is below its trust threshold, Serbia–Kosovo 2025",
             whose_mistrust("serbia-kosovo", 2025)),
]
