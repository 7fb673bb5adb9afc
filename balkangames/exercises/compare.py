"""Compare a learner's answer with an expected value and explain what is wrong.

Each ``compare_*`` function takes the answer as typed in a notebook and the
expected material (computed from the model by :mod:`balkangames.exercises.registry`)
and returns a :class:`~balkangames.exercises.feedback.Feedback`. None of them
raises on a wrong, malformed or missing answer, and no hint states the expected
answer: hints name what is violated (an ordering, a profitable deviation, a
missing kind of equilibrium, a symbol the expression lacks).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction

import sympy

from balkangames.validation import exact

from .feedback import CORRECT, UNANSWERED, WRONG, Feedback, is_unanswered

LETTERS = ("R", "S", "T", "P")
MEANING = {
    "R": "R is {me}'s payoff when both restrain (the value of mutual restraint)",
    "S": "S is {me}'s payoff when it restrains and {other} arms (the cost of being exploited)",
    "T": "T is {me}'s payoff when it arms and {other} restrains (gain from exploiting minus the cost of arming)",
    "P": "P is {me}'s payoff when both arm (the cost of arming plus the cost of the race)",
}
CLASS_ALIASES = {
    "harmony": "harmony",
    "stag-hunt": "stag-hunt", "stag hunt": "stag-hunt", "staghunt": "stag-hunt", "assurance": "stag-hunt",
    "prisoners-dilemma": "prisoners-dilemma", "prisoner's dilemma": "prisoners-dilemma",
    "prisoners dilemma": "prisoners-dilemma", "prisoner's-dilemma": "prisoners-dilemma",
    "pd": "prisoners-dilemma",
    "chicken": "chicken", "deadlock": "deadlock", "tie": "tie",
}
#: The strict inequalities that define each class, as (left, right) pairs meaning left > right.
CLASS_CONDITIONS = {
    "harmony": (("R", "T"), ("S", "P")),
    "stag-hunt": (("R", "T"), ("P", "S")),
    "chicken": (("T", "R"), ("S", "P")),
    "prisoners-dilemma": (("T", "R"), ("P", "S"), ("R", "P")),
    "deadlock": (("T", "R"), ("P", "S"), ("P", "R")),
}


def _unanswered(exercise: str) -> Feedback:
    return Feedback(UNANSWERED, exercise=exercise)


def _number(value, name: str):
    """(Fraction, None) or (None, reason) — never raises."""
    try:
        return exact(value, name), None
    except (ValueError, TypeError) as error:
        return None, str(error)


def compare_payoffs(answer, expected: Mapping[str, Fraction], me: str = "the row player",
                    other: str = "the column player", exercise: str = "") -> Feedback:
    """Check a dict of one player's R, S, T, P against ``expected`` (exactly)."""
    if is_unanswered(answer) or (isinstance(answer, Mapping) and all(is_unanswered(v) for v in answer.values())):
        return _unanswered(exercise)
    if not isinstance(answer, Mapping) or set(map(str, answer)) != set(LETTERS):
        return Feedback(WRONG, "give a dict with exactly the keys 'R', 'S', 'T', 'P'",
                        ("for example {'R': …, 'S': …, 'T': …, 'P': …} with a number or Fraction for each",), exercise)
    values, hints = {}, []
    for letter in LETTERS:
        value, problem = _number(answer[letter], letter)
        if problem:
            hints.append(problem)
        values[letter] = value
    wrong = [letter for letter in LETTERS if values[letter] is not None and values[letter] != expected[letter]]
    wrong += [letter for letter in LETTERS if values[letter] is None]
    if not wrong:
        return Feedback(CORRECT, exercise=exercise)
    swapped = {(a, b) for a in wrong for b in wrong
               if a < b and values[a] == expected[b] and values[b] == expected[a]}
    for a, b in sorted(swapped):
        hints.append(f"{a} and {b} look swapped")
    paired = {x for pair in swapped for x in pair}
    for letter in wrong:
        if letter in paired or values[letter] is None:
            continue
        if values[letter] == -expected[letter] and expected[letter] != 0:
            hints.append(f"check the sign of {letter}")
        else:
            hints.append(MEANING[letter].format(me=me, other=other))
    return Feedback(WRONG, f"{', '.join(sorted(set(wrong), key=LETTERS.index))} not right", tuple(hints), exercise)


def normalise_class(answer) -> str | None:
    """The canonical class name for a learner's spelling, or None if unknown.

    >>> normalise_class("Prisoner's Dilemma"), normalise_class("stag hunt"), normalise_class("x")
    ('prisoners-dilemma', 'stag-hunt', None)
    """
    if not isinstance(answer, str):
        return None
    key = " ".join(answer.strip().lower().replace("_", " ").replace("’", "'").split())
    return CLASS_ALIASES.get(key) or CLASS_ALIASES.get(key.replace(" ", "-"))


