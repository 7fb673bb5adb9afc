"""Exercises 1: the Serbia–Croatia arms competition as a Prisoner's Dilemma.

Expected answers are built from the model when a learner checks; none is stored.
"""

from fractions import Fraction

from balkangames.exercises.builders import (
    Exercise,
    class_exercise,
    equilibria_exercise,
    payoff_exercise,
    security_game,
)

#: the notebook's symmetric dyad: offense dominant (o = 4/5), postures hard to tell apart (d = 1/10)
PD_PARAMS = dict(offense=Fraction(4, 5), distinguishability=Fraction(1, 10))
#: the lever: both in one alliance that penalises arming against an ally by k = 6
ONE_ALLIANCE = dict(PD_PARAMS, same_alliance=True, alliance_penalty=6)

EXERCISES = [
    Exercise("01-payoffs", "payoffs", "Serbia's R, S, T, P", payoff_exercise(PD_PARAMS)),
    Exercise("01-class", "class", "Serbia's class", class_exercise(PD_PARAMS)),
    Exercise("01-equilibria", "equilibria", "all equilibria",
             equilibria_exercise(lambda: security_game(**PD_PARAMS))),
    Exercise("01-lever-class", "class", "Serbia's class in one alliance with k = 6", class_exercise(ONE_ALLIANCE)),
    Exercise("01-lever-equilibria", "equilibria", "all equilibria in one alliance with k = 6",
             equilibria_exercise(lambda: security_game(**ONE_ALLIANCE))),
]
