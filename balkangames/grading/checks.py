"""What the autograder checks in each assignment, judged outside the student's kernel.

Each autograded test cell of an nbgrader assignment is declared here as a
:class:`Check`: which student function (or variable) to call, how the grader
draws its inputs at grading time, how to read the student's reported answer with
strict types and the reference it must equal, computed here from ``balkangames``.
:mod:`balkangames.grading.grader` runs the calls in the student's kernel through
:mod:`balkangames_probe` and compares in its own process (in a bounded child process).

An assignment maps its autograded cells to these checks in the ``grading.py`` beside its
MyST document (``exercises/assignments/documents/<assignment>/``; see
:mod:`balkangames.grading.assignments`).

>>> parse_number({"fraction": "-7/102"})
Fraction(-7, 102)
>>> parse_number({"int": "3"}), parse_number({"bool": True})
(Fraction(3, 1), None)
"""

from __future__ import annotations

import ast
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

import sympy

from balkangames.analysis import grim_trigger_delta, pure_nash_equilibria, trust_threshold
from balkangames.beliefs import STRATEGIES, bayesian_game, trust_belief, trust_belief_at
from balkangames.classify import player_class
from balkangames.mechanisms import payoffs_at
from balkangames.model import ACTIONS, SYMBOLS, player_terms, symbolic_terms
from balkangames.params import SecurityParams, by_symbol

__all__ = ["Check", "parse_number", "parse_srepr"]

_INTEGER = re.compile(r"-?\d{1,300}")
_FRACTION = re.compile(r"-?\d{1,300}/\d{1,300}")
CLASS_NAMES = frozenset({"harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock", "tie"})


@dataclass(frozen=True)
class Check:
    """One autograded cell: call ``name`` on inputs from ``draw`` and compare with references.

    Attributes:
        name: the student's function (or variable, when ``variable`` is True).
        draw: ``draw(rng)`` -> list of ``(call, reference)``; a call is JSON data
            ``{"args": [...], "kwargs": {...}}`` (None for a variable).
        parse: reported JSON data -> a value comparable with the reference, or None when
            the data is not of the required type.
        equal: ``equal(parsed, reference)`` -> bool.
        variable: report the variable ``name`` instead of calling it.
    """

    name: str
    draw: Callable[[random.Random], list]
    parse: Callable[[object], object]
    equal: Callable[[object, object], bool] = lambda got, want: got == want
    variable: bool = False


# --- strict readers of the kernel's JSON ------------------------------------------------------


def _single(data, key):
    if isinstance(data, dict) and len(data) == 1 and key in data:
        return data[key]
    return None


def parse_number(data) -> Fraction | None:
    """An exact number from ``{"int": "7"}`` or ``{"fraction": "7/102"}``; None for anything else."""
    text = _single(data, "int")
    if isinstance(text, str) and _INTEGER.fullmatch(text):
        return Fraction(int(text))
    text = _single(data, "fraction")
    if isinstance(text, str) and _FRACTION.fullmatch(text):
        numerator, denominator = text.split("/")
        if int(denominator) != 0:
            return Fraction(int(numerator), int(denominator))
    return None


def _parse_payoffs(data):
    pairs = _single(data, "dict")
    if not isinstance(pairs, list) or len(pairs) != 4:
        return None
    result = {}
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2):
            return None
        key, value = _single(pair[0], "str"), parse_number(pair[1])
        if key not in ("R", "S", "T", "P") or key in result or value is None:
            return None
        result[key] = value
    return result


def _parse_class_name(data):
    name = _single(data, "str")
    return name if name in CLASS_NAMES else None


def _collection_items(data):
    """The items of an emitted set, list or tuple (``{"set": [...]}``); None for anything else."""
    if not (isinstance(data, dict) and len(data) == 1):
        return None
    (kind, items), = data.items()
    if kind not in ("set", "frozenset", "list", "tuple") or not isinstance(items, list):
        return None
    return items


