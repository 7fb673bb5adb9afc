"""Is a result robust? Every result decided exactly over the box of assumed sizes' ranges.

Every assumed size of a case (a guarantee level, a shared constant, a prior, a kin stake,
a patron's subsidy, a provocation) carries a plausible range in the data files
(``range``/``range_why``). The *box* of a case in a year is the product of those ranges;
cited facts and the results of rules on cited facts stay fixed. A result — a player's
class, the set of equilibria, the spiral of security seekers, a cell of the thesis's
findings table — is **robust** when it holds at every point of the box and
**contingent** otherwise; a contingent result names the assumptions that decide it and
the exact value where each one flips it (``flips_at``), or says that only several moving
together do.

Nothing here samples. The decision rests on one lemma.

**Lemma (multilinear functions are decided at the vertices).** Let f be a polynomial of
degree at most 1 in each of the variables x_1 … x_n separately (multilinear) and B a box
∏ [l_k, h_k]. Then f's minimum and maximum over B are taken at vertices of B.

*Proof.* Fix every variable but x_1: f is affine in x_1, so on [l_1, h_1] it is largest
and smallest at an end. Hence max_B f = max over x_1 ∈ {l_1, h_1} of the maximum over the
remaining box of f with x_1 fixed, again multilinear in x_2 … x_n; induction on n ends
at the 2^n vertices. The same holds for the minimum. ∎

So f > 0 on all of B exactly when f > 0 at every vertex, f < 0 likewise, and otherwise f
takes the value 0 somewhere in B (B is connected and f continuous), and both signs unless
its vertex values are all ≥ 0 or all ≤ 0.

**Every quantity a result depends on is multilinear in the box's parameters.** The
payoff terms (:func:`balkangames.model.evaluate_terms`) are sums of products in which each
parameter appears at most once: greed o_i (1 − a_j)((1 − μ) W + μ v_i), fear
(o_j + q_i)(1 − d)(1 − a_i) W + e_i, κ_i = c + k m − r_i. So are the gaps T − R, P − S and
R − P, and the quantities of the game of beliefs (:mod:`balkangames.beliefs`): a security
seeker's and a greedy type's R − T (the greedy type's motive is W, which enters greed
once), and a type's advantage of restraint at the rival-restraint probabilities its
belief π_i makes possible, π_i (R − T) − (1 − π_i)(P − S) and (1 − π_i)(R − T) − π_i (P − S),
affine in π_i and multilinear in the rest. The module checks this for every quantity it
uses (sympy: degree at most 1 in each parameter of the box) and refuses otherwise.

**From signs to results.** A player's class is a function of the signs of its T − R,
P − S and R − P (:func:`balkangames.classify.player_class`); the equilibria of the 2x2
game (which profiles, pure or mixed, and whether the game is degenerate) are a function of
the signs of both players' T − R and P − S, since these decide every best reply;
the findings table's fear is P − S > 0, its misperception P − S > 0, R − T ≥ 0 for a
security seeker and π_i (R − T) − (1 − π_i)(P − S) < 0 (the prior is below the trust
threshold π*; :mod:`balkangames.mechanisms`). The spiral (every Bayesian Nash
equilibrium has both security seekers arm) is a function of the signs of each player's
P − S, each type's R − T, and each type's advantage of restraint at π_i and 1 − π_i
(:func:`spiral_of_signs` gives the argument: the game of types is supermodular, so its
greatest equilibrium is pure and decides the spiral); tests check the rule against the
exact Bayesian solver on a dense grid.

**The decision.** A result is a function of the sign vector of a finite family of
multilinear quantities. :func:`search` finds every value the result takes on the box.
On a sub-box, each quantity's vertex values bound the signs it can take (lemma); if every
sign vector they allow gives a value already found, the sub-box adds nothing. Where at
most one quantity changes sign, every sign it allows is taken with the others fixed: at a
vertex, or (its zero) on an edge between two vertices of opposite sign, where it is
affine, so the zero is found exactly. Otherwise the sub-box is halved along one of the
parameters of the quantities that change sign. Every value found has an exact witness
point. The result is robust when the search ends with one value; it is contingent as soon
as a second value has a witness. A search cut short by its budget says so
(``exhaustive`` false): its status stands only when it already has two values, which the
tests require.

**flips_at.** For a contingent result, each parameter of the box is moved alone over its
range with the others at the case's values. Each quantity is then affine in it, so its
zeros are exact fractions (the same values :mod:`balkangames.thresholds` derives with
sympy, and for a prior the trust threshold π* of :mod:`balkangames.beliefs`); the flip is
the zero nearest the case's value at which the result changes. A parameter that cannot
change the result alone is not listed; when none can, every parameter of the quantities
that change sign is listed with ``flips_at`` None (they decide only together).

Ranges are independent: each parameter moves over its own range, whatever the others
do. In the findings table, where one country's cell gathers several dyads, the constants
shared by every dyad (W, b, c, w, d, k) are one parameter each and move together; every
other assumed size is its dyad's own.

>>> from balkangames import cases
>>> report = robustness(cases.load("serbia-kosovo"), 2022)
>>> [(r.kind, r.player, r.value, r.status) for r in report.results if r.kind == "class"]
[('class', 'serbia', 'prisoners-dilemma', 'contingent'), ('class', 'kosovo', 'stag-hunt', 'contingent')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache
from itertools import product

from .._rich import render
from ..beliefs import bayesian_game
from ..classify import player_class
from ..model import evaluate_terms
from ..params import PARAMETERS, SecurityParams
from ..solver import solve
from ..validation import in_range
from .catalog import load_catalog
from .mechanisms_data import case_priors, load_mechanisms
from .provenance import Assumption, Parameter

#: Names ``--set`` accepts for the priors (player i's belief that the other is a security seeker).
PRIOR_NAMES = ("prior_1", "prior_2")


def shared() -> frozenset[str]:
    """The constants shared by every dyad (``rules.toml``'s ``[constants]``): one parameter
    each when dyads are decided together."""
    return frozenset(load_catalog().rules.constants)


#: How many sub-boxes :func:`search` examines before it stops (and says so).
BUDGET = 2000

ROBUST, CONTINGENT = "robust", "contingent"


# ----------------------------------------------------------------------------- the box


def symbol(name: str) -> str:
    """The symbol a learner reads for a parameter or prior name: ``a_2``, ``π_1``, ``μ``."""
    if name in PRIOR_NAMES:
        return f"π_{name[-1]}"
    return PARAMETERS[name].symbol.replace("mu", "μ")


@dataclass(frozen=True)
class Range:
    """One assumed size's plausible range.

    Attributes:
        key: the parameter's key in the box (``name``, or ``case:name`` for a dyad's own
            parameter when several dyads are decided together).
        name: the name ``balkangames show --set`` accepts (``guarantee_2``, ``prior_1`` …).
        case: the case it belongs to.
        value: the case's value.
        low, high: the plausible range.
        why: the reason for the range (from the data file).
    """

    key: str
    name: str
    case: str
    value: Fraction
    low: Fraction
    high: Fraction
    why: str

    def as_dict(self) -> dict:
        """``{"name", "low", "high", "why"}`` with exact strings (and ``"value"``)."""
        return {"name": self.name, "value": str(self.value), "low": str(self.low), "high": str(self.high),
                "why": self.why}


@dataclass(frozen=True)
class Dyad:
    """One case in one year: every value (parameters and priors) and the ranges of the assumed ones."""

    case: str
    year: int
    players: tuple[str, str]
    items: tuple  # (flat name or prior name, Fraction) pairs
    ranges: tuple[Range, ...]

    @cached_property
    def values(self) -> dict:
        """Every value by name (flat parameter names and ``prior_1``, ``prior_2``)."""
        return dict(self.items)

    def key(self, name: str, joint: bool) -> str:
        """The box key of ``name``: the name, or ``case:name`` for a dyad's own parameter when joint."""
        return name if not joint or name in shared() else f"{self.case}:{name}"

    def params(self, values=None) -> SecurityParams:
        values = self.values if values is None else values
        return SecurityParams.from_flat({n: values[n] for n in PARAMETERS})

    def priors(self, values=None) -> tuple[Fraction, Fraction]:
        values = self.values if values is None else values
        return values["prior_1"], values["prior_2"]


