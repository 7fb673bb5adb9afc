"""Bad input to the solver: a ValueError that names the problem, never a raw traceback."""

import math

import numpy as np
import pytest

from balkangames.solver import is_nash_equilibrium, solve

GOOD = [[1, 0], [0, 1]]

BAD_GAMES = [
    # (A, B, words the message must contain)
    ([[1, math.nan], [0, 1]], GOOD, r"A \(row player's payoffs\)\[0\]\[1\] must be a finite number, got nan"),
    (GOOD, [[1, 0], [math.inf, 1]], r"B \(column player's payoffs\)\[1\]\[0\] must be a finite number, got inf"),
    (np.array([[1.0, -np.inf], [0, 1]]), None, r"\[0\]\[1\] must be a finite number"),
    ([[1, "a"], [0, 1]], GOOD, r"\[0\]\[1\] must be a number, got the text 'a'"),
    ([[1, "2"], [0, 1]], GOOD, r"\[0\]\[1\] must be a number, got the text '2'"),
    (np.array([["1", "2"], ["3", "4"]]), None, "must hold numbers, got an array of text"),
    ("abc", None, "must be a list of rows"),
    ([[1, None], [0, 1]], GOOD, r"\[0\]\[1\] must be a real number, got None"),
    (None, GOOD, r"A \(row player's payoffs\) must be a list of rows"),
    (GOOD, [[1, 0], [0, True]], r"B .*\[1\]\[1\] must be a real number, got True"),
    ([[1, 2], [3]], GOOD, "ragged: row 0 has 2 entries but row 1 has 1"),
    (GOOD, [[1, 2, 3], [4, 5, 6]], "same shape.*got A 2x2 and B 2x3"),
    ([], None, "is empty"),
    ([[]], None, "row 0 is empty"),
    (np.zeros((2, 2, 2)), None, "must be a 2-d table of payoffs"),
    (np.zeros(3), None, "must be a 2-d table of payoffs"),
    ([[1j, 0], [0, 1]], None, r"\[0\]\[0\] must be a real number"),
    (7, None, "must be a list of rows"),
]


@pytest.mark.parametrize(("A", "B", "message"), BAD_GAMES)
def test_bad_games_raise_value_errors_naming_the_problem(A, B, message):
    with pytest.raises(ValueError, match=message):
        solve(A, B)
    with pytest.raises(ValueError, match=message):
        is_nash_equilibrium(A, B, [1, 0], [1, 0])


@pytest.mark.parametrize(
    ("row_mix", "col_mix", "message"),
    [
        ([1, 0, 0], [1, 0], "row_mix must have 2 probabilities"),
        ([0.5, 0.6], [1, 0], "row_mix must sum to 1"),
        ([1, 0], [-0.5, 1.5], r"col_mix\[0\] must be in \[0, 1\]"),
        ([1, 0], [math.nan, 1], r"col_mix\[0\] must be a finite number"),
        ([1, 0], "10", "col_mix must be a list of 2 probabilities"),
    ],
)
def test_bad_mixes_raise_value_errors(row_mix, col_mix, message):
    solution = solve(GOOD, GOOD)
    with pytest.raises(ValueError, match=message):
        solution.is_equilibrium(row_mix, col_mix)
    with pytest.raises(ValueError, match=message):
        solution.expected_payoffs(row_mix, col_mix)


def test_one_action_games_are_fine():
    solution = solve([[3, 1, 2]], [[0, 5, 5]])
    assert solution.pure_equilibria == [(0, 1), (0, 2)]
    assert solution.degenerate  # the column has two best responses to a pure strategy
    assert len(solve([[1]], [[1]])) == 1
