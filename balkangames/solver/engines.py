"""The two engines behind :func:`balkangames.solver.solve`: the exact enumeration and nashpy's pass.

``"exact"`` builds both best-response polytopes' vertices (:mod:`.vertices`,
:mod:`.proposals`), pairs the completely labelled ones (:mod:`.labels`) and groups them
(:mod:`.components`). ``"nashpy"`` adds nashpy's ``vertex_enumeration``: each float profile is
read back as fractions and kept only if it passes the exact equilibrium check.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np

from ..validation import Matrix
from .components import _components
from .labels import _labelled_pairs
from .proposals import _vertices
from .solution import (
    EquilibriumComponent,
    Mix,
    Profile,
    Solution,
    _exact_equilibrium,
    _sorted_profiles,
)
from .vertices import _positive_integer_matrix, _transpose, _with_mix


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
    import nashpy  # heavy (scipy): loaded only for the nashpy engine

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