def dyad(case, year=None, members=None, overrides=None, presences=None) -> Dyad:
    """The one game of ``case`` in ``year`` (the cited second layer included) with its ranges.

    ``overrides`` may set any parameter or prior by hand (``--set``); a value set by hand
    is fixed, not ranged; ``presences`` takes a peace-support presence away (``{"kfor": "none"}``).
    """
    year = case.check_year(year)
    overrides = dict(overrides or {})
    priors_set = {name: overrides.pop(name) for name in PRIOR_NAMES if name in overrides}
    # The one game: the case's parameters, the second-layer values its rules cite (kin stakes,
    # provocation) included; motives stay the case's, and the game of beliefs sets each type's.
    one = {p.name: p for p in case.parameters(year, members, overrides, presences)}
    parameters = [one[name] for name in PARAMETERS]
    for prior in case_priors(case, year):
        if prior.name in priors_set:
            value = in_range(priors_set[prior.name], prior.name, 0, 1)
            prior = Parameter(prior.name, value, (), (Assumption(f"Set by hand to {value}."),))
        parameters.append(prior)
    values = tuple((p.name, Fraction(p.value)) for p in parameters)
    ranges = tuple(
        Range(p.name, p.name, case.id, Fraction(p.value), *p.range, p.sized_by.range_why)
        for p in parameters if p.range is not None
    )
    return Dyad(case.id, year, tuple(case.players), values, ranges)


