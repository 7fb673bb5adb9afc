"""Compare a learner's answer with an expected value and explain what is wrong.

Each ``compare_*`` function takes the answer as typed in a notebook and the
expected material (computed from the model by :mod:`balkangames.exercises.registry`)
and returns a :class:`~balkangames.exercises.feedback.Feedback`. None of them
raises on a wrong, malformed or missing answer.

Three promises, each tested for every exercise:

- *every reasonable right answer is accepted*: numpy arrays and scalars, the
  package's own outputs (payoff objects, solutions, backward-induction paths),
  nashpy's equilibria, names in any case and spelling (``'Hawk-Dove'``,
  ``"Prisoners' Dilemma"``, ``'C'`` for restrain, ``'North Macedonia'``);
- *no feedback gives the answer away*: hints name what is violated (an ordering,
  a profitable deviation, a missing kind of equilibrium, a symbol) and format
  examples use placeholders, never a value;
- *nothing fools the check*: answers are read into trusted types first
  (:mod:`~balkangames.exercises.answers`), expressions are parsed without running
  them and decided exactly (:mod:`~balkangames.exercises.expressions`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np
import sympy

from balkangames.beliefs import TypeEquilibrium
from balkangames.classify import PlayerPayoffs
from balkangames.sequential import BackwardInduction, SubgamePerfectProfile, backward_induction
from balkangames.solver import Solution

from . import answers, expressions
from .answers import Unreadable
from .feedback import CORRECT, UNANSWERED, WRONG, Feedback, is_unanswered

LETTERS = ("R", "S", "T", "P")
#: an answer within this distance of an exact one is told to give the exact fraction
NEAR = Fraction(1, 100)
EXACT_HINT = "give the exact fraction, e.g. Fraction(numerator, denominator)"
MEANING = {
    "R": "R is {me}'s payoff when both restrain (the value of mutual restraint)",
    "S": "S is {me}'s payoff when it restrains and {other} arms (the cost of being exploited)",
    "T": "T is {me}'s payoff when it arms and {other} restrains (gain from exploiting minus the cost of arming)",
    "P": "P is {me}'s payoff when both arm (the cost of arming plus the cost of the race)",
}
CLASS_ALIASES = {
    "harmony": "harmony",
    "stag-hunt": "stag-hunt", "staghunt": "stag-hunt", "assurance": "stag-hunt", "sh": "stag-hunt",
    "prisoners-dilemma": "prisoners-dilemma", "prisoner-dilemma": "prisoners-dilemma",
    "prisonersdilemma": "prisoners-dilemma", "pd": "prisoners-dilemma",
    "chicken": "chicken", "hawk-dove": "chicken", "hawkdove": "chicken", "snowdrift": "chicken",
    "game-of-chicken": "chicken", "hawk-and-dove": "chicken",
    "deadlock": "deadlock",
    "tie": "tie", "a-knife-edge-tie-(degenerate)": "tie", "knife-edge-tie": "tie",
}
CLASS_NAMES = ("harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock")
#: The strict inequalities that define each class, as (left, right) pairs meaning left > right.
CLASS_CONDITIONS = {
    "harmony": (("R", "T"), ("S", "P")),
    "stag-hunt": (("R", "T"), ("P", "S")),
    "chicken": (("T", "R"), ("S", "P")),
    "prisoners-dilemma": (("T", "R"), ("P", "S"), ("R", "P")),
    "deadlock": (("T", "R"), ("P", "S"), ("P", "R")),
}
ACTION_ALIASES = {"c": "restrain", "cooperate": "restrain", "restraint": "restrain", "r": "restrain",
                  "d": "arm", "defect": "arm", "a": "arm", "arms": "arm", "restrains": "restrain"}


def _unanswered(exercise: str) -> Feedback:
    return Feedback(UNANSWERED, exercise=exercise)


def _number(value, name: str):
    """(Fraction, None) or (None, reason) — never raises."""
    try:
        return expressions.read_number(value, name), None
    except Unreadable as error:
        return None, str(error)


def _near(value: Fraction, target: Fraction) -> bool:
    return value != target and abs(value - target) <= NEAR


def _is_sympy_solve_list(answer) -> bool:
    return type(answer) in (list, tuple) and len(answer) >= 1 and all(
        isinstance(x, (sympy.Basic, dict)) for x in answer)


# --- payoffs -------------------------------------------------------------------------------------------------

def _payoff_dict(answer) -> dict | None:
    """The learner's payoffs keyed by R, S, T, P, from a dict or the package's PlayerPayoffs."""
    if type(answer) is PlayerPayoffs:
        return dict(answer.as_dict())
    if type(answer) is not dict:
        return None
    letters, spelled = {}, {}
    for name, value in answer.items():
        if not isinstance(name, str) or len(name) > 10:
            return None
        letter = answers.text(name).strip().upper()
        if letter in letters:  # 'r' and 'R': never let one silently win
            raise Unreadable(f"you gave both {spelled[letter]!r} and {answers.text(name)!r}, read as the same key "
                             f"{letter!r}: give each of R, S, T, P once")
        letters[letter], spelled[letter] = value, answers.text(name)
    return letters if set(letters) == set(LETTERS) else None


def compare_payoffs(answer, expected: Mapping[str, Fraction], me: str = "the row player",
                    other: str = "the column player", others: Mapping[str, Fraction] | None = None,
                    exercise: str = "") -> Feedback:
    """Check one player's R, S, T, P (a dict, or the package's payoff object) exactly.

    ``others`` are the other player's payoffs, to recognise an answer that gives them instead.
    """
    if is_unanswered(answer) or (type(answer) is dict and all(is_unanswered(v) for v in answer.values())):
        return _unanswered(exercise)
    try:
        given = _payoff_dict(answer)
    except Unreadable as error:
        return Feedback(WRONG, str(error), (), exercise)
    if given is None:
        return Feedback(WRONG, "give a dict with exactly the keys 'R', 'S', 'T', 'P'",
                        ("for example {'R': …, 'S': …, 'T': …, 'P': …} with a number or Fraction for each",), exercise)
    values, hints = {}, []
    for letter in LETTERS:
        values[letter], problem = _number(given[letter], letter)
        if problem:
            hints.append(problem)
    wrong = [letter for letter in LETTERS if values[letter] != expected[letter]]
    if not wrong:
        return Feedback(CORRECT, exercise=exercise)
    readable = [letter for letter in wrong if values[letter] is not None]
    if others is not None and all(values[k] == others[k] for k in LETTERS):
        return Feedback(WRONG, f"these are {other}'s payoffs",
                        (f"the question asks for {me}'s payoffs: read them from {me}'s matrix",), exercise)
    swapped = {(a, b) for a in readable for b in readable
               if a < b and values[a] == expected[b] and values[b] == expected[a]}
    hints += [f"{a} and {b} look swapped" for a, b in sorted(swapped)]
    paired = {x for pair in swapped for x in pair}
    for letter in readable:
        if letter in paired:
            continue
        if values[letter] == -expected[letter]:
            hints.append(f"check the sign of {letter}")
        elif _near(values[letter], expected[letter]):
            hints.append(f"{letter} is close — {EXACT_HINT}")
        else:
            hints.append(MEANING[letter].format(me=me, other=other))
    return Feedback(WRONG, f"{', '.join(wrong)} not right", tuple(hints), exercise)


# --- classes -------------------------------------------------------------------------------------------------

def normalise_class(answer) -> str | None:
    """The canonical class name for a learner's spelling, or None if unknown.

    >>> normalise_class("Prisoners' Dilemma"), normalise_class("stag hunt"), normalise_class("Hawk-Dove")
    ('prisoners-dilemma', 'stag-hunt', 'chicken')
    >>> normalise_class("x") is None, normalise_class(3) is None
    (True, True)
    """
    try:
        name = answers.key(answer)
    except Unreadable:
        return None
    name = re.sub(r"^(the-|a-)", "", re.sub(r"-game$", "", name))
    return CLASS_ALIASES.get(name) or CLASS_ALIASES.get(name.replace("-", ""))


def compare_class(answer, expected: str, payoffs: Mapping[str, Fraction], me: str = "this player",
                  exercise: str = "") -> Feedback:
    """Check a class name; a wrong one is answered with the ordering it would need."""
    if is_unanswered(answer):
        return _unanswered(exercise)
    name = normalise_class(answer)
    if name is None:
        return Feedback(WRONG, f"{answers.describe_type(answer)} is not a class name",
                        ("use one of: " + ", ".join(CLASS_NAMES) + " (Hawk-Dove for Chicken is fine too)",),
                        exercise)
    if name == expected:
        return Feedback(CORRECT, exercise=exercise)
    if name == "tie":
        return Feedback(WRONG, f"{me}'s deciding comparisons are strict here, so it is not a tie", (), exercise)
    for left, right in CLASS_CONDITIONS[name]:
        if not payoffs[left] > payoffs[right]:
            relation = "=" if payoffs[left] == payoffs[right] else "<"
            return Feedback(WRONG, f"not {name} for {me}",
                            (f"{name} needs {left} > {right}, but here {left} {relation} {right}",), exercise)
    return Feedback(WRONG, f"not {name} for {me}", ("compare R with T and S with P again",), exercise)


def _key_reader(expected_keys):
    """Map a learner's key ('Serbia', 'North Macedonia', '1', 'world 1', numpy 1) to an expected key."""
    lookup = {}
    for k in expected_keys:
        if isinstance(k, str):
            lookup[answers.key(k)] = k
        else:
            lookup.update({str(k): k, f"world-{k}": k, f"world{k}": k})

    def read(given):
        if isinstance(given, str):
            try:
                return lookup.get(answers.key(given))
            except Unreadable:
                return None
        value, problem = _number(given, "a key")
        if problem is None and value.denominator == 1:
            return lookup.get(str(value.numerator))
        return None
    return read


