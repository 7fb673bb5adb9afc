"""Every extreme Nash equilibrium of a bimatrix game, exactly.

Floating-point equilibrium finders can miss equilibria of degenerate games (ties in
payoffs are common in teaching examples) and can report near-misses as equilibria.
This module works in exact integer arithmetic instead:

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
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import combinations
from typing import NamedTuple

import numpy as np

from .validation import MAX_ACTIONS, Matrix, flag, payoff_matrices, probability_vector

Mix = tuple[Fraction, ...]
Profile = tuple[Mix, Mix]

DEFAULT_PLAYERS = ("row", "column")
DEFAULT_2X2_ACTIONS = ("restrain", "arm")

__all__ = [
    "DegenerateGameWarning",
    "EquilibriumComponent",
    "NashpyComparison",
    "Solution",
    "compare_with_nashpy",
    "is_nash_equilibrium",
    "solve",
]


class DegenerateGameWarning(UserWarning):
    """Issued by ``solve(..., warn=True)`` when the game is degenerate."""


# --------------------------------------------------------------------------- exact core


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


# --------------------------------------------------------------------------- big games


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


#: Polytopes with more candidate systems than this are enumerated from float proposals.
PROPOSE_ABOVE = 200
# Qhull sees every constraint moved outwards by a tiny fixed pseudo-random amount, so that
# a degenerate vertex (more tight constraints than dimensions) splits into nearby simple
# ones instead of facets Qhull would merge by its own float tolerance. Each resulting basis
# is then checked on the real, unmoved constraints.
_NUDGE = 1e-8
_NUDGES = np.random.default_rng(20260101).random((2, 2 * MAX_ACTIONS))  # a second try, if needed


def _proposed_vertices(payoffs: list[list[int]]) -> _Vertices | None:
    """Every nonzero vertex of the polytope of :func:`_polytope_vertices`, from proposals.

    scipy's Qhull intersects the halfspaces in floating point. Each facet of its
    triangulated answer names a basis: ``own`` constraints, among ``z_i >= 0`` (action
    ``i`` unplayed) and ``sum_i z_i payoffs[i][j] <= 1`` (opponent action ``j`` a best
    response), that are tight at a vertex. The answer is used only when it proves itself:

    * every basis is checked: its system is well conditioned and every other constraint
      holds with a clear margin (as in the float screen), or else its vertex is computed
      and checked exactly (this is where degenerate vertices, with more than ``own``
      tight constraints, are decided);
    * every ``own - 1`` constraints of a basis lie in exactly two bases. The bases then
      close up around the polytope (each edge leads from one vertex to the next, and
      the graph of a polytope is connected), so no vertex is missing.

    Returns ``None``, and the caller enumerates exactly, when Qhull fails, the payoffs do
    not fit in floating point or the proof does not go through.
    """
    from scipy.spatial import HalfspaceIntersection

    own, other = len(payoffs), len(payoffs[0])
    # payoffs / largest payoff (w = largest * z); a payoff that underflows to 0 is harmless
    # here, as long as every action keeps a positive payoff (the polytope stays bounded)
    scaled = _as_floats(payoffs, smallest=-1.0)
    if scaled is None or own < 2 or not (scaled.max(axis=1) > 0).all():
        return None
    normals = np.vstack([-np.eye(own), scaled.T])
    bounds = np.concatenate([np.zeros(own), np.ones(other)])
    interior = np.full(own, 0.5 / scaled.sum(axis=0).max())
    for nudges in _NUDGES:  # a second set of nudges before giving up on Qhull
        try:
            with np.errstate(all="ignore"):  # Qhull's own float steps may divide by zero
                # "Qt": triangulated output, each facet a basis
                hull = HalfspaceIntersection(
                    np.hstack([normals, -(bounds + _NUDGE * nudges[: own + other])[:, None]]),
                    interior,
                    qhull_options="Qt",
                )
            facets = hull.dual_facets
        except Exception:  # Qhull gives up (precision, flat input)
            continue
        found = _checked_bases(payoffs, normals, bounds, facets)
        if found is not None:
            return found
    return None  # the exact enumeration decides


def _checked_bases(payoffs, normals: np.ndarray, bounds: np.ndarray, facets) -> _Vertices | None:
    """The vertices of Qhull's bases, or None if a check fails (see :func:`_proposed_vertices`)."""
    own, other = len(payoffs), len(payoffs[0])
    if any(len(facet) != own for facet in facets):
        return None
    bases = np.sort(np.array(facets, dtype=np.int64), axis=1)
    masks = np.left_shift(np.int64(1), bases).sum(axis=1)
    ridges = (masks[:, None] ^ np.left_shift(np.int64(1), bases)).ravel()
    _, counts = np.unique(ridges, return_counts=True)
    if len(np.unique(masks)) != len(masks) or not (counts == 2).all():
        return None
    systems, rhs = normals[bases], bounds[bases]
    norms = np.sqrt(np.einsum("brs,brs->b", systems, systems) / own)
    well = np.abs(np.linalg.det(systems)) > _WELL_CONDITIONED * norms**own
    points = np.zeros((len(bases), own))
    if well.any():
        points[well] = np.linalg.solve(systems[well], rhs[well][..., None])[..., 0]
    slacks = bounds - points @ normals.T
    outside = np.zeros(slacks.shape, dtype=bool)
    np.put_along_axis(outside, bases, True, axis=1)  # True on the basis: no test there
    # Clear margins are relative to the point's size (an unplayed action has slack 0).
    scale = np.abs(points) @ np.abs(normals.T) + bounds + np.abs(points).max(axis=1)[:, None]
    margin = _SCREEN_TOLERANCE * scale
    clean = well & (outside | (slacks > margin)).all(axis=1)
    # Nondegenerate vertices straight from their bases: exactly the basis is tight there.
    everyone = (1 << own) - 1
    supports = (everyone & ~masks).tolist()
    best = (masks >> own).tolist()
    keep = clean & ((everyone & ~masks) != 0)  # the zero vector is no strategy
    found = _Vertices(
        [supports[b] for b in np.flatnonzero(keep)],
        [best[b] for b in np.flatnonzero(keep)],
        [False] * int(keep.sum()),
        [None] * int(keep.sum()),
    )
    # The others (degenerate, or too close to call in floating point) are decided exactly.
    columns = [[payoffs[i][j] for i in range(own)] for j in range(other)]
    exact_mixes: set[Mix] = set()
    for b in np.flatnonzero(~clean & ((everyone & ~masks) != 0)):
        support = tuple(i for i in range(own) if supports[b] >> i & 1)
        tight = tuple(j for j in range(other) if best[b] >> j & 1)
        vertex = _exact_basis_vertex(own, support, columns, tight)
        if vertex is None:
            return None  # not a vertex after all: the exact enumeration decides
        if vertex.mix in exact_mixes:
            continue  # another basis of a degenerate vertex already listed
        exact_mixes.add(vertex.mix)
        found.supports.append(vertex.support)
        found.best_responses.append(vertex.best_responses)
        found.degenerate.append(vertex.degenerate)
        found.mixes.append(vertex.mix)
    return found


