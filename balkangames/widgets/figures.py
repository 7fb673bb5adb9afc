"""Plots for the explorers: best-response diagram, phase diagram, timeline.

Each plot is a small class that owns one :class:`~balkangames.widgets.render.PngFigure`
and has an ``update(...)`` method that only moves artists (``set_data``), so a slider
change costs a few milliseconds. The functions :func:`best_response_figure`,
:func:`phase_diagram` and :func:`timeline_figure` build a one-off matplotlib ``Figure``
for static use in notebooks.
"""

from __future__ import annotations

from fractions import Fraction

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .palette import OKABE_ITO, PLAYER_COLOURS, PLAYER_LINESTYLES
from .render import PngFigure
from .text import display_players

MAX_LABELS = 8


def best_response_path(gain_if_restrains, gain_if_arms):
    """One player's best-response correspondence in a 2x2 game, as a polyline.

    The player's gain from restraining rather than arming is ``gain_if_restrains`` when the
    other restrains and ``gain_if_arms`` when the other arms, so it is
    ``t·gain_if_restrains + (1 − t)·gain_if_arms`` when the other restrains with
    probability ``t``.

    Returns:
        ``(points, everywhere)``: ``points`` is a list of ``(own, t)`` pairs, ``own`` being
        the best-response probability of restraining (0, 1, or a horizontal segment where
        the player is indifferent); ``everywhere`` is True when the player is indifferent
        whatever the other does (then every strategy is a best response and ``points`` is
        empty).

    >>> best_response_path(Fraction(1), Fraction(-2))[0]   # Stag Hunt: switch at t = 2/3
    [(0, Fraction(0, 1)), (0, Fraction(2, 3)), (1, Fraction(2, 3)), (1, Fraction(1, 1))]
    """
    at_one, at_zero = Fraction(gain_if_restrains), Fraction(gain_if_arms)
    if at_one == 0 and at_zero == 0:
        return [], True
    cuts = {Fraction(0), Fraction(1)}
    if at_one != at_zero:
        switch = at_zero / (at_zero - at_one)
        if 0 <= switch <= 1:
            cuts.add(switch)
    cuts = sorted(cuts)
    points = []
    for low, high in zip(cuts, cuts[1:]):
        middle = (low + high) / 2
        own = 1 if middle * at_one + (1 - middle) * at_zero > 0 else 0
        points += [(own, low), (own, high)]
    if at_zero == 0:
        points.insert(0, (1 - points[0][0], Fraction(0)))
    if at_one == 0:
        points.append((1 - points[-1][0], Fraction(1)))
    return points, False


class BestResponseDiagram:
    """Both players' best responses in the unit square of mixed strategies (2x2 games).

    The x axis is the probability that the row player restrains, the y axis that the
    column player restrains. Equilibria are where the two correspondences meet; they are
    marked and numbered as in the explorer's list of equilibria.
    """

    def __init__(self, size=(4.0, 3.8), blit: bool = True):
        self.view = PngFigure(size, blit=blit)
        ax = self.ax = self.view.figure.add_subplot()
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_aspect("equal")
        ax.grid(True, color="#dddddd", linewidth=0.6)
        v = self.view
        self.lines = [
            v.moving(ax.plot([], [], color=PLAYER_COLOURS[k], linestyle=PLAYER_LINESTYLES[k],
                             linewidth=3 - k, solid_capstyle="butt")[0])
            for k in (0, 1)
        ]
        self.everywhere = [
            v.moving(ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="none", edgecolor=PLAYER_COLOURS[k],
                                            hatch="//" if k == 0 else "\\\\", linewidth=0, visible=False)))
            for k in (0, 1)
        ]
        self.points = v.moving(ax.plot([], [], "o", markersize=9, markerfacecolor=OKABE_ITO["black"],
                                       markeredgecolor="white", markeredgewidth=1.5, linestyle="none")[0])
        self.labels = [
            v.moving(ax.text(0, 0, "", fontsize=9, fontweight="bold", visible=False,
                             bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}))
            for _ in range(MAX_LABELS)
        ]
        self._names = None

    @property
    def image(self):
        """The ``ipywidgets.Image`` showing the diagram."""
        return self.view.image

    @property
    def figure(self):
        """The matplotlib figure."""
        return self.view.figure

    def _set_names(self, names) -> None:
        if names == self._names:
            return
        self._names = names
        ax = self.ax
        ax.set_xlabel(f"P({names[0]} restrains)")
        ax.set_ylabel(f"P({names[1]} restrains)")
        ax.set_title("Best responses", fontsize=11)
        handles = [
            Line2D([], [], color=PLAYER_COLOURS[k], linestyle=PLAYER_LINESTYLES[k], linewidth=3 - k,
                   label=f"{names[k]}'s best response")
            for k in (0, 1)
        ]
        handles.append(Line2D([], [], marker="o", color=OKABE_ITO["black"], linestyle="none",
                              label="Nash equilibrium (numbered)"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, ncol=1,
                  frameon=False)
        self.view.invalidate()

    def update(self, game, solution=None, names=None) -> None:
        """Show ``game`` (2x2) and its equilibria; only moving artists change."""
        if game.shape != (2, 2):
            raise ValueError(f"the best-response diagram needs a 2x2 game, got {game.shape[0]}x{game.shape[1]}")
        solution = solution if solution is not None else game.solve()
        self._set_names(tuple(names or display_players(game)))
        A, B = game.A, game.B
        row_path, row_all = best_response_path(A[0][0] - A[1][0], A[0][1] - A[1][1])
        column_path, column_all = best_response_path(B[0][0] - B[0][1], B[1][0] - B[1][1])
        self.lines[0].set_data([float(p) for p, _ in row_path], [float(q) for _, q in row_path])
        self.lines[1].set_data([float(q) for _, q in column_path], [float(p) for p, _ in column_path])
        self.everywhere[0].set_visible(row_all)
        self.everywhere[1].set_visible(column_all)
        xs = [float(row[0]) for row, _ in solution.equilibria]
        ys = [float(column[0]) for _, column in solution.equilibria]
        self.points.set_data(xs, ys)
        for k, label in enumerate(self.labels):
            if k < len(xs):
                label.set_position((xs[k] + (0.05 if xs[k] < 0.9 else -0.09), ys[k] + (0.04 if ys[k] < 0.9 else -0.09)))
                label.set_text(str(k + 1))
                label.set_visible(True)
            else:
                label.set_visible(False)

    def render(self) -> bytes:
        """Redraw into :attr:`image`; returns the PNG bytes."""
        return self.view.render()


def best_response_figure(game, solution=None, names=None):
    """A matplotlib ``Figure`` of the best-response diagram of a 2x2 game.

    Raises:
        ValueError: if the game is not 2x2.
    """
    diagram = BestResponseDiagram(blit=False)
    diagram.update(game, solution, names)
    return diagram.figure
