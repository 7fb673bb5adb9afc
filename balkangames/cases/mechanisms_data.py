"""The second layer's case data (``data/mechanisms.toml``): beliefs, kin stakes, pacts that provoke.

The file states uniform rules (each a labelled modelling assumption) and the cited facts
that trigger them for a dyad. :func:`layer_two_parameters` turns them into the second
layer's parameters of a case in a year, each with its provenance, and
:func:`case_priors` gives each player's prior that the other is a security seeker.

>>> from balkangames import cases
>>> kosovo = cases.load("serbia-kosovo")
>>> [str(p.value) for p in case_priors(kosovo, 2022)]
['1/2', '1/4']
>>> {p.name: str(p.value) for p in layer_two_parameters(kosovo, 2022)}["kin_1"]
'2'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from ..params import LAYER_TWO, SecurityParams
from .catalog import load_catalog
from .provenance import Assumption, Citation, Parameter
from .rules import strength
from .schema import Fields, read_toml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "mechanisms.toml"

#: Belief levels a data entry may name.
BELIEF_LEVELS = ("concerned", "unclear", "positive", "positive-or-neutral", "none")


@dataclass(frozen=True)
class Census:
    """One census figure: the share of the rival's population co-ethnic with the actor.

    ``share`` is exact; ``below`` an upper bound where only that is cited.
    """

    year: int
    share: Fraction | None
    below: Fraction | None
    source: str
    note: str

    @property
    def text(self) -> str:
        """The figure in words with its source, for a learner."""
        return f"{self.source}: {self.note}"


@dataclass(frozen=True)
class KinEntry:
    """The kin criterion's inputs for one ordered pair (actor, rival)."""

    census: tuple[Census, ...]
    no_census: str | None
    citations: tuple[Citation, ...]
    range: tuple | None
    range_why: str


