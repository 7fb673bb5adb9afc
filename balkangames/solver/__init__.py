"""Every extreme Nash equilibrium of a bimatrix game, exactly.

Floating-point equilibrium finders can miss equilibria of degenerate games (ties in
payoffs are common in teaching examples) and can report near-misses as equilibria.
This package works in exact integer arithmetic instead:

1. Each payoff matrix is scaled to integers and shifted to be positive; neither changes
   any player's best responses.
2. Every vertex of both best-response polytopes
   ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` is found. Small games
   (up to about 4x4): by solving, for every support and every equally large set of
   tight constraints, a small linear system with fraction-free (Bareiss) elimination.
   Bigger games: scipy's Qhull proposes the vertices in floating point, each proposal is
   checked (a well-conditioned system with clear margins, or else exactly: this is
   where degenerate vertices are decided), and the proposals must prove themselves
   complete (every edge of the polytope leads from one proposed vertex to another);
   if any check fails, the exhaustive exact enumeration runs instead, with numpy
   discarding only the systems that are clearly infeasible in well-conditioned floating
   point. The equilibria themselves are always computed exactly.
3. The extreme equilibria are the completely labelled vertex pairs (von Stengel 2002,
   "Computing equilibria for two-person games"). A game is degenerate exactly when some
   vertex carries more labels than its dimension, i.e. when a mixed strategy with support
   size ``k`` has more than ``k`` pure best responses.
4. Equilibrium components are the connected components of the bipartite graph of
   extreme equilibria; its maximal bicliques are the maximal Nash subsets (Avis, Rosenberg,
   Savani and von Stengel 2010, "Enumeration of Nash equilibria for two-player games").

Two engines, one answer. ``engine="exact"`` (the default) is the enumeration above and
nothing else: about 0.1 ms for a 2x2 game. ``engine="nashpy"`` first runs nashpy's
``vertex_enumeration`` on the same game (payoffs shifted to be positive, which its
polytopes need), reads each float profile back as exact fractions and keeps it only if
it passes the exact best-response check; the exact enumeration then completes the list,
so an equilibrium nashpy misses is still reported. The solution records which
equilibria nashpy found (:attr:`Solution.nashpy_found`), which the completion added
(:attr:`Solution.nashpy_missed`) and which of nashpy's answers failed verification
(:attr:`Solution.nashpy_rejected`). It costs nashpy's time on top (tens of milliseconds
for a 2x2 game) and never changes the equilibria; use it to show learners what a float
solver finds. The result never depends on a float comparison.
:func:`compare_with_nashpy` shows what nashpy's enumerators find on the raw payoffs.

The package's modules each do one thing: :mod:`.vertices` (exact vertex enumeration),
:mod:`.proposals` (Qhull's proposals for big games), :mod:`.labels` (completely labelled
pairs, degeneracy), :mod:`.components` (components and maximal Nash subsets),
:mod:`.solution` (the :class:`Solution` type) and :mod:`.engines` (exact and nashpy).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from ..validation import flag, payoff_matrices, probability_vector
from .engines import ENGINES, NASHPY_MAX_ACTIONS, _nashpy_candidates, _solve_exact
from .solution import (
    DEFAULT_PLAYERS,
    EquilibriumComponent,
    Mix,
    Profile,
    Solution,
    _exact_equilibrium,
    _sorted_profiles,
    expected_payoff,
)

__all__ = [
    "DegenerateGameWarning",
    "ENGINES",
    "NASHPY_MAX_ACTIONS",
    "DEFAULT_PLAYERS",
    "EquilibriumComponent",
    "Mix",
    "NashpyComparison",
    "Profile",
    "Solution",
    "compare_with_nashpy",
    "expected_payoff",
    "is_nash_equilibrium",
    "solve",
]


class DegenerateGameWarning(UserWarning):
    """Issued by ``solve(..., warn=True)`` when the game is degenerate."""




def _reject_text(matrix, name: str) -> None:
    """Refuse payoffs given as text: a payoff table must hold numbers."""
    if isinstance(matrix, np.ndarray):
        if matrix.dtype.kind in "US":
            raise ValueError(f"{name} must hold numbers, got an array of text {matrix.tolist()!r}")
        rows = matrix.tolist() if matrix.dtype.kind == "O" else []
    elif isinstance(matrix, Sequence) and not isinstance(matrix, (str, bytes)):
        rows = matrix
    else:
        return  # validation.payoff_matrix reports the wrong container
    for i, row in enumerate(rows):
        if isinstance(row, np.ndarray):
            row = row.tolist()
        if isinstance(row, Sequence) and not isinstance(row, (str, bytes)):
            for j, entry in enumerate(row):
                if isinstance(entry, (str, bytes, np.str_)):
                    raise ValueError(
                        f"{name}[{i}][{j}] must be a number, got the text {entry!r}"
                    )


def solve(A, B=None, *, engine: str = "exact", warn: bool = False) -> Solution:
    """Find every extreme Nash equilibrium of the bimatrix game ``(A, B)`` exactly.

    Args:
        A: the row player's payoffs, ``A[i][j]`` for row action ``i`` against column
            action ``j``: nested lists or a 2-d array of int, float or Fraction. Floats
            are read from their decimal form (0.1 is 1/10), so ties stay ties.
        B: the column player's payoffs, same shape; ``None`` means zero-sum (``B = -A``).
        engine: ``"exact"`` (default): the exact enumeration alone. ``"nashpy"``:
            nashpy's ``vertex_enumeration`` proposes the equilibria, each is read back as
            exact fractions and verified exactly, and the exact enumeration completes the
            list, so an equilibrium nashpy misses (typically in a degenerate game) is
            still reported, and :attr:`Solution.nashpy_missed` says which. Games larger
            than 6 x 6 skip nashpy's pass (it is slow there; ``nashpy_rejected`` says so).
            Both engines return the same equilibria.
        warn: if true, issue a :class:`DegenerateGameWarning` when the game is degenerate.

    Returns:
        a :class:`Solution`; ``solution.equilibria`` lists every extreme equilibrium as
        ``(row_mix, col_mix)``, tuples of Fractions.

    Raises:
        ValueError: for empty, ragged or mismatched matrices, for entries that are not
            finite numbers (NaN, inf, None, text) or exceed
            :data:`~balkangames.validation.MAX_DIGITS` digits, naming the entry, and for
            an unknown engine.
        TypeError: if ``warn`` is not True or False.

    Median times on one laptop core (``benchmarks/bench_solver.py``): about 0.1 ms for
    2x2, 5-10 ms for 6x6 and 0.2-0.4 s for random 12x12 games (the all-equal 12x12 game:
    about 20 ms). A game whose float proposals cannot be confirmed falls back to the
    exhaustive exact enumeration, which takes seconds at 12x12.

    >>> stag_hunt = solve([[4, 0], [3, 2]], [[4, 3], [0, 2]])
    >>> stag_hunt.pure_equilibria
    [(0, 0), (1, 1)]
    >>> stag_hunt.equilibria[2]
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3)))
    """
    _reject_text(A, "A (row player's payoffs)")
    if B is not None:
        _reject_text(B, "B (column player's payoffs)")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    warn = flag(warn, "warn")
    A_exact, B_exact = payoff_matrices(A, B)
    solution = _solve_exact(A_exact, B_exact)
    if engine == "nashpy":
        verified, rejected = _nashpy_candidates(A_exact, B_exact)
        extreme = set(solution.equilibria)
        solution = replace(
            solution,
            nashpy_found=_sorted_profiles(set(p for p in verified if p in extreme)),
            nashpy_rejected=tuple(rejected),
            engine="nashpy",
        )
    if warn and solution.degenerate:
        warnings.warn(
            "the game is degenerate: some strategy has more pure best responses than the "
            "size of its support, so equilibria may form continua (see .components)",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return solution


def is_nash_equilibrium(A, B, row_mix, col_mix) -> bool:
    """Whether ``(row_mix, col_mix)`` is a Nash equilibrium of ``(A, B)``, exactly.

    ``B=None`` means zero-sum. Mixes are probability vectors (Fractions, ints, floats
    read from their decimal form).

    >>> is_nash_equilibrium([[1, -1], [-1, 1]], None, [0.5, 0.5], [0.5, 0.5])
    True

    Raises:
        ValueError: for invalid payoff matrices or mixes.
    """
    _reject_text(A, "A (row player's payoffs)")
    if B is not None:
        _reject_text(B, "B (column player's payoffs)")
    A_exact, B_exact = payoff_matrices(A, B)
    rows, cols = len(A_exact), len(A_exact[0])
    return _exact_equilibrium(
        A_exact,
        B_exact,
        probability_vector(row_mix, rows, "row_mix"),
        probability_vector(col_mix, cols, "col_mix"),
    )




class NashpyComparison(NamedTuple):
    """What a nashpy enumerator found, compared with the exact extreme equilibria.

    Attributes:
        method: the nashpy method used.
        found: exact extreme equilibria that nashpy also reported.
        missed: exact extreme equilibria that nashpy did not report.
        extra: nashpy profiles (as float arrays) that are not extreme equilibria, e.g.
            interior points of a continuum, or spurious near-misses.
    """

    method: str
    found: tuple[Profile, ...]
    missed: tuple[Profile, ...]
    extra: tuple[tuple[np.ndarray, np.ndarray], ...]


def compare_with_nashpy(A, B=None, method: str = "support_enumeration") -> NashpyComparison:
    """Run one of nashpy's enumerators and say which extreme equilibria it found or missed.

    A nashpy profile counts as finding an exact equilibrium when every probability agrees
    within 1e-9; this tolerance only affects the teaching report, never :func:`solve`.

    Args:
        A, B: the game, as for :func:`solve`.
        method: ``"support_enumeration"`` or ``"vertex_enumeration"``.

    Raises:
        ValueError: for invalid games or an unknown method.
    """
    if method not in ("support_enumeration", "vertex_enumeration"):
        raise ValueError(
            f"method must be 'support_enumeration' or 'vertex_enumeration', got {method!r}"
        )
    solution = solve(A, B, engine="exact")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reported = list(getattr(solution.nashpy_game(), method)())
    found, extra = [], []
    for row_mix, col_mix in reported:
        match = next(
            (
                profile
                for profile in solution.equilibria
                if np.allclose(np.array(profile[0], dtype=float), row_mix, atol=1e-9, rtol=0)
                and np.allclose(np.array(profile[1], dtype=float), col_mix, atol=1e-9, rtol=0)
            ),
            None,
        )
        if match is None:
            extra.append((row_mix, col_mix))
        elif match not in found:
            found.append(match)
    missed = tuple(p for p in solution.equilibria if p not in found)
    return NashpyComparison(method, _sorted_profiles(found), missed, tuple(extra))
