"""Solve millions of 2x2 games at once with numpy.

Sweeping a parameter grid (offense-defense balance x alliance guarantee, say) means
solving one small game per grid point. :func:`solve_2x2` does all of them in a handful of
vectorised sign comparisons and agrees with :func:`balkangames.solver.solve` on every
game, ties included: it counts the same extreme equilibria.

How: in a 2x2 game the row player's relative payoff from action 0 is
``alpha = A[0,0] - A[1,0]`` against column action 0 and ``beta = A[0,1] - A[1,1]`` against
column action 1; the column player's is ``gamma = B[0,0] - B[0,1]`` against row action 0
and ``delta = B[1,0] - B[1,1]`` against row action 1. A player's candidate extreme
strategies are the two pure actions plus, when the *opponent's* two differences have
opposite strict signs, the mix that makes the opponent indifferent. The extreme
equilibria are exactly the candidate pairs that are mutual best responses, and a
candidate's best-response test only needs the signs of ``alpha .. delta``. So the answer
for each of the 81 sign patterns is tabulated once, each game costs four comparisons and
a table lookup, and large batches are cut into chunks that two threads share (numpy
releases the GIL inside array operations).

Signs are compared on the values as given (for floats: float64, exact for integer payoffs
and for any value that is exactly representable). Computed decimals may differ in the last
bit (``0.1 * 3 != 0.3`` in binary), so use :func:`balkangames.solver.solve` when such
payoffs must tie as typed.
"""

from __future__ import annotations

import numbers
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

#: Names of the per-player class codes returned by :func:`solve_2x2` (code = index).
CLASS_NAMES = ("tie", "harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock")

TIE, HARMONY, STAG_HUNT, PRISONERS_DILEMMA, CHICKEN, DEADLOCK = range(len(CLASS_NAMES))

__all__ = ["CLASS_NAMES", "Batch2x2", "classify_payoffs", "solve_2x2"]


@dataclass(frozen=True)
class Batch2x2:
    """Results of :func:`solve_2x2` for games of batch shape ``S`` (arrays indexed ``[...]``).

    Attributes:
        n_equilibria: int8 array of shape ``S``, number of extreme Nash equilibria, counted
            as :func:`balkangames.solver.solve` counts them.
        row_class: int8 array of shape ``S``, the row player's class code (see
            :data:`CLASS_NAMES`; action 0 = cooperate/restrain, 1 = defect/arm).
        col_class: int8 array of shape ``S``, the column player's class code.
        pure: bool array of shape ``S + (2, 2)``; ``pure[..., i, j]`` says whether the pure
            profile (row action ``i``, column action ``j``) is an equilibrium.
        has_mixed: bool array of shape ``S``, whether there is an equilibrium in which both
            players mix with positive probability on both actions.
        row_mixed: float64 array of shape ``S``, probability that the row player plays
            action 0 in that fully mixed equilibrium (NaN where there is none).
        col_mixed: float64 array of shape ``S``, same for the column player.
    """

    n_equilibria: np.ndarray
    row_class: np.ndarray
    col_class: np.ndarray
    pure: np.ndarray
    has_mixed: np.ndarray
    row_mixed: np.ndarray
    col_mixed: np.ndarray

    @property
    def shape(self) -> tuple[int, ...]:
        """The batch shape ``S``."""
        return self.n_equilibria.shape

    def class_names(self, player: str = "row") -> np.ndarray:
        """Class names (strings) for ``player`` ``"row"`` or ``"column"``, shape ``S``."""
        if player not in ("row", "column"):
            raise ValueError(f"player must be 'row' or 'column', got {player!r}")
        codes = self.row_class if player == "row" else self.col_class
        return np.asarray(CLASS_NAMES, dtype=object)[codes]


def _payoff_array(values, name: str) -> np.ndarray:
    """Check a batch of 2x2 payoff matrices cheaply and return it as a numeric array."""
    if values is None:
        raise ValueError(f"{name} must be an array of shape (..., 2, 2), got None")
    if isinstance(values, np.ndarray):
        array = values
    else:
        try:
            array = np.asarray(values)
        except ValueError:  # nested lists of unequal lengths
            raise ValueError(
                f"{name} must be a regular array of shape (..., 2, 2), "
                "but its nested lists have different lengths"
            ) from None
    if array.dtype.kind == "O":
        for index, entry in np.ndenumerate(array):
            if isinstance(entry, bool) or not isinstance(entry, numbers.Real):
                raise ValueError(f"{name}{list(index)} must be a number, got {entry!r}")
        array = array.astype(np.float64)
    if array.dtype.kind in "US":
        raise ValueError(f"{name} must hold numbers, got text such as {str(array.flat[0])!r}")
    if array.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold int or float payoffs, got dtype {array.dtype}")
    if array.ndim < 2 or array.shape[-2:] != (2, 2):
        raise ValueError(f"{name} must have shape (..., 2, 2), got shape {array.shape}")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        index = [int(i) for i in np.argwhere(~np.isfinite(array))[0]]
        raise ValueError(f"{name}{index} must be a finite number, got {float(array[tuple(index)])}")
    return array


