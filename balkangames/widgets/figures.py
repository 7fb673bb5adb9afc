"""Plots for the explorers: best-response diagram, phase diagram, timeline.

Each plot is a small class that owns one :class:`~balkangames.widgets.render.PngFigure`
and has an ``update(...)`` method that only moves artists (``set_data``), so a slider
change costs a few milliseconds. The functions :func:`best_response_figure`,
:func:`phase_diagram` and :func:`timeline_figure` build a one-off matplotlib ``Figure``
for static use in notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from scipy.ndimage import distance_transform_edt

from ..batch import solve_2x2
from ..classify import CLASS_NAMES, CLASS_TITLES
from ..model import evaluate_terms as payoff_terms
from ..params import PARAMETERS, PER_PLAYER, SecurityParams
from ..views import MIN_FONT_PX
from .base import solve_game
from .palette import CLASS_COLOURS, OKABE_ITO, PLAYER_COLOURS, PLAYER_LINESTYLES
from .render import FigureView, PngFigure
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


class BestResponseDiagram(FigureView):
    """Both players' best responses in the unit square of mixed strategies (2x2 games).

    The x axis is the probability that the row player restrains, the y axis that the
    column player restrains. Equilibria are where the two correspondences meet; they are
    marked and numbered as in the explorer's list of equilibria.
    """

    def __init__(self, size=(3.6, 4.4), blit: bool = True):
        self.view = PngFigure(size, blit=blit, margins={"left": 0.17, "right": 0.95, "top": 0.93, "bottom": 0.33})
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
            v.moving(ax.text(0, 0, "", fontsize=MIN_FONT_PX * 72 / v.css_dpi, fontweight="bold",
                             ha="center", va="center", visible=False, zorder=6))
            for _ in range(MAX_LABELS)
        ]
        self.labels[0].set_text("8")
        box = self.labels[0].get_window_extent(v.canvas.get_renderer())
        self._digit_size = (box.width, box.height)
        self.labels[0].set_text("")
        self._frame = None
        self._names = None
        self._state = None



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
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.17), fontsize=8, ncol=1,
                  frameon=False)

    def update(self, game, solution=None, names=None) -> None:
        """Show ``game`` (2x2) and its equilibria; only moving artists change."""
        if game.shape != (2, 2):
            raise ValueError(f"the best-response diagram needs a 2x2 game, got {game.shape[0]}x{game.shape[1]}")
        if solution is None:
            solution = solve_game(game)
        self._set_names(tuple(names or display_players(game)))
        A, B = game.A, game.B
        self._state = (A, B)
        row_path, row_all = best_response_path(A[0][0] - A[1][0], A[0][1] - A[1][1])
        column_path, column_all = best_response_path(B[0][0] - B[0][1], B[1][0] - B[1][1])
        self.lines[0].set_data([float(p) for p, _ in row_path], [float(q) for _, q in row_path])
        self.lines[1].set_data([float(q) for _, q in column_path], [float(p) for p, _ in column_path])
        self.everywhere[0].set_visible(row_all)
        self.everywhere[1].set_visible(column_all)
        xs = [float(row[0]) for row, _ in solution.equilibria]
        ys = [float(column[0]) for _, column in solution.equilibria]
        self.points.set_data(xs, ys)
        self._place_numbers(xs, ys)

    #: Where an equilibrium's number may go, as (dx, dy) directions from its dot, in order of preference.
    NUMBER_DIRECTIONS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (0, 1), (-1, 0), (0, -1))

    def _place_numbers(self, xs, ys) -> None:
        """Number each equilibrium beside its dot, clear of every dot, other number and the frame.

        Positions are worked out in pixels: a number never sits under another equilibrium's
        dot (equilibria can be close, e.g. a mixed one near a pure one).
        """
        to_px = self.ax.transData.transform
        if self._frame is None:
            self.ax.apply_aspect()  # the equal aspect moves the axes box at the first draw
            self._frame = self.ax.get_window_extent(self.view.canvas.get_renderer())
        frame = self._frame
        dots = [tuple(to_px((x, y))) for x, y in zip(xs, ys)]
        radius = self.points.get_markersize() * self.view.figure.dpi / 72 / 2 + 2
        taken = [(x - radius, y - radius, x + radius, y + radius) for x, y in dots]
        width, height = self._digit_size
        for k, label in enumerate(self.labels):
            if k >= len(xs):
                label.set_visible(False)
                continue
            text = str(k + 1)
            w, h = width * len(text), height
            x, y = dots[k]
            choice = None
            for step in (radius + 3, radius + 12, radius + 24):
                for dx, dy in self.NUMBER_DIRECTIONS:
                    cx, cy = x + dx * (step + w / 2), y + dy * (step + h / 2)
                    box = (cx - w / 2 - 1, cy - h / 2 - 1, cx + w / 2 + 1, cy + h / 2 + 1)
                    inside = (box[0] >= frame.x0 + 1 and box[2] <= frame.x1 - 1
                              and box[1] >= frame.y0 + 1 and box[3] <= frame.y1 - 1)
                    if inside and not any(_overlaps(box, other) for other in taken):
                        choice = (cx, cy, box)
                        break
                if choice:
                    break
            if choice is None:  # crowded: the last resort is beside the dot, above it
                choice = (x + radius + w / 2, y + radius + h / 2, None)
            cx, cy, box = choice
            if box is not None:
                taken.append(box)
            label.set_position(tuple(self.ax.transData.inverted().transform((cx, cy))))
            label.set_text(text)
            label.set_visible(True)

    def render(self) -> bytes:
        """Redraw into :attr:`image`; returns the PNG bytes."""
        return self.view.render(key=self._names, state=self._state)


def _overlaps(a, b) -> bool:
    """Whether boxes ``(x0, y0, x1, y1)`` ``a`` and ``b`` overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def best_response_figure(game, solution=None, names=None):
    """A matplotlib ``Figure`` of the best-response diagram of a 2x2 game.

    Raises:
        ValueError: if the game is not 2x2.
    """
    diagram = BestResponseDiagram(blit=False)
    diagram.update(game, solution, names)
    return diagram.figure