def _exact_basis_vertex(own: int, support, columns, tight) -> _Vertex | None:
    """:func:`_exact_vertex` for a proposed basis (``columns``: the opponent's payoffs per action)."""
    support_columns = [[column[i] for i in support] for column in columns]
    return _exact_vertex(own, support, support_columns, tight, unplayed=True)


def _vertices(payoffs: list[list[int]]) -> _Vertices:
    """The polytope's vertices: from checked float proposals for big games, else exactly."""
    own, other = len(payoffs), len(payoffs[0])
    if math.comb(own + other, own) > PROPOSE_ABOVE:
        proposed = _proposed_vertices(payoffs)
        if proposed is not None:
            return proposed
    return _as_vertices(_polytope_vertices(payoffs))


def _labelled_pairs(rows: _Vertices, cols: _Vertices) -> list[tuple[int, int]]:
    """Index pairs ``(x, y)`` of completely labelled vertices (the extreme equilibria).

    ``x`` and ``y`` match when each one's support lies in the other's best responses.
    For two nondegenerate vertices that means the support of each *is* the other's set of
    best responses, so those pairs are found by a dictionary look-up; each degenerate
    vertex is compared with every vertex of the other polytope at once with numpy.
    """
    by_labels: dict[tuple[int, int], list[int]] = {}
    for y, (support, best, degenerate) in enumerate(
        zip(cols.supports, cols.best_responses, cols.degenerate, strict=True)
    ):
        if not degenerate:
            by_labels.setdefault((support, best), []).append(y)
    pairs = set()
    for x, (support, best, degenerate) in enumerate(
        zip(rows.supports, rows.best_responses, rows.degenerate, strict=True)
    ):
        if not degenerate:
            pairs.update((x, y) for y in by_labels.get((best, support), ()))
    row_support, row_best = np.array(rows.supports, np.int64), np.array(rows.best_responses, np.int64)
    col_support, col_best = np.array(cols.supports, np.int64), np.array(cols.best_responses, np.int64)
    for x in np.flatnonzero(rows.degenerate) if rows.degenerate else ():
        ok = ((row_support[x] & ~col_best) == 0) & ((col_support & ~row_best[x]) == 0)
        pairs.update((int(x), int(y)) for y in np.flatnonzero(ok))
    for y in np.flatnonzero(cols.degenerate) if cols.degenerate else ():
        ok = ((row_support & ~col_best[y]) == 0) & ((col_support[y] & ~row_best) == 0)
        pairs.update((int(x), int(y)) for x in np.flatnonzero(ok))
    return sorted(pairs)


