"""Symbolic answers: read them without running code, and decide equality exactly or say so.

Reading. A string is parsed with Python's :mod:`ast` (parsing runs nothing) and rebuilt
node by node from a whitelist: numbers, the question's symbols, ``+ - * / **`` (``^`` read
as ``**``), ``Fraction``/``Rational``, ``sqrt``, and the case functions ``Abs``, ``sign``,
``Min``, ``Max`` and ``Piecewise`` with comparisons as conditions. LaTeX (``\\frac``,
``\\dfrac``, ``\\cdot``, ``\\left( … \\right)``, ``\\sqrt``, and what :func:`sympy.latex`
prints for these) is parsed by :func:`parse_latex`, never evaluated. A sympy object a learner
built is rebuilt the same way (:func:`rebuild`), so a hidden ``sin(2520*pi*o)`` or
``frac(2520*o)`` is refused. Before any algebra, :func:`bounded` measures the expression by its
structure (degree, expanded terms, root indices, cases): ``'9**9**9**9'`` and power towers
are refused at once.

Deciding (:func:`decide`), by exact algebra only:

- the difference is split into cases on the conditions of its ``Piecewise``/``Abs``/``sign``
  (``Abs(g)`` is ``g`` where ``g > 0``, ``-g`` where ``g < 0``, ``0`` where ``g = 0``); a case
  whose condition cannot hold on the model's domain is dropped (a condition whose sign is fixed
  on the domain is recognised from the signs of its coefficients after mapping the domain onto
  the positive orthant);
- in each case the difference is brought to a canonical form: a rational function is cancelled
  (complete); radicals become generators ``y`` with ``y**q = base`` (even powers pulled out of
  a root as ``Abs``), and the reduced numerator must vanish;
- on a case ``g = 0`` one symbol is eliminated exactly (``g`` linear in it).

A case where the difference is not zero is shown wrong by a point of its region where the
difference is exactly non-zero (points are drawn afresh for every check and only illustrate a
wrong answer; they never make one right). If neither algebra nor a point settles a case the
verdict is "cannot decide", counted in :data:`UNDECIDED`.

>>> o, W, c, w = (sympy.Symbol(n, positive=True) for n in "oWcw")
>>> symbols = {"o": o, "W": W, "c": c, "w": w}
>>> parse("1 - (c + w)/(o*W)", symbols), parse("c + w^2", symbols)
(1 - (c + w)/(W*o), c + w**2)
>>> parse("9**9**9**9", symbols)
Traceback (most recent call last):
...
balkangames.exercises.answers.Unreadable: the exponent 387420489 is too large: powers up to ±12 are read
>>> parse(r"\\frac{W o - c - w}{W o}", symbols)
(W*o - c - w)/(W*o)
>>> decide(parse("(o*W - c - w)/(o*W)", symbols), 1 - (c + w)/(o*W), {}).equal
True
"""

from __future__ import annotations

import ast
import functools
import itertools
import math
import random
import re
import secrets
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue
from sympy.polys.domains import QQ
from sympy.polys.fields import field

from .answers import MAX_TEXT, Unreadable, describe_type, number, number_text, text

__all__ = ["UNDECIDED", "Decision", "bounded", "decide", "parse", "parse_latex", "read_number", "rebuild"]

MAX_NODES = 400
MAX_POWER = 12
MAX_NUMBER_BITS = 4 * 160
#: structural bounds checked before any expansion (the thresholds have degree 3 and 5 terms)
MAX_DEGREE = 24
MAX_TERMS = 2000
MAX_ROOT_INDEX = 12
MAX_RADICALS = 6
MAX_CASES = 8
MAX_BRANCHES = 96
FUNCTIONS = ("Fraction", "Rational", "sqrt")
CASE_FUNCTIONS = {"Abs": sympy.Abs, "abs": sympy.Abs, "sign": sympy.sign, "Min": sympy.Min, "min": sympy.Min,
                  "Max": sympy.Max, "max": sympy.Max}
LOGIC = {"And": sympy.And, "Or": sympy.Or, "Not": sympy.Not}
_BINARY = {ast.Add: sympy.Add, ast.Mult: sympy.Mul}
_COMPARE = {ast.Lt: sympy.Lt, ast.LtE: sympy.Le, ast.Gt: sympy.Gt, ast.GtE: sympy.Ge, ast.Eq: sympy.Eq,
            ast.NotEq: sympy.Ne}
_CASE_TYPES = (sympy.Abs, sympy.sign, sympy.Piecewise, sympy.Min, sympy.Max)

#: how often a check could not decide, by reason (forms outside the course; reported by the benchmark)
UNDECIDED: Counter = Counter()


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
    if isinstance(value, sympy.Expr) and value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise Unreadable("your expression divides by zero")
    return value


def _case(function, args):
    if function in (sympy.Abs, sympy.sign) and len(args) != 1:
        raise Unreadable(f"{function.__name__}(…) takes one expression")
    if function in (sympy.Min, sympy.Max) and not 1 <= len(args) <= 4:
        raise Unreadable(f"{function.__name__}(…) takes one to four expressions")
    if any(not isinstance(a, sympy.Expr) for a in args):
        raise Unreadable(f"{function.__name__}(…) takes expressions, not conditions")
    return _checked(function(*args))


def _piecewise(pairs):
    if not 1 <= len(pairs) <= MAX_CASES:
        raise Unreadable(f"Piecewise(…) is read with one to {MAX_CASES} (expression, condition) pairs")
    for value, condition in pairs:
        if not isinstance(value, sympy.Expr) or not isinstance(condition, (Boolean, bool)):
            raise Unreadable("Piecewise(…) takes (expression, condition) pairs, e.g. Piecewise((x, x > 0), (0, True))")
    return _checked(sympy.Piecewise(*pairs))


