"""Exercises 6: the shadow of the future (grim trigger) and the fait accompli.

Expected answers are built from the model and the game tree when a learner checks; none is stored.
"""

from fractions import Fraction

from balkangames import analysis
from balkangames.exercises.builders import Exercise, payoffs_of, security_game

#: the Prisoner's Dilemma of exercises 1
PD_PARAMS = dict(offense=Fraction(4, 5), distinguishability=Fraction(1, 10))
#: the fait-accompli game: prize x, the defender's chance p0 of winning a fight, the costs and the ally's help h
FAIT_ACCOMPLI = dict(x=10, p0=Fraction(1, 2), c_challenger=1, c_defender=2, h=4)


def grim_delta() -> dict:
    """δ* above which grim trigger sustains restraint in the problem-1 game."""
    payoffs = payoffs_of(security_game(**PD_PARAMS))
    expected = analysis.grim_trigger_delta(payoffs["R"], payoffs["T"], payoffs["P"])
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is 1 − δ*: compare the one-off gain T − R with the loss T − P"}}


def fait_accompli_tree(alpha=0, attribution=1):
    """The game tree with ally involvement ``alpha`` and ``attribution`` of the seizure."""
    from balkangames.sequential import fait_accompli

    return fait_accompli(alpha=alpha, attribution=attribution, **FAIT_ACCOMPLI)


def resist_payoff() -> dict:
    """The defender's payoff when it resists a seizure, with no ally."""
    from balkangames.sequential import RESIST, SEIZE

    resisted = fait_accompli_tree().child(SEIZE).child(RESIST)
    return {"expected": resisted.payoffs[1], "tolerance": Fraction(1, 1000),
            "mistakes": {-resisted.payoffs[1]: "check the sign: resisting costs the defender"}}


def deterrence_threshold() -> dict:
    """The ally involvement α from which the challenger is deterred."""
    from balkangames.sequential import fait_accompli_thresholds

    return {"expected": fait_accompli_thresholds(**FAIT_ACCOMPLI).challenger_deterred_from,
            "tolerance": Fraction(1, 1000)}


EXERCISES = [
    Exercise("06-grim-delta", "number", "δ* for Serbia in the problem-1 game", grim_delta),
    Exercise("06-resist-payoff", "number", "the defender's payoff when it resists, with no ally", resist_payoff),
    Exercise("06-fait-accompli-path", "path", "backward-induction path with no ally",
             lambda: {"tree": fait_accompli_tree()}),
    Exercise("06-deterrence-threshold", "number", "α from which the challenger is deterred", deterrence_threshold),
    Exercise("06-lever-path", "path", "path with α = 1/2, fully attributed",
             lambda: {"tree": fait_accompli_tree(alpha=Fraction(1, 2))}),
    Exercise("06-hybrid-path", "path", "path with α = 1/2 but attribution 1/2 (deniable action)",
             lambda: {"tree": fait_accompli_tree(alpha=Fraction(1, 2), attribution=Fraction(1, 2))}),
]
