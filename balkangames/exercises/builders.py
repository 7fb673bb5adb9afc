"""What the self-paced exercises' answer files are built from.

Each exercise notebook lives in its own folder, ``exercises/self-paced/<name>/``: the MyST
notebook a learner opens and ``answers.py`` beside it, whose ``EXERCISES`` list holds one
:class:`Exercise` per question. An exercise stores no answer: its ``expected`` function builds
the game from the model (or a case, a game tree, a game of beliefs) when the learner checks, and
derives the answer then. The pieces several notebooks share are here; what only one notebook
asks stays in its own ``answers.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from balkangames import cases, mechanisms, model
from balkangames.game import Game
from balkangames.params import PER_PLAYER, ROWS, SecurityParams, by_symbol

from .answers import key

__all__ = [
    "Exercise", "SERBIA_CROATIA", "THRESHOLD_DOMAIN", "THRESHOLD_SYMBOLS", "case_game", "class_exercise",
    "classes_of", "equilibria_exercise", "layered", "parameter_choices", "parameter_options",
    "payoff_exercise", "payoffs_in", "payoffs_of", "security_game", "threshold_exercise", "what_changed",
]

SERBIA_CROATIA = ("serbia", "croatia")
#: e is the kin stake; p a belief (that the rival is a security seeker), the unknown of the trust threshold
THRESHOLD_SYMBOLS = {name: sympy.Symbol(name, positive=True) for name in ("o", "a", "d", "W", "b", "c", "w", "e", "p")}
#: each threshold symbol's range in the model (low, high; None = unbounded): counterexamples lie inside
THRESHOLD_DOMAIN = {"o": (0, 1), "a": (0, 1), "d": (0, 1), "W": (0, None), "b": (0, None), "c": (0, None),
                    "w": (0, None), "e": (0, None), "p": (0, 1)}


@dataclass(frozen=True)
class Exercise:
    """One checkable question.

    Attributes:
        id: the name used in notebooks, e.g. ``"01-equilibria"``.
        kind: which comparison applies (``payoffs``, ``class``, ``classes``,
            ``equilibria``, ``number``, ``expression``, ``choice``, ``path``).
        question: one line saying what is asked (shown by ``describe``).
        expected: builds the keyword arguments of the comparison (the expected
            answer and what the hints need).
    """

    id: str
    kind: str
    question: str
    expected: Callable[[], dict]


def security_game(players=SERBIA_CROATIA, **params) -> Game:
    """The model's 2x2 security game for ``params`` (names as in :class:`SecurityParams`)."""
    return model.security_game(SecurityParams(**params), players=players)


def payoffs_of(game: Game, player: int = 0) -> dict:
    """Player ``player``'s (0 or 1) R, S, T, P as a dict."""
    return dict(game.payoffs_of(game.players[player]).as_dict())


def payoffs_in(game: Game, player: int) -> dict:
    """Payoff-exercise arguments for ``player`` (0 or 1) of ``game``: the other's payoffs feed the hints."""
    return {"expected": payoffs_of(game, player), "me": game.players[player], "other": game.players[1 - player],
            "others": payoffs_of(game, 1 - player)}


def payoff_exercise(params: dict) -> Callable[[], dict]:
    """The first player's payoffs in the security game of ``params``."""
    return lambda: payoffs_in(security_game(**params), 0)


def class_exercise(params: dict) -> Callable[[], dict]:
    """The first player's class in the security game of ``params``."""
    def build():
        game = security_game(**params)
        return {"expected": game.classes()[game.players[0]], "payoffs": payoffs_of(game), "me": game.players[0]}
    return build


def equilibria_exercise(build_game: Callable[[], Game]) -> Callable[[], dict]:
    """All equilibria of the game ``build_game()`` returns."""
    return lambda: {"game": build_game()}


def classes_of(game: Game) -> dict:
    """Both players' classes, with their payoffs for the hints."""
    return {"expected": dict(game.classes()),
            "payoffs": {p: payoffs_of(game, k) for k, p in enumerate(game.players)}}


def case_game(case_id: str, year: int) -> Game:
    """The game of a case in ``year``."""
    return cases.load(case_id).game(year=year)


