"""How problem set 2 is graded: each autograded cell of ``alliances-thresholds.md`` and its check.

Inputs are drawn at grading time; the references come from the package
(:mod:`balkangames.grading.checks`); symbolic answers are rebuilt from a whitelist and
compared at random exact points, in a bounded child process of the grader.
"""

from balkangames.grading.checks import (
    Check,
    _a_star_reference,
    _grim_calls,
    _parse_a_star,
    _same_function,
    _trust_calls,
    parse_number,
)

CHECKS = {
    "q1-tests-hidden": Check("restrain_probability", _trust_calls, parse_number),
    "q2-tests-hidden": Check("a_star", _a_star_reference, _parse_a_star, _same_function, variable=True),
    "q3-tests-hidden": Check("grim_delta", _grim_calls, parse_number),
}
