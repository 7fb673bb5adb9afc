"""A dyad case: its data, its game in a year (optionally counterfactual), its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .._rich import render
from ..classify import CLASS_TITLES
from ..game import Game
from ..model import ACTIONS, security_game
from ..params import PARAMETERS, ROWS, SecurityParams
from .catalog import MEMBERSHIP_KINDS, CaseSpec, Catalog, Event, load_catalog
from .mechanisms_data import layer_two_parameters
from .provenance import Assumption, Parameter
from .rules import CAPABILITY_DATA_YEAR, derive, ties_in_force

#: Value of ``members`` (and of ``--member ACTOR=none``) that removes all memberships;
#: also of ``presences`` (``--presence kfor=none``), where it takes a presence away.
NO_ALLIANCE = "none"

#: The second layer's parameters that a case-year's one game takes from the data: kin
#: stakes and provocation. Motives are not fixed by a number: the complete-information
#: game counts the stakes W (the greedy type's payoffs), and the readings
#: (:mod:`balkangames.cases.readings`) give the result under each type and prior.
CASE_LAYER_TWO = ROWS["kin"].flat_names + ROWS["provocation"].flat_names
#: The motive layer's parameters (the readings', not the one game's).
MOTIVES = ROWS["motive_weight"].flat_names + ROWS["motive"].flat_names


def normalize_id(value) -> str:
    """Ids are case-insensitive; spaces and underscores count as hyphens.

    >>> normalize_id(" North_Macedonia ")
    'north-macedonia'
    """
    if not isinstance(value, str):
        raise ValueError(f"an id must be a string, got {value!r}")
    return value.strip().lower().replace("_", "-").replace(" ", "-")


def choose(value, choices, what: str) -> str:
    """Return the normalised id if it is one of ``choices``, else fail listing them."""
    key = normalize_id(value)
    if key not in choices:
        raise ValueError(f"unknown {what} {value!r}; valid choices: {', '.join(sorted(choices))}")
    return key


@dataclass(frozen=True)
class TimelineEntry:
    """The game of a case at one dated event."""

    date: str
    year: int
    event: Event
    game: Game
    classes: dict[str, str]
    equilibria: tuple


def mixes_by_player(game: Game, profile) -> dict[str, dict[str, Fraction]]:
    """One equilibrium as {player: {action: probability}}."""
    return {
        player: dict(zip(game.actions[i], profile[i])) for i, player in enumerate(game.players)
    }


class Case:
    """A Western Balkans dyad with cited parameters.

    Use :func:`balkangames.cases.load` to get one.

    Attributes:
        id, title, description: from the case file.
        players: the two actor ids, row player first.
        first_year, last_year, default_year: the years the case can be asked about.
    """

    def __init__(self, spec: CaseSpec, catalog: Catalog):
        self._spec = spec
        self._catalog = catalog
        self.id = spec.id
        self.title = spec.title
        self.description = spec.description
        self.players = spec.players
        self.first_year = spec.first_year
        self.last_year = spec.last_year
        self.default_year = spec.default_year

    def __repr__(self) -> str:
        return f"<Case {self.id}: {self.players[0]} vs {self.players[1]}, {self.first_year}-{self.last_year}>"

    def _repr_html_(self) -> str:
        """JupyterLab's view: the parameters with their sources (see :mod:`balkangames.views`)."""
        return render("case_html", self)

    @property
    def years(self) -> range:
        """The years the case can be asked about."""
        return range(self.first_year, self.last_year + 1)

    @property
    def context(self):
        """Citations describing the dyad (not parameters)."""
        return self._spec.context

    def check_year(self, year) -> int:
        """The year to use (default when None); unknown years fail listing the range."""
        if year is None:
            return self.default_year
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int) or year not in self.years:
            raise ValueError(
                f"unknown year {year!r} for case {self.id}; valid choices: "
                f"{self.first_year} to {self.last_year}"
            )
        return year

    def check_members(self, members) -> dict[str, str | None]:
        """Normalise counterfactual memberships {actor: alliance id or None}.

        Raises:
            ValueError: an actor that is not a player of the case, or an alliance
                that is not a membership organisation; the message lists the choices.
        """
        if not members:
            return {}
        if not isinstance(members, dict):
            raise ValueError(f"members must map actor ids to alliance ids, got {members!r}")
        memberships = sorted(
            a.id for a in self._catalog.alliances.values() if a.kind in MEMBERSHIP_KINDS
        )
        checked = {}
        for actor, alliance in members.items():
            actor_id = choose(actor, self._catalog.actors, "actor")
            if actor_id not in self.players:
                raise ValueError(
                    f"actor {actor!r} is not a player of case {self.id}; valid choices: "
                    + ", ".join(self.players)
                )
            if alliance is None or normalize_id(alliance) == NO_ALLIANCE:
                checked[actor_id] = None
                continue
            alliance_id = normalize_id(alliance)
            if alliance_id not in memberships:
                raise ValueError(
                    f"unknown alliance {alliance!r} for a membership; valid choices: "
                    + ", ".join(memberships + [NO_ALLIANCE])
                    + " (kfor and eufor-althea are presences, russia is a patron: not memberships)"
                )
            checked[actor_id] = alliance_id
        return checked

    def check_presences(self, presences) -> frozenset[str]:
        """Normalise counterfactual presences {presence id: "none"} to the ids taken away.

        Raises:
            ValueError: an id that is not a peace-support presence, or a value other than
                ``"none"``; the message lists the choices.
        """
        if not presences:
            return frozenset()
        if not isinstance(presences, dict):
            raise ValueError(f"presences must map presence ids to 'none', got {presences!r}")
        known = sorted(a.id for a in self._catalog.alliances.values() if a.kind == "presence")
        removed = set()
        for presence, value in presences.items():
            presence_id = normalize_id(presence)
            if presence_id not in known:
                raise ValueError(
                    f"unknown presence {presence!r}; valid choices: {', '.join(known)} "
                    "(memberships such as nato are set with members / --member)"
                )
            if value is not None and normalize_id(value) != NO_ALLIANCE:
                raise ValueError(
                    f"presence {presence_id}={value!r}: the only counterfactual value is "
                    f"'{NO_ALLIANCE}' (take the presence away); set its level with guarantee_1/guarantee_2"
                )
            removed.add(presence_id)
        return frozenset(removed)

    def parameters(self, year=None, members=None, overrides=None, presences=None,
                   second_layer: bool = True) -> tuple[Parameter, ...]:
        """The parameters of the case-year's one game, each with its citation or assumption.

        The one game is the first layer plus the second-layer values its rules cite (kin
        stakes, provocation: :data:`CASE_LAYER_TWO`); motives stay at the base model's
        (the stakes W), and the readings give each type and prior.

        Args:
            year: a year in :attr:`years` (default :attr:`default_year`).
            members: counterfactual memberships, e.g. ``{"kosovo": "nato"}``; ``None``
                or ``"none"`` as the alliance removes the actor's memberships.
            overrides: values set by hand, e.g. ``{"distinguishability": "1/2"}``;
                they are labelled as user assumptions.
            presences: peace-support presences taken away, e.g. ``{"kfor": "none"}``
                (a separate control from membership).
            second_layer: ``False`` gives the first layer alone, an explicit comparison.

        Raises:
            ValueError: unknown year, actor, alliance, presence or parameter (listing
                choices), or a value outside the parameter's range.
        """
        year = self.check_year(year)
        derived = derive(self._catalog, self._spec, year, self.check_members(members),
                         self.check_presences(presences))
        if second_layer:
            for p in layer_two_parameters(self, year):
                if p.name in CASE_LAYER_TWO:
                    derived[p.name] = p
            for name in MOTIVES:
                derived[name] = Parameter(name, derived[name].value, (), (Assumption(
                    f"{name} = {derived[name].value}: the complete-information game counts what an attack can "
                    "take at the stakes W (the base model), the greedy type's payoffs. No true type is "
                    "assumed: the readings give the result under each type and prior."
                ),))
        for name, value in (overrides or {}).items():
            if name not in PARAMETERS:
                raise ValueError(
                    f"unknown parameter {name!r}; valid choices: {', '.join(PARAMETERS)}"
                )
            # Validate through SecurityParams so the message names the parameter and range.
            checked = SecurityParams().replace(**{name: value}).flat()[name]
            derived[name] = Parameter(name, checked, (), (Assumption(f"Set by hand to {checked}."),))
        return tuple(derived[name] for name in PARAMETERS)

    def params(self, year=None, members=None, overrides=None, presences=None,
               second_layer: bool = True) -> SecurityParams:
        """The :class:`~balkangames.params.SecurityParams` of the case in a year (see :meth:`parameters`)."""
        return SecurityParams.from_flat(
            {p.name: p.value for p in self.parameters(year, members, overrides, presences, second_layer)}
        )

    def game(self, year=None, members=None, overrides=None, presences=None,
             second_layer: bool = True) -> Game:
        """The case-year's one arm/restrain game (see :meth:`parameters`).

        ``second_layer=False`` gives the first layer alone, labelled as that comparison.

        >>> game = load("serbia-croatia").game(year=2022)
        >>> game.players
        ('serbia', 'croatia')
        >>> str(load("serbia-kosovo").params(2022).kin[0])
        '2'
        """
        year = self.check_year(year)
        params = self.params(year, members, overrides, presences, second_layer)
        suffix = " (counterfactual)" if members or overrides or presences else ""
        if not second_layer:
            suffix += " (first layer alone, for comparison)"
        return security_game(params, players=self.players, name=f"{self.title}, {year}{suffix}")

    def knife_edges(self, year=None, members=None, overrides=None, presences=None) -> list[str]:
        """Where an assumed size puts a player exactly on a class boundary (S = P or T = R),
        the classes on both sides of it: at the ends of the size's stated plausible range.

        A tie decided by an assumed number is not a finding; this shows both sides instead
        of picking one.

        >>> [e for e in load("serbia-kosovo").knife_edges(1999) if "kin_1" in e]
        ['serbia: S = P at kin_1 = 2 (assumed; plausible range 1 to 3): at 1 serbia is Harmony; at 3 serbia is Stag Hunt']
        """
        year = self.check_year(year)
        parameters = self.parameters(year, members, overrides, presences)
        game = self.game(year, members, overrides, presences)
        found = []
        for player in self.players:
            terms = game.payoffs_of(player)
            ties = [label for label, tie in (("S = P", terms.S == terms.P), ("T = R", terms.T == terms.R)) if tie]
            if not ties:
                continue
            for parameter in parameters:
                ranged = [a for a in parameter.assumptions if a.range is not None]
                if not ranged or parameter.name in (overrides or {}):
                    continue
                low, high = ranged[-1].range
                if low == high or not low <= parameter.value <= high:
                    continue
                # The range's ends on either side of the value (one side when the value is an end).
                ends = [end for end in (low, high) if end != parameter.value]
                classes = {end: self.game(year, members, {**(overrides or {}), parameter.name: end},
                                          presences).classes()[player] for end in ends}
                sides = [f"at {end} {player} is {CLASS_TITLES[classes[end]]}" for end in ends]
                if len(set(classes.values()) | {game.classes()[player]}) > 1:
                    found.append(
                        f"{player}: {' and '.join(ties)} at {parameter.name} = {parameter.value} (assumed; plausible "
                        f"range {low} to {high}): {'; '.join(sides)}"
                    )
        return found

    def sensitivity(self, year=None, members=None, overrides=None, names=None, presences=None):
        """Which parameter carries the result: each one's flip points and margin in a year.

        See :mod:`balkangames.cases.sensitivity`; the arguments are those of
        :meth:`parameters`, and ``names`` limits the analysis to some parameters.

        >>> entry = load("serbia-bosnia").sensitivity(2022).parameter("subsidy_1")
        >>> str(entry.value), str(entry.margin), str(entry.nearest.at)
        ('1/2', '7/2', '4')
        """
        from .sensitivity import sensitivity  # heavy (sympy thresholds): loaded on first use

        year = self.check_year(year)
        params = self.params(year, members, overrides, presences)
        return sensitivity(params, self.players, case=self.id, year=year, names=names)

    def events(self) -> tuple[Event, ...]:
        """The dated events of this case within its years, in date order."""
        return tuple(
            e for e in self._catalog.events if self.id in e.cases and e.year in self.years
        )

    def timeline(self, members=None, presences=None) -> list[TimelineEntry]:
        """The game, each player's class and the equilibria at each event of the case."""
        entries = []
        for event in self.events():
            game = self.game(event.year, members, presences=presences)
            entries.append(
                TimelineEntry(event.date, event.year, event, game, game.classes(), game.solve().equilibria)
            )
        return entries

    def report(self, year=None, members=None, overrides=None, presences=None) -> dict:
        """Everything ``balkangames show --json`` prints, as a JSON-ready dict.

        Keys: ``case``, ``title``, ``year``, ``players``, ``actions``, ``classes``,
        ``equilibria`` (each {actor: {action: "p/q"}}), ``degenerate``, ``continua``
        (each continuum of equilibria of a knife-edge game, in words), ``payoffs``
        ({actor: matrix [row action][column action] of exact strings; rows are
        the first player's actions}), ``first_layer_classes`` (the classes without the
        second layer, a comparison), ``presences_removed`` (presence ids taken away by
        hand), ``members`` ({actor: the alliances and
        partnerships it belongs to that year, counterfactuals applied}), ``presences``
        and ``patrons`` ({actor: ids}), ``counterfactual`` (the memberships changed by
        hand, {actor: alliance or "none"}), ``capabilities_counterfactual`` (true when
        the year is not the capability data's 2022) and ``parameters`` (name, value and
        source+quote and/or assumption).

        >>> report = load("serbia-kosovo").report(2022)
        >>> report["members"], report["presences"]["kosovo"], report["counterfactual"]
        ({'serbia': ['pfp'], 'kosovo': []}, ['kfor'], {})
        """
        year = self.check_year(year)
        members = self.check_members(members)
        removed = self.check_presences(presences)
        parameters = self.parameters(year, members, overrides, {p: NO_ALLIANCE for p in removed})
        game = security_game(
            SecurityParams.from_flat({p.name: p.value for p in parameters}),
            players=self.players,
            name=f"{self.title}, {year}",
        )
        solution = game.solve()
        ties = {p: ties_in_force(self._catalog, p, year, members, removed) for p in self.players}
        first_layer = self.game(year, members, overrides, {p: NO_ALLIANCE for p in removed}, second_layer=False)
        return {
            "case": self.id,
            "title": self.title,
            "year": year,
            "players": list(self.players),
            "actions": list(ACTIONS),
            "classes": game.classes(),
            "equilibria": [
                {player: {a: str(p) for a, p in mix.items()} for player, mix in mixes_by_player(game, eq).items()}
                for eq in solution.equilibria
            ],
            "degenerate": bool(solution.degenerate),
            "continua": [
                c.describe(self.players, game.actions) for c in solution.components if not c.is_isolated
            ],
            "payoffs": {
                self.players[0]: [[str(x) for x in row] for row in game.A],
                self.players[1]: [[str(x) for x in row] for row in game.B],
            },
            "members": {p: ties[p]["members"] for p in self.players},
            "presences": {p: ties[p]["presences"] for p in self.players},
            "patrons": {p: ties[p]["patrons"] for p in self.players},
            "counterfactual": {actor: alliance or NO_ALLIANCE for actor, alliance in members.items()},
            "presences_removed": sorted(removed),
            "first_layer_classes": first_layer.classes(),
            "capabilities_counterfactual": year != CAPABILITY_DATA_YEAR,
            "parameters": [p.as_dict() for p in parameters],
        }


def load(case_id, data_dir=None) -> Case:
    """The case with id ``case_id`` (case-insensitive).

    Args:
        case_id: e.g. ``"serbia-kosovo"``.
        data_dir: another data directory (for tests); default the package's.

    Raises:
        ValueError: unknown case (the message lists the valid ids) or invalid data.

    >>> load("Serbia-Kosovo").players
    ('serbia', 'kosovo')
    """
    catalog = load_catalog(data_dir)
    key = choose(case_id, catalog.cases, "case")
    return Case(catalog.cases[key], catalog)