@dataclass(frozen=True)
class Pact:
    """A defence-cooperation declaration that provokes the states that protest it (not a mutual-defence pact)."""

    id: str
    title: str
    members: tuple[str, ...]
    signed: str
    year: int
    protested_by: tuple[str, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class MechanismsData:
    """The parsed ``mechanisms.toml`` (see the file's header for the rules)."""

    true_types: tuple[tuple[Citation, ...], Assumption]
    greedy_motive: Assumption
    belief_levels: dict[str, Fraction]
    beliefs_assumption: Assumption
    beliefs: dict[tuple[str, str], tuple[str, tuple[Citation, ...]]]
    kin_value: Fraction
    kin_assumption: Assumption
    kin: dict[tuple[str, str], KinEntry]
    provocation_assumption: Assumption
    pacts: tuple[Pact, ...]
    findings: dict[str, tuple[tuple[str, str, str], tuple[Citation, ...]]]
    kin_threshold: Fraction = Fraction(1, 10)
    belief_ranges: dict | None = None
    provocation_weight: Fraction = Fraction(1)

    def citations(self):
        """Every citation in the file, as ``(file, where, citation)`` (for the seed-quote test)."""
        name = DATA_FILE.name
        for c in self.true_types[0]:
            yield name, "rules.true_types", c
        for (actor, about), (_, cites) in self.beliefs.items():
            for c in cites:
                yield name, f"belief {actor} about {about}", c
        for (actor, rival), entry in self.kin.items():
            for c in entry.citations:
                yield name, f"kin {actor} in {rival}", c
        for pact in self.pacts:
            for c in pact.citations:
                yield name, f"pact {pact.id}", c
        for actor, (_, cites) in self.findings.items():
            for c in cites:
                yield name, f"finding {actor}", c


@cache
def load_mechanisms(path: Path | None = None) -> MechanismsData:
    """Read and check ``mechanisms.toml``; a bad field raises a ValueError naming it."""
    path = Path(path) if path is not None else DATA_FILE
    actors = set(load_catalog().actors)
    top = Fields(read_toml(path), path)
    rules = top.subtable("rules")

    true_types = rules.subtable("true_types")
    true_citations, true_assumption = true_types.citations(), true_types.assumption(required=True)
    true_types.finish()
    greedy = rules.subtable("greedy_motive")
    greedy_assumption = greedy.assumption(required=True)
    greedy.finish()

    belief_rules = rules.subtable("beliefs")
    levels, belief_ranges = {}, {}
    for level in BELIEF_LEVELS:
        table = belief_rules.subtable(level)
        levels[level] = table.number("value", 0, 1)
        belief_ranges[level] = table.assumed_range()
        table.finish()
    beliefs_assumption = belief_rules.assumption(required=True)
    belief_rules.finish()

    kin_rules = rules.subtable("kin")
    kin_value = kin_rules.number("value", 0)
    kin_threshold = kin_rules.number("threshold", 0, 1)
    kin_assumption = kin_rules.assumption(required=True)
    kin_rules.finish()

    provocation_rules = rules.subtable("provocation")
    provocation_weight = provocation_rules.number("weight", 0, 1)
    provocation_assumption = provocation_rules.assumption(required=True)
    provocation_rules.finish()
    rules.finish()

    beliefs = {}
    for entry in top.tables("belief", required=False):
        key = (entry.identifier("actor", actors), entry.identifier("about", actors))
        beliefs[key] = (entry.identifier("level", BELIEF_LEVELS), entry.citations(required=True))
        entry.finish()

    kin = {}
    for entry in top.tables("kin", required=False):
        key = (entry.identifier("actor", actors), entry.identifier("rival", actors))
        census = []
        for i, item in enumerate(entry.raw("census", "a list of census figures") or []):
            figure = Fields(item, path, entry.path(f"census[{i}]"))
            year = figure.integer("year", 1900, 2100)
            share = figure.number("share", 0, 1, required=False)
            below = figure.number("below", 0, 1, required=False)
            if (share is None) == (below is None):
                raise figure.missing("share", "exactly one of 'share' and 'below'")
            census.append(Census(year, share, below, figure.text("source"), figure.text("note")))
            figure.finish()
        no_census = entry.text("no_census", required=False)
        citations = entry.citations(required=not census)
        if not census and not no_census:
            raise entry.missing("census", "census figures, or 'no_census' with a seed statement")
        kin[key] = KinEntry(tuple(sorted(census, key=lambda c: c.year)), no_census, citations,
                            *entry.assumed_range())
        entry.finish()

    pacts = []
    for entry in top.tables("pact", required=False):
        signed, year = entry.date("signed")
        pacts.append(Pact(
            entry.identifier("id"), entry.text("title"), entry.identifiers("members", actors, 2), signed, year,
            entry.identifiers("protested_by", actors), entry.citations(required=True),
        ))
        entry.finish()

    findings = {}
    for entry in top.tables("finding", required=False):
        actor = entry.identifier("actor", actors)
        signs = entry.raw("signs", 'three signs "+" or "-" (anarchy, fear, misperception)')
        if not isinstance(signs, list) or len(signs) != 3 or any(s not in ("+", "-") for s in signs):
            raise entry.error("signs", 'three signs "+" or "-" (anarchy, fear, misperception)', signs)
        findings[actor] = (tuple(signs), entry.citations(required=True))
        entry.finish()
    top.finish()
    return MechanismsData(
        (true_citations, true_assumption), greedy_assumption, levels, beliefs_assumption, beliefs,
        kin_value, kin_assumption, kin, provocation_assumption, tuple(pacts), findings,
        kin_threshold, belief_ranges, provocation_weight,
    )


def case_priors(case, year=None, data: MechanismsData | None = None) -> tuple[Parameter, Parameter]:
    """Each player's prior that the other is a security seeker, with provenance.

    Returned as parameters named ``prior_1`` (player 1 about player 2) and ``prior_2``.
    """
    data = data or load_mechanisms()
    year = case.check_year(year)
    priors = []
    for i, (actor, about) in enumerate((case.players, case.players[::-1])):
        level, citations = data.beliefs.get((actor, about), ("none", ()))
        text = {
            "concerned": f"a seed says {actor} distrusts or is concerned about {about}'s motives",
            "unclear": f"a seed calls {about}'s motives unclear to {actor}",
            "positive": f"a seed calls {actor}'s relations with {about} positive, or {actor} optimistic about them",
            "positive-or-neutral": f"a seed calls {actor}'s relations with {about} (among others) positive or neutral",
            "none": f"no seed statement on {actor}'s view of {about}'s motives: no information",
        }[level]
        bounds, why = (data.belief_ranges or {}).get(level, (None, ""))
        priors.append(Parameter(
            f"prior_{i + 1}", data.belief_levels[level], citations,
            (data.beliefs_assumption, Assumption(f"Level '{level}' in {year}: {text}.", bounds, why)),
        ))
    return tuple(priors)


def _strength(catalog, actor: str, year: int) -> Fraction:
    """The capability rule's strength of ``actor`` in ``year`` (0 without an armed force)."""
    a = catalog.actors[actor]
    return strength(a.gfp_rank_2022, catalog.rules.countries_ranked) if a.armed_in(year) else Fraction(0)


def _provocation(case, year: int, data: MechanismsData, i: int) -> Parameter:
    catalog = load_catalog()
    me, rival = case.players[i], case.players[1 - i]
    name = f"provocation_{i + 1}"
    for pact in data.pacts:
        if me in pact.protested_by and rival in pact.members and year >= pact.year:
            partners = [p for p in pact.members if p not in (me, rival)]
            s = {a: _strength(catalog, a, year) for a in (me, rival, *partners)}.__getitem__
            alone = s(rival) / (s(me) + s(rival))
            joined = (s(rival) + sum(s(p) for p in partners)) / (s(me) + s(rival) + sum(s(p) for p in partners))
            citations = pact.citations + catalog.rules.capability_citations
            for actor in (me, rival, *partners):
                citations += catalog.actors[actor].citations
            return Parameter(name, data.provocation_weight * (joined - alone), citations, (
                Assumption(data.provocation_assumption.text),
                Assumption(
                    f"{pact.title} (signed {pact.signed}) with {', '.join(partners)} as partners, protested by "
                    f"{me}: weight {data.provocation_weight} of the share {joined - alone} they would add in full.",
                    (data.provocation_assumption.range[0] * (joined - alone),
                     data.provocation_assumption.range[1] * (joined - alone))
                    if data.provocation_assumption.range else None,
                    data.provocation_assumption.range_why,
                ),
            ))
    return Parameter(name, Fraction(0), (), (Assumption(data.provocation_assumption.text), Assumption(
        f"No seed reports {me} protesting a defence declaration of {rival} in force in {year}."
    )))


def kin_census(data: MechanismsData, actor: str, rival: str, year: int) -> Census | None:
    """The census the kin rule reads for (actor, rival) in ``year``: the latest taken in or
    before the year, else the earliest listed (labelled by :func:`kin_parameter`)."""
    entry = data.kin.get((actor, rival))
    if entry is None or not entry.census:
        return None
    before = [c for c in entry.census if c.year <= year]
    return before[-1] if before else entry.census[0]


def kin_parameter(data: MechanismsData, actor: str, rival: str, year: int, name: str) -> Parameter:
    """The kin rule (see ``mechanisms.toml``): the stake where co-ethnics of ``actor`` make up at
    least the threshold of ``rival``'s population in its census, or where a seed statement
    stands in for a missing census; 0 otherwise. Every ordered pair of a case has an entry."""
    entry = data.kin.get((actor, rival))
    rule = data.kin_assumption
    if entry is None:
        raise ValueError(f"mechanisms.toml: no kin entry for {actor} in {rival}; every ordered pair of a case needs one")
    census = kin_census(data, actor, rival, year)
    own_range = (entry.range, entry.range_why) if entry.range else None
    if census is None:
        value = data.kin_value
        words = f"No usable census: {entry.no_census} Stake {value} by the seeds' statement."
    else:
        applies = census.share is not None and census.share >= data.kin_threshold
        value = data.kin_value if applies else Fraction(0)
        shown = (f"{float(census.share):.2%}" if census.share is not None else f"under {float(census.below):.0%}")
        words = (f"Census ({census.year}): co-ethnics of {actor} are {shown} of {rival}'s population "
                 f"({census.text}); {'at least' if applies else 'below'} the threshold "
                 f"{float(data.kin_threshold):.0%}, so the stake is {value}.")
        if census.year > year:
            words += f" No census before {year} is listed: the earliest ({census.year}) is used."
    bounds, why = own_range or ((rule.range, rule.range_why) if value else (None, ""))
    # The range belongs to this pair's value (the rule's own range applies where the stake is set).
    return Parameter(name, value, entry.citations, (Assumption(rule.text), Assumption(words, bounds, why)))


def layer_two_parameters(case, year=None, data: MechanismsData | None = None) -> tuple[Parameter, ...]:
    """The second layer's parameters of ``case`` in ``year``, in :data:`~balkangames.params.LAYER_TWO` order."""
    data = data or load_mechanisms()
    year = case.check_year(year)
    true_citations, true_assumption = data.true_types
    result = {
        "motive_weight": Parameter("motive_weight", Fraction(1), true_citations, (true_assumption,)),
    }
    for i, actor in enumerate(case.players):
        rival = case.players[1 - i]
        result[f"motive_{i + 1}"] = Parameter(f"motive_{i + 1}", Fraction(0), true_citations, (true_assumption,))
        result[f"kin_{i + 1}"] = kin_parameter(data, actor, rival, year, f"kin_{i + 1}")
        result[f"provocation_{i + 1}"] = _provocation(case, year, data, i)
    # A second-layer parameter of balkangames.params.TABLE without a rule here keeps its default.
    defaults = SecurityParams().flat()
    return tuple(result.get(name) or Parameter(name, defaults[name], (), (Assumption(
        f"Not set by the second layer's data: {name} = {defaults[name]}, its default."),)) for name in LAYER_TWO)
