"""Exact analysis of normal-form games beyond equilibrium lists.

Best responses, dominance and its iterated elimination, expected payoffs,
Pareto efficiency, payoff and risk dominance (Harsanyi & Selten 1988), the
Stag Hunt trust threshold (Kydd 2005, ch. 2) and the grim-trigger discount
threshold of the repeated game (Gibbons 1992, §2.3).

Every function that takes payoff matrices runs them through
:func:`balkangames.validation.payoff_matrices`, so all arithmetic is on exact
:class:`~fractions.Fraction` values and ties are never lost to rounding.

Conventions: ``A`` and ``B`` are indexed ``[row action][column action]``;
action 0 is C (restrain, cooperate) and action 1 is D (arm, defect). Player 0
is the row player, player 1 the column player.

Domination is by pure actions by default. With ``mixed=True`` an action that is
strictly dominated only by a *mixture* of other actions (possible in games with
three or more actions) is found too, exactly: it is the case iff the zero-sum
game "dominator minus action" has a positive value, computed by
:func:`balkangames.solver.solve`. Weak domination is checked by pure actions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import sympy

from balkangames.solver import solve
from balkangames.solver.solution import expected_payoff
from balkangames.validation import (
    Matrix,
    exact,
    in_range,
    payoff_matrices,
    player_index,
    probability_vector,
)

__all__ = [
    "NotApplicable",
    "Domination",
    "EliminationStep",
    "Elimination",
    "RiskDominance",
    "GrimTrigger",
    "player_index",
    "expected_payoffs",
    "best_responses",
    "pure_nash_equilibria",
    "best_response_cells",
    "pure_cells",
    "dominated_actions",
    "iterated_elimination",
    "pareto_efficient_profiles",
    "is_pareto_efficient",
    "payoff_dominant",
    "risk_dominance",
    "trust_threshold",
    "trust_thresholds",
    "grim_trigger_delta",
    "grim_trigger_threshold",
]


class NotApplicable(ValueError):
    """A concept was asked of a game it does not apply to; the message says why."""


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _shape(A: Matrix) -> tuple[int, int]:
    return len(A), len(A[0])


def _payoff(A: Matrix, B: Matrix, player: int, own: int, other: int) -> Fraction:
    """Payoff to ``player`` when it plays ``own`` and the opponent plays ``other``."""
    return A[own][other] if player == 0 else B[other][own]


class _Stage(NamedTuple):
    """One player's payoffs in a 2x2 C/D game (numbers or sympy expressions).

    Same reading as :func:`balkangames.classify.player_payoffs`, which is the
    public accessor for numeric games; this one also takes symbolic matrices.
    """

    R: object
    S: object
    T: object
    P: object


def _stage(A, B, player: int) -> _Stage:
    if player == 0:
        return _Stage(A[0][0], A[0][1], A[1][0], A[1][1])
    return _Stage(B[0][0], B[1][0], B[0][1], B[1][1])


def _require_2x2(A: Matrix, what: str) -> None:
    if _shape(A) != (2, 2):
        rows, cols = _shape(A)
        raise ValueError(f"{what} is defined for 2x2 games, got a {rows}x{cols} game")


# ---------------------------------------------------------------------------
# Payoffs and best responses
# ---------------------------------------------------------------------------


def expected_payoffs(A, B, row_mix, col_mix) -> tuple[Fraction, Fraction]:
    """Exact expected payoffs ``(row, column)`` of a mixed-strategy profile.

    Args:
        A, B: payoff matrices (``B=None`` means zero-sum).
        row_mix: the row player's probabilities, one per row.
        col_mix: the column player's probabilities, one per column.

    Returns:
        ``(x·A·y, x·B·y)`` as Fractions.

    Raises:
        ValueError: for bad matrices or mixtures that are not probability vectors.

    >>> expected_payoffs([[4, 0], [3, 3]], [[4, 3], [0, 3]], [1, 0], ["1/2", "1/2"])
    (Fraction(2, 1), Fraction(7, 2))
    """
    A, B = payoff_matrices(A, B)
    rows, cols = _shape(A)
    x = probability_vector(row_mix, rows, "row_mix")
    y = probability_vector(col_mix, cols, "col_mix")
    return expected_payoff(A, x, y), expected_payoff(B, x, y)


def best_responses(A, B, mix, player) -> tuple[int, ...]:
    """Pure best responses of ``player`` to the opponent's mixed strategy ``mix``.

    Args:
        A, B: payoff matrices.
        mix: the **opponent's** probabilities (over columns when ``player`` is the
            row player, over rows when it is the column player).
        player: 0/"row" or 1/"column".

    Returns:
        The sorted indices of every action that maximises the expected payoff
        exactly; more than one index means the player is indifferent.

    Raises:
        ValueError: for bad matrices, an unknown player or a bad mixture.

    >>> best_responses([[4, 0], [3, 3]], [[4, 3], [0, 3]], ["3/4", "1/4"], "row")
    (0, 1)
    """
    A, B = payoff_matrices(A, B)
    who = player_index(player)
    rows, cols = _shape(A)
    own_count, other_count = (rows, cols) if who == 0 else (cols, rows)
    opponent = probability_vector(mix, other_count, "opponent's mixed strategy")
    values = [
        sum(opponent[k] * _payoff(A, B, who, a, k) for k in range(other_count))
        for a in range(own_count)
    ]
    best = max(values)
    return tuple(a for a, v in enumerate(values) if v == best)


def pure_nash_equilibria(A, B) -> list[tuple[int, int]]:
    """All pure-strategy Nash equilibria ``(row action, column action)``, exactly.

    A profile is an equilibrium when neither player gains by a unilateral pure
    deviation (ties allowed). Found by checking every cell, so nothing is missed
    in degenerate games.

    >>> pure_nash_equilibria([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    [(1, 1)]
    """
    return pure_cells(*payoff_matrices(A, B))


def best_response_cells(A, B) -> tuple[set, set]:
    """Pure best responses: ``(row_best, column_best)`` as sets of ``(row, column)`` cells.

    ``(i, j)`` is in ``row_best`` when row action ``i`` is a best response to column action
    ``j`` (ties give several), and in ``column_best`` when column action ``j`` is a best
    response to row action ``i``. Their intersection is the pure equilibria.

    >>> best_response_cells([[3, 0], [5, 1]], [[3, 5], [0, 1]])[0] == {(1, 0), (1, 1)}
    True
    """
    return _best_response_cells(*payoff_matrices(A, B))


def _best_response_cells(A, B) -> tuple[set, set]:
    rows, cols = len(A), len(A[0])
    row_best, column_best = set(), set()
    for j in range(cols):
        best = max(A[i][j] for i in range(rows))
        row_best |= {(i, j) for i in range(rows) if A[i][j] == best}
    for i in range(rows):
        best = max(B[i])
        column_best |= {(i, j) for j in range(cols) if B[i][j] == best}
    return row_best, column_best


def pure_cells(A, B) -> list[tuple[int, int]]:
    """:func:`pure_nash_equilibria` of payoff tables already checked (no size limit: the
    normal forms of :mod:`balkangames.sequential`'s game trees may exceed the solver's)."""
    row_best, column_best = _best_response_cells(A, B)
    return sorted(row_best & column_best)


# ---------------------------------------------------------------------------
# Dominance
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Domination:
    """``action`` of ``player`` is dominated by ``dominated_by``.

    ``dominated_by`` is an action index, or for domination by a mixture a tuple
    of probabilities over **all** the player's actions (zero on removed ones).
    ``strict`` is True when the dominator is strictly better against every
    remaining opponent action, False when only weakly (never worse, sometimes
    strictly better).
    """

    player: int
    action: int
    dominated_by: int | tuple[Fraction, ...]
    strict: bool

    @property
    def by_mixture(self) -> bool:
        """True when the dominator is a mixed strategy."""
        return isinstance(self.dominated_by, tuple)


def _compare(A, B, who, a, b, others) -> tuple[bool, bool]:
    """Return (b strictly dominates a, b weakly dominates a) against ``others``."""
    diffs = [_payoff(A, B, who, b, k) - _payoff(A, B, who, a, k) for k in others]
    strictly = all(d > 0 for d in diffs)
    weakly = all(d >= 0 for d in diffs) and any(d > 0 for d in diffs)
    return strictly, weakly


def _mixed_dominator(A, B, who, action, own, others) -> tuple[Fraction, ...] | None:
    """A mixture of ``own`` minus ``action`` strictly dominating ``action``, or None.

    In the zero-sum game M[i][k] = u(i, k) − u(action, k) (i over the other own
    actions, k over ``others``) a maximin mixture x guarantees min_k (x M)_k,
    the value; ``action`` is strictly dominated by a mixture iff the value is
    positive, and then x is such a mixture.
    """
    candidates = [i for i in own if i != action]
    if not candidates:
        return None
    M = [[_payoff(A, B, who, i, k) - _payoff(A, B, who, action, k) for k in others] for i in candidates]
    mixture = solve(M).equilibria[0][0]
    value = min(sum(x * M[r][c] for r, x in enumerate(mixture)) for c in range(len(others)))
    if value <= 0:
        return None
    size = len(A) if who == 0 else len(A[0])
    full = [Fraction(0)] * size
    for i, x in zip(candidates, mixture, strict=True):
        full[i] = x
    return tuple(full)


def _dominations(A, B, who, own, others, weak, mixed=False) -> list[Domination]:
    """Every dominated action of ``who`` among ``own``, each with one dominator.

    The dominator reported is itself undominated among ``own`` when possible
    (domination by pure actions is a strict partial order, so such a maximal
    dominator always exists); this keeps an elimination record readable.
    """
    relation = {}
    for a in own:
        for b in own:
            if a != b:
                strictly, weakly = _compare(A, B, who, a, b, others)
                if strictly or (weak and weakly):
                    relation.setdefault(a, []).append((b, strictly))
    found = []
    for a in own:
        if a not in relation:
            if mixed:
                mixture = _mixed_dominator(A, B, who, a, own, others)
                if mixture is not None:
                    found.append(Domination(who, a, mixture, True))
            continue
        candidates = relation[a]
        maximal = [c for c in candidates if c[0] not in relation]
        b, strictly = (maximal or candidates)[0]
        found.append(Domination(who, a, b, strictly))
    return found


def dominated_actions(
    A, B, player, *, weak: bool = False, mixed: bool = False, rows=None, cols=None
) -> list[Domination]:
    """Actions of ``player`` dominated by another of its actions (or a mixture).

    Args:
        A, B: payoff matrices.
        player: 0/"row" or 1/"column".
        weak: False finds strictly dominated actions only; True also finds weakly
            dominated ones (never better, sometimes worse), by pure actions.
        mixed: also find actions strictly dominated only by a mixture of the
            player's other actions (a pure dominator is reported when one exists).
        rows, cols: optional subsets of row and column actions (indices into the
            full game) to restrict the game to, e.g. during iterated elimination.

    Returns:
        One :class:`Domination` per dominated action, in action order.

    Raises:
        ValueError: for bad matrices, an unknown player or bad index subsets.

    >>> [d.action for d in dominated_actions([[3, 0], [5, 1]], [[3, 5], [0, 1]], "row")]
    [0]
    """
    A, B = payoff_matrices(A, B)
    who = player_index(player)
    row_set = _index_subset(rows, _shape(A)[0], "rows")
    col_set = _index_subset(cols, _shape(A)[1], "cols")
    own, others = (row_set, col_set) if who == 0 else (col_set, row_set)
    return _dominations(A, B, who, own, others, weak, mixed)


def _index_subset(indices, size: int, name: str) -> tuple[int, ...]:
    if indices is None:
        return tuple(range(size))
    chosen = tuple(sorted(set(indices)))
    if not chosen or any(isinstance(i, bool) or i not in range(size) for i in chosen):
        raise ValueError(f"{name} must be a non-empty set of indices in 0..{size - 1}, got {indices!r}")
    return chosen


@dataclass(frozen=True)
class EliminationStep:
    """One elimination: in ``round`` (from 1), ``player``'s ``action`` went."""

    round: int
    player: int
    action: int
    dominated_by: int | tuple[Fraction, ...]
    strict: bool


@dataclass(frozen=True)
class Elimination:
    """Record of iterated elimination of dominated actions.

    Attributes:
        steps: every elimination in order (see :class:`EliminationStep`).
        rows, cols: the surviving actions (indices into the original game).
        weak: whether weakly dominated actions were removed too.
        mixed: whether domination by mixtures was checked.
    """

    steps: tuple[EliminationStep, ...]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    weak: bool
    mixed: bool = False

    @property
    def solved(self) -> bool:
        """True when a single profile survives (the game is dominance solvable)."""
        return len(self.rows) == 1 and len(self.cols) == 1

    def describe(self, row_labels=None, col_labels=None) -> list[str]:
        """The record as sentences, e.g. ``"Round 1: row player's D is strictly
        dominated by C; removed."``; labels default to action indices."""
        labels = (row_labels, col_labels)
        names = ("row player", "column player")

        def label(player, action):
            if isinstance(action, tuple):  # a mixture
                parts = [f"{p}·{label(player, k)}" for k, p in enumerate(action) if p]
                return "the mixture " + " + ".join(parts)
            chosen = labels[player]
            return str(chosen[action]) if chosen is not None else f"action {action}"

        lines = []
        for step in self.steps:
            kind = "strictly" if step.strict else "weakly"
            lines.append(
                f"Round {step.round}: {names[step.player]}'s {label(step.player, step.action)} "
                f"is {kind} dominated by {label(step.player, step.dominated_by)}; removed."
            )
        return lines


def iterated_elimination(A, B, *, weak: bool = False, mixed: bool = False) -> Elimination:
    """Iteratively remove dominated pure actions, recording each step.

    Each round removes, simultaneously for both players, every action that is
    dominated (by a pure action) in the game that survived the previous round;
    rounds continue until nothing is dominated. With ``weak=False`` the result
    does not depend on this order and never removes an action played in a Nash
    equilibrium. With ``weak=True`` the surviving set can depend on the order of
    removal (this one is the "all at once" order) and equilibria can be lost.

    Args:
        A, B: payoff matrices.
        weak: also remove actions weakly dominated by a pure action.
        mixed: also remove actions strictly dominated only by a mixture.

    Returns:
        An :class:`Elimination` record.

    Raises:
        ValueError: for bad matrices.

    >>> result = iterated_elimination([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> result.rows, result.cols
    ((1,), (1,))
    """
    A, B = payoff_matrices(A, B)
    rows, cols = tuple(range(_shape(A)[0])), tuple(range(_shape(A)[1]))
    steps: list[EliminationStep] = []
    round_number = 0
    while True:
        round_number += 1
        removed_rows = _dominations(A, B, 0, rows, cols, weak, mixed)
        removed_cols = _dominations(A, B, 1, cols, rows, weak, mixed)
        if not removed_rows and not removed_cols:
            break
        for d in removed_rows + removed_cols:
            steps.append(EliminationStep(round_number, d.player, d.action, d.dominated_by, d.strict))
        gone_rows = {d.action for d in removed_rows}
        gone_cols = {d.action for d in removed_cols}
        rows = tuple(i for i in rows if i not in gone_rows)
        cols = tuple(j for j in cols if j not in gone_cols)
    return Elimination(tuple(steps), rows, cols, weak, mixed)


# ---------------------------------------------------------------------------
# Efficiency and equilibrium selection
# ---------------------------------------------------------------------------


def _pareto_dominates(first, second) -> bool:
    """``first`` payoff pair is at least as good for both and better for one."""
    return all(f >= s for f, s in zip(first, second, strict=True)) and any(f > s for f, s in zip(first, second, strict=True))


def pareto_efficient_profiles(A, B) -> list[tuple[int, int]]:
    """Pure outcomes ``(i, j)`` that no other pure outcome Pareto-dominates.

    An outcome is Pareto-dominated when another outcome gives both players at
    least as much and one of them strictly more. (Only pure outcomes are
    compared; the Prisoner's Dilemma's (D, D) is the classic inefficient one.)

    >>> pareto_efficient_profiles([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    [(0, 0), (0, 1), (1, 0)]
    """
    A, B = payoff_matrices(A, B)
    rows, cols = _shape(A)
    outcomes = {(i, j): (A[i][j], B[i][j]) for i in range(rows) for j in range(cols)}
    return [
        cell
        for cell, pay in outcomes.items()
        if not any(_pareto_dominates(other, pay) for other in outcomes.values())
    ]


def is_pareto_efficient(A, B, profile) -> bool:
    """Whether the pure outcome ``profile = (i, j)`` is Pareto efficient among pure outcomes.

    Raises:
        ValueError: if ``profile`` is not a pair of valid action indices.
    """
    A, B = payoff_matrices(A, B)
    rows, cols = _shape(A)
    if (
        not isinstance(profile, (tuple, list))
        or len(profile) != 2
        or any(isinstance(k, bool) or not isinstance(k, int) for k in profile)
        or profile[0] not in range(rows)
        or profile[1] not in range(cols)
    ):
        raise ValueError(
            f"profile must be a pair (row action, column action) with indices in "
            f"0..{rows - 1} and 0..{cols - 1}, got {profile!r}"
        )
    return tuple(profile) in pareto_efficient_profiles(A, B)


def payoff_dominant(A, B, *, pure_only: bool = False):
    """The pure equilibrium that payoff-dominates every other equilibrium, if any.

    Harsanyi and Selten: an equilibrium payoff-dominates another when it gives
    every player strictly more. The function returns the pure equilibrium that
    payoff-dominates all the others, or None when no equilibrium does (e.g. a
    single equilibrium has nothing to dominate, or two equilibria each favour a
    different player).

    Args:
        A, B: payoff matrices.
        pure_only: compare with the other pure equilibria only. By default every
            extreme equilibrium found by :func:`balkangames.solver.solve`, mixed
            ones included, is compared.

    Returns:
        ``(i, j)`` or None.

    >>> payoff_dominant([[4, 0], [3, 3]], [[4, 3], [0, 3]], pure_only=True)
    (0, 0)
    """
    A, B = payoff_matrices(A, B)
    rows, cols = _shape(A)
    pure = pure_nash_equilibria(A, B)

    def as_mix(i, j):
        row_mix = tuple(Fraction(int(k == i)) for k in range(rows))
        return row_mix, tuple(Fraction(int(k == j)) for k in range(cols))

    if pure_only:
        profiles = [as_mix(i, j) for i, j in pure]
    else:
        profiles = [(tuple(x), tuple(y)) for x, y in solve(A, B).equilibria]
    for i, j in pure:
        mine = (A[i][j], B[i][j])
        others = [expected_payoffs(A, B, x, y) for x, y in profiles if (x, y) != as_mix(i, j)]
        if others and all(mine[0] > v[0] and mine[1] > v[1] for v in others):
            return (i, j)
    return None


@dataclass(frozen=True)
class RiskDominance:
    """Harsanyi–Selten risk dominance between two strict equilibria of a 2x2 game.

    Attributes:
        equilibria: the two strict pure equilibria compared.
        losses: per equilibrium, the (row, column) deviation losses.
        products: per equilibrium, the Nash product of its deviation losses.
        dominant: the risk-dominant equilibrium, or None on a tie.
    """

    equilibria: tuple[tuple[int, int], tuple[int, int]]
    losses: dict
    products: dict
    dominant: tuple[int, int] | None

    @property
    def tie(self) -> bool:
        """True when neither equilibrium risk-dominates the other."""
        return self.dominant is None


def risk_dominance(A, B) -> RiskDominance:
    """Which of a 2x2 game's two strict equilibria risk-dominates the other.

    For an equilibrium ``(i, j)`` the row player's deviation loss is
    ``A[i][j] - A[1-i][j]`` and the column player's ``B[i][j] - B[i][1-j]``.
    The equilibrium with the larger product of the two losses risk-dominates
    (Harsanyi & Selten 1988); equal products are a tie. In the Stag Hunt this
    says (C, C) risk-dominates iff ``(R1 - T1)(R2 - T2) > (P1 - S1)(P2 - S2)``.

    Raises:
        ValueError: if the game is not 2x2.
        NotApplicable: (a ValueError) unless the game has exactly two strict pure
            equilibria, with the reason (e.g. a Prisoner's Dilemma has one).

    >>> risk_dominance([[4, 0], [3, 3]], [[4, 3], [0, 3]]).dominant
    (1, 1)
    """
    A, B = payoff_matrices(A, B)
    _require_2x2(A, "risk dominance")
    pure = pure_nash_equilibria(A, B)
    losses = {(i, j): (A[i][j] - A[1 - i][j], B[i][j] - B[i][1 - j]) for i, j in pure}
    strict = [e for e in pure if min(losses[e]) > 0]
    if len(pure) != 2 or len(strict) != 2:
        if len(pure) < 2:
            why = f"it has {len(pure)} pure equilibrium{'s' if len(pure) != 1 else ''}"
        elif len(strict) < len(pure):
            weak = [e for e in pure if e not in strict]
            why = f"equilibria {weak} are not strict (a player is indifferent there: a degenerate game)"
        else:
            why = f"it has {len(pure)} pure equilibria"
        raise NotApplicable(
            "risk dominance compares exactly two strict pure equilibria of a 2x2 game, but " + why
        )
    products = {e: losses[e][0] * losses[e][1] for e in strict}
    first, second = strict
    if products[first] == products[second]:
        dominant = None
    else:
        dominant = first if products[first] > products[second] else second
    return RiskDominance((first, second), losses, products, dominant)


# ---------------------------------------------------------------------------
# Trust threshold and grim trigger: one formula each, for numbers and symbols
# ---------------------------------------------------------------------------


def _is_symbolic(values) -> bool:
    return any(isinstance(v, sympy.Basic) and not v.is_Number for v in values)


def _exact_or_sympy(value, name):
    if isinstance(value, sympy.Basic):
        if value.is_Number:
            if not value.is_Rational:
                return exact(float(value), name)
            return Fraction(int(value.p), int(value.q))
        return value
    return exact(value, name)


def _trust_formula(R, S, T, P):
    """p* = (P - S) / ((R - T) + (P - S)); used for Fractions and sympy alike."""
    return (P - S) / ((R - T) + (P - S))


def trust_threshold(R, S, T, P):
    """The belief that the other restrains above which restraining pays (Kydd's p*).

    ``p* = (P - S) / ((R - T) + (P - S))``: a player with these payoffs is
    indifferent between C and D when the other restrains with probability p*,
    prefers C above it and D below it. It is the other player's probability of C
    in the Stag Hunt's mixed equilibrium.

    Args:
        R, S, T, P: the player's reward, sucker, temptation and punishment
            payoffs (numbers, or sympy expressions for a symbolic threshold).

    Returns:
        A Fraction, or a sympy expression when any input is symbolic (then the
        ordering cannot be checked and the formula is returned as is).

    Raises:
        NotApplicable: (a ValueError) unless ``R > T`` and ``P > S`` (each action
            is the best reply to itself: Stag Hunt R > T > P > S and other
            coordination orderings); the message says what the ordering implies.

    >>> trust_threshold(4, 0, 3, 3)
    Fraction(3, 4)
    """
    values = [_exact_or_sympy(v, n) for v, n in zip((R, S, T, P), "RSTP", strict=True)]
    if _is_symbolic(values):
        return sympy.simplify(_trust_formula(*values))
    R, S, T, P = values
    if not (R > T and P > S):
        if R >= T and S >= P:
            why = "restraint is never worse whatever the other does (Harmony-like): no trust is needed"
        elif T >= R and P >= S:
            why = "arming is never worse whatever the other does (Prisoner's Dilemma / Deadlock-like): no belief makes restraint pay"
        else:
            why = "each action is the best reply to the other's opposite action (Chicken-like): the threshold is for arming, not for trust"
        raise NotApplicable(
            f"the trust threshold needs R > T and P > S (Stag Hunt-like), got R={R}, S={S}, T={T}, P={P}: {why}"
        )
    return _trust_formula(R, S, T, P)


def trust_thresholds(A, B) -> tuple[Fraction, Fraction]:
    """Each player's trust threshold p* in a 2x2 game, ``(row, column)``.

    The row player's p* is the probability of C by the column player it needs
    to restrain; in the mixed equilibrium the column player plays C with exactly
    that probability (and vice versa).

    Raises:
        ValueError: if the game is not 2x2.
        NotApplicable: if either player's ordering is not Stag Hunt-like.
    """
    A, B = payoff_matrices(A, B)
    _require_2x2(A, "the trust threshold")
    result = []
    for who, name in ((0, "row player"), (1, "column player")):
        try:
            result.append(trust_threshold(*_stage(A, B, who)))
        except NotApplicable as error:
            raise NotApplicable(f"{name}: {error}") from None
    return tuple(result)


def grim_trigger_delta(R, T, P):
    """The grim-trigger formula δ* = (T - R) / (T - P) for one player.

    Cooperating forever is worth ``R / (1 - δ)``; defecting once and being
    punished forever is worth ``T + δ P / (1 - δ)``; they are equal at δ*.
    Works on numbers and on sympy expressions; :func:`grim_trigger_threshold`
    decides where it applies.

    >>> grim_trigger_delta(3, 5, 1)
    Fraction(1, 2)
    """
    values = [_exact_or_sympy(v, n) for v, n in zip((R, T, P), "RTP", strict=True)]
    R, T, P = values
    if not _is_symbolic(values) and T == P:
        raise ValueError(f"δ* = (T - R)/(T - P) needs T ≠ P, got T = P = {T}")
    return (T - R) / (T - P)


@dataclass(frozen=True)
class GrimTrigger:
    """When grim trigger sustains mutual restraint in the infinitely repeated game.

    Attributes:
        applies: True/False for numeric games; for symbolic games True/False when
            sympy can decide ``conditions``, else None.
        reason: why it applies or not, in words.
        per_player: (δ*_row, δ*_column); 0 for a player with no temptation (T ≤ R).
        delta: the overall threshold max(δ*_row, δ*_column); None when not applicable.
        conditions: the inequalities under which the result applies (sympy
            relationals in the symbolic case, empty for numbers).
        symbolic: whether the inputs were symbolic.
    """

    applies: bool | None
    reason: str
    per_player: tuple | None
    delta: object
    conditions: tuple = ()
    symbolic: bool = False

    def sustainable(self, delta) -> bool:
        """Whether cooperation is sustained at discount factor ``delta`` (δ ≥ δ*).

        Raises:
            NotApplicable: when grim trigger does not apply (see ``reason``).
            ValueError: for a symbolic result or δ outside [0, 1).
        """
        if self.symbolic:
            raise ValueError("substitute numbers first: this threshold is symbolic")
        if not self.applies:
            raise NotApplicable(self.reason)
        return in_range(delta, "discount factor delta", 0, 1, high_open=True) >= self.delta

    def latex(self) -> str:
        """LaTeX for the overall threshold, e.g. ``\\delta^* = \\frac{1}{2}``."""
        if self.delta is None:
            return r"\text{not applicable}"
        return r"\delta^* = " + sympy.latex(sympy.sympify(self.delta))


def _entries_2x2(matrix, name):
    """Validate a 2x2 matrix that may hold sympy expressions."""
    try:
        rows = [list(row) for row in matrix]
    except TypeError:
        raise ValueError(f"{name} must be a 2x2 table of payoffs, got {matrix!r}") from None
    if len(rows) != 2 or any(len(row) != 2 for row in rows):
        raise ValueError(f"{name} must be 2x2 for grim trigger, got {matrix!r}")
    return [[_exact_or_sympy(x, f"{name}[{i}][{j}]") for j, x in enumerate(row)] for i, row in enumerate(rows)]


def grim_trigger_threshold(A, B) -> GrimTrigger:
    """Discount-factor threshold above which grim trigger sustains (C, C).

    Both players restrain until someone arms, then arm forever. Player i has no
    profitable deviation iff ``δ ≥ δ*_i = (T_i - R_i)/(T_i - P_i)``; the profile
    is a subgame-perfect equilibrium iff δ ≥ max(δ*_1, δ*_2). This needs:

    * (D, D) a stage-game equilibrium (P_i ≥ S_i for both), so the punishment
      is credible;
    * R_i > P_i for both, so the punishment hurts;
    * T_i > R_i for at least one player: otherwise (C, C) is already a stage
      equilibrium (Harmony, Stag Hunt) and cooperation needs no threat.

    A player with T_i ≤ R_i gets δ*_i = 0.

    Args:
        A, B: 2x2 payoff matrices, numbers or sympy expressions. With symbols the
            per-player thresholds are the formula itself (both players assumed
            tempted) and ``conditions`` lists what must hold for it to apply.

    Returns:
        A :class:`GrimTrigger`; check ``applies`` and ``reason``.

    Raises:
        ValueError: for matrices that are not 2x2 numbers/expressions.

    >>> grim_trigger_threshold([[3, 0], [5, 1]], [[3, 5], [0, 1]]).delta
    Fraction(1, 2)
    """
    a = _entries_2x2(A, "A (row player's payoffs)")
    b = _entries_2x2(B, "B (column player's payoffs)")
    if not _is_symbolic([x for row in a + b for x in row]):
        return _grim_exact(*payoff_matrices(a, b))
    stages = [_stage(a, b, 0), _stage(a, b, 1)]
    per_player = tuple(sympy.simplify(grim_trigger_delta(s.R, s.T, s.P)) for s in stages)
    conditions = []
    for s in stages:
        conditions += [sympy.Ge(s.P, s.S), sympy.Gt(s.R, s.P), sympy.Gt(s.T, s.R)]
    decided = [c for c in conditions if c in (sympy.true, sympy.false)]
    applies = None
    if len(decided) == len(conditions):
        applies = all(c == sympy.true for c in conditions)
    elif sympy.false in decided:
        applies = False
    reason = (
        "symbolic threshold: applies where (D, D) is a stage equilibrium (P ≥ S), "
        "mutual arming hurts (R > P) and both players are tempted (T > R)"
    )
    return GrimTrigger(
        applies,
        reason,
        per_player,
        sympy.Max(*per_player),
        tuple(c for c in conditions if c is not sympy.true),
        True,
    )


def _grim_exact(A, B) -> GrimTrigger:
    stages = [_stage(A, B, 0), _stage(A, B, 1)]
    names = ("row player", "column player")
    for s, name in zip(stages, names, strict=True):
        if s.P < s.S:
            return GrimTrigger(
                False,
                f"(D, D) is not a stage equilibrium ({name}: P = {s.P} < S = {s.S}), "
                "so the threat to arm forever is not credible",
                None,
                None,
            )
    for s, name in zip(stages, names, strict=True):
        if s.R <= s.P:
            return GrimTrigger(
                False,
                f"{name} does no worse under mutual arming (P = {s.P} ≥ R = {s.R}), "
                "so arming forever is no punishment (Deadlock-like)",
                None,
                None,
            )
    if all(s.T <= s.R for s in stages):
        return GrimTrigger(
            False,
            "(C, C) is already a stage equilibrium (T ≤ R for both players, as in Harmony or "
            "the Stag Hunt): cooperation needs no threat",
            None,
            None,
        )
    per_player = tuple(
        grim_trigger_delta(s.R, s.T, s.P) if s.T > s.R else Fraction(0) for s in stages
    )
    return GrimTrigger(
        True,
        "(D, D) is a stage equilibrium, mutual arming hurts both and at least one player is "
        "tempted: (C, C) is sustained for δ ≥ δ*",
        per_player,
        max(per_player),
    )