# ----------------------------------------------------------------------------- quantities


class Quantity:
    """A multilinear function of a dyad's values, with the box keys it depends on.

    Args:
        label: what it is, e.g. ``"P − S of kosovo"``.
        dyad: the dyad.
        fn: a function of a dict of values (flat and prior names) that uses only ``+``,
            ``-`` and ``*`` (it is evaluated on Fractions and on sympy symbols).
        joint: whether box keys carry the case (several dyads decided together).
    """

    def __init__(self, label: str, dyad: Dyad, fn: Callable[[dict], object], joint: bool = False):
        self.label = label
        self.dyad = dyad
        self.fn = fn
        self.joint = joint
        self.names = {r.name: dyad.key(r.name, joint) for r in dyad.ranges}
        self.support, self.coefficients = _compile(self)
        self._case = {key: dyad.values[name] for name, key in self.names.items()}

    def at(self, point: dict) -> Fraction:
        """The exact value at ``point`` (box key -> value; keys not given keep the case's values)."""
        xs = [point[k] if k in point else self._case[k] for k in self.support]
        total = Fraction(0)
        for monomial, c in self.coefficients.items():
            term = c
            for x, power in zip(xs, monomial):
                if power:
                    term *= x
            total += term
        return total

    def direct(self, point: dict) -> Fraction:
        """The same value from the payoff formula itself (for tests: the polynomial is the formula)."""
        local = dict(self.dyad.values)
        for name, key in self.names.items():
            if key in point:
                local[name] = point[key]
        return Fraction(self.fn(local))

    def vertex_values(self, box: dict) -> list[Fraction]:
        """The values at the vertices of ``box`` over :attr:`support`, in ``product`` order (lo before hi).

        Computed from the multilinear coefficients by substituting one parameter at a time.
        """
        table = dict(self.coefficients)
        for key in self.support:
            lo, hi = box[key]
            new: dict = {}
            for monomial, c in table.items():
                power, rest = monomial[0], monomial[1:]
                for end, x in ((0, lo), (1, hi)):
                    label = (*rest, end)
                    new[label] = new.get(label, 0) + (c * x if power else c)
            table = new
        n = len(self.support)
        return [Fraction(table.get(choice, 0)) for choice in product((0, 1), repeat=n)]


def _compile(q: Quantity):
    """The box keys ``q`` depends on, and its coefficients as a multilinear polynomial in them.

    Coefficients are keyed by a 0/1 exponent per support key. Fails unless ``q`` is
    multilinear (degree at most 1 in each key: the lemma's premise), checked with sympy.
    """
    import sympy  # most of the package's import time: loaded on first use

    symbols = {name: sympy.Symbol(f"x_{k}") for k, name in enumerate(q.names)}
    local = {n: sympy.Rational(v.numerator, v.denominator) for n, v in q.dyad.values.items()}
    local.update(symbols)
    expression = sympy.expand(q.fn(local))
    used = sorted((name for name, s in symbols.items() if expression.has(s)), key=lambda n: q.names[n])
    support = tuple(q.names[n] for n in used)
    if len(set(support)) != len(support):  # pragma: no cover - one key per name within a dyad
        raise ValueError(f"{q.label}: two parameters share one key")
    if not used:
        return (), {(): Fraction(int(expression.p), int(expression.q))}
    poly = sympy.Poly(expression, *(symbols[n] for n in used))
    coefficients = {}
    for monomial, c in poly.terms():
        if any(e > 1 for e in monomial):  # pragma: no cover - guards the lemma's premise
            raise ValueError(f"{q.label} is not multilinear: its signs cannot be read at vertices")
        coefficients[monomial] = Fraction(int(c.p), int(c.q))
    return support, coefficients


def _terms(values: dict, i: int, motive=None) -> dict:
    """Player ``i``'s terms; ``motive`` "seeker" or "greedy" sets its type (μ = 1, v_i = 0 or W)."""
    if motive is None:
        return evaluate_terms(values, i)
    v = dict(values)
    v["motive_weight"] = 1
    v[f"motive_{i}"] = 0 if motive == "seeker" else values["stakes"]
    return evaluate_terms(v, i)


def _gap(i: int, larger: str, smaller: str, motive=None):
    return lambda v: _terms(v, i, motive)[larger] - _terms(v, i, motive)[smaller]


