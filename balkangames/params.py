"""Parameters of the security-dilemma arm/restrain game.

The game follows the reference model in the project's design notes, which rests on
Jervis (1978) "Cooperation under the Security Dilemma", Glaser (1997) and
Glaser & Kaufmann (1998). Each of two states chooses to restrain (C) or to arm (D).

=======================  ========  ======================================================
parameter                symbol    meaning
=======================  ========  ======================================================
``stakes``               W         what a successful attack can take (W > 0)
``offense``              o_1, o_2  each player's offense advantage, in [0, 1]
``distinguishability``   d         how well offensive and defensive postures can be told
                                   apart (early warning), in [0, 1]
``arming_cost``          c         cost of arming (c >= 0)
``race_cost``            w         extra cost of an arms race: spiral, war risk (w >= 0)
``restraint_value``      b         value of mutual restraint (b >= 0)
``guarantee``            a_1, a_2  credibility-weighted guarantee covering each player,
                                   e.g. NATO Article 5 high, none 0; in [0, 1]
``same_alliance``        m         True when both players are in the same alliance
``alliance_penalty``     k         cost of arming against an ally (k >= 0)
``subsidy``              r_1, r_2  an outside patron's subsidy to each player's arming
=======================  ========  ======================================================

The second layer (motives, kin-state stakes, alliances that provoke; see
:mod:`balkangames.beliefs` and :mod:`balkangames.mechanisms`) adds parameters that are
all 0 by default, so that the game above is exactly their zero special case:

=======================  ========  ======================================================
``motive_weight``        μ         how far greed comes from a revisionist motive rather
                                   than from the stakes (0: the base model, every state
                                   covets W; 1: only a motive v_i tempts), in [0, 1]
``motive``               v_1, v_2  revisionist stake: what each would gain by changing
                                   the status quo (Glaser 1997; Kydd 2005), v >= 0
``kin``                  e_1, e_2  kin-state stake: co-ethnics on the other's territory,
                                   lost when the other arms and i restrains (Posen
                                   1993), e >= 0
``provocation``          q_1, q_2  offense that the rival's allies add to the rival, as
                                   each player sees it (Snyder 1984), q >= 0
=======================  ========  ======================================================

Values are stored exactly as :class:`fractions.Fraction`; invalid values raise a
``ValueError`` that names the parameter and its range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import Any

import numpy as np

from .validation import exact, in_range, interval_text


@dataclass(frozen=True)
class ParameterInfo:
    """Description of one scalar parameter: its symbol, meaning and allowed range."""

    name: str
    symbol: str
    latex: str
    description: str
    low: Fraction | None = None
    high: Fraction | None = None
    low_open: bool = False

    @property
    def range_text(self) -> str:
        """The allowed range in interval notation, e.g. ``[0, 1]``."""
        return interval_text(self.low, self.high, self.low_open)


def _info(name, symbol, latex, description, low=None, high=None, low_open=False):
    return ParameterInfo(
        name,
        symbol,
        latex,
        description,
        None if low is None else Fraction(low),
        None if high is None else Fraction(high),
        low_open,
    )


#: Every scalar parameter by its flat name, in a fixed order.
PARAMETERS: dict[str, ParameterInfo] = {
    info.name: info
    for info in (
        _info("stakes", "W", "W", "what a successful attack can take", 0, None, True),
        _info("offense_1", "o_1", "o_1", "player 1's offense advantage", 0, 1),
        _info("offense_2", "o_2", "o_2", "player 2's offense advantage", 0, 1),
        _info("distinguishability", "d", "d", "distinguishability of offense from defense", 0, 1),
        _info("arming_cost", "c", "c", "cost of arming", 0),
        _info("race_cost", "w", "w", "extra cost of an arms race", 0),
        _info("restraint_value", "b", "b", "value of mutual restraint", 0),
        _info("guarantee_1", "a_1", "a_1", "alliance guarantee covering player 1", 0, 1),
        _info("guarantee_2", "a_2", "a_2", "alliance guarantee covering player 2", 0, 1),
        _info("same_alliance", "m", "m", "1 when both players are in one alliance", 0, 1),
        _info("alliance_penalty", "k", "k", "cost of arming against an ally", 0),
        _info("subsidy_1", "r_1", "r_1", "patron's subsidy to player 1's arming", 0),
        _info("subsidy_2", "r_2", "r_2", "patron's subsidy to player 2's arming", 0),
        # Second layer: every one is 0 by default (the base model is the zero special case).
        _info("motive_weight", "mu", r"\mu", "how far greed comes from a motive rather than the stakes", 0, 1),
        _info("motive_1", "v_1", "v_1", "player 1's revisionist stake (motive)", 0),
        _info("motive_2", "v_2", "v_2", "player 2's revisionist stake (motive)", 0),
        _info("kin_1", "e_1", "e_1", "player 1's stake in co-ethnics on player 2's territory", 0),
        _info("kin_2", "e_2", "e_2", "player 2's stake in co-ethnics on player 1's territory", 0),
        _info("provocation_1", "q_1", "q_1", "offense player 2's allies add, as player 1 sees it", 0),
        _info("provocation_2", "q_2", "q_2", "offense player 1's allies add, as player 2 sees it", 0),
    )
}

#: The second layer's parameters (0 by default: the base model is their zero special case).
LAYER_TWO: tuple[str, ...] = tuple(PARAMETERS)[list(PARAMETERS).index("motive_weight"):]

_PAIRS = {
    "offense": "offense",
    "guarantee": "guarantee",
    "subsidy": "subsidy",
    "motive": "motive",
    "kin": "kin",
    "provocation": "provocation",
}


def _pair(value, name: str) -> tuple[Fraction, Fraction]:
    """Accept one number (both players) or a pair (player 1, player 2)."""
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise ValueError(f"{name} must be one number or a pair (player 1, player 2), got {value!r}")
        values = tuple(value)
    else:
        values = (value, value)
    return tuple(
        in_range(v, f"{name}_{i + 1}", PARAMETERS[f"{name}_{i + 1}"].low, PARAMETERS[f"{name}_{i + 1}"].high)
        for i, v in enumerate(values)
    )


def _scalar(value, name: str) -> Fraction:
    info = PARAMETERS[name]
    return in_range(value, name, info.low, info.high, low_open=info.low_open)


@dataclass(frozen=True)
class SecurityParams:
    """Parameters of the 2x2 arm/restrain security-dilemma game (see module docs).

    Per-player parameters (``offense``, ``guarantee``, ``subsidy``) take a pair
    ``(player 1, player 2)`` or one number for both.

    >>> p = SecurityParams(offense=0.8, distinguishability=0.1)
    >>> p.offense
    (Fraction(4, 5), Fraction(4, 5))
    >>> p.replace(guarantee_2=0.9).guarantee
    (Fraction(0, 1), Fraction(9, 10))
    """

    stakes: Any = 10
    offense: Any = (Fraction(1, 2), Fraction(1, 2))
    distinguishability: Any = Fraction(1, 2)
    arming_cost: Any = 1
    race_cost: Any = 1
    restraint_value: Any = 2
    guarantee: Any = (0, 0)
    same_alliance: Any = False
    alliance_penalty: Any = 0
    subsidy: Any = (0, 0)
    motive_weight: Any = 0
    motive: Any = (0, 0)
    kin: Any = (0, 0)
    provocation: Any = (0, 0)

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "stakes", _scalar(self.stakes, "stakes"))
        set_(self, "offense", _pair(self.offense, "offense"))
        set_(self, "distinguishability", _scalar(self.distinguishability, "distinguishability"))
        set_(self, "arming_cost", _scalar(self.arming_cost, "arming_cost"))
        set_(self, "race_cost", _scalar(self.race_cost, "race_cost"))
        set_(self, "restraint_value", _scalar(self.restraint_value, "restraint_value"))
        set_(self, "guarantee", _pair(self.guarantee, "guarantee"))
        set_(self, "same_alliance", _membership_flag(self.same_alliance))
        set_(self, "alliance_penalty", _scalar(self.alliance_penalty, "alliance_penalty"))
        set_(self, "subsidy", _pair(self.subsidy, "subsidy"))
        set_(self, "motive_weight", _scalar(self.motive_weight, "motive_weight"))
        set_(self, "motive", _pair(self.motive, "motive"))
        set_(self, "kin", _pair(self.kin, "kin"))
        set_(self, "provocation", _pair(self.provocation, "provocation"))

    def flat(self) -> dict[str, Fraction]:
        """All scalar values by flat name (``offense_1`` …), in :data:`PARAMETERS` order.

        ``same_alliance`` appears as 0 or 1.
        """
        return {
            "stakes": self.stakes,
            "offense_1": self.offense[0],
            "offense_2": self.offense[1],
            "distinguishability": self.distinguishability,
            "arming_cost": self.arming_cost,
            "race_cost": self.race_cost,
            "restraint_value": self.restraint_value,
            "guarantee_1": self.guarantee[0],
            "guarantee_2": self.guarantee[1],
            "same_alliance": Fraction(int(self.same_alliance)),
            "alliance_penalty": self.alliance_penalty,
            "subsidy_1": self.subsidy[0],
            "subsidy_2": self.subsidy[1],
            "motive_weight": self.motive_weight,
            "motive_1": self.motive[0],
            "motive_2": self.motive[1],
            "kin_1": self.kin[0],
            "kin_2": self.kin[1],
            "provocation_1": self.provocation[0],
            "provocation_2": self.provocation[1],
        }

    @classmethod
    def from_flat(cls, values: dict[str, Any]) -> SecurityParams:
        """Build parameters from flat names; missing names take the defaults."""
        if not isinstance(values, Mapping):
            raise TypeError(f"values must be a dict of parameter names to numbers, got {values!r}")
        return cls().replace(**values)

    def replace(self, **changes) -> SecurityParams:
        """A copy with some values changed, by field name or flat name.

        >>> SecurityParams().replace(offense_1=1, subsidy=(0, 2)).flat()["subsidy_2"]
        Fraction(2, 1)
        """
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in changes.items():
            if name in current:
                current[name] = value
                continue
            base, _, index = name.rpartition("_")
            if base in _PAIRS and index in ("1", "2"):
                pair = list(current[base]) if isinstance(current[base], (list, tuple)) else [current[base]] * 2
                pair[int(index) - 1] = value
                current[base] = tuple(pair)
                continue
            raise ValueError(
                f"unknown parameter {name!r}; expected one of: "
                + ", ".join(list(PARAMETERS) + list(_PAIRS))
            )
        return type(self)(**current)

    def swapped(self) -> SecurityParams:
        """The same dyad seen from the other side (player 1 and player 2 exchanged)."""
        return self.replace(
            offense=self.offense[::-1],
            guarantee=self.guarantee[::-1],
            subsidy=self.subsidy[::-1],
            motive=self.motive[::-1],
            kin=self.kin[::-1],
            provocation=self.provocation[::-1],
        )


def require_params(value, name: str = "params") -> SecurityParams:
    """``value`` if it is a :class:`SecurityParams`, else a TypeError saying how to make one."""
    if not isinstance(value, SecurityParams):
        raise TypeError(
            f"{name} must be a SecurityParams (e.g. SecurityParams(stakes=5)), "
            f"got {value!r} of type {type(value).__name__}"
        )
    return value


def _membership_flag(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):  # CLI and case files
        return value.strip().lower() == "true"
    try:
        number = exact(value, "same_alliance")
    except ValueError:
        number = None
    if number not in (0, 1):
        raise ValueError(f"same_alliance must be True/False (or 1/0), got {value!r}")
    return bool(number)
