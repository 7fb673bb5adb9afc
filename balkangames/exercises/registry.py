"""Every self-paced exercise, by id, with how to compute its expected answer.

Expected answers are never stored: each exercise holds a function that builds
the game (from :mod:`balkangames.model`, a case in :mod:`balkangames.cases`,
:mod:`balkangames.sequential`, or the game of beliefs in :mod:`balkangames.beliefs`
and :mod:`balkangames.mechanisms`) and derives the answer when the learner checks,
so the student notebook contains only the exercise id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import sympy

from balkangames import analysis, beliefs, model
from balkangames.game import Game
from balkangames.params import LAYER_TWO, SecurityParams

__all__ = ["EXERCISES", "Exercise", "THRESHOLD_DOMAIN", "get", "ids", "parameter_options"]

PD_PARAMS = dict(offense=Fraction(4, 5), distinguishability=Fraction(1, 10))
SH_PARAMS = dict(offense=Fraction(1, 4), distinguishability=Fraction(1, 10))
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
        question: one line saying what is asked (shown by :func:`describe`).
        expected: builds the keyword arguments of the comparison (the expected
            answer and what the hints need).
    """

    id: str
    kind: str
    question: str
    expected: Callable[[], dict]


def _game(players=SERBIA_CROATIA, **params):
    return model.security_game(SecurityParams(**params), players=players)


def _payoffs(game, player=0):
    return dict(game.payoffs_of(game.players[player]).as_dict())


def _payoff_exercise(params):
    return lambda: _payoffs_in(_game(**params), 0)


def _payoffs_in(game, player):
    """Payoff-exercise arguments for ``player`` (0 or 1) of an existing game."""
    return {"expected": _payoffs(game, player), "me": game.players[player], "other": game.players[1 - player],
            "others": _payoffs(game, 1 - player)}


def _class_exercise(params):
    def build():
        game = _game(**params)
        return {"expected": game.classes()[game.players[0]], "payoffs": _payoffs(game), "me": game.players[0]}
    return build


def _classes_of(game):
    return {"expected": dict(game.classes()),
            "payoffs": {p: _payoffs(game, k) for k, p in enumerate(game.players)}}


def _case_game(case_id, year):
    from balkangames import cases  # the case layer sits above the model

    return cases.load(case_id).game(year=year)


def _mixed_restrain_probability():
    game = _game(**SH_PARAMS)
    mixed = [e for e in game.solve().equilibria if all(0 < p < 1 for mix in e for p in mix)]
    restrain = game.actions[1].index("restrain")
    expected = mixed[0][1][restrain]
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is the probability of arming; the question asks for restraining"}}


def _risk_dominance():
    game = _game(**SH_PARAMS)
    dominant = analysis.risk_dominance(game.A, game.B).dominant
    names = {(0, 0): "restrain", (1, 1): "arm"}
    choices = {"(restrain, restrain)": "restrain", "restrain": "restrain", "mutual-restraint": "restrain",
               "(arm, arm)": "arm", "arm": "arm", "arms-race": "arm", "neither": None, "tie": None, "none": None}
    return {"expected": names.get(dominant), "choices": choices, "profile_actions": game.actions[0],
            "options": ("(restrain, restrain)", "(arm, arm)", "neither"),
            "hint": "compare the products of the deviation losses (R − T)² and (P − S)²"}


def _threshold(condition, solve_for, symbols):
    def build():
        s = THRESHOLD_SYMBOLS
        terms = {  # the model's payoffs in the notebook's symbols (symmetric dyad, no alliance)
            "T": s["o"] * (1 - s["a"]) * s["W"] - s["c"],
            "R": s["b"],
            "S": -s["o"] * (1 - s["d"]) * s["W"],
            "P": -s["c"] - s["w"],
        }
        expected = _check_against_model(condition, solve_for, terms)
        return {"expected": expected, "symbols": {k: s[k] for k in symbols}, "solve_for": solve_for,
                "domain": {k: THRESHOLD_DOMAIN[k] for k in symbols}}
    return build


