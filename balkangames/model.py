"""The security-dilemma game: parameters → payoffs, exactly or symbolically.

Each payoff formula is written once, in :func:`evaluate_terms`, and evaluated
either on exact :class:`~fractions.Fraction` values (:func:`payoff_matrices`) or
on sympy symbols (:func:`symbolic_payoffs`); nothing else computes payoffs, so
the numbers a learner sees and the thresholds sympy derives cannot drift apart.

For player i facing j (see :mod:`balkangames.params` for the symbols):

* net cost of arming  κ_i = c + k·m − r_i
* greed               G_i = o_i (1 − a_j) W   (what arming can take from a restrainer)
* fear                F_i = o_j (1 − d)(1 − a_i) W   (what restraint can lose to an armer)
* payoffs             R_i = b,  T_i = G_i − κ_i,  S_i = −F_i,  P_i = −κ_i − w

The second layer (all its parameters 0 by default, so the lines above are its zero
special case) refines greed and fear:

* greed  G_i = o_i (1 − a_j) [(1 − μ) W + μ v_i]   (motive vs opportunity: with μ = 1 a
  state without a revisionist stake v_i is never tempted, however strong)
* fear   F_i = (o_j + q_i)(1 − d)(1 − a_i) W + e_i   (q_i: offense the rival's allies add,
  as i sees it; e_i: kin-state stake in co-ethnics on the rival's territory)

Rows and columns are ordered (restrain, arm); ``A[r][c]`` is the row player's
payoff and ``B[r][c]`` the column player's.

The named constructors give textbook games (Prisoner's Dilemma, Stag Hunt,
Chicken, Harmony, Deadlock), Jervis's four worlds of offense–defense balance ×
distinguishability, alliance configurations, and a 3x3 posture game in which a
distinguishable defensive build-up lets a state arm without threatening.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

from .game import Game
from .params import PARAMETERS, SecurityParams, require_params
from .validation import player_number

if TYPE_CHECKING:  # sympy is imported when first needed: it is most of the package's import time
    import sympy  # most of the package's import time: loaded on first use

ACTIONS = ("restrain", "arm")
POSTURES = ("restrain", "defend", "offend")


def evaluate_terms(v: dict, i: int) -> dict:
    """Greed, fear, net cost and R, S, T, P of player ``i`` (1 or 2), from values ``v``.

    This is the one place the payoff formulas are written. ``v`` maps flat parameter
    names to Fractions, sympy expressions or numpy arrays (a whole grid of parameter
    values at once, for phase diagrams); the same arithmetic serves all three.
    """
    j = 3 - i
    kappa = v["arming_cost"] + v["alliance_penalty"] * v["same_alliance"] - v[f"subsidy_{i}"]
    # What i would take: the stakes in the base model, a revisionist motive as mu -> 1.
    coveted = (1 - v["motive_weight"]) * v["stakes"] + v["motive_weight"] * v[f"motive_{i}"]
    greed = v[f"offense_{i}"] * (1 - v[f"guarantee_{j}"]) * coveted
    # The rival's offense, plus what its allies add in i's eyes (an alliance that provokes).
    threat = v[f"offense_{j}"] + v[f"provocation_{i}"]
    fear = threat * (1 - v["distinguishability"]) * (1 - v[f"guarantee_{i}"]) * v["stakes"] + v[f"kin_{i}"]
    return {
        "kappa": kappa,
        "greed": greed,
        "fear": fear,
        "R": v["restraint_value"],
        "S": -fear,
        "T": greed - kappa,
        "P": -kappa - v["race_cost"],
    }


def _bimatrix(terms1: dict, terms2: dict):
    """Arrange both players' R, S, T, P into ``A`` and ``B`` (rows = row player's action)."""
    A = ((terms1["R"], terms1["S"]), (terms1["T"], terms1["P"]))
    B = ((terms2["R"], terms2["T"]), (terms2["S"], terms2["P"]))
    return A, B


def payoff_matrices(params: SecurityParams):
    """Exact payoff matrices ``(A, B)`` of the 2x2 arm/restrain game.

    >>> A, B = payoff_matrices(SecurityParams(offense=Fraction(4, 5), distinguishability=Fraction(1, 10)))
    >>> [[str(x) for x in row] for row in A]
    [['2', '-36/5'], ['7', '-2']]
    """
    values = params.flat()
    return _bimatrix(evaluate_terms(values, 1), evaluate_terms(values, 2))


def player_terms(params: SecurityParams, player: int) -> dict[str, Fraction]:
    """Player ``player`` (1 or 2)'s greed, fear, net cost and R, S, T, P, exactly."""
    return evaluate_terms(require_params(params).flat(), player_number(player))


@cache
def _symbols() -> dict[str, sympy.Symbol]:
    import sympy  # most of the package's import time: loaded on first use

    return {
        name: sympy.Symbol(
            info.symbol,
            real=True,
            positive=True if info.low_open else None,
            nonnegative=None if info.low_open or info.low is None else True,
        )
        for name, info in PARAMETERS.items()
    }


