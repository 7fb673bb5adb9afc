"""The readers behind the checkers: exact types, size limits, expressions parsed without running them."""

from __future__ import annotations

import signal
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy

from balkangames.exercises import answers, expressions
from balkangames.exercises.answers import Unreadable

F = Fraction
o, W, c, w = (sympy.Symbol(n, positive=True) for n in "oWcw")
SYMBOLS = {"o": o, "W": W, "c": c, "w": w}


@pytest.mark.parametrize("value, expected", [
    (3, F(3)), (F(2, 6), F(1, 3)), (0.1, F(1, 10)), (np.float64(0.25), F(1, 4)), (np.int32(-4), F(-4)),
    ("3/7", F(3, 7)), (" -0.5 ", F(-1, 2)), ("−2", F(-2)), ("1e3", F(1000)), ("2.5e-1", F(1, 4)),
    (sympy.Rational(5, 11), F(5, 11)), (sympy.Integer(7), F(7)), (sympy.S.Half, F(1, 2)), (Decimal("0.75"), F(3, 4)),
])
def test_numbers_are_read_exactly(value, expected):
    result = answers.number(value)
    assert result == expected and type(result) is Fraction


class Sneaky(Fraction):
    def __eq__(self, other):
        return True


class SneakyInt(int):
    pass


@pytest.mark.parametrize("value, reason", [
    (True, "boolean"), (np.bool_(True), "boolean"), (float("nan"), "finite"), (float("inf"), "finite"),
    (Sneaky(1, 3), "subclass of Fraction"), (SneakyInt(2), "subclass of int"), ("1e99999999", "exponent"),
    ("3/0", "divides by zero"), ("x", "not a number"), ("1" * 121, "characters long"), (10**100, "too large"),
    ("1" * 61, "too large"), ([1], "cannot read"), (None, "cannot read"), (1 + 2j, "complex"), ("0x10", "not a number"),
    (np.complex128(1 + 2j), "complex"), (np.array([0.5]), "array of shape"), (np.float64("nan"), "finite"),
])
def test_odd_numbers_are_refused_with_a_reason(value, reason):
    with pytest.raises(Unreadable, match=reason):
        answers.number(value)


def test_strings_are_read_through_str_itself():
    class Loud(str):
        def lower(self):
            return "chicken"

        def __str__(self):
            return "chicken"

    assert answers.key(Loud("Stag Hunt")) == "stag-hunt"
    assert answers.key(np.str_("North Macedonia")) == "north-macedonia"
    with pytest.raises(Unreadable, match="characters long"):
        answers.text("x" * 1000)


def test_items_reads_sequences_arrays_and_iterators_within_a_limit():
    assert answers.items(np.array([0.0, 1.0])) == [0.0, 1.0]
    assert answers.items(x for x in (1, 2)) == [1, 2]
    assert answers.items("ab") is None and answers.items({"a": 1}) is None
    with pytest.raises(Unreadable, match="more than"):
        answers.items(iter(range(10**9)))  # read lazily: only limit + 1 elements are taken


def test_time_limit_interrupts_a_long_check_and_restores_an_outer_alarm():
    signal.setitimer(signal.ITIMER_REAL, 600)  # someone else's pending alarm (cleared below)
    handler = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        with pytest.raises(answers.CheckTimeout):
            with answers.time_limit(0.05):
                deadline = time.monotonic() + 60  # a bound on the loop, not a timing assertion
                while time.monotonic() < deadline:
                    pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 600
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, handler)


@pytest.mark.parametrize("text, expected", [
    ("1 - (c + w)/(o*W)", 1 - (c + w) / (o * W)),
    ("c + w^2", c + w**2),  # ^ binds as sympy's parser binds it, not as Python's xor
    ("sqrt(o)**2 + Fraction(1, 2)", o + sympy.Rational(1, 2)),
    ("sympy.Rational(1, 3) * W", W / 3),
    ("-(-c)", c),
])
def test_expression_strings_are_rebuilt_without_eval(text, expected):
    assert sympy.simplify(expressions.parse(text, SYMBOLS) - expected) == 0


@pytest.mark.parametrize("text, reason", [
    ("9**9**9**9", "exponent"), ("o**o", "only numbers"), ("__import__('os').getcwd()", "not read"),
    ("o.__class__", "cannot read"), ("sin(o)", "not read"), ("2o", "write products"), ("(" * 301, "characters"), ("(" * 250 + "o" + ")" * 250, "characters"),
    ("c/(o - o)", "divides by zero"), ("[o]", "cannot read"), ("o if c else w", "cannot read"),
])
def test_expression_strings_off_the_whitelist_are_refused(text, reason):
    with pytest.raises(Unreadable, match=reason):
        expressions.parse(text, SYMBOLS)


def test_unknown_names_become_symbols_the_caller_can_report():
    assert {str(s) for s in expressions.parse("k + o", SYMBOLS).free_symbols} == {"k", "o"}


def test_learner_sympy_objects_are_rebuilt_from_trusted_nodes():
    plain_o = sympy.Symbol("o")  # no assumptions: matched by name
    assert expressions.rebuild(1 - c / plain_o, SYMBOLS) == 1 - c / o
    for bad in (sympy.sin(o), sympy.frac(o), sympy.Eq(o, 1), sympy.Pow(o, 10**9, evaluate=False), sympy.floor(c - w),
                sympy.Heaviside(c - w), sympy.Piecewise((o, sympy.sin(o) > 0), (c, True))):
        with pytest.raises(Unreadable):
            expressions.rebuild(bad, SYMBOLS)
    # the case functions of the course are rebuilt (and decided case by case, see test_exercises_exact)
    plain_c = sympy.Symbol("c")
    assert expressions.rebuild(sympy.Abs(plain_c - sympy.Symbol("w")), SYMBOLS) == sympy.Abs(c - w)
    assert expressions.rebuild(sympy.Piecewise((plain_c, plain_o > 1), (0, True)), SYMBOLS) == \
        sympy.Piecewise((c, o > 1), (0, True))


DOMAIN = {"o": (0, 1), "W": (0, None), "c": (0, None), "w": (0, None)}


def test_decide_is_exact_for_rational_functions_and_says_when_it_cannot():
    expected = 1 - (c + w) / (o * W)
    assert expressions.decide((o * W - c - w) / (o * W), expected, DOMAIN).equal is True
    differs = expressions.decide(expected + (o - sympy.Rational(1, 2)) ** 2, expected, DOMAIN)
    assert differs.equal is False and 0 < differs.point["o"] < 1
    assert differs.value == (expected + (o - sympy.Rational(1, 2)) ** 2).subs(
        {sympy.Symbol(k, positive=True): v for k, v in differs.point.items()})
    rooted = expected + sympy.sqrt(o + 1) * sympy.sqrt(o + 1) - o - 1
    assert expressions.decide(rooted, expected, DOMAIN).equal is True
    off = expressions.decide(expected + sympy.sqrt(o) - 1, expected, DOMAIN)
    assert off.equal is False and off.point["o"] < 1