def _check_against_model(condition, solve_for, terms):
    """Solve ``condition`` (``"T=R"`` or ``"S=P"``) for a symbol, cross-checked with the model's formula."""
    s = THRESHOLD_SYMBOLS
    left, right = condition.split("=")
    solved = sympy.solve(sympy.Eq(terms[left], terms[right]), s[solve_for])[0]
    sym = model.symbolic_terms(1)
    names = {"offense_1": s["o"], "offense_2": s["o"], "stakes": s["W"], "restraint_value": s["b"],
             "arming_cost": s["c"], "race_cost": s["w"], "distinguishability": s["d"], "guarantee_1": 0,
             "guarantee_2": s["a"], "same_alliance": 0, "subsidy_1": 0, "subsidy_2": 0, "alliance_penalty": 0,
             **dict.fromkeys(LAYER_TWO, 0)}  # the second layer (motives, kin, provocation) is off here
    gap = (sym[left] - sym[right]).subs({model.SYMBOLS[k]: v for k, v in names.items()})
    if sympy.simplify(gap.subs(s[solve_for], solved)) != 0:
        raise RuntimeError(f"exercise formula for {condition} disagrees with balkangames.model")
    return solved


def _fear_threshold_value():
    s = THRESHOLD_SYMBOLS
    expression = _threshold("S=P", "d", ())()["expected"]
    value = expression.subs({s["o"]: Fraction(1, 4), s["W"]: 10, s["c"]: 1, s["w"]: 1})
    return {"expected": Fraction(str(value)), "tolerance": Fraction(1, 1000)}


def _grim_delta():
    game = _game(**PD_PARAMS)
    R, S, T, P = (_payoffs(game)[k] for k in "RSTP")
    expected = analysis.grim_trigger_delta(R, T, P)
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is 1 − δ*: compare the one-off gain T − R with the loss T − P"}}


FAIT_ACCOMPLI = dict(x=10, p0=Fraction(1, 2), c_challenger=1, c_defender=2, h=4)


def _fait_accompli_tree(alpha=0, attribution=1):
    from balkangames.sequential import fait_accompli

    return fait_accompli(alpha=alpha, attribution=attribution, **FAIT_ACCOMPLI)


def _resist_payoff():
    from balkangames.sequential import RESIST, SEIZE

    resisted = _fait_accompli_tree().child(SEIZE).child(RESIST)
    return {"expected": resisted.payoffs[1], "tolerance": Fraction(1, 1000),
            "mistakes": {-resisted.payoffs[1]: "check the sign: resisting costs the defender"}}


def _deterrence_threshold():
    from balkangames.sequential import fait_accompli_thresholds

    thresholds = fait_accompli_thresholds(**FAIT_ACCOMPLI)
    return {"expected": thresholds.challenger_deterred_from, "tolerance": Fraction(1, 1000)}


#: parameter groups a learner may name instead of one parameter (``guarantee`` for guarantee_2)
PARAMETER_GROUPS = {"same_alliance": "alliance", "alliance_penalty": "alliance"}
#: the README's symbols for parameters that carry a player index (a2 for guarantee_2)
PARAMETER_SYMBOLS = {"offense": "o", "guarantee": "a", "subsidy": "r"}


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


def _parameter_choices() -> dict:
    from .answers import key

    choices = {}
    for option in parameter_options():
        choices[key(option)] = option
        stem, _, index = option.rpartition("_")
        if stem in PARAMETER_SYMBOLS and index in ("1", "2"):
            choices[PARAMETER_SYMBOLS[stem] + index] = option  # a2 for guarantee_2
            choices[f"{PARAMETER_SYMBOLS[stem]}-{index}"] = option
    return choices


def _what_changed(case_id, before, after):
    def build():
        from balkangames import cases

        case = cases.load(case_id)
        old, new = case.params(year=before).flat(), case.params(year=after).flat()
        changed = {name for name in old if old[name] != new[name]}
        return {"expected": frozenset(changed | {_group(name) for name in changed}), "choices": _parameter_choices(),
                "options": parameter_options(),
                "hint": f"compare case.params(year={before}) with case.params(year={after})"}
    return build