def compare_class(answer, expected: str, payoffs: Mapping[str, Fraction], me: str = "this player",
                  exercise: str = "") -> Feedback:
    """Check a class name; a wrong one is answered with the ordering it would need."""
    if is_unanswered(answer):
        return _unanswered(exercise)
    name = normalise_class(answer)
    if name is None:
        return Feedback(WRONG, f"{answer!r} is not a class name",
                        ("use one of: " + ", ".join(sorted(set(CLASS_ALIASES.values()))),), exercise)
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


def _action_index(value, actions: Sequence[str]) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < len(actions):
        return value
    if isinstance(value, str):
        key = value.strip().lower()
        if key in actions:
            return actions.index(key)
        aliases = {"c": "restrain", "cooperate": "restrain", "d": "arm", "defect": "arm"}
        if aliases.get(key) in actions:
            return actions.index(aliases[key])
    return None


def _mix(value, actions: Sequence[str], who: str):
    """A learner's strategy as an exact probability tuple, or (None, reason)."""
    index = _action_index(value, actions)
    if index is not None:
        return tuple(Fraction(int(k == index)) for k in range(len(actions))), None
    if isinstance(value, Mapping):
        value = [value.get(action, 0) for action in actions]
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == len(actions):
        probabilities = []
        for p in value:
            number, problem = _number(p, f"{who}'s probability")
            if problem:
                return None, problem
            probabilities.append(number)
        if all(p >= 0 for p in probabilities) and sum(probabilities) != 1 and abs(sum(probabilities) - 1) < 1e-6:
            return None, (f"{who}'s probabilities are rounded decimals that do not add up to exactly 1: "
                          "use Fraction, e.g. Fraction(1, 3) instead of 0.333")
        if any(p < 0 for p in probabilities) or sum(probabilities) != 1:
            return None, f"{who}'s probabilities {tuple(str(p) for p in probabilities)} must be ≥ 0 and add up to 1 exactly"
        return tuple(probabilities), None
    return None, (f"cannot read {value!r} as {who}'s strategy: use an action name "
                  f"({', '.join(map(repr, actions))}) or probabilities for ({', '.join(actions)})")


def _show_profile(profile, actions) -> str:
    parts = []
    for mix, names in zip(profile, actions, strict=True):
        pure = [k for k, p in enumerate(mix) if p == 1]
        parts.append(names[pure[0]] if pure else "mixed")
    return "(" + ", ".join(parts) + ")"


def _deviation(solution, profile, players, actions) -> str | None:
    """Who gains by switching, and to what, at a non-equilibrium profile."""
    row_mix, col_mix = profile
    current = solution.expected_payoffs(row_mix, col_mix)
    for who in (0, 1):
        for k, name in enumerate(actions[who]):
            pure = tuple(Fraction(int(i == k)) for i in range(len(actions[who])))
            trial = (pure, col_mix) if who == 0 else (row_mix, pure)
            if solution.expected_payoffs(*trial)[who] > current[who]:
                return f"{players[who]} gains by switching to {name}"
    return None