def _sign(larger: np.ndarray, smaller: np.ndarray) -> np.ndarray:
    """Elementwise sign of ``larger - smaller`` as int8, by comparison (no overflow)."""
    return np.greater(larger, smaller).view(np.int8) - np.less(larger, smaller).view(np.int8)


def _class_of_signs(r_minus_t: int, s_minus_p: int, r_minus_p: int) -> int:
    """The class rule of :data:`CLASS_NAMES` on the signs of R - T, S - P, R - P."""
    if r_minus_t > 0 and s_minus_p > 0:
        return HARMONY
    if r_minus_t > 0 and s_minus_p < 0:
        return STAG_HUNT
    if r_minus_t < 0 and s_minus_p > 0:
        return CHICKEN
    if r_minus_t < 0 and s_minus_p < 0 and r_minus_p != 0:
        return PRISONERS_DILEMMA if r_minus_p > 0 else DEADLOCK
    return TIE


def _game_of_signs(alpha: int, beta: int, gamma: int, delta: int):
    """Pure equilibria, extreme-equilibrium count and fully-mixed flag from the four signs.

    Candidates per player: both pure actions, plus the mix making the opponent indifferent
    when the opponent's two gains have opposite strict signs. A candidate pair is an
    extreme equilibrium when each is a best response to the other.
    """
    row_gain = (alpha, beta)  # row's gain from action 0 against column action j
    col_gain = (gamma, delta)  # column's gain from action 0 against row action i
    pure = [[False, False], [False, False]]
    for i in range(2):
        for j in range(2):
            row_ok = row_gain[j] >= 0 if i == 0 else row_gain[j] <= 0
            col_ok = col_gain[i] >= 0 if j == 0 else col_gain[i] <= 0
            pure[i][j] = row_ok and col_ok
    column_mix_exists = alpha * beta < 0  # makes the row indifferent
    row_mix_exists = gamma * delta < 0  # makes the column indifferent
    count = sum(map(sum, pure))
    # A pure row action against the column's mix: the column must be indifferent to it.
    count += column_mix_exists * ((gamma == 0) + (delta == 0))
    # The row's mix against a pure column action: the row must be indifferent to it.
    count += row_mix_exists * ((alpha == 0) + (beta == 0))
    fully_mixed = column_mix_exists and row_mix_exists
    return pure, count + fully_mixed, fully_mixed


def _lookup_tables():
    """Tables indexed by ``27 (alpha+1) + 9 (beta+1) + 3 (gamma+1) + (delta+1)``."""
    signs = (-1, 0, 1)
    pure, count, mixed = [], [], []
    for alpha in signs:
        for beta in signs:
            for gamma in signs:
                for delta in signs:
                    p, c, m = _game_of_signs(alpha, beta, gamma, delta)
                    pure.append(p)
                    count.append(c)
                    mixed.append(m)
    classes = [_class_of_signs(a, b, c) for a in signs for b in signs for c in signs]
    return (
        np.array(pure, dtype=bool),
        np.array(count, dtype=np.int8),
        np.array(mixed, dtype=bool),
        np.array(classes, dtype=np.int8),
    )


_PURE_TABLE, _COUNT_TABLE, _MIXED_TABLE, _CLASS_TABLE = _lookup_tables()


def _classes(r_minus_t: np.ndarray, s_minus_p: np.ndarray, r_minus_p: np.ndarray) -> np.ndarray:
    """Class codes from int8 sign arrays of R - T, S - P and R - P."""
    return _CLASS_TABLE.take(r_minus_t * 9 + s_minus_p * 3 + r_minus_p + 13)


def classify_payoffs(R, S, T, P) -> np.ndarray:
    """Class codes (see :data:`CLASS_NAMES`) for one player's payoffs, elementwise.

    ``R``: both cooperate, ``S``: I cooperate and the other defects, ``T``: I defect and
    the other cooperates, ``P``: both defect. Any tie that decides the class gives 0.

    >>> CLASS_NAMES[int(classify_payoffs(3, 0, 5, 1))]
    'prisoners-dilemma'
    """
    R, S, T, P = (np.asarray(v, dtype=np.float64) for v in (R, S, T, P))
    return _classes(_sign(R, T), _sign(S, P), _sign(R, P))


_CHUNK = 1 << 17  # games per work item: fits in cache, and lets two threads share the work
_pool: ThreadPoolExecutor | None = None