# --- 07: types and beliefs (balkangames.beliefs) ------------------------------------------------------------

#: the made-up dyad of exercises 7 (labelled modelling assumption, no real pair): a kin stake on both
#: sides makes each security seeker fear the other, so mistrust alone decides between trust and the spiral
BELIEFS_PARAMS = dict(offense=Fraction(2, 5), distinguishability=Fraction(1, 5), kin=(1, 1))
BELIEFS_PLAYERS = ("east", "west")
#: a type strategy's name: the action of the security seeker, then of the greedy type ("restrain-arm")
TYPE_STRATEGY_NAMES = tuple("-".join(strategy) for strategy in beliefs.STRATEGIES)


def _trust_threshold():
    """pi* of a security seeker in the symmetric dyad with kin stake e, from beliefs.trust_threshold."""
    s = THRESHOLD_SYMBOLS
    names = {"offense_1": s["o"], "offense_2": s["o"], "stakes": s["W"], "restraint_value": s["b"],
             "arming_cost": s["c"], "race_cost": s["w"], "distinguishability": s["d"], "kin_1": s["e"]}
    # everything else off: no alliance, no subsidy, no provocation (the threshold sets the motives itself)
    values = {symbol: names.get(name, 0) for name, symbol in model.SYMBOLS.items()}
    expected = sympy.factor(beliefs.trust_threshold(1).subs(values))
    symbols = ("o", "d", "W", "b", "c", "w", "e")
    return {"expected": expected, "symbols": {k: s[k] for k in symbols}, "solve_for": "p",
            "domain": {k: THRESHOLD_DOMAIN[k] for k in symbols}}


def _beliefs_game(priors):
    return beliefs.bayesian_game(SecurityParams(**BELIEFS_PARAMS), priors, players=BELIEFS_PLAYERS)


def _trust_threshold_value():
    expected = _beliefs_game((Fraction(1, 2), Fraction(1, 2))).trust_threshold_value(1)
    return {"expected": expected, "tolerance": Fraction(1, 1000),
            "mistakes": {1 - expected: "that is the belief that the rival is greedy; π* is a belief that it "
                                       "is a security seeker"}}


def type_strategy_game(game) -> Game:
    """The normal form of a :class:`~balkangames.beliefs.BayesianGame` with its strategies named.

    A strategy is named by the security seeker's action, then the greedy type's.

    >>> g = type_strategy_game(beliefs.bayesian_game(SecurityParams(), (Fraction(1, 2), Fraction(1, 2))))
    >>> g.actions[0]
    ('restrain-restrain', 'restrain-arm', 'arm-restrain', 'arm-arm')
    """
    A, B = game.normal_form
    return Game(A, B, players=game.players, actions=(TYPE_STRATEGY_NAMES, TYPE_STRATEGY_NAMES))


def _layered(case_id, year):
    from balkangames import cases, mechanisms  # the case layer sits above the model

    return mechanisms.layered(cases.load(case_id), year)


def _spiral_ending_prior(case_id, year):
    """The smallest prior of the one player whose mistrust alone keeps the case's spiral going."""
    def build():
        game = _layered(case_id, year).bayesian_game()
        thresholds = [game.trust_threshold_value(player) for player in (1, 2)]
        mistrustful = [i for i in (0, 1) if thresholds[i] is not None and game.priors[i] < thresholds[i]]
        if len(mistrustful) != 1 or not game.spiral():
            raise RuntimeError(f"{case_id} {year}: the question needs a spiral kept by one player's belief")
        i = mistrustful[0]
        return {"expected": thresholds[i], "tolerance": Fraction(1, 1000),
                "mistakes": {1 - thresholds[i]: "that is a belief that the rival is greedy; the question asks "
                                                "for the belief that it is a security seeker"}}
    return build


MISTRUST_OPTIONS = ("both", "neither")