def _transpose(matrix):
    return [list(column) for column in zip(*matrix, strict=True)]


def _is_pure(mix: Mix) -> bool:
    return max(mix) == 1


def _profile_order(profile: Profile):
    """Sort key: pure profiles first (by action index), then mixed lexicographically."""
    row_mix, col_mix = profile
    if _is_pure(row_mix) and _is_pure(col_mix):
        return (0, (row_mix.index(1), col_mix.index(1)), ())
    return (1, (), profile)


def _sorted_profiles(profiles) -> tuple[Profile, ...]:
    return tuple(sorted(profiles, key=_profile_order))


# --------------------------------------------------------------------------- components


def _maximal_nash_subsets(edges: set[tuple[int, int]]) -> list[tuple[frozenset, frozenset]]:
    """Maximal bicliques of the bipartite graph ``edges`` (row vertex, column vertex).

    The column sets of maximal bicliques are exactly the nonempty intersections of row
    vertices' neighbourhoods; each determines its row set.
    """
    neighbours: dict[int, set[int]] = {}
    for x, y in edges:
        neighbours.setdefault(x, set()).add(y)
    family = {frozenset(ys) for ys in neighbours.values()}
    frontier = set(family)
    while frontier:
        new = set()
        for a in frontier:
            for b in family:
                meet = a & b
                if meet and meet not in family:
                    new.add(meet)
        family |= new
        frontier = new
    subsets = []
    for ys in family:
        xs = frozenset(x for x, nys in neighbours.items() if ys <= nys)
        subsets.append((xs, ys))
    return subsets


def _conjugate(action: str) -> str:
    """Third person of a one-word action verb ("arm" -> "arms"), else "plays <action>"."""
    if not re.fullmatch(r"[a-z]+", action):
        return f"plays {action}"
    if action.endswith(("s", "sh", "ch", "x", "z", "o")):
        return action + "es"
    if len(action) > 1 and action.endswith("y") and action[-2] not in "aeiou":
        return action[:-1] + "ies"
    return action + "s"


#: Longest exact number written out in full (Python refuses to print integers above 4300
#: digits; a 12x12 game with 300-digit payoffs can have payoffs of thousands of digits).
_FULL_DIGITS = 1000


