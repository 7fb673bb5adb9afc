"""Helpers shared by the test modules: reference answers computed without balkangames.exercises.

Payoffs and classes from the formulas in the model notes, equilibria with the brute-force
oracle in ``tests/reference.py``, thresholds written out by hand, backward induction by a
small recursive search.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from reference import reference_solution

from balkangames.game import Game

F = Fraction


def formula_payoffs(o, d, W=10, b=2, c=1, w=1):
    """R, S, T, P of a symmetric dyad without alliance (model notes)."""
    return {"R": F(b), "S": -o * (1 - d) * W, "T": o * W - c, "P": F(-c - w)}


def ordering_class(R, S, T, P):
    """The class table of the model notes, strict orderings only."""
    if R > T:
        return "harmony" if S > P else "stag-hunt"
    if S > P:
        return "chicken"
    return "prisoners-dilemma" if R > P else "deadlock"


def names_of(game, profile):
    """A pure profile as action names, a mixed one as probability tuples."""
    out = []
    for mix, actions in zip(profile, game.actions, strict=True):
        out.append(actions[mix.index(1)] if 1 in mix else tuple(mix))
    return tuple(out)


def reference_equilibria(game):
    return [names_of(game, e) for e in sorted(reference_solution(game.A, game.B)["equilibria"])]


def classes_from_matrices(game):
    (R1, S1), (T1, P1) = game.A
    (R2, T2), (S2, P2) = game.B
    return {game.players[0]: ordering_class(R1, S1, T1, P1), game.players[1]: ordering_class(R2, S2, T2, P2)}


def best_path(tree):
    """Backward induction by brute force over the (two-level) tree: the moves on the SPE path."""
    if not hasattr(tree, "moves"):
        return (), tree.payoffs
    results = {label: best_path(child) for label, child in tree.moves}
    best = max(results, key=lambda label: results[label][1][tree.player])
    path, payoffs = results[best]
    return (best, *path), payoffs


def payoffs_from_matrices(game, player):
    """R, S, T, P read straight from A (row player) or B (column player)."""
    if player == 0:
        (R, S), (T, P) = game.A
    else:
        (R, T), (S, P) = game.B
    return {"R": R, "S": S, "T": T, "P": P}


def case_game(case_id, year):
    from balkangames import cases

    return cases.load(case_id).game(year=year)


def game_of(**params):
    from balkangames.model import security_game
    from balkangames.params import SecurityParams

    return security_game(SecurityParams(**params), players=("serbia", "croatia"))


PD = dict(offense=F(4, 5), distinguishability=F(1, 10))
SH = dict(offense=F(1, 4), distinguishability=F(1, 10))
o, a, d, W, b, c, w = sympy.symbols("o a d W b c w", positive=True)
e = sympy.Symbol("e", positive=True)  # kin stake (exercises 7)


def seeker_trust_threshold(R, S, T, P):
    """A security seeker's trust threshold from its own payoffs (Kydd 2005): pR + (1-p)S = pT + (1-p)P."""
    return (P - S) / ((R - T) + (P - S))


#: exercises 7's made-up dyad (o = 2/5, d = 1/5, W = 10, b = 2, c = w = 1, kin stake 1), each type's payoffs
#: written out from the model notes: a security seeker has no motive (T = -c), a greedy type's T = oW - c
TYPE_PAYOFFS = {"security seeker": {"R": F(2), "T": F(-1), "S": -(F(2, 5) * F(4, 5) * 10 + 1), "P": F(-2)},
                "greedy": {"R": F(2), "T": F(2, 5) * 10 - 1, "S": -(F(2, 5) * F(4, 5) * 10 + 1), "P": F(-2)}}
TYPE_STRATEGIES = [(x, y) for x in ("restrain", "arm") for y in ("restrain", "arm")]


def type_strategy_game(priors, players=("east", "west")):
    """The Bayesian game's normal form built by hand: each own type weighted 1/2, rival types by the prior.

    (The package weights own types by 1; any positive weights give the same equilibria.)
    """
    def utility(mine, theirs, prior):
        total = F(0)
        for k, own_type in enumerate(("security seeker", "greedy")):
            for m, belief in enumerate((prior, 1 - prior)):
                table = TYPE_PAYOFFS[own_type]
                letter = {("restrain", "restrain"): "R", ("restrain", "arm"): "S", ("arm", "restrain"): "T",
                          ("arm", "arm"): "P"}[(mine[k], theirs[m])]
                total += F(1, 2) * belief * table[letter]
        return total
    A = [[utility(s1, s2, priors[0]) for s2 in TYPE_STRATEGIES] for s1 in TYPE_STRATEGIES]
    B = [[utility(s2, s1, priors[1]) for s2 in TYPE_STRATEGIES] for s1 in TYPE_STRATEGIES]
    names = tuple(f"{x}-{y}" for x, y in TYPE_STRATEGIES)
    return Game(A, B, players=players, actions=(names, names))


