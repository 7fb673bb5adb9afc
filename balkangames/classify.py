"""Name the game each player is in.

A 2x2 game with actions ordered (restrain, arm) = (C, D) gives each player four
payoffs: R (both restrain), S (I restrain, the other arms), T (I arm, the other
restrains) and P (both arm). Two views of them are offered:

* :func:`player_class`: the five classes of the security-dilemma literature
  (Jervis 1978; Kydd 2005), decided by the comparisons R vs T (temptation) and
  S vs P (fear), and R vs P for Deadlock;
* :func:`ordinal_type`: the player's strict ordering of the four outcomes, and its
  type among the twelve per-player types of the Robinson–Goforth topology of 2x2
  games (Robinson & Goforth 2005), each named as Bruns (2015) names the symmetric
  game in which both players have it. Two orderings are one type when relabelling
  *both* players' actions at once (restrain ↔ arm for both: R↔P, S↔T) maps one onto
  the other, so the 24 orderings form 12 types. Of its two orderings, each type is
  shown by the one whose best outcome has the other restraining (R or T on top),
  which is the player's own ordering in the restrain/arm frame whenever it can be.

What the typing is invariant to, exactly: any strictly increasing change of a
player's payoffs (it is ordinal), which player is called row or column (each
player is read in its own frame), and relabelling both players' actions at once.
It is *not* invariant to relabelling one player's actions only (that maps R↔T and
S↔P in that player's letters and R↔S, T↔P in the other's, and changes the types).
So a game is more than its pair of types: the 144 games of the topology are not
simply the 12 × 12 pairs of per-player types.

Both are ordinal: they use comparisons only. A tie among the payoffs compared is
a knife edge (a degenerate game); it is reported as ``"tie"`` and never forced
into a class.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

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

    @property
    def fears(self) -> bool:
        """Whether the player prefers to arm when the other arms (S < P): fear drives it.

        This is the security dilemma's mark in the player's ordering (Stag Hunt, Prisoner's
        Dilemma, Deadlock). The comparison is strict: a tie S = P is indifference, not fear
        (the class is then ``"tie"``, a knife-edge).
        """
        return self.S < self.P

    @property
    def tempted(self) -> bool:
        """Whether the player prefers to arm when the other restrains (T > R): greed.
        Strict, like :attr:`fears`: a tie T = R is not temptation."""
        return self.T > self.R

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

#: The twelve per-player types: representative ordering (best first) -> Bruns's (2015)
#: name of the symmetric game in which both players have it. The representative is the
#: ordering with R or T on top (the other restraining is best); the other ordering of
#: the type is its relabelled twin (R↔P, S↔T).
TYPE_NAMES: dict[str, str] = {
    "T>R>P>S": "Prisoner's Dilemma",
    "T>P>R>S": "Deadlock",
    "T>P>S>R": "Compromise",
    "T>S>P>R": "Hero",
    "T>S>R>P": "Battle",
    "T>R>S>P": "Chicken",
    "R>T>P>S": "Stag Hunt",
    "R>P>T>S": "Assurance",
    "R>P>S>T": "Coordination",
    "R>S>P>T": "Peace",
    "R>S>T>P": "Harmony",
    "R>T>S>P": "Concord",
}


def _twin(order: str) -> str:
    """The same ordering with both players' actions relabelled (R↔P, S↔T)."""
    return ">".join(_RELABEL[x] for x in order.split(">"))


def _canonical(order: str) -> str:
    """The representative of an ordering's type: the ordering or its twin, R or T on top."""
    return order if order[0] in "RT" else _twin(order)


#: The twelve per-player types, each with its two orderings (the representative first).
TYPES: dict[str, tuple[str, str]] = {order: (order, _twin(order)) for order in TYPE_NAMES}


@dataclass(frozen=True)
class OrdinalType:
    """A player's strict ordering of outcomes and its Robinson–Goforth type."""

    ordering: str  #: e.g. ``"T>R>P>S"`` (best first), in the restrain/arm frame of this game
    type: str  #: the type's representative ordering, one of the 12 keys of :data:`TYPES`
    name: str  #: Bruns's (2015) name of the type, e.g. ``"Stag Hunt"``
    ranks: dict[str, int]  #: ordinal payoff 4 (best) … 1 (worst) per outcome letter

    @property
    def relabelled(self) -> bool:
        """True when the ordering is its type's twin: the type's name holds only with
        restrain and arm swapped for both players."""
        return self.ordering != self.type

    def __str__(self) -> str:
        if self.relabelled:
            return f"{self.name} type with restrain and arm swapped ({self.ordering}; as named: {self.type})"
        return f"{self.name} ({self.ordering})"


def ordinal_type(R, S, T, P) -> OrdinalType | None:
    """A player's Robinson–Goforth type, or ``None`` when two payoffs tie.

    >>> str(ordinal_type(R=3, S=0, T=5, P=1))
    "Prisoner's Dilemma (T>R>P>S)"
    >>> str(ordinal_type(R=4, S=3, T=2, P=1))  # North Macedonia 2022: restraint dominant
    'Harmony (R>S>T>P)'
    >>> ordinal_type(R=1, S=1, T=2, P=0) is None
    True
    """
    values = {k: exact(v, k) for k, v in (("R", R), ("S", S), ("T", T), ("P", P))}
    if len(set(values.values())) < 4:
        return None
    order = ">".join(sorted(values, key=values.get, reverse=True))
    representative = _canonical(order)
    ranks = {letter: 4 - i for i, letter in enumerate(order.split(">"))}
    return OrdinalType(order, representative, TYPE_NAMES[representative], ranks)


def robinson_goforth(A, B) -> tuple[OrdinalType | None, OrdinalType | None]:
    """Both players' Robinson–Goforth types (row first) of a 2x2 game.

    ``None`` for a player whose payoffs tie (the game lies on a boundary of the
    topology). A symmetric game has equal types.
    """
    return tuple(ordinal_type(**player_payoffs(A, B, i).as_dict()) for i in (0, 1))
