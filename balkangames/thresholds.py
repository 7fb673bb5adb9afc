"""Where a player's class changes: thresholds derived with sympy.

A player's class (see :mod:`balkangames.classify`) is decided by three
comparisons, so it changes where one of them becomes an equality:

* ``"temptation"``: T = R, above which arming against a restrainer pays;
* ``"fear"``: P = S, above which restraint against an armer is the worse choice;
* ``"deadlock"``: R = P, which separates Prisoner's Dilemma from Deadlock.

:func:`threshold` solves one boundary for one parameter symbolically, from the
same payoff formulas as the numeric game (:func:`balkangames.model.symbolic_terms`),
and evaluates it exactly at given parameter values. For example, the alliance
guarantee that ends player 2's fear:

>>> t = threshold("guarantee_2", player=2, boundary="fear")
>>> t.latex
'a_{2} = \\\\frac{W d o_{1} - W o_{1} + c + k m - r_{2} + w}{W o_{1} \\\\left(d - 1\\\\right)}'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import sympy

from ._rich import render
from .classify import player_class
from .formatting import approx_text
from .model import SYMBOLS, player_terms, symbolic_terms
from .params import LAYER_TWO, PARAMETERS, SecurityParams, require_params
from .validation import name_pair, player_number

BOUNDARIES = {
    "temptation": ("T", "R"),
    "fear": ("P", "S"),
    "deadlock": ("R", "P"),
}

#: Parameters a threshold can be solved for: every continuous one (not a yes/no flag such as m).
CONTINUOUS = tuple(name for name, info in PARAMETERS.items() if not info.row.flag)


@dataclass(frozen=True)
class Threshold:
    """The value of ``parameter`` at which ``player``'s ``boundary`` comparison ties.

    Attributes:
        parameter: flat parameter name, e.g. ``"guarantee_2"``.
        player: 1 or 2.
        boundary: ``"temptation"``, ``"fear"`` or ``"deadlock"``.
        gap: the compared difference (T − R, P − S or R − P) as a sympy expression;
            positive means temptation, fear, or R > P respectively.
        expression: the solved value of the parameter (sympy), or ``None`` when the
            boundary does not depend on the parameter.
    """

    parameter: str
    player: int
    boundary: str
    gap: sympy.Expr
    expression: sympy.Expr | None

    @property
    def symbol(self) -> sympy.Symbol:
        """The parameter's sympy symbol."""
        return SYMBOLS[self.parameter]

    def _repr_latex_(self) -> str:
        """JupyterLab's view: the formula in display-size LaTeX (see :mod:`balkangames.views`)."""
        return render("threshold_latex", self)

    def _repr_html_(self) -> str:
        return render("threshold_html", self)

    @property
    def latex(self) -> str:
        """``symbol = expression`` in LaTeX, in the base model (empty when there is no threshold).

        The second layer's parameters other than :attr:`parameter` are shown at 0, their
        default, which is how every case's :meth:`~balkangames.cases.Case.params` has them;
        :attr:`full_latex` keeps them. :meth:`value` always uses the full expression.
        """
        if self.expression is None:
            return ""
        return f"{sympy.latex(self.symbol)} = {sympy.latex(self.base_expression)}"

    @property
    def base_expression(self) -> sympy.Expr | None:
        """:attr:`expression` with the second layer's other parameters at 0 (the base model)."""
        if self.expression is None:
            return None
        return _base_form(self.expression, self.parameter)

    @property
    def full_latex(self) -> str:
        """``symbol = expression`` in LaTeX with every parameter, the second layer's included."""
        if self.expression is None:
            return ""
        return f"{sympy.latex(self.symbol)} = {sympy.latex(self.expression)}"

    def value(self, params: SecurityParams) -> Fraction | None:
        """The threshold's exact value with the other parameters taken from ``params``.

        ``None`` when the boundary does not depend on this parameter, or when the
        expression is undefined there (a zero denominator: no value of the
        parameter moves the player across the boundary).
        """
        if self.expression is None:
            return None
        return _evaluate(self.expression, params)

    def slope(self, params: SecurityParams) -> Fraction:
        """How the gap moves as the parameter rises (its exact partial derivative at ``params``)."""
        return _evaluate(_derivative(self.gap, self.symbol), params)

    def gap_at(self, params: SecurityParams) -> Fraction:
        """The compared difference (T − R, P − S or R − P) at ``params``, exactly."""
        return _evaluate(self.gap, params)

    def describe(self, params: SecurityParams, players=("player 1", "player 2")) -> str:
        """A sentence such as "Kosovo's fear ends once guarantee_2 rises above 13/18"."""
        name = name_pair(players)[self.player - 1]
        value = self.value(params)
        info = PARAMETERS[self.parameter]
        if value is None:
            return f"No value of {self.parameter} ({info.symbol}) moves {name} across the {self.boundary} boundary."
        if (info.low is not None and value < info.low) or (info.high is not None and value > info.high):
            state = "present" if self.gap_at(params) > 0 else "absent"
            return (
                f"{name}'s {self.boundary} is {state} for every {self.parameter} in {info.range_text} "
                f"(the threshold {approx_text(value)} lies outside)."
            )
        slope = self.slope(params)
        if slope == 0:
            return f"{name}'s {self.boundary} boundary does not move with {self.parameter} here."
        rising = "rises above" if slope < 0 else "falls below"
        ending = {
            "temptation": "temptation ends",
            "fear": "fear ends",
            "deadlock": "mutual arming stops being preferred to mutual restraint",
        }[self.boundary]
        return f"{name}'s {ending} once {self.parameter} ({info.symbol}) {rising} {approx_text(value)}."


