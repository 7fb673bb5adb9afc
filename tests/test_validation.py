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


# --------------------------------------------------------------------------- fuzzing finds


@pytest.mark.parametrize(
    "value, message",
    [
        ("1e99999999", "magnitude between 1e-300 and 1e300"),  # used to hang expanding 10**99999999
        ("1e1000000", "magnitude between 1e-300 and 1e300"),
        ("1e5000", "magnitude between 1e-300 and 1e300"),
        ("1e-5000", "magnitude between 1e-300 and 1e300"),
        ("9" * 5000, "at most 1000 characters"),
        ("9" * 400, "at most 300 digits"),
        (lambda: 10**5000, "at most 300 digits"),  # a lambda: pytest cannot even name it
        (Fraction(1, 10**400), "at most 300 digits"),
        (1e308, "at most 300 digits"),
        (Decimal("sNaN"), "finite number"),
        (Decimal("NaN"), "finite number"),
        (Decimal("-Infinity"), "finite number"),
        (Decimal("1e400"), "magnitude between"),
        ("²⁰²⁴", "ASCII digits"),
        ("inf", "finite number"),
        ("nan", "finite number"),
    ],
)
def test_huge_and_odd_numbers_are_refused_with_the_limit(value, message):
    value = value() if callable(value) else value
    with pytest.raises(ValueError, match=message) as error:
        exact(value, "stakes")
    assert str(error.value).startswith("stakes ") and len(str(error.value)) < 300


def test_numbers_at_the_limit_are_kept_exactly():
    assert exact(10**300 - 1) == 10**300 - 1
    assert exact("1e299") == 10**299
    assert exact(Fraction(1, 10**300 - 1)).denominator == 10**300 - 1
    assert exact(Decimal("-2.5e-10")) == Fraction(-1, 4 * 10**9)


def _threshold():
    return bg.threshold("guarantee_2", 2, "fear")


BAD_CALLS = [
    # (call, exception type, words the message must contain)
    (lambda: bg.threshold("stakes", True, "fear"), TypeError, "player must be the number 1 or 2, got True"),
    (lambda: bg.threshold("stakes", 1.0, "fear"), TypeError, "player must be the number 1 or 2, got 1.0"),
    (lambda: bg.threshold("stakes", 3, "fear"), ValueError, "player must be 1 or 2, got 3"),
    (lambda: __import__("balkangames.thresholds").thresholds.class_at(SecurityParams(), True), TypeError, "player must be"),
    (lambda: __import__("balkangames.model").model.player_terms(SecurityParams(), True), TypeError, "player must be"),
    (lambda: __import__("balkangames.model").model.symbolic_terms(np.bool_(True)), TypeError, "player must be"),
    (lambda: bg.security_game({"stakes": 5}), TypeError, "params must be a SecurityParams"),
    (lambda: bg.with_alliances(None), TypeError, "params must be a SecurityParams"),
    (lambda: bg.thresholds_for(None, "stakes", 1), TypeError, "params must be a SecurityParams"),
    (lambda: _threshold().value(None), TypeError, "params must be a SecurityParams"),
    (lambda: _threshold().describe(SecurityParams(), players=("a",)), ValueError, "exactly two names"),
    (lambda: bg.solve([[1]], [[1]]).describe(players=("a",)), ValueError, "players must be two names"),
    (lambda: bg.jervis_world([1]), ValueError, "world must be 1, 2, 3 or 4"),
    (lambda: bg.jervis_world(True), ValueError, "world must be 1, 2, 3 or 4"),
    (lambda: bg.security_game(players=None), TypeError, "players must be a pair of names"),
    (lambda: bg.security_game(players="ab"), TypeError, "players must be a pair of names"),
    (lambda: bg.security_game(players=("a", 2)), TypeError, "two non-empty strings"),
    (lambda: SecurityParams.from_flat(None), TypeError, "values must be a dict"),
    (lambda: bg.solve([[1]], [[1]], warn="yes"), TypeError, "warn must be True or False"),
    (lambda: bg.security_game(stakes="1e1000000"), ValueError, "stakes must have a magnitude"),
    (lambda: SecurityParams(same_alliance="maybe"), ValueError, "same_alliance must be True/False"),
]


@pytest.mark.parametrize("call, kind, message", BAD_CALLS)
def test_bad_arguments_raise_clear_errors(call, kind, message):
    with pytest.raises(kind, match=message):
        call()


def test_numpy_booleans_are_accepted_where_booleans_are():
    assert SecurityParams(same_alliance=np.bool_(True)) == SecurityParams(same_alliance=True)
    assert SecurityParams(same_alliance="true") == SecurityParams(same_alliance=True)
    members = bg.with_alliances(SecurityParams(), members=(np.bool_(True), np.bool_(True)))
    assert members == bg.with_alliances(SecurityParams(), members=(True, True))
    assert len(bg.solve([[1, 0], [0, 1]], [[1, 0], [0, 1]], warn=np.bool_(False))) == 3
    assert bg.offense_defense(np.bool_(True), np.bool_(False)) == bg.offense_defense(True, False)