def compare_classes(answer, expected: Mapping, payoffs: Mapping[str, Mapping[str, Fraction]],
                    exercise: str = "") -> Feedback:
    """Check a dict ``{player: class}`` (or ``{world: class}``) for every player of a game."""
    if is_unanswered(answer) or (type(answer) is dict and all(is_unanswered(v) for v in answer.values())):
        return _unanswered(exercise)
    spelled = ", ".join(map(repr, expected))
    if type(answer) is not dict or len(answer) > 8:
        return Feedback(WRONG, f"give a dict with one class per key: {spelled}", (), exercise)
    read = _key_reader(expected)
    given = {}
    written = {}
    for k, v in answer.items():
        found = read(k)
        if found is None:
            return Feedback(WRONG, f"{answers.describe_type(k)} is not one of the keys {spelled}",
                            ("keys are case-insensitive; spaces, hyphens and underscores are all fine",), exercise)
        if found in given:
            return Feedback(WRONG, f"you gave both {answers.describe_type(written[found])} and "
                            f"{answers.describe_type(k)}, read as the same key {found!r}: give each key once",
                            (), exercise)
        given[found], written[found] = v, k
    if set(given) != set(expected):
        return Feedback(WRONG, f"give one class for each of {spelled}", (), exercise)
    names = {k: normalise_class(v) for k, v in given.items()}
    if len(expected) == 2 and None not in names.values():
        first, second = expected
        if names[first] != names[second] and (names[first], names[second]) == (expected[second], expected[first]):
            return Feedback(WRONG, "both classes not right", ("your two classes look swapped between the players",),
                            exercise)
    hints = []
    for player, wanted in expected.items():
        label = player if isinstance(player, str) else f"world {player}"
        verdict = compare_class(given[player], wanted, payoffs[player], me=label)
        if not verdict.correct:
            hints.append(verdict.message + (": " + "; ".join(verdict.hints) if verdict.hints else ""))
    if not hints:
        return Feedback(CORRECT, exercise=exercise)
    return Feedback(WRONG, f"{len(hints)} of {len(expected)} classes not right", tuple(hints), exercise)


