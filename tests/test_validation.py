"""Bad input gets a clear ValueError naming the value and what was expected."""

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import balkangames as bg
from balkangames.params import SecurityParams
from balkangames.validation import exact, payoff_matrices, probability_vector


def test_floats_are_read_from_their_decimal_form():
    assert exact(0.1) == Fraction(1, 10)
    assert exact(np.float64(0.3)) == Fraction(3, 10)
    assert exact("3/7") == Fraction(3, 7)
    assert exact(" -0.25 ") == Fraction(-1, 4)
    assert exact(Decimal("1.5")) == Fraction(3, 2)
    assert exact(np.int64(4)) == 4


@pytest.mark.parametrize(
    "value, message",
    [
        (math.nan, "finite"),
        (math.inf, "finite"),
        (-math.inf, "finite"),
        ("abc", "number such as"),
        (None, "real number"),
        (True, "real number"),
        (1 + 2j, "real number"),
        ([1], "real number"),
    ],
)
def test_non_numbers_are_rejected_by_name(value, message):
    with pytest.raises(ValueError, match=message) as error:
        exact(value, "stakes")
    assert "stakes" in str(error.value)


@pytest.mark.parametrize(
    "A, B, message",
    [
        ([[1, 2], [3]], [[1, 2], [3, 4]], "ragged"),
        ([], [], "empty"),
        ([[]], [[]], "row 0 is empty"),
        ([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]], "same shape"),
        ([[1, float("nan")], [3, 4]], [[1, 2], [3, 4]], r"A \(row player's payoffs\)\[0\]\[1\]"),
        ([[1, 2], [3, 4]], [[1, 2], ["x", 4]], r"B \(column player's payoffs\)\[1\]\[0\]"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "3 dimension"),
        ([1, 2], [1, 2], "row 0 must be a list"),
        ("payoffs", [[1]], "list of rows"),
        ([[1, None]], [[1, 2]], "real number"),
    ],
)
def test_bad_matrices_are_reported_with_position(A, B, message):
    with pytest.raises(ValueError, match=message):
        payoff_matrices(A, B)
    with pytest.raises(ValueError, match=message):
        bg.Game(A, B)


def test_zero_sum_default():
    A, B = payoff_matrices([[1, -1], [-1, 1]])
    assert B == ((-1, 1), (1, -1))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"offense": 1.5}, r"offense_1 must be in \[0, 1\], got 1.5"),
        ({"offense": (0.5, -0.1)}, r"offense_2 must be in \[0, 1\], got -0.1"),
        ({"stakes": 0}, r"stakes must be in \(0, ∞\), got 0"),
        ({"stakes": float("inf")}, "stakes must be a finite number"),
        ({"distinguishability": float("nan")}, "distinguishability must be a finite number"),
        ({"arming_cost": "cheap"}, "arming_cost must be a number"),
        ({"guarantee": (0.5, 0.5, 0.5)}, "guarantee must be one number or a pair"),
        ({"same_alliance": 2}, "same_alliance must be True/False"),
        ({"subsidy": -1}, r"subsidy_1 must be in \[0, ∞\)"),
    ],
)
def test_parameters_out_of_range_name_the_value_and_the_range(changes, message):
    with pytest.raises(ValueError, match=message):
        SecurityParams(**changes)


def test_unknown_parameter_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown parameter 'stake'.*stakes"):
        SecurityParams().replace(stake=3)


def test_probability_vectors():
    assert probability_vector([0.25, 0.75], 2) == (Fraction(1, 4), Fraction(3, 4))
    with pytest.raises(ValueError, match="sum to 1"):
        probability_vector([0.5, 0.6], 2)
    with pytest.raises(ValueError, match="2 probabilities"):
        probability_vector([1], 2)


def test_game_checks_players_and_actions():
    with pytest.raises(ValueError, match="two different names"):
        bg.Game([[1]], [[1]], players=("x", "x"))
    with pytest.raises(ValueError, match="actions must name 2 row actions"):
        bg.Game([[1, 2], [3, 4]], [[1, 2], [3, 4]], actions=(("a",), ("b", "c")))
    game = bg.prisoners_dilemma(players=("Serbia", "Croatia"))
    with pytest.raises(ValueError, match="unknown player 'Kosovo'"):
        game.payoffs_of("Kosovo")
    assert game.payoff("arm", "restrain") == (5, 0)
    with pytest.raises(ValueError, match="unknown action 'attack'"):
        game.payoff("attack", 0)
