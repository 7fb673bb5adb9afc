"""Types and beliefs: misperception and the spiral as a Bayesian game.

The complete-information game cannot show misperception: each state knows the other's
payoffs. Here each state is one of two types (Kydd 2005, ch. 2–3; Glaser 1997):

* a **security seeker** has no revisionist motive (``motive_i = 0``): it is never tempted
  to arm against a restrainer, and arms only out of fear;
* a **greedy** state has a motive (by default it covets the stakes W, which is exactly
  the base model's state).

Each state holds a prior: ``priors = (π_1, π_2)``, where π_1 is player 1's belief that
player 2 is a security seeker, and π_2 player 2's belief about player 1. Kin stakes,
provoking alliances, guarantees and everything else come from the parameters and are
the same for both types.

A strategy maps types to actions, so each player has four: ``(action if security
seeker, action if greedy)``. The induced normal form is a 4x4 game whose payoff to a
strategy is the sum, over the player's own two types, of that type's expected payoff
under the player's belief about the rival. Each type's action enters only its own term,
so a strategy profile is a Nash equilibrium of the 4x4 game exactly when every type of
every player best-responds to its belief: a Bayesian Nash equilibrium, including types
the rival is sure are absent (a Nash equilibrium of the ex-ante game weighted by a
common prior would leave such types free). Beliefs need not be consistent with any
common prior: misperception is the point. The 4x4 game is solved exactly with
:func:`balkangames.solve`.

Misperception is a belief that differs from the truth: with true types given, player
i's misperception is the probability it puts on the wrong type. The **spiral** (Jervis
1976, ch. 3) is two security seekers arming against each other out of mistrust.

The **trust threshold generalised**: a security seeker facing a rival whose security
seeker restrains and whose greedy type arms is indifferent at the belief
π* = (P − S)/((R − T) + (P − S)) with its own payoffs (:func:`trust_belief` gives it in
sympy from the model's one payoff formula). Which side of π* it restrains on depends on
the signs (:meth:`BayesianGame.trust_direction`): with R − T > 0 > S − P (it fears an
armer, and is not tempted by a restrainer) it restrains iff its belief is **at least** π*,
the usual case; with R − T < 0 < S − P (a patron's subsidy above b + c + k·m tempts it,
while it prefers restraint against an armer) it restrains iff its belief is **at most**
π*: only the likelihood of a greedy rival keeps it from exploiting a security seeker.

>>> from fractions import Fraction
>>> from balkangames.params import SecurityParams
>>> game = bayesian_game(SecurityParams(offense=Fraction(1, 2), distinguishability=Fraction(1, 5)),
...                      priors=(Fraction(3, 4), Fraction(3, 4)), players=("serbia", "kosovo"))
>>> str(game.trust_threshold_value(1))
'2/5'
>>> print(game.describe()[0])
Equilibrium 1: a security-seeking serbia restrains because it believes kosovo a security seeker with probability 3/4, at least 2/5; a greedy serbia arms whatever it believes (arming pays against both of kosovo's types as they play here); a security-seeking kosovo restrains because it believes serbia a security seeker with probability 3/4, at least 2/5; a greedy kosovo arms whatever it believes (arming pays against both of serbia's types as they play here).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache, cached_property, lru_cache
from itertools import product
from typing import TYPE_CHECKING

import numpy as np

from . import model
from .formatting import exact_text
from .model import ACTIONS, evaluate_terms, payoff_matrices
from .params import SecurityParams
from .solver import solve
from .validation import in_range

if TYPE_CHECKING:
    import sympy  # most of the package's import time: loaded on first use

TYPES = ("security seeker", "greedy")
TYPE_ADJECTIVES = {"security seeker": "security-seeking", "greedy": "greedy"}

#: Each player's four strategies: (action if security seeker, action if greedy).
STRATEGIES = tuple(product(ACTIONS, ACTIONS))



@cache
def _prior_symbols():
    import sympy  # most of the package's import time: loaded on first use

    return (sympy.Symbol("pi_1", nonnegative=True), sympy.Symbol("pi_2", nonnegative=True))


def __getattr__(name: str):
    # ``PRIOR_SYMBOLS``, the prior symbols of the sympy thresholds (π_i is player i's belief that
    # the other is a security seeker), is built on first use so that the CLI and the widgets,
    # which need no sympy, do not import it.
    if name == "PRIOR_SYMBOLS":
        return _prior_symbols()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def type_params(params: SecurityParams, types, greedy_motive=None) -> SecurityParams:
    """``params`` with each player's motive set by its type.

    Args:
        params: the dyad's parameters (kin stakes, provocation, guarantees … are kept).
        types: a pair of names from :data:`TYPES`.
        greedy_motive: the revisionist stake of a greedy type, one number or a pair;
            default the stakes W (a greedy type is then exactly the base model's state).

    >>> p = type_params(SecurityParams(), ("security seeker", "greedy"))
    >>> p.motive_weight, p.motive
    (Fraction(1, 1), (Fraction(0, 1), Fraction(10, 1)))
    """
    for t in types:
        _check_type(t)
    motives = _greedy_motives(params, greedy_motive)
    return params.replace(
        motive_weight=1,
        motive=tuple(motives[i] if types[i] == "greedy" else 0 for i in (0, 1)),
    )


def _check_type(name) -> None:
    if name not in TYPES:
        raise ValueError(f"unknown type {name!r}; expected one of {list(TYPES)}")


def _greedy_motives(params: SecurityParams, greedy_motive) -> tuple[Fraction, Fraction]:
    if greedy_motive is None:
        return (params.stakes, params.stakes)
    values = greedy_motive if isinstance(greedy_motive, (list, tuple)) else (greedy_motive, greedy_motive)
    if len(values) != 2:
        raise ValueError(f"greedy_motive must be one number or a pair, got {greedy_motive!r}")
    return tuple(in_range(v, f"greedy_motive_{i + 1}", 0) for i, v in enumerate(values))


def check_priors(priors) -> tuple[Fraction, Fraction]:
    """Both priors as exact probabilities; a clear error otherwise.

    >>> check_priors((0.5, "3/4"))
    (Fraction(1, 2), Fraction(3, 4))
    """
    if not isinstance(priors, (list, tuple)) or len(priors) != 2:
        raise ValueError(
            f"priors must be a pair (player 1's belief that player 2 is a security seeker, "
            f"player 2's belief about player 1), got {priors!r}"
        )
    return tuple(in_range(p, f"prior_{i + 1}", 0, 1) for i, p in enumerate(priors))


def check_true_types(true_types) -> tuple[str, str] | None:
    """``None`` or a pair of names from :data:`TYPES`."""
    if true_types is None:
        return None
    if not isinstance(true_types, (list, tuple)) or len(true_types) != 2:
        raise ValueError(f"true_types must be a pair of types from {list(TYPES)}, got {true_types!r}")
    for t in true_types:
        _check_type(t)
    return tuple(true_types)


@dataclass(frozen=True)
class TypeEquilibrium:
    """One Bayesian Nash equilibrium, as each type's probability of restraining.

    Attributes:
        restrain: ``restrain[i][type]`` = probability that player i of that type restrains.
        profile: the equilibrium of the 4x4 normal form (mixes over :data:`STRATEGIES`).
    """

    restrain: tuple[dict[str, Fraction], dict[str, Fraction]]
    profile: tuple

    def action(self, player: int, type_: str) -> str:
        """``"restrain"``, ``"arm"`` or ``"mixes"`` for player (0 or 1) of a type."""
        p = self.restrain[player][type_]
        return "restrain" if p == 1 else "arm" if p == 0 else "mixes"


class BayesianGame:
    """The two-type Bayesian security game (see module docs); build it with :func:`bayesian_game`."""

    def __init__(self, params: SecurityParams, priors, players=("player 1", "player 2"), greedy_motive=None,
                 true_types=None):
        if not isinstance(params, SecurityParams):
            raise TypeError(f"params must be a SecurityParams, got {type(params).__name__}")
        if len(players) != 2 or len(set(players)) != 2:
            raise ValueError(f"players must be two different names, got {players!r}")
        self.params = params
        self.priors = check_priors(priors)
        self.players = tuple(str(p) for p in players)
        self.greedy_motive = _greedy_motives(params, greedy_motive)
        self.true_types = check_true_types(true_types)

    def __repr__(self) -> str:
        return f"<BayesianGame {self.players[0]} vs {self.players[1]}, priors {tuple(map(str, self.priors))}>"

    # -- payoffs -----------------------------------------------------------

    def type_game(self, types):
        """Exact ``(A, B)`` of the complete-information 2x2 game between two given types."""
        return payoff_matrices(type_params(self.params, types, self.greedy_motive))

    @cached_property
    def _type_payoffs(self) -> dict:
        return {types: self.type_game(types) for types in product(TYPES, TYPES)}

    def _belief(self, player: int, rival_type: str) -> Fraction:
        prior = self.priors[player]
        return prior if rival_type == "security seeker" else 1 - prior

    def _utility(self, player: int, own: tuple[str, str], rival: tuple[str, str]) -> Fraction:
        """Player ``player`` (0/1)'s normal-form payoff: own strategy vs rival's strategy."""
        total = Fraction(0)
        for k, own_type in enumerate(TYPES):
            for m, rival_type in enumerate(TYPES):
                types = (own_type, rival_type) if player == 0 else (rival_type, own_type)
                A, B = self._type_payoffs[types]
                a_own, a_rival = ACTIONS.index(own[k]), ACTIONS.index(rival[m])
                value = A[a_own][a_rival] if player == 0 else B[a_rival][a_own]
                total += self._belief(player, rival_type) * value
        return total

    @cached_property
    def normal_form(self):
        """The induced 4x4 normal form ``(A, B)`` over :data:`STRATEGIES` (rows: player 1)."""
        A = tuple(tuple(self._utility(0, s1, s2) for s2 in STRATEGIES) for s1 in STRATEGIES)
        B = tuple(tuple(self._utility(1, s2, s1) for s2 in STRATEGIES) for s1 in STRATEGIES)
        return A, B

    # -- solution ----------------------------------------------------------

    def solve(self, **options):
        """The exact :class:`~balkangames.solver.Solution` of the 4x4 normal form (cached by payoffs)."""
        A, B = self.normal_form
        return _solve_cached(A, B, tuple(sorted(options.items())))

    def equilibria_by_type(self) -> list[TypeEquilibrium]:
        """Every extreme Bayesian Nash equilibrium as each type's probability of restraining."""
        return list(self._equilibria_by_type)

    @cached_property
    def _equilibria_by_type(self) -> tuple[TypeEquilibrium, ...]:
        found = []
        for profile in self.solve().equilibria:
            restrain = tuple(
                {t: sum((p for p, s in zip(profile[i], STRATEGIES) if s[k] == "restrain"), Fraction(0))
                 for k, t in enumerate(TYPES)}
                for i in (0, 1)
            )
            found.append(TypeEquilibrium(restrain, profile))
        return tuple(found)

    # -- thresholds and words ----------------------------------------------

    def advantage_of_restraint(self, player: int, own_type: str, rival_restrains: dict[str, Fraction]):
        """Restrain minus arm for a type, against each rival type: ``(against seeker, against greedy)``.

        ``rival_restrains`` maps the rival's types to their probability of restraining.
        """
        gains = []
        for rival_type in TYPES:
            types = (own_type, rival_type) if player == 0 else (rival_type, own_type)
            A, B = self._type_payoffs[types]
            q = rival_restrains[rival_type]
            if player == 0:
                restrain = q * A[0][0] + (1 - q) * A[0][1]
                arm = q * A[1][0] + (1 - q) * A[1][1]
            else:
                restrain = q * B[0][0] + (1 - q) * B[1][0]
                arm = q * B[0][1] + (1 - q) * B[1][1]
            gains.append(restrain - arm)
        return tuple(gains)

    def belief_threshold(self, player: int, own_type: str, rival_restrains) -> Fraction | None:
        """The belief (that the rival is a security seeker) at which a type is indifferent.

        ``None`` when the type's choice does not depend on its belief, or when the
        indifference point lies outside [0, 1].
        """
        seeker, greedy = self.advantage_of_restraint(player, own_type, rival_restrains)
        if seeker == greedy:
            return None
        value = -greedy / (seeker - greedy)
        return value if 0 <= value <= 1 else None

    def trust_threshold_value(self, player: int) -> Fraction | None:
        """Player ``player`` (1 or 2)'s trust threshold π*, exactly (see :func:`trust_belief`)."""
        _check_player(player)
        return self.belief_threshold(player - 1, "security seeker", {"security seeker": 1, "greedy": 0})

    def trust_direction(self, player: int) -> str | None:
        """Which side of π* player ``player``'s security seeker restrains on (see module docs).

        ``"at least"``: it restrains iff its belief that the rival is a security seeker is at
        least π* (R − T > 0 > S − P); ``"at most"``: iff that belief is at most π*
        (R − T < 0 < S − P); ``None``: its choice does not depend on its belief.

        >>> from balkangames.params import SecurityParams
        >>> g = bayesian_game(SecurityParams(subsidy=(4, 0), race_cost=6), priors=(Fraction(1, 2), Fraction(1, 2)))
        >>> g.trust_direction(1), str(g.trust_threshold_value(1))
        ('at most', '1/3')
        """
        _check_player(player)
        seeker, greedy = self.advantage_of_restraint(
            player - 1, "security seeker", {"security seeker": 1, "greedy": 0}
        )
        if seeker > 0 > greedy:
            return "at least"
        if seeker < 0 < greedy:
            return "at most"
        return None

    def trust_sentence(self, player: int) -> str:
        """Whether player ``player`` (1 or 2)'s security seeker can afford to trust, in words.

        Compares its prior with its trust threshold π* (see :func:`trust_belief`), on
        the side :meth:`trust_direction` gives: a threshold that can point either way
        says which way it points.
        """
        _check_player(player)
        i = player - 1
        me, rival = self.players[i], self.players[1 - i]
        # Against a rival whose security seeker restrains and whose greedy type arms:
        # restraint gains R − T against the seeker and S − P against the greedy type.
        gain_vs_seeker, gain_vs_greedy = self.advantage_of_restraint(
            i, "security seeker", {"security seeker": 1, "greedy": 0}
        )
        belief = self.priors[i]
        if gain_vs_seeker >= 0 and gain_vs_greedy >= 0:
            return (f"A security-seeking {me} does not fear {rival} and is not tempted (S ≥ P, R ≥ T): restraint "
                    f"is its best reply whatever {rival} does, so its belief does not matter.")
        if gain_vs_seeker <= 0 and gain_vs_greedy <= 0:
            return (f"A security-seeking {me} arms whatever it believes: arming pays both against a restraining "
                    f"and against an arming {rival} (T ≥ R and P ≥ S).")
        threshold = self.trust_threshold_value(player)
        if gain_vs_seeker > 0:  # fears an armer, not tempted: trust means restraint
            if belief >= threshold:
                return (f"A security-seeking {me} can trust: it believes {rival} a security seeker with probability "
                        f"{exact_text(belief)}, at least its trust threshold π* = {exact_text(threshold)}.")
            return (f"A security-seeking {me} arms because it believes {rival} greedy with probability "
                    f"{exact_text(1 - belief)}, above {exact_text(1 - threshold)} (its trust threshold π* = {exact_text(threshold)}): "
                    f"mutual restraint is not an equilibrium.")
        # Tempted by a restrainer (R < T), yet better off restraining against an armer (S > P):
        # the threshold points the other way.
        if belief <= threshold:
            return (f"A security-seeking {me} restrains only while it believes {rival} likely greedy: here "
                    f"{exact_text(1 - belief)}, at least {exact_text(1 - threshold)}; its threshold points the other way — it "
                    f"restrains iff its belief that {rival} is a security seeker is at most π* = {exact_text(threshold)}, "
                    f"since arming pays against a restrainer (T > R) but not against an armer (S > P).")
        return (f"A security-seeking {me} arms because it believes {rival} a security seeker with probability "
                f"{exact_text(belief)}, above π* = {exact_text(threshold)}: its threshold points the other way — a restraining "
                f"{rival} is worth exploiting (T > R), and only an arming one would make restraint pay (S > P).")

    def describe(self) -> list[str]:
        """One sentence per Bayesian Nash equilibrium: each type's action and why."""
        lines = []
        for n, eq in enumerate(self.equilibria_by_type(), 1):
            parts = [self._type_reason(eq, i, t) for i in (0, 1) for t in TYPES]
            lines.append(f"Equilibrium {n}: " + "; ".join(parts) + ".")
        return lines

    def _type_reason(self, eq: TypeEquilibrium, i: int, own_type: str) -> str:
        me, rival = self.players[i], self.players[1 - i]
        who = f"a {TYPE_ADJECTIVES[own_type]} {me}"
        action = eq.action(i, own_type)
        seeker, greedy = self.advantage_of_restraint(i, own_type, eq.restrain[1 - i])
        belief = self.priors[i]
        if action == "mixes":
            return f"{who} restrains with probability {exact_text(eq.restrain[i][own_type])} (indifferent at its belief {exact_text(belief)})"
        if (seeker >= 0 and greedy >= 0) or (seeker <= 0 and greedy <= 0):
            return f"{who} {_verb(action)} whatever it believes ({action}ing pays against both of {rival}'s types as they play here)"
        threshold = -greedy / (seeker - greedy)
        # Restraint pays more the likelier a security seeker is when seeker > greedy.
        trusting = (action == "restrain") == (seeker > greedy)
        if trusting:
            return (f"{who} {_verb(action)} because it believes {rival} a security seeker with probability "
                    f"{exact_text(belief)}, at least {exact_text(threshold)}")
        return (f"{who} {_verb(action)} because it believes {rival} greedy with probability "
                f"{exact_text(1 - belief)}, at least {exact_text(1 - threshold)}")

    # -- misperception and the spiral ----------------------------------------

    def misperception(self) -> tuple[Fraction, Fraction] | None:
        """Each player's probability on the rival's wrong type (needs ``true_types``)."""
        if self.true_types is None:
            return None
        gaps = []
        for i in (0, 1):
            rival_is_seeker = self.true_types[1 - i] == "security seeker"
            gaps.append(1 - self.priors[i] if rival_is_seeker else self.priors[i])
        return tuple(gaps)

    def outcomes(self) -> list[tuple[str, str]]:
        """What the true types do in each equilibrium (needs ``true_types``)."""
        if self.true_types is None:
            raise ValueError("outcomes need true_types, e.g. ('security seeker', 'security seeker')")
        return [tuple(eq.action(i, self.true_types[i]) for i in (0, 1)) for eq in self.equilibria_by_type()]

    def spiral(self) -> bool:
        """Whether two security seekers arm against each other in every equilibrium (out of mistrust)."""
        found = self.equilibria_by_type()
        return bool(found) and all(
            eq.action(0, "security seeker") == "arm" and eq.action(1, "security seeker") == "arm" for eq in found
        )


@lru_cache(maxsize=1024)
def _solve_cached(A, B, options: tuple):
    return solve(A, B, **dict(options))


def bayesian_game(params: SecurityParams, priors, players=("player 1", "player 2"), greedy_motive=None,
                  true_types=None) -> BayesianGame:
    """The two-type Bayesian game for ``params`` and ``priors`` (see module docs).

    Args:
        params: the dyad's :class:`~balkangames.params.SecurityParams`.
        priors: ``(π_1, π_2)``: each player's belief that the other is a security seeker.
        players: the two names, row player first.
        greedy_motive: a greedy type's revisionist stake, one number or a pair (default W).
        true_types: optionally the players' actual types, for misperception and outcomes.

    >>> g = bayesian_game(SecurityParams(), priors=(Fraction(1, 2), 1))
    >>> len(g.normal_form[0]), len(g.normal_form[0][0])
    (4, 4)
    """
    return BayesianGame(params, priors, players, greedy_motive, true_types)


def _check_player(player) -> None:
    if player not in (1, 2):
        raise ValueError(f"player must be 1 or 2, got {player!r}")


def _verb(action: str) -> str:
    return {"restrain": "restrains", "arm": "arms"}[action]


# ---------------------------------------------------------------------------- sympy


@cache
def trust_belief(player: int) -> sympy.Expr:
    """π*: the belief above which player ``player``'s security seeker restrains, in sympy.

    Derived from the model's one payoff formula (:func:`balkangames.model.evaluate_terms`)
    for a security seeker (μ = 1, v_i = 0) facing a rival whose security seeker restrains
    and whose greedy type arms: solve π R + (1 − π) S = π T + (1 − π) P for π. A belief
    about the rival's type, as a formula in the parameters; not
    :func:`balkangames.analysis.trust_threshold`, the probability p* that the other restrains,
    from a Stag Hunt's four payoffs.

    >>> from balkangames.params import LAYER_TWO
    >>> from balkangames.model import SYMBOLS
    >>> trust_belief(1).subs({SYMBOLS[n]: 0 for n in LAYER_TWO if n != "motive_weight"})
    (W*o_2*(1 - a_1)*(1 - d) - c - k*m + r_1 - w)/(W*o_2*(1 - a_1)*(1 - d) + b - w)
    """
    import sympy  # most of the package's import time: loaded on first use

    _check_player(player)
    values = dict(model.SYMBOLS)
    values["motive_weight"] = 1
    values[f"motive_{player}"] = 0
    t = evaluate_terms(values, player)
    pi = _prior_symbols()[player - 1]
    solution = sympy.solve(sympy.Eq(pi * t["R"] + (1 - pi) * t["S"], pi * t["T"] + (1 - pi) * t["P"]), pi)[0]
    # The same value in the textbook's readable form (P − S)/((R − T) + (P − S)), checked equal.
    readable = (t["P"] - t["S"]) / ((t["R"] - t["T"]) + (t["P"] - t["S"]))
    if sympy.simplify(readable - solution) != 0:  # pragma: no cover - guards the derivation
        raise RuntimeError("trust threshold: the solved and the readable forms disagree")
    return readable


@cache
def belief_threshold(player: int, own_type: str = "security seeker", rival=("restrain", "arm")):
    """The belief π_i at which a type of player ``player`` is indifferent, in sympy.

    The rival's security seeker plays ``rival[0]`` and its greedy type ``rival[1]``; π_i is
    the player's belief that the rival is a security seeker. The type's own motive is 0 for
    a security seeker and the symbol v_i for a greedy type (μ = 1). Solves
    π Δ(rival[0]) + (1 − π) Δ(rival[1]) = 0 with Δ(restrain) = R − T and Δ(arm) = S − P.
    ``None`` when the rival's two types act alike (the belief does not matter).
    :func:`trust_belief` is the case of a security seeker facing ``("restrain", "arm")``.

    >>> belief_threshold(1, "security seeker", ("arm", "arm")) is None
    True
    """
    _check_player(player)
    _check_type(own_type)
    if len(rival) != 2 or any(a not in ACTIONS for a in rival):
        raise ValueError(f"rival must be a pair of actions from {ACTIONS}, got {rival!r}")
    if rival[0] == rival[1]:
        return None
    import sympy  # most of the package's import time: loaded on first use

    values = dict(model.SYMBOLS)
    values["motive_weight"] = 1
    if own_type == "security seeker":
        values[f"motive_{player}"] = 0
    t = evaluate_terms(values, player)
    gain = {"restrain": t["R"] - t["T"], "arm": t["S"] - t["P"]}
    pi = _prior_symbols()[player - 1]
    return sympy.factor(sympy.solve(sympy.Eq(pi * gain[rival[0]] + (1 - pi) * gain[rival[1]], 0), pi)[0])


def trust_belief_latex(player: int) -> str:
    """``\\pi_i^* = …`` in LaTeX."""
    import sympy  # most of the package's import time: loaded on first use

    return f"\\pi_{{{player}}}^* = {sympy.latex(trust_belief(player))}"


def trust_belief_at(player: int, params: SecurityParams) -> Fraction:
    """:func:`trust_belief` evaluated exactly at ``params`` (sympy substitution)."""
    import sympy  # most of the package's import time: loaded on first use

    at = {model.SYMBOLS[n]: sympy.Rational(v.numerator, v.denominator) for n, v in params.flat().items()}
    value = trust_belief(player).subs(at)
    return Fraction(int(value.p), int(value.q))


# ---------------------------------------------------------------------------- regions


REGIONS = {
    0: "no pure equilibrium in which both security seekers act alike",
    1: "trust: security seekers restrain",
    2: "spiral: security seekers arm",
    3: "trust or spiral (both are equilibria)",
}


def prior_regions(params: SecurityParams, resolution: int = 101, greedy_motive=None):
    """Region codes over a grid of both priors (see :data:`REGIONS`), with the grid (cached).

    See :func:`_prior_regions`.
    """
    if not isinstance(params, SecurityParams):
        raise TypeError(f"params must be a SecurityParams, got {type(params).__name__}")
    if isinstance(greedy_motive, list):
        greedy_motive = tuple(greedy_motive)
    return _prior_regions(params, resolution, greedy_motive)


@lru_cache(maxsize=128)
def _prior_regions(params: SecurityParams, resolution: int, greedy_motive):
    """Region codes over a grid of both priors (see :data:`REGIONS`), with the grid.

    For each (π_1, π_2) the 16 pure strategy profiles are checked at once with numpy:
    a profile is a Bayesian Nash equilibrium when each type's restrain-minus-arm
    advantage, linear in its belief, has the sign of its action. Ties count as best
    responses. Returns ``(xs, ys, codes)`` with ``codes[iy, ix]`` for
    ``π_1 = xs[ix]``, ``π_2 = ys[iy]``.
    """
    if not isinstance(resolution, int) or not 2 <= resolution <= 1001:
        raise ValueError(f"resolution must be an integer in [2, 1001], got {resolution!r}")
    helper = BayesianGame(params, (Fraction(1, 2), Fraction(1, 2)), greedy_motive=greedy_motive)
    xs = np.linspace(0.0, 1.0, resolution)
    ys = np.linspace(0.0, 1.0, resolution)
    # ok[i][strategy of i][strategy of rival] = boolean array over i's own prior
    ok = []
    for i, grid in ((0, xs), (1, ys)):
        # restrain-minus-arm advantage of each own type against each pure rival strategy
        advantage = {}
        for rival in STRATEGIES:
            rival_restrains = {t: Fraction(int(rival[k] == "restrain")) for k, t in enumerate(TYPES)}
            for own_type in TYPES:
                seeker, greedy = helper.advantage_of_restraint(i, own_type, rival_restrains)
                advantage[(own_type, rival)] = grid * float(seeker) + (1 - grid) * float(greedy)
        table = {}
        for own in STRATEGIES:
            for rival in STRATEGIES:
                good = np.ones_like(grid, dtype=bool)
                for k, own_type in enumerate(TYPES):
                    gain = advantage[(own_type, rival)]
                    good &= gain >= -1e-12 if own[k] == "restrain" else gain <= 1e-12
                table[(own, rival)] = good
        ok.append(table)
    trust = np.zeros((resolution, resolution), dtype=bool)
    spiral = np.zeros((resolution, resolution), dtype=bool)
    for s1 in STRATEGIES:
        for s2 in STRATEGIES:
            equilibrium = ok[1][(s2, s1)][:, None] & ok[0][(s1, s2)][None, :]
            if s1[0] == s2[0] == "restrain":
                trust |= equilibrium
            if s1[0] == s2[0] == "arm":
                spiral |= equilibrium
    codes = trust.astype(int) + 2 * spiral.astype(int)
    for array in (xs, ys, codes):  # shared through the cache: read-only
        array.setflags(write=False)
    return xs, ys, codes


def region_at(params: SecurityParams, priors, greedy_motive=None) -> int:
    """The region code (see :data:`REGIONS`) at one pair of priors, exactly."""
    game = BayesianGame(params, priors, greedy_motive=greedy_motive)
    pure = [eq for eq in game.equilibria_by_type()
            if all(eq.action(i, t) != "mixes" for i in (0, 1) for t in TYPES)]
    trust = any(eq.action(0, TYPES[0]) == eq.action(1, TYPES[0]) == "restrain" for eq in pure)
    spiral = any(eq.action(0, TYPES[0]) == eq.action(1, TYPES[0]) == "arm" for eq in pure)
    return int(trust) + 2 * int(spiral)


__all__ = [
    "REGIONS",
    "STRATEGIES",
    "TYPES",
    "BayesianGame",
    "TypeEquilibrium",
    "bayesian_game",
    "belief_threshold",
    "check_priors",
    "prior_regions",
    "region_at",
    "trust_belief",
    "trust_belief_at",
    "trust_belief_latex",
    "type_params",
]