def _parse_profiles(data):
    items = _collection_items(data)
    if items is None:
        return None
    profiles = set()
    for item in items:
        pair = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else None
        if not (isinstance(item, dict) and set(item) <= {"tuple", "list"}):
            return None
        if not (isinstance(pair, list) and len(pair) == 2):
            return None
        numbers = [parse_number(part) if isinstance(part, dict) and "int" in part else None for part in pair]
        if any(n not in (0, 1) or n is None for n in numbers):
            return None
        profiles.add((int(numbers[0]), int(numbers[1])))
    return frozenset(profiles)


_SREPR_CALLS = {"Symbol", "Integer", "Rational", "Add", "Mul", "Pow"}
_MAX_SREPR = 20000
_MAX_NODES = 2000
_MAX_EXPONENT = 64
#: Largest total degree an answer may have, bounded from its structure before sympy builds it
#: (a Pow of a Pow multiplies exponents: ((o**64)**64)**64 would be o**262144).
_MAX_DEGREE = 64


def parse_srepr(text, symbols: dict):
    """A sympy expression from ``srepr`` text, built without evaluating any code.

    Only ``Symbol`` (names in ``symbols``), ``Integer``, ``Rational``, ``Add``, ``Mul``
    and ``Pow`` with an integer exponent of at most 64 in size are accepted, at most 2,000
    nodes, and the total degree (bounded from the structure, exponents multiplied through
    nested powers, before anything is built) at most 64; anything else gives None.

    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> parse_srepr("Add(Symbol('x'), Integer(1))", {"x": x})
    x + 1
    >>> parse_srepr("Symbol('x').__class__", {"x": x}) is None
    True
    >>> parse_srepr("Pow(Pow(Symbol('x'), Integer(64)), Integer(64))", {"x": x}) is None
    True
    """

    if not isinstance(text, str) or len(text) > _MAX_SREPR:
        return None
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    budget = [_MAX_NODES]

    def integer(node):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = integer(node.operand)
            return None if value is None else -value
        if isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) < 10**12:
            return node.value
        return None

    def degree(node) -> int | None:
        """An upper bound of the total degree, from the tree alone (nothing is built)."""
        budget[0] -= 1
        if budget[0] < 0 or not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            return None
        kind, args = node.func.id, node.args
        if kind == "Symbol":
            return 1
        if kind in ("Integer", "Rational"):  # a number other than 0, ±1 grows under powers like a symbol
            values = [integer(a) for a in args]
            return 0 if all(v is not None and abs(v) <= 1 for v in values) else 1
        parts = [degree(a) for a in args[: 1 if kind == "Pow" else None]]
        if not parts or None in parts:
            return None
        if kind == "Pow":
            exponent = integer(args[1].args[0]) if len(args) == 2 and isinstance(args[1], ast.Call) \
                and args[1].args else None
            bound = parts[0] * abs(exponent) if exponent is not None else None
        else:
            bound = sum(parts) if kind == "Mul" else max(parts)
        return bound if bound is not None and bound <= _MAX_DEGREE else None

    def build(node):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            return None
        kind, args = node.func.id, node.args
        if kind not in _SREPR_CALLS:
            return None
        if kind == "Symbol":
            if len(args) != 1 or not isinstance(args[0], ast.Constant) or args[0].value not in symbols:
                return None
            return symbols[args[0].value]
        if node.keywords:
            return None
        if kind in ("Integer", "Rational"):
            numbers = [integer(a) for a in args]
            if len(numbers) != (1 if kind == "Integer" else 2) or None in numbers or 0 in numbers[1:]:
                return None
            return sympy.Rational(*numbers)
        parts = [build(a) for a in args]
        if not parts or any(p is None for p in parts):
            return None
        if kind == "Pow":
            if len(parts) != 2 or not (parts[1].is_Integer and abs(parts[1]) <= _MAX_EXPONENT):
                return None
            return sympy.Pow(*parts)
        return (sympy.Add if kind == "Add" else sympy.Mul)(*parts)

    try:
        if degree(tree.body) is None:
            return None
        return build(tree.body)
    except (RecursionError, MemoryError, TypeError, ValueError):
        return None