# --- equilibria ----------------------------------------------------------------------------------------------

def _components(actions: Sequence[str]) -> int:
    """How many actions each strategy name joins (2 for the game of beliefs' 'restrain-arm'), else 0."""
    parts = {len(a.split("-")) for a in actions}
    simple = {"restrain", "arm"}
    if len(parts) == 1 and parts != {1} and all(set(a.split("-")) <= simple for a in actions):
        return parts.pop()
    return 0


def _name(value) -> str | None:
    """``answers.key(value)``, or None for a value that is not a readable name."""
    try:
        return answers.key(value)
    except Unreadable:
        return None


def _compound_index(value, actions: Sequence[str]) -> int | None:
    """A type strategy written as 'C-D', 'CD', 'restrain arm' or the package's tuple ('restrain', 'arm')."""
    n = _components(actions)
    if not n:
        return None
    if isinstance(value, str):
        name = _name(value)
        if name is None:
            return None
        parts = [p for p in re.split(r"[-,;]+", name) if p]
        if len(parts) == 1 and len(name) == n and set(name) <= {"c", "d"}:
            parts = list(name)  # 'CD'
    elif type(value) in (tuple, list) and len(value) == n and all(isinstance(v, str) for v in value):
        try:
            parts = [answers.key(v) for v in value]
        except Unreadable:
            return None
    else:
        return None
    if len(parts) != n:
        return None
    name = "-".join(ACTION_ALIASES.get(p, p) for p in parts)
    return actions.index(name) if name in actions else None