def layered_seeker_thresholds(case_id, year):
    """Each player's (prior, trust threshold) in a case with its second layer, from two security seekers' payoffs."""
    from balkangames import cases, mechanisms
    from balkangames.model import security_game

    lc = mechanisms.layered(cases.load(case_id), year)
    seekers = security_game(lc.params.replace(motive_weight=1, motive=(0, 0)), players=lc.players)
    return [(prior, seeker_trust_threshold(**payoffs_from_matrices(seekers, k)))
            for k, prior in enumerate(lc.prior_values)]


def reference_answer(exercise_id):
    """The right answer to every registered exercise, computed independently."""
    from balkangames.model import jervis_world
    from balkangames.sequential import fait_accompli

    pd, sh = formula_payoffs(F(4, 5), F(1, 10)), formula_payoffs(F(1, 4), F(1, 10))
    fa = dict(x=10, p0=F(1, 2), c_challenger=1, c_defender=2, h=4)
    answers = {
        "01-payoffs": pd,
        "01-class": ordering_class(**pd),
        "01-equilibria": reference_equilibria(game_of(**PD)),
        "01-lever-class": ordering_class(R=pd["R"], S=pd["S"], T=pd["T"] - 6, P=pd["P"] - 6),
        "01-lever-equilibria": reference_equilibria(game_of(**PD, same_alliance=True, alliance_penalty=6)),
        "02-payoffs": sh,
        "02-class": ordering_class(**sh),
        "02-equilibria": reference_equilibria(game_of(**SH)),
        "02-mixed-probability": (sh["P"] - sh["S"]) / ((sh["R"] - sh["T"]) + (sh["P"] - sh["S"])),
        "02-risk-dominance": "(restrain, restrain)" if (sh["R"] - sh["T"]) ** 2 > (sh["P"] - sh["S"]) ** 2
        else "(arm, arm)",
        "02-lever-equilibria": reference_equilibria(game_of(offense=F(1, 4), distinguishability=F(9, 10))),
        "03-payoffs-world1": formula_payoffs(jervis_world(1).params.offense[0], jervis_world(1).params.distinguishability),
        "03-equilibria-world3": reference_equilibria(jervis_world(3)),
        "03-world-classes": {1: "prisoners-dilemma", 2: "stag-hunt", 3: "chicken", 4: "harmony"},
        "03-fear-threshold": 1 - (c + w) / (o * W),
        "03-fear-threshold-value": 1 - F(2) / (F(1, 4) * 10),
        "03-lever-equilibria": reference_equilibria(game_of(offense=F(1, 4), distinguishability=F(1, 2))),
        "04-guarantee-threshold": 1 - (b + c) / (o * W),
        "04-payoffs-kosovo": payoffs_from_matrices(case_game("serbia-kosovo", 2024), 1),
        "04-classes": classes_from_matrices(case_game("serbia-kosovo", 2024)),
        "04-equilibria": reference_equilibria(case_game("serbia-kosovo", 2024)),
        "04-lever-classes": classes_from_matrices(case_game("north-macedonia-albania", 2020)),
        "04-lever-equilibria": reference_equilibria(case_game("north-macedonia-albania", 2020)),
        "05-payoffs-2010": payoffs_from_matrices(case_game("serbia-croatia", 2010), 1),
        "05-classes-2008": classes_from_matrices(case_game("serbia-croatia", 2008)),
        "05-classes-2010": classes_from_matrices(case_game("serbia-croatia", 2010)),
        "05-what-changed": "guarantee",
        "05-equilibria-2010": reference_equilibria(case_game("serbia-croatia", 2010)),
        "06-grim-delta": (pd["T"] - pd["R"]) / (pd["T"] - pd["P"]),
        "06-resist-payoff": -F(1, 2) * 10 - 2,
        "06-fait-accompli-path": best_path(fait_accompli(**fa))[0],
        "06-deterrence-threshold": (F(1, 2) * 10 - 1) / (F(1, 2) * 10 + 4),
        "06-lever-path": best_path(fait_accompli(alpha=F(1, 2), **fa))[0],
        "06-hybrid-path": best_path(fait_accompli(alpha=F(1, 2), attribution=F(1, 2), **fa))[0],
        "07-trust-threshold": seeker_trust_threshold(R=b, S=-(o * (1 - d) * W + e), T=-c, P=-c - w),
        "07-trust-threshold-value": seeker_trust_threshold(**TYPE_PAYOFFS["security seeker"]),
        "07-equilibria-spiral": reference_equilibria(type_strategy_game((F(3, 5), F(1, 4)))),
        "07-equilibria-trust": reference_equilibria(type_strategy_game((F(3, 4), F(3, 4)))),
        # Serbia's cited prior is above its threshold: Bosnia's threshold is the prior that ends the spiral
        "07-spiral-prior": layered_seeker_thresholds("serbia-bosnia", 2022)[1][1],
        "07-lever-mistrust": {(True, True): "both", (True, False): "serbia", (False, True): "kosovo",
                              (False, False): "neither"}[tuple(prior < threshold for prior, threshold
                                                             in layered_seeker_thresholds("serbia-kosovo", 2025))],
    }
    return answers[exercise_id]
