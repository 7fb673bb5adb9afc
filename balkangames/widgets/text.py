"""What every view says in words: player names, classes and exact equilibria.

The explorers' screens and their ``summary_text()`` are built from these functions, so
the text a test reads is the text a student sees.
"""

from __future__ import annotations

import html
import re

from ..classify import CLASS_EXPLANATIONS, CLASS_TITLES
from ..formatting import with_decimals
from ..params import PARAMETERS
from ..views import html as html_views
from ..views import learner_symbol, player_names


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


_STILL_WORDS = ("Still ", "The same equilibri")
_STILL = " class='balkangames-unchanged' style='font-style:italic;color:#444'"


def one_minus(text: str) -> str:
    """Every minus sign of a number as the true minus ``−`` (not the hyphen ``-``).

    >>> one_minus("−3/2 = −1.5, -2 and x-1, 2-3")
    '−3/2 = −1.5, −2 and x-1, 2-3'
    """
    return re.sub(r"(?<![\w.)\]])-(?=\d)", "−", text)


def lines_html(lines, heading: str | None = None) -> str:
    """Lines of text as an HTML block (escaped), with an optional heading."""
    body = "".join(f"<div{_STILL if line.startswith(_STILL_WORDS) else ''}>{html.escape(one_minus(line))}</div>"
                   for line in lines)
    head = f"<div style='font-weight:bold;margin-top:4px'>{html.escape(heading)}</div>" if heading else ""
    return f"<div class='balkangames-text' style='line-height:1.45'>{head}{body}</div>"


def unchanged_line(game, names, payoffs_moved: bool, several: bool = False, classes: bool = True) -> str:
    """What to say when a control moved and the equilibrium did not.

    >>> from balkangames import model
    >>> unchanged_line(model.security_game(model.SecurityParams()), ("Serbia", "Croatia"), True)
    "Still a Prisoner's Dilemma: the payoffs moved, the equilibrium did not."
    """
    what = "the equilibria" if several else "the equilibrium"
    if game.shape != (2, 2) or not classes:
        head = "The same equilibria" if several else "The same equilibrium"
        return f"{head}: the payoffs moved, {what} did not." if payoffs_moved else f"{head}: nothing in the game changed."
    titles = [CLASS_TITLES[c] for c in game.classes().values()]
    if titles[0] == titles[1]:
        article = "an" if titles[0][0] in "AEIOU" else "a"
        head = f"Still {article} {titles[0]}"
    else:
        head = f"Still {names[0]}: {titles[0]}, {names[1]}: {titles[1]}"
    if payoffs_moved:
        return f"{head}: the payoffs moved, {what} did not."
    return f"{head}: the payoffs are the same here, so {what} too."


# ---------------------------------------------------------------------------
# Parameters, flips and sources in a learner's words


def parameter_label(name: str, names=("player 1", "player 2")) -> str:
    """A parameter as a learner reads it: its symbol, then its meaning with the players' names.

    >>> parameter_label("guarantee_2", ("Serbia", "Kosovo"))
    'a₂: alliance guarantee covering Kosovo'
    >>> parameter_label("offense_1", ("Serbia", "Kosovo"))
    "o₁: Serbia's offense advantage"
    """
    description = PARAMETERS[name].description
    description = description.replace("player 1", str(names[0])).replace("player 2", str(names[1]))
    return f"{learner_symbol(name)}: {description}"


def _profile_words(pattern: str, names) -> str:
    """``"(arm, restrain)"`` -> ``"Serbia arming, Kosovo restraining"``; ``"mixed"`` -> words."""
    if pattern == "mixed":
        return "a mixed equilibrium"
    verbs = {"arm": "arming", "restrain": "restraining"}
    actions = [verbs.get(a.strip(), a.strip()) for a in pattern.strip("()").split(",")]
    if len(actions) == 2 and actions[0] == actions[1]:
        return f"both {actions[0]}"
    return " and ".join(f"{name} {action}" for name, action in zip(names, actions))


def _game_name(title: str) -> str:
    """A class title in running text: "a Prisoner's Dilemma", "a Stag Hunt", "Chicken"."""
    return f"a {title}" if title in ("Prisoner's Dilemma", "Stag Hunt") else title


def flip_words(changes: str, players, names) -> str:
    """A flip (``Flip.changes``, e.g. ``"serbia: chicken -> prisoners-dilemma"``) in words.

    >>> flip_words("serbia: chicken -> prisoners-dilemma; equilibria: mixed -> (arm, arm)",
    ...            ("serbia", "bosnia"), ("Serbia", "Bosnia and Herzegovina"))
    "Serbia's game turns from Chicken into a Prisoner's Dilemma, and the equilibrium from a mixed one to both arming"
    """
    by_id = dict(zip(players, names))
    parts = []
    for part in changes.split("; "):
        who, _, change = part.partition(": ")
        old, _, new = change.partition(" -> ")
        if who == "equilibria":
            olds = [_profile_words(p.strip(), names) for p in re.split(r",\s(?![^()]*\))", old)]
            news = [_profile_words(p.strip(), names) for p in re.split(r",\s(?![^()]*\))", new)]
            before = " or ".join(olds).replace("a mixed equilibrium", "a mixed one")
            plural = len(olds) > 1 or len(news) > 1
            after = " or ".join(news).replace("a mixed equilibrium", "a mixed one")
            parts.append(f"the equilibri{'a' if plural else 'um'} from {before} to {after}")
        else:
            before, after = (_game_name(CLASS_TITLES.get(c, c)) for c in (old, new))
            parts.append(f"{by_id.get(who, player_title(who))}'s game turns from {before} into {after}")
    text = ", and ".join(parts)
    return text[0].upper() + text[1:] if text else text


learner_note = html_views.learner_note
