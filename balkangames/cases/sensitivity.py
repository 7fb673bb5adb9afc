"""Which assumption carries each result: per-parameter flip points of a case in a year.

For one case and year, every parameter is moved on its own, the others held at the
case's values. A *flip* is a value at which a player's class or the set of equilibria
changes. Candidates come from the sympy thresholds (:mod:`balkangames.thresholds`:
T = R, P = S and R = P solved for the parameter); each candidate is kept only if the
game solved just below it and just above it really differs, so every reported flip is
real. The *margin* is the distance from the case's value to the nearest flip: a
small margin means the result sits near a knife-edge and rests on that parameter's
assumed size; no flip means the parameter does not matter to the result at all.

>>> from balkangames import cases
>>> report = cases.load("serbia-bosnia").sensitivity(2022)
>>> subsidy = report.parameter("subsidy_1")
>>> str(subsidy.margin), subsidy.nearest.changes
('7/2', 'serbia: prisoners-dilemma -> deadlock')

The two offense shares are moved separately although the capability rule ties them
(o_1 + o_2 = 1); the same alliance flag m is a yes/no switch, reported as a flip when
switching it changes the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..model import ACTIONS, security_game
from ..params import PARAMETERS, SecurityParams
from ..thresholds import BOUNDARIES, CONTINUOUS, threshold

#: The yes/no parameter, flipped by switching it rather than by a threshold.
SWITCH = "same_alliance"


@dataclass(frozen=True)
class Outcome:
    """What a flip changes: each player's class and the equilibria's pure/mixed pattern."""

    classes: tuple[str, str]
    equilibria: tuple[str, ...]

    @classmethod
    def of(cls, params: SecurityParams) -> Outcome:
        """The outcome of the arm/restrain game at ``params``."""
        game = security_game(params)
        classes = tuple(game.classes().values())
        return cls(classes, tuple(sorted(_pattern(profile) for profile in game.solve().equilibria)))


def _pattern(profile) -> str:
    """An equilibrium by its supports: "(arm, restrain)" when pure, "mixed" otherwise."""
    if all(max(mix) == 1 for mix in profile):
        return "(" + ", ".join(ACTIONS[list(mix).index(1)] for mix in profile) + ")"
    return "mixed"


def describe_change(before: Outcome, after: Outcome, players) -> str:
    """Text such as ``"serbia: prisoners-dilemma -> chicken"``; equilibria when classes stay.

    >>> a = Outcome(("chicken", "stag-hunt"), ("mixed",))
    >>> b = Outcome(("prisoners-dilemma", "stag-hunt"), ("(arm, arm)",))
    >>> describe_change(a, b, ("serbia", "bosnia"))
    'serbia: chicken -> prisoners-dilemma; equilibria: mixed -> (arm, arm)'
    """
    parts = [
        f"{player}: {old} -> {new}"
        for player, old, new in zip(players, before.classes, after.classes)
        if old != new
    ]
    if before.equilibria != after.equilibria:
        parts.append(
            f"equilibria: {', '.join(before.equilibria)} -> {', '.join(after.equilibria)}"
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class Flip:
    """A value of one parameter where the result changes, and what changes (as it rises)."""

    at: Fraction
    changes: str
    below: Outcome
    above: Outcome

    def as_dict(self) -> dict[str, str]:
        """``{"at": "7/102", "changes": "..."}``."""
        return {"at": str(self.at), "changes": self.changes}


@dataclass(frozen=True)
class ParameterSensitivity:
    """One parameter: its case value, its flips (ascending) and the margin to the nearest."""

    name: str
    value: Fraction
    flips: tuple[Flip, ...]

    @property
    def nearest(self) -> Flip | None:
        """The flip closest to the case's value (None when the parameter never flips)."""
        return min(self.flips, key=lambda f: abs(f.at - self.value), default=None)

    @property
    def margin(self) -> Fraction | None:
        """Distance from the case's value to the nearest flip; 0 on a knife-edge."""
        return None if self.nearest is None else abs(self.nearest.at - self.value)

    def as_dict(self) -> dict:
        """``{"name", "value", "flips": [{"at", "changes"}], "margin"}`` with exact strings."""
        margin = self.margin
        return {
            "name": self.name,
            "value": str(self.value),
            "flips": [f.as_dict() for f in self.flips],
            "margin": None if margin is None else str(margin),
        }


