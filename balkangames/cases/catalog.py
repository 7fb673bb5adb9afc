"""The validated contents of the package's data files: actors, alliances, events, rules, cases.

:func:`load_catalog` reads a data directory (by default ``balkangames/data``),
checks every field and cross-reference, and returns a :class:`Catalog`. Any
problem raises a ``ValueError`` naming the file, the field and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..params import PARAMETERS, TABLE
from .provenance import Assumption, Citation
from .schema import Fields, Sourced, read_toml

#: Kinds of alliance entries (see data/alliances.toml).
ALLIANCE_KINDS = ("alliance", "partnership", "presence", "patron")
#: Kinds an actor can be a member of (the others cover or back an actor).
MEMBERSHIP_KINDS = ("alliance", "partnership")
#: Shared constants of the mapping rules, which a case may override with a seed citation: every
#: shared first-layer number of balkangames.params.TABLE (offense, guarantee, subsidy and the
#: same-alliance flag have their own rules).
CONSTANTS = tuple(row.name for row in TABLE if row.layer == 1 and not row.per_player and not row.flag)
_YEARS = (1900, 2100)


@dataclass(frozen=True)
class Actor:
    """A state of the cases, with its Global Firepower 2022 rank (and PowerIndex if cited).

    ``armed_since`` is the first year the actor had an armed force (None: throughout the
    cases' years); before it, the actor has no capability (Kosovo before its Security
    Force). ``armed_since_citations`` gives the source of that year.
    """

    id: str
    name: str
    gfp_rank_2022: int
    power_index_2022: Fraction | None
    citations: tuple[Citation, ...]
    armed_since: int | None = None
    armed_since_citations: tuple[Citation, ...] = ()

    def armed_in(self, year: int) -> bool:
        """Whether the actor had an armed force in ``year``."""
        return self.armed_since is None or year >= self.armed_since


@dataclass(frozen=True)
class Tie:
    """An actor's membership of, coverage by, or backing from an alliance, over years.

    The tie holds from ``since`` to ``until`` inclusive (``until`` None: still in force).
    ``level`` overrides the alliance's guarantee or subsidy for these years (e.g. a
    peace-support force whose size changed); None means the alliance's own level.
    """

    actor: str
    since: int
    citations: tuple[Citation, ...] = ()
    assumption: Assumption | None = None
    until: int | None = None
    level: Sourced | None = None

    def covers(self, year: int) -> bool:
        """Whether the tie is in force in ``year``."""
        return self.since <= year and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class Alliance:
    """An alliance, partnership, peace-support presence or patron, and its ties to actors."""

    id: str
    name: str
    kind: str
    guarantee: Sourced | None
    subsidy: Sourced | None
    ties: tuple[Tie, ...]

    def tie(self, actor: str, year: int) -> Tie | None:
        """The tie to ``actor`` in force in ``year``, if any."""
        for tie in self.ties:
            if tie.actor == actor and tie.covers(year):
                return tie
        return None

    def level(self, tie: Tie) -> Sourced:
        """The guarantee (or a patron's subsidy) that ``tie`` carries: its own, else the alliance's."""
        return tie.level or (self.subsidy if self.kind == "patron" else self.guarantee)


@dataclass(frozen=True)
class Event:
    """A dated event of a case timeline, with its source."""

    id: str
    date: str
    year: int
    title: str
    actors: tuple[str, ...]
    cases: tuple[str, ...]
    citations: tuple[Citation, ...]

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day) for ordering by real date; a missing month or day counts as 0.

        So an event known only to its year is placed at the start of that year
        (data/events.toml gives every event whose place in its year matters a month).
        """
        parts = [int(x) for x in self.date.split("-")] + [0, 0]
        return parts[0], parts[1], parts[2]


@dataclass(frozen=True)
class Rules:
    """The shared mapping rules: capability scale and constants (data/rules.toml)."""

    countries_ranked: int
    capability_citations: tuple[Citation, ...]
    capability_assumption: Assumption
    constants: dict[str, Sourced]


@dataclass(frozen=True)
class CaseSpec:
    """A dyad case as written in its data file."""

    id: str
    title: str
    players: tuple[str, str]
    description: str
    first_year: int
    last_year: int
    default_year: int
    years_citations: tuple[Citation, ...]
    years_assumption: Assumption | None
    context: tuple[Citation, ...]
    overrides: dict[str, Sourced]
    file: str


@dataclass(frozen=True)
class Catalog:
    """Everything in one data directory, validated and cross-checked."""

    actors: dict[str, Actor]
    alliances: dict[str, Alliance]
    events: tuple[Event, ...]
    rules: Rules
    cases: dict[str, CaseSpec]
    directory: Path

    def citations(self):
        """Every citation in the data, as ``(file, where, citation)`` triples."""
        for actor in self.actors.values():
            for c in actor.citations + actor.armed_since_citations:
                yield "actors.toml", f"actor {actor.id}", c
        for alliance in self.alliances.values():
            for level in (alliance.guarantee, alliance.subsidy):
                for c in level.citations if level else ():
                    yield "alliances.toml", f"alliance {alliance.id}", c
            for tie in alliance.ties:
                for c in tie.citations + (tie.level.citations if tie.level else ()):
                    yield "alliances.toml", f"alliance {alliance.id} member {tie.actor}", c
        for event in self.events:
            for c in event.citations:
                yield "events.toml", f"event {event.id}", c
        for c in self.rules.capability_citations:
            yield "rules.toml", "capability", c
        for name, constant in self.rules.constants.items():
            for c in constant.citations:
                yield "rules.toml", f"constants.{name}", c
        for spec in self.cases.values():
            for c in spec.years_citations + spec.context:
                yield f"cases/{spec.file}", "years/context", c
            for name, override in spec.overrides.items():
                for c in override.citations:
                    yield f"cases/{spec.file}", f"overrides.{name}", c


def default_data_dir() -> Path:
    """The data directory shipped inside the package."""
    return Path(str(resources.files("balkangames") / "data"))


@lru_cache(maxsize=8)
def _cached(directory: str) -> Catalog:
    return _load(Path(directory))


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Load and validate a data directory (default: the package's own).

    Args:
        directory: a folder holding actors.toml, alliances.toml, events.toml,
            rules.toml and cases/*.toml.

    Returns:
        The validated :class:`Catalog` (cached per directory).

    Raises:
        ValueError: a file is missing or malformed; the message names the file,
            the field and what was expected.
    """
    path = Path(directory) if directory is not None else default_data_dir()
    return _cached(str(path.resolve()))


def _load(directory: Path) -> Catalog:
    for name in ("actors.toml", "alliances.toml", "events.toml", "rules.toml"):
        if not (directory / name).is_file():
            raise ValueError(f"{name}: missing from the data directory {directory}")
    actors = _actors(directory / "actors.toml")
    alliances = _alliances(directory / "alliances.toml", actors)
    rules = _rules(directory / "rules.toml")
    case_files = sorted((directory / "cases").glob("*.toml"))
    if not case_files:
        raise ValueError(f"cases/: no case files (*.toml) in {directory / 'cases'}")
    cases = {}
    for file in case_files:
        spec = _case(file, actors)
        cases[spec.id] = spec
    events = _events(directory / "events.toml", actors, cases)
    return Catalog(actors, alliances, events, rules, cases, directory)


def _actors(file: Path) -> dict[str, Actor]:
    top = Fields(read_toml(file), file)
    actors = {}
    for entry in top.tables("actor"):
        actor_id = entry.identifier("id")
        if actor_id in actors:
            raise entry.error("id", "unique", actor_id)
        name = entry.text("name")
        rank = entry.integer("gfp_rank_2022", 1, 500)
        power_index = entry.number("power_index_2022", low=0, required=False)
        citations = entry.citations(required=True)
        armed = entry.subtable("armed_since", required=False)
        armed_since, armed_citations = None, ()
        if armed is not None:
            armed_since = armed.integer("year", *_YEARS)
            armed_citations = armed.citations(required=True)
            armed.finish()
        actor = Actor(actor_id, name, rank, power_index, citations, armed_since, armed_citations)
        entry.finish()
        actors[actor_id] = actor
    top.finish()
    return actors


def _alliances(file: Path, actors: dict[str, Actor]) -> dict[str, Alliance]:
    top = Fields(read_toml(file), file)
    alliances = {}
    for entry in top.tables("alliance"):
        alliance_id = entry.identifier("id")
        if alliance_id in alliances:
            raise entry.error("id", "unique", alliance_id)
        name = entry.text("name")
        kind = entry.identifier("kind", ALLIANCE_KINDS)
        guarantee = subsidy = None
        if kind == "patron":
            subsidy = entry.sourced("subsidy", low=0)
        else:
            guarantee = entry.sourced("guarantee", low=0, high=1)
        ties = []
        for tie in entry.tables("member"):
            actor = tie.identifier("actor", actors)
            since = tie.integer("since", *_YEARS)
            until = tie.integer("until", since, _YEARS[1], required=False)
            citations = tie.citations(required=True)
            level_name = "subsidy" if kind == "patron" else "guarantee"
            level = None
            if tie.has(level_name):
                level = tie.sourced(level_name, low=0, high=None if kind == "patron" else 1)
            tie.finish()
            ties.append(Tie(actor, since, citations, None, until, level))
        for i, first in enumerate(ties):
            for second in ties[i + 1 :]:
                if first.actor == second.actor and (
                    first.covers(second.since) or second.covers(first.since)
                ):
                    raise entry.error(
                        "member", f"non-overlapping year ranges per actor ({first.actor} overlaps)",
                        [(t.actor, t.since, t.until) for t in ties if t.actor == first.actor],
                    )
        entry.finish()
        alliances[alliance_id] = Alliance(alliance_id, name, kind, guarantee, subsidy, tuple(ties))
    top.finish()
    return alliances


def _rules(file: Path) -> Rules:
    top = Fields(read_toml(file), file)
    capability = top.subtable("capability")
    countries = capability.integer("countries_ranked", 2, 1000)
    capability_citations = capability.citations(required=True)
    capability_assumption = capability.assumption(required=True)
    capability.finish()
    constants_table = top.subtable("constants")
    constants = {}
    for name in CONSTANTS:
        fields = constants_table.subtable(name)
        constant = fields.sourced(low=PARAMETERS[name].low, high=PARAMETERS[name].high)
        if constant.assumption is None:
            raise fields.missing("assumption", "each shared constant is a labelled modelling assumption")
        constants[name] = constant
    constants_table.finish()
    top.finish()
    return Rules(countries, capability_citations, capability_assumption, constants)


def _case(file: Path, actors: dict[str, Actor]) -> CaseSpec:
    top = Fields(read_toml(file), file)
    case_id = top.identifier("id")
    if case_id != file.stem:
        raise top.error("id", f"the file name without .toml ({file.stem!r})", case_id)
    title = top.text("title")
    players = top.identifiers("players", actors, min_length=2)
    if len(players) != 2:
        raise top.error("players", "a list of exactly two actor ids", list(players))
    description = top.text("description")
    years = top.subtable("years")
    first = years.integer("first", *_YEARS)
    last = years.integer("last", *_YEARS)
    default = years.integer("default", *_YEARS)
    if not first <= default <= last:
        raise years.error("default", f"a year from first ({first}) to last ({last})", default)
    years_citations, years_assumption = years.provenance()
    years.finish()
    context = top.subtable("context", required=False)
    context_citations = context.citations(required=True) if context else ()
    if context:
        context.finish()
    overrides = {}
    override_table = top.subtable("overrides", required=False)
    if override_table:
        for name in sorted(override_table.table):
            if name not in CONSTANTS:
                raise override_table.error(name, "one of: " + ", ".join(CONSTANTS), name)
            override = override_table.sourced(name, low=PARAMETERS[name].low, high=PARAMETERS[name].high)
            if not any(c.is_seed for c in override.citations):
                raise override_table.error(
                    name, "justified by a seed citation (a per-dyad override needs a seed passage)",
                    override_table.table[name],
                )
            overrides[name] = override
        override_table.finish()
    top.finish()
    return CaseSpec(
        case_id, title, (players[0], players[1]), description, first, last, default,
        years_citations, years_assumption, context_citations, overrides, file.name,
    )


def _events(file: Path, actors: dict[str, Actor], cases: dict[str, CaseSpec]) -> tuple[Event, ...]:
    top = Fields(read_toml(file), file)
    events = []
    seen = set()
    for entry in top.tables("event"):
        event_id = entry.identifier("id")
        if event_id in seen:
            raise entry.error("id", "unique", event_id)
        seen.add(event_id)
        date, year = entry.date("date")
        event = Event(
            id=event_id,
            date=date,
            year=year,
            title=entry.text("title"),
            actors=entry.identifiers("actors", actors),
            cases=entry.identifiers("cases", cases),
            citations=entry.citations(required=True),
        )
        entry.finish()
        events.append(event)
    top.finish()
    return tuple(sorted(events, key=lambda e: e.sort_key))