def compare_equilibria(answer, game, exercise: str = "") -> Feedback:
    """Check a list of equilibria (pure or mixed) of ``game``, exactly and in any order.

    A profile is a pair of strategies; a strategy is an action name (or index) or
    a sequence of probabilities over the player's actions.
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    players, actions = game.players, tuple(tuple(a) for a in game.actions)
    solution = game.solve()
    expected = {tuple(map(tuple, profile)) for profile in solution.equilibria}
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (Sequence, set, frozenset)):
        return Feedback(WRONG, "give a list of equilibria, e.g. [('arm', 'arm')]", (), exercise)
    given, hints, near = set(), [], []
    for item in answer:
        if not isinstance(item, (Sequence, Mapping)) or isinstance(item, str) or len(item) != 2:
            hints.append(f"{item!r} is not a profile: give one strategy per player, e.g. ('restrain', 'arm')")
            continue
        if isinstance(item, Mapping):
            item = [item.get(player) for player in players]
        mixes = []
        for strategy, who, names in zip(item, players, actions, strict=True):
            mix, problem = _mix(strategy, names, who)
            if problem:
                hints.append(problem)
                break
            mixes.append(mix)
        else:
            given.add(tuple(mixes))
    wrong = [p for p in given if p not in expected and not solution.is_equilibrium(*p)]
    for profile in sorted(wrong, key=str):
        deviation = _deviation(solution, profile, players, actions)
        hints.append(f"{_show_profile(profile, actions)} is not an equilibrium: {deviation}")
        if any(_close(profile, e) for e in expected):
            near.append(profile)
    if near:
        hints.append("one of your profiles is close to an equilibrium but not exact: use Fraction, e.g. Fraction(1, 3)")
    missing = [e for e in expected if e not in given]
    pure_missing = sum(1 for e in missing if all(max(m) == 1 for m in e))
    mixed_missing = len(missing) - pure_missing
    if pure_missing:
        hints.append(f"{pure_missing} pure equilibri{'um is' if pure_missing == 1 else 'a are'} missing")
    if mixed_missing:
        hints.append(f"{mixed_missing} mixed equilibri{'um is' if mixed_missing == 1 else 'a are'} missing "
                     "(make each player indifferent between its actions)")
    if not hints:
        found = "the only equilibrium" if len(expected) == 1 else f"all {len(expected)} equilibria"
        return Feedback(CORRECT, found, (), exercise)
    message = "not all of these are equilibria" if wrong else "some equilibria are missing"
    if not wrong and not missing:
        message = "some profiles could not be read"
    return Feedback(WRONG, message, tuple(hints), exercise)


def _close(profile, other, tolerance=1e-6) -> bool:
    return all(abs(float(p) - float(q)) < tolerance for a, b in zip(profile, other, strict=True)
               for p, q in zip(a, b, strict=True))


def compare_number(answer, expected: Fraction, tolerance: Fraction | float = 0, mistakes=None,
                   exercise: str = "") -> Feedback:
    """Check a number to within ``tolerance`` (stated in the feedback); ``mistakes`` maps
    known wrong values to a hint about the slip that produces them."""
    if is_unanswered(answer):
        return _unanswered(exercise)
    value, problem = _number(answer, "your answer")
    if problem:
        return Feedback(WRONG, problem, (), exercise)
    tolerance = exact(tolerance, "tolerance")
    stated = "exactly" if tolerance == 0 else f"to within ±{float(tolerance):g}"
    if abs(value - expected) <= tolerance:
        return Feedback(CORRECT, f"checked {stated}", (), exercise)
    for wrong_value, hint in (mistakes or {}).items():
        if abs(value - exact(wrong_value, "mistake")) <= tolerance:
            return Feedback(WRONG, "not right", (hint,), exercise)
    direction = "too high" if value > expected else "too low"
    return Feedback(WRONG, f"{direction} (checked {stated})", (), exercise)


def compare_expression(answer, expected: sympy.Expr, symbols: Mapping[str, sympy.Symbol],
                       checks: int = 6, seed: int = 2024, exercise: str = "") -> Feedback:
    """Check a symbolic answer by sympy equivalence, backed by random exact spot checks.

    ``answer`` may be a sympy expression or a string such as ``"1 - (b + c)/(o*W)"``,
    read with ``symbols`` (name -> Symbol).
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    if not isinstance(answer, (str, sympy.Basic, int, float, Fraction)) or isinstance(answer, bool):
        return Feedback(WRONG, f"{answer!r} is not an expression",
                        ("give a sympy expression, or a string such as '1 - c/(o*W)'",), exercise)
    try:
        value = sympy.sympify(answer, locals=dict(symbols)) if isinstance(answer, str) else sympy.sympify(answer)
    except (sympy.SympifyError, SyntaxError, TypeError, ValueError, AttributeError) as error:
        return Feedback(WRONG, f"cannot read your expression: {error}", (), exercise)
    if not isinstance(value, sympy.Expr) and not isinstance(value, sympy.core.relational.Relational):
        return Feedback(WRONG, f"{answer!r} is not an expression",
                        ("give a sympy expression, or a string such as '1 - c/(o*W)'",), exercise)
    if isinstance(value, sympy.core.relational.Relational):
        return Feedback(WRONG, "give an expression, not an equation or inequality",
                        ("solve for the threshold and give the right-hand side",), exercise)
    allowed = set(symbols.values())
    # A learner's own sympy.symbols("o W") differ from ours only in assumptions: match by name.
    renamed = {s: symbols[str(s)] for s in value.free_symbols if str(s) in symbols and s not in allowed}
    value = value.subs(renamed)
    extra = value.free_symbols - allowed
    if extra:
        return Feedback(WRONG, f"uses unknown symbol(s) {', '.join(sorted(map(str, extra)))}",
                        ("allowed symbols: " + ", ".join(sorted(symbols)),), exercise)
    lacking = expected.free_symbols - value.free_symbols
    hints = [f"the answer depends on {', '.join(sorted(map(str, lacking)))}"] if lacking else []
    if not lacking and sympy.simplify(value - expected) == 0:
        return Feedback(CORRECT, exercise=exercise)
    rng = random.Random(seed)
    for _ in range(checks):
        point = {s: sympy.Rational(rng.randint(1, 9), rng.randint(1, 9)) for s in allowed}
        got, want = value.subs(point), expected.subs(point)
        if got.is_finite is False or want.is_finite is False or sympy.simplify(got - want) != 0:
            shown = ", ".join(f"{s}={v}" for s, v in sorted(point.items(), key=lambda kv: str(kv[0])))
            hints.append(f"not equivalent: at {shown} your expression gives {got}")
            return Feedback(WRONG, "not the right expression", tuple(hints), exercise)
    if hints:
        return Feedback(WRONG, "not the right expression", tuple(hints), exercise)
    return Feedback(CORRECT, "equal at every spot check", (), exercise)


