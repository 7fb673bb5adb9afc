"""Name the game each player is in.

A 2x2 game with actions ordered (restrain, arm) = (C, D) gives each player four
payoffs: R (both restrain), S (I restrain, the other arms), T (I arm, the other
restrains) and P (both arm). Two views of them are offered:

* :func:`player_class`: the five classes of the security-dilemma literature
  (Jervis 1978; Kydd 2005), decided by the comparisons R vs T (temptation) and
  S vs P (fear), and R vs P for Deadlock;
* :func:`ordinal_type`: the player's strict ordering of the four outcomes, one of
  the twelve per-player types of the Robinson–Goforth topology of 2x2 games
  (Robinson & Goforth 2005, *The Topology of the 2x2 Games*). Two orderings are
  the same type when relabeling both players' actions at once (R↔P, S↔T) maps
  one to the other, so 24 orderings give 12 types and a game is a pair of types
  (12 × 12 = 144 games).

Both are ordinal: they use comparisons only. A tie among the payoffs compared is
a knife edge (a degenerate game); it is reported as ``"tie"`` and never forced
into a class.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from .validation import exact, payoff_matrices

CLASS_NAMES = ("tie", "harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock")
"""Class names; a name's index is its integer code in :mod:`balkangames.batch`."""

CLASS_TITLES = {
    "tie": "a knife-edge tie (degenerate)",
    "harmony": "Harmony",
    "stag-hunt": "Stag Hunt",
    "prisoners-dilemma": "Prisoner's Dilemma",
    "chicken": "Chicken",
    "deadlock": "Deadlock",
}

CLASS_EXPLANATIONS = {
    "harmony": "restraint pays whatever the other does: no temptation (R > T) and no fear (S > P)",
    "stag-hunt": "restraint pays only if the other restrains too: no temptation (R > T) but fear (P > S)",
    "prisoners-dilemma": "arming pays whatever the other does, yet mutual restraint beats mutual arming: "
    "temptation (T > R) and fear (P > S), R > P",
    "chicken": "arming pays against a restrainer, but an arms race is the worst outcome: "
    "temptation (T > R), no fear (S > P)",
    "deadlock": "the state prefers mutual arming to mutual restraint (T > P > R > S)",
    "tie": "two payoffs that decide the class are equal, so the game sits on a boundary between classes",
}


@dataclass(frozen=True)
class PlayerPayoffs:
    """One player's four payoffs in the (restrain, arm) frame."""

    R: Fraction
    S: Fraction
    T: Fraction
    P: Fraction

    def as_dict(self) -> dict[str, Fraction]:
        """``{"R": ..., "S": ..., "T": ..., "P": ...}``."""
        return {"R": self.R, "S": self.S, "T": self.T, "P": self.P}


def player_payoffs(A, B, player: int) -> PlayerPayoffs:
    """Read player ``0`` (row) or ``1`` (column)'s R, S, T, P from a 2x2 game.

    Action 0 is restrain (C) and action 1 is arm (D) for both players. The column
    player's own payoffs are read from ``B`` transposed, so both players' letters
    mean the same thing.

    >>> player_payoffs([[3, 0], [5, 1]], [[3, 5], [0, 1]], 1)
    PlayerPayoffs(R=Fraction(3, 1), S=Fraction(0, 1), T=Fraction(5, 1), P=Fraction(1, 1))
    """
    row, column = payoff_matrices(A, B)
    if len(row) != 2 or len(row[0]) != 2:
        raise ValueError(
            f"classes are defined for 2x2 games only, got a {len(row)}x{len(row[0])} game"
        )
    if player == 0:
        return PlayerPayoffs(R=row[0][0], S=row[0][1], T=row[1][0], P=row[1][1])
    if player == 1:
        return PlayerPayoffs(R=column[0][0], S=column[1][0], T=column[0][1], P=column[1][1])
    raise ValueError(f"player must be 0 (row) or 1 (column), got {player!r}")