def _action_index(value, actions: Sequence[str]) -> int | None:
    """The index of a pure action given by name (C/D and synonyms too) or by index."""
    compound = _compound_index(value, actions)
    if compound is not None:
        return compound
    if isinstance(value, str):
        name = _name(value)
        name = ACTION_ALIASES.get(name, name)
        return actions.index(name) if name in actions else None
    if type(value) is bool:
        return None
    number, problem = _number(value, "an index")
    if problem is None and number.denominator == 1 and 0 <= number < len(actions) and not isinstance(value, float):
        return int(number)
    return None


def _mix(value, actions: Sequence[str], who: str):
    """A learner's strategy as an exact probability tuple, or (None, reason).

    Probabilities that are non-negative and add up to within 1/100 of 1 are returned
    as given (the caller says "close — give the exact fraction" or "must add up to 1").
    """
    index = _action_index(value, actions)
    if index is not None:
        return tuple(Fraction(int(k == index)) for k in range(len(actions))), None
    if type(value) is dict:
        read, written = {}, {}
        for name, p in value.items():
            k = _action_index(name, actions)
            if k is None or isinstance(name, int):
                return None, f"{answers.describe_type(name)} is not one of {who}'s actions ({', '.join(actions)})"
            if k in read:
                return None, (f"you gave both {answers.describe_type(written[k])} and {answers.describe_type(name)}, "
                              f"the same action of {who}'s: give each action once")
            read[k], written[k] = p, name
        value = [read.get(k, 0) for k in range(len(actions))]
    listed = answers.items(value, f"{who}'s strategy")
    if listed is not None and len(listed) == len(actions):
        probabilities = []
        for p in listed:
            number, problem = _number(p, f"{who}'s probability")
            if problem:
                return None, problem
            probabilities.append(number)
        if any(p < 0 for p in probabilities) or abs(sum(probabilities) - 1) > NEAR:
            return None, (f"{who}'s probabilities must be ≥ 0 and add up to 1, "
                          f"in the order ({', '.join(f'P({a})' for a in actions)})")
        return tuple(probabilities), None
    return None, (f"cannot read {answers.describe_type(value)} as {who}'s strategy: use an action name "
                  f"({' or '.join(map(repr, actions))}) or probabilities ({', '.join(f'P({a})' for a in actions)})")


def _show_profile(profile, actions) -> str:
    parts = []
    for mix, names in zip(profile, actions, strict=True):
        pure = [k for k, p in enumerate(mix) if p == 1]
        parts.append(names[pure[0]] if pure else "mixed")
    return "(" + ", ".join(parts) + ")"


def _valid(profile) -> bool:
    return all(sum(mix) == 1 and min(mix) >= 0 for mix in profile)


