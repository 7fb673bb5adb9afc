"""The Stag Hunt explorer: payoff vs risk dominance, the trust threshold, replicator basins."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.patches import Polygon, Rectangle

from ..analysis import NotApplicable, payoff_dominant, risk_dominance, trust_thresholds
from ..dynamics import coordination_basins_2x2
from ..model import WORLD_BASE, security_game
from ..views import number_text
from .base import solve_game
from .dilemma import ParameterExplorer, lever_lines
from .figures import BestResponseDiagram
from .palette import OKABE_ITO
from .render import FigureView, PngFigure
from .text import lines_html

#: Sliders of the Stag Hunt explorer (flat parameter names; ranges and labels: balkangames.params.TABLE).
STAG_HUNT_SLIDERS = ("offense_1", "offense_2", "distinguishability", "restraint_value", "arming_cost", "race_cost")

#: Colours of the four pure profiles a population can end in: (C,C), (C,D), (D,C), (D,D).
PROFILE_COLOURS = (OKABE_ITO["bluish green"], OKABE_ITO["orange"], OKABE_ITO["sky blue"], OKABE_ITO["vermillion"])
BASIN_GRID = 60


@lru_cache(maxsize=256)
def coordination_basins(A, B):
    """Basins of two-population replicator dynamics of a 2x2 coordination game, in closed form.

    Uses :func:`balkangames.dynamics.coordination_basins_2x2`, which skips
    :func:`~balkangames.dynamics.basins_2x2`'s numerical integration and sympy boundary
    equation (tens of milliseconds per game); tests check that both agree.

    Returns:
        ``None`` unless each action is the strict best reply to itself (a1 > 0 > a2 and
        b1 > 0 > b2 in the notation of :mod:`balkangames.dynamics`); else
        ``(saddle, labels on a BASIN_GRID² grid of cell centres [q, p], (curve_p, curve_q))``.
    """
    basins = coordination_basins_2x2(A, B, BASIN_GRID)
    if basins is None:
        return None
    return basins.saddle, basins.labels, basins.boundary_curve(120)


def basin_polygon(curve_p, curve_q) -> np.ndarray:
    """The "both restrain" basin: the part of the unit square above the boundary curve."""
    curve = np.column_stack([curve_p, curve_q])
    ends = [[0, curve_q[0]], *curve, [1, curve_q[-1]], [1, 1], [0, 1]]
    return np.asarray(ends, dtype=float)


class BasinPlot(FigureView):
    """Where two-population replicator dynamics end, over starting shares (p, q) of restrainers."""

    def __init__(self, blit: bool = True):
        self.view = PngFigure((3.9, 3.9), blit=blit, margins={"left": 0.17, "right": 0.95, "top": 0.9, "bottom": 0.14})
        ax = self.ax = self.view.figure.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_title("Replicator dynamics: basins", fontsize=11)
        # Two polygons, not an image: the "both arm" basin fills the square and the "both
        # restrain" basin is everything above the boundary curve (cheap to redraw).
        self.arm_basin = self.view.moving(ax.add_patch(Rectangle((0, 0), 1, 1, facecolor=PROFILE_COLOURS[3],
                                                                 edgecolor="none")))
        self.restrain_basin = self.view.moving(ax.add_patch(Polygon([[0, 1], [1, 1]], closed=True,
                                                                    facecolor=PROFILE_COLOURS[0], edgecolor="none")))
        self.boundary = self.view.moving(ax.plot([], [], color=OKABE_ITO["black"], linewidth=2)[0])
        self.saddle = self.view.moving(ax.plot([], [], "o", color=OKABE_ITO["black"], markersize=8)[0])
        self.labels = [self.view.moving(ax.text(x, y, text, ha=ha, va=va, fontsize=9, fontweight="bold"))
                       for x, y, text, ha, va in ((0.97, 0.97, "→ both restrain", "right", "top"),
                                                  (0.03, 0.03, "→ both arm", "left", "bottom"))]
        self.message = self.view.moving(ax.text(0.5, 0.5, "", ha="center", va="center", fontsize=9))
        self._names = None
        self._state = None


    def update(self, game, names) -> None:
        """Show the basins of ``game`` (2x2); a message when there is no interior saddle."""
        if names != self._names:
            self._names = names
            self.ax.set_xlabel(f"share of {names[0]} restraining (p)")
            self.ax.set_ylabel(f"share of {names[1]} restraining (q)")
        found = coordination_basins(game.A, game.B)
        self._state = (game.A, game.B)
        visible = found is not None
        for artist in (self.arm_basin, self.restrain_basin, self.boundary, self.saddle, *self.labels):
            artist.set_visible(visible)
        if not visible:
            self.message.set_text("Not a coordination game\n(each action is not the best\nreply to itself): no competing\nbasins to show.")
            self.message.set_visible(True)
            return
        self.message.set_visible(False)
        (p_star, q_star), _, (curve_p, curve_q) = found
        self.restrain_basin.set_xy(basin_polygon(curve_p, curve_q))
        self.boundary.set_data(curve_p, curve_q)
        self.saddle.set_data([float(p_star)], [float(q_star)])

    def render(self) -> bytes:
        """Redraw into :attr:`image`."""
        return self.view.render(key=self._names, state=self._state)


def stag_hunt_lines(game, names) -> list[str]:
    """Payoff dominance, risk dominance and trust thresholds in words (or why they do not apply)."""
    labels = {(0, 0): "both restrain", (1, 1): "both arm", (0, 1): f"{names[1]} arms alone",
              (1, 0): f"{names[0]} arms alone"}
    lines = []
    try:
        risk = risk_dominance(game.A, game.B)
        if risk.tie:
            lines.append("Risk dominance: a tie (equal Nash products of deviation losses).")
        else:
            first, second = risk.equilibria
            lines.append(
                f"Risk dominance (Harsanyi–Selten): '{labels[risk.dominant]}' risk-dominates "
                f"(Nash products {labels[first]} {number_text(risk.products[first])}, "
                f"{labels[second]} {number_text(risk.products[second])})."
            )
    except NotApplicable as reason:
        lines.append(f"Risk dominance does not apply: {reason}.")
    dominant = payoff_dominant(game.A, game.B, pure_only=True)
    if len(solve_game(game).equilibria) < 2:
        lines.append("Payoff dominance compares equilibria, and this game has only one.")
    elif dominant is None:
        lines.append("Payoff dominance: no pure equilibrium is better for both than every other.")
    else:
        lines.append(f"Payoff dominance: '{labels[dominant]}' is the equilibrium both prefer.")
    try:
        p_row, p_column = trust_thresholds(game.A, game.B)
        lines.append(
            f"Trust threshold p*: {names[0]} restrains if it believes {names[1]} restrains with probability "
            f"at least {number_text(p_row)}; {names[1]} needs {number_text(p_column)}."
        )
    except NotApplicable as reason:
        lines.append(f"Trust threshold does not apply: {reason}.")
    return lines


class StagHuntExplorer(ParameterExplorer):
    """See :func:`stag_hunt_explorer`."""

    def __init__(self, params=None, players=("serbia", "croatia")):
        params = params if params is not None else WORLD_BASE.replace(offense=0.25, distinguishability=0.1)
        self.diagram = BestResponseDiagram()
        self.basins = BasinPlot()
        super().__init__(
            "The Stag Hunt: trust, risk and payoff dominance",
            params,
            players,
            STAG_HUNT_SLIDERS,
            figures=[self.diagram.image, self.basins.image],
            notes="<i>In a Stag Hunt both restraining and both arming are equilibria. Which one is "
            "safer (risk dominance) and how much trust restraint needs (p*) depend on the cardinal "
            "payoffs, not only their order (Kydd 2005; Harsanyi & Selten 1988).</i>",
        )
        self.refresh()

    def compute(self) -> None:
        self.game = security_game(self.current_params(), players=self.players)
        self.solution = solve_game(self.game)

    def render_extra(self) -> None:
        self.extra.value = lines_html(self.extra_lines(), "Trust and dominance")
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()
        self.basins.update(self.game, tuple(self.names))
        self.basins.render()

    def extra_lines(self) -> list[str]:
        return [*stag_hunt_lines(self.game, self.names), *lever_lines(self.game.params, self.names)]


def stag_hunt_explorer(params=None, players=("serbia", "croatia")) -> StagHuntExplorer:
    """Explore the Stag Hunt: risk vs payoff dominance, trust threshold p*, replicator basins.

    Sliders ``offense_1``, ``offense_2``, ``distinguishability``, ``restraint_value``,
    ``arming_cost``, ``race_cost``. Besides the table, classes and exact equilibria it
    states which equilibrium risk-dominates and which payoff-dominates, each player's trust
    threshold p*, and plots the best responses and the basins of the two-population
    replicator dynamics with their exact saddle (from :mod:`balkangames.dynamics`).

    Args:
        params: starting parameters (default: Jervis's world 2, o = 1/4, d = 1/10, a Stag Hunt).
        players: the two players' ids.

    >>> explorer = stag_hunt_explorer()
    >>> explorer.game.classes()["serbia"]
    'stag-hunt'
    """
    return StagHuntExplorer(params, players)