# --- problem set 1 ---------------------------------------------------------------------------


def _number(value) -> dict:
    value = Fraction(value)
    return {"int": str(value)} if value.denominator == 1 else {"fraction": f"{value.numerator}/{value.denominator}"}


def _payoff_calls(rng):
    cases = [((o, d), {}) for o in (Fraction(1, 4), Fraction(4, 5), Fraction(1)) for d in (Fraction(0), Fraction(9, 10))]
    for _ in range(12):
        point = (Fraction(rng.randint(1, 20), 20), Fraction(rng.randint(0, 10), 10))
        keywords = {"stakes": rng.randint(1, 20), "restraint_value": rng.randint(0, 5),
                    "arming_cost": rng.randint(0, 5), "race_cost": rng.randint(0, 5)}
        cases.append((point, keywords))
    calls = []
    for (o, d), keywords in cases:
        params = SecurityParams(offense=o, distinguishability=d, **keywords)
        terms = player_terms(params, 1)
        call = {"args": [_number(o), _number(d)], "kwargs": {k: _number(v) for k, v in keywords.items()}}
        calls.append((call, {key: terms[key] for key in "RSTP"}))
    return calls


def _classify_calls(rng):
    values = list(permutations((0, 1, 2, 3))) + [(1, 1, 2, 0), (2, 0, 2, 1), (2, 1, 3, 2)]
    values += [tuple(rng.randint(-3, 3) for _ in range(4)) for _ in range(16)]
    return [({"args": [_number(v) for v in four]}, player_class(*four)) for four in values]


def _equilibria_calls(rng):
    games = [([[2, -7], [7, -2]], [[2, 7], [-7, -2]])]
    for _ in range(40):
        games.append(tuple([[rng.randint(-3, 3) for _ in range(2)] for _ in range(2)] for _ in range(2)))
    calls = []
    for A, B in games:
        call = {"args": [[[_number(x) for x in row] for row in A], [[_number(x) for x in row] for row in B]]}
        calls.append((call, frozenset(pure_nash_equilibria(A, B))))
    return calls


# --- problem set 2 ---------------------------------------------------------------------------


def _four_distinct(rng, scale=1):
    return [Fraction(v, scale) for v in sorted(rng.sample(range(-20, 21), 4))]


def _trust_calls(rng):
    calls = []
    for k in range(24):
        S, P, T, R = _four_distinct(rng, 4 if k % 4 == 3 else 1)
        calls.append(({"args": [_number(v) for v in (R, S, T, P)]}, trust_threshold(R, S, T, P)))
    return calls


def _grim_calls(rng):
    calls = []
    for k in range(24):
        S, P, R, T = _four_distinct(rng, 4 if k % 4 == 3 else 1)
        calls.append(({"args": [_number(v) for v in (R, T, P)]}, grim_trigger_delta(R, T, P)))
    return calls


def _a_star_symbols():
    return {name: sympy.Symbol(name, positive=True) for name in ("o", "W", "b", "c")}


def _a_star_reference(rng):
    """The guarantee ending greed, from the package's symbolic payoffs, and points to compare at."""


    s = _a_star_symbols()
    terms = symbolic_terms(1)
    # The question's symmetric dyad: its four symbols, every other parameter at its default.
    names = by_symbol({"o_1": s["o"], "W": s["W"], "b": s["b"], "c": s["c"]}, rest=SecurityParams().flat())
    names.pop("guarantee_2")
    gap = (terms["T"] - terms["R"]).subs({SYMBOLS[k]: v for k, v in names.items()})
    expected = sympy.solve(gap, SYMBOLS["guarantee_2"])[0]
    points = [{symbol: sympy.Rational(rng.randint(1, 10**6), rng.randint(1, 10**3)) for symbol in s.values()}
              for _ in range(6)]
    return [(None, (expected, points))]


def _parse_a_star(data):
    return parse_srepr(_single(data, "srepr"), _a_star_symbols())


def _same_function(expression, reference) -> bool:
    """Equal at every drawn point (exact rationals; a rational function identity test)."""
    expected, points = reference
    for point in points:
        got = expression.subs(point)
        if not got.is_Rational or got != expected.subs(point):
            return False
    return True


