"""How problem set 3 is graded: each autograded cell of ``misperception.md`` and its check.

References come from ``balkangames.beliefs`` (:mod:`balkangames.grading.checks`), computed in
the grader's process; the student's kernel only reports what its functions return.
"""

from balkangames.grading.checks import (
    Check,
    _parse_pi_star,
    _parse_type_profiles,
    _pi_star_reference,
    _same_function,
    _spiral_prior_calls,
    _type_equilibria_calls,
    parse_number,
)

CHECKS = {
    "q1-tests-hidden": Check("pi_star", _pi_star_reference, _parse_pi_star, _same_function, variable=True),
    "q2-tests-hidden": Check("type_equilibria", _type_equilibria_calls, _parse_type_profiles),
    "q3-tests-hidden": Check("spiral_ending_prior", _spiral_prior_calls, parse_number),
}
