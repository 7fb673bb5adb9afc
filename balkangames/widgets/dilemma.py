"""The security-dilemma explorer: Jervis's four levers, the payoff table, classes, equilibria."""

from __future__ import annotations

from ..model import player_terms, security_game
from ..params import PARAMETERS, ROWS, SecurityParams
from ..views import number_text
from .base import Explorer, float_slider, solve_game
from .figures import BestResponseDiagram
from .text import lines_html, player_title

#: The dilemma explorer's sliders, in display order (ranges, steps and labels: balkangames.params.TABLE).
DILEMMA_SLIDERS = ("offense_1", "offense_2", "distinguishability", "stakes", "restraint_value", "arming_cost",
                   "race_cost", "guarantee_1", "guarantee_2")


def parameter_slider(name: str, value, names=None):
    """A slider for parameter ``name``: range, step and labels from :data:`balkangames.params.TABLE`.

    ``name`` is a flat name (``offense_1``), or a per-player parameter's name (``offense``)
    for one value that holds for both players. Its label is the symbol and a short caption
    (``o₁ offense Serbia``), its tooltip the learner's label and the lever it moves;
    ``names`` are the players' names (default "player 1" and "player 2").
    """
    if name in PARAMETERS:
        info = PARAMETERS[name]
        caption, tooltip = info.caption(names), f"{info.label(names)}: {info.lever(names)}"
        low, high, step = info.slider
    else:
        row = ROWS[name]
        caption, tooltip = row.caption(), f"{row.label()}: {row.lever_text()}"
        low, high, step = row.slider
    return float_slider(caption, value, low, high, step, tooltip=tooltip)


def lever_lines(params: SecurityParams, names) -> list[str]:
    """Each player's four payoffs (Jervis's levers) and the two comparisons that decide its class."""
    lines = []
    for player, name in ((1, names[0]), (2, names[1])):
        t = player_terms(params, player)
        lines.append(
            f"{name}: exploiting T = {number_text(t['T'])}, mutual restraint R = {number_text(t['R'])}, "
            f"arms race P = {number_text(t['P'])}, exploited S = {number_text(t['S'])}; "
            f"temptation T − R = {number_text(t['T'] - t['R'])}, fear P − S = {number_text(t['P'] - t['S'])}"
        )
    return lines


class ParameterExplorer(Explorer):
    """An explorer whose sliders are security-game parameters (``sliders``: flat names, used as control names)."""

    def __init__(self, title, params, players, sliders, figures=(), notes="", extra_controls=None):
        self.base_params = params if params is not None else SecurityParams()
        self.players = tuple(players)
        names = tuple(player_title(p) for p in self.players)
        flat = self.base_params.flat()
        controls = {}
        for name in sliders:
            # A short label that fits the fixed label width; the label and lever in full as its tooltip.
            controls[name] = parameter_slider(name, flat[name], names)
        controls.update(extra_controls or {})
        super().__init__(title, controls, figures, notes)
        self.exact_values.update({name: flat[name] for name in sliders})

    def current_params(self) -> SecurityParams:
        """The parameters the sliders show (exactly, as the decimals displayed)."""
        changes = {name: self.value(name) for name in self.controls if name in PARAMETERS}
        return self.base_params.replace(**changes)


class DilemmaExplorer(ParameterExplorer):
    """See :func:`dilemma_explorer`."""

    def __init__(self, params=None, players=("serbia", "croatia")):
        self.diagram = BestResponseDiagram()
        super().__init__(
            "The security dilemma: Jervis's four levers",
            params,
            players,
            DILEMMA_SLIDERS,
            figures=[self.diagram.image],
            notes="<i>Move a lever: the table, each state's class and the exact equilibria update. "
            "Jervis (1978): cooperation is likelier when the gain from exploiting is low, the cost of "
            "being exploited low, the gain from mutual cooperation high and the cost of mutual arming high.</i>",
        )
        self.levers = None
        self.refresh()

    def compute(self) -> None:
        params = self.current_params()
        self.game = security_game(params, players=self.players)
        self.solution = solve_game(self.game)

    def render_extra(self) -> None:
        self.extra.value = lines_html(self.extra_lines(), "Jervis's levers (exact payoffs)")
        self.diagram.update(self.game, self.solution, self.names)
        self.diagram.render()

    def extra_lines(self) -> list[str]:
        return lever_lines(self.game.params, self.names)


def dilemma_explorer(params: SecurityParams | None = None, players=("serbia", "croatia")) -> DilemmaExplorer:
    """Explore the 2x2 arm/restrain game through Jervis's four levers.

    Sliders (named by parameter: ``offense_1``, ``offense_2``, ``distinguishability``,
    ``stakes``, ``restraint_value``, ``arming_cost``, ``race_cost``, ``guarantee_1``,
    ``guarantee_2``) move the gain from exploiting, the cost of being exploited, the gain
    from mutual restraint and the cost of mutual arming. The view shows the payoff table
    with best responses marked and equilibria highlighted, each player's class in words, the
    exact equilibria and the best-response diagram.

    Args:
        params: starting :class:`~balkangames.params.SecurityParams` (default: the package
            defaults, a Prisoner's Dilemma).
        players: the two players' ids, row first.

    Returns:
        a :class:`DilemmaExplorer` (an ``ipywidgets.VBox``; display it in a notebook).

    >>> explorer = dilemma_explorer()
    >>> explorer.controls["distinguishability"].value = 0.9
    >>> explorer.game.classes()["serbia"]
    'chicken'
    """
    return DilemmaExplorer(params, players)
