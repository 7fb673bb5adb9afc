"""Completely labelled vertex pairs: the extreme equilibria (von Stengel 2002).

A row vertex ``x`` and a column vertex ``y`` form an equilibrium when each one's support
lies in the other's best responses. A vertex is degenerate when it has more best responses
(labels) than its support size; the game is degenerate when any vertex is.
"""

from __future__ import annotations

import numpy as np

from .vertices import _Vertices


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