def layered(case_id: str, year: int):
    """A case-year with its second layer (motives, beliefs, kin), as :func:`balkangames.mechanisms.layered`."""
    return mechanisms.layered(cases.load(case_id), year)


def _model_gap(condition: str, terms: dict):
    """``condition``'s two sides from :mod:`balkangames.model` in the threshold symbols (symmetric dyad, no alliance)."""
    s = THRESHOLD_SYMBOLS
    left, right = condition.split("=")
    sym = model.symbolic_terms(1)
    # the notebook's symbols are the model's (a_2 for the rival's guarantee); every other parameter is 0:
    # no alliance, no subsidy, the second layer (motives, kin, provocation) off
    names = by_symbol({**{k: s[k] for k in ("o", "W", "b", "c", "w", "d")}, "a_2": s["a"]})
    return (sym[left] - sym[right]).subs({model.SYMBOLS[k]: v for k, v in names.items()})


def threshold_exercise(condition: str, solve_for: str, symbols) -> Callable[[], dict]:
    """The value of ``solve_for`` where ``condition`` (``"T=R"`` or ``"S=P"``) holds, as a sympy expression.

    The notebook's own formulas are solved, then checked against :mod:`balkangames.model`'s, so
    the exercise cannot drift from the model.
    """
    def build():
        s = THRESHOLD_SYMBOLS
        terms = {  # the model's payoffs in the notebook's symbols (symmetric dyad, no alliance)
            "T": s["o"] * (1 - s["a"]) * s["W"] - s["c"],
            "R": s["b"],
            "S": -s["o"] * (1 - s["d"]) * s["W"],
            "P": -s["c"] - s["w"],
        }
        left, right = condition.split("=")
        solved = sympy.solve(sympy.Eq(terms[left], terms[right]), s[solve_for])[0]
        if sympy.simplify(_model_gap(condition, terms).subs(s[solve_for], solved)) != 0:
            raise RuntimeError(f"exercise formula for {condition} disagrees with balkangames.model")
        return {"expected": solved, "symbols": {k: s[k] for k in symbols}, "solve_for": solve_for,
                "domain": {k: THRESHOLD_DOMAIN[k] for k in symbols}}
    return build


# --- which parameter changed ---------------------------------------------------------------------

#: parameter groups a learner may name instead of one parameter (``guarantee`` for guarantee_2)
PARAMETER_GROUPS = {"same_alliance": "alliance", "alliance_penalty": "alliance"}
#: the README's symbols for parameters that carry a player index (a2 for guarantee_2), from balkangames.params
PARAMETER_SYMBOLS = {name: ROWS[name].symbol for name in PER_PLAYER}


def _group(name: str) -> str:
    stem, _, index = name.rpartition("_")
    return PARAMETER_GROUPS.get(name, stem if index in ("1", "2") else name)


def parameter_options() -> list[str]:
    """Every answer to "which parameter changed?": the groups, then each parameter by its name.

    >>> options = parameter_options()
    >>> "guarantee" in options and "guarantee_2" in options and "distinguishability" in options
    True
    """
    names = list(SecurityParams().flat())
    groups = [g for g in dict.fromkeys(_group(n) for n in names) if g not in names]
    return groups + names


def parameter_choices() -> dict:
    """How a learner may write each option (name, group, or symbol such as ``a2``), read to the option."""
    choices = {}
    for option in parameter_options():
        choices[key(option)] = option
        stem, _, index = option.rpartition("_")
        if stem in PARAMETER_SYMBOLS and index in ("1", "2"):
            choices[PARAMETER_SYMBOLS[stem] + index] = option  # a2 for guarantee_2
            choices[f"{PARAMETER_SYMBOLS[stem]}-{index}"] = option
    return choices


def what_changed(case_id: str, before: int, after: int) -> Callable[[], dict]:
    """Which parameters (and groups) of a case differ between two years."""
    def build():
        case = cases.load(case_id)
        old, new = case.params(year=before).flat(), case.params(year=after).flat()
        changed = {name for name in old if old[name] != new[name]}
        return {"expected": frozenset(changed | {_group(name) for name in changed}), "choices": parameter_choices(),
                "options": parameter_options(),
                "hint": f"compare case.params(year={before}) with case.params(year={after})"}
    return build

