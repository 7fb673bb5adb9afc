"""Exercises 4: alliances change equilibria (Serbia–Kosovo; North Macedonia–Albania).

Expected answers are built from the model and the case files when a learner checks; none is stored.
"""

from balkangames.exercises.builders import (
    Exercise,
    case_game,
    classes_of,
    equilibria_exercise,
    payoffs_in,
    threshold_exercise,
)

EXERCISES = [
    Exercise("04-guarantee-threshold", "expression", "a* where greed ends (T = R)",
             threshold_exercise("T=R", "a", ("o", "W", "b", "c"))),
    Exercise("04-payoffs-kosovo", "payoffs", "Kosovo's R, S, T, P in 2024",
             lambda: payoffs_in(case_game("serbia-kosovo", 2024), 1)),
    Exercise("04-classes", "classes", "Serbia's and Kosovo's classes in 2024",
             lambda: classes_of(case_game("serbia-kosovo", 2024))),
    Exercise("04-equilibria", "equilibria", "all equilibria of Serbia–Kosovo in 2024",
             equilibria_exercise(lambda: case_game("serbia-kosovo", 2024))),
    Exercise("04-lever-classes", "classes", "North Macedonia–Albania classes in 2020",
             lambda: classes_of(case_game("north-macedonia-albania", 2020))),
    Exercise("04-lever-equilibria", "equilibria", "North Macedonia–Albania equilibria in 2020",
             equilibria_exercise(lambda: case_game("north-macedonia-albania", 2020))),
]
