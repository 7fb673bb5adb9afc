"""Self-paced exercise checkers: immediate feedback without revealing the answer.

Each checker takes the learner's answer and an exercise id and returns a
:class:`Feedback` (``✔ correct``, ``✘`` with hints, or ``… not answered yet``);
none raises on a wrong or missing answer. The expected answer is computed from
the model when the check runs (see :mod:`balkangames.exercises.registry`), so
the student notebook holds no answers.

>>> print(check_class(None, "01-class"))
… not answered yet
>>> print(check_equilibria([("restrain", "restrain")], "01-equilibria"))
✘ not all of these are equilibria
  - (restrain, restrain) is not an equilibrium: serbia gains by switching to arm
  - 1 pure equilibrium is missing

Answers are first read into trusted exact types by :mod:`~balkangames.exercises.answers`
(size-limited; subclasses and objects with their own ``==`` refused) and symbolic
answers are parsed without running them and decided exactly by
:mod:`~balkangames.exercises.expressions`; each check runs under a time limit.

>>> print(check_class("Hawk-Dove", "02-class"))
✘ not chicken for serbia
  - chicken needs T > R, but here T < R

Autograding of the nbgrader course lives apart, in :mod:`balkangames.grading`
(the ``grading`` extra; imported only by the grader, never by a graded kernel).
"""

from __future__ import annotations

from . import answers, compare, registry
from .feedback import Feedback

__all__ = [
    "Feedback", "check", "check_choice", "check_class", "check_classes", "check_equilibria",
    "check_expression", "check_number", "check_path", "check_payoffs", "describe", "symbols",
]

#: seconds a check may run (sizes are bounded anyway; this is the backstop)
TIME_LIMIT = 5

_COMPARATORS = {
    "payoffs": compare.compare_payoffs,
    "class": compare.compare_class,
    "classes": compare.compare_classes,
    "equilibria": compare.compare_equilibria,
    "number": compare.compare_number,
    "expression": compare.compare_expression,
    "choice": compare.compare_choice,
    "path": compare.compare_path,
}


def check(answer, exercise_id: str, **options) -> Feedback:
    """Check ``answer`` against exercise ``exercise_id`` with the comparison its kind needs.

    Args:
        answer: the learner's answer (None or ``...`` while unanswered).
        exercise_id: an id from :func:`balkangames.exercises.registry.ids`.
        **options: overrides for the comparison, e.g. ``tolerance`` for numbers.

    Returns:
        A :class:`Feedback`.

    Raises:
        ValueError: for an unknown exercise id (a mistake in the notebook, not in the answer).
    """
    exercise = registry.get(exercise_id)
    arguments = {**exercise.expected(), **options}
    try:
        with answers.time_limit(TIME_LIMIT):
            return _COMPARATORS[exercise.kind](answer, exercise=exercise_id, **arguments)
    except answers.Unreadable as error:  # a form no comparator anticipated: the reader says what it expected
        return Feedback("wrong", str(error), (), exercise_id)
    except answers.CheckTimeout:
        return Feedback("wrong", f"could not check this answer within {TIME_LIMIT:g} s",
                        ("simplify your answer and check again",), exercise_id)
    except Exception as error:  # noqa: BLE001 -- a learner's odd input must never stop the notebook
        # Only the error's type is shown: its message could quote the expected answer.
        return Feedback("wrong", f"could not check this answer ({type(error).__name__})",
                        ("compare its form with the format the question states",), exercise_id)


def _checker(kind: str):
    def checker(answer, exercise_id: str, **options) -> Feedback:
        exercise = registry.get(exercise_id)
        if exercise.kind != kind:
            raise ValueError(f"exercise {exercise_id!r} asks for {exercise.kind}, not {kind}: "
                             f"use check_{exercise.kind}() or check()")
        return check(answer, exercise_id, **options)

    checker.__name__ = f"check_{kind}"
    checker.__doc__ = (f"Check a {kind} answer against exercise ``exercise_id``; see :func:`check`.\n\n"
                       f"Raises:\n    ValueError: if the exercise does not ask for {kind}.")
    return checker


check_payoffs = _checker("payoffs")
check_class = _checker("class")
check_classes = _checker("classes")
check_equilibria = _checker("equilibria")
check_number = _checker("number")
check_expression = _checker("expression")
check_choice = _checker("choice")
check_path = _checker("path")


def describe(exercise_id: str) -> str:
    """One line: what exercise ``exercise_id`` asks for."""
    exercise = registry.get(exercise_id)
    return f"{exercise.id}: {exercise.question} ({exercise.kind})"


def symbols(names: str):
    """The sympy symbols the threshold exercises use, e.g. ``o, W, c, w = symbols("o W c w")``.

    Raises:
        ValueError: for a name no exercise uses.
    """
    chosen = []
    for name in names.split():
        if name not in registry.THRESHOLD_SYMBOLS:
            raise ValueError(f"no exercise uses the symbol {name!r}; choose from {', '.join(registry.THRESHOLD_SYMBOLS)}")
        chosen.append(registry.THRESHOLD_SYMBOLS[name])
    return tuple(chosen) if len(chosen) != 1 else chosen[0]