# ---------------------------------------------------------------------------
# Phase diagram: classes over a parameter plane, from the vectorised batch solver

#: Pseudo-parameters that set both players' values at once: the per-player parameters.
BOTH_PLAYERS = PER_PLAYER


@dataclass(frozen=True)
class PhaseGrid:
    """Classes and equilibrium counts of the 2x2 game over a grid of two parameters.

    Attributes:
        x, y: parameter names of the axes (flat names, or ``"offense"`` etc. for both players).
        xs, ys: the grid values (1-d float arrays).
        row_class, column_class: class codes (index into ``CLASS_NAMES``), shape ``(len(ys), len(xs))``.
        n_equilibria: number of extreme equilibria per grid point.
        structure: equilibrium-structure codes (index into :data:`STRUCTURES`).
        key: what the grid was computed from (hashable; equal keys mean equal grids).
    """

    x: str
    y: str
    xs: np.ndarray
    ys: np.ndarray
    row_class: np.ndarray
    column_class: np.ndarray
    n_equilibria: np.ndarray
    structure: np.ndarray
    key: tuple = ()

    def classes(self, player: str = "row") -> np.ndarray:
        """Class codes of ``"row"`` or ``"column"``."""
        if player not in ("row", "column"):
            raise ValueError(f"player must be 'row' or 'column', got {player!r}")
        return self.row_class if player == "row" else self.column_class

    def codes(self, kind: str) -> np.ndarray:
        """``"row"``/``"column"`` class codes, or ``"equilibria"`` structure codes."""
        return self.structure if kind == "equilibria" else self.classes(kind)


#: Equilibrium structures a phase diagram can colour, with Okabe–Ito colours (code = index).
STRUCTURES = (
    ("knife edge (a tie)", "#BBBBBB"),
    ("only both restrain", OKABE_ITO["bluish green"]),
    ("only both arm", OKABE_ITO["vermillion"]),
    ("only one arms", OKABE_ITO["blue"]),  # not orange: beside vermillion it reads as one colour
    ("both restrain or both arm (+ mixed)", OKABE_ITO["sky blue"]),
    ("one arms, either one (+ mixed)", OKABE_ITO["yellow"]),
    ("only a mixed equilibrium", OKABE_ITO["reddish purple"]),
)


