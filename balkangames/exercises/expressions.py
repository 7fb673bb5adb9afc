"""Symbolic answers: read them without running code, and decide equality exactly or say so.

A string is parsed with Python's :mod:`ast` (parsing runs nothing) and rebuilt
node by node from a whitelist: numbers, the question's symbols, ``+ - * / **``
(``^`` read as ``**``), ``Fraction``/``Rational`` and ``sqrt``. A sympy object a learner
built is rebuilt the same way, so a hidden ``sin(2520*pi*o)`` or ``frac(2520*o)``
is refused rather than evaluated at a few lucky points. Exponents, numbers and
sizes are bounded, so ``'9**9**9**9'`` is refused at once.

Equality (:func:`decide`): an answer that is a rational function of the symbols
is decided by exact algebra (``cancel`` of the difference: complete for rational
functions). One with roots is decided by ``simplify`` where that succeeds,
otherwise by exact evaluation at random rational points of the model's domain,
each difference proved zero or non-zero exactly; if neither settles it the
verdict is "cannot decide".

>>> o, W, c, w = (sympy.Symbol(n, positive=True) for n in "oWcw")
>>> symbols = {"o": o, "W": W, "c": c, "w": w}
>>> parse("1 - (c + w)/(o*W)", symbols), parse("c + w^2", symbols)
(1 - (c + w)/(W*o), c + w**2)
>>> parse("9**9**9**9", symbols)
Traceback (most recent call last):
...
balkangames.exercises.answers.Unreadable: the exponent 387420489 is too large: powers up to ±12 are read
>>> decide(parse("(o*W - c - w)/(o*W)", symbols), 1 - (c + w)/(o*W), {}).equal
True
"""

from __future__ import annotations

import ast
import random
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy

from .answers import MAX_TEXT, Unreadable, describe_type, number, text

__all__ = ["Decision", "decide", "parse", "rebuild"]

MAX_NODES = 400
MAX_POWER = 12
MAX_NUMBER_BITS = 4 * 160
FUNCTIONS = ("Fraction", "Rational", "sqrt")
_BINARY = {ast.Add: sympy.Add, ast.Mult: sympy.Mul}


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    if not isinstance(exponent, sympy.Rational):
        raise Unreadable("only numbers are read as exponents, e.g. x**2 or x**(1/2)")
    if abs(exponent.p) > MAX_POWER or exponent.q > MAX_POWER:
        raise Unreadable(f"the exponent {exponent} is too large: powers up to ±{MAX_POWER} are read")
    if base == 0 and exponent < 0:
        raise Unreadable("your expression divides by zero")
    return _checked(sympy.Pow(base, exponent))


def _checked(value: sympy.Expr) -> sympy.Expr:
    """Refuse a number that has grown too large (by nested powers of numbers)."""
    if isinstance(value, sympy.Rational) and max(abs(value.p).bit_length(), value.q.bit_length()) > MAX_NUMBER_BITS:
        raise Unreadable("a number in your expression is too large to be a threshold")
    if value.has(sympy.zoo, sympy.nan):
        raise Unreadable("your expression divides by zero")
    return value