def _number(value: Fraction) -> str:
    """``value`` as ``3`` or ``7/2``; about its first digits when the fraction is enormous."""
    bits = max(abs(value.numerator).bit_length(), value.denominator.bit_length())
    if bits * 0.30103 > _FULL_DIGITS:
        try:
            return f"≈{value.numerator / value.denominator:.6g} (an exact fraction of ~{int(bits * 0.30103) + 1} digits)"
        except OverflowError:
            return f"an exact fraction of ~{int(bits * 0.30103) + 1} digits"
    return str(value.numerator) if value.denominator == 1 else str(value)


def _point_text(player: str, actions: Sequence[str], mix: Mix) -> str:
    """'row restrains', 'row restrains with probability 1/3', or a list of weights."""
    support = [i for i, p in enumerate(mix) if p]
    if len(support) == 1:
        return f"{player} {_conjugate(actions[support[0]])}"
    if len(mix) == 2:
        return f"{player} {_conjugate(actions[0])} with probability {_number(mix[0])}"
    parts = [f"{actions[i]} with probability {_number(mix[i])}" for i in support]
    return f"{player} mixes " + ", ".join(parts)


def _set_text(player: str, actions: Sequence[str], mixes: Sequence[Mix]) -> str:
    """Describe one player's part of a maximal Nash subset (a point or a polytope)."""
    if len(mixes) == 1:
        return _point_text(player, actions, mixes[0])
    if len(actions) == 2:
        low = min(mix[0] for mix in mixes)
        high = max(mix[0] for mix in mixes)
        return (
            f"{player} {_conjugate(actions[0])} with any probability "
            f"from {_number(low)} to {_number(high)}"
        )
    corners = "; ".join(
        "(" + ", ".join(_number(p) for p in mix) + ")" for mix in sorted(mixes, reverse=True)
    )
    return f"{player} plays any mixture of the strategies {corners}"


@dataclass(frozen=True)
class EquilibriumComponent:
    """A connected set of Nash equilibria, given by its extreme equilibria.

    Attributes:
        equilibria: the extreme equilibria in this component, sorted like
            :attr:`Solution.equilibria`.
        maximal_subsets: the maximal Nash subsets making up the component, each a pair
            ``(row_mixes, column_mixes)``: every combination of a convex mixture of
            ``row_mixes`` with one of ``column_mixes`` is an equilibrium.
    """

    equilibria: tuple[Profile, ...]
    maximal_subsets: tuple[tuple[tuple[Mix, ...], tuple[Mix, ...]], ...]

    @property
    def is_isolated(self) -> bool:
        """True when the component is a single equilibrium (no continuum)."""
        return len(self.equilibria) == 1

    def describe(self, players=DEFAULT_PLAYERS, actions=None) -> str:
        """One sentence saying which strategy profiles form this component.

        Args:
            players: names of the row and the column player.
            actions: per player, the names of their actions (defaults: ``("restrain",
                "arm")`` for two actions, ``"action 1"``, ``"action 2"``, ... otherwise).
                A one-word lowercase action is used as a verb ("restrains").

        Returns:
            e.g. ``"row restrains; column restrains with any probability from 1/3 to 1"``.

        Raises:
            ValueError: if the names do not match the game's numbers of actions.
        """
        row_mix, col_mix = self.equilibria[0]
        players, actions = _names(players, actions, len(row_mix), len(col_mix))
        pieces = []
        for row_mixes, col_mixes in self.maximal_subsets:
            pieces.append(
                _set_text(players[0], actions[0], row_mixes)
                + "; "
                + _set_text(players[1], actions[1], col_mixes)
            )
        return "; or ".join(pieces)


