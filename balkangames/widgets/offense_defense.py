"""Offense–defense balance × distinguishability: Jervis's four worlds on a phase diagram."""

from __future__ import annotations

from fractions import Fraction

import ipywidgets as widgets

from ..classify import CLASS_TITLES
from ..model import WORLD_BASE, WORLD_TITLES, posture_game, security_game
from .base import Explorer, solve_game
from .dilemma import parameter_slider
from .figures import BestResponseDiagram, PhaseDiagram, phase_grid
from .text import lines_html, player_title

TWO_BY_TWO = "2x2 arm/restrain"
POSTURES = "3x3 posture game"
HALF = Fraction(1, 2)


def jervis_world_text(offense, distinguishability) -> str:
    """Jervis's world for a lever reading: offense dominant iff o > 1/2, distinguishable iff d > 1/2.

    The cut at 1/2 is a labelled reading of the levers, not part of the model; exactly 1/2
    is said to lie between worlds.

    >>> jervis_world_text(Fraction(4, 5), Fraction(1, 10)).startswith("World 1")
    True
    """
    offense, distinguishability = Fraction(offense), Fraction(distinguishability)
    if offense == HALF or distinguishability == HALF:
        return "Between Jervis's worlds (a lever is exactly 1/2, where this reading switches world)."
    world = {(True, False): 1, (False, False): 2, (True, True): 3, (False, True): 4}[
        (offense > HALF, distinguishability > HALF)
    ]
    return WORLD_TITLES[world] + "."


class OffenseDefenseExplorer(Explorer):
    """See :func:`offense_defense_explorer`."""

    def __init__(self, params=None, players=("serbia", "croatia"), resolution=201):
        self.base_params = params if params is not None else WORLD_BASE.replace(
            offense=Fraction(4, 5), distinguishability=Fraction(1, 10)
        )
        self.players = tuple(players)
        self.resolution = resolution
        flat = self.base_params.flat()
        controls = {
            "offense": parameter_slider("offense", flat["offense_1"]),  # one value for both states
            "distinguishability": parameter_slider("distinguishability", flat["distinguishability"]),
            "game": widgets.ToggleButtons(options=[TWO_BY_TWO, POSTURES], value=TWO_BY_TWO,
                                          description="game", style={"button_width": "150px"}),
        }
        self.phase = PhaseDiagram()
        self.diagram = BestResponseDiagram()
        super().__init__(
            "Offense–defense balance and distinguishability (Jervis's four worlds)",
            controls,
            figures=[self.phase.image, self.diagram.image],
            notes="<i>The phase diagram is solved for every (o, d) at once by the batch solver; the "
            "cross marks the current levers. The 3x3 posture game adds a defensive build-up whose "
            "threat shrinks as d grows.</i>",
        )
        self.exact_values.update(offense=flat["offense_1"], distinguishability=flat["distinguishability"])
        self.refresh()

    def current_params(self):
        """Parameters at the sliders' values (exact decimals)."""
        return self.base_params.replace(offense=self.value("offense"),
                                        distinguishability=self.value("distinguishability"))

    def compute(self) -> None:
        params = self.current_params()
        if self.controls["game"].value == POSTURES:
            self.game = posture_game(params, players=self.players)
        else:
            self.game = security_game(params, players=self.players)
        self.solution = solve_game(self.game)

    def render_extra(self) -> None:
        self.extra.value = lines_html(self.extra_lines(), "Jervis's world")
        grid = phase_grid(self.base_params, "offense", "distinguishability", self.resolution)
        self.phase.set_grid(grid, "row", player_title(self.players[0]),
                            labels=("o: offense advantage", "d: distinguishability"))
        self.phase.move_marker(self.value("offense"), self.value("distinguishability"))
        self.phase.render()
        two_by_two = self.game.shape == (2, 2)
        self.diagram.image.layout.display = None if two_by_two else "none"
        if two_by_two:
            self.diagram.update(self.game, self.solution, self.names)
            self.diagram.render()

    def extra_lines(self) -> list[str]:
        params = self.current_params()
        lines = [jervis_world_text(params.offense[0], params.distinguishability)]
        row_class = security_game(params).classes()["row"]
        lines.append(f"In the 2x2 model at these levers {player_title(self.players[0])}'s class is "
                     f"{CLASS_TITLES[row_class]} (the phase diagram colours it at the cross).")
        if self.game.shape != (2, 2):
            lines.append("The table shows the 3x3 posture game (restrain, defend, offend); classes "
                         "belong to the 2x2 game, the equilibria above to the posture game.")
        return lines


def offense_defense_explorer(params=None, players=("serbia", "croatia"), resolution: int = 201):
    """Explore offense advantage ``o`` and distinguishability ``d`` (both players share ``o``).

    Controls: ``offense``, ``distinguishability`` (sliders) and ``game`` (2x2 arm/restrain or
    the 3x3 posture game). Shows the payoff table, classes, exact equilibria, the phase
    diagram of classes over (o, d) from :func:`balkangames.batch.solve_2x2` with the current
    point marked, the best-response diagram (2x2) and Jervis's world in words.

    Args:
        params: the other parameters (default: the model notes' calibration W=10, b=2, c=1,
            w=1, starting in world 1 at o=4/5, d=1/10).
        players: the two players' ids.
        resolution: phase-diagram grid points per axis.

    >>> explorer = offense_defense_explorer()
    >>> explorer.controls["offense"].value = 0.25
    >>> explorer.game.classes()["serbia"]
    'stag-hunt'
    """
    return OffenseDefenseExplorer(params, players, resolution)
