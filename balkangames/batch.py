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

Signs are compared on the values as given, never on differences, so nothing overflows.
Integer arrays (any 64-bit payoffs, 2**62 and beyond) stay integers: the payoff gaps behind
a mixed equilibrium are computed exactly in unsigned 64-bit arithmetic and divided once, so
a probability is off by at most a few units in the last place of its float64. Python ints
beyond 64 bits, Fractions, Decimals and numeric strings are read exactly (as for
:func:`balkangames.solver.solve`, up to 300 digits) and solved with exact Fractions, more
slowly. Float payoffs are used as the float64 values they are. Computed decimals may differ in the last
bit (``0.1 * 3 != 0.3`` in binary), so use :func:`balkangames.solver.solve` when such
payoffs must tie as typed.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .validation import exact

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
    """Check a batch of 2x2 payoff matrices cheaply and return it as a numeric array.

    int, unsigned and float arrays are used as they are. Anything else (Python ints beyond
    int64, Fractions, Decimals, numeric strings in a list) is read entry by entry with
    :func:`balkangames.validation.exact` and kept as exact Fractions (dtype object): slower,
    but every comparison and difference is then exact.
    """
    if values is None:
        raise ValueError(f"{name} must be an array of shape (..., 2, 2), got None")
    array = _numeric(values, name)
    if array.ndim < 2 or array.shape[-2:] != (2, 2):
        raise ValueError(f"{name} must have shape (..., 2, 2), got shape {array.shape}")
    return array


def _numeric(values, name: str) -> np.ndarray:
    """``values`` as an int, unsigned, float or (exact) object array of finite numbers."""
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
    if array.dtype.kind in "US":
        raise ValueError(f"{name} must hold numbers, got text such as {str(array.flat[0])!r}")
    if array.dtype.kind == "O":
        exact_values = np.empty(array.shape, dtype=object)
        for index, entry in np.ndenumerate(array):
            if isinstance(entry, (str, bytes)):
                raise ValueError(f"{_at(name, index)} must be a number, got the text {entry!r}")
            try:
                exact_values[index] = exact(entry, _at(name, index))
            except ValueError as error:
                raise ValueError(str(error).replace("real number", "number", 1)) from None
        array = exact_values
    elif array.dtype.kind not in "iuf":
        raise ValueError(f"{name} must hold int or float payoffs, got dtype {array.dtype}")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        raise ValueError(f"{_at(name, index)} must be a finite number, got {float(array[index])}")
    return array


def _at(name: str, index: tuple) -> str:
    """``name`` with an entry's position, e.g. ``A[0, 1]`` (just ``name`` for a scalar)."""
    return f"{name}{list(index)}" if index else name


def _negated(array: np.ndarray) -> np.ndarray:
    """``-array`` without wrapping around: small and unsigned integers are widened first."""
    if array.dtype.kind in "iu":
        info = np.iinfo(array.dtype)
        if info.bits < 64 or (array.size and int(array.min()) > np.iinfo(np.int64).min
                              and int(array.max()) <= np.iinfo(np.int64).max):
            return -array.astype(np.int64)
        return -array.astype(object)  # -2**63 or above 2**63 - 1: Python ints do not wrap
    return -array


def _sign(larger: np.ndarray, smaller: np.ndarray) -> np.ndarray:
    """Elementwise sign of ``larger - smaller`` as int8, by comparison (no overflow)."""
    greater = np.greater(larger, smaller).astype(bool, copy=False)
    less = np.less(larger, smaller).astype(bool, copy=False)
    return greater.view(np.int8) - less.view(np.int8)


def _gap(larger: np.ndarray, smaller: np.ndarray):
    """``|larger - smaller|``, exact for integers (no overflow) and Fractions.

    Integers: computed in uint64, where the difference of two 64-bit integers, taken the
    right way round, always fits. Floats: the difference, halved when it would overflow.
    """
    if larger.dtype.kind in "iu":
        high, low = np.maximum(larger, smaller), np.minimum(larger, smaller)
        return np.subtract(high.astype(np.uint64), low.astype(np.uint64))  # exact mod 2**64
    if larger.dtype.kind == "O":
        return abs(larger - smaller)
    with np.errstate(over="ignore"):
        return np.abs(larger - smaller)


def _indifference(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """``|x1 - y1| / (|x0 - y0| + |x1 - y1|)`` as float64 (both gaps nonzero).

    The gaps are exact (:func:`_gap`) before the one division; floats whose difference
    overflows (payoffs near ±1e308) are halved first, which changes no ratio.
    """
    g0, g1 = _gap(x0, y0), _gap(x1, y1)
    if g0.dtype.kind == "O":  # exact Fractions: a single rounding at the end
        return np.array([float(b / (a + b)) for a, b in zip(g0, g1)], dtype=np.float64)
    if g0.dtype.kind == "f":
        overflow = ~(np.isfinite(g0) & np.isfinite(g1))
        if overflow.any():
            g0[overflow] = np.abs(x0[overflow] * 0.5 - y0[overflow] * 0.5)
            g1[overflow] = np.abs(x1[overflow] * 0.5 - y1[overflow] * 0.5)
    g0, g1 = g0.astype(np.float64), g1.astype(np.float64)
    # The smaller gap over the larger is at most 1, so neither the sum nor the division overflows.
    first_larger = g1 >= g0
    ratio = np.where(first_larger, g0, g1) / np.where(first_larger, g1, g0)
    return np.where(first_larger, 1 / (1 + ratio), ratio / (1 + ratio))


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

    Raises:
        ValueError: for values that are not finite numbers (NaN, text, None), naming them.

    >>> CLASS_NAMES[int(classify_payoffs(3, 0, 5, 1))]
    'prisoners-dilemma'
    """
    R, S, T, P = (_numeric(v, n) for v, n in zip((R, S, T, P), "RSTP", strict=True))
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
    # q* solves alpha q + beta (1 - q) = 0 with the real gains: alpha and beta have opposite
    # signs, so q* = |beta| / (|alpha| + |beta|); p* likewise for the column. Only games with
    # a fully mixed equilibrium need it (rows are NaN-filled); gaps are exact before dividing.
    mixed = np.flatnonzero(has_mixed)
    if mixed.size:
        out.col_mixed[start + mixed] = _indifference(a00[mixed], a10[mixed], a01[mixed], a11[mixed])
        out.row_mixed[start + mixed] = _indifference(b00[mixed], b01[mixed], b10[mixed], b11[mixed])


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
        B = _negated(A)
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
