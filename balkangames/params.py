"""Parameters of the security-dilemma arm/restrain game, declared once in :data:`TABLE`.

The game follows the reference model in the project's design notes, which rests on
Jervis (1978) "Cooperation under the Security Dilemma", Glaser (1997) and
Glaser & Kaufmann (1998). Each of two states chooses to restrain (C) or to arm (D).

Every parameter is one row of :data:`TABLE`: its name, symbol (Unicode and LaTeX), whether
each player has its own value (``offense`` gives ``offense_1`` and ``offense_2``), its model
layer, its domain and default, its slider range and step, the words a learner reads (with
the players' names filled in when a case is known), the lever it moves, and a default
plausible range for a size that is assumed rather than cited. :class:`SecurityParams`, the
flat names of :data:`PARAMETERS`, the case rules' output, the widgets' sliders, the CLI's
``--set`` names and the exercises' symbol maps are all derived from it, so a parameter
added to the table appears everywhere.

First layer (Jervis 1978; Glaser 1997):

=======================  ========  ======================================================
parameter                symbol    meaning
=======================  ========  ======================================================
``stakes``               W         what a successful attack can take (W > 0)
``offense``              o₁, o₂    each player's offense advantage, in [0, 1]
``distinguishability``   d         how well offensive and defensive postures can be told
                                   apart (early warning), in [0, 1]
``arming_cost``          c         cost of arming (c >= 0)
``race_cost``            w         extra cost of an arms race: spiral, war risk (w >= 0)
``restraint_value``      b         value of mutual restraint (b >= 0)
``guarantee``            a₁, a₂    credibility-weighted guarantee covering each player,
                                   e.g. NATO Article 5 high, none 0; in [0, 1]
``same_alliance``        m         True when both players are in the same alliance
``alliance_penalty``     k         cost of arming against an ally (k >= 0)
``subsidy``              r₁, r₂    an outside patron's subsidy to each player's arming
=======================  ========  ======================================================

The second layer (motives, kin-state stakes, alliances that provoke; see
:mod:`balkangames.beliefs` and :mod:`balkangames.mechanisms`) adds parameters that are
all 0 by default, so that the game above is exactly their zero special case:

=======================  ========  ======================================================
``motive_weight``        μ         how far greed comes from a revisionist motive rather
                                   than from the stakes (0: the base model, every state
                                   covets W; 1: only a motive v_i tempts), in [0, 1]
``motive``               v₁, v₂    revisionist stake: what each would gain by changing
                                   the status quo (Glaser 1997; Kydd 2005), v >= 0
``kin``                  e₁, e₂    kin-state stake: co-ethnics on the other's territory,
                                   lost when the other arms and i restrains (Posen
                                   1993), e >= 0
``provocation``          q₁, q₂    offense that the rival's allies add to the rival, as
                                   each player sees it (Snyder 1984), q >= 0
=======================  ========  ======================================================

Values are stored exactly as :class:`fractions.Fraction`; invalid values raise a
``ValueError`` that names the parameter and its range.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, make_dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .validation import exact, in_range, interval_text

_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"


@dataclass(frozen=True)
class PlausibleRange:
    """Where an assumed size of a parameter may plausibly lie, and why (a stated convention).

    A case whose value is cited, not assumed, does not need it; a case that knows better
    (a source's bounds, neighbouring periods) states its own range instead.
    """

    low: Fraction
    high: Fraction
    why: str


@dataclass(frozen=True)
class ParameterRow:
    """One row of :data:`TABLE`: a parameter as :class:`SecurityParams` holds it.

    Attributes:
        name: the field of :class:`SecurityParams` (``"offense"``); a per-player parameter's
            flat names add ``_1`` and ``_2`` (``offense_1``).
        symbol: its sympy name without index (``"o"``, ``"mu"``); flat symbols add ``_1``.
        unicode: what a learner reads (``"o"``, ``"μ"``); ``o₁`` for a per-player one.
        latex: its LaTeX (``"o"``, ``r"\\mu"``); ``o_{1}`` for a per-player one.
        per_player: each player has its own value (a pair ``(player 1, player 2)``).
        layer: 1 (the base model) or 2 (motives, kin stakes, provoking alliances: 0 by
            default, so the base model is their zero special case).
        low, high, low_open: the domain (``None``: unbounded); ``flag``: a yes/no value.
        default: the value :class:`SecurityParams` takes when none is given.
        slider: (low, high, step) of a slider that moves it.
        words: what it is, for a learner; ``{i}`` is the player it belongs to and ``{j}``
            the other (see :meth:`ParameterInfo.label`).
        short: a caption short enough for a slider's label.
        lever: which of Jervis's levers it moves (same placeholders).
        plausible: the default :class:`PlausibleRange` of an assumed size (``None`` for a
            yes/no fact).
        alliance: set by alliance ties (a membership, a peace-support presence or a patron).
    """

    name: str
    symbol: str
    unicode: str
    latex: str
    per_player: bool
    layer: int
    low: Fraction | None
    high: Fraction | None
    default: Any
    slider: tuple[Any, Any, Any]
    words: str
    short: str
    lever: str
    plausible: PlausibleRange | None
    low_open: bool = False
    flag: bool = False
    alliance: bool = False

    @property
    def flat_names(self) -> tuple[str, ...]:
        """``("offense_1", "offense_2")`` for a per-player parameter, else ``(name,)``."""
        return (f"{self.name}_1", f"{self.name}_2") if self.per_player else (self.name,)

    def _both(self, template: str) -> str:
        return template.format(i="each state", j="the other")

    def label(self) -> str:
        """Symbol and words when one value holds for both players (``o: each state's offense advantage``).

        A per-player parameter's own label is :meth:`ParameterInfo.label`.
        """
        both = ", the same for both" if self.per_player else ""
        return f"{self.unicode}: {self._both(self.words)}{both}"

    def caption(self) -> str:
        """Symbol and slider caption when one value holds for both players (``o offense (both)``)."""
        if not self.per_player:
            return f"{self.unicode} {self.short}"
        short = self.short.format(i="(both)", j="") if "{i}" in self.short else f"{self.short} (both)"
        return f"{self.unicode} {short}"

    def lever_text(self) -> str:
        """The lever it moves when one value holds for both players."""
        return self._both(self.lever)


def _row(name, symbol, unicode, latex, per_player, layer, domain, default, slider, words, short, lever,
         plausible, flag=False, alliance=False):
    low, high, low_open = (*domain, False)[:3]
    return ParameterRow(
        name, symbol, unicode, latex, per_player, layer,
        None if low is None else Fraction(low), None if high is None else Fraction(high),
        default, slider, words, short, lever,
        None if plausible is None else PlausibleRange(Fraction(plausible[0]), Fraction(plausible[1]), plausible[2]),
        low_open, flag, alliance,
    )


_HALF_TO_TWICE = "Convention: half to twice the package's assumed {size}; no source gives a size."

#: Every parameter of the game, in a fixed order (the order of :meth:`SecurityParams.flat`).
TABLE: tuple[ParameterRow, ...] = (
    _row("stakes", "W", "W", "W", False, 1, (0, None, True), 10, (0.5, 20, 0.5),
         "stakes: what a successful attack can take", "stakes",
         "scales gains from exploiting and costs of being exploited",
         (5, 20, "Convention: half to twice the package's W = 10. Only payoff ratios matter, so W "
                 "measures the stakes against the costs b, c and w.")),
    _row("offense", "o", "o", "o", True, 1, (0, 1), (Fraction(1, 2), Fraction(1, 2)), (0, 1, 0.05),
         "{i}'s offense advantage", "offense {i}",
         "raises {i}'s gain from exploiting and {j}'s fear",
         (0, 1, "The whole range: without capability data nothing narrows an offense advantage.")),
    _row("distinguishability", "d", "d", "d", False, 1, (0, 1), Fraction(1, 2), (0, 1, 0.05),
         "distinguishability of offensive from defensive postures", "distinguishability",
         "lowers the cost of being exploited (early warning)",
         (0, Fraction(1, 2), "A low value (postures hard to tell apart) anywhere from indistinguishable (0) "
                             "to the middle of the range (1/2).")),
    _row("arming_cost", "c", "c", "c", False, 1, (0, None), 1, (0, 5, 0.25),
         "cost of arming", "arming cost", "cost of arming",
         (Fraction(1, 2), 2, _HALF_TO_TWICE.format(size="c = 1 (a tenth of the stakes)"))),
    _row("race_cost", "w", "w", "w", False, 1, (0, None), 1, (0, 5, 0.25),
         "extra cost of an arms race (spiral, war risk)", "race cost",
         "extra cost of mutual arming (arms race)",
         (Fraction(1, 2), 2, _HALF_TO_TWICE.format(size="w = 1"))),
    _row("restraint_value", "b", "b", "b", False, 1, (0, None), 2, (0, 10, 0.25),
         "value of mutual restraint", "restraint", "gain from mutual restraint",
         (1, 4, _HALF_TO_TWICE.format(size="b = 2 (a fifth of the stakes)"))),
    _row("guarantee", "a", "a", "a", True, 1, (0, 1), (0, 0), (0, 1, 0.05),
         "alliance guarantee covering {i}", "guarantee {i}", "an ally's guarantee covering {i}",
         (0, Fraction(9, 10), "From no guarantee (0) to the package's level for NATO's Article 5 (9/10)."),
         alliance=True),
    _row("same_alliance", "m", "m", "m", False, 1, (0, 1), False, (0, 1, 1),
         "1 when both players are in one alliance", "same alliance",
         "makes arming against an ally cost k", None, flag=True, alliance=True),
    _row("alliance_penalty", "k", "k", "k", False, 1, (0, None), 0, (0, 10, 0.25),
         "cost of arming against an ally", "ally penalty", "cost of arming against an ally (bites when m = 1)",
         (Fraction(3, 2), 6, _HALF_TO_TWICE.format(size="k = 3")), alliance=True),
    _row("subsidy", "r", "r", "r", True, 1, (0, None), (0, 0), (0, 5, 0.25),
         "patron's subsidy to {i}'s arming", "subsidy {i}", "lowers {i}'s net cost of arming",
         (0, 2, "From no subsidy to twice the cost of arming c = 1 (a patron paying for all of a "
                "state's arming and as much again)."), alliance=True),
    # Second layer: every one is 0 by default (the base model is the zero special case).
    _row("motive_weight", "mu", "μ", r"\mu", False, 2, (0, 1), 0, (0, 1, 0.05),
         "how far greed comes from a motive rather than the stakes", "motive weight",
         "moves greed from the stakes W to the motives v",
         (0, 1, "The whole range: whether greed needs a motive is what Glaser (1997) and Kydd (2005) "
                "argue, not a measured size.")),
    _row("motive", "v", "v", "v", True, 2, (0, None), (0, 0), (0, 20, 0.5),
         "{i}'s revisionist motive (what it would gain by changing the status quo)", "motive {i}", "raises {i}'s gain from exploiting (greed)",
         (0, 10, "From no motive to the stakes W = 10 (a greedy type covets what an attack can take).")),
    _row("kin", "e", "e", "e", True, 2, (0, None), (0, 0), (0, 5, 0.05),
         "{i}'s stake in co-ethnics on {j}'s territory", "kin stake",
         "raises {i}'s loss when {j} arms alone (fear)",
         (0, 3, "From no stake to 3, above the package's assumed e = 2: the sources give the "
                "direction, not a size.")),
    _row("provocation", "q", "q", "q", True, 2, (0, None), (0, 0), (0, 1, 0.01),
         "offense {j}'s allies add, as {i} sees it", "provocation",
         "adds to {i}'s fear of {j} (an alliance that provokes)",
         (0, 1, "From none to the whole range of an offense advantage.")),
)

#: The rows by name.
ROWS: dict[str, ParameterRow] = {row.name: row for row in TABLE}


def _subscript(player: int) -> str:
    return _SUBSCRIPTS[player]


def _players(players) -> tuple[str, str]:
    """The two players' names for a learner: the given pair, or "player 1" and "player 2"."""
    if players is None:
        return ("player 1", "player 2")
    first, second = players
    return (str(first), str(second))


@dataclass(frozen=True)
class ParameterInfo:
    """One scalar parameter by its flat name (``offense_2``): a row of :data:`TABLE` for one player.

    Attributes:
        name: the flat name (``offense_2``; ``stakes`` for a shared parameter).
        symbol: the sympy name (``o_2``, ``mu``).
        latex: the LaTeX (``o_{2}``, ``\\mu``).
        description: the learner's words with "player 1"/"player 2" for the players.
        low, high, low_open: the domain.
        unicode: what a learner reads (``o₂``, ``μ``).
        row: the :class:`ParameterRow` it comes from.
        player: 1 or 2 for a per-player parameter, else ``None``.
    """

    name: str
    symbol: str
    latex: str
    description: str
    low: Fraction | None = None
    high: Fraction | None = None
    low_open: bool = False
    unicode: str = ""
    row: ParameterRow | None = field(default=None, repr=False, compare=False)
    player: int | None = None

    @property
    def range_text(self) -> str:
        """The allowed range in interval notation, e.g. ``[0, 1]``."""
        return interval_text(self.low, self.high, self.low_open)

    def _fill(self, template: str, players=None) -> str:
        names = _players(players)
        own = (self.player or 1) - 1
        return template.format(i=names[own], j=names[1 - own])

    def words(self, players=None) -> str:
        """What the parameter is, in words, with the players' names (``"player 2"`` when unknown).

        >>> PARAMETERS["guarantee_2"].words(("Serbia", "Kosovo"))
        'alliance guarantee covering Kosovo'
        """
        return self._fill(self.row.words, players)

    def label(self, players=None) -> str:
        """Symbol and words, as a learner reads them: ``"a₂: alliance guarantee covering Kosovo"``.

        >>> PARAMETERS["guarantee_2"].label()
        'a₂: alliance guarantee covering player 2'
        """
        return f"{self.unicode}: {self.words(players)}"

    def caption(self, players=None) -> str:
        """Symbol and a caption short enough for a slider's label (``"o₁ offense Serbia"``)."""
        return f"{self.unicode} {self._fill(self.row.short, players)}"

    def lever(self, players=None) -> str:
        """Which of Jervis's levers the parameter moves, with the players' names."""
        return self._fill(self.row.lever, players)

    @property
    def slider(self) -> tuple[Any, Any, Any]:
        """(low, high, step) of a slider that moves it."""
        return self.row.slider

    @property
    def plausible(self) -> PlausibleRange | None:
        """The default plausible range of an assumed size (see :class:`PlausibleRange`)."""
        return self.row.plausible


def _flat_infos(row: ParameterRow) -> list[ParameterInfo]:
    if not row.per_player:
        info = ParameterInfo(row.name, row.symbol, row.latex, "", row.low, row.high, row.low_open, row.unicode, row)
        return [_described(info)]
    return [
        _described(ParameterInfo(
            f"{row.name}_{k}", f"{row.symbol}_{k}", f"{row.latex}_{{{k}}}", "", row.low, row.high,
            row.low_open, f"{row.unicode}{_subscript(k)}", row, k,
        ))
        for k in (1, 2)
    ]


def _described(info: ParameterInfo) -> ParameterInfo:
    return ParameterInfo(info.name, info.symbol, info.latex, info.words(), info.low, info.high, info.low_open,
                         info.unicode, info.row, info.player)


#: Every scalar parameter by its flat name, in a fixed order (derived from :data:`TABLE`).
PARAMETERS: dict[str, ParameterInfo] = {info.name: info for row in TABLE for info in _flat_infos(row)}

#: The second layer's parameters (0 by default: the base model is their zero special case).
LAYER_TWO: tuple[str, ...] = tuple(name for name, info in PARAMETERS.items() if info.row.layer == 2)

#: The parameters each player has its own value of (``offense`` …), by field name.
PER_PLAYER: tuple[str, ...] = tuple(row.name for row in TABLE if row.per_player)


def learner_label(name: str, players=None) -> str:
    """The label a learner reads for a flat parameter name: symbol and words.

    ``players`` is the pair of players' names when a case is known; otherwise the words
    say "player 1" and "player 2".

    >>> learner_label("guarantee_2", ("Serbia", "Kosovo"))
    'a₂: alliance guarantee covering Kosovo'
    >>> learner_label("distinguishability")
    'd: distinguishability of offensive from defensive postures'
    """
    return _info(name).label(players)


def _info(name: str) -> ParameterInfo:
    if name not in PARAMETERS:
        raise ValueError(f"unknown parameter {name!r}; expected one of: {', '.join(PARAMETERS)}")
    return PARAMETERS[name]


def names_of_symbol(symbol: str) -> tuple[str, ...]:
    """The flat names a symbol stands for: ``"o"`` both offense advantages, ``"o_1"`` one.

    >>> names_of_symbol("o"), names_of_symbol("a_2"), names_of_symbol("W")
    (('offense_1', 'offense_2'), ('guarantee_2',), ('stakes',))
    """
    for row in TABLE:
        if symbol == row.symbol:
            return row.flat_names
    for name, info in PARAMETERS.items():
        if symbol == info.symbol:
            return (name,)
    raise ValueError(f"unknown parameter symbol {symbol!r}; expected one of: "
                     + ", ".join(dict.fromkeys([row.symbol for row in TABLE] + [i.symbol for i in PARAMETERS.values()])))


def by_symbol(values: Mapping[str, Any], rest: Any = 0) -> dict[str, Any]:
    """A value for every flat parameter, given some by symbol (``{"o": x, "a_2": y}``).

    A symbol without index sets both players' values (``"o"``: ``offense_1`` and
    ``offense_2``); every parameter not named takes ``rest`` (one value, or a mapping by flat
    name such as ``SecurityParams().flat()``). This is how a question written in a
    textbook's symbols (a symmetric dyad with offense o, guarantee a₂ …) is put into the
    model's flat parameters.

    >>> flat = by_symbol({"o": 1, "a_2": 2})
    >>> flat["offense_1"], flat["offense_2"], flat["guarantee_1"], flat["guarantee_2"], flat["stakes"]
    (1, 1, 0, 2, 0)
    """
    result = {name: (rest[name] if isinstance(rest, Mapping) else rest) for name in PARAMETERS}
    for symbol, value in values.items():
        for name in names_of_symbol(symbol):
            result[name] = value
    return result


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


def _checked(row: ParameterRow, value):
    if row.flag:
        return _membership_flag(value, row.name)
    if row.per_player:
        return _pair(value, row.name)
    return _scalar(value, row.name)


class _SecurityParamsMethods:
    """The methods of :class:`SecurityParams`; its fields come from :data:`TABLE`."""

    __slots__ = ()

    def __post_init__(self):
        for row in TABLE:
            object.__setattr__(self, row.name, _checked(row, getattr(self, row.name)))

    def flat(self) -> dict[str, Fraction]:
        """All scalar values by flat name (``offense_1`` …), in :data:`PARAMETERS` order.

        ``same_alliance`` appears as 0 or 1.
        """
        values = {}
        for row in TABLE:
            value = getattr(self, row.name)
            if row.per_player:
                values.update(zip(row.flat_names, value))
            else:
                values[row.name] = Fraction(int(value)) if row.flag else value
        return values

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
        current = {row.name: getattr(self, row.name) for row in TABLE}
        for name, value in changes.items():
            if name in current:
                current[name] = value
                continue
            base, _, index = name.rpartition("_")
            if base in PER_PLAYER and index in ("1", "2"):
                pair = list(current[base]) if isinstance(current[base], (list, tuple)) else [current[base]] * 2
                pair[int(index) - 1] = value
                current[base] = tuple(pair)
                continue
            raise ValueError(
                f"unknown parameter {name!r}; expected one of: " + ", ".join(list(PARAMETERS) + list(PER_PLAYER))
            )
        return type(self)(**current)

    def swapped(self) -> SecurityParams:
        """The same dyad seen from the other side (player 1 and player 2 exchanged)."""
        return self.replace(**{name: getattr(self, name)[::-1] for name in PER_PLAYER})


SecurityParams = make_dataclass(
    "SecurityParams",
    [(row.name, Any, field(default=row.default)) for row in TABLE],
    bases=(_SecurityParamsMethods,),
    frozen=True,
)
SecurityParams.__module__ = __name__  # make_dataclass takes module= only from Python 3.12
SecurityParams.__doc__ = """Parameters of the 2x2 arm/restrain security-dilemma game (see module docs).

    One field per row of :data:`TABLE`, with the row's default. Per-player parameters
    (``offense``, ``guarantee``, ``subsidy``, ``motive``, ``kin``, ``provocation``) take a
    pair ``(player 1, player 2)`` or one number for both.

    >>> p = SecurityParams(offense=0.8, distinguishability=0.1)
    >>> p.offense
    (Fraction(4, 5), Fraction(4, 5))
    >>> p.replace(guarantee_2=0.9).guarantee
    (Fraction(0, 1), Fraction(9, 10))
    """


def require_params(value, name: str = "params") -> SecurityParams:
    """``value`` if it is a :class:`SecurityParams`, else a TypeError saying how to make one."""
    if not isinstance(value, SecurityParams):
        raise TypeError(
            f"{name} must be a SecurityParams (e.g. SecurityParams(stakes=5)), "
            f"got {value!r} of type {type(value).__name__}"
        )
    return value


def _membership_flag(value, name: str = "same_alliance") -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):  # CLI and case files
        return value.strip().lower() == "true"
    try:
        number = exact(value, name)
    except ValueError:
        number = None
    if number not in (0, 1):
        raise ValueError(f"{name} must be True/False (or 1/0), got {value!r}")
    return bool(number)
