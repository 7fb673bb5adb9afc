"""The misperception explorer: priors, true types and the second layer's parameters as controls.

It shows the complete-information game between the true types (payoff table), the
Bayesian Nash equilibria per type in words, whether each security seeker can afford to
trust, each side's misperception, and a map of the regions over the two priors
(trust, spiral, both) with the current priors marked. Everything is computed by
:mod:`balkangames.beliefs` and :mod:`balkangames.mechanisms` from a case's cited values.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .. import cases
from ..beliefs import REGIONS, TYPES, bayesian_game, prior_regions, region_at, type_params
from ..mechanisms import THEORY_REFERENCES, layered
from ..model import security_game
from ..params import ROWS
from .base import Explorer, float_slider, solve_game
from .dilemma import parameter_slider
from .palette import OKABE_ITO
from .render import FigureView, PngFigure
from .text import lines_html, player_title

#: Cases the explorer offers, each at the year of the thesis's findings (2022) by default.
CASES = ("serbia-kosovo", "serbia-bosnia", "serbia-croatia", "serbia-montenegro",
         "north-macedonia-albania", "north-macedonia-bulgaria")

#: The second-layer parameters the explorer moves (ranges, steps and labels: balkangames.params.TABLE).
PARAMETER_SLIDERS = ("kin_1", "kin_2", "provocation_1", "provocation_2")

#: The explorer's controls that are not parameters of the game: control -> (low, high, step, label,
#: tooltip); {1} and {2} in the tooltip are the case's two states. A greedy type's motive moves over
#: the motive's slider range.
BELIEF_SLIDERS = {
    "prior_1": (0, 1, 0.01, "π₁ (trust)", "π₁: {1}'s belief that {2} is a security seeker"),
    "prior_2": (0, 1, 0.01, "π₂ (trust)", "π₂: {2}'s belief that {1} is a security seeker"),
    "greedy_motive": (*ROWS["motive"].slider, "v (greed)", "v: what a greedy type would take by changing the status quo"),
}
#: The order of the sliders on screen.
SLIDER_ORDER = ("prior_1", "prior_2", *PARAMETER_SLIDERS, "greedy_motive")

#: Colours of the regions of :data:`balkangames.beliefs.REGIONS` (codes 0–3).
REGION_COLOURS = (OKABE_ITO["yellow"], OKABE_ITO["bluish green"], OKABE_ITO["vermillion"], OKABE_ITO["sky blue"])
REGION_SHORT = ("neither", "trust", "spiral", "trust or spiral")
RESOLUTION = 101
_VERBS = {"restrain": "restrains", "arm": "arms", "mixes": "mixes"}


class PriorRegions(FigureView):
    """Regions over the two priors (x: player 1's, y: player 2's) with the current point."""

    def __init__(self, blit: bool = True):
        self.view = PngFigure((4.3, 4.4), dpi=84, blit=blit,
                              margins={"left": 0.16, "right": 0.96, "top": 0.92, "bottom": 0.27})
        ax = self.ax = self.view.figure.add_subplot()
        self.regions = self.view.moving(
            ax.imshow(np.zeros((2, 2)), origin="lower", extent=(0, 1, 0, 1), interpolation="nearest",
                      aspect="auto", cmap=ListedColormap(REGION_COLOURS), vmin=-0.5, vmax=3.5), layer=True)
        self.marker = self.view.moving(
            ax.plot([], [], marker="X", markersize=13, markerfacecolor=OKABE_ITO["black"],
                    markeredgecolor="white", markeredgewidth=1.5, linestyle="none", zorder=5, clip_on=False)[0])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_title("Equilibria of the security seekers", fontsize=11)
        ax.legend(handles=[Patch(color=c, label=t) for c, t in zip(REGION_COLOURS, REGION_SHORT)],
                  loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
        self._background = None
        self._layer = None
        self._state = None

    def update(self, codes, names, priors, layer_key) -> None:
        """Show ``codes`` (see :func:`balkangames.beliefs.prior_regions`) and mark ``priors``."""
        labels = (f"{names[0]}'s belief that {names[1]} seeks security",
                  f"{names[1]}'s belief that {names[0]} seeks security")
        if labels != self._background:
            self._background = labels
            self.ax.set_xlabel(labels[0], fontsize=9)
            self.ax.set_ylabel(labels[1], fontsize=9)
        if layer_key != self._layer:
            self._layer = layer_key
            self.regions.set_data(codes)
        self.marker.set_data([float(priors[0])], [float(priors[1])])
        self._state = tuple(float(p) for p in priors)

    def render(self) -> bytes:
        """Redraw into :attr:`image`; returns the PNG bytes."""
        return self.view.render(key=self._background, layer_key=self._layer, state=self._state)


class MisperceptionExplorer(Explorer):
    """Explore the game of beliefs on a case (see module docs); build with :func:`misperception_explorer`."""

    def __init__(self, case: str = "serbia-kosovo", year: int | None = None, blit: bool = True):
        self.case_control = widgets.Dropdown(options=[(cases.load(c).title, c) for c in CASES], value=case,
                                             description="case")
        self.year = year
        sliders = {name: float_slider(BELIEF_SLIDERS[name][3], 0, *BELIEF_SLIDERS[name][:3]) if name in BELIEF_SLIDERS
                   else parameter_slider(name, 0) for name in SLIDER_ORDER}
        types = {f"true_type_{i}": widgets.ToggleButtons(options=list(TYPES), description=f"state {i} is")
                 for i in (1, 2)}
        self.plot = PriorRegions(blit=blit)
        controls = {"case": self.case_control, **sliders, **types}
        super().__init__(
            "Misperception and the spiral", controls, figures=[self.plot.image],
            notes=("Each state is a security seeker (never tempted) or greedy; each holds a belief that the "
                   "other is a security seeker. Kin stake and provocation add to a state's fear. Starting values: "
                   "the case's cited values (Kydd 2005; Jervis 1976; Posen 1993; Snyder 1984)."
                   "<details><summary>References</summary>"
                   + "".join(f"<div>{html.escape(entry)}</div>" for entry in THEORY_REFERENCES)
                   + "</details>"),
        )
        self.bayes = None
        self.layered = None
        for other in (*[c for c in CASES if c != case], case):  # draws every case's plot once now:
            self._load_case(other)                               # a first switch of case stays fast
        self._outcome = None  # what the learner first sees is not a "move"
        self.refresh()

    def _load_case(self, case_id: str) -> None:
        """Set every slider to the case's cited values, refreshing once."""
        self.layered = layered(cases.load(case_id), self.year)
        params = self.layered.params
        flat = params.flat()
        starts = {
            "prior_1": self.layered.prior_values[0], "prior_2": self.layered.prior_values[1],
            **{name: flat[name] for name in PARAMETER_SLIDERS},
            "greedy_motive": params.stakes,
        }
        self.exact_values = dict(starts)
        names = tuple(player_title(p) for p in self.layered.players)
        for name, (*_, tooltip) in BELIEF_SLIDERS.items():
            self.controls[name].tooltip = tooltip.format(None, *names)
        for name in PARAMETER_SLIDERS:
            named = parameter_slider(name, 0, names)
            self.controls[name].description, self.controls[name].tooltip = named.description, named.tooltip
        for i, name in enumerate(names, start=1):
            self.controls[f"true_type_{i}"].description = f"{name} is"
        with self.hold():
            for name, value in starts.items():
                control = self.controls[name]
                control.max = max(control.max, float(value))
                control.value = float(value)

    def _changed(self, change) -> None:
        """A new case reloads its cited values; any other control refreshes."""
        if change["owner"] is self.case_control:
            self._load_case(change["new"])
            return
        super()._changed(change)

    def compute(self) -> None:
        """Build the game of beliefs and the true types' 2x2 game from the controls."""
        v = self.value
        params = self.layered.params.replace(**{name: v(name) for name in PARAMETER_SLIDERS})
        names = tuple(player_title(p) for p in self.layered.players)
        true_types = (self.controls["true_type_1"].value, self.controls["true_type_2"].value)
        greedy = v("greedy_motive")
        self.bayes = bayesian_game(params, (v("prior_1"), v("prior_2")), players=names, greedy_motive=greedy,
                                   true_types=true_types)
        self.game = security_game(type_params(params, true_types, greedy), players=self.layered.players,
                                  name=f"{self.layered.case.title}, {self.layered.year}: the true types")
        self.solution = solve_game(self.game)

    def extra_lines(self) -> list[str]:
        """The game of beliefs in words: equilibria per type, trust, misperception, outcome."""
        bayes = self.bayes
        names = bayes.players
        gaps = bayes.misperception()
        outcomes = sorted(set(bayes.outcomes()))
        lines = [
            f"True types: {names[0]} {bayes.true_types[0]}, {names[1]} {bayes.true_types[1]}. "
            f"Misperception (probability on the wrong type): {names[0]} {gaps[0]}, {names[1]} {gaps[1]}.",
            bayes.trust_sentence(1),
            bayes.trust_sentence(2),
            "Bayesian Nash equilibria (exact):",
            *bayes.describe(),
            "What the true types do: "
            + "; ".join(f"{names[0]} {_VERBS[a]}, {names[1]} {_VERBS[b]}" for a, b in outcomes) + ".",
        ]
        if bayes.spiral():
            lines.append("The spiral: security seekers arm against each other in every equilibrium.")
        return lines

    def render_extra(self) -> None:
        """Show the beliefs text and redraw the regions with the current priors marked."""
        self.extra.value = lines_html(self.extra_lines(), "Types and beliefs")
        xs, ys, codes = prior_regions(self.bayes.params, RESOLUTION, self.bayes.greedy_motive)
        self.plot.update(codes, self.bayes.players, self.bayes.priors, (self.bayes.params, self.bayes.greedy_motive))
        self.plot.render()

    def region(self) -> str:
        """The region of the current priors, in words (see :data:`balkangames.beliefs.REGIONS`)."""
        return REGIONS[region_at(self.bayes.params, self.bayes.priors, self.bayes.greedy_motive)]


def misperception_explorer(case: str = "serbia-kosovo", year: int | None = None, blit: bool = True):
    """The misperception explorer on ``case`` (default Serbia–Kosovo, at its default year).

    >>> explorer = misperception_explorer()
    >>> explorer.bayes.priors
    (Fraction(1, 2), Fraction(1, 4))
    """
    return MisperceptionExplorer(case, year, blit)
