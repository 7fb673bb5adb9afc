"""The shadow of the future (grim trigger) and the fait accompli (a sequential game)."""

from __future__ import annotations

from fractions import Fraction

from matplotlib.patches import Rectangle

from ..analysis import grim_trigger_threshold
from ..game import Game
from ..model import WORLD_BASE, security_game
from ..sequential import (
    backward_induction,
    fait_accompli,
    fait_accompli_thresholds,
    non_credible_equilibria,
    to_normal_form,
)
from ..validation import exact
from ..views import number_text
from .base import Explorer, float_slider, solve_game
from .dilemma import ParameterExplorer
from .figures import BestResponseDiagram, TreePlot
from .palette import OKABE_ITO
from .render import FigureView, PngFigure
from .text import equilibrium_lines, lines_html

# ---------------------------------------------------------------------------
# Shadow of the future

#: Sliders of the shadow explorer (flat parameter names; ranges and labels: balkangames.params.TABLE).
SHADOW_SLIDERS = ("offense_1", "offense_2", "distinguishability", "restraint_value", "race_cost")


class DeltaBar(FigureView):
    """The discount factor δ on [0, 1] with the region δ ≥ δ* shaded (when grim trigger applies)."""

    def __init__(self, blit: bool = True):
        self.view = PngFigure((3.6, 1.6), blit=blit, margins={"left": 0.04, "right": 0.96, "top": 0.78, "bottom": 0.36})
        ax = self.ax = self.view.figure.add_subplot()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.set_xlabel("discount factor δ (how much the future counts)")
        ax.set_title("Grim trigger: restraint is sustained where δ ≥ δ*", fontsize=10)
        self.region = self.view.moving(ax.add_patch(Rectangle((0, 0), 0, 1, facecolor=OKABE_ITO["bluish green"],
                                                              hatch="//", edgecolor="white", alpha=0.6)))
        self.threshold = self.view.moving(ax.axvline(0, color=OKABE_ITO["black"], linewidth=2))
        self.marker = self.view.moving(ax.plot([], [], "v", color=OKABE_ITO["vermillion"], markersize=12)[0])
        self._state = None


    def update(self, delta, delta_star) -> None:
        """Mark δ; shade [δ*, 1] when ``delta_star`` is not None."""
        visible = delta_star is not None
        self.region.set_visible(visible)
        self.threshold.set_visible(visible)
        if visible:
            self.region.set_x(float(delta_star))
            self.region.set_width(1 - float(delta_star))
            self.threshold.set_xdata([float(delta_star)] * 2)
        self.marker.set_data([float(delta)], [0.75])
        self._state = (delta, delta_star)

    def render(self) -> bytes:
        """Redraw into :attr:`image`."""
        return self.view.render(state=self._state)


class ShadowExplorer(ParameterExplorer):
    """See :func:`shadow_explorer`."""

    def __init__(self, params=None, players=("serbia", "croatia"), delta=0.5):
        params = params if params is not None else WORLD_BASE.replace(offense=0.8, distinguishability=0.1)
        self.bar = DeltaBar()
        self.diagram = BestResponseDiagram()
        delta_slider = float_slider("δ future weight", delta, 0, 0.99, 0.01,
                                    tooltip="δ: discount factor, the weight of the future")
        super().__init__(
            "The shadow of the future: grim trigger in the repeated game",
            params,
            players,
            SHADOW_SLIDERS,
            figures=[self.bar.image, self.diagram.image],
            notes="<i>Both restrain until someone arms, then arm forever. Restraint is an equilibrium of "
            "the repeated game when the future weighs enough: δ ≥ δ* = (T − R)/(T − P) for each "
            "tempted player (Gibbons 1992, §2.3).</i>",
            extra_controls={"delta": delta_slider},
        )
        self.exact_values["delta"] = exact(delta, "delta")
        self.refresh()

    def compute(self) -> None:
        self.game = security_game(self.current_params(), players=self.players)
        self.solution = solve_game(self.game)
        self.grim = grim_trigger_threshold(self.game.A, self.game.B)

    def render_extra(self) -> None:
        # Display maths at 18 px, so that even subscripts stay above 12 px.
        latex = (f"<div style='font-size:18px'>$$\\displaystyle {self.grim.latex()}$$</div>"
                 if self.grim.applies else "")
        self.extra.value = lines_html(self.extra_lines(), "Repeated game") + latex
        self.bar.update(self.value("delta"), self.grim.delta if self.grim.applies else None)
        self.bar.render()
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()

    def extra_lines(self) -> list[str]:
        delta = self.value("delta")
        if not self.grim.applies:
            return [f"δ = {number_text(delta)}. Grim trigger does not apply: {self.grim.reason}."]
        per_player = ", ".join(
            f"{name} δ* = {number_text(value)}" for name, value in zip(self.names, self.grim.per_player)
        )
        verdict = (
            "mutual restraint IS sustained by grim trigger"
            if self.grim.sustainable(delta)
            else "mutual restraint is NOT sustained: the gain from arming now outweighs the future"
        )
        return [
            f"Thresholds: {per_player}; overall δ* = {number_text(self.grim.delta)} ≈ {float(self.grim.delta):.3f}.",
            f"At δ = {number_text(delta)}: {verdict}.",
        ]


