"""Exercises 3: the offense–defense balance and Jervis's four worlds.

Expected answers are built from the model when a learner checks; none is stored.
"""

from fractions import Fraction

from balkangames import model
from balkangames.exercises.builders import (
    THRESHOLD_SYMBOLS,
    Exercise,
    equilibria_exercise,
    payoffs_in,
    payoffs_of,
    security_game,
    threshold_exercise,
)

#: the lever: defense dominant and postures fairly easy to tell apart
DEFENSIVE = dict(offense=Fraction(1, 4), distinguishability=Fraction(1, 2))
FEAR_THRESHOLD = threshold_exercise("S=P", "d", ("o", "W", "c", "w"))


def jervis_classes() -> dict:
    """The class of the row player in each of Jervis's four worlds."""
    games = {world: model.jervis_world(world) for world in (1, 2, 3, 4)}
    return {"expected": {world: g.classes()[g.players[0]] for world, g in games.items()},
            "payoffs": {world: payoffs_of(g) for world, g in games.items()}}


def fear_threshold_value() -> dict:
    """d* at o = 1/4 (W = 10, c = w = 1)."""
    s = THRESHOLD_SYMBOLS
    value = FEAR_THRESHOLD()["expected"].subs({s["o"]: Fraction(1, 4), s["W"]: 10, s["c"]: 1, s["w"]: 1})
    return {"expected": Fraction(str(value)), "tolerance": Fraction(1, 1000)}


EXERCISES = [
    Exercise("03-payoffs-world1", "payoffs", "the row player's R, S, T, P in world 1",
             lambda: payoffs_in(model.jervis_world(1), 0)),
    Exercise("03-world-classes", "classes", "the class of each Jervis world", jervis_classes),
    Exercise("03-equilibria-world3", "equilibria", "all equilibria of world 3",
             equilibria_exercise(lambda: model.jervis_world(3))),
    Exercise("03-fear-threshold", "expression", "d* where fear ends (S = P)", FEAR_THRESHOLD),
    Exercise("03-fear-threshold-value", "number", "d* at o = 1/4", fear_threshold_value),
    Exercise("03-lever-equilibria", "equilibria", "all equilibria with o = 1/4, d = 1/2",
             equilibria_exercise(lambda: security_game(**DEFENSIVE))),
]