# --- problem set 3 ---------------------------------------------------------------------------
# The made-up dyad of ps3: W = 10, b = 2, c = w = 1, no alliance, the same kin stake e on both sides.


def _ps3_params(offense, distinguishability, kin):
    return SecurityParams(offense=offense, distinguishability=distinguishability, kin=(kin, kin))


def _pi_star_symbols():
    return {name: sympy.Symbol(name, positive=True) for name in ("o", "d", "W", "b", "c", "w", "e")}


def _pi_star_reference(rng):
    """A security seeker's trust threshold with a kin stake, from balkangames.beliefs, and points to compare at."""


    s = _pi_star_symbols()
    # The question's symbols are the model's (e_1 for the kin stake); every other parameter is 0.
    names = by_symbol({**{k: s[k] for k in ("o", "d", "W", "b", "c", "w")}, "e_1": s["e"]})
    expected = trust_belief(1).subs({SYMBOLS[name]: value for name, value in names.items()})
    points = [{symbol: sympy.Rational(rng.randint(1, 10**6), rng.randint(1, 10**3)) for symbol in s.values()}
              for _ in range(6)]
    return [(None, (sympy.cancel(expected), points))]


def _parse_pi_star(data):
    return parse_srepr(_single(data, "srepr"), _pi_star_symbols())


#: always drawn: fear on both sides; S = P exactly (ties: weak best replies matter); no fear (S > P)
_PS3_FIXED = ((Fraction(2, 5), Fraction(1, 5), Fraction(1)), (Fraction(1, 4), Fraction(1, 5), Fraction(0)),
              (Fraction(1, 10), Fraction(1, 2), Fraction(0)))


def _ps3_draws(rng, count):
    draws = list(_PS3_FIXED)
    for _ in range(count):
        draws.append((Fraction(rng.randint(1, 20), 20), Fraction(rng.randint(0, 9), 10), Fraction(rng.randint(0, 8), 2)))
    return draws


def _type_equilibria_calls(rng):
    as_indices = [tuple(ACTIONS.index(action) for action in strategy) for strategy in STRATEGIES]
    calls = []
    for k, (o, d, e) in enumerate(_ps3_draws(rng, 21)):
        priors = (Fraction(rng.randint(0, 8), 8), Fraction(rng.randint(0, 8), 8)) if k >= len(_PS3_FIXED) \
            else (Fraction(3, 4),) * 2
        A, B = bayesian_game(_ps3_params(o, d, e), priors).normal_form
        reference = frozenset((as_indices[i], as_indices[j]) for i, j in pure_nash_equilibria(A, B))
        calls.append(({"args": [_number(v) for v in (o, d, e, *priors)]}, reference))
    return calls


def _parse_type_profiles(data):
    """A set of ((seeker, greedy), (seeker, greedy)) action pairs, 0 = restrain and 1 = arm; else None."""
    def pair(item, reader):
        inner = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else None
        if not (set(item) <= {"tuple", "list"} and isinstance(inner, list) and len(inner) == 2):
            return None
        parts = [reader(part) for part in inner]
        return None if None in parts else tuple(parts)

    def action(part):
        number = parse_number(part) if isinstance(part, dict) and "int" in part else None
        return int(number) if number in (0, 1) else None

    items = _collection_items(data)
    if items is None:
        return None
    profiles = set()
    for item in items:
        profile = pair(item, lambda strategy: pair(strategy, action)) if isinstance(item, dict) else None
        if profile is None:
            return None
        profiles.add(profile)
    return frozenset(profiles)


def _spiral_prior_calls(rng):
    calls = []
    for o, d, e in _ps3_draws(rng, 21):
        seekers = _ps3_params(o, d, e).replace(motive_weight=1, motive=(0, 0))
        reference = trust_belief_at(1, seekers) if payoffs_at(seekers, 1).fears else Fraction(0)
        calls.append(({"args": [_number(v) for v in (o, d, e)]}, reference))
    return calls
