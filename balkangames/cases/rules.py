"""Mapping rules: from the seeds' facts to the parameters of the arm/restrain game.

The same rules apply to every dyad (data/rules.toml states them too). Each rule is a
labelled modelling assumption; its inputs are cited in the data files.

* **Offense advantage** ``o_i``: capability share. A state's strength is its distance
  from the bottom of the Global Firepower 2022 ranking, ``s = (N + 1 - rank) / N`` with
  ``N = 142``, and ``o_i = s_i / (s_i + s_j)``. (The thesis gives the PowerIndex, where
  lower is stronger, only for Serbia, Bosnia and Kosovo; for the cases Serbia-Kosovo and
  Serbia-Bosnia ``1/p`` shares and rank shares are compared by a test.) An actor
  without an armed force in a year (Kosovo before 2009) has capability 0; years other
  than 2022 carry the 2022 capabilities over and are labelled counterfactual.
* **Guarantee** ``a_i``: the largest guarantee among the alliances the actor is a member
  of in the year and the peace-support presences covering it (NATO 9/10; IFOR/SFOR,
  KFOR and EUFOR Althea at levels that follow their size over the years; Partnership
  for Peace 0); 0 if none.
* **Same alliance** ``m``: both players are members of one alliance (kind ``alliance``,
  i.e. NATO) in the year.
* **Alliance penalty** ``k``: a shared constant; it matters only when ``m`` holds.
* **Subsidy** ``r_i``: the subsidy of a patron backing the actor in the year (Russia
  for Serbia), unless the actor is then a NATO member.
* **Stakes, distinguishability, costs, value of restraint**: shared constants, unless a
  case overrides one with a cited seed passage.

Counterfactual memberships (``members={"kosovo": "nato"}``) replace the actor's
memberships (alliances and partnerships) in the chosen year; a peace-support presence is a
separate control (``presences={"kfor": "none"}`` takes it away); patrons stay as recorded.
"""

from __future__ import annotations

from fractions import Fraction

from ..params import ROWS, TABLE, SecurityParams
from .catalog import MEMBERSHIP_KINDS, Alliance, CaseSpec, Catalog, Tie
from .provenance import Assumption, Parameter

_COUNTERFACTUAL = "counterfactual"

#: The year of the capability data (Global Firepower 2022); other years carry it over.
CAPABILITY_DATA_YEAR = 2022


def strength(rank: int, countries: int) -> Fraction:
    """Capability from a Global Firepower rank: ``(N + 1 - rank) / N`` (1 is strongest).

    >>> strength(61, 142)
    Fraction(41, 71)
    """
    if not 1 <= rank <= countries:
        raise ValueError(f"rank must be from 1 to {countries}, got {rank}")
    return Fraction(countries + 1 - rank, countries)


def offense_shares(rank_1: int, rank_2: int, countries: int) -> tuple[Fraction, Fraction]:
    """Each player's offense advantage as its share of the dyad's capability.

    >>> offense_shares(61, 140, 142)
    (Fraction(82, 85), Fraction(3, 85))
    """
    s_1, s_2 = strength(rank_1, countries), strength(rank_2, countries)
    return s_1 / (s_1 + s_2), s_2 / (s_1 + s_2)


def power_index_shares(index_1, index_2) -> tuple[Fraction, Fraction]:
    """Capability shares from PowerIndex scores (lower is stronger): ``(1/p_i) / sum``.

    Used only to check the rank rule where the seeds give the PowerIndex.

    >>> power_index_shares(1, 3)
    (Fraction(3, 4), Fraction(1, 4))
    """
    s_1, s_2 = 1 / Fraction(index_1), 1 / Fraction(index_2)
    return s_1 / (s_1 + s_2), s_2 / (s_1 + s_2)


def memberships(
    catalog: Catalog, actor: str, year: int, members: dict[str, str | None]
) -> list[tuple[Alliance, Tie]]:
    """The alliances and partnerships ``actor`` belongs to in ``year``, counterfactuals applied."""
    if actor in members:
        chosen = members[actor]
        if chosen is None:
            return []
        tie = Tie(actor, year, assumption=Assumption(
            f"Counterfactual: {catalog.actors[actor].name} is taken to be a member of "
            f"{catalog.alliances[chosen].name} in {year}."
        ))
        return [(catalog.alliances[chosen], tie)]
    found = []
    for alliance in catalog.alliances.values():
        if alliance.kind in MEMBERSHIP_KINDS:
            tie = alliance.tie(actor, year)
            if tie is not None:
                found.append((alliance, tie))
    return found


