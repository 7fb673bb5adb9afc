"""The :class:`Game` object: a two-player normal-form game with exact payoffs.

Like ``nashpy.Game``, one object holds the payoff matrices and answers questions
about them; unlike it, payoffs are exact fractions, players and actions have
names, and equilibria come from :func:`balkangames.solver.solve`, which verifies
nashpy's candidates exactly and completes them in degenerate games.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property

from ._rich import render
from .classify import (
    CLASS_TITLES,
    OrdinalType,
    PlayerPayoffs,
    player_class,
    player_payoffs,
    robinson_goforth,
)
from .validation import name_pair, payoff_matrices


class Game:
    """A bimatrix game with named players and actions.

    Args:
        A: the row player's payoffs, ``A[r][c]`` (nested lists, array, Fractions…).
        B: the column player's payoffs; ``None`` for a zero-sum game (``B = -A``).
        players: the two players' names, row first (e.g. ``("serbia", "kosovo")``).
        actions: each player's action names; default ``("restrain", "arm")`` for
            2x2 games and numbered actions otherwise.
        name: a title for displays.
        params: the :class:`~balkangames.params.SecurityParams` the game was built
            from, if any (kept so that views can show and vary them).

    >>> g = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("serbia", "croatia"))
    >>> g.classes()
    {'serbia': 'prisoners-dilemma', 'croatia': 'prisoners-dilemma'}
    >>> [str(p) for p in g.solve().equilibria[0][0]]
    ['0', '1']
    """

    def __init__(self, A, B=None, players=("row", "column"), actions=None, name=None, params=None):
        self.A, self.B = payoff_matrices(A, B)
        self.shape = (len(self.A), len(self.A[0]))
        if len(set(name_pair(players))) != 2:
            raise ValueError(f"players must be two different names, got {players!r}")
        self.players = tuple(str(p) for p in players)
        if actions is None:
            actions = tuple(
                ("restrain", "arm") if n == 2 else tuple(f"action {k}" for k in range(n)) for n in self.shape
            )
        actions = tuple(tuple(str(a) for a in acts) for acts in actions)
        if len(actions) != 2 or tuple(len(a) for a in actions) != self.shape:
            raise ValueError(
                f"actions must name {self.shape[0]} row actions and {self.shape[1]} column actions, got {actions!r}"
            )
        self.actions = actions
        self.name = name
        self.params = params

    def __repr__(self) -> str:
        title = f" {self.name!r}" if self.name else ""
        return f"<Game{title} {self.players[0]} vs {self.players[1]}, {self.shape[0]}x{self.shape[1]}>"

    def _repr_html_(self) -> str:
        """JupyterLab's view: classes, bimatrix with best responses and equilibria (see :mod:`balkangames.views`)."""
        return render("game_html", self)

    def __eq__(self, other) -> bool:
        return isinstance(other, Game) and (self.A, self.B, self.players, self.actions) == (
            other.A,
            other.B,
            other.players,
            other.actions,
        )

    def __hash__(self) -> int:
        return hash((self.A, self.B, self.players, self.actions))

    # -- solution ---------------------------------------------------------

    @cached_property
    def _solution(self):
        from .solver import solve

        return solve(self.A, self.B)

    def solve(self):
        """All extreme Nash equilibria, exactly (a :class:`balkangames.solver.Solution`)."""
        return self._solution

    @property
    def equilibria(self):
        """Shortcut for ``self.solve().equilibria``."""
        return self._solution.equilibria

    def to_nashpy(self):
        """The same game as a ``nashpy.Game`` (float payoffs)."""
        import nashpy
        import numpy as np

        return nashpy.Game(np.array(self.A, dtype=float), np.array(self.B, dtype=float))

    # -- per-player views (2x2) ------------------------------------------

    def player_index(self, player) -> int:
        """0 for the row player, 1 for the column player, by index or name (case-insensitive)."""
        if player in (0, 1):
            return player
        lowered = [p.lower() for p in self.players]
        if isinstance(player, str) and player.lower() in lowered:
            return lowered.index(player.lower())
        raise ValueError(f"unknown player {player!r}; expected one of {list(self.players)} (or 0, 1)")

    def payoffs_of(self, player) -> PlayerPayoffs:
        """A player's R, S, T, P in a 2x2 game (action 0 = restrain, 1 = arm)."""
        return player_payoffs(self.A, self.B, self.player_index(player))

    def classes(self) -> dict[str, str]:
        """Each player's security-dilemma class, by player name (2x2 games)."""
        return {
            name: player_class(**self.payoffs_of(i).as_dict()) for i, name in enumerate(self.players)
        }

    def class_titles(self) -> dict[str, str]:
        """Each player's class as a title for text, e.g. ``"Prisoner's Dilemma"``."""
        return {player: CLASS_TITLES[c] for player, c in self.classes().items()}

    def ordinal_types(self) -> dict[str, OrdinalType | None]:
        """Each player's Robinson–Goforth type (``None`` on a tie), by player name."""
        return dict(zip(self.players, robinson_goforth(self.A, self.B)))

    def payoff(self, row_action, column_action) -> tuple[Fraction, Fraction]:
        """Both payoffs at a pure profile, by action index or name."""
        r = self._action_index(0, row_action)
        c = self._action_index(1, column_action)
        return self.A[r][c], self.B[r][c]

    def _action_index(self, player: int, action) -> int:
        names = self.actions[player]
        if isinstance(action, int) and 0 <= action < len(names):
            return action
        if isinstance(action, str) and action.lower() in [a.lower() for a in names]:
            return [a.lower() for a in names].index(action.lower())
        raise ValueError(f"unknown action {action!r} for {self.players[player]}; expected one of {list(names)}")