@cache
def _compiled(expression: sympy.Expr):
    """``expression`` as a plain Python function of all flat parameters, in PARAMETERS order.

    It only adds, multiplies and divides, so Fraction arguments give an exact Fraction
    (a zero denominator raises ZeroDivisionError), hundreds of times faster than ``subs``:
    fast enough to re-evaluate on every slider move.
    """
    return sympy.lambdify(list(SYMBOLS.values()), expression, modules=[{}])


@cache
def _base_form(expression: sympy.Expr, parameter: str) -> sympy.Expr:
    zero = {SYMBOLS[n]: 0 for n in LAYER_TWO if n != parameter}
    return sympy.factor(expression.subs(zero))


@cache
def _derivative(gap: sympy.Expr, symbol: sympy.Symbol) -> sympy.Expr:
    return sympy.diff(gap, symbol)


def _evaluate(expression: sympy.Expr, params: SecurityParams) -> Fraction | None:
    """``expression`` at ``params``, exactly; None where it is undefined (zero denominator)."""
    params = require_params(params)
    try:
        result = _compiled(expression)(*params.flat().values())
    except ZeroDivisionError:
        return None
    if isinstance(result, (int, Fraction)):
        return Fraction(result)
    # A rational constant was printed as a float literal: evaluate exactly with sympy instead.
    exact_result = expression.subs(
        {SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in params.flat().items()}
    )
    return Fraction(int(exact_result.p), int(exact_result.q)) if exact_result.is_Rational else None


def _gap(player: int, boundary: str) -> sympy.Expr:
    if boundary not in BOUNDARIES:
        raise ValueError(f"boundary must be one of {list(BOUNDARIES)}, got {boundary!r}")
    larger, smaller = BOUNDARIES[boundary]
    terms = symbolic_terms(player)
    return sympy.expand(terms[larger] - terms[smaller])


def _check_parameter(parameter: str) -> None:
    if parameter not in CONTINUOUS:
        raise ValueError(f"unknown parameter {parameter!r}; thresholds exist for: {', '.join(CONTINUOUS)}")


_CACHE: dict[tuple[str, int, str], Threshold] = {}


def threshold(parameter: str, player: int, boundary: str) -> Threshold:
    """Solve ``player``'s ``boundary`` for ``parameter`` (see module docs).

    Raises:
        ValueError: for an unknown parameter, player or boundary, listing the choices.
    """
    _check_parameter(parameter)
    player = player_number(player)
    key = (parameter, player, boundary)
    if key not in _CACHE:
        gap = _gap(player, boundary)
        symbol = SYMBOLS[parameter]
        solutions = sympy.solve(sympy.Eq(gap, 0), symbol, dict=False) if gap.has(symbol) else []
        expression = sympy.factor(solutions[0]) if solutions else None
        _CACHE[key] = Threshold(parameter, player, boundary, gap, expression)
    return _CACHE[key]


def class_at(params: SecurityParams, player: int) -> str:
    """``player``'s class at ``params`` (1 or 2), computed from the exact payoffs."""
    terms = player_terms(require_params(params), player_number(player))
    return player_class(terms["R"], terms["S"], terms["T"], terms["P"])


def thresholds_for(params: SecurityParams, parameter: str, player: int) -> list[tuple[Threshold, Fraction]]:
    """Every boundary of ``player`` that ``parameter`` crosses inside its range, with the value.

    Sorted by value. Each entry is a ``(Threshold, value)`` pair; the class on
    either side can be read with :func:`class_at`.
    """
    require_params(params)
    _check_parameter(parameter)
    info = PARAMETERS[parameter]
    found = []
    for boundary in BOUNDARIES:
        t = threshold(parameter, player, boundary)
        value = t.value(params)
        if value is None:
            continue
        if (info.low is not None and value < info.low) or (info.high is not None and value > info.high):
            continue
        found.append((t, value))
    return sorted(found, key=lambda pair: pair[1])