def _deviation(solution, profile, players, actions) -> str | None:
    """Who gains by switching, and to what, at a non-equilibrium profile (naming the right player)."""
    row_mix, col_mix = profile
    current = solution.expected_payoffs(row_mix, col_mix)
    for who in (0, 1):
        for k, name in enumerate(actions[who]):
            pure = tuple(Fraction(int(i == k)) for i in range(len(actions[who])))
            trial = (pure, col_mix) if who == 0 else (row_mix, pure)
            if solution.expected_payoffs(*trial)[who] > current[who]:
                gain = f"{players[who]} gains by switching to {name}"
                if max(profile[1 - who]) < 1:
                    gain += (f" (in a mixed equilibrium {players[1 - who]}'s probabilities are the ones "
                             f"that make {players[who]} indifferent)")
                return gain
    return None


def _profiles(answer, actions=None):
    """The learner's list of profiles, or (None, shape hint)."""
    if type(answer) is Solution:
        return list(answer.equilibria), None
    if type(answer) in (dict, TypeEquilibrium):
        return None, "this looks like a single profile: put your profiles in a list, [profile, …]"
    listed = answers.items(answer, "your list of equilibria")
    if listed is None:
        return None, None
    # the game of beliefs' own equilibria (BayesianGame.equilibria_by_type()): each holds its normal-form profile
    listed = [item.profile if type(item) is TypeEquilibrium else item for item in listed]
    if actions is not None and len(listed) == 2 and all(
            _compound_index(s, names) is not None for s, names in zip(listed, actions, strict=True)):
        return None, ("this looks like a single profile: put it in a list, [(…, …)], "
                      "and list every equilibrium")
    def flat_numbers(strategy) -> bool:
        inner = None if isinstance(strategy, str) else answers.items(strategy)
        return inner is not None and all(not isinstance(x, str) and answers.items(x) is None for x in inner)

    single = len(listed) == 2 and (all(isinstance(s, str) for s in listed) or (
        type(answer) is not list and all(isinstance(s, str) or flat_numbers(s) for s in listed)))
    if single:
        return None, ("this looks like a single profile: put it in a list, [(…, …)], "
                      "and list every equilibrium")
    return listed, None


