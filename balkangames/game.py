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
from .solver import solve
from .validation import name_pair, payoff_matrices, player_index


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
        return self._solution.nashpy_game()

    # -- per-player views (2x2) ------------------------------------------

    def player_index(self, player) -> int:
        """0 for the row player, 1 for the column player, by index or name (case-insensitive);
        see :func:`balkangames.validation.player_index`."""
        return player_index(player, self.players)

    def payoffs_of(self, player) -> PlayerPayoffs:
        """A player's R, S, T, P in a 2x2 game (action 0 = restrain, 1 = arm)."""
        return player_payoffs(self.A, self.B, self.player_index(player))

    def fears(self, player) -> bool:
        """Whether ``player`` prefers to arm when the other arms (S < P): fear drives it
        (see :attr:`balkangames.classify.PlayerPayoffs.fears`)."""
        return self.payoffs_of(player).fears

    def tempted(self, player) -> bool:
        """Whether ``player`` prefers to arm when the other restrains (T > R): greed
        (see :attr:`balkangames.classify.PlayerPayoffs.tempted`)."""
        return self.payoffs_of(player).tempted

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

    # -- analyses: the front door, like nashpy's Game; each delegates to its module ---------
    # analysis and dynamics import sympy and nashpy, which most of the package's import time
    # is; they are imported on first use so that ``import balkangames`` and the CLI stay fast.

    def expected_payoffs(self, row_mix, col_mix) -> tuple[Fraction, Fraction]:
        """Exact expected payoffs ``(row, column)`` of a mixed profile
        (:func:`balkangames.analysis.expected_payoffs`)."""
        return self._solution.expected_payoffs(row_mix, col_mix)

    def best_responses(self, mix, player) -> tuple[int, ...]:
        """``player``'s pure best responses to the opponent's mixed strategy ``mix``
        (:func:`balkangames.analysis.best_responses`).

        >>> from balkangames import stag_hunt
        >>> stag_hunt().best_responses(["1/2", "1/2"], "row")
        (0, 1)
        """
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.best_responses(self.A, self.B, mix, self.player_index(player))

    def best_response_cells(self) -> tuple[set, set]:
        """Pure best responses as cells ``(row_best, column_best)``
        (:func:`balkangames.analysis.best_response_cells`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.best_response_cells(self.A, self.B)

    def pure_equilibria(self) -> list[tuple[int, int]]:
        """The pure Nash equilibria as ``(row action, column action)`` index pairs
        (those of :meth:`solve`)."""
        return self._solution.pure_equilibria

    def dominated_actions(self, player, *, weak: bool = False, mixed: bool = False):
        """``player``'s dominated actions (:func:`balkangames.analysis.dominated_actions`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.dominated_actions(self.A, self.B, self.player_index(player), weak=weak, mixed=mixed)

    def iterated_elimination(self, *, weak: bool = False, mixed: bool = False):
        """Iterated elimination of dominated actions
        (:func:`balkangames.analysis.iterated_elimination`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.iterated_elimination(self.A, self.B, weak=weak, mixed=mixed)

    def pareto_efficient_profiles(self) -> list[tuple[int, int]]:
        """Pure profiles no other pure profile Pareto-dominates
        (:func:`balkangames.analysis.pareto_efficient_profiles`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.pareto_efficient_profiles(self.A, self.B)

    def payoff_dominant(self, *, pure_only: bool = False):
        """The payoff-dominant pure equilibrium, or ``None``
        (:func:`balkangames.analysis.payoff_dominant`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.payoff_dominant(self.A, self.B, pure_only=pure_only)

    def risk_dominance(self):
        """Harsanyi–Selten risk dominance between the two pure equilibria of a 2x2 game
        (:func:`balkangames.analysis.risk_dominance`).

        >>> from balkangames import stag_hunt
        >>> stag_hunt().risk_dominance().tie   # equal Nash products of the deviation losses
        True
        """
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.risk_dominance(self.A, self.B)

    def trust(self) -> tuple[Fraction, Fraction]:
        """Each player's Stag Hunt trust threshold p*: the probability that the other
        restrains above which restraining pays (:func:`balkangames.analysis.trust_thresholds`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.trust_thresholds(self.A, self.B)

    def grim_trigger(self):
        """The discount factor δ* above which grim trigger sustains restraint in the repeated
        game (:func:`balkangames.analysis.grim_trigger_threshold`)."""
        from . import analysis  # heavy (sympy): loaded on first use

        return analysis.grim_trigger_threshold(self.A, self.B)

    def dynamics(self, x0=None, timepoints=None, y0=None, *, one_population: bool = False):
        """A replicator-dynamics trajectory (:func:`balkangames.dynamics.replicator_trajectory`):
        two populations, or with ``one_population`` a single one playing this symmetric game."""
        from . import dynamics  # heavy (nashpy, sympy): loaded on first use

        return dynamics.replicator_trajectory(self.A, self._column_population(one_population),
                                              x0=x0, timepoints=timepoints, y0=y0)

    def basins(self, *, points: int = 50, one_population: bool = False):
        """Where the replicator dynamics of a 2x2 game end, from a grid of starts
        (:func:`balkangames.dynamics.basins_2x2`); ``one_population`` as in :meth:`dynamics`.

        >>> from balkangames import stag_hunt
        >>> stag_hunt().basins(points=10, one_population=True).boundary
        Fraction(1, 2)
        """
        from . import dynamics  # heavy (nashpy, sympy): loaded on first use

        return dynamics.basins_2x2(self.A, self._column_population(one_population), points=points)

    def _column_population(self, one_population: bool):
        """``B`` for two populations; ``None`` (one population) when the game is symmetric."""
        if not one_population:
            return self.B
        if self.B != tuple(tuple(column) for column in zip(*self.A)):
            raise ValueError("one population needs a symmetric game (B the transpose of A); "
                             f"{self!r} is not symmetric")
        return None