def shadow_explorer(params=None, players=("serbia", "croatia"), delta=0.5) -> ShadowExplorer:
    """Explore the discount factor δ against the grim-trigger threshold δ*.

    Controls: ``delta`` and the sliders ``offense_1``, ``offense_2``, ``distinguishability``,
    ``restraint_value``, ``race_cost`` of the stage game. Shows the stage game's table,
    classes and exact equilibria, each player's δ* (exact, and as LaTeX), whether mutual
    restraint is sustained at δ, and a bar with the region δ ≥ δ* shaded.

    Args:
        params: stage-game parameters (default: Jervis's world 1, a Prisoner's Dilemma).
        players: the two players' ids.
        delta: starting discount factor in [0, 1).

    >>> explorer = shadow_explorer(delta=0.9)
    >>> explorer.grim.sustainable(0.9)
    True
    """
    return ShadowExplorer(params, players, delta)


# ---------------------------------------------------------------------------
# Fait accompli

#: (control name, description, default, low, high, step).
FAIT_ACCOMPLI_SLIDERS = (
    ("x", "x stake seized", 10, 0.5, 20, 0.5),
    ("p0", "p₀ keeps it alone", 0.5, 0.05, 1, 0.05),
    ("c_challenger", "c_C cost, challenger", 2, 0, 20, 0.5),
    ("c_defender", "c_D cost, defender", 6, 0, 20, 0.5),
    ("alpha", "α ally involved", 0.1, 0, 1, 0.05),
    ("h", "h ally's cost to C", 5, 0, 20, 0.5),
    ("attribution", "attribution", 1, 0, 1, 0.05),
)
#: What each fait-accompli slider means, in full (its tooltip).
FAIT_ACCOMPLI_MEANINGS = {
    "x": "x: value of the stake seized",
    "p0": "p₀: the challenger's chance to keep the stake if resisted, with no ally involved",
    "c_challenger": "c_C: the challenger's cost of a fight",
    "c_defender": "c_D: the defender's cost of resisting",
    "alpha": "α: how far the defender's ally is involved",
    "h": "h: the cost the ally imposes on the challenger",
    "attribution": "attribution: 1 = an open attack, low = hybrid or deniable",
}


def _plan_text(plan) -> str:
    return ", ".join(move for _, move in plan)