def _advantage(i: int, motive: str, rival_restrains: str):
    """Restrain minus arm of a type when the rival restrains with probability π_i or 1 − π_i."""
    def fn(v):
        t = _terms(v, i, motive)
        q = v[f"prior_{i}"] if rival_restrains == "pi" else 1 - v[f"prior_{i}"]
        return q * (t["R"] - t["T"]) - (1 - q) * (t["P"] - t["S"])
    return fn


@lru_cache(maxsize=512)
def _quantities(d: Dyad, joint: bool) -> dict:
    """The quantities of one dyad, by (what, player index 1/2)."""
    found = {}
    for i in (1, 2):
        found[("T-R", i)] = Quantity(f"T − R of {d.players[i - 1]}", d, _gap(i, "T", "R"), joint)
        found[("P-S", i)] = Quantity(f"P − S of {d.players[i - 1]}", d, _gap(i, "P", "S"), joint)
        found[("R-P", i)] = Quantity(f"R − P of {d.players[i - 1]}", d, _gap(i, "R", "P"), joint)
        found[("A-seeker", i)] = Quantity(f"R − T of a security-seeking {d.players[i - 1]}", d,
                                          _gap(i, "R", "T", "seeker"), joint)
        found[("A-greedy", i)] = Quantity(f"R − T of a greedy {d.players[i - 1]}", d,
                                          _gap(i, "R", "T", "greedy"), joint)
        for motive in ("seeker", "greedy"):
            for at in ("pi", "1-pi"):
                found[(f"adv-{motive}-{at}", i)] = Quantity(
                    f"advantage of restraint of a {motive} {d.players[i - 1]} at {at}", d,
                    _advantage(i, motive, at), joint)
    return found


# ----------------------------------------------------------------------------- sign vectors


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def _vertices(keys, box: dict):
    for corner in product(*((box[k][0], box[k][1]) for k in keys)):
        yield dict(zip(keys, corner))


def _possible(values) -> frozenset:
    """The signs a multilinear quantity takes on a box, from its values at the vertices (lemma)."""
    low, high = min(values), max(values)
    return frozenset(x for x in (-1, 0, 1) if _sign(low) <= x <= _sign(high))


@dataclass(frozen=True)
class Search:
    """The values a result takes on a box, each with an exact witness point."""

    values: dict  # value -> witness point (box key -> value)
    exhaustive: bool


class _Need(Exception):
    def __init__(self, n):
        self.n = n


def outcomes(value_of: Callable, possible, point=None) -> set:
    """Every value ``value_of`` gives over the sign vectors ``possible`` allows (one set per quantity).

    ``value_of(get, point)`` reads signs through ``get(n)``; only the signs it reads are
    branched on, so a result decided by a few signs costs a few calls.
    """
    results = set()

    def run(assigned: dict):
        def get(n):
            if n in assigned:
                return assigned[n]
            if len(possible[n]) == 1:
                return next(iter(possible[n]))
            raise _Need(n)
        try:
            results.add(value_of(get, point))
        except _Need as need:
            for sign in sorted(possible[need.n]):
                run({**assigned, need.n: sign})

    run({})
    return results


def search(quantities, value_of: Callable, box: dict, start: tuple[str, dict], budget: int = BUDGET) -> Search:
    """Every value ``value_of(get, point)`` takes on ``box`` (see the module docs).

    ``value_of`` reads a result from the signs of ``quantities`` (−1, 0, +1 each, through
    ``get(n)``); ``point`` is a witness point or None, and ``value_of`` may return None
    when it needs one. ``start`` is a known value and its point (the case's). First every
    vertex of the box is tried (each a witness). Then a sub-box is done when every sign
    vector its vertex values allow gives a value already found; when at most one quantity
    changes sign on it, every vector it allows is taken there (with a witness); otherwise
    it is halved along a parameter of the quantities that change sign. ``budget``
    sub-boxes at most; beyond it the search says it is not exhaustive.
    """
    quantities = list(quantities)
    found = {start[0]: start[1]}
    exhaustive = True
    keys = sorted({k for q in quantities for k in q.support if k in box})
    if len(keys) <= 14:  # the vertices of the whole box: cheap witnesses of other values
        tables = [q.vertex_values(box) for q in quantities]
        position = {k: n for n, k in enumerate(keys)}
        for corner in product((0, 1), repeat=len(keys)):
            signs = []
            for q, table in zip(quantities, tables):
                index = 0
                for k in q.support:
                    index = 2 * index + corner[position[k]]
                signs.append(_sign(table[index]))
            point = {k: box[k][c] for k, c in zip(keys, corner)}
            value = value_of(signs.__getitem__, point)
            found.setdefault(value, point)
    stack = [dict(box)]
    nodes = 0
    while stack:
        sub = stack.pop()
        nodes += 1
        corner = {k: lo for k, (lo, _) in sub.items()}
        tables = [q.vertex_values(sub) for q in quantities]
        possible = [_possible(table) for table in tables]
        mixed = [n for n, signs in enumerate(possible) if len(signs) > 1]
        if len(mixed) <= 1:
            values = [list(zip(table, (dict(zip(q.support, (sub[k][c] for k, c in zip(q.support, choice))))
                                       for choice in product((0, 1), repeat=len(q.support)))))
                      for q, table in zip(quantities, tables)]
            fixed = [_sign(table[0]) for table in tables]
            for signs, point in _realized(quantities, values, mixed, fixed, corner, sub):
                found.setdefault(value_of(signs.__getitem__, point), point)
            continue
        results = outcomes(value_of, possible)
        if None not in results and results <= set(found):
            continue
        if nodes >= budget:
            exhaustive = False
            continue
        split_keys = {k for n in mixed for k in quantities[n].support if k in sub}
        split = max(sorted(split_keys), key=lambda k: (sub[k][1] - sub[k][0]) / (box[k][1] - box[k][0]))
        lo, hi = sub[split]
        middle = (lo + hi) / 2
        stack.append({**sub, split: (lo, middle)})
        stack.append({**sub, split: (middle, hi)})
    found.pop(None, None)
    return Search(found, exhaustive)