def __getattr__(name: str):
    # ``SYMBOLS``, one sympy symbol per flat parameter name (positive where the range
    # allows), is built on first use so that importing the package does not import sympy.
    if name == "SYMBOLS":
        return _symbols()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def symbolic_terms(player: int) -> dict[str, sympy.Expr]:
    """Player ``player`` (1 or 2)'s greed, fear, net cost and R, S, T, P as sympy expressions."""
    return evaluate_terms(_symbols(), player_number(player))


def symbolic_payoffs():
    """The payoff matrices ``(A, B)`` as sympy ``Matrix`` objects in the parameter symbols."""
    import sympy  # most of the package's import time: loaded on first use

    A, B = _bimatrix(symbolic_terms(1), symbolic_terms(2))
    return sympy.Matrix(A), sympy.Matrix(B)


def _with_changes(params: SecurityParams | None, changes: dict) -> SecurityParams:
    """``params`` (the defaults if None) with ``changes`` applied."""
    params = SecurityParams() if params is None else require_params(params)
    return params.replace(**changes) if changes else params


def security_game(params: SecurityParams | None = None, players=("row", "column"), name=None, **changes) -> Game:
    """The 2x2 arm/restrain game for ``params`` (defaults, changed by ``changes``).

    >>> g = security_game(offense=0.25, distinguishability=0.1)
    >>> g.classes()
    {'row': 'stag-hunt', 'column': 'stag-hunt'}
    """
    params = _with_changes(params, changes)
    A, B = payoff_matrices(params)
    return Game(A, B, players=players, actions=(ACTIONS, ACTIONS), name=name, params=params)


# ---------------------------------------------------------------------------
# Textbook games, with the conventional payoffs (T, R, P, S) per class.

_TEXTBOOK = {
    # name: (R, S, T, P) for both players
    "prisoners-dilemma": (3, 0, 5, 1),
    "stag-hunt": (4, 0, 3, 1),
    "chicken": (3, 1, 4, 0),
    "harmony": (4, 2, 3, 1),
    "deadlock": (1, 0, 3, 2),
}


def _symmetric(kind: str, players) -> Game:
    R, S, T, P = (Fraction(x) for x in _TEXTBOOK[kind])
    A = ((R, S), (T, P))
    B = ((R, T), (S, P))
    return Game(A, B, players=players, actions=(ACTIONS, ACTIONS), name=kind)


def prisoners_dilemma(players=("row", "column")) -> Game:
    """Prisoner's Dilemma with T, R, P, S = 5, 3, 1, 0 (Axelrod's payoffs)."""
    return _symmetric("prisoners-dilemma", players)


def stag_hunt(players=("row", "column")) -> Game:
    """Stag Hunt with R, T, P, S = 4, 3, 1, 0."""
    return _symmetric("stag-hunt", players)


def chicken(players=("row", "column")) -> Game:
    """Chicken with T, R, S, P = 4, 3, 1, 0."""
    return _symmetric("chicken", players)


def harmony(players=("row", "column")) -> Game:
    """Harmony with R, T, S, P = 4, 3, 2, 1."""
    return _symmetric("harmony", players)


def deadlock(players=("row", "column")) -> Game:
    """Deadlock with T, P, R, S = 3, 2, 1, 0: each prefers mutual arming to mutual restraint."""
    return _symmetric("deadlock", players)


# ---------------------------------------------------------------------------
# Jervis's four worlds (Jervis 1978, p. 211): offense–defense balance × distinguishability.

#: The calibration of the model notes: W = 10, b = 2, c = 1, w = 1, no alliance.
WORLD_BASE = SecurityParams(stakes=10, restraint_value=2, arming_cost=1, race_cost=1)

#: (offense advantage, distinguishability) for each world.
WORLD_LEVERS = {
    1: (Fraction(4, 5), Fraction(1, 10)),  # offense has the advantage, postures indistinguishable
    2: (Fraction(1, 4), Fraction(1, 10)),  # defense has the advantage, postures indistinguishable
    3: (Fraction(4, 5), Fraction(9, 10)),  # offense has the advantage, postures distinguishable
    4: (Fraction(1, 4), Fraction(9, 10)),  # defense has the advantage, postures distinguishable
}

WORLD_TITLES = {
    1: "World 1: doubly dangerous (offense dominant, postures indistinguishable)",
    2: "World 2: security dilemma, but security requirements compatible (defense dominant, indistinguishable)",
    3: "World 3: no security dilemma, but aggression possible (offense dominant, distinguishable)",
    4: "World 4: doubly stable (defense dominant, distinguishable)",
}