def _ties_of_kind(catalog: Catalog, actor: str, year: int, kind: str) -> list[tuple[Alliance, Tie]]:
    found = []
    for alliance in catalog.alliances.values():
        if alliance.kind == kind:
            tie = alliance.tie(actor, year)
            if tie is not None:
                found.append((alliance, tie))
    return found


def presences_in_force(catalog: Catalog, actor: str, year: int, removed=frozenset()) -> list[tuple[Alliance, Tie]]:
    """The peace-support presences covering ``actor`` in ``year``, less those ``removed`` by hand."""
    return [(a, t) for a, t in _ties_of_kind(catalog, actor, year, "presence") if a.id not in removed]


def ties_in_force(catalog: Catalog, actor: str, year: int, members: dict[str, str | None],
                  removed=frozenset()) -> dict[str, list[str]]:
    """The ids of what ties ``actor`` in ``year``: ``members`` (alliances and partnerships,
    counterfactuals applied), ``presences`` covering it (less those ``removed``) and
    ``patrons`` backing it."""
    return {
        "members": [a.id for a, _ in memberships(catalog, actor, year, members)],
        "presences": [a.id for a, _ in presences_in_force(catalog, actor, year, removed)],
        "patrons": [a.id for a, _ in _ties_of_kind(catalog, actor, year, "patron")],
    }


def _is_alliance_member(catalog, actor, year, members) -> bool:
    return any(a.kind == "alliance" for a, _ in memberships(catalog, actor, year, members))


def _tie_provenance(tie: Tie):
    return tie.citations, (tie.assumption,) if tie.assumption else ()


def guarantee(catalog: Catalog, actor: str, year: int, members, name: str, removed=frozenset()) -> Parameter:
    """Rule for ``a_i``: the strongest membership guarantee or covering presence
    (presences in ``removed`` taken away by hand, a counterfactual)."""
    options = memberships(catalog, actor, year, members) + presences_in_force(catalog, actor, year, removed)
    actor_name = catalog.actors[actor].name
    rule = Assumption(
        "Rule: the guarantee covering an actor is the largest of its alliance memberships' and "
        "covering peace-support presences' guarantees in the year, 0 if none."
    )
    gone = [a for a, _ in _ties_of_kind(catalog, actor, year, "presence") if a.id in removed]
    if gone:
        rule = Assumption(rule.text + " Counterfactual: " + ", ".join(a.name for a in gone)
                          + f" taken away from {actor_name} in {year}.")
    if not options:
        return Parameter(name, Fraction(0), (), (rule, Assumption(
            f"No alliance membership or peace-support presence covers {actor_name} in {year}."
        )))
    alliance, tie = max(options, key=lambda option: option[0].level(option[1]).value)
    level = alliance.level(tie)
    tie_citations, tie_assumptions = _tie_provenance(tie)
    assumptions = (rule, *tie_assumptions)
    if level.assumption:
        assumptions += (level.assumption,)
    return Parameter(name, level.value, tie_citations + level.citations, assumptions)


def same_alliance(catalog: Catalog, players, year: int, members) -> Parameter:
    """Rule for ``m``: both players are members of one alliance (NATO) in the year."""
    first = {a.id: (a, t) for a, t in memberships(catalog, players[0], year, members) if a.kind == "alliance"}
    second = {a.id: (a, t) for a, t in memberships(catalog, players[1], year, members) if a.kind == "alliance"}
    shared = sorted(set(first) & set(second))
    rule = Assumption("Rule: same_alliance holds when both players are members of one alliance in the year.")
    names = " and ".join(catalog.actors[p].name for p in players)
    if not shared:
        return Parameter("same_alliance", Fraction(0), (), (rule, Assumption(
            f"{names} are not both members of one alliance in {year}."
        )))
    citations, assumptions = (), (rule,)
    for tie in (first[shared[0]][1], second[shared[0]][1]):
        tie_citations, tie_assumptions = _tie_provenance(tie)
        citations += tie_citations
        assumptions += tie_assumptions
    return Parameter("same_alliance", Fraction(1), citations, assumptions)