def _names(players, actions, rows: int, cols: int):
    """Validate display names, filling in defaults."""
    if (
        not isinstance(players, Sequence)
        or isinstance(players, str)
        or len(players) != 2
        or not all(isinstance(p, str) for p in players)
    ):
        raise ValueError(f"players must be two names such as ('row', 'column'), got {players!r}")
    defaults = tuple(
        DEFAULT_2X2_ACTIONS if count == 2 else tuple(f"action {k + 1}" for k in range(count))
        for count in (rows, cols)
    )
    if actions is None:
        return tuple(players), defaults
    if not isinstance(actions, Sequence) or isinstance(actions, str) or len(actions) != 2:
        raise ValueError(
            f"actions must be a pair of action-name lists, one per player, got {actions!r}"
        )
    for who, names, count in zip(players, actions, (rows, cols), strict=True):
        if (
            not isinstance(names, Sequence)
            or isinstance(names, str)
            or len(names) != count
            or not all(isinstance(a, str) for a in names)
        ):
            raise ValueError(
                f"actions for {who} must be {count} names (one per action), got {names!r}"
            )
    return tuple(players), (tuple(actions[0]), tuple(actions[1]))


def _components(
    edges: list[tuple[int, int]], row_vertices: list[_Vertex], col_vertices: list[_Vertex]
) -> tuple[EquilibriumComponent, ...]:
    """Group extreme equilibria (vertex index pairs) into connected components."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, y in edges:
        parent[find(("x", x))] = find(("y", y))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for x, y in edges:
        groups.setdefault(find(("x", x)), []).append((x, y))
    components = []
    for group in groups.values():
        subsets = []
        for xs, ys in _maximal_nash_subsets(set(group)):
            row_mixes = tuple(sorted((row_vertices[x].mix for x in xs), reverse=True))
            col_mixes = tuple(sorted((col_vertices[y].mix for y in ys), reverse=True))
            subsets.append((row_mixes, col_mixes))
        subsets.sort(key=lambda s: (s[0][0], s[1][0]), reverse=True)
        profiles = _sorted_profiles((row_vertices[x].mix, col_vertices[y].mix) for x, y in group)
        components.append(EquilibriumComponent(profiles, tuple(subsets)))
    components.sort(key=lambda c: _profile_order(c.equilibria[0]))
    return tuple(components)


# --------------------------------------------------------------------------- public API


def _payoff(matrix: Matrix, row_mix: Mix, col_mix: Mix) -> Fraction:
    return sum(
        (p * q * matrix[i][j] for i, p in enumerate(row_mix) if p for j, q in enumerate(col_mix) if q),
        Fraction(0),
    )


def _exact_equilibrium(A: Matrix, B: Matrix, row_mix: Mix, col_mix: Mix) -> bool:
    """Exact best-response check of both players (mixes already validated)."""
    row_values = [sum(a * q for a, q in zip(row, col_mix, strict=True)) for row in A]
    best_row = max(row_values)
    if any(p and value != best_row for p, value in zip(row_mix, row_values, strict=True)):
        return False
    col_values = [sum(B[i][j] * p for i, p in enumerate(row_mix)) for j in range(len(col_mix))]
    best_col = max(col_values)
    return not any(q and value != best_col for q, value in zip(col_mix, col_values, strict=True))


@dataclass(frozen=True)
class Solution:
    """The exact solution of a bimatrix game.

    Attributes:
        A: the row player's payoffs as exact Fractions, ``A[i][j]`` for row action ``i``
            against column action ``j``.
        B: the column player's payoffs, indexed the same way.
        equilibria: every extreme Nash equilibrium ``(row_mix, col_mix)``; pure profiles
            first (ordered by action indices), then mixed ones in lexicographic order.
        degenerate: whether some mixed strategy with support size ``k`` has more than
            ``k`` pure best responses (then equilibria may form continua).
        components: the connected components of the set of equilibria. In a
            nondegenerate game every component is a single equilibrium.
    """

    A: Matrix
    B: Matrix
    equilibria: tuple[Profile, ...]
    degenerate: bool
    components: tuple[EquilibriumComponent, ...]
    #: the extreme equilibria that nashpy's enumerator reported (after exact verification)
    nashpy_found: tuple[Profile, ...] = ()
    #: nashpy candidates that failed exact verification, or why nashpy gave no answer
    nashpy_rejected: tuple[str, ...] = ()
    #: ``"nashpy"`` (nashpy's candidates, verified and completed exactly) or ``"exact"``
    engine: str = "exact"

    @property
    def nashpy_missed(self) -> tuple[Profile, ...]:
        """Extreme equilibria the exact completion added because nashpy did not report them."""
        if self.engine != "nashpy":
            return ()
        found = set(self.nashpy_found)
        return tuple(profile for profile in self.equilibria if profile not in found)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.equilibria)

    def __str__(self) -> str:
        return "\n".join(self.describe())

    def _repr_html_(self) -> str:
        """JupyterLab's view: the exact equilibria, decimals beside fractions (see :mod:`balkangames.display`)."""
        from .display import solution_html

        return solution_html(self)

    @property
    def shape(self) -> tuple[int, int]:
        """``(number of row actions, number of column actions)``."""
        return len(self.A), len(self.A[0])

    @property
    def pure_equilibria(self) -> list[tuple[int, int]]:
        """The pure equilibria as ``(row action, column action)`` index pairs, sorted."""
        return [
            (row_mix.index(1), col_mix.index(1))
            for row_mix, col_mix in self.equilibria
            if _is_pure(row_mix) and _is_pure(col_mix)
        ]

    @property
    def mixed_equilibria(self) -> list[Profile]:
        """The extreme equilibria in which at least one player mixes."""
        return [
            profile
            for profile in self.equilibria
            if not (_is_pure(profile[0]) and _is_pure(profile[1]))
        ]

    def _mixes(self, row_mix, col_mix) -> Profile:
        rows, cols = self.shape
        return (
            probability_vector(row_mix, rows, "row_mix"),
            probability_vector(col_mix, cols, "col_mix"),
        )

    def is_equilibrium(self, row_mix, col_mix) -> bool:
        """Whether ``(row_mix, col_mix)`` is a Nash equilibrium, checked exactly.

        Raises:
            ValueError: if a mix is not a probability vector of the right length.
        """
        return _exact_equilibrium(self.A, self.B, *self._mixes(row_mix, col_mix))

    def expected_payoffs(self, row_mix, col_mix) -> tuple[Fraction, Fraction]:
        """Exact expected payoffs ``(row, column)`` when both players use these mixes.

        Raises:
            ValueError: if a mix is not a probability vector of the right length.
        """
        row_mix, col_mix = self._mixes(row_mix, col_mix)
        return _payoff(self.A, row_mix, col_mix), _payoff(self.B, row_mix, col_mix)

    def describe(self, players=DEFAULT_PLAYERS, actions=None) -> list[str]:
        """Readable lines: one per extreme equilibrium, then continua if degenerate.

        Args:
            players: names of the row and column player.
            actions: per player, the names of their actions (see
                :meth:`EquilibriumComponent.describe`).

        Returns:
            a list of lines of text (join with newlines to print).
        """
        rows, cols = self.shape
        players, actions = _names(players, actions, rows, cols)
        count = len(self.equilibria)
        kind = "degenerate" if self.degenerate else "nondegenerate"
        noun = "equilibrium" if count == 1 else "equilibria"
        lines = [f"{rows} x {cols} game ({kind}), {count} extreme Nash {noun}:"]
        for number, (row_mix, col_mix) in enumerate(self.equilibria, start=1):
            row_value, col_value = _payoff(self.A, row_mix, col_mix), _payoff(self.B, row_mix, col_mix)
            lines.append(
                f"  {number}. {_point_text(players[0], actions[0], row_mix)}; "
                f"{_point_text(players[1], actions[1], col_mix)} "
                f"(payoffs {_number(row_value)}, {_number(col_value)})"
            )
        continua = [c for c in self.components if not c.is_isolated]
        if continua:
            lines.append("Continua of equilibria (every point in between is an equilibrium):")
            for component in continua:
                lines.append("  - " + component.describe(players, actions))
        return lines

    def nashpy_game(self):
        """The same game as a ``nashpy.Game`` (payoffs converted to floats)."""
        import nashpy

        return nashpy.Game(
            np.array(self.A, dtype=float), np.array(self.B, dtype=float)
        )


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