def _realized(quantities, values, mixed, fixed, corner, sub):
    """The sign vectors taken on a sub-box where at most one quantity changes sign, with witnesses."""
    if not mixed:
        yield tuple(fixed), corner
        return
    n = mixed[0]
    seen = set()
    for x, vertex in values[n]:
        signs = list(fixed)
        signs[n] = _sign(x)
        if tuple(signs) not in seen:
            seen.add(tuple(signs))
            yield tuple(signs), {**corner, **vertex}
    signs = list(fixed)
    signs[n] = 0
    if tuple(signs) not in seen and min(x for x, _ in values[n]) < 0 < max(x for x, _ in values[n]):
        yield tuple(signs), _zero_on_edge(quantities[n], values[n], corner, sub)


def _zero_on_edge(q: Quantity, vertex_values, corner: dict, box: dict) -> dict:
    """A point of ``box`` where ``q`` is 0, on an edge between vertices of opposite sign."""
    by_vertex = {tuple(sorted(v.items())): x for x, v in vertex_values}
    for key_a, x_a in by_vertex.items():
        a = dict(key_a)
        for k in a:
            lo, hi = box[k]
            if a[k] != lo:
                continue
            b = {**a, k: hi}
            x_b = by_vertex[tuple(sorted(b.items()))]
            if (x_a < 0 < x_b) or (x_b < 0 < x_a):
                at = lo + (hi - lo) * x_a / (x_a - x_b)  # q is affine along the edge
                point = {**corner, **a, k: at}
                assert q.at(point) == 0
                return point
    raise AssertionError("a quantity of both signs at the vertices has an edge where it changes sign")


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Flip:
    """An assumption that decides a result: its name and the exact value where it flips (or None)."""

    name: str
    flips_at: Fraction | None
    case: str = ""

    def as_dict(self) -> dict:
        return {"name": self.name, "flips_at": None if self.flips_at is None else str(self.flips_at)}


@dataclass(frozen=True)
class Result:
    """One result labelled robust or contingent.

    Attributes:
        kind: ``"class"``, ``"equilibria"``, ``"spiral"`` or ``"finding"``.
        player: the player it is about (None for the equilibria and the spiral).
        value: its value at the case's values (a class as ``show --json`` spells it).
        status: ``"robust"`` or ``"contingent"``.
        decided_by: for a contingent result, the assumptions that decide it.
        values: every value it takes over the box.
        exhaustive: False only when the search was cut short (see module docs).
        column: for a finding, the findings table's column (``fear``, ``misperception``).
        thesis: for a finding, the thesis's sign.
    """

    kind: str
    player: str | None
    value: str
    status: str
    decided_by: tuple[Flip, ...]
    values: tuple[str, ...]
    exhaustive: bool = True
    column: str | None = None
    thesis: str | None = None

    @property
    def robust(self) -> bool:
        return self.status == ROBUST

    def as_dict(self) -> dict:
        out = {"kind": self.kind}
        if self.player is not None:
            out["player"] = self.player
        if self.column is not None:
            out["column"] = self.column
            out["thesis"] = self.thesis
        out.update({
            "value": self.value,
            "status": self.status,
            "decided_by": [f.as_dict() for f in self.decided_by],
            "values": list(self.values),
        })
        return out

    def sentence(self) -> str:
        """The result in words: what it is, and what decides it when it is contingent."""
        what = {
            "class": f"{self.player}'s class",
            "equilibria": "the equilibria",
            "spiral": "the spiral of security seekers",
            "finding": f"{self.player}'s {self.column}",
        }[self.kind]
        if self.robust:
            return f"{what}: {self.value}, robust (over every range)"
        return f"{what}: {self.value}, contingent: " + decided_text(self.decided_by, self.values, self.exhaustive)