class _Builder:
    """Turns a whitelisted Python syntax tree into a sympy expression."""

    def __init__(self, symbols: Mapping[str, sympy.Symbol]):
        self.symbols = symbols
        self.unknown: set[str] = set()
        self.nodes = 0

    def build(self, node) -> sympy.Expr:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Unreadable("your expression is too long: simplify it")
        if isinstance(node, ast.Expression):
            return self.build(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return sympy.Rational(str(number(node.value, "a number in your expression")))
        if isinstance(node, ast.Name):
            if node.id in self.symbols:
                return self.symbols[node.id]
            self.unknown.add(node.id)
            return sympy.Symbol(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.build(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            left, right = self.build(node.left), self.build(node.right)
            if isinstance(node.op, ast.Pow):
                return _power(left, right)
            if isinstance(node.op, ast.Sub):
                return _checked(sympy.Add(left, -right))
            if isinstance(node.op, ast.Div):
                if right == 0:
                    raise Unreadable("your expression divides by zero")
                return _checked(sympy.Mul(left, _power(right, sympy.Integer(-1))))
            if type(node.op) in _BINARY:
                return _checked(_BINARY[type(node.op)](left, right))
        if isinstance(node, ast.Call) and not node.keywords:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            if name in FUNCTIONS and (owner is None or (isinstance(owner, ast.Name) and owner.id in ("sympy", "sp"))):
                args = [self.build(arg) for arg in node.args]
                if name == "sqrt" and len(args) == 1:
                    return _power(args[0], sympy.Rational(1, 2))
                if name != "sqrt" and len(args) in (1, 2) and all(isinstance(x, sympy.Rational) for x in args):
                    if len(args) == 2 and args[1] == 0:
                        raise Unreadable("your expression divides by zero")
                    return args[0] / (args[1] if len(args) == 2 else 1)
            raise Unreadable(f"your expression uses {name or 'a call'}(…), which is not read: "
                             "write it with + - * / ** and the question's symbols")
        raise Unreadable(f"cannot read {ast.unparse(node)[:40]!r} in your expression: "
                         "write it with + - * / ** and the question's symbols")


def parse(answer: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Read an expression string without running it.

    Names that are not in ``symbols`` become plain symbols of that name, so the
    caller can say which unknown symbols were used.

    Raises:
        Unreadable: for syntax errors, anything off the whitelist, too long a
            string or too large an exponent.
    """
    written = text(answer, "your expression", limit=MAX_TEXT).replace("−", "-").replace("·", "*")
    written = written.replace("^", "**")  # as sympy's parser does: Python's ^ would bind more loosely than +
    try:
        tree = ast.parse(written.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        detail = getattr(error, "msg", "") or type(error).__name__
        raise Unreadable(f"cannot read your expression ({detail}); write products with *, e.g. 2*o") from None
    try:
        return _Builder(symbols).build(tree)
    except RecursionError:
        raise Unreadable("your expression is nested too deeply: simplify it") from None


_EXACT_NODES = (sympy.Add, sympy.Mul, sympy.Pow, sympy.Symbol, sympy.Rational, sympy.Float)


def rebuild(value, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Rebuild a learner's sympy object from trusted node types only; symbols are matched by name.

    Raises:
        Unreadable: for functions, relations, unevaluated objects, subclasses or oversize trees.
    """
    count = 0

    def walk(node):
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise Unreadable("your expression is too long: simplify it")
        kind = type(node)
        if kind is sympy.Symbol:
            return symbols.get(node.name, sympy.Symbol(node.name))
        if isinstance(node, sympy.Rational) or kind is sympy.Float:
            return sympy.Rational(str(number(node, "a number in your expression")))
        if kind is sympy.Add:
            return _checked(sympy.Add(*map(walk, node.args)))
        if kind is sympy.Mul:
            return _checked(sympy.Mul(*map(walk, node.args)))
        if kind is sympy.Pow:
            return _power(walk(node.args[0]), walk(node.args[1]))
        if isinstance(node, sympy.core.relational.Relational):
            raise Unreadable("give an expression, not an equation or inequality: "
                             "solve for the threshold and give the right-hand side")
        if isinstance(node, sympy.Function) or isinstance(node, sympy.Expr) and node.args:
            raise Unreadable(f"your expression uses {kind.__name__}(…): the threshold needs only "
                             "+ − × ÷ and powers; cannot decide: simplify your expression")
        raise Unreadable(f"cannot read {describe_type(node)} in your expression")

    try:
        return walk(value)
    except RecursionError:
        raise Unreadable("your expression is nested too deeply: simplify it") from None


@dataclass(frozen=True)
class Decision:
    """Whether two expressions are equal: True, False or None (cannot decide).

    Attributes:
        equal: the verdict.
        how: how it was reached, in words for the learner.
        point: where they differ (symbol name -> value), when ``equal`` is False.
        value: the answer's value at ``point`` (None where it is undefined).
    """

    equal: bool | None
    how: str
    point: dict | None = None
    value: sympy.Expr | None = None


def _is_rational_function(expr: sympy.Expr) -> bool:
    return all(node.args[1].is_Integer for node in sympy.preorder_traversal(expr) if isinstance(node, sympy.Pow))


def _random_point(symbols, domain, rng: random.Random, nice: bool) -> dict:
    """A rational point strictly inside the domain (``name -> (low, high)``; None for unbounded)."""
    point = {}
    for s in sorted(symbols, key=str):
        low, high = domain.get(str(s), (0, None))
        low, high = Fraction(low), Fraction(high if high is not None else low + 20)
        denominator = rng.randint(2, 12) if nice else rng.randint(10**5, 10**6)
        k = rng.randint(int(low * denominator) + 1, int(high * denominator) - 1)
        point[s] = sympy.Rational(k, denominator)
    return point


def _zero(value: sympy.Expr) -> bool | None:
    """Whether an exact (possibly algebraic) number is zero; None if sympy cannot say."""
    value = sympy.nsimplify(value) if value.has(sympy.Float) else value
    if value.is_Rational:
        return value == 0
    if value.has(sympy.zoo, sympy.nan, sympy.oo):
        return False
    zero = value.is_zero
    if zero is None and value.is_algebraic:
        x = sympy.Dummy("x")
        zero = sympy.minimal_polynomial(value, x) == x
    return zero


def decide(answer: sympy.Expr, expected: sympy.Expr, domain: Mapping[str, tuple], points: int = 12,
           seed: int = 2024) -> Decision:
    """Decide whether ``answer`` equals ``expected`` on the domain (``name -> (low, high)``).

    Both must be built from numbers, symbols, sums, products and rational powers
    (as :func:`parse` and :func:`rebuild` return them).
    """
    symbols = answer.free_symbols | expected.free_symbols
    difference = answer - expected
    if _is_rational_function(difference):
        numerator, _ = sympy.fraction(sympy.cancel(sympy.together(difference)))
        verdict, how = numerator == 0, "by exact algebra"
    else:
        verdict = True if sympy.simplify(difference) == 0 else None
        how = "by exact algebra"
    rng = random.Random(seed)
    undecided = 0
    for k in range(points):
        if verdict is True:
            break
        point = _random_point(symbols, domain, rng, nice=k < 3)
        got, want = answer.subs(point), expected.subs(point)
        zero = False if got.has(sympy.zoo, sympy.nan) else _zero(got - want)
        if zero is False:
            shown = {str(s): v for s, v in point.items() if s in answer.free_symbols or s in expected.free_symbols}
            return Decision(False, "at a point of the model's domain", shown,
                            None if got.has(sympy.zoo, sympy.nan) else got)
        undecided += zero is None
    if verdict is None and not undecided:
        return Decision(True, f"exactly, at {points} random points of the model's domain")
    if verdict is None:
        return Decision(None, "cannot decide: simplify your expression")
    return Decision(verdict, how)