def compare_equilibria(answer, game, exercise: str = "") -> Feedback:
    """Check a list of equilibria (pure or mixed) of ``game``, exactly and in any order.

    A profile is a pair of strategies (or a dict by player); a strategy is an action
    name, C/D, an index, or probabilities over the player's actions (a tuple, a numpy
    array or a dict by action). nashpy's output and the package's Solution are read too.
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    players, actions = game.players, tuple(tuple(a) for a in game.actions)
    fmt = (f"give a list of profiles, [({players[0]}'s strategy, {players[1]}'s strategy), …]; a strategy is "
           f"an action name or a tuple of probabilities ({', '.join(f'P({a})' for a in actions[0])})")
    try:
        listed, shape = _profiles(answer, actions)
    except Unreadable as error:
        return Feedback(WRONG, str(error), (), exercise)
    if listed is None:
        return Feedback(WRONG, shape or fmt, () if shape else (), exercise)
    solution = game.solve()
    expected = {tuple(map(tuple, profile)) for profile in solution.equilibria}
    read_players = _key_reader(players)
    given, hints, near = set(), [], False
    for item in listed:
        if type(item) is dict:
            by_player = {}
            for k, v in item.items():
                who = read_players(k)
                if who is not None and who in by_player:
                    return Feedback(WRONG, f"a profile gives {answers.describe_type(k)} twice (keys are read in any "
                                    "case): give one strategy per player", (), exercise)
                by_player[who] = v
            if None in by_player:
                hints.append(f"a profile's keys must be the players: {players[0]} and {players[1]}")
                continue
            item = [by_player.get(player) for player in players]
        strategies = None if isinstance(item, str) else answers.items(item, "a profile")
        if strategies is None or len(strategies) != 2:
            hints.append(f"{answers.describe_type(item)} is not a profile: give one strategy per player, "
                         f"({players[0]}'s, {players[1]}'s)")
            continue
        mixes = []
        for strategy, who, names in zip(strategies, players, actions, strict=True):
            mix, problem = _mix(strategy, names, who)
            if problem:
                hints.append(problem)
                break
            mixes.append(mix)
        else:
            profile = tuple(mixes)
            if not _valid(profile):
                if any(_close(profile, e) for e in expected):
                    near = True
                else:
                    hints.append(f"the probabilities of {_show_profile(profile, actions)} must add up to 1 exactly")
                continue
            given.add(profile)
    wrong = sorted((p for p in given if p not in expected and not solution.is_equilibrium(*p)), key=str)
    for profile in wrong:
        if any(_close(profile, e, NEAR) for e in expected):
            near = True
            continue
        diagnosis = (f"{_show_profile(profile, actions)} is not an equilibrium: "
                     f"{_deviation(solution, profile, players, actions)}")
        reversed_mixes = tuple(tuple(reversed(mix)) for mix in profile)
        if reversed_mixes in expected and max(max(m) for m in profile) < 1:
            diagnosis += ("; your probabilities may be reversed: the order is "
                          f"({', '.join(f'P({a})' for a in actions[0])})")
        elif profile[::-1] in expected and profile[0] != profile[1] and actions[0] == actions[1]:
            diagnosis += f"; the strategies may be swapped: the first is {players[0]}'s, the second {players[1]}'s"
        hints.append(diagnosis)
    if near:
        hints.append(f"a profile is close to an equilibrium — {EXACT_HINT}")
    missing = [e for e in expected if e not in given]
    pure_missing = sum(1 for e in missing if all(max(m) == 1 for m in e))
    mixed_missing = len(missing) - pure_missing
    if pure_missing:
        hints.append(f"{pure_missing} pure equilibri{'um is' if pure_missing == 1 else 'a are'} missing")
    if mixed_missing:
        hints.append(f"{mixed_missing} mixed equilibri{'um is' if mixed_missing == 1 else 'a are'} missing "
                     "(a player's mix makes the other player indifferent between its actions)")
    if not hints:
        found = "the only equilibrium" if len(expected) == 1 else f"all {len(expected)} equilibria"
        return Feedback(CORRECT, found, (), exercise)
    message = "not all of these are equilibria" if wrong else "some equilibria are missing"
    if not wrong and not missing:
        message = "some profiles could not be read"
    return Feedback(WRONG, message, tuple(hints), exercise)


def _close(profile, other, tolerance=NEAR) -> bool:
    return all(abs(p - q) <= tolerance for a, b in zip(profile, other, strict=True)
               for p, q in zip(a, b, strict=True))


# --- numbers and expressions ---------------------------------------------------------------------------------

def compare_number(answer, expected: Fraction, tolerance: Fraction | float = 0, mistakes=None,
                   exercise: str = "") -> Feedback:
    """Check a number to within ``tolerance`` (stated in the feedback); ``mistakes`` maps
    known wrong values to a hint about the slip that produces them."""
    if is_unanswered(answer):
        return _unanswered(exercise)
    if type(answer) is np.ndarray and answer.ndim > 0:
        return Feedback(WRONG, f"this is an array of shape {answer.shape}; give the number itself",
                        ("take it out of the array, e.g. with .item() or [0]",), exercise)
    if _is_sympy_solve_list(answer) or (type(answer) in (list, tuple) and len(answer) == 1):
        return Feedback(WRONG, "this is a list; give the number itself",
                        ("sympy.solve returns a list of solutions: take the one you want with [0]",), exercise)
    value, problem = _number(answer, "your answer")
    if problem:
        return Feedback(WRONG, problem, (), exercise)
    tolerance = answers.number(tolerance, "tolerance")
    stated = "exactly" if tolerance == 0 else f"to within ±{float(tolerance):g}"
    if abs(value - expected) <= tolerance:
        return Feedback(CORRECT, f"checked {stated}", (), exercise)
    for wrong_value, hint in (mistakes or {}).items():
        if abs(value - answers.number(wrong_value, "mistake")) <= tolerance:
            return Feedback(WRONG, "not right", (hint,), exercise)
    if _near(value, expected):
        return Feedback(WRONG, f"close — {EXACT_HINT} (checked {stated})", (), exercise)
    direction = "too high" if value > expected else "too low"
    return Feedback(WRONG, f"{direction} (checked {stated})", (), exercise)


def _expression(answer, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    if isinstance(answer, str):
        return expressions.parse(answer, symbols)
    if isinstance(answer, sympy.Basic):
        return expressions.rebuild(answer, symbols)
    return sympy.Rational(str(answers.number(answer, "your expression")))


def compare_expression(answer, expected: sympy.Expr, symbols: Mapping[str, sympy.Symbol],
                       domain: Mapping[str, tuple] | None = None, solve_for: str = "",
                       checks: int = 12, seed: int | None = None, exercise: str = "") -> Feedback:
    """Check a symbolic answer exactly (see :func:`balkangames.exercises.expressions.decide`).

    ``answer`` may be a sympy expression or a string such as ``"1 - (b + c)/(o*W)"``;
    symbols are matched by name. ``domain`` gives each symbol's range (counterexamples
    are taken inside it); ``solve_for`` names the unknown the threshold is solved for.
    Equality is decided by exact algebra only; the point a hint shows for a wrong answer is
    drawn afresh for every check (``seed`` fixes it, for reproducible tests).
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    fmt = ("give a sympy expression, or a string such as '(x + y)/z' in the question's symbols",)
    if _is_sympy_solve_list(answer):
        return Feedback(WRONG, "this is a list of solutions, not an expression",
                        ("sympy.solve returns a list: take its element with [0]",), exercise)
    if isinstance(answer, bool) or not isinstance(answer, (str, sympy.Basic, int, float, Fraction, np.generic)) and not (
            type(answer) is np.ndarray and answer.ndim == 0):
        return Feedback(WRONG, f"{answers.describe_type(answer)} is not an expression", fmt, exercise)
    try:
        value = _expression(answer, symbols)
    except Unreadable as error:
        status = "cannot decide: simplify your expression" if "cannot decide" in str(error) else None
        return Feedback(WRONG, status or str(error), (str(error),) if status else (), exercise)
    extra = sorted(map(str, value.free_symbols - set(symbols.values())))
    if extra:
        hints = [f"{solve_for} is the unknown you solve for: the threshold must not contain it"] \
            if solve_for in extra else []
        return Feedback(WRONG, f"uses unknown symbol(s) {', '.join(extra)}",
                        (*hints, "allowed symbols: " + ", ".join(sorted(symbols))), exercise)
    decision = expressions.decide(value, expected, domain or {}, points=checks, seed=seed)
    if decision.equal:
        return Feedback(CORRECT, f"equal {decision.how}", (), exercise)
    if decision.equal is None:
        return Feedback(WRONG, decision.how, ("sympy.simplify or sympy.cancel may help",), exercise)
    hints = []
    lacking = sorted(map(str, expected.free_symbols - value.free_symbols))
    if lacking:
        hints.append(f"the answer depends on {', '.join(lacking)}")
    if decision.point:
        shown = ", ".join(f"{name}={v}" for name, v in sorted(decision.point.items()))
        got = "is undefined" if decision.value is None else f"gives {decision.value}"
        hints.append(f"not equivalent: at {shown} (inside the model's domain) your expression {got}")
    return Feedback(WRONG, "not the right expression", tuple(hints), exercise)