def subsidy(catalog: Catalog, actor: str, year: int, members, name: str) -> Parameter:
    """Rule for ``r_i``: a patron's subsidy, which lapses while the actor is in an alliance."""
    backers = _ties_of_kind(catalog, actor, year, "patron")
    actor_name = catalog.actors[actor].name
    rule = Assumption(
        "Rule: a patron backing an actor subsidises its arming, unless the actor is a member "
        "of an alliance (NATO) in the year."
    )
    if not backers:
        return Parameter(name, Fraction(0), (), (rule, Assumption(
            f"No patron backs {actor_name} in {year}."
        )))
    if _is_alliance_member(catalog, actor, year, members):
        return Parameter(name, Fraction(0), (), (rule, Assumption(
            f"{actor_name} is an alliance member in {year}, so no patron subsidy applies."
        )))
    total = sum((a.level(t).value for a, t in backers), Fraction(0))
    citations = tuple(c for a, t in backers for c in t.citations + a.level(t).citations)
    assumptions = (rule,) + tuple(a.level(t).assumption for a, t in backers if a.level(t).assumption)
    return Parameter(name, total, citations, assumptions)


def offense(catalog: Catalog, players, year: int = CAPABILITY_DATA_YEAR) -> tuple[Parameter, Parameter]:
    """Rule for ``o_1, o_2``: capability shares from Global Firepower 2022 ranks.

    An actor without an armed force in ``year`` (``armed_since`` in actors.toml) has no
    capability, so the other holds the whole offense share. Any other year than the
    data's (2022) carries the 2022 capabilities over, and its assumption says so.
    """
    actors = [catalog.actors[p] for p in players]
    countries = catalog.rules.countries_ranked
    strengths = [strength(a.gfp_rank_2022, countries) if a.armed_in(year) else Fraction(0) for a in actors]
    shares = tuple(s / sum(strengths) for s in strengths)
    citations = actors[0].citations + actors[1].citations + catalog.rules.capability_citations
    assumptions = (catalog.rules.capability_assumption,)
    for actor in actors:
        if not actor.armed_in(year):
            citations += actor.armed_since_citations
            assumptions += (Assumption(
                f"{actor.name} had no armed force in {year} (its force dates from "
                f"{actor.armed_since}): its capability is taken as 0."
            ),)
    if year != CAPABILITY_DATA_YEAR:
        assumptions += (Assumption(
            f"Counterfactual for {year}: capability data exist for {CAPABILITY_DATA_YEAR} only, "
            f"and {year} uses them as if they held then."
        ),)
    return (
        Parameter("offense_1", shares[0], citations, assumptions),
        Parameter("offense_2", shares[1], citations, assumptions),
    )


def constant(catalog: Catalog, spec: CaseSpec, name: str) -> Parameter:
    """A shared constant, or the case's cited override of it."""
    sourced = spec.overrides.get(name) or catalog.rules.constants[name]
    assumptions = (sourced.assumption,) if sourced.assumption else ()
    return Parameter(name, sourced.value, sourced.citations, assumptions)


def derive(catalog: Catalog, spec: CaseSpec, year: int, members: dict[str, str | None],
           removed=frozenset()) -> dict[str, Parameter]:
    """Every parameter of :data:`~balkangames.params.TABLE` of a case in a year, by flat name
    in :data:`~balkangames.params.PARAMETERS` order, each with provenance.

    A parameter with a rule above takes it; any other first-layer parameter is a shared
    constant of rules.toml (or the case's cited override); the second layer's stay at their
    defaults here (the first layer alone, a comparison): :meth:`~balkangames.cases.Case.parameters`
    sets the cited ones. ``removed``: peace-support presences taken away by hand.
    """
    players = spec.players

    def per_player(rule, name):
        return tuple(rule(catalog, actor, year, members, flat) for actor, flat in zip(players, ROWS[name].flat_names))

    rules = {
        "offense": lambda: offense(catalog, players, year),
        "guarantee": lambda: per_player(
            lambda c, actor, y, m, flat: guarantee(c, actor, y, m, flat, removed), "guarantee"),
        "same_alliance": lambda: (same_alliance(catalog, players, year, members),),
        "subsidy": lambda: per_player(subsidy, "subsidy"),
    }
    defaults = SecurityParams().flat()
    derived = {}
    for row in TABLE:
        if row.name in rules:
            values = rules[row.name]()
        elif row.layer == 1 and not row.per_player:
            values = (constant(catalog, spec, row.name),)
        elif row.layer == 1:
            raise ValueError(f"no rule derives the per-player parameter {row.name!r} from the case data")
        else:
            # The second layer's parameters are set by Case.parameters from mechanisms.toml;
            # here they stay at their defaults (the first layer alone, an explicit comparison).
            values = tuple(Parameter(name, defaults[name], (), (Assumption(
                f"First layer alone (a comparison): {name} = {defaults[name]}, the second layer off."
            ),)) for name in row.flat_names)
        derived.update(zip(row.flat_names, values))
    return derived
