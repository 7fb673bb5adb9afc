"""The payoff table as HTML: best responses marked, equilibria highlighted, all in text too."""

from __future__ import annotations

import html

from .palette import EQUILIBRIUM_COLOUR, PLAYER_COLOURS
from .text import display_players, number_text

#: The marker written after a payoff that is a best response to the other's action.
BEST_RESPONSE_MARK = "*"


def best_response_cells(game) -> tuple[set, set]:
    """Pure best responses: ``(row_best, column_best)`` as sets of ``(row, column)`` cells.

    ``(i, j)`` is in ``row_best`` when row action ``i`` is a best response to column action
    ``j`` (ties give several), and in ``column_best`` when column action ``j`` is a best
    response to row action ``i``. Computed exactly from the game's payoffs.
    """
    rows, cols = game.shape
    row_best, column_best = set(), set()
    for j in range(cols):
        best = max(game.A[i][j] for i in range(rows))
        row_best |= {(i, j) for i in range(rows) if game.A[i][j] == best}
    for i in range(rows):
        best = max(game.B[i][j] for j in range(cols))
        column_best |= {(i, j) for j in range(cols) if game.B[i][j] == best}
    return row_best, column_best


def payoff_table_html(game, solution=None, names=None) -> str:
    """The payoff matrix as an HTML table.

    Each cell shows ``row payoff, column payoff`` exactly. A payoff that is the player's best
    response to the other's action is underlined, bold and followed by ``*``; a cell that is
    a pure Nash equilibrium has a yellow background and the words "Nash equilibrium". A
    caption explains both, so nothing is said by colour alone.

    Args:
        game: a :class:`balkangames.game.Game`.
        solution: its :class:`~balkangames.solver.Solution` (``game.solve()`` when omitted).
        names: display names of the two players (default: from the game's player ids).

    Returns:
        an HTML string (a ``<table>`` and its caption).

    >>> from balkangames import prisoners_dilemma
    >>> "Nash equilibrium" in payoff_table_html(prisoners_dilemma())
    True
    """
    if solution is None:
        from .base import solve_game

        solution = solve_game(game)
    names = names or display_players(game)
    row_name, column_name = (html.escape(n) for n in names)
    row_best, column_best = best_response_cells(game)
    equilibria = set(solution.pure_equilibria)
    rows, cols = game.shape
    cell_style = "border:1px solid #444;padding:4px 10px;text-align:center;"
    head_style = cell_style + "background:#f4f4f4;font-weight:bold;"
    parts = [
        "<table class='balkangames-payoffs' style='border-collapse:collapse;font-size:14px'>",
        f"<caption style='caption-side:bottom;font-size:12px;line-height:1.4;padding-top:4px;text-align:left'>"
        f"Each cell: <span style='color:{PLAYER_COLOURS[0]}'>{row_name}'s payoff</span>, "
        f"<span style='color:{PLAYER_COLOURS[1]}'>{column_name}'s payoff</span>. "
        f"<u><b>Underlined{BEST_RESPONSE_MARK}</b></u> = best response to the other's action; "
        f"<span style='background:{EQUILIBRIUM_COLOUR}'>highlighted cells</span> are pure Nash "
        "equilibria (also labelled).</caption>",
        f"<tr><th style='{head_style}'>{row_name} \\ {column_name}</th>",
    ]
    parts += [f"<th style='{head_style}'>{html.escape(a)}</th>" for a in game.actions[1]]
    parts.append("</tr>")
    for i in range(rows):
        parts.append(f"<tr><th style='{head_style}'>{html.escape(game.actions[0][i])}</th>")
        for j in range(cols):
            row_text = _payoff_text(game.A[i][j], (i, j) in row_best, PLAYER_COLOURS[0])
            column_text = _payoff_text(game.B[i][j], (i, j) in column_best, PLAYER_COLOURS[1])
            if (i, j) in equilibria:
                style = cell_style + f"background:{EQUILIBRIUM_COLOUR};"
                label = "<div style='font-size:11px;font-weight:bold'>Nash equilibrium</div>"
                marker = " data-equilibrium='yes'"
            else:
                style, label, marker = cell_style, "", ""
            parts.append(f"<td style='{style}' data-cell='{i},{j}'{marker}>{row_text}, {column_text}{label}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def _payoff_text(value, best: bool, colour: str) -> str:
    text = html.escape(number_text(value))
    if best:
        return f"<span style='color:{colour}'><u><b>{text}</b></u>{BEST_RESPONSE_MARK}</span>"
    return f"<span style='color:{colour}'>{text}</span>"