def player_class(R, S, T, P) -> str:
    """The security-dilemma class of one player's payoffs (see :data:`CLASS_NAMES`).

    ======================  =============================================
    class                   condition
    ======================  =============================================
    ``harmony``             R > T and S > P
    ``stag-hunt``           R > T and P > S
    ``chicken``             T > R and S > P
    ``prisoners-dilemma``   T > R and P > S and R > P
    ``deadlock``            T > R and P > S and P > R
    ``tie``                 an equality in a comparison that decides
    ======================  =============================================

    >>> player_class(R=3, S=0, T=5, P=1)
    'prisoners-dilemma'
    >>> player_class(R=4, S=0, T=3, P=1)
    'stag-hunt'
    >>> player_class(R=3, S=0, T=3, P=1)
    'tie'
    """
    R, S, T, P = (exact(v, name) for v, name in ((R, "R"), (S, "S"), (T, "T"), (P, "P")))
    if R == T or S == P:
        return "tie"
    if R > T:
        return "harmony" if S > P else "stag-hunt"
    if S > P:
        return "chicken"
    if R == P:
        return "tie"
    return "prisoners-dilemma" if R > P else "deadlock"


def game_classes(A, B) -> tuple[str, str]:
    """Both players' classes of a 2x2 game, row player first."""
    return tuple(player_class(**player_payoffs(A, B, i).as_dict()) for i in (0, 1))


def ties(R, S, T, P) -> list[str]:
    """Which of the deciding comparisons are ties, as text such as ``"R = T"``."""
    R, S, T, P = (exact(v) for v in (R, S, T, P))
    found = []
    if R == T:
        found.append("R = T")
    if S == P:
        found.append("S = P")
    if T > R and P > S and R == P:
        found.append("R = P")
    return found


# ---------------------------------------------------------------------------
# Robinson–Goforth per-player types

_LETTERS = "RSTP"
_RELABEL = {"R": "P", "P": "R", "S": "T", "T": "S"}

# The six types whose standard names are beyond doubt; the other six are named
# by their ordering only, rather than risk a wrong name in front of a class.
_NAMED_TYPES = {
    "T>R>P>S": "Prisoner's Dilemma",
    "T>P>R>S": "Deadlock",
    "T>R>S>P": "Chicken",
    "T>S>R>P": "Leader",
    "R>T>P>S": "Stag Hunt",
    "R>T>S>P": "Harmony",
}


def _canonical(order: str) -> str:
    """The representative of an ordering's type: the ordering or its relabeled twin."""
    twin = ">".join(_RELABEL[x] for x in order.split(">"))
    for candidate in (order, twin):
        if candidate in _NAMED_TYPES:
            return candidate
    return min(order, twin)


#: The twelve per-player types, each with the orderings that belong to it.
TYPES: dict[str, tuple[str, ...]] = {}
for _perm in permutations(_LETTERS):
    _order = ">".join(_perm)
    TYPES.setdefault(_canonical(_order), ())
    TYPES[_canonical(_order)] += (_order,)


@dataclass(frozen=True)
class OrdinalType:
    """A player's strict ordering of outcomes and its Robinson–Goforth type."""

    ordering: str  #: e.g. ``"T>R>P>S"`` (best first), in this game's labels
    type: str  #: the type's representative ordering, one of the 12 keys of :data:`TYPES`
    name: str | None  #: a standard name where there is one beyond doubt, else None
    ranks: dict[str, int]  #: ordinal payoff 4 (best) … 1 (worst) per outcome letter

    def __str__(self) -> str:
        return f"{self.name} ({self.ordering})" if self.name else f"type {self.type} ({self.ordering})"


def ordinal_type(R, S, T, P) -> OrdinalType | None:
    """A player's Robinson–Goforth type, or ``None`` when two payoffs tie.

    >>> str(ordinal_type(R=3, S=0, T=5, P=1))
    "Prisoner's Dilemma (T>R>P>S)"
    >>> ordinal_type(R=1, S=1, T=2, P=0) is None
    True
    """
    values = {k: exact(v, k) for k, v in (("R", R), ("S", S), ("T", T), ("P", P))}
    if len(set(values.values())) < 4:
        return None
    order = ">".join(sorted(values, key=values.get, reverse=True))
    representative = _canonical(order)
    ranks = {letter: 4 - i for i, letter in enumerate(order.split(">"))}
    return OrdinalType(order, representative, _NAMED_TYPES.get(representative), ranks)


def robinson_goforth(A, B) -> tuple[OrdinalType | None, OrdinalType | None]:
    """Both players' Robinson–Goforth types (row first) of a 2x2 game.

    ``None`` for a player whose payoffs tie (the game lies on a boundary of the
    topology). A symmetric game has equal types.
    """
    return tuple(ordinal_type(**player_payoffs(A, B, i).as_dict()) for i in (0, 1))