def _whose_mistrust(case_id, year):
    """Which player's belief is below its trust threshold (misperception in mechanisms.MAPPING)."""
    def build():
        from .answers import key

        lc = _layered(case_id, year)
        game = lc.bayesian_game()
        below = [lc.players[i] for i in (0, 1) if game.trust_threshold_value(i + 1) is not None
                 and game.priors[i] < game.trust_threshold_value(i + 1)]
        expected = {0: "neither", 1: below[0] if below else None, 2: "both"}[len(below)]
        options = (*lc.players, *MISTRUST_OPTIONS)
        return {"expected": expected, "choices": {key(option): option for option in options}, "options": options,
                "hint": "compare each state's prior with its own trust threshold π*"}
    return build


def _exercises():
    lever_alliance = dict(PD_PARAMS, same_alliance=True, alliance_penalty=6)
    defensive = dict(offense=Fraction(1, 4), distinguishability=Fraction(1, 2))
    more_visible = dict(SH_PARAMS, distinguishability=Fraction(9, 10))
    sc_payoffs = ("payoffs", "Serbia's R, S, T, P")
    return [
        Exercise("01-payoffs", *sc_payoffs, _payoff_exercise(PD_PARAMS)),
        Exercise("01-class", "class", "Serbia's class", _class_exercise(PD_PARAMS)),
        Exercise("01-equilibria", "equilibria", "all equilibria", lambda: {"game": _game(**PD_PARAMS)}),
        Exercise("01-lever-class", "class", "Serbia's class in one alliance with k = 6",
                 _class_exercise(lever_alliance)),
        Exercise("01-lever-equilibria", "equilibria", "all equilibria in one alliance with k = 6",
                 lambda: {"game": _game(**lever_alliance)}),
        Exercise("02-payoffs", *sc_payoffs, _payoff_exercise(SH_PARAMS)),
        Exercise("02-class", "class", "Serbia's class", _class_exercise(SH_PARAMS)),
        Exercise("02-equilibria", "equilibria", "all equilibria", lambda: {"game": _game(**SH_PARAMS)}),
        Exercise("02-mixed-probability", "number", "Croatia's probability of restraint in the mixed equilibrium",
                 _mixed_restrain_probability),
        Exercise("02-risk-dominance", "choice", "the risk-dominant equilibrium", _risk_dominance),
        Exercise("02-lever-equilibria", "equilibria", "all equilibria with d = 9/10",
                 lambda: {"game": _game(**more_visible)}),
        Exercise("03-payoffs-world1", "payoffs", "the row player's R, S, T, P in world 1",
                 lambda: _payoffs_in(model.jervis_world(1), 0)),
        Exercise("03-world-classes", "classes", "the class of each Jervis world",
                 lambda: _jervis_classes()),
        Exercise("03-fear-threshold", "expression", "d* where fear ends (S = P)",
                 _threshold("S=P", "d", ("o", "W", "c", "w"))),
        Exercise("03-fear-threshold-value", "number", "d* at o = 1/4", _fear_threshold_value),
        Exercise("03-equilibria-world3", "equilibria", "all equilibria of world 3",
                 lambda: {"game": model.jervis_world(3)}),
        Exercise("03-lever-equilibria", "equilibria", "all equilibria with o = 1/4, d = 1/2",
                 lambda: {"game": _game(**defensive)}),
        Exercise("04-guarantee-threshold", "expression", "a* where greed ends (T = R)",
                 _threshold("T=R", "a", ("o", "W", "b", "c"))),
        Exercise("04-payoffs-kosovo", "payoffs", "Kosovo's R, S, T, P in 2024",
                 lambda: _payoffs_in(_case_game("serbia-kosovo", 2024), 1)),
        Exercise("04-classes", "classes", "Serbia's and Kosovo's classes in 2024",
                 lambda: _classes_of(_case_game("serbia-kosovo", 2024))),
        Exercise("04-equilibria", "equilibria", "all equilibria of Serbia–Kosovo in 2024",
                 lambda: {"game": _case_game("serbia-kosovo", 2024)}),
        Exercise("04-lever-classes", "classes", "North Macedonia–Albania classes in 2020",
                 lambda: _classes_of(_case_game("north-macedonia-albania", 2020))),
        Exercise("04-lever-equilibria", "equilibria", "North Macedonia–Albania equilibria in 2020",
                 lambda: {"game": _case_game("north-macedonia-albania", 2020)}),
        Exercise("05-payoffs-2010", "payoffs", "Croatia's R, S, T, P in 2010",
                 lambda: _payoffs_in(_case_game("serbia-croatia", 2010), 1)),
        Exercise("05-classes-2008", "classes", "Serbia–Croatia classes in 2008",
                 lambda: _classes_of(_case_game("serbia-croatia", 2008))),
        Exercise("05-classes-2010", "classes", "Serbia–Croatia classes in 2010",
                 lambda: _classes_of(_case_game("serbia-croatia", 2010))),
        Exercise("05-what-changed", "choice", "which parameter changed between 2008 and 2010",
                 _what_changed("serbia-croatia", 2008, 2010)),
        Exercise("05-equilibria-2010", "equilibria", "all equilibria of Serbia–Croatia in 2010",
                 lambda: {"game": _case_game("serbia-croatia", 2010)}),
        Exercise("06-grim-delta", "number", "δ* for Serbia in the problem-1 game", _grim_delta),
        Exercise("06-resist-payoff", "number", "the defender's payoff when it resists, with no ally",
                 _resist_payoff),
        Exercise("06-fait-accompli-path", "path", "backward-induction path with no ally",
                 lambda: {"tree": _fait_accompli_tree()}),
        Exercise("06-deterrence-threshold", "number", "α from which the challenger is deterred",
                 _deterrence_threshold),
        Exercise("06-lever-path", "path", "path with α = 1/2, fully attributed",
                 lambda: {"tree": _fait_accompli_tree(alpha=Fraction(1, 2))}),
        Exercise("06-hybrid-path", "path", "path with α = 1/2 but attribution 1/2 (deniable action)",
                 lambda: {"tree": _fait_accompli_tree(alpha=Fraction(1, 2), attribution=Fraction(1, 2))}),
        Exercise("07-trust-threshold", "expression", "π* where a security seeker restrains, with kin stake e",
                 _trust_threshold),
        Exercise("07-trust-threshold-value", "number", "π* at o = 2/5, d = 1/5, e = 1", _trust_threshold_value),
        Exercise("07-equilibria-spiral", "equilibria", "all Bayesian equilibria with priors 3/5 and 1/4",
                 lambda: {"game": type_strategy_game(_beliefs_game((Fraction(3, 5), Fraction(1, 4))))}),
        Exercise("07-equilibria-trust", "equilibria", "all Bayesian equilibria with priors 3/4 and 3/4",
                 lambda: {"game": type_strategy_game(_beliefs_game((Fraction(3, 4), Fraction(3, 4))))}),
        Exercise("07-spiral-prior", "number", "the prior of Bosnia's that ends the Serbia–Bosnia spiral in 2022",
                 _spiral_ending_prior("serbia-bosnia", 2022)),
        Exercise("07-lever-mistrust", "choice", "whose belief is below its trust threshold, Serbia–Kosovo 2025",
                 _whose_mistrust("serbia-kosovo", 2025)),
    ]


def _jervis_classes():
    games = {world: model.jervis_world(world) for world in (1, 2, 3, 4)}
    return {"expected": {world: g.classes()[g.players[0]] for world, g in games.items()},
            "payoffs": {world: _payoffs(g) for world, g in games.items()}}


EXERCISES: dict[str, Exercise] = {exercise.id: exercise for exercise in _exercises()}


def ids() -> list[str]:
    """All exercise ids, in notebook order."""
    return list(EXERCISES)


def get(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``.

    Raises:
        ValueError: for an unknown id, listing the known ones.
    """
    try:
        return EXERCISES[exercise_id]
    except (KeyError, TypeError):
        raise ValueError(f"unknown exercise {exercise_id!r}; known: {', '.join(EXERCISES)}") from None
