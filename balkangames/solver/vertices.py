"""The vertices of a best-response polytope, exactly.

For a player whose opponent has (positive, integer) payoffs ``payoffs[i][j]``, the polytope
is ``{z >= 0 : sum_i z_i payoffs[i][j] <= 1 for all j}``; each nonzero vertex, normalised,
is a mixed strategy together with the opponent's actions that are best responses to it
(its labels). Every vertex comes from its exact support and as many tight constraints,
solved with fraction-free (Bareiss) elimination; for big games a float screen discards
clearly infeasible systems first. :mod:`.proposals` is the fast path for big games.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations
from typing import NamedTuple

import numpy as np

from ..validation import Matrix
from .solution import Mix


def _positive_integer_matrix(matrix: Matrix) -> list[list[int]]:
    """Scale ``matrix`` to integers and shift it so every entry is at least 1.

    A positive scale factor and an added constant leave best responses unchanged.
    """
    scale = 1
    for row in matrix:
        for entry in row:
            scale = scale * entry.denominator // math.gcd(scale, entry.denominator)
    integers = [[int(entry * scale) for entry in row] for row in matrix]
    shift = 1 - min(min(row) for row in integers)
    return [[entry + shift for entry in row] for row in integers]


def _solve_all_ones(rows: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``rows @ z = (1, ..., 1)`` exactly; return ``(numerators, denominator)``.

    Fraction-free Gaussian elimination (Bareiss) keeps every intermediate an integer.
    The denominator is positive; ``None`` means the system is singular.
    """
    size = len(rows)
    table = [row[:] + [1] for row in rows]
    previous_pivot = 1
    for col in range(size):
        if table[col][col] == 0:
            for other in range(col + 1, size):
                if table[other][col] != 0:
                    table[col], table[other] = table[other], table[col]
                    break
            else:
                return None
        pivot_row = table[col]
        pivot = pivot_row[col]
        for other in range(col + 1, size):
            row = table[other]
            factor = row[col]
            for k in range(col + 1, size + 1):
                row[k] = (pivot * row[k] - factor * pivot_row[k]) // previous_pivot
            row[col] = 0
        previous_pivot = pivot
    determinant = table[size - 1][size - 1]
    numerators = [0] * size
    for i in range(size - 1, -1, -1):
        row = table[i]
        total = determinant * row[size]
        for k in range(i + 1, size):
            total -= row[k] * numerators[k]
        numerators[i] = total // row[i]  # exact: Cramer's rule gives integers
    if determinant < 0:
        return [-n for n in numerators], -determinant
    return numerators, determinant


class _Vertex(NamedTuple):
    """A nonzero vertex of a best-response polytope, normalised to a mixed strategy."""

    mix: Mix
    support: int  # bit i set when the strategy plays action i
    best_responses: int  # bit j set when the opponent's action j is a best response
    degenerate: bool  # more best responses than the support size


#: Above this many candidate systems per polytope, a float screen runs first (see below).
SCREEN_ABOVE = 1000
# A float solution is trusted to discard a system only when the system is well conditioned:
# |det| / (||M||_F / sqrt(k))^k > _WELL_CONDITIONED bounds the condition number by
# 2 / _WELL_CONDITIONED (Guggenheimer, Edelman and Johnson 1995), so rounding errors stay
# far below _SCREEN_TOLERANCE. Everything not clearly infeasible is decided exactly.
_WELL_CONDITIONED = 1e-6
_SCREEN_TOLERANCE = 1e-5


def _polytope_vertices(payoffs: list[list[int]], screen: bool | None = None) -> list[_Vertex]:
    """All nonzero vertices of ``{z >= 0 : sum_i z_i payoffs[i][j] <= 1 for all j}``.

    ``payoffs[i][j]`` is the opponent's (positive, integer) payoff when this player plays
    ``i`` and the opponent plays ``j``. Each vertex is found from its exact support ``S``
    and any ``|S|`` tight opponent actions that determine it.

    For big games most of the ``C(own + other, own)`` candidate systems are infeasible;
    with ``screen`` (default: when there are more than :data:`SCREEN_ABOVE` of them) numpy
    solves them all in floating point first and only the ones that are not clearly
    infeasible or are ill-conditioned go through exact elimination. The screen only ever
    discards; every vertex reported is computed and checked exactly.
    """
    own, other = len(payoffs), len(payoffs[0])
    if screen is None:
        screen = math.comb(own + other, own) > SCREEN_ABOVE
    columns = [[payoffs[i][j] for i in range(own)] for j in range(other)]
    float_payoffs = _as_floats(payoffs) if screen else None
    screen = float_payoffs is not None
    # Two actions whose payoff rows are proportional make every system that contains both
    # singular (in the all-equal game, every pair): such supports are skipped outright.
    parallel = [
        (1 << i) | (1 << k)
        for i, k in combinations(range(own), 2)
        if all(payoffs[i][j] * payoffs[k][0] == payoffs[k][j] * payoffs[i][0] for j in range(other))
    ]
    vertices: list[_Vertex] = []
    for size in range(1, min(own, other) + 1):
        tight_sets = list(combinations(range(other), size))
        tight_index = np.array(tight_sets, dtype=np.intp) if screen else None
        for support in combinations(range(own), size):
            if parallel:
                support_mask = sum(1 << i for i in support)
                if any(pair & support_mask == pair for pair in parallel):
                    continue
            support_columns = [[column[i] for i in support] for column in columns]
            candidates = (
                _screen(float_payoffs[list(support)], tight_sets, tight_index)
                if screen
                else tight_sets
            )
            found_masks: list[int] = []
            for tight in candidates:
                tight_mask = sum(1 << j for j in tight)
                # A tight set inside a known vertex's best responses can only give it again.
                if any(tight_mask & mask == tight_mask for mask in found_masks):
                    continue
                vertex = _exact_vertex(own, support, support_columns, tight)
                if vertex is not None:
                    found_masks.append(vertex.best_responses)
                    vertices.append(vertex)
    return vertices