def jervis_world(world: int, players=("row", "column")) -> Game:
    """One of Jervis's four worlds as a symmetric game of the reference model.

    Worlds 1–4 come out as Prisoner's Dilemma, Stag Hunt, Chicken and Harmony.

    >>> [jervis_world(n).classes()["row"] for n in (1, 2, 3, 4)]
    ['prisoners-dilemma', 'stag-hunt', 'chicken', 'harmony']
    """
    if isinstance(world, bool) or not isinstance(world, int) or world not in WORLD_LEVERS:
        raise ValueError(f"world must be 1, 2, 3 or 4 (Jervis's four worlds), got {world!r}")
    offense, distinguishability = WORLD_LEVERS[world]
    params = WORLD_BASE.replace(offense=offense, distinguishability=distinguishability)
    return security_game(params, players=players, name=WORLD_TITLES[world])


def offense_defense(offense_dominant: bool, distinguishable: bool, players=("row", "column")) -> Game:
    """Jervis's world for a yes/no reading of the two levers."""
    world = {(True, False): 1, (False, False): 2, (True, True): 3, (False, True): 4}
    return jervis_world(world[(bool(offense_dominant), bool(distinguishable))], players)


# ---------------------------------------------------------------------------
# Alliances expressed through the parameters


def with_alliances(
    params: SecurityParams,
    members=(False, False),
    guarantee=Fraction(9, 10),
    penalty=Fraction(3),
    patron=(0, 0),
) -> SecurityParams:
    """Parameters for an alliance configuration.

    Args:
        params: the dyad without alliances.
        members: whether player 1 and player 2 are members of the alliance.
        guarantee: the credibility-weighted guarantee a member gets (a_i).
        penalty: the cost of arming against a fellow member (k), paid only
            when both are members.
        patron: an outside patron's subsidy to each player's arming (r_i).

    >>> p = with_alliances(SecurityParams(), members=(True, False))
    >>> p.guarantee, p.same_alliance
    ((Fraction(9, 10), Fraction(0, 1)), False)
    """
    require_params(params)
    if not isinstance(members, (list, tuple)) or len(members) != 2:
        raise ValueError(f"members must be a pair (player 1, player 2), got {members!r}")
    both = bool(members[0]) and bool(members[1])
    return params.replace(
        guarantee=tuple(guarantee if member else 0 for member in members),
        same_alliance=both,
        alliance_penalty=penalty if both else params.alliance_penalty,
        subsidy=patron,
    )


# ---------------------------------------------------------------------------
# The 3x3 posture game: restrain, defensive build-up, offensive build-up.


def _posture_terms(v: dict, i: int) -> dict:
    """Player ``i``'s 3x3 payoffs ``u[(own posture, other's posture)]`` from values ``v``.

    A defensive build-up costs what arming costs and shields its owner, but its
    offensive potential is ``1 − d``: when postures are indistinguishable (d = 0)
    defensive arms can attack like offensive ones; when they are distinguishable
    (d = 1) they threaten no one. A defended state loses to an offensive build-up
    only as far as the attacker's offense advantage reaches (o_j); against a
    defended state an attack pays only as far as one's own advantage reaches (o_i).
    Without the defensive posture the game is exactly the 2x2 game.
    """
    t = evaluate_terms(v, i)
    d, b, w = v["distinguishability"], v["restraint_value"], v["race_cost"]
    own_offense, other_offense = v[f"offense_{i}"], v[f"offense_{3 - i}"]
    kappa, greed, fear = t["kappa"], t["greed"], t["fear"]
    return {
        ("restrain", "restrain"): t["R"],
        ("restrain", "defend"): d * b - (1 - d) * fear,
        ("restrain", "offend"): t["S"],
        ("defend", "restrain"): d * b + (1 - d) * greed - kappa,
        ("defend", "defend"): d * d * b - kappa - (1 - d) * (1 - d) * w,
        ("defend", "offend"): -kappa - (1 - d) * w - other_offense * fear,
        ("offend", "restrain"): t["T"],
        ("offend", "defend"): own_offense * greed - kappa - (1 - d) * w,
        ("offend", "offend"): t["P"],
    }


def posture_payoffs(params: SecurityParams, postures=POSTURES):
    """Exact ``(A, B)`` of the posture game over ``postures`` (a subset of :data:`POSTURES`)."""
    return _posture_matrices(params.flat(), postures)


def _posture_matrices(values, postures):
    unknown = [p for p in postures if p not in POSTURES]
    if unknown or len(set(postures)) != len(postures) or not postures:
        raise ValueError(f"postures must be distinct names from {POSTURES}, got {postures!r}")
    u1, u2 = _posture_terms(values, 1), _posture_terms(values, 2)
    A = tuple(tuple(u1[(r, c)] for c in postures) for r in postures)
    B = tuple(tuple(u2[(c, r)] for c in postures) for r in postures)
    return A, B


def posture_game(params: SecurityParams | None = None, players=("row", "column"), postures=POSTURES, **changes) -> Game:
    """The 3x3 posture game (restrain, defend, offend) as a :class:`~balkangames.game.Game`.

    With ``postures=("restrain", "offend")`` it is the 2x2 arm/restrain game.
    """
    params = _with_changes(params, changes)
    A, B = posture_payoffs(params, postures)
    return Game(A, B, players=players, actions=(tuple(postures), tuple(postures)), name="posture game", params=params)
