"""Brute-force exact oracle for the solver tests (never imported by the package).

Deliberately independent of ``balkangames.solver``: it uses the other textbook
formulation of the best-response polyhedra, with the payoff as an extra variable,

    P = {(x, u) : x >= 0, sum(x) = 1, (B^T x)_j <= u for every column j},
    Q = {(y, v) : y >= 0, sum(y) = 1, (A y)_i <= v for every row i},

needs no shift to positive payoffs, tries *every* set of tight inequalities of the
right size (not only those matching a support), and solves each system with plain
Gauss-Jordan elimination over Fractions. A profile is an extreme equilibrium when
``(x, u)`` and ``(y, v)`` are vertices and together they are complementary: every
played action is a best response. Slow, simple, exact.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations


def as_fractions(matrix):
    """Nested lists of exact Fractions (floats via their decimal form)."""
    return [[Fraction(repr(x)) if isinstance(x, float) else Fraction(x) for x in row] for row in matrix]


def _gauss_jordan(system):
    """Unique solution of the square augmented system ``[M | b]`` or None if singular."""
    size = len(system)
    table = [list(row) for row in system]
    for col in range(size):
        pivot = next((r for r in range(col, size) if table[r][col] != 0), None)
        if pivot is None:
            return None
        table[col], table[pivot] = table[pivot], table[col]
        lead = table[col][col]
        table[col] = [entry / lead for entry in table[col]]
        for r in range(size):
            if r != col and table[r][col] != 0:
                factor = table[r][col]
                table[r] = [a - factor * b for a, b in zip(table[r], table[col], strict=True)]
    return [table[r][size] for r in range(size)]


def polyhedron_vertices(opponent_payoffs):
    """Vertices ``(mix, tight)`` of ``{(z, u): z >= 0, sum z = 1, M^T z <= u}``.

    ``opponent_payoffs[i][j]`` is the opponent's payoff when this player plays ``i`` and
    the opponent ``j``. ``tight`` is the frozenset of tight inequalities: ``("zero", i)``
    for ``z_i = 0`` and ``("best", j)`` for opponent action ``j`` being a best response.
    """
    own = len(opponent_payoffs)
    other = len(opponent_payoffs[0])
    inequalities = [("zero", i) for i in range(own)] + [("best", j) for j in range(other)]

    def row_of(inequality):
        kind, index = inequality
        if kind == "zero":
            return [Fraction(int(i == index)) for i in range(own)] + [Fraction(0), Fraction(0)]
        return [opponent_payoffs[i][index] for i in range(own)] + [Fraction(-1), Fraction(0)]

    total_row = [Fraction(1)] * own + [Fraction(0), Fraction(1)]
    found = {}
    for chosen in combinations(inequalities, own):
        solution = _gauss_jordan([row_of(c) for c in chosen] + [total_row])
        if solution is None:
            continue
        mix, value = tuple(solution[:own]), solution[own]
        if any(p < 0 for p in mix):
            continue
        payoffs = [sum(mix[i] * opponent_payoffs[i][j] for i in range(own)) for j in range(other)]
        if any(p > value for p in payoffs):
            continue
        tight = frozenset(
            [("zero", i) for i in range(own) if mix[i] == 0]
            + [("best", j) for j in range(other) if payoffs[j] == value]
        )
        found[mix] = tight
    return found


def _transpose(matrix):
    return [list(column) for column in zip(*matrix, strict=True)]


def reference_solution(A, B):
    """Exact reference answer for the game ``(A, B)``.

    Returns:
        dict with ``equilibria`` (set of ``(row_mix, col_mix)`` tuples of Fractions),
        ``degenerate`` (bool) and ``components`` (set of frozensets of equilibria).
    """
    A, B = as_fractions(A), as_fractions(B)
    rows, cols = len(A), len(A[0])
    row_vertices = polyhedron_vertices(B)
    col_vertices = polyhedron_vertices(_transpose(A))
    equilibria = set()
    for x, x_tight in row_vertices.items():
        for y, y_tight in col_vertices.items():
            # complementary: action i unplayed or a best response, for both players
            if all(("zero", i) in x_tight or ("best", i) in y_tight for i in range(rows)) and all(
                ("zero", j) in y_tight or ("best", j) in x_tight for j in range(cols)
            ):
                equilibria.add((x, y))
    degenerate = any(len(t) > rows for t in row_vertices.values()) or any(
        len(t) > cols for t in col_vertices.values()
    )
    return {
        "equilibria": equilibria,
        "degenerate": degenerate,
        "components": _connected(equilibria),
    }


def _connected(equilibria):
    """Components: equilibria sharing a row mix or a column mix are connected."""
    remaining = set(equilibria)
    components = set()
    while remaining:
        start = remaining.pop()
        group, stack = {start}, [start]
        while stack:
            x, y = stack.pop()
            linked = {e for e in remaining if e[0] == x or e[1] == y}
            remaining -= linked
            group |= linked
            stack.extend(linked)
        components.add(frozenset(group))
    return components


def is_equilibrium(A, B, row_mix, col_mix):
    """Direct exact check of the best-response conditions."""
    A, B = as_fractions(A), as_fractions(B)
    row_values = [sum(a * q for a, q in zip(row, col_mix, strict=True)) for row in A]
    col_values = [
        sum(B[i][j] * p for i, p in enumerate(row_mix)) for j in range(len(col_mix))
    ]
    return all(p == 0 or v == max(row_values) for p, v in zip(row_mix, row_values, strict=True)) and all(
        q == 0 or v == max(col_values) for q, v in zip(col_mix, col_values, strict=True)
    )