@dataclass(frozen=True)
class Sensitivity:
    """Every parameter's flips for one case in one year."""

    case: str
    year: int
    players: tuple[str, str]
    parameters: tuple[ParameterSensitivity, ...]

    def parameter(self, name: str) -> ParameterSensitivity:
        """The entry of parameter ``name``.

        Raises:
            ValueError: unknown parameter (the message lists the names).
        """
        for entry in self.parameters:
            if entry.name == name:
                return entry
        raise ValueError(
            f"unknown parameter {name!r}; valid choices: {', '.join(p.name for p in self.parameters)}"
        )

    def by_margin(self) -> list[ParameterSensitivity]:
        """The parameters that can flip the result, nearest knife-edge first."""
        return sorted((p for p in self.parameters if p.flips), key=lambda p: (p.margin, p.name))

    def knife_edges(self, within=Fraction(1, 5)) -> list[str]:
        """Sentences for the parameters whose margin is at most ``within``.

        >>> from balkangames import cases
        >>> lines = cases.load("serbia-bosnia").sensitivity(2022).knife_edges(Fraction(1, 5))
        >>> [line for line in lines if line.startswith("offense_2")]
        ['offense_2 = 10/51 is 53/510 from 3/10, where bosnia: stag-hunt -> prisoners-dilemma.']
        """
        lines = []
        for entry in self.by_margin():
            if entry.margin > within:
                break
            flip = entry.nearest
            lines.append(
                f"{entry.name} = {entry.value} is {entry.margin} from {flip.at}, where {flip.changes}."
            )
        return lines

    def as_dict(self) -> dict:
        """``{"case", "year", "parameters": [...]}`` (see :meth:`ParameterSensitivity.as_dict`)."""
        return {
            "case": self.case,
            "year": self.year,
            "parameters": [p.as_dict() for p in self.parameters],
        }


def _candidates(params: SecurityParams, name: str) -> list[Fraction]:
    """Threshold values of ``name`` strictly inside its range, for both players, sorted."""
    info = PARAMETERS[name]
    found = set()
    for player in (1, 2):
        for boundary in BOUNDARIES:
            value = threshold(name, player, boundary).value(params)
            if value is None:
                continue
            if (info.low is not None and value <= info.low) or (info.high is not None and value >= info.high):
                continue
            found.add(value)
    return sorted(found)


def _probe(candidates: list[Fraction], index: int, name: str) -> Fraction:
    """A step small enough that no other candidate or range end lies within it."""
    info = PARAMETERS[name]
    at = candidates[index]
    gaps = [abs(at) / 1000 if at else Fraction(1, 1000), Fraction(1, 1000)]
    neighbours = candidates[max(index - 1, 0) : index] + candidates[index + 1 : index + 2]
    gaps += [abs(at - other) / 2 for other in neighbours]
    gaps += [abs(at - end) / 2 for end in (info.low, info.high) if end is not None]
    return min(g for g in gaps if g > 0)


def _flips(params: SecurityParams, name: str, players) -> tuple[Flip, ...]:
    candidates = _candidates(params, name)
    flips = []
    for index, at in enumerate(candidates):
        step = _probe(candidates, index, name)
        below = Outcome.of(params.replace(**{name: at - step}))
        above = Outcome.of(params.replace(**{name: at + step}))
        if below != above:  # a tie of a comparison that decides nothing is not a flip
            flips.append(Flip(at, describe_change(below, above, players), below, above))
    return tuple(flips)


def _switch(params: SecurityParams, players) -> tuple[Flip, ...]:
    current = Outcome.of(params)
    toggled_value = Fraction(1) - Fraction(int(params.same_alliance))
    toggled = Outcome.of(params.replace(same_alliance=toggled_value))
    if toggled == current:
        return ()
    before, after = (current, toggled) if toggled_value == 1 else (toggled, current)
    return (Flip(toggled_value, describe_change(before, after, players), before, after),)


def sensitivity(params: SecurityParams, players=("player 1", "player 2"), case: str = "", year: int = 0,
                names=None) -> Sensitivity:
    """Flip points and margins of every parameter (or of ``names``) at ``params``.

    Args:
        params: the parameters of the game (e.g. ``case.params(year)``).
        players: the players' names, used in the ``changes`` texts.
        case, year: labels for the report.
        names: the parameters to analyse (default: every parameter).

    Raises:
        ValueError: an unknown parameter name (listing the valid ones).
    """
    names = list(PARAMETERS) if names is None else list(names)
    for name in names:
        if name not in PARAMETERS:
            raise ValueError(f"unknown parameter {name!r}; valid choices: {', '.join(PARAMETERS)}")
    flat = params.flat()
    entries = []
    for name in names:
        if name == SWITCH:
            flips = _switch(params, players)
        elif name in CONTINUOUS:
            flips = _flips(params, name, players)
        else:  # pragma: no cover - every parameter is continuous or the switch
            flips = ()
        entries.append(ParameterSensitivity(name, flat[name], flips))
    return Sensitivity(case, year, tuple(players), tuple(entries))