class _Builder:
    """Turns a whitelisted Python syntax tree into a sympy expression."""

    def __init__(self, symbols: Mapping[str, sympy.Symbol]):
        self.symbols = symbols
        self.nodes = 0

    def build(self, node) -> sympy.Basic:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Unreadable("your expression is too long: simplify it")
        if isinstance(node, ast.Expression):
            return self.build(node.body)
        if isinstance(node, ast.Constant) and type(node.value) is bool:
            return sympy.true if node.value else sympy.false
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return sympy.Rational(str(number(node.value, "a number in your expression")))
        if isinstance(node, ast.Name):
            if node.id in self.symbols:
                return self.symbols[node.id]
            return sympy.Symbol(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self._expr(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
            return sympy.Not(self._condition(node.operand))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            joined = sympy.And if isinstance(node.op, ast.BitAnd) else sympy.Or
            return joined(self._condition(node.left), self._condition(node.right))
        if isinstance(node, ast.BoolOp):
            joined = sympy.And if isinstance(node.op, ast.And) else sympy.Or
            return joined(*(self._condition(v) for v in node.values))
        if isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
            parts = [self._expr(node.left), *(self._expr(c) for c in node.comparators)]
            return sympy.And(*(_COMPARE[type(op)](a, b) for op, a, b in zip(node.ops, parts[:-1], parts[1:], strict=True)))
        if isinstance(node, ast.BinOp):
            left, right = self._expr(node.left), self._expr(node.right)
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
            return self._call(node)
        raise Unreadable(f"cannot read {ast.unparse(node)[:40]!r} in your expression: "
                         "write it with + - * / ** and the question's symbols")

    def _expr(self, node) -> sympy.Expr:
        value = self.build(node)
        if not isinstance(value, sympy.Expr):
            raise Unreadable("a condition (a comparison) is read only inside Piecewise(…)")
        return value

    def _condition(self, node):
        value = self.build(node)
        if not isinstance(value, Boolean):
            raise Unreadable("a condition must be a comparison such as o*W > c")
        return value

    def _call(self, node):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if owner is not None and not (isinstance(owner, ast.Name) and owner.id in ("sympy", "sp")):
            name = ""
        if name in FUNCTIONS:
            args = [self._expr(arg) for arg in node.args]
            if name == "sqrt" and len(args) == 1:
                return _power(args[0], sympy.Rational(1, 2))
            if name != "sqrt" and len(args) in (1, 2) and all(isinstance(x, sympy.Rational) for x in args):
                if len(args) == 2 and args[1] == 0:
                    raise Unreadable("your expression divides by zero")
                return args[0] / (args[1] if len(args) == 2 else 1)
        if name in CASE_FUNCTIONS:
            return _case(CASE_FUNCTIONS[name], [self._expr(arg) for arg in node.args])
        if name in LOGIC:
            return LOGIC[name](*(self._condition(arg) for arg in node.args))
        if name == "Piecewise":
            pairs = []
            for arg in node.args:
                if not isinstance(arg, ast.Tuple) or len(arg.elts) != 2:
                    raise Unreadable("Piecewise(…) takes (expression, condition) pairs")
                pairs.append((self._expr(arg.elts[0]), self._condition(arg.elts[1])))
            return _piecewise(pairs)
        raise Unreadable(f"your expression uses {name or 'a call'}(…), which is not read: "
                         "write it with + - * / ** and the question's symbols")


_UNICODE = str.maketrans({"−": "-", "·": "*", "×": "*", "÷": "/", "\u2044": "/", "\u2215": "/", "⋅": "*"})


def parse(answer: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Read an expression string (Python syntax or LaTeX) without running it.

    Names that are not in ``symbols`` become plain symbols of that name, so the
    caller can say which unknown symbols were used.

    Raises:
        Unreadable: for syntax errors, anything off the whitelist, too long a
            string or too large an expression.
    """
    written = text(answer, "your expression", limit=MAX_TEXT).translate(_UNICODE).strip()
    if "\\" in written or "{" in written:
        return parse_latex(written, symbols)
    written = written.replace("^", "**")  # as sympy's parser does: Python's ^ would bind more loosely than +
    try:
        tree = ast.parse(written, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        detail = getattr(error, "msg", "") or type(error).__name__
        raise Unreadable(f"cannot read your expression ({detail}); write products with *, e.g. 2*o") from None
    try:
        value = _Builder(symbols).build(tree)
    except RecursionError:
        raise Unreadable("your expression is nested too deeply: simplify it") from None
    if not isinstance(value, sympy.Expr):
        raise Unreadable("give an expression, not an equation or inequality: "
                         "solve for the threshold and give the right-hand side")
    return bounded(value)


# --- LaTeX ---------------------------------------------------------------------------------------------------

_LATEX_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|\d+(?:\.\d+)?|\.\d+|[a-zA-Z]|\S")
_LATEX_SPACES = {"\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle"}
_LATEX_OPEN = {"(": ")", "[": "]", "\\{": "\\}"}


class _Latex:
    """A recursive-descent reader for a small LaTeX whitelist; builds sympy through the same checks."""

    def __init__(self, source: str, symbols: Mapping[str, sympy.Symbol]):
        source = source.strip()
        for left, right in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
            if len(source) > len(left) + len(right) and source.startswith(left) and source.endswith(right):
                source = source[len(left):-len(right)]
                break
        self.tokens = [t for t in _LATEX_TOKEN.findall(source) if t not in _LATEX_SPACES]
        self.k = 0
        self.symbols = symbols

    def peek(self):
        return self.tokens[self.k] if self.k < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise Unreadable(f"cannot read your LaTeX: expected {expected or 'more'} "
                             f"{'at the end' if token is None else 'before ' + repr(token)}")
        self.k += 1
        return token

    def read(self) -> sympy.Expr:
        value = self.sum()
        if self.peek() is not None:
            raise Unreadable(f"cannot read your LaTeX at {self.peek()!r}: the whitelist is \\frac, \\dfrac, "
                             "\\cdot, \\times, \\sqrt, ^{…}, \\left( … \\right) and the question's symbols")
        return value

    def sum(self) -> sympy.Expr:
        value = self.product()
        while self.peek() in ("+", "-"):
            sign = self.take()
            right = self.product()
            value = _checked(sympy.Add(value, right if sign == "+" else -right))
        return value

    def product(self) -> sympy.Expr:
        value, previous = self.unary(), None
        while True:
            token = self.peek()
            if token in ("*", "\\cdot", "\\times", "/", "\\div"):
                self.take()
                right = self.unary()
                if token in ("/", "\\div"):
                    if right == 0:
                        raise Unreadable("your expression divides by zero")
                    value = _checked(sympy.Mul(value, _power(right, sympy.Integer(-1))))
                else:
                    value = _checked(sympy.Mul(value, right))
                previous = token
            elif self.starts_atom(token):
                if previous in ("/", "\\div"):
                    raise Unreadable("a product after / is ambiguous in LaTeX: use \\frac{…}{…} or parentheses")
                if re.fullmatch(r"[\d.]+", token) or (token in ("\\frac", "\\dfrac", "\\tfrac")
                                                     and re.fullmatch(r"[\d.]+", self.tokens[self.k - 1])):
                    raise Unreadable("two numbers side by side are ambiguous (a mixed number or a product?): "
                                     "write + or \\cdot between them")
                value = _checked(sympy.Mul(value, self.power()))
                previous = "implicit"
            else:
                return value

    @staticmethod
    def starts_atom(token) -> bool:
        return token is not None and (token in ("(", "[", "{", "\\left", "\\frac", "\\dfrac", "\\tfrac", "\\sqrt",
                                                "\\operatorname", "\\{") or token[0].isalnum() or token[0] == ".")

    def unary(self) -> sympy.Expr:
        if self.peek() in ("+", "-"):
            sign = self.take()
            inner = self.unary()
            return inner if sign == "+" else -inner
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.atom()
        if self.peek() == "^":
            self.take()
            if self.peek() == "{":
                exponent = self.group()
            else:
                token = self.take()
                if re.fullmatch(r"\d", token) or (token.isalpha() and len(token) == 1):
                    exponent = self.symbol_or_number(token)
                elif self.peek() is None and re.fullmatch(r"[\d.]+", token):
                    raise Unreadable(f"put the exponent in braces, ^{{{token}}}: in LaTeX ^{token} is ^{token[0]} "
                                     f"followed by {token[1:]}")
                else:
                    raise Unreadable(f"put the exponent in braces: ^{{{token}…}}")
            return _power(base, exponent)
        return base

    def symbol_or_number(self, token) -> sympy.Expr:
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", token):
            return sympy.Rational(str(number(token, "a number in your expression")))
        return self.symbols.get(token, sympy.Symbol(token))

    def group(self) -> sympy.Expr:
        self.take("{")
        value = self.sum()
        self.take("}")
        return value

    def atom(self) -> sympy.Expr:
        token = self.take()
        if token in ("\\frac", "\\dfrac", "\\tfrac"):
            top = self.group()
            bottom = self.group()
            if bottom == 0:
                raise Unreadable("your expression divides by zero")
            return _checked(sympy.Mul(top, _power(bottom, sympy.Integer(-1))))
        if token == "\\sqrt":
            index = sympy.Integer(2)
            if self.peek() == "[":
                self.take()
                index = self.sum()
                self.take("]")
                if not (isinstance(index, sympy.Integer) and 2 <= index <= MAX_ROOT_INDEX):
                    raise Unreadable(f"a root's index must be a whole number from 2 to {MAX_ROOT_INDEX}")
            return _power(self.group(), 1 / index)
        if token == "\\operatorname":
            name = "".join(self.take() for _ in range(self.tokens[self.k:].index("}") + 1))
            if name not in ("{sign}", "{sgn}"):
                raise Unreadable(f"\\operatorname{name} is not read; the whitelist has sign")
            argument = self.group() if self.peek() == "{" else self.atom()
            return _case(sympy.sign, [argument])
        if token == "\\left":
            opener = self.take()
            if opener == "|":
                inner = self.sum()
                self.take("\\right")
                self.take("|")
                return _case(sympy.Abs, [inner])
            closer = _LATEX_OPEN.get(opener)
            if closer is None:
                raise Unreadable(f"\\left{opener} is not read: use \\left( … \\right)")
            inner = self.sum()
            self.take("\\right")
            self.take(closer)
            return inner
        if token in _LATEX_OPEN:
            inner = self.sum()
            self.take(_LATEX_OPEN[token])
            return inner
        if token == "{":
            inner = self.sum()
            self.take("}")
            return inner
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", token) or (token.isalpha() and len(token) == 1):
            if token.isalpha() and self.peek() is not None and re.fullmatch(r"\d.*", self.peek()):
                raise Unreadable(f"a number right after {token} is ambiguous: write {token} \\cdot …")
            return self.symbol_or_number(token)
        raise Unreadable(f"cannot read {token!r} in your LaTeX: the whitelist is \\frac, \\dfrac, \\cdot, "
                         "\\times, \\sqrt, ^{…}, \\left( … \\right), \\left| … \\right| and the question's symbols")


def parse_latex(answer: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Read a LaTeX expression from a small whitelist (``\\frac``, ``\\dfrac``, ``\\cdot``,
    ``\\left( … \\right)``, ``\\sqrt``, ``^{…}``, sympy's own :func:`sympy.latex` output for these),
    parsed, never evaluated. Each letter is a symbol (as in LaTeX: ``W o`` is W·o).

    Raises:
        Unreadable: for anything off the whitelist, or a form LaTeX leaves ambiguous
            (``1\\frac{1}{2}``, ``a/b c``, ``10^23``).
    """
    reader = _Latex(text(answer, "your expression", limit=MAX_TEXT), symbols)
    if len(reader.tokens) > MAX_NODES:
        raise Unreadable("your expression is too long: simplify it")
    try:
        return bounded(reader.read())
    except RecursionError:
        raise Unreadable("your expression is nested too deeply: simplify it") from None


def read_number(value, name: str = "your answer") -> Fraction:
    """A number as :func:`balkangames.exercises.answers.number` reads it, and also written in LaTeX
    (``\\frac{11}{26}``, ``-\\dfrac{7}{2}``, ``42.31\\%``) or as a sympy expression of numbers
    (``Mul(11, Pow(26, -1), evaluate=False)``): parsed or rebuilt, never evaluated.

    Raises:
        Unreadable: for anything else, with a reason.
    """
    if type(value) is np.ndarray and value.ndim == 0:
        value = value[()]
    if isinstance(value, str):
        return number_text(value, name, latex=lambda written: parse_latex(written, {}))
    if isinstance(value, sympy.Basic) and not isinstance(value, (sympy.Rational, sympy.Float)):
        rebuilt = rebuild(value, {})
        if rebuilt.free_symbols:
            raise Unreadable(f"{name} is an expression in {', '.join(sorted(map(str, rebuilt.free_symbols)))}; "
                             "give a number")
        if not isinstance(rebuilt, sympy.Rational):
            raise Unreadable(f"{name} is not a rational number; give a fraction or a decimal")
        value = rebuilt
    return number(value, name)


# --- learner's sympy objects ---------------------------------------------------------------------------------

_EXACT_NODES = (sympy.Add, sympy.Mul, sympy.Pow, sympy.Symbol, sympy.Rational, sympy.Float)
_RELATIONS = {sympy.StrictGreaterThan: sympy.Gt, sympy.StrictLessThan: sympy.Lt, sympy.GreaterThan: sympy.Ge,
              sympy.LessThan: sympy.Le, sympy.Equality: sympy.Eq, sympy.Unequality: sympy.Ne}


def rebuild(value, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    """Rebuild a learner's sympy object from trusted node types only; symbols are matched by name.

    Raises:
        Unreadable: for functions off the whitelist, relations outside a Piecewise, unevaluated
            objects, subclasses or oversize trees.
    """
    count = 0

    def walk(node, condition=False):
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise Unreadable("your expression is too long: simplify it")
        kind = type(node)
        if kind is sympy.Symbol:
            return symbols.get(node.name, sympy.Symbol(node.name))
        if isinstance(node, sympy.Rational) or kind is sympy.Float:  # subclasses are refused by number()
            return sympy.Rational(str(number(node, "a number in your expression")))
        if kind is sympy.Add:
            return _checked(sympy.Add(*(walk(a) for a in node.args)))
        if kind is sympy.Mul:
            return _checked(sympy.Mul(*(walk(a) for a in node.args)))
        if kind is sympy.Pow:
            return _power(walk(node.args[0]), walk(node.args[1]))
        if kind in (sympy.Abs, sympy.sign, sympy.Min, sympy.Max):
            return _case(kind, [walk(a) for a in node.args])
        if kind is sympy.Piecewise:
            pairs = [(walk(pair.expr), walk(pair.cond, condition=True)) for pair in node.args]
            return _piecewise(pairs)
        if condition and kind in _RELATIONS:
            return _RELATIONS[kind](walk(node.lhs), walk(node.rhs))
        if condition and kind in (sympy.And, sympy.Or, sympy.Not):
            return kind(*(walk(a, condition=True) for a in node.args))
        if condition and kind in (BooleanTrue, BooleanFalse):
            return node
        if isinstance(node, sympy.core.relational.Relational):
            raise Unreadable("give an expression, not an equation or inequality: "
                             "solve for the threshold and give the right-hand side")
        if isinstance(node, sympy.Function) or isinstance(node, sympy.Expr) and node.args:
            UNDECIDED["a function outside the course"] += 1
            raise Unreadable(f"your expression uses {kind.__name__}(…), which no threshold here needs "
                             "(+ − × ÷, powers, roots, Abs, sign and Piecewise are read); "
                             "cannot decide: simplify your expression")
        raise Unreadable(f"cannot read {describe_type(node)} in your expression")

    try:
        return bounded(walk(value))
    except RecursionError:
        raise Unreadable("your expression is nested too deeply: simplify it") from None


# --- size by structure ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Size:
    """Upper bounds for an expression brought over one denominator: degrees and terms of numerator and
    denominator (no expansion needed to compute them)."""

    num: int
    den: int
    num_terms: int
    den_terms: int


_CAP = 10**9


def _terms_cap(terms: int, degree: int, variables: int) -> int:
    return min(terms, math.comb(degree + variables, variables), _CAP)


def bounded(expr: sympy.Expr) -> sympy.Expr:
    """Return ``expr`` if its structure is small enough to decide quickly, else refuse it at once.

    The degree and number of terms of numerator and denominator over one common denominator,
    root indices (nested roots multiply), the number of distinct roots and of cases are bounded
    by walking the tree, before anything is expanded.

    Raises:
        Unreadable: naming the bound that is exceeded.
    """
    memo: dict = {}
    radicals: set = set()
    cases = 0

    def refuse(what):
        raise Unreadable(f"your expression is too large to check ({what}): simplify it")

    def size(node, depth_index=1) -> _Size:
        nonlocal cases
        key = (node, depth_index)
        if key in memo:
            return memo[key]
        variables = len(node.free_symbols)
        if isinstance(node, sympy.Symbol):
            result = _Size(1, 0, 1, 1)
        elif isinstance(node, sympy.Number) or isinstance(node, (BooleanTrue, BooleanFalse)) or not node.args:
            result = _Size(0, 0, 1, 1)
        elif isinstance(node, sympy.Add):
            parts = [size(a, depth_index) for a in node.args]
            den = sum(p.den for p in parts)
            num = max(p.num + den - p.den for p in parts)
            den_terms = math.prod(p.den_terms for p in parts)
            num_terms = sum(p.num_terms * den_terms // max(p.den_terms, 1) for p in parts)
            result = _Size(num, den, _terms_cap(num_terms, num, variables), _terms_cap(den_terms, den, variables))
        elif isinstance(node, sympy.Mul):
            parts = [size(a, depth_index) for a in node.args]
            num, den = sum(p.num for p in parts), sum(p.den for p in parts)
            result = _Size(num, den, _terms_cap(math.prod(min(p.num_terms, _CAP) for p in parts), num, variables),
                           _terms_cap(math.prod(min(p.den_terms, _CAP) for p in parts), den, variables))
        elif isinstance(node, sympy.Pow) and isinstance(node.exp, sympy.Rational):
            p, q = abs(node.exp.p), node.exp.q
            if q > 1:
                index = depth_index * q
                if index > MAX_ROOT_INDEX:
                    refuse(f"roots nested to index {index}")
                radicals.add(node.base)
                if len(radicals) > MAX_RADICALS:
                    refuse(f"more than {MAX_RADICALS} different roots")
                size(node.base, index)
                inner = _Size(1, 0, 1, 1)  # a root is a new generator y with y**q = base
            else:
                inner = size(node.base, depth_index)
            if p * max(inner.num, inner.den) > MAX_DEGREE:
                refuse(f"degree above {MAX_DEGREE}")
            num_t = _terms_cap(math.comb(inner.num_terms + p - 1, p), p * inner.num, variables)
            den_t = _terms_cap(math.comb(inner.den_terms + p - 1, p), p * inner.den, variables)
            result = _Size(p * inner.num, p * inner.den, num_t, den_t)
            if node.exp < 0:
                result = _Size(result.den, result.num, result.den_terms, result.num_terms)
        elif isinstance(node, _CASE_TYPES):
            cases += 1
            if cases > MAX_CASES:
                refuse(f"more than {MAX_CASES} cases")
            values = [pair.expr for pair in node.args] if isinstance(node, sympy.Piecewise) else node.args
            parts = [size(a, depth_index) for a in values]
            if isinstance(node, sympy.Piecewise):
                for pair in node.args:
                    size(pair.cond, depth_index)  # conditions are bounded on their own
            if isinstance(node, sympy.sign):
                parts = [_Size(0, 0, 1, 1)]  # -1, 0 or 1 in each case
            result = _Size(max(p.num for p in parts), max(p.den for p in parts),
                           max(p.num_terms for p in parts), max(p.den_terms for p in parts))
        elif isinstance(node, (sympy.core.relational.Relational, Boolean, sympy.Tuple)) or \
                type(node).__name__ == "ExprCondPair":
            parts = [size(a, depth_index) for a in node.args]
            result = _Size(max(p.num + p.den for p in parts), 0, max(p.num_terms * p.den_terms for p in parts), 1)
        else:
            refuse(f"{type(node).__name__} is not read")
        if max(result.num, result.den) > MAX_DEGREE:
            refuse(f"degree above {MAX_DEGREE}")
        if max(result.num_terms, result.den_terms) > MAX_TERMS:
            refuse(f"more than {MAX_TERMS} terms once expanded")
        memo[key] = result
        return result

    size(expr)
    return expr


# --- deciding ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decision:
    """Whether two expressions are equal: True, False or None (cannot decide).

    Attributes:
        equal: the verdict.
        how: how it was reached, in words for the learner.
        point: where they differ (symbol name -> value), when ``equal`` is False and a point was found.
        value: the answer's value at ``point`` (None where it is undefined).
    """

    equal: bool | None
    how: str
    point: dict | None = None
    value: sympy.Expr | None = None


class _Undecided(Exception):
    """A case the exact procedures here do not settle."""


def _is_rational_function(expr: sympy.Basic) -> bool:
    return all(not isinstance(node, sympy.Pow) or node.exp.is_Integer for node in sympy.preorder_traversal(expr))


def _numerator(expr: sympy.Expr) -> sympy.Expr:
    return sympy.fraction(sympy.cancel(sympy.together(expr)))[0]


def _fraction_value(expr: sympy.Basic, point: Mapping) -> Fraction:
    """The exact value of a rational expression at a rational point (ZeroDivisionError where undefined)."""
    if isinstance(expr, sympy.Symbol):
        return point[expr]
    if isinstance(expr, sympy.Rational):
        return Fraction(int(expr.p), int(expr.q))
    if isinstance(expr, sympy.Add):
        return sum((_fraction_value(a, point) for a in expr.args), Fraction(0))
    if isinstance(expr, sympy.Mul):
        return math.prod((_fraction_value(a, point) for a in expr.args), start=Fraction(1))
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer:
        base = _fraction_value(expr.base, point)
        return base ** int(expr.exp)
    raise TypeError(type(expr).__name__)


@functools.lru_cache(maxsize=512)
def _zero(value: sympy.Expr) -> bool | None:
    """Whether an exact (possibly algebraic) number is zero; None if sympy cannot say."""
    if value.is_Rational:
        return value == 0
    if value.has(sympy.zoo, sympy.nan, sympy.oo):
        return None
    zero = value.is_zero
    if zero is None:
        x = sympy.Dummy("x")
        try:
            zero = sympy.minimal_polynomial(value, x) == x
        except (sympy.polys.polyerrors.NotAlgebraic, NotImplementedError, ValueError):
            zero = None
    return zero


def _value(expr: sympy.Expr, point: Mapping) -> tuple[bool, bool | None]:
    """(defined, zero) for ``expr`` at a rational point, exactly."""
    if _is_rational_function(expr):
        try:
            return True, _fraction_value(expr, point) == 0
        except ZeroDivisionError:
            return False, None
        except TypeError:
            pass
    got = expr.xreplace({s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()})
    if got.has(sympy.zoo, sympy.nan, sympy.oo):
        return False, None
    return True, _zero(got)


def _sign_at(expr: sympy.Expr, point: Mapping) -> int | None:
    if _is_rational_function(expr):
        try:
            value = _fraction_value(expr, point)
        except ZeroDivisionError:
            return None
        return (value > 0) - (value < 0)
    got = expr.xreplace({s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()})
    if got.has(sympy.zoo, sympy.nan, sympy.oo) or got.is_real is False:
        return None
    if _zero(got):
        return 0
    positive = got.is_positive
    return None if positive is None else (1 if positive else -1)


def _bounds(symbol, domain) -> tuple[Fraction, Fraction | None]:
    low, high = domain.get(str(symbol), (0, None))
    return Fraction(low), (None if high is None else Fraction(high))


class _Domain:
    """The model's domain (each symbol in an open interval) and what is known about signs on it."""

    def __init__(self, symbols, domain: Mapping[str, tuple], rng: random.Random):
        self.symbols = sorted(symbols, key=str)
        self.domain = domain
        self.rng = rng
        self.signs: dict = {}
        self.normal: dict = {}
        self.fractions: dict = {}
        self.polynomial_signs: dict = {}
        self.field = field(self.symbols, QQ)[0] if self.symbols else None

    def rational(self, expr: sympy.Expr):
        """``expr`` as an element of the field Q(symbols) (fast sparse arithmetic), or None if it is not one."""
        if expr in self.fractions:
            return self.fractions[expr]
        value = None
        if self.field is not None and _is_rational_function(expr) and expr.free_symbols <= set(self.symbols):
            try:
                value = self.field.from_expr(expr)
            except (ValueError, TypeError, ZeroDivisionError, sympy.polys.polyerrors.PolynomialError,
                    sympy.polys.polyerrors.CoercionFailed):
                value = None
        self.fractions[expr] = value
        return value

    def sign(self, g: sympy.Expr) -> int | None:
        """+1/-1 if ``g`` has that sign everywhere on the domain, 0 if it is identically zero, else None.

        Sound, not complete: after mapping the domain onto the positive orthant, a numerator and a
        denominator whose coefficients all share one sign fix the sign of ``g``.
        """
        if g in self.signs:
            return self.signs[g]
        result = None
        if g.is_Number:
            result = int(sympy.sign(g))
        else:
            value = self.rational(g)
            if value is not None:
                signs = [self.polynomial_sign(part) for part in (value.numer, value.denom)]
                result = None if None in signs else signs[0] * signs[1]
        self.signs[g] = result
        return result

    def polynomial_sign(self, f) -> int | None:
        """The sign of a polynomial (an element of the field's ring) if it is fixed on the domain."""
        if f in self.polynomial_signs:
            return self.polynomial_signs[f]
        ring = f.ring
        mapped = f
        for i, s in enumerate(ring.symbols):
            low, high = _bounds(s, self.domain)
            n = mapped.degree(i)
            if n <= 0 or (high is None and low == 0):
                continue
            by_power: dict = {}
            for monomial, coefficient in mapped.terms():
                rest = monomial[:i] + (0,) + monomial[i + 1:]
                by_power.setdefault(monomial[i], {})[rest] = coefficient
            x, one = ring.gens[i], ring.one
            start = ring.ground_new(QQ(low.numerator, low.denominator))
            if high is None:  # x = low + u
                mapped = sum((ring.from_dict(c) * (start + x) ** k for k, c in by_power.items()), ring.zero)
            else:  # x = low + (high - low) u / (1 + u), times (1 + u)**n, which is positive
                width = ring.ground_new(QQ((high - low).numerator, (high - low).denominator))
                mapped = sum((ring.from_dict(c) * (start * (one + x) + width * x) ** k * (one + x) ** (n - k)
                              for k, c in by_power.items()), ring.zero)
        coefficients = list(mapped.values())
        result = (0 if not coefficients else 1 if all(c > 0 for c in coefficients)
                  else -1 if all(c < 0 for c in coefficients) else None)
        self.polynomial_signs[f] = result
        return result

    def point(self, nice: bool, symbols=None) -> dict:
        """A random rational point strictly inside the domain (nice: small denominators, for hints)."""
        point = {}
        for s in symbols if symbols is not None else self.symbols:
            low, high = _bounds(s, self.domain)
            if high is None:
                high = low + (20 if nice else self.rng.choice((1, 5, 20, 100, 1000)))
            denominator = self.rng.randint(2, 12) if nice else self.rng.randint(10**3, 10**6)
            first, last = math.floor(low * denominator) + 1, math.ceil(high * denominator) - 1
            point[s] = Fraction(self.rng.randint(first, last), denominator) if first <= last else (low + high) / 2
        return point


_OPPOSITE = {">": "<", "<": ">", "=": "="}


def _atoms(condition, truth: bool) -> list[list[tuple]]:
    """A condition (or its negation) as a union of conjunctions of atoms ``(g, op)``: g > 0, g < 0 or g = 0."""
    if isinstance(condition, (bool, BooleanTrue, BooleanFalse)):
        return [[]] if bool(condition) == truth else []
    if isinstance(condition, (sympy.ITE, sympy.Implies, sympy.Equivalent, sympy.Xor)):
        return _atoms(sympy.logic.boolalg.to_nnf(condition, simplify=False), truth)  # as And/Or/Not (Max's rewrite)
    if isinstance(condition, sympy.Not):
        return _atoms(condition.args[0], not truth)
    if isinstance(condition, (sympy.And, sympy.Or)):
        conjunction = isinstance(condition, sympy.And) == truth
        parts = [_atoms(a, truth) for a in condition.args]
        if conjunction:
            result = [[]]
            for part in parts:
                result = [left + right for left in result for right in part]
                if len(result) > MAX_BRANCHES:
                    raise _Undecided("too many cases")
            return result
        return [c for part in parts for c in part]
    if isinstance(condition, sympy.core.relational.Relational):
        g = condition.lhs - condition.rhs
        holds = {sympy.StrictGreaterThan: [">"], sympy.StrictLessThan: ["<"], sympy.GreaterThan: [">", "="],
                 sympy.LessThan: ["<", "="], sympy.Equality: ["="], sympy.Unequality: [">", "<"]}[type(condition)]
        ops = holds if truth else [op for op in (">", "<", "=") if op not in holds]
        return [[(g, op)] for op in ops]
    raise _Undecided(f"a condition of type {type(condition).__name__}")


def _alternatives(node) -> list[tuple[sympy.Basic, list[list[tuple]]]]:
    """The values a case node takes, each with the union of conjunctions where it does."""
    if isinstance(node, (sympy.Abs, sympy.sign)):
        g = node.args[0]
        values = (g, -g, sympy.S.Zero) if isinstance(node, sympy.Abs) else (sympy.S.One, -sympy.S.One, sympy.S.Zero)
        return [(v, [[(g, op)]]) for v, op in zip(values, (">", "<", "="), strict=True)]
    if isinstance(node, (sympy.Min, sympy.Max)):
        return _alternatives(node.rewrite(sympy.Piecewise))
    if isinstance(node, sympy.Piecewise):
        result, earlier = [], [[]]
        for pair in node.args:
            here = [e + c for e in earlier for c in _atoms(pair.cond, True)]
            result.append((pair.expr, here))
            earlier = [e + c for e in earlier for c in _atoms(pair.cond, False)]
            if len(earlier) > MAX_BRANCHES or len(here) > MAX_BRANCHES:
                raise _Undecided("too many cases")
        if earlier:
            result.append((sympy.nan, earlier))  # no condition holds: the answer is undefined there
        return result
    raise _Undecided(type(node).__name__)


def _normal(atom: tuple, region: _Domain) -> list[list[tuple]]:
    """An atom ``(g, op)`` as a union of conjunctions of sign conditions on g's irreducible factors whose
    sign is not fixed on the domain (each with a positive leading coefficient), so that conditions on
    ``g``, ``-g``, ``g*h`` and ``g/h`` are compared factor by factor."""
    g, op = atom
    key = (g, op)
    if key in region.normal:
        return region.normal[key]
    if not g.free_symbols:
        sign = int(sympy.sign(g)) if g.is_Number else None
        return [[atom]] if sign is None else [[]] if {">": 1, "<": -1, "=": 0}[op] == sign else []
    value = region.rational(g)
    if value is None:
        return [[atom]]
    # g = 0 where its numerator is (g is undefined where its denominator is); g > 0 where their product is
    coefficient, factors = value.numer.factor_list()
    if op != "=":
        more, others = value.denom.factor_list()
        coefficient, factors = coefficient * more, factors + others
    sign = 1 if coefficient > 0 else -1
    unknown = []
    for factor, multiplicity in factors:
        fixed = region.polynomial_sign(factor)
        if fixed in (1, -1):
            sign *= fixed ** multiplicity
            continue
        if factor.LC < 0:
            factor, sign = -factor, sign * (-1) ** multiplicity
        unknown.append((factor.as_expr(), multiplicity))
    if op == "=":
        result = [[(f, "=")] for f, _ in unknown]
    else:
        target = 1 if op == ">" else -1
        result = []
        for signs in itertools.product((1, -1), repeat=len(unknown)):
            product = sign * math.prod(s ** m for s, (_, m) in zip(signs, unknown, strict=True))
            if product == target:
                result.append([(f, ">" if s > 0 else "<") for s, (f, _) in zip(signs, unknown, strict=True)])
    region.normal[key] = result
    return result


def _consistent(atoms: list, region: _Domain) -> bool:
    """False if the conjunction cannot hold on the domain (a fixed sign, or one condition with two signs)."""
    seen: dict = {}
    for g, op in atoms:
        if region.sign(g) not in (None, {">": 1, "<": -1, "=": 0}[op]):
            return False
        if seen.setdefault(g, op) != op:
            return False
    return True


def _innermost_case(expr):
    for node in sympy.postorder_traversal(expr):
        if isinstance(node, _CASE_TYPES):
            return node
    return None


def _pulled_out(expr: sympy.Expr, region: _Domain) -> sympy.Expr:
    """Roots in a canonical form: even powers pulled out, (g**2 * h)**(1/2) -> Abs(g) * h**(1/2), and each factor
    positive on the domain under a root of its own, (f*h)**(1/2) -> f**(1/2) * h**(1/2) for f > 0 (true on the
    principal branch whatever the sign of h), so equal roots are written alike."""
    def rewrite(node):
        base, exponent = node.base, node.exp
        if not base.free_symbols:
            return node
        period = exponent.q if exponent.q % 2 == 0 else 2 * exponent.q
        numerator, denominator = sympy.fraction(sympy.together(base))
        outside, inside = sympy.S.One, sympy.S.One
        separate = sympy.S.One
        for part, power in ((numerator, 1), (denominator, -1)):
            coefficient, factors = sympy.factor_list(part)
            inside *= sympy.Pow(coefficient, power)
            for factor, multiplicity in factors:
                pulled = multiplicity // period * period
                outside *= sympy.Pow(sympy.Abs(factor) ** (pulled // exponent.q), power)
                rest = sympy.Pow(factor, power * (multiplicity - pulled))
                if multiplicity > pulled and region.sign(factor) == 1:
                    separate *= sympy.Pow(rest, exponent)
                else:
                    inside *= rest
        if outside == 1 and separate == 1:
            return node
        return sympy.Pow(outside, exponent.p) * separate * sympy.Pow(inside, exponent)

    return expr.replace(lambda n: isinstance(n, sympy.Pow) and n.exp.is_Rational and not n.exp.is_Integer, rewrite)


def _coefficients_zero(numerator: sympy.Expr, generators) -> bool | None:
    """Whether a polynomial in ``generators`` whose coefficients are algebraic numbers (sqrt(2), nested roots of
    numbers) is zero: each coefficient decided exactly by its minimal polynomial; None if one cannot be."""
    if numerator == 0:
        return True
    verdicts = {_zero(c) for c in sympy.Poly(numerator, *generators).coeffs()} if generators else {_zero(numerator)}
    return True if verdicts == {True} else False if False in verdicts else None


def _canonical_zero(delta: sympy.Expr, region: _Domain | None = None) -> bool | None:
    """True if ``delta`` is identically zero by exact algebra; False if it is not (a rational function, whose
    coefficients may be algebraic numbers); None if its canonical form is non-zero but it has roots of
    expressions in the symbols (then it is very likely, not surely, non-zero)."""
    value = region.rational(delta) if region is not None else None
    if value is not None:
        return value.numer == 0
    symbols = sorted(delta.free_symbols, key=str)
    radicals = {n for n in sympy.preorder_traversal(delta)
                if isinstance(n, sympy.Pow) and n.exp.is_Rational and not n.exp.is_Integer and n.free_symbols}
    if not radicals:  # roots of numbers only: a rational function over an algebraic number field
        return _coefficients_zero(_numerator(delta), symbols)
    if any(any(isinstance(m, sympy.Pow) and not m.exp.is_Integer and m.free_symbols
               for m in sympy.preorder_traversal(r.base)) for r in radicals):
        return None  # nested roots of expressions: left to points
    orders: dict = {}
    for r in radicals:
        orders[r.base] = math.lcm(orders.get(r.base, 1), int(r.exp.q))
    generators = {base: sympy.Dummy("y") for base in orders}
    replaced = delta.xreplace({r: generators[r.base] ** (int(r.exp.p) * orders[r.base] // int(r.exp.q))
                               for r in radicals})
    numerator = _numerator(replaced)
    ys = list(generators.values())
    reduced = sympy.S.Zero
    polynomial = sympy.Poly(numerator, *ys)
    for monomial, coefficient in polynomial.terms():
        term = polynomial.domain.to_sympy(coefficient)
        for (base, y), k in zip(generators.items(), monomial, strict=True):
            term *= base ** (k // orders[base]) * y ** (k % orders[base])
        reduced += term
    return True if _coefficients_zero(_numerator(reduced), [*symbols, *ys]) else None


def _linear_elimination(g: sympy.Expr, region: _Domain, symbols) -> list[tuple]:
    """The factors of g's numerator (g = 0 where one of them is), each with a symbol it is linear in whose
    coefficient has a fixed sign on the domain and that symbol's value there -- or None if it has none."""
    value = region.rational(g)
    if value is None:
        raise _Undecided("an equality that is not a rational function")
    ring = value.numer.ring
    result = []
    for factor, _ in value.numer.factor_list()[1]:
        found = None
        for i, s in enumerate(ring.symbols):
            if s not in symbols or factor.degree(i) != 1:
                continue
            slope = ring.from_dict({m[:i] + (0,) + m[i + 1:]: c for m, c in factor.terms() if m[i] == 1})
            intercept = ring.from_dict({m: c for m, c in factor.terms() if m[i] == 0})
            fixed = region.polynomial_sign(slope) in (1, -1)
            candidate = s, -intercept.as_expr() / slope.as_expr(), (None if fixed else (slope.as_expr(),
                                                                                      intercept.as_expr()))
            if found is None or fixed:
                found = candidate
            if fixed:
                break
        result.append((factor, found))
    return result


_TRIES = 240


def _branch(atoms: list, delta, region: _Domain, symbols, fixed: dict, depth: int = 0):
    """Decide ``delta == 0`` where every atom holds: True, or False with a point (or None) -- raises _Undecided."""
    kept = []
    for g, op in atoms:
        sign = region.sign(g)
        if sign is None:
            kept.append((g, op))
        elif {">": 1, "<": -1, "=": 0}[op] != sign:
            return True, None  # this case never happens on the domain
    undefined = delta is sympy.nan or (isinstance(delta, sympy.Expr) and delta.has(sympy.nan))
    if not undefined and not fixed and not any(op == "=" for _, op in kept) and region.rational(delta) is None:
        # roots: a point where the difference is exactly non-zero settles it faster than the canonical form
        for _ in range(3):
            point = region.point(nice=True, symbols=symbols)
            if all(_sign_at(g, point) == {">": 1, "<": -1}[op] for g, op in kept):
                defined, is_zero = _value(delta, point)
                if defined and is_zero is False:
                    return False, point
    zero = None if undefined else _canonical_zero(delta, region)
    if zero:
        return True, None
    equalities = [(g, op) for g, op in kept if op == "="]
    if equalities:
        if depth > 3:
            raise _Undecided("too many equalities")
        g = equalities[0][0]
        rest = [a for a in kept if a is not equalities[0]]
        eliminations = _linear_elimination(g, region, symbols)
        if any(found is None for _, found in eliminations):
            raise _Undecided("an equality not linear in any symbol")
        for _, (s, value, unfixed) in eliminations:
            low, high = _bounds(s, region.domain)
            bounds = [(value - sympy.Rational(low), ">")] + ([(sympy.Rational(high) - value, ">")] if high is not None
                                                               else [])
            sub_atoms = [(h.xreplace({s: value}), op) for h, op in rest] + bounds
            sub_delta = delta if undefined else delta.xreplace({s: value})
            if not undefined and sub_delta.has(sympy.zoo, sympy.nan):
                continue  # the expected expression itself is undefined on this set
            known = {**{k: v.xreplace({s: value}) for k, v in fixed.items()}, s: value}
            # s = -intercept/slope where the slope is not zero; if its sign is not fixed, each sign is a case,
            # and slope = intercept = 0 (where the factor vanishes whatever s is) another
            cases = [[]] if unfixed is None else [[(unfixed[0], ">")], [(unfixed[0], "<")]]
            for extra in cases:
                verdict, point = _branch(sub_atoms + extra, sub_delta, region, [x for x in symbols if x != s], known,
                                         depth + 1)
                if verdict is False:
                    return False, point
            if unfixed is not None:
                verdict, point = _branch(rest + [(unfixed[0], "="), (unfixed[1], "=")], delta, region, symbols, fixed,
                                         depth + 1)
                if verdict is False:
                    return False, point
        return True, None
    # strict conditions only: an open region; delta is not zero as a canonical form
    evaluations = 0
    rational = undefined or _is_rational_function(delta)
    for k in range(_TRIES):
        point = region.point(nice=k < 40, symbols=symbols)
        if any(_sign_at(g, point) != {">": 1, "<": -1}[op] for g, op in kept):
            continue
        full = dict(point)
        try:
            for s, value in fixed.items():
                full[s] = _fraction_value(value, point)
        except (ZeroDivisionError, TypeError):
            continue
        if undefined:
            return False, full
        defined, is_zero = _value(delta, point)
        if defined and is_zero is False:
            return False, full
        evaluations += 1
        if not rational and evaluations >= 12:  # each evaluation decides an algebraic number exactly
            break
    if zero is False and not kept:
        return False, None  # a non-zero rational function on the whole domain
    raise _Undecided("no point of a case found")


def decide(answer: sympy.Expr, expected: sympy.Expr, domain: Mapping[str, tuple], points: int = 12,
           seed: int | None = None) -> Decision:
    """Decide whether ``answer`` equals ``expected`` on the domain (``name -> (low, high)``; None = unbounded).

    Both come from :func:`parse` or :func:`rebuild`. Equality is only ever concluded by exact
    algebra; a point (drawn afresh unless ``seed`` is given) only shows a difference.
    ``points`` is kept for compatibility: the number of points tried is internal.
    """
    rng = random.Random(seed if seed is not None else secrets.randbits(64))
    symbols = sorted(answer.free_symbols | expected.free_symbols, key=str)
    region = _Domain(symbols, domain, rng)
    try:
        difference = _pulled_out(sympy.Add(answer, -expected), region)
        branches = [([], difference)]
        while True:
            expanded, changed = [], False
            for atoms, expr in branches:
                node = _innermost_case(expr)
                if node is None:
                    expanded.append((atoms, expr))
                    continue
                changed = True
                for value, conjunctions in _alternatives(node):
                    replaced = expr.xreplace({node: value})
                    for conjunction in conjunctions:
                        options = [atoms]
                        for atom in conjunction:
                            options = [list(dict.fromkeys(a + b)) for a in options for b in _normal(atom, region)]
                            options = [a for a in options if _consistent(a, region)]
                            if len(options) > MAX_BRANCHES:
                                raise _Undecided("too many cases")
                        expanded += [(a, replaced) for a in options]
                if len(expanded) > MAX_BRANCHES:
                    raise _Undecided("too many cases")
            branches = expanded
            if not changed:
                break
        undecided = None
        for atoms, delta in branches:
            try:
                verdict, point = _branch(atoms, delta, region, symbols, {})
            except _Undecided as reason:
                undecided = str(reason)
                continue
            if verdict is False:
                return _differs(answer, point)
    except _Undecided as reason:
        undecided = str(reason)
    if undecided:
        UNDECIDED[undecided] += 1
        return Decision(None, "cannot decide: simplify your expression")
    how = "by exact algebra" + (", case by case on the model's domain" if len(branches) > 1 else "")
    return Decision(True, how)


def _differs(answer: sympy.Expr, point: dict | None) -> Decision:
    if point is None:
        return Decision(False, "by exact algebra")
    exact = {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}
    got = answer.xreplace(exact)
    if isinstance(got, sympy.Piecewise):
        got = got.doit()
    defined = isinstance(got, sympy.Expr) and not got.has(sympy.zoo, sympy.nan, sympy.oo) and not got.free_symbols
    if defined and not got.is_Rational:
        got = sympy.nsimplify(got) if got.has(sympy.Float) else sympy.radsimp(got)
    return Decision(False, "at a point of the model's domain", {str(s): v for s, v in exact.items()},
                    got if defined else None)
