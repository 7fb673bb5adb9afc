"""What every view says in words: player names, classes and exact equilibria.

The explorers' screens and their ``summary_text()`` are built from these functions, so
the text a test reads is the text a student sees.
"""

from __future__ import annotations

import html

from ..classify import CLASS_EXPLANATIONS, CLASS_TITLES
from ..formatting import with_decimals
from ..views import player_names


def player_title(player: str) -> str:
    """A display name for a player id: ``"north-macedonia"`` -> ``"North Macedonia"``.

    Names that already contain capitals are kept as they are.

    >>> player_title("north-macedonia")
    'North Macedonia'
    >>> player_title("Bosnia and Herzegovina")
    'Bosnia and Herzegovina'
    """
    return player_names((player, player))[0]


def display_players(game) -> tuple[str, str]:
    """Both players' display names for ``game``."""
    return tuple(player_title(p) for p in game.players)


def class_lines(game, names=None) -> list[str]:
    """One line per player: ``"Serbia: Prisoner's Dilemma — arming pays ..."`` (2x2 games).

    Games that are not 2x2 (the posture game) have no class; one line says so.
    """
    names = names or display_players(game)
    if game.shape != (2, 2):
        return [f"Classes are defined for 2x2 games; this is a {game.shape[0]}x{game.shape[1]} game."]
    lines = []
    for name, cls in zip(names, game.classes().values()):
        lines.append(f"{name}: {CLASS_TITLES[cls]} — {CLASS_EXPLANATIONS[cls]}")
    return lines


DEGENERATE_NOTE = (
    "This game is degenerate (a knife edge): some player is indifferent, so equilibria "
    "can form continua; every extreme equilibrium is listed."
)


def equilibrium_lines(game, solution, names=None, degenerate_note: str = DEGENERATE_NOTE) -> list[str]:
    """The exact equilibria in words (see :meth:`balkangames.solver.Solution.describe`).

    ``degenerate_note`` is added when the game is degenerate.
    """
    names = names or display_players(game)
    lines = [with_decimals(line) for line in solution.describe(players=tuple(names), actions=game.actions)]
    if solution.degenerate:
        lines.append(degenerate_note)
    return [line.strip() for line in lines]


def summary_lines(game, solution, names=None) -> list[str]:
    """Classes, then ``"Nash equilibria (exact):"`` and the equilibria."""
    return [*class_lines(game, names), "Nash equilibria (exact):", *equilibrium_lines(game, solution, names)]


def lines_html(lines, heading: str | None = None) -> str:
    """Lines of text as an HTML block (escaped), with an optional heading."""
    body = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    head = f"<div style='font-weight:bold;margin-top:4px'>{html.escape(heading)}</div>" if heading else ""
    return f"<div class='balkangames-text' style='line-height:1.45'>{head}{body}</div>"