def decided_text(flips, values, exhaustive: bool = True) -> str:
    """``"guarantee_2 flips it at 3/4; …"`` or ``"only prior_1 and kin_1 together …"``."""
    alone = [f for f in flips if f.flips_at is not None]
    others = " | ".join(values) + ("" if exhaustive else " and possibly more")
    if alone:
        return "; ".join(f"{f.name} flips it at {f.flips_at}" for f in alone) + f" (it can be: {others})"
    names = " and ".join(f.name for f in flips)
    return f"only {names} moving together change it (it can be: {others})"


def class_of_signs(get) -> str:
    """A player's class from the signs of its T − R, P − S and R − P (``get(0)``, ``get(1)``, ``get(2)``)."""
    t_r, p_s = get(0), get(1)
    r_p = get(2) if t_r > 0 and p_s > 0 else 1
    return player_class(R=0, S=-r_p - p_s, T=t_r, P=-r_p)


def equilibria_of_signs(get) -> str:
    """The equilibria from the signs of T − R and P − S of player 1, then player 2."""
    return _pattern_of_signs(tuple(get(n) for n in range(4)))


@lru_cache(maxsize=256)
def _pattern_of_signs(signs: tuple) -> str:
    """The equilibria of the 2x2 game whose players' T − R and P − S have these signs."""
    from .sensitivity import _pattern  # sensitivity imports sympy: loaded on first use

    t1, f1, t2, f2 = signs
    A = ((0, -f1), (t1, 0))
    B = ((0, t2), (-f2, 0))
    solution = solve(A, B)
    patterns = sorted({_pattern(p) for p in solution.equilibria})
    text = "; ".join(patterns)
    if any(not c.is_isolated for c in solution.components):
        text += " (a continuum: degenerate)"
    return text


#: The quantities the spiral is read from, per player (see :func:`spiral_of_signs`).
SPIRAL_FAMILY = ("P-S", "A-seeker", "A-greedy", "adv-seeker-pi", "adv-seeker-1-pi", "adv-greedy-pi",
                 "adv-greedy-1-pi")


def spiral_of_signs(signs: tuple) -> str | None:
    """Whether two security seekers arm in every Bayesian equilibrium, from signs alone.

    ``signs`` holds, for player 1 then player 2, the signs of the quantities of
    :data:`SPIRAL_FAMILY`: P − S (fear, the same for both types), R − T of a security
    seeker and of a greedy type, and each type's advantage of restraint when the rival
    restrains with probability π_i and 1 − π_i (π_i: the player's belief that the rival
    is a security seeker).

    A type's advantage of restraint is Q (R − T) − (1 − Q)(P − S), affine in the
    probability Q that the rival restrains as the player sees it. If a player does not
    fear (P − S < 0) and its security seeker is not tempted (R − T ≥ 0), that seeker
    restrains at every Q < 1 and weakly at Q = 1: no spiral. Otherwise, unless some type
    has P − S < 0 and R − T < 0 (a Chicken type, whose best reply falls as Q rises),
    every type's best reply rises with Q and Q rises with the rival's restraint: the game
    of types is supermodular (Milgrom & Roberts 1990), so its greatest equilibrium is
    pure, found by best replies from "every type restrains", and every equilibrium
    restrains no more than it. The spiral holds exactly when both security seekers arm
    in that greatest equilibrium. In a pure profile Q is 0, π_i, 1 − π_i or 1, where the
    advantage's sign is −sign(P − S), a listed sign, or sign(R − T). ``None`` in the
    Chicken case (the caller then solves the game at a point).
    """
    per = len(SPIRAL_FAMILY)
    get = signs if callable(signs) else signs.__getitem__
    players = [_Lazy({name: k * per + n for n, name in enumerate(SPIRAL_FAMILY)}, get) for k in (0, 1)]
    for p in players:
        if p["P-S"] < 0 and p["A-seeker"] >= 0:
            return "no"
    for p in players:
        if p["P-S"] < 0 and (p["A-seeker"] < 0 or p["A-greedy"] < 0):
            return None

    def advantage(p, motive, q):
        if q == "0":
            return -p["P-S"]
        if q == "1":
            return p[f"A-{motive}"]
        return p[f"adv-{motive}-{'pi' if q == 'pi' else '1-pi'}"]

    restrain = [{"seeker": True, "greedy": True}, {"seeker": True, "greedy": True}]
    for _ in range(8):  # at most four types switch, once each
        changed = False
        for i in (0, 1):
            rival = restrain[1 - i]
            q = {(True, True): "1", (True, False): "pi", (False, True): "1-pi", (False, False): "0"}[
                (rival["seeker"], rival["greedy"])]
            for motive in ("seeker", "greedy"):
                best = advantage(players[i], motive, q) >= 0
                if restrain[i][motive] and not best:
                    restrain[i][motive] = False
                    changed = True
        if not changed:
            break
    return "yes" if not restrain[0]["seeker"] and not restrain[1]["seeker"] else "no"