def _solve_exact(A: Matrix, B: Matrix) -> Solution:
    positive_a = _positive_integer_matrix(A)
    positive_b = _positive_integer_matrix(B)
    # Row strategies x live in {x >= 0 : B^T x <= 1}; column strategies y in {y >= 0 : A y <= 1}.
    col_payoffs = _transpose(positive_a)
    rows, cols = _vertices(positive_b), _vertices(col_payoffs)
    pairs = _labelled_pairs(rows, cols)
    # Only the vertices in an equilibrium need their exact mixes.
    row_index = {x: k for k, x in enumerate(sorted({x for x, _ in pairs}))}
    col_index = {y: k for k, y in enumerate(sorted({y for _, y in pairs}))}
    row_vertices = [_with_mix(rows, x, positive_b) for x in row_index]
    col_vertices = [_with_mix(cols, y, col_payoffs) for y in col_index]
    edges = [(row_index[x], col_index[y]) for x, y in pairs]
    equilibria = _sorted_profiles((row_vertices[x].mix, col_vertices[y].mix) for x, y in edges)
    degenerate = any(rows.degenerate) or any(cols.degenerate)
    if degenerate:
        components = _components(edges, row_vertices, col_vertices)
    else:
        # Nondegenerate: a vertex's labels fix its partner, so every equilibrium is isolated.
        components = tuple(
            EquilibriumComponent((profile,), (((profile[0],), (profile[1],)),))
            for profile in equilibria
        )
    return Solution(A, B, equilibria, degenerate, components)


