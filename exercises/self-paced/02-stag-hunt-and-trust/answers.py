"""Exercises 2: Stag Hunt, its mixed equilibrium and risk dominance.

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

#: security seekers: defense dominant (o = 1/4), postures hard to tell apart (d = 1/10)
SH_PARAMS = dict(offense=Fraction(1, 4), distinguishability=Fraction(1, 10))
#: the lever: postures easy to tell apart
MORE_VISIBLE = dict(SH_PARAMS, distinguishability=Fraction(9, 10))


def mixed_restrain_probability() -> dict:
    """Croatia's probability of restraint in the mixed equilibrium."""
    game = security_game(**SH_PARAMS)
    mixed = [e for e in game.solve().equilibria if all(0 < p < 1 for mix in e for p in mix)]
    restrain = game.actions[1].index("restrain")
    expected = mixed[0][1][restrain]
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is the probability of arming; the question asks for restraining"}}


def risk_dominant() -> dict:
    """The risk-dominant equilibrium (Harsanyi & Selten 1988)."""
    from balkangames import analysis

    game = security_game(**SH_PARAMS)
    dominant = analysis.risk_dominance(game.A, game.B).dominant
    names = {(0, 0): "restrain", (1, 1): "arm"}
    choices = {"(restrain, restrain)": "restrain", "restrain": "restrain", "mutual-restraint": "restrain",
               "(arm, arm)": "arm", "arm": "arm", "arms-race": "arm", "neither": None, "tie": None, "none": None}
    return {"expected": names.get(dominant), "choices": choices, "profile_actions": game.actions[0],
            "options": ("(restrain, restrain)", "(arm, arm)", "neither"),
            "hint": "compare the products of the deviation losses (R − T)² and (P − S)²"}


EXERCISES = [
    Exercise("02-payoffs", "payoffs", "Serbia's R, S, T, P", payoff_exercise(SH_PARAMS)),
    Exercise("02-class", "class", "Serbia's class", class_exercise(SH_PARAMS)),
    Exercise("02-equilibria", "equilibria", "all equilibria", equilibria_exercise(lambda: security_game(**SH_PARAMS))),
    Exercise("02-mixed-probability", "number", "Croatia's probability of restraint in the mixed equilibrium",
             mixed_restrain_probability),
    Exercise("02-risk-dominance", "choice", "the risk-dominant equilibrium", risk_dominant),
    Exercise("02-lever-equilibria", "equilibria", "all equilibria with d = 9/10",
             equilibria_exercise(lambda: security_game(**MORE_VISIBLE))),
]