class FaitAccompliExplorer(Explorer):
    """See :func:`fait_accompli_explorer`."""

    #: A sequential game: the arm/restrain classes do not apply (the summary says so).
    shows_classes = False

    def __init__(self, players=("challenger", "defender"), **values):
        unknown = set(values) - {name for name, *_ in FAIT_ACCOMPLI_SLIDERS}
        if unknown:
            raise ValueError(f"unknown fait-accompli parameter(s) {sorted(unknown)}; expected "
                             f"{[name for name, *_ in FAIT_ACCOMPLI_SLIDERS]}")
        self.players = tuple(players)
        controls = {
            name: float_slider(description, values.get(name, default), low, high, step,
                               tooltip=FAIT_ACCOMPLI_MEANINGS[name])
            for name, description, default, low, high, step in FAIT_ACCOMPLI_SLIDERS
        }
        self.tree_plot = TreePlot()
        super().__init__(
            "The fait accompli: seize, then dare the defender to resist",
            controls,
            notes="<i>The challenger keeps the status quo or seizes a stake; the defender acquiesces or "
            "resists, helped by an ally whose involvement α lowers the challenger's chance of keeping it "
            "and costs it h. A hybrid, deniable action is only partly attributed, so the ally's effective "
            "involvement is attribution × α.</i>",
            figures=[self.tree_plot.image],
        )
        self.exact_values.update({name: exact(values.get(name, default), name)
                                  for name, _, default, *_ in FAIT_ACCOMPLI_SLIDERS})
        self.refresh()

    def inputs(self) -> dict[str, Fraction]:
        """The exact slider values by name."""
        return {name: self.value(name) for name, *_ in FAIT_ACCOMPLI_SLIDERS}

    def compute(self) -> None:
        v = self.inputs()
        self.tree = fait_accompli(v["x"], v["p0"], v["c_challenger"], v["c_defender"], v["alpha"], v["h"],
                                  v["attribution"])
        A, B, rows, cols = to_normal_form(self.tree)
        self.game = Game(A, B, players=self.players,
                         actions=(tuple(_plan_text(r) for r in rows), tuple(_plan_text(c) for c in cols)),
                         name="fait accompli (normal form)")
        self.solution = solve_game(self.game)
        self.induction = backward_induction(self.tree)
        self.non_credible = non_credible_equilibria(self.tree)
        self.thresholds = fait_accompli_thresholds(v["x"], v["p0"], v["c_challenger"], v["c_defender"], v["h"])

    def summary_lines(self) -> list[str]:
        lines = ["A sequential game: the arm/restrain classes do not apply. Nash equilibria of its normal form (exact):"]
        note = (f"The normal form is degenerate, as normal forms of game trees are: when the {self.names[0]} "
                f"keeps the status quo, the {self.names[1]}'s plan is never carried out, so it is indifferent.")
        return lines + equilibrium_lines(self.game, self.solution, self.names, note)

    def render_extra(self) -> None:
        latex = "".join(f"<div>{name}:</div><div style='font-size:18px'>$$\\displaystyle {tex}$$</div>"
                        for name, tex in self.thresholds.latex().items())
        self.extra.value = lines_html(self.extra_lines(), "Backward induction") + latex
        self.tree_plot.update(self.tree, self.induction, self.names)
        self.tree_plot.render()

    def extra_lines(self) -> list[str]:
        names = self.names
        lines = []
        for equilibrium in self.induction.equilibria:
            path = " → ".join(f"{names[0] if node == 'challenger' else names[1]} chooses {move}"
                              for node, move in equilibrium.path)
            payoffs = ", ".join(number_text(p) for p in equilibrium.payoffs)
            lines.append(f"Subgame-perfect outcome: {path} (payoffs {payoffs}).")
        for node, moves in self.induction.ties:
            lines.append(f"At the {node}'s move the mover is indifferent between {' and '.join(moves)} (a knife edge).")
        for equilibrium in self.non_credible:
            threats = "; ".join(f"the {node} plans to {planned} but would rather {better}"
                                for node, planned, better in equilibrium.non_credible)
            lines.append(f"Nash equilibrium ({_plan_text(equilibrium.row_strategy)} / "
                         f"{_plan_text(equilibrium.col_strategy)}) rests on a non-credible threat: {threats}.")
        v = self.inputs()
        effective = v["attribution"] * v["alpha"]
        t = self.thresholds
        lines.append(
            f"Effective involvement attribution × α = {number_text(effective)}; the defender resists iff it "
            f"exceeds {number_text(t.defender_resists_above)}; a resisted challenger is deterred iff it is at "
            f"least {number_text(t.challenger_deterred_from)}."
        )
        return lines


def fait_accompli_explorer(players=("challenger", "defender"), **values) -> FaitAccompliExplorer:
    """Explore the fait-accompli game: ally involvement α, attribution (hybrid action), costs.

    Controls: ``x``, ``p0``, ``c_challenger``, ``c_defender``, ``alpha``, ``h``,
    ``attribution`` (starting values may be given as keywords). Shows the normal form with
    its exact Nash equilibria, the backward-induction (subgame-perfect) outcome, the Nash
    equilibria that rest on non-credible threats, and the thresholds in α (exact and LaTeX).

    Args:
        players: names of the challenger and the defender.
        **values: starting values of the controls.

    Raises:
        ValueError: for an unknown control name.

    >>> explorer = fait_accompli_explorer()
    >>> explorer.controls["alpha"].value = 0.5
    >>> explorer.induction.equilibria[0].path
    (('challenger', 'status quo'),)
    """
    return FaitAccompliExplorer(players, **values)
