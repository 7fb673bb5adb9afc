"""Vertices of big polytopes from scipy's Qhull, each proposal checked (exactly where it matters).

Above :data:`PROPOSE_ABOVE` candidate systems the exhaustive enumeration of
:mod:`.vertices` is slow; Qhull proposes the vertices in floating point instead, and the
proposals are used only when they prove themselves complete (see
:func:`_proposed_vertices`). :func:`_vertices` chooses between the two.
"""

from __future__ import annotations

import math

import numpy as np

from ..validation import MAX_ACTIONS
from .solution import Mix
from .vertices import (
    _SCREEN_TOLERANCE,
    _WELL_CONDITIONED,
    _as_floats,
    _as_vertices,
    _exact_basis_vertex,
    _polytope_vertices,
    _Vertices,
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
    from scipy.spatial import HalfspaceIntersection  # heavy: loaded only for big games

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


def _vertices(payoffs: list[list[int]]) -> _Vertices:
    """The polytope's vertices: from checked float proposals for big games, else exactly."""
    own, other = len(payoffs), len(payoffs[0])
    if math.comb(own + other, own) > PROPOSE_ABOVE:
        proposed = _proposed_vertices(payoffs)
        if proposed is not None:
            return proposed
    return _as_vertices(_polytope_vertices(payoffs))