# --- choices and paths ---------------------------------------------------------------------------------------

def _profile_key(answer, actions: Sequence[str]) -> str | None:
    """A pure profile written any reasonable way ('(C, C)', ('restrain', 'restrain'), ((1, 0), (1, 0)),
    nashpy arrays) as '(restrain, restrain)'; None if it is not one."""
    if isinstance(answer, str):
        words = [w for w in re.split(r"[\s,()\[\]'\"/&+]+|-(?=\w)", answers.text(answer, limit=80)) if w]
        parts = words if len(words) == 2 else None
    else:
        try:
            parts = answers.items(answer)
        except Unreadable:
            return None
    if not parts or len(parts) != 2:
        return None
    chosen = []
    for part in parts:
        mix, problem = _mix(part, actions, "a player")
        if problem or max(mix) != 1:
            return None
        chosen.append(actions[mix.index(1)])
    return f"({chosen[0]}, {chosen[1]})"


def compare_choice(answer, expected, choices: Mapping[str, object], hint: str = "",
                   profile_actions: Sequence[str] | None = None, options: Sequence[str] | None = None,
                   exercise: str = "") -> Feedback:
    """Check a choice among named options.

    ``choices`` maps option keys (normalised as :func:`balkangames.exercises.answers.key`
    does) to canonical values; ``expected`` is the right canonical value, or a set of
    them when several answers are right. With ``profile_actions`` the options are pure
    profiles, and a profile written in any notation is read as one. ``options`` are the
    spellings listed when an answer is not an option (default: the keys of ``choices``).
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    found = None
    if profile_actions is not None:
        found = _profile_key(answer, profile_actions)
    if found is None and isinstance(answer, str):
        try:
            found = answers.key(answer)
        except Unreadable:
            found = None
        if found is not None and profile_actions is not None:
            found = ACTION_ALIASES.get(found, found)
    options = list(options or choices)
    if found is None or found not in choices:
        return Feedback(WRONG, f"{answers.describe_type(answer)} is not one of the options",
                        ("options: " + ", ".join(map(repr, options)),), exercise)
    accepted = expected if isinstance(expected, (set, frozenset)) else {expected}
    if choices[found] in accepted:
        return Feedback(CORRECT, exercise=exercise)
    return Feedback(WRONG, "not this one", (hint,) if hint else (), exercise)


def _moves(answer) -> list | None:
    """The learner's path as move names: a string, a sequence of names or of (player, move) pairs,
    or the package's SubgamePerfectProfile / BackwardInduction result."""
    if type(answer) is BackwardInduction and len(answer.paths) == 1:
        answer = next(iter(answer.paths))
    if type(answer) is SubgamePerfectProfile:
        answer = answer.path
    if isinstance(answer, str):
        return [answer]
    listed = answers.items(answer, "your path")
    if listed is None:
        return None
    moves = []
    for move in listed:
        pair = None if isinstance(move, str) else answers.items(move)
        if pair is not None and len(pair) == 2 and all(isinstance(x, str) for x in pair):
            move = pair[1]
        if not isinstance(move, str):
            return None
        moves.append(move)
    return moves