class _Lazy:
    """One player's signs, read only when asked (so that :func:`outcomes` branches on what matters)."""

    def __init__(self, index: dict, get):
        self.index, self.get = index, get

    def __getitem__(self, name):
        return self.get(self.index[name])


def spiral_at(d: Dyad, values: dict) -> str:
    """The spiral at one point, from the exact Bayesian solver (the reference for the sign rule)."""
    game = bayesian_game(d.params(values), d.priors(values), players=d.players)
    return "yes" if game.spiral() else "no"


@dataclass(frozen=True)
class _Spec:
    """How a result is read from a family of quantities."""

    kind: str
    player: str | None
    quantities: tuple
    value_of: Callable  # (sign tuple, witness point) -> str
    column: str | None = None
    thesis: str | None = None


def decide(spec: _Spec, box: dict, case_point: dict, box_ranges: dict) -> Result:
    """Label one result robust or contingent over ``box`` (see module docs)."""
    case_signs = tuple(_sign(q.at(case_point)) for q in spec.quantities)
    value = spec.value_of(case_signs.__getitem__, case_point)
    found = search(spec.quantities, spec.value_of, box, (value, case_point))
    if len(found.values) == 1 and not found.exhaustive:  # robust needs a complete search
        found = search(spec.quantities, spec.value_of, box, (value, case_point), budget=25 * BUDGET)
    # A search still cut short with one value has proven nothing either way: it is not called robust.
    status = ROBUST if len(found.values) == 1 and found.exhaustive else CONTINGENT
    decided = () if status == ROBUST else _decided_by(spec, box, case_point, value, box_ranges)
    ordered = (value, *sorted(set(found.values) - {value}))
    return Result(spec.kind, spec.player, value, status, decided, ordered, found.exhaustive,
                  spec.column, spec.thesis)


def _decided_by(spec: _Spec, box: dict, case_point: dict, value: str, box_ranges: dict) -> tuple[Flip, ...]:
    keys = sorted({k for q in spec.quantities for k in q.support if k in box})
    flips = []
    for key in keys:
        at = _flip_along(spec, key, box[key], case_point, value)
        if at is not None:
            flips.append(Flip(box_ranges[key].name, at, box_ranges[key].case))
    if flips:
        return tuple(flips)
    moving = sorted({k for q in spec.quantities for k in q.support if k in box
                     if len({_sign(q.at({**case_point, **v})) for v in _vertices(q.support, box)}) > 1})
    return tuple(Flip(box_ranges[k].name, None, box_ranges[k].case) for k in moving)


def _flip_along(spec: _Spec, key: str, interval, case_point: dict, value: str) -> Fraction | None:
    """The zero nearest the case's value, along ``key`` alone, where the result changes."""
    lo, hi = interval
    here = case_point[key]
    roots = set()
    for q in spec.quantities:
        if key not in q.support:
            continue
        a, b = q.at({**case_point, key: lo}), q.at({**case_point, key: hi})
        if a == b:
            continue
        root = lo + (hi - lo) * a / (a - b)  # affine in one parameter
        if lo <= root <= hi:
            roots.add(root)
    if not roots:
        return None

    def result_at(x):
        point = {**case_point, key: x}
        return spec.value_of(tuple(_sign(q.at(point)) for q in spec.quantities).__getitem__, point)

    for root in sorted(roots, key=lambda r: (abs(r - here), r)):
        # the result changes at this zero if it differs there or just beyond it (away from the case value)
        others = sorted(roots | {lo, hi})
        k = others.index(root)
        beyond = []
        if root >= here and k + 1 < len(others):
            beyond.append((root + others[k + 1]) / 2)
        if root <= here and k > 0:
            beyond.append((root + others[k - 1]) / 2)
        if result_at(root) != value or any(result_at(x) != value for x in beyond):
            return root
    return None


# ----------------------------------------------------------------------------- one dyad


