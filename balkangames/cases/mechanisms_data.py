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

from dataclasses import dataclass, field, replace
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
BELIEF_LEVELS = ("concerned", "unclear", "positive", "none")


@dataclass(frozen=True)
class Pact:
    """A defence pact that provokes the states that protest it."""

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
    kin: dict[tuple[str, str], tuple[Citation, ...]]
    provocation_assumption: Assumption
    pacts: tuple[Pact, ...]
    findings: dict[str, tuple[tuple[str, str, str], tuple[Citation, ...]]]
    #: Each belief level's plausible range and its reason (``ranges``, ``ranges_why``).
    belief_ranges: dict[str, tuple[tuple[Fraction, Fraction], str]] = field(default_factory=dict)

    def citations(self):
        """Every citation in the file, as ``(file, where, citation)`` (for the seed-quote test)."""
        name = DATA_FILE.name
        for c in self.true_types[0]:
            yield name, "rules.true_types", c
        for (actor, about), (_, cites) in self.beliefs.items():
            for c in cites:
                yield name, f"belief {actor} about {about}", c
        for (actor, rival), cites in self.kin.items():
            for c in cites:
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
    levels = {level: belief_rules.number(level, 0, 1) for level in BELIEF_LEVELS}
    belief_ranges = _belief_ranges(belief_rules, levels)
    beliefs_assumption = belief_rules.assumption(required=True)
    belief_rules.finish()

    kin_rules = rules.subtable("kin")
    kin_value = kin_rules.number("value", 0)
    kin_assumption = kin_rules.assumption(required=True)
    kin_rules.finish()

    provocation_rules = rules.subtable("provocation")
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
        kin[key] = entry.citations(required=True)
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
        kin_value, kin_assumption, kin, provocation_assumption, tuple(pacts), findings, belief_ranges,
    )


def _belief_ranges(rules: Fields, levels: dict[str, Fraction]) -> dict:
    """``ranges = {level = ["lo", "hi"]}`` and ``ranges_why = {level = "..."}``: one per level."""
    ranges = rules.subtable("ranges")
    whys = rules.subtable("ranges_why")
    out = {}
    for level in BELIEF_LEVELS:
        low, high = ranges.interval(level)
        if not low <= levels[level] <= high or low < 0 or high > 1:
            raise ranges.error(level, f"a range within [0, 1] containing the level's prior {levels[level]}",
                               [str(low), str(high)])
        out[level] = ((low, high), whys.text(level))
    ranges.finish()
    whys.finish()
    return out


def _unsized(assumption: Assumption) -> Assumption:
    """A rule's assumption where the rule does not fire: it sets no size, so it has no range."""
    return replace(assumption, range=None, range_why="")


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
            "positive": f"a seed calls {actor}'s relations with {about} positive",
            "none": f"no seed statement on {actor}'s view of {about}'s motives: no information",
        }[level]
        (low, high), why = data.belief_ranges[level]
        priors.append(Parameter(
            f"prior_{i + 1}", data.belief_levels[level], citations,
            (data.beliefs_assumption, Assumption(f"Level '{level}' in {year}: {text}.", (low, high), why)),
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
            rule = data.provocation_assumption
            if rule.range is not None:  # the range is the share of the partners' force counted
                rule = replace(rule, range=tuple(_counted(s, me, rival, partners, share) - alone
                                                 for share in rule.range))
            return Parameter(name, joined - alone, citations, (rule, Assumption(
                f"{pact.title} (signed {pact.signed}) with {', '.join(partners)} as partners, protested by {me}."
            )))
    return Parameter(name, Fraction(0), (), (_unsized(data.provocation_assumption), Assumption(
        f"No seed reports {me} protesting a defence pact of {rival} in force in {year}."
    )))


def _counted(s, me: str, rival: str, partners, share: Fraction) -> Fraction:
    """The rival's offense share in ``me``'s eyes when it counts ``share`` of the partners' force.

    Increasing in ``share``, so a range of shares gives the range of the provocation q.
    """
    extra = share * sum((s(p) for p in partners), Fraction(0))
    return (s(rival) + extra) / (s(me) + s(rival) + extra)


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
        if (actor, rival) in data.kin:
            result[f"kin_{i + 1}"] = Parameter(f"kin_{i + 1}", data.kin_value, data.kin[(actor, rival)],
                                               (data.kin_assumption,))
        else:
            result[f"kin_{i + 1}"] = Parameter(f"kin_{i + 1}", Fraction(0), (), (_unsized(data.kin_assumption), Assumption(
                f"No seed names {actor} as concerned to protect co-ethnics on {rival}'s territory."
            )))
        result[f"provocation_{i + 1}"] = _provocation(case, year, data, i)
    # A second-layer parameter of balkangames.params.TABLE without a rule here keeps its default.
    defaults = SecurityParams().flat()
    return tuple(result.get(name) or Parameter(name, defaults[name], (), (Assumption(
        f"Not set by the second layer's data: {name} = {defaults[name]}, its default."),)) for name in LAYER_TWO)
