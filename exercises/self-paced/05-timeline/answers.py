"""Exercises 5: the Serbia–Croatia timeline, 2008 and 2010.

Expected answers are built from the case files when a learner checks; none is stored.
"""

from balkangames.exercises.builders import (
    Exercise,
    case_game,
    classes_of,
    equilibria_exercise,
    payoffs_in,
    what_changed,
)

EXERCISES = [
    Exercise("05-payoffs-2010", "payoffs", "Croatia's R, S, T, P in 2010",
             lambda: payoffs_in(case_game("serbia-croatia", 2010), 1)),
    Exercise("05-classes-2008", "classes", "Serbia–Croatia classes in 2008",
             lambda: classes_of(case_game("serbia-croatia", 2008))),
    Exercise("05-classes-2010", "classes", "Serbia–Croatia classes in 2010",
             lambda: classes_of(case_game("serbia-croatia", 2010))),
    Exercise("05-what-changed", "choice", "which parameter changed between 2008 and 2010",
             what_changed("serbia-croatia", 2008, 2010)),
    Exercise("05-equilibria-2010", "equilibria", "all equilibria of Serbia–Croatia in 2010",
             equilibria_exercise(lambda: case_game("serbia-croatia", 2010))),
]
