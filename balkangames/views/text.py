"""Solutions in words: the lines of :meth:`balkangames.solver.Solution.describe`.

``"row restrains with probability 1/3; column arms (payoffs 2, 5/3)"``: each extreme
equilibrium, then the continua of a degenerate game. Numbers are exact (see
:func:`balkangames.formatting.exact_text`); views that show them to a learner add decimals
with :func:`balkangames.formatting.with_decimals`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._rich import register
from ..formatting import exact_text
from ..solver.solution import DEFAULT_PLAYERS, Mix, expected_payoff

#: A 2x2 game's actions when none are named.
DEFAULT_2X2_ACTIONS = ("restrain", "arm")


def conjugate(action: str) -> str:
    """Third person of a one-word action verb ("arm" -> "arms"), else "plays <action>".

    >>> conjugate("arm"), conjugate("punish"), conjugate("Tit for tat")
    ('arms', 'punishes', 'plays Tit for tat')
    """
    if not re.fullmatch(r"[a-z]+", action):
        return f"plays {action}"
    if action.endswith(("s", "sh", "ch", "x", "z", "o")):
        return action + "es"
    if len(action) > 1 and action.endswith("y") and action[-2] not in "aeiou":
        return action[:-1] + "ies"
    return action + "s"


def point_text(player: str, actions: Sequence[str], mix: Mix) -> str:
    """'row restrains', 'row restrains with probability 1/3', or a list of weights."""
    support = [i for i, p in enumerate(mix) if p]
    if len(support) == 1:
        return f"{player} {conjugate(actions[support[0]])}"
    if len(mix) == 2:
        return f"{player} {conjugate(actions[0])} with probability {exact_text(mix[0])}"
    parts = [f"{actions[i]} with probability {exact_text(mix[i])}" for i in support]
    return f"{player} mixes " + ", ".join(parts)


def set_text(player: str, actions: Sequence[str], mixes: Sequence[Mix]) -> str:
    """One player's part of a maximal Nash subset (a point or a polytope) in words."""
    if len(mixes) == 1:
        return point_text(player, actions, mixes[0])
    if len(actions) == 2:
        low = min(mix[0] for mix in mixes)
        high = max(mix[0] for mix in mixes)
        return (
            f"{player} {conjugate(actions[0])} with any probability "
            f"from {exact_text(low)} to {exact_text(high)}"
        )
    corners = "; ".join(
        "(" + ", ".join(exact_text(p) for p in mix) + ")" for mix in sorted(mixes, reverse=True)
    )
    return f"{player} plays any mixture of the strategies {corners}"


def display_names(players, actions, rows: int, cols: int):
    """Validate the players' and actions' names for a text, filling in defaults.

    Raises:
        ValueError: if the names do not match the game's numbers of actions.
    """
    if (
        not isinstance(players, Sequence)
        or isinstance(players, str)
        or len(players) != 2
        or not all(isinstance(p, str) for p in players)
    ):
        raise ValueError(f"players must be two names such as ('row', 'column'), got {players!r}")
    defaults = tuple(
        DEFAULT_2X2_ACTIONS if count == 2 else tuple(f"action {k + 1}" for k in range(count))
        for count in (rows, cols)
    )
    if actions is None:
        return tuple(players), defaults
    if not isinstance(actions, Sequence) or isinstance(actions, str) or len(actions) != 2:
        raise ValueError(
            f"actions must be a pair of action-name lists, one per player, got {actions!r}"
        )
    for who, names, count in zip(players, actions, (rows, cols), strict=True):
        if (
            not isinstance(names, Sequence)
            or isinstance(names, str)
            or len(names) != count
            or not all(isinstance(a, str) for a in names)
        ):
            raise ValueError(
                f"actions for {who} must be {count} names (one per action), got {names!r}"
            )
    return tuple(players), (tuple(actions[0]), tuple(actions[1]))


@register("component_text")
def component_text(component, players=DEFAULT_PLAYERS, actions=None) -> str:
    """One sentence saying which strategy profiles form an equilibrium component
    (see :meth:`balkangames.solver.EquilibriumComponent.describe`)."""
    row_mix, col_mix = component.equilibria[0]
    players, actions = display_names(players, actions, len(row_mix), len(col_mix))
    pieces = []
    for row_mixes, col_mixes in component.maximal_subsets:
        pieces.append(
            set_text(players[0], actions[0], row_mixes) + "; " + set_text(players[1], actions[1], col_mixes)
        )
    return "; or ".join(pieces)


@register("solution_lines")
def solution_lines(solution, players=DEFAULT_PLAYERS, actions=None) -> list[str]:
    """Readable lines: one per extreme equilibrium, then continua if degenerate
    (see :meth:`balkangames.solver.Solution.describe`)."""
    rows, cols = solution.shape
    players, actions = display_names(players, actions, rows, cols)
    count = len(solution.equilibria)
    kind = "degenerate" if solution.degenerate else "nondegenerate"
    noun = "equilibrium" if count == 1 else "equilibria"
    lines = [f"{rows} x {cols} game ({kind}), {count} extreme Nash {noun}:"]
    for number, (row_mix, col_mix) in enumerate(solution.equilibria, start=1):
        row_value = expected_payoff(solution.A, row_mix, col_mix)
        col_value = expected_payoff(solution.B, row_mix, col_mix)
        lines.append(
            f"  {number}. {point_text(players[0], actions[0], row_mix)}; "
            f"{point_text(players[1], actions[1], col_mix)} "
            f"(payoffs {exact_text(row_value)}, {exact_text(col_value)})"
        )
    continua = [c for c in solution.components if not c.is_isolated]
    if continua:
        lines.append("Continua of equilibria (every point in between is an equilibrium):")
        for component in continua:
            lines.append("  - " + component_text(component, players, actions))
    return lines