def _specs(d: Dyad, joint: bool = False) -> list[_Spec]:
    q = _quantities(d, joint)
    specs = []
    for i, player in enumerate(d.players, 1):
        family = (q[("T-R", i)], q[("P-S", i)], q[("R-P", i)])
        specs.append(_Spec("class", player, family, lambda get, _p: class_of_signs(get)))
    family = (q[("T-R", 1)], q[("P-S", 1)], q[("T-R", 2)], q[("P-S", 2)])
    specs.append(_Spec("equilibria", None, family, lambda get, _p: equilibria_of_signs(get)))
    family = tuple(q[(what, i)] for i in (1, 2) for what in SPIRAL_FAMILY)
    specs.append(_Spec("spiral", None, family, _spiral_value(d, family)))
    return specs


def _spiral_value(d: Dyad, family) -> Callable:
    def value_of(get, point):
        value = spiral_of_signs(get)
        if value is None and point is not None:
            local = dict(d.values)
            for name, key in family[0].names.items():
                if key in point:
                    local[name] = point[key]
            value = spiral_at(d, local)
        return value
    return value_of


def fear_sign(get) -> str:
    """The findings table's fear from the sign of P − S (``get(0)``)."""
    return "+" if get(0) > 0 else "-"


def misperception_sign(get) -> str:
    """Misperception from the signs of P − S, a security seeker's R − T and its advantage at π_i:
    the player fears, and its prior is below its trust threshold π* (which lies in [0, 1])."""
    return "+" if get(0) > 0 and get(1) >= 0 and get(2) < 0 else "-"


def finding_specs(d: Dyad, joint: bool = False) -> dict:
    """Per player: the fear and misperception specs of the findings table in this dyad."""
    q = _quantities(d, joint)
    found = {}
    for i, player in enumerate(d.players, 1):
        found[(player, "fear")] = (q[("P-S", i)],)
        found[(player, "misperception")] = (q[("P-S", i)], q[("A-seeker", i)], q[("adv-seeker-pi", i)])
    return found


@dataclass(frozen=True)
class Report:
    """Every result of one case in one year, labelled robust or contingent."""

    case: str
    year: int
    players: tuple[str, str]
    ranges: tuple[Range, ...]
    results: tuple[Result, ...]

    def as_dict(self) -> dict:
        """JSON-ready: ``{"case", "year", "ranges", "results"}`` with exact strings."""
        return {
            "case": self.case,
            "year": self.year,
            "ranges": [r.as_dict() for r in self.ranges],
            "results": [r.as_dict() for r in self.results],
        }

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many results are robust and how many contingent."""
        return {s: sum(r.status == s for r in self.results) for s in (ROBUST, CONTINGENT)}

    def lines(self) -> list[str]:
        """The report as text lines (for the command line)."""
        out = [f"{self.case}, {self.year}: {self.counts[ROBUST]} results robust, "
               f"{self.counts[CONTINGENT]} contingent over these ranges:"]
        for r in self.ranges:
            out.append(f"  {r.name} = {r.value} in [{r.low}, {r.high}]: {r.why}")
        out.append("results:")
        for result in self.results:
            line = f"  {result.sentence()}"
            if result.kind == "finding":
                agree = "agrees with" if result.value == result.thesis else "differs from"
                line += f"; {agree} the 2022 thesis's {result.thesis}"
            out.append(line)
        return out

    def _repr_html_(self) -> str:  # objects display themselves; the view lives in balkangames.views
        return render("robustness_report_html", self)


def robustness(case, year=None, members=None, overrides=None, presences=None) -> Report:
    """Every result of ``case`` in ``year`` labelled robust or contingent (see module docs).

    Args:
        case: a :class:`~balkangames.cases.Case`.
        year, members, overrides, presences: as for ``balkangames show``; a value set by
            hand (``overrides``) is fixed, not ranged.
    """
    d = dyad(case, year, members, overrides, presences)
    box = {r.key: (r.low, r.high) for r in d.ranges}
    box_ranges = {r.key: r for r in d.ranges}
    case_point = {r.key: r.value for r in d.ranges}
    results = [decide(spec, box, case_point, box_ranges) for spec in _specs(d)]
    thesis = _thesis_signs()
    for (player, column), family in finding_specs(d).items():
        if player not in thesis:
            continue
        reader = fear_sign if column == "fear" else misperception_sign
        spec = _Spec("finding", player, family, lambda get, _p, reader=reader: reader(get), column,
                     thesis[player][1 if column == "fear" else 2])
        results.append(decide(spec, box, case_point, box_ranges))
    return Report(d.case, d.year, d.players, d.ranges, tuple(results))


def _thesis_signs() -> dict:
    return {actor: signs for actor, (signs, _c) in load_mechanisms().findings.items()}


__all__ = [
    "CONTINGENT",
    "PRIOR_NAMES",
    "ROBUST",
    "Dyad",
    "Flip",
    "Quantity",
    "Range",
    "Report",
    "Result",
    "decide",
    "dyad",
    "robustness",
    "search",
    "symbol",
    "outcomes",
    "spiral_of_signs",
]