def equilibrium_structure(batch) -> np.ndarray:
    """Structure codes (see :data:`STRUCTURES`) from a :class:`balkangames.batch.Batch2x2`."""
    pure = batch.pure
    both_restrain, both_arm = pure[..., 0, 0], pure[..., 1, 1]
    one_arms = pure[..., 0, 1] | pure[..., 1, 0]
    one_pure = batch.n_equilibria == 1
    code = np.zeros(batch.shape, dtype=np.int8)
    code[one_pure & both_restrain] = 1
    code[one_pure & both_arm] = 2
    code[one_pure & one_arms] = 3
    three = (batch.n_equilibria == 3) & batch.has_mixed
    code[three & both_restrain & both_arm] = 4
    code[three & pure[..., 0, 1] & pure[..., 1, 0]] = 5
    code[one_pure & batch.has_mixed] = 6
    code[(batch.row_class == 0) | (batch.col_class == 0)] = 0
    return code


def _axis_range(name: str) -> tuple[float, float]:
    info = PARAMETERS[f"{name}_1" if name in BOTH_PLAYERS else name]
    low = float(info.low) if info.low is not None else 0.0
    high = float(info.high) if info.high is not None else 10.0
    return low, high


def _set_axis(values: dict, name: str, grid) -> None:
    if name in BOTH_PLAYERS:
        values[f"{name}_1"] = values[f"{name}_2"] = grid
    elif name in PARAMETERS:
        values[name] = grid
    else:
        raise ValueError(f"unknown axis parameter {name!r}; expected one of {list(PARAMETERS) + list(BOTH_PLAYERS)}")


@lru_cache(maxsize=64)
def _phase_grid_cached(flat_items, x, y, resolution, x_range, y_range) -> PhaseGrid:
    xs = np.linspace(*x_range, resolution)
    ys = np.linspace(*y_range, resolution)
    X, Y = np.meshgrid(xs, ys)
    values = {name: float(value) for name, value in flat_items}
    _set_axis(values, x, X)
    _set_axis(values, y, Y)
    values = {name: np.broadcast_to(np.asarray(v, dtype=float), X.shape) for name, v in values.items()}
    # The model's one payoff formula, evaluated on arrays (the batch path).
    terms1, terms2 = payoff_terms(values, 1), payoff_terms(values, 2)
    A = np.stack([np.stack([terms1["R"], terms1["S"]], -1), np.stack([terms1["T"], terms1["P"]], -1)], -2)
    B = np.stack([np.stack([terms2["R"], terms2["T"]], -1), np.stack([terms2["S"], terms2["P"]], -1)], -2)
    result = solve_2x2(A, B)
    return PhaseGrid(x, y, xs, ys, result.row_class, result.col_class, result.n_equilibria,
                     equilibrium_structure(result), (flat_items, x, y, resolution, x_range, y_range))


def phase_grid(params=None, x: str = "offense", y: str = "distinguishability", resolution: int = 201,
               x_range=None, y_range=None) -> PhaseGrid:
    """Solve the 2x2 game on a ``resolution``² grid of ``(x, y)`` with :func:`balkangames.batch.solve_2x2`.

    Other parameters come from ``params``. Results are cached, so moving a marker over an
    unchanged grid costs nothing.

    Args:
        params: :class:`~balkangames.params.SecurityParams` for the other parameters.
        x, y: flat parameter names, or ``"offense"``/``"guarantee"``/``"subsidy"`` for both players.
        resolution: grid points per axis (2 … 2001).
        x_range, y_range: ``(low, high)``; default the parameter's range ([0, 10] if unbounded).

    Raises:
        ValueError: for an unknown parameter or a bad resolution.
    """
    if not isinstance(resolution, int) or not 2 <= resolution <= 2001:
        raise ValueError(f"resolution must be an integer in [2, 2001], got {resolution!r}")
    for name in (x, y):
        _set_axis({}, name, 0)
    params = params if params is not None else SecurityParams()
    x_range = tuple(float(v) for v in (x_range or _axis_range(x)))
    y_range = tuple(float(v) for v in (y_range or _axis_range(y)))
    return _phase_grid_cached(tuple(params.flat().items()), x, y, resolution, x_range, y_range)


