"""How problem set 1 is graded: each autograded cell of ``security-dilemma.md`` and its check.

The grader draws the inputs at grading time, calls the student's function on them in the
sandboxed kernel (where ``balkangames`` does not exist) and compares the reported data, in its
own process, with references computed from the package (:mod:`balkangames.grading.checks`).
"""

from balkangames.grading.checks import (
    Check,
    _classify_calls,
    _equilibria_calls,
    _parse_class_name,
    _parse_payoffs,
    _parse_profiles,
    _payoff_calls,
)

CHECKS = {
    "q1-tests-hidden": Check("payoffs", _payoff_calls, _parse_payoffs),
    "q2-tests-hidden": Check("classify", _classify_calls, _parse_class_name),
    "q3-tests-hidden": Check("pure_equilibria", _equilibria_calls, _parse_profiles),
}