#: Denominator bound when reading nashpy's float mixes back as fractions; every
#: snapped candidate is then verified exactly, so a wrong snap is rejected, never kept.
_SNAP_DENOMINATOR = 10**6


def _snap(mix) -> Mix | None:
    """A float probability vector from nashpy as exact Fractions, or None if it is not one."""
    values = np.asarray(mix, dtype=float)
    if values.ndim != 1 or not np.all(np.isfinite(values)):
        return None
    snapped = tuple(Fraction(float(v)).limit_denominator(_SNAP_DENOMINATOR) for v in values)
    if any(v < 0 for v in snapped) or sum(snapped) != 1:
        return None
    return snapped


def _nashpy_candidates(A: Matrix, B: Matrix) -> tuple[list[Profile], list[str]]:
    """Run nashpy's vertex enumeration; return exactly verified equilibria and rejections.

    nashpy gets the same game with payoffs scaled to positive integers (its polytopes
    need positive payoffs; the change leaves best responses as they are).
    """
    import nashpy

    if max(len(A), len(A[0])) > NASHPY_MAX_ACTIONS:
        return [], [f"nashpy skipped: its vertex enumeration is too slow beyond {NASHPY_MAX_ACTIONS} actions"]
    verified, rejected = [], []
    try:
        row = np.array(_positive_integer_matrix(A), dtype=float)
        col = np.array(_positive_integer_matrix(B), dtype=float)
        if not (np.all(np.isfinite(row)) and np.all(np.isfinite(col))):
            raise OverflowError("payoffs too large for floating point")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nashpy warns on degenerate games; we report it
            candidates = list(nashpy.Game(row, col).vertex_enumeration())
    except Exception as error:  # scipy's Qhull fails on some degenerate polytopes
        return [], [f"nashpy vertex_enumeration failed: {type(error).__name__}: {error}"]
    for x, y in candidates:
        profile = (_snap(x), _snap(y))
        if profile[0] is None or profile[1] is None or not _exact_equilibrium(A, B, *profile):
            rejected.append(f"nashpy reported {np.round(x, 6).tolist()}, {np.round(y, 6).tolist()}, not an exact equilibrium")
        else:
            verified.append(profile)
    return verified, rejected


ENGINES = ("nashpy", "exact")

#: Largest game nashpy's pass runs on; bigger ones are solved by the exact enumeration alone.
NASHPY_MAX_ACTIONS = 6


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


# --------------------------------------------------------------------------- nashpy


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