def compare_path(answer, tree, exercise: str = "") -> Feedback:
    """Check the backward-induction path of a game tree, given as the sequence of moves played."""
    if is_unanswered(answer):
        return _unanswered(exercise)
    try:
        moves = _moves(answer)
    except Unreadable as error:
        return Feedback(WRONG, str(error), (), exercise)
    if not moves:
        return Feedback(WRONG, "give the moves played, in order, as a tuple of the move names in the tree",
                        ("for example ('first move', 'second move'), with the tree's own move names",), exercise)
    result = backward_induction(tree)
    node, played = tree, []
    for move in moves:
        if not hasattr(node, "moves"):
            return Feedback(WRONG, "the game is over before your last move", (), exercise)
        labels = {answers.key(label): label for label, _ in node.moves}
        try:
            label = labels.get(answers.key(move))
        except Unreadable as error:
            return Feedback(WRONG, str(error), (), exercise)
        if label is None:
            return Feedback(WRONG, f"{answers.describe_type(move)} is not a move of the {node.name}",
                            ("moves here: " + ", ".join(map(repr, labels.values())),), exercise)
        played.append(label)
        if all(e.strategy.get(node.name) != label for e in result.equilibria):
            return Feedback(WRONG, "not the backward-induction path",
                            (f"at the {node.name}'s node, {label!r} is not its best move given what follows",),
                            exercise)
        node = node.child(label)
    if hasattr(node, "moves"):
        return Feedback(WRONG, "the path stops too early: the game is not over", (), exercise)
    expected = {tuple(move for _, move in path) for path in result.paths}
    if tuple(played) in expected:
        return Feedback(CORRECT, exercise=exercise)
    return Feedback(WRONG, "not the backward-induction path", (), exercise)