def _as_floats(payoffs: list[list[int]], smallest: float = 1e-150) -> np.ndarray | None:
    """Positive integer payoffs as floats scaled to at most 1, or None if out of range.

    Scaling all payoffs by one constant scales every solution inversely and leaves the
    screen's relative tests unchanged. ``None`` also when some scaled payoff is not above
    ``smallest`` (the screen's determinant tests need every entry well inside range).
    """
    largest = max(max(row) for row in payoffs)
    try:
        scaled = np.array(
            [[float(Fraction(entry, largest)) for entry in row] for row in payoffs]
        )
    except OverflowError:
        return None
    return scaled if np.isfinite(scaled).all() and scaled.min() > smallest else None


def _screen(rows: np.ndarray, tight_sets: list, tight_index: np.ndarray) -> list:
    """The tight sets whose systems are not clearly infeasible in floating point.

    ``rows`` holds the opponent's payoffs for the support's actions (support x other).
    """
    size = rows.shape[0]
    # systems[c, r, s]: equation r (opponent action tight_sets[c][r]), variable s.
    systems = np.transpose(rows[:, tight_index], (1, 2, 0))
    determinants = np.linalg.det(systems)
    norms = np.sqrt(np.einsum("crs,crs->c", systems, systems) / size)
    well = np.abs(determinants) > _WELL_CONDITIONED * norms**size
    keep = ~well
    if well.any():
        solutions = np.linalg.solve(systems[well], np.ones((int(well.sum()), size, 1)))[..., 0]
        scale = np.abs(solutions).max(axis=1)
        values = solutions @ rows  # opponent's payoff of every action, per system
        magnitude = np.abs(solutions) @ rows
        plausible = (solutions.min(axis=1) > -_SCREEN_TOLERANCE * scale) & (
            (values - 1).max(axis=1) <= _SCREEN_TOLERANCE * magnitude.max(axis=1)
        )
        keep[np.flatnonzero(well)[plausible]] = True
    return [tight_sets[c] for c in np.flatnonzero(keep)]


def _exact_vertex(own: int, support, support_columns, tight, unplayed: bool = False) -> _Vertex | None:
    """The vertex with this support and these tight opponent actions, if there is one.

    ``support_columns[j]`` is the opponent's action ``j``'s payoffs on ``support``. With
    ``unplayed``, an action of ``support`` may get probability 0 (a basis of a degenerate
    vertex, as Qhull proposes them); otherwise every action of ``support`` is played.
    ``None`` if the system is singular or the point infeasible.
    """
    solution = _solve_all_ones([support_columns[j] for j in tight])
    if solution is None:
        return None
    numerators, denominator = solution
    if min(numerators) < 0 or max(numerators) == 0 or (not unplayed and min(numerators) == 0):
        return None
    best = 0
    for j, column in enumerate(support_columns):
        value = sum(c * n for c, n in zip(column, numerators, strict=True))
        if value > denominator:
            return None
        if value == denominator:
            best |= 1 << j
    total = sum(numerators)
    mix = [Fraction(0)] * own
    played = 0
    for i, n in zip(support, numerators, strict=True):
        if n:
            mix[i] = Fraction(n, total)
            played |= 1 << i
    return _Vertex(tuple(mix), played, best, best.bit_count() > played.bit_count())




class _Vertices(NamedTuple):
    """The nonzero vertices of a best-response polytope as bit masks (see :class:`_Vertex`).

    ``mixes[v]`` is vertex ``v``'s exact mixed strategy, or ``None`` until needed (then
    the vertex is nondegenerate: its support and best responses determine it).
    """

    supports: list[int]
    best_responses: list[int]
    degenerate: list[bool]
    mixes: list[Mix | None]


def _as_vertices(vertices: list[_Vertex]) -> _Vertices:
    """The exact enumeration's vertices in the bit-mask form."""
    return _Vertices(
        [v.support for v in vertices],
        [v.best_responses for v in vertices],
        [v.degenerate for v in vertices],
        [v.mix for v in vertices],
    )


def _exact_basis_vertex(own: int, support, columns, tight) -> _Vertex | None:
    """:func:`_exact_vertex` for a proposed basis (``columns``: the opponent's payoffs per action)."""
    support_columns = [[column[i] for i in support] for column in columns]
    return _exact_vertex(own, support, support_columns, tight, unplayed=True)


def _with_mix(vertices: _Vertices, index: int, payoffs: list[list[int]]) -> _Vertex:
    """Vertex ``index`` with its exact mixed strategy (solved now if it was proposed)."""
    support, best = vertices.supports[index], vertices.best_responses[index]
    mix = vertices.mixes[index]
    if mix is None:
        own = len(payoffs)
        columns = [[payoffs[i][j] for i in range(own)] for j in range(len(payoffs[0]))]
        played = tuple(i for i in range(own) if support >> i & 1)
        tight = tuple(j for j in range(len(payoffs[0])) if best >> j & 1)
        mix = _exact_basis_vertex(own, played, columns, tight).mix
    return _Vertex(mix, support, best, vertices.degenerate[index])


def _transpose(matrix):
    return [list(column) for column in zip(*matrix, strict=True)]
