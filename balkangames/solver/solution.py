"""The exact solution of a bimatrix game: :class:`Solution` and :class:`EquilibriumComponent`.

Data and exact checks only; their text and HTML come from :mod:`balkangames.views` through
the core's display hook (:mod:`balkangames._rich`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .._rich import render
from ..validation import Matrix, probability_vector

Mix = tuple[Fraction, ...]
Profile = tuple[Mix, Mix]

DEFAULT_PLAYERS = ("row", "column")


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


def expected_payoff(matrix: Matrix, row_mix: Mix, col_mix: Mix) -> Fraction:
    """A player's exact expected payoff ``row_mix · matrix · col_mix`` (mixes already validated)."""
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
        return render("component_text", self, players, actions)


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
        """JupyterLab's view: the exact equilibria, decimals beside fractions (see :mod:`balkangames.views`)."""
        return render("solution_html", self)

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
        return expected_payoff(self.A, row_mix, col_mix), expected_payoff(self.B, row_mix, col_mix)

    def describe(self, players=DEFAULT_PLAYERS, actions=None) -> list[str]:
        """Readable lines: one per extreme equilibrium, then continua if degenerate.

        Args:
            players: names of the row and column player.
            actions: per player, the names of their actions (see
                :meth:`EquilibriumComponent.describe`).

        Returns:
            a list of lines of text (join with newlines to print).
        """
        return render("solution_lines", self, players, actions)

    def nashpy_game(self):
        """The same game as a ``nashpy.Game`` (payoffs converted to floats)."""
        import nashpy  # heavy (scipy): loaded only when a nashpy game is asked for

        return nashpy.Game(np.array(self.A, dtype=float), np.array(self.B, dtype=float))