def _solve_chunk(A: np.ndarray, B: np.ndarray, out: Batch2x2, start: int, stop: int) -> None:
    """Fill ``out[start:stop]`` for flat batches ``A``, ``B`` of shape (N, 2, 2)."""
    a, b = A[start:stop], B[start:stop]
    a00, a01, a10, a11 = a[:, 0, 0], a[:, 0, 1], a[:, 1, 0], a[:, 1, 1]
    b00, b01, b10, b11 = b[:, 0, 0], b[:, 0, 1], b[:, 1, 0], b[:, 1, 1]
    # Row's gain from action 0 against column 0 / 1 (its R - T and S - P); column's
    # gain from action 0 against row 0 / 1 (its R - T and S - P).
    alpha, beta = _sign(a00, a10), _sign(a01, a11)
    gamma, delta = _sign(b00, b01), _sign(b10, b11)
    key = (alpha * 27 + beta * 9 + gamma * 3 + delta + 40).astype(np.intp)
    _COUNT_TABLE.take(key, out=out.n_equilibria[start:stop])
    _PURE_TABLE.take(key, axis=0, out=out.pure[start:stop])
    has_mixed = out.has_mixed[start:stop]
    _MIXED_TABLE.take(key, out=has_mixed)
    _CLASS_TABLE.take(alpha * 9 + beta * 3 + _sign(a00, a11) + 13, out=out.row_class[start:stop])
    _CLASS_TABLE.take(gamma * 9 + delta * 3 + _sign(b00, b11) + 13, out=out.col_class[start:stop])
    # q* solves alpha q + beta (1 - q) = 0 with the real gains; p* likewise for the column.
    # Only games with a fully mixed equilibrium need the division (rows are NaN-filled).
    mixed = np.flatnonzero(has_mixed)
    row_gain_0 = np.subtract(a00[mixed], a10[mixed], dtype=np.float64)
    row_gain_1 = np.subtract(a01[mixed], a11[mixed], dtype=np.float64)
    out.col_mixed[start + mixed] = row_gain_1 / (row_gain_1 - row_gain_0)
    col_gain_0 = np.subtract(b00[mixed], b01[mixed], dtype=np.float64)
    col_gain_1 = np.subtract(b10[mixed], b11[mixed], dtype=np.float64)
    out.row_mixed[start + mixed] = col_gain_1 / (col_gain_1 - col_gain_0)


def solve_2x2(A, B=None) -> Batch2x2:
    """Solve every 2x2 game in a batch: equilibrium counts, classes, pure and mixed equilibria.

    Args:
        A: row player's payoffs, array-like of shape ``(..., 2, 2)`` (int or float),
            ``A[..., i, j]`` for row action ``i`` against column action ``j``.
        B: column player's payoffs, same shape; ``None`` means zero-sum (``B = -A``).

    Returns:
        a :class:`Batch2x2` of arrays over the batch shape ``A.shape[:-2]``.

    Raises:
        ValueError: for non-numeric, non-finite or wrongly shaped input, or mismatched
            shapes of ``A`` and ``B``.

    >>> result = solve_2x2([[[4, 0], [3, 2]], [[3, 0], [5, 1]]], [[[4, 3], [0, 2]], [[3, 5], [0, 1]]])
    >>> result.n_equilibria.tolist(), result.pure[1].tolist()
    ([3, 1], [[False, False], [False, True]])
    """
    A = _payoff_array(A, "A (row player's payoffs)")
    if B is None:
        # widen small and unsigned integers first, so that negating cannot wrap around
        B = -(A.astype(np.int64) if A.dtype.kind in "iu" else A)
    else:
        B = _payoff_array(B, "B (column player's payoffs)")
    if A.shape != B.shape:
        raise ValueError(f"A and B must have the same shape, got {A.shape} and {B.shape}")
    batch_shape = A.shape[:-2]
    games = int(np.prod(batch_shape, dtype=np.int64))
    flat_a, flat_b = A.reshape(games, 2, 2), B.reshape(games, 2, 2)
    out = Batch2x2(
        n_equilibria=np.empty(games, dtype=np.int8),
        row_class=np.empty(games, dtype=np.int8),
        col_class=np.empty(games, dtype=np.int8),
        pure=np.empty((games, 2, 2), dtype=bool),
        has_mixed=np.empty(games, dtype=bool),
        row_mixed=np.full(games, np.nan),
        col_mixed=np.full(games, np.nan),
    )
    starts = range(0, games, _CHUNK)
    if games > _CHUNK and (os.cpu_count() or 1) > 1:
        global _pool
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1))
        # numpy releases the GIL inside these array operations, so chunks run in parallel.
        list(_pool.map(lambda s: _solve_chunk(flat_a, flat_b, out, s, s + _CHUNK), starts))
    else:
        for s in starts:
            _solve_chunk(flat_a, flat_b, out, s, s + _CHUNK)
    return Batch2x2(
        *(
            field.reshape(batch_shape + field.shape[1:])
            for field in (
                out.n_equilibria,
                out.row_class,
                out.col_class,
                out.pure,
                out.has_mixed,
                out.row_mixed,
                out.col_mixed,
            )
        )
    )