def compare_choice(answer, expected, choices: Mapping[str, object], hint: str = "",
                   exercise: str = "") -> Feedback:
    """Check a choice among named options.

    ``choices`` maps accepted spellings to canonical values; ``expected`` is the
    right canonical value, or a set of them when several answers are right.
    """
    if is_unanswered(answer):
        return _unanswered(exercise)
    key = answer.strip().lower() if isinstance(answer, str) else answer
    if isinstance(key, (tuple, list)):
        key = tuple(x.strip().lower() if isinstance(x, str) else x for x in key)
    try:
        known = key in choices
    except TypeError:  # an unhashable answer such as a list of dicts
        known = False
    if not known:
        shown = sorted({repr(k) for k in choices if isinstance(k, str)})[:8]
        return Feedback(WRONG, f"{answer!r} is not one of the options", (("options: " + ", ".join(shown)),), exercise)
    accepted = expected if isinstance(expected, (set, frozenset)) else {expected}
    if choices[key] in accepted:
        return Feedback(CORRECT, exercise=exercise)
    return Feedback(WRONG, "not this one", (hint,) if hint else (), exercise)


def compare_classes(answer, expected: Mapping[str, str], payoffs: Mapping[str, Mapping[str, Fraction]],
                    exercise: str = "") -> Feedback:
    """Check a dict ``{player: class}`` for every player of a game."""
    if is_unanswered(answer) or (isinstance(answer, Mapping) and all(is_unanswered(v) for v in answer.values())):
        return _unanswered(exercise)
    if not isinstance(answer, Mapping) or set(answer) != set(expected):
        return Feedback(WRONG, "give a dict with one class per player: keys " + ", ".join(map(repr, expected)),
                        (), exercise)
    hints = []
    for player, wanted in expected.items():
        name = player if isinstance(player, str) else f"world {player}"
        verdict = compare_class(answer[player], wanted, payoffs[player], me=name)
        if not verdict.correct:
            hints.append(verdict.message + (": " + "; ".join(verdict.hints) if verdict.hints else ""))
    if not hints:
        return Feedback(CORRECT, exercise=exercise)
    return Feedback(WRONG, f"{len(hints)} of {len(expected)} classes not right", tuple(hints), exercise)


def compare_path(answer, tree, exercise: str = "") -> Feedback:
    """Check the backward-induction path of a game tree, given as the sequence of moves played."""
    from balkangames.sequential import backward_induction

    if is_unanswered(answer):
        return _unanswered(exercise)
    if isinstance(answer, str):
        answer = (answer,)
    if not isinstance(answer, Sequence) or not all(isinstance(m, str) for m in answer):
        return Feedback(WRONG, "give the moves played, in order, e.g. ('seize', 'resist')", (), exercise)
    moves = tuple(m.strip().lower() for m in answer)
    result = backward_induction(tree)
    expected = {tuple(move for _, move in path) for path in result.paths}
    if moves in expected:
        return Feedback(CORRECT, exercise=exercise)
    node = tree
    for move in moves:
        if not hasattr(node, "moves"):
            return Feedback(WRONG, "the game is over before your last move", (), exercise)
        labels = [label for label, _ in node.moves]
        if move not in labels:
            return Feedback(WRONG, f"{move!r} is not a move of the {node.name}",
                            ("moves here: " + ", ".join(map(repr, labels)),), exercise)
        if all(e.strategy.get(node.name) != move for e in result.equilibria):
            return Feedback(WRONG, "not the backward-induction path",
                            (f"at the {node.name}'s node, {move!r} is not its best move given what follows",),
                            exercise)
        node = node.child(move)
    return Feedback(WRONG, "the path stops too early: the game is not over", (), exercise)
