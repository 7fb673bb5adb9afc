"""The security-dilemma explorer: Jervis's four levers, the payoff table, classes, equilibria."""

from __future__ import annotations

from ..model import player_terms, security_game
from ..params import PARAMETERS, SecurityParams
from ..views import learner_symbol, number_text
from .base import Explorer, float_slider, solve_game
from .figures import BestResponseDiagram
from .text import lines_html, player_title

#: (parameter, low, high, step) of the dilemma explorer's sliders, in display order.
DILEMMA_SLIDERS = (
    ("offense_1", 0, 1, 0.05),
    ("offense_2", 0, 1, 0.05),
    ("distinguishability", 0, 1, 0.05),
    ("stakes", 0.5, 20, 0.5),
    ("restraint_value", 0, 10, 0.25),
    ("arming_cost", 0, 5, 0.25),
    ("race_cost", 0, 5, 0.25),
    ("guarantee_1", 0, 1, 0.05),
    ("guarantee_2", 0, 1, 0.05),
)

#: Which of Jervis's levers each parameter moves, for the slider descriptions.
LEVER_TEXT = {
    "offense_1": "raises {1}'s gain from exploiting and {2}'s fear",
    "offense_2": "raises {2}'s gain from exploiting and {1}'s fear",
    "distinguishability": "lowers the cost of being exploited (early warning)",
    "stakes": "scales gains from exploiting and costs of being exploited",
    "restraint_value": "gain from mutual restraint",
    "arming_cost": "cost of arming",
    "race_cost": "extra cost of mutual arming (arms race)",
    "guarantee_1": "an ally's guarantee covering {1}",
    "guarantee_2": "an ally's guarantee covering {2}",
}


#: Slider labels short enough for the fixed label width (symbol first, as in the text).
SHORT_LABELS = {
    "offense_1": "offense {1}",
    "offense_2": "offense {2}",
    "distinguishability": "distinguish.",
    "stakes": "stakes",
    "restraint_value": "restraint",
    "arming_cost": "arming cost",
    "race_cost": "race cost",
    "guarantee_1": "guarantee {1}",
    "guarantee_2": "guarantee {2}",
}


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
    """An explorer whose sliders are security-game parameters (flat names as control names)."""

    def __init__(self, title, params, players, sliders, figures=(), notes="", extra_controls=None):
        self.base_params = params if params is not None else SecurityParams()
        self.players = tuple(players)
        names = tuple(player_title(p) for p in self.players)
        flat = self.base_params.flat()
        controls = {}
        for name, low, high, step in sliders:
            info = PARAMETERS[name]
            lever = LEVER_TEXT.get(name, info.description).format("", *names)
            # A short label that fits the fixed label width; the lever in full as its tooltip.
            short = SHORT_LABELS.get(name, name.replace("_", " ")).format("", *names)
            controls[name] = float_slider(f"{learner_symbol(name)} {short}", flat[name], low, high, step,
                                          tooltip=f"{learner_symbol(name)}, {info.description}: {lever}")
        controls.update(extra_controls or {})
        super().__init__(title, controls, figures, notes)
        self.exact_values.update({name: flat[name] for name, *_ in sliders})

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