#: Phase-diagram layout, in pixels of the figure: room above the axes for the title, left of
#: them for tick labels and a two-line axis label, below them for tick labels, a two-line axis
#: label and the legend of regions too small for their name.
PHASE_LAYOUT = {"top": 28, "left": 64, "right": 14, "axes_bottom": 132, "legend_rows": 3, "row": 18}
#: Pixels kept clear around a text box (labels never touch each other or an edge).
TEXT_PAD = 3


def wrap_to_width(text: str, width_px: float, measure) -> str:
    """``text`` broken into lines at spaces, each at most ``width_px`` wide (``measure(s)`` gives
    a string's width in px); a single word wider than that stays whole."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and measure(candidate) > width_px:
            lines.append(line)
            line = word
        else:
            line = candidate
    return "\n".join([*lines, line])


def region_label_positions(codes: np.ndarray, boxes: dict, skip=()) -> dict:
    """Where each region's name fits entirely inside that region.

    Args:
        codes: region codes on the grid (rows = y, columns = x).
        boxes: ``{code: (rows, columns)}``, the size of the code's label in grid cells.
        skip: codes that get no label (ties: they are lines).

    Returns:
        ``{code: (row, column)}``, the centre cell of the label, for each code whose label fits
        (every cell under the label, plus a margin, belongs to the region). Of the places that
        fit, the one farthest from the region's edges; labels placed earlier (larger regions
        first) are kept clear of. Codes missing from the result need a legend entry.
    """
    taken = np.zeros(codes.shape, dtype=bool)
    found = {}
    present = [c for c in np.unique(codes) if c not in skip]
    present.sort(key=lambda c: -int(np.count_nonzero(codes == c)))
    for code in present:
        if code not in boxes:
            continue
        height, width = boxes[code]
        height, width = int(np.ceil(height)), int(np.ceil(width))
        if height > codes.shape[0] or width > codes.shape[1]:
            continue
        inside = (codes == code) & ~taken
        # Summed-area table: the number of cells of the region in every height x width window.
        table = np.pad(inside.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        counts = (table[height:, width:] - table[:-height, width:] - table[height:, :-width]
                  + table[:-height, :-width])
        fits = counts == height * width  # window's top-left corner at [i, j]
        if not fits.any():
            continue
        depth = distance_transform_edt(np.pad(codes == code, 1))[1:-1, 1:-1]
        centres_r = np.arange(fits.shape[0])[:, None] + height // 2
        centres_c = np.arange(fits.shape[1])[None, :] + width // 2
        score = np.where(fits, depth[centres_r, centres_c], -1.0)
        best = np.argwhere(score >= score.max() - 0.5)
        # Of the deepest places (a band has a line of them), the middle one.
        middle = best[np.argmin(((best - best.mean(0)) ** 2).sum(1))]
        i, j = int(middle[0]), int(middle[1])
        taken[i:i + height, j:j + width] = True
        found[code] = (i + height // 2, j + width // 2)
    return found


class PhaseDiagram(FigureView):
    """A phase diagram over two parameters, with a movable marker.

    Everything that changes with the grid (the image of regions, the region labels, the
    legend, the marker) is a moving artist, so a new grid costs a few milliseconds; the axes,
    ticks and titles form the cached background, keyed by what they show.

    A region's name is written inside it only where the whole label fits in the region;
    the other regions are named in a legend under the axes (a colour swatch and the name).
    Axis labels wrap to the length of their axis.
    """

    def __init__(self, size=(4.2, 4.6), blit: bool = True, labels: int = 8):
        self.view = PngFigure(size, dpi=84, blit=blit, margins=self._margins(size, 84))
        ax = self.ax = self.view.figure.add_subplot()
        self.regions = self.view.moving(ax.imshow(np.zeros((2, 2)), origin="lower", extent=(0, 1, 0, 1),
                                                  interpolation="nearest", aspect="auto"), layer=True)
        fontsize = self._points(MIN_FONT_PX)
        self.region_labels = [
            self.view.moving(ax.text(0, 0, "", ha="center", va="center", fontsize=fontsize, fontweight="bold",
                                     visible=False,  # a light box keeps it readable on any colour
                                     bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7,
                                           "linewidth": 0}), layer=True)
            for _ in range(labels)
        ]
        figure = self.view.figure
        rows = PHASE_LAYOUT["legend_rows"]
        self.legend_swatches, self.legend_texts = [], []
        for k in range(rows):
            y = self._legend_y(k)
            self.legend_swatches.append(self.view.moving(figure.add_artist(Rectangle(
                (PHASE_LAYOUT["left"] / self._width_px, y - 5 / self._height_px), 12 / self._width_px,
                10 / self._height_px, transform=figure.transFigure, visible=False, linewidth=0)), layer=True))
            self.legend_texts.append(self.view.moving(figure.text(
                (PHASE_LAYOUT["left"] + 18) / self._width_px, y, "", va="center", ha="left", fontsize=fontsize,
                visible=False), layer=True))
        self.marker = self.view.moving(
            ax.plot([], [], marker="X", markersize=13, markerfacecolor=OKABE_ITO["black"],
                    markeredgecolor="white", markeredgewidth=1.5, linestyle="none", zorder=5, clip_on=False)[0]
        )
        self._grid_key = None
        self._background_key = None
        self._marker = None
        self.grid = None
        self.unlabelled: list[str] = []

    @staticmethod
    def _margins(size, dpi) -> dict:
        width, height = size[0] * dpi, size[1] * dpi
        return {"left": PHASE_LAYOUT["left"] / width, "right": 1 - PHASE_LAYOUT["right"] / width,
                "top": 1 - PHASE_LAYOUT["top"] / height, "bottom": PHASE_LAYOUT["axes_bottom"] / height}

    @property
    def _width_px(self) -> float:
        return self.view.figure.get_figwidth() * self.view.css_dpi

    @property
    def _height_px(self) -> float:
        return self.view.figure.get_figheight() * self.view.css_dpi

    def _points(self, pixels: float) -> float:
        return pixels * 72 / self.view.css_dpi

    def _legend_y(self, row: int) -> float:
        """Figure y (fraction) of legend row ``row``, counted from the top of the legend."""
        top = PHASE_LAYOUT["axes_bottom"] - 22 - 2 * 17 - 4  # under the tick labels and a 2-line axis label
        return (top - PHASE_LAYOUT["row"] * (row + 0.5)) / self._height_px

    def _text_size(self, text: str) -> tuple[float, float]:
        """Width and height in px of ``text`` at the region-label size."""
        probe = self.region_labels[0]
        old = probe.get_text(), probe.get_visible()
        probe.set_text(text)
        probe.set_visible(True)  # an invisible text measures as a unit box
        box = probe.get_window_extent(self.view.canvas.get_renderer())
        probe.set_text(old[0])
        probe.set_visible(old[1])
        return box.width, box.height

    def _set_axis_labels(self, x_label: str, y_label: str) -> None:
        """Axis labels at the legible size, wrapped to the length of their axis."""
        renderer = self.view.canvas.get_renderer()
        box = self.ax.get_window_extent(renderer)
        fontsize = self._points(MIN_FONT_PX)
        probe = self.view.figure.text(0, 0, "", fontsize=fontsize)

        def measure(text):
            probe.set_text(text)
            return probe.get_window_extent(renderer).width

        x_text = wrap_to_width(x_label, box.width - 2 * TEXT_PAD, measure)
        y_text = wrap_to_width(y_label, box.height - 2 * TEXT_PAD, measure)
        probe.remove()
        self.ax.set_xlabel(x_text, fontsize=fontsize, labelpad=2)
        self.ax.set_ylabel(y_text, fontsize=fontsize, labelpad=2)

    def set_grid(self, grid: PhaseGrid, player: str = "row", name: str = "row player", labels=None) -> None:
        """Show the regions of ``grid``.

        ``player`` is ``"row"`` or ``"column"`` (colour that player's class) or
        ``"equilibria"`` (colour the equilibrium structure; ``name`` is then ignored).
        """
        if player == "equilibria":
            names = [text for text, _ in STRUCTURES]
            colours = [colour for _, colour in STRUCTURES]
            title = "Equilibria"
        elif player in ("row", "column"):
            names = [CLASS_TITLES[c] for c in CLASS_NAMES]
            colours = [CLASS_COLOURS[c] for c in CLASS_NAMES]
            title = f"{name}'s class"
        else:
            raise ValueError(f"player must be 'row', 'column' or 'equilibria', got {player!r}")
        extent = (float(grid.xs[0]), float(grid.xs[-1]), float(grid.ys[0]), float(grid.ys[-1]))
        axis_labels = tuple(labels or (grid.x, grid.y))
        background = (extent, axis_labels, title)
        if background != self._background_key:
            self._background_key = background
            self.ax.set_xlim(extent[0], extent[1])
            self.ax.set_ylim(extent[2], extent[3])
            self._set_axis_labels(*axis_labels)
            self.ax.set_title(title, fontsize=self._points(MIN_FONT_PX + 1))
        key = (grid.key, player)
        if key == self._grid_key:
            return
        self._grid_key, self.grid = key, grid
        codes = grid.codes(player)
        self.regions.set_data(codes)
        self.regions.set_extent(extent)
        self.regions.set_cmap(ListedColormap(colours))
        self.regions.set_clim(-0.5, len(names) - 0.5)
        self._place_labels(codes, names, colours, extent)

    def _place_labels(self, codes, names, colours, extent) -> None:
        """Region names inside their regions where they fit, the others in the legend."""
        box = self.ax.get_window_extent(self.view.canvas.get_renderer())
        cell_w, cell_h = box.width / codes.shape[1], box.height / codes.shape[0]
        present = [int(c) for c in np.unique(codes)]
        sizes = {}
        for code in present:
            if code == 0:  # ties are lines: the text says so
                continue
            width, height = self._text_size(names[code])
            sizes[code] = ((height + 2 * TEXT_PAD + 4) / cell_h, (width + 2 * TEXT_PAD + 4) / cell_w)
        placed = region_label_positions(codes, sizes, skip=(0,))
        xs = np.linspace(extent[0], extent[1], codes.shape[1])
        ys = np.linspace(extent[2], extent[3], codes.shape[0])
        labels = sorted(placed.items())
        for k, text in enumerate(self.region_labels):
            if k < len(labels):
                code, (row, col) = labels[k]
                text.set_position((xs[col], ys[row]))
                text.set_text(names[code])
                text.set_visible(True)
            else:
                text.set_visible(False)
        self.unlabelled = [names[c] for c in present if c in sizes and c not in placed]
        entries = [(names[c], colours[c]) for c in present if c in sizes and c not in placed]
        for k, (swatch, text) in enumerate(zip(self.legend_swatches, self.legend_texts)):
            if k < len(entries):
                text.set_text(entries[k][0])
                swatch.set_facecolor(entries[k][1])
            swatch.set_visible(k < len(entries))
            text.set_visible(k < len(entries))

    def move_marker(self, x, y) -> None:
        """Put the marker at the current parameter values."""
        self.marker.set_data([float(x)], [float(y)])
        self._marker = (float(x), float(y))

    def render(self) -> bytes:
        """Redraw into :attr:`image`; returns the PNG bytes."""
        return self.view.render(key=self._background_key, layer_key=self._grid_key, state=self._marker)


def phase_diagram(params=None, x: str = "offense", y: str = "distinguishability", player: str = "row",
                  resolution: int = 201, marker=None, name=None):
    """A matplotlib ``Figure``: ``player``'s class over ``(x, y)``, solved with the batch path.

    Args:
        params: the other parameters (:class:`~balkangames.params.SecurityParams`).
        x, y: axis parameters (see :func:`phase_grid`).
        player: ``"row"`` or ``"column"`` (that player's class), or ``"equilibria"``
            (the equilibrium structure, see :data:`STRUCTURES`).
        resolution: grid points per axis.
        marker: optional ``(x, y)`` to mark.
        name: the player's display name for the title.

    Raises:
        ValueError: for unknown parameters or player.
    """
    grid = phase_grid(params, x, y, resolution)
    diagram = PhaseDiagram(blit=False)
    diagram.set_grid(grid, player, name or f"{player} player")
    if marker is not None:
        diagram.move_marker(*marker)
    return diagram.figure


# ---------------------------------------------------------------------------
# Game tree of a sequential game, with the subgame-perfect moves drawn bold


class TreePlot(FigureView):
    """A perfect-information game tree; subgame-perfect moves solid and bold, others dashed grey."""

    def __init__(self, size=(3.6, 3.4), blit: bool = True):
        self.view = PngFigure(size, blit=blit, margins={"left": 0.02, "right": 0.98, "top": 0.9, "bottom": 0.04})
        self.ax = self.view.figure.add_subplot()
        self.ax.set_axis_off()
        self._shape = None
        self._state = None
        self.edges = {}
        self.payoffs = {}



    def _layout(self, tree, names) -> None:
        ax = self.ax
        ax.clear()
        ax.set_axis_off()
        ax.set_title("Game tree (bold: subgame-perfect moves)", fontsize=10)
        self.edges, self.payoffs = {}, {}
        leaves = []

        def depth_of(node, depth=0):
            return depth if not hasattr(node, "moves") else max(depth_of(c, depth + 1) for _, c in node.moves)

        height = max(depth_of(tree), 1)

        def place(node, depth, path):
            if not hasattr(node, "moves"):
                leaves.append(path)
                x = len(leaves) - 1
                self.payoffs[path] = self.view.moving(
                    ax.text(x, -depth / height - 0.08, "", ha="center", va="top", fontsize=9))
                return x
            xs = [place(child, depth + 1, path + ((node.name, move),)) for move, child in node.moves]
            x = sum(xs) / len(xs)
            for (move, _), child_x in zip(node.moves, xs):
                y0, y1 = -depth / height, -(depth + 1) / height
                self.edges[(node.name, move)] = self.view.moving(ax.plot([x, child_x], [y0, y1])[0])
                left = child_x < x
                ax.text((x + child_x) / 2 + (-0.06 if left else 0.06), (y0 + y1) / 2, move,
                        ha="right" if left else "left", va="center", fontsize=8)
            ax.plot([x], [-depth / height], "o", color=OKABE_ITO["blue"] if node.player == 0 else OKABE_ITO["vermillion"],
                    markersize=8, zorder=3)
            ax.text(x + 0.1, -depth / height + 0.02, names[node.player], ha="left", va="bottom", fontsize=9,
                    fontweight="bold")
            return x

        place(tree, 0, ())
        ax.set_xlim(-0.6, len(leaves) - 0.4)
        ax.set_ylim(-1.35, 0.2)
        self.view.invalidate()

    def update(self, tree, induction, names) -> None:
        """Show ``tree`` with the moves of every subgame-perfect equilibrium in ``induction`` bold."""
        shape = (repr(_tree_shape(tree)), tuple(names))
        if shape != self._shape:
            self._shape = shape
            self._layout(tree, names)
        chosen = {(node, move) for e in induction.equilibria for node, move in e.strategy.items()}
        for key, line in self.edges.items():
            on = key in chosen
            line.set_color(OKABE_ITO["black"] if on else "#999999")
            line.set_linewidth(3 if on else 1.2)
            line.set_linestyle("-" if on else "--")
        texts = []
        for path, text in self.payoffs.items():
            node = tree
            for _, move in path:
                node = node.child(move)
            text.set_text("(" + ", ".join(_short(p) for p in node.payoffs) + ")")
            texts.append(text.get_text())
        self._state = (self._shape, frozenset(chosen), tuple(texts))

    def render(self) -> bytes:
        """Redraw into :attr:`image`."""
        return self.view.render(state=self._state)


def _tree_shape(node):
    if not hasattr(node, "moves"):
        return None
    return (node.name, node.player, tuple((move, _tree_shape(child)) for move, child in node.moves))


def _short(value) -> str:
    value = Fraction(value)
    text = str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    return text.replace("-", "−")  # one minus sign everywhere
