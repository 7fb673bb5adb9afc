"""Which mechanisms carry a dyad's result, and the thesis's findings table regenerated.

The first layer alone cannot make Serbia fear Kosovo: Kosovo's offense share is small
(F_Serbia = o_j (1 − d)(1 − a_i) W is below κ + w), and against Bosnia it fears only
thanks to Russia's subsidy, while the thesis scores Serbia "+" on fear and misperception.
The second layer adds mechanisms from the security-dilemma literature, each a parameter
that is 0 in the first layer. A case-year's one game (:meth:`~balkangames.cases.Case.game`)
already holds the cited kin stakes and provocation; :func:`layered` adds the types and
beliefs, and :mod:`balkangames.cases.readings` solves it under each source's reading of a
disputed motive:

* ``"motive"``: greed needs a revisionist motive (Glaser 1997; Kydd 2005);
* ``"beliefs"``: each state's prior that the other is a security seeker, and the spiral
  of security seekers arming out of mistrust (Jervis 1976, ch. 3; Kydd 2005);
* ``"kin"``: a kin-state stake in co-ethnics on the rival's territory (Posen 1993);
* ``"provocation"``: a rival's defence declaration that adds part of its partners' offense in the
  protester's eyes (Snyder 1984).

Case values come from ``data/mechanisms.toml`` by uniform rules
(:mod:`balkangames.cases.mechanisms_data`); this module only reads them.

**The thesis's two-sided dilemma** is read as: each of the two states fears the other
(S_i < P_i: restraint against an armer is its worst choice) in the complete-information
game, and, in the game of beliefs, two security seekers arm against each other in every
equilibrium (the spiral).

**The findings table's mapping** (:data:`MAPPING`), stated once: per country, over its
dyads in the year (a sign is "+" if it holds in at least one dyad):

* anarchy "+": no guarantee as strong as NATO membership covers the country (a_i below
  NATO's guarantee): the thesis's own criterion, NATO as "a higher authority" for its
  members;
* fear "+": the country's fear condition holds with the cited layers (S_i < P_i);
* misperception "+": the country's prior that the rival is a security seeker is below its
  trust threshold π*_i (read "at least", see :meth:`~balkangames.beliefs.BayesianGame.trust_direction`),
  so its belief alone makes its security seeker arm against a rival that would be a security
  seeker: misperception under the reading in which the rival is one (the readings of
  :mod:`balkangames.cases.readings` show the other).

**Where this departs from the design notes' sketch** (``model-notes.md``, "Second layer"):
greed is (1 − μ)W + μv_i times opportunity rather than v_i alone, so that μ = 0 (the default)
is exactly the base model; the provoking alliance is a defence-cooperation declaration that a
state is reported to protest, and its size is a weight (assumed, with a range) times the share
the capability rule derives from the partners' Global Firepower ranks (one rule for every
dyad) rather than set per alliance; beliefs are each
player's own (subjective) priors, not one common prior, since misperception is the point.

>>> from balkangames import cases
>>> serbia_kosovo = layered(cases.load("serbia-kosovo"), 2022)
>>> two_sided(serbia_kosovo.params), two_sided(serbia_kosovo.without("kin"))
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from . import cases
from .beliefs import TYPES, BayesianGame, bayesian_game, check_priors
from .cases.catalog import load_catalog
from .cases.mechanisms_data import case_priors, layer_two_parameters, load_mechanisms
from .cases.provenance import Assumption, Parameter
from .classify import PlayerPayoffs
from .formatting import approx_text
from .model import player_terms
from .params import LAYER_TWO, ROWS, SecurityParams
from .thresholds import threshold

#: The second layer's mechanisms, and the parameters each one sets.
LAYERS: dict[str, tuple[str, ...]] = {
    "motive": ROWS["motive_weight"].flat_names + ROWS["motive"].flat_names,
    "beliefs": (),
    "kin": ROWS["kin"].flat_names,
    "provocation": ROWS["provocation"].flat_names,
}

#: The mapping from model quantities to the thesis's three columns (see module docs).
MAPPING = {
    "anarchy": "no guarantee as strong as NATO membership covers the country (a_i below NATO's guarantee)",
    "fear": "the country fears its rival (S_i < P_i) with the cited second-layer values",
    "misperception": "the country's prior that its rival is a security seeker is below its trust threshold π*_i",
}

#: Full references of the theory this layer rests on, for learners (author–year in the text).
THEORY_REFERENCES = (
    "Glaser, C. (1997) \"The Security Dilemma Revisited\", World Politics 50(1):171–201.",
    "Jervis, R. (1976) Perception and Misperception in International Politics, Princeton University Press, ch. 3.",
    "Kydd, A. (2005) Trust and Mistrust in International Relations, Princeton University Press, ch. 2–3.",
    "Posen, B. (1993) \"The Security Dilemma and Ethnic Conflict\", Survival 35(1):27–47.",
    "Roe, P. (2005) Ethnic Violence and the Societal Security Dilemma, Routledge.",
    "Snyder, G. (1984) \"The Security Dilemma in Alliance Politics\", World Politics 36(4):461–495.",
)

#: Countries of the thesis's findings table, in its order.
FINDINGS_COUNTRIES = ("albania", "kosovo", "north-macedonia", "bosnia", "serbia", "montenegro")

#: Year of the thesis's findings (its data run to June 2022).
FINDINGS_YEAR = 2022


@dataclass(frozen=True)
class LayeredCase:
    """A case in a year with the second layer's cited values.

    Attributes:
        case: the :class:`~balkangames.cases.Case`.
        year: the year.
        parameters: every parameter with provenance (base rules + ``mechanisms.toml``).
        priors: ``prior_1`` and ``prior_2`` with provenance.
    """

    case: object
    year: int
    parameters: tuple[Parameter, ...]
    priors: tuple[Parameter, Parameter]

    @property
    def players(self) -> tuple[str, str]:
        """The two actor ids, row player first."""
        return self.case.players

    @property
    def params(self) -> SecurityParams:
        """All layers at their cited values."""
        return SecurityParams.from_flat({p.name: p.value for p in self.parameters})

    @property
    def prior_values(self) -> tuple[Fraction, Fraction]:
        """Each player's prior that the other is a security seeker, as exact numbers."""
        return tuple(p.value for p in self.priors)

    def without(self, *layers: str) -> SecurityParams:
        """:attr:`params` with ``layers`` switched off (their parameters at 0)."""
        _check_layers(layers)
        names = [n for layer in layers for n in LAYERS[layer]]
        return self.params.replace(**dict.fromkeys(names, 0))

    def only(self, *layers: str) -> SecurityParams:
        """The base model with only ``layers`` switched on (at their cited values)."""
        _check_layers(layers)
        off = [layer for layer in LAYERS if layer not in layers]
        return self.without(*off)

    def bayesian_game(self, priors=None, params: SecurityParams | None = None) -> BayesianGame:
        """The game of beliefs: both players in truth security seekers, with the cited priors."""
        return bayesian_game(
            params or self.params, priors or self.prior_values, players=self.players,
            true_types=("security seeker", "security seeker"),
        )


def _check_layers(layers) -> None:
    for layer in layers:
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; expected one of {list(LAYERS)}")


def layered(case, year=None, members=None, overrides=None, presences=None) -> LayeredCase:
    """``case`` in ``year`` with the second layer's cited values (see :class:`LayeredCase`).

    ``members``, ``overrides`` and ``presences`` are as for
    :meth:`~balkangames.cases.Case.parameters`, whose one game already holds the kin stakes
    and provocation; here the motive layer is set to the security seeker's (μ = 1, v = 0),
    the type the game of beliefs compares with the greedy one. An override wins.
    """
    year = case.check_year(year)
    overrides = dict(overrides or {})
    base = {p.name: p for p in case.parameters(year, members, overrides, presences)}
    for p in layer_two_parameters(case, year):
        # The motives are set to the security seeker's here; the kin stakes and provocation
        # are the one game's already (an override of any of them wins).
        if p.name not in overrides and (p.name in LAYERS["motive"] or p.name not in base):
            base[p.name] = p
    return LayeredCase(case, year, tuple(base.values()), case_priors(case, year))


# ---------------------------------------------------------------------------- readings


def payoffs_at(params: SecurityParams, player: int) -> PlayerPayoffs:
    """Player ``player`` (1 or 2)'s R, S, T, P at ``params``, exactly: ``.fears`` (S < P)
    and ``.tempted`` (T > R) read them (:class:`balkangames.classify.PlayerPayoffs`)."""
    t = player_terms(params, player)
    return PlayerPayoffs(t["R"], t["S"], t["T"], t["P"])


def two_sided(params: SecurityParams) -> bool:
    """Whether each player fears the other (the thesis's two-sided dilemma, complete information)."""
    return payoffs_at(params, 1).fears and payoffs_at(params, 2).fears


def _result(lc: LayeredCase, params: SecurityParams, priors) -> dict:
    return {
        "fear": (payoffs_at(params, 1).fears, payoffs_at(params, 2).fears),
        "tempted": (payoffs_at(params, 1).tempted, payoffs_at(params, 2).tempted),
        "spiral": lc.bayesian_game(priors, params).spiral(),
    }


def carriers(lc: LayeredCase) -> dict[str, list[str]]:
    """For each layer, what in the dyad's result it carries: the parts that change without it.

    The result is each player's fear and temptation (complete information) and whether
    the security seekers spiral (game of beliefs). The beliefs layer is switched off by
    priors of 1 (each sure the other is a security seeker: no misperception).
    """
    full = _result(lc, lc.params, lc.prior_values)
    found = {}
    for layer in LAYERS:
        if layer == "beliefs":
            other = _result(lc, lc.params, (1, 1))
        else:
            other = _result(lc, lc.without(layer), lc.prior_values)
        parts = []
        for key in ("fear", "tempted"):
            for i in (0, 1):
                if full[key][i] != other[key][i]:
                    word = "fear" if key == "fear" else "temptation"
                    state = "present" if full[key][i] else "absent"
                    parts.append(f"{lc.players[i]}'s {word} ({state} with it, not without)")
        if full["spiral"] != other["spiral"]:
            parts.append(f"the spiral ({'present' if full['spiral'] else 'absent'} with it, not without)")
        found[layer] = parts
    return found


@dataclass(frozen=True)
class LayerThreshold:
    """The smallest value of one layer at which the two-sided dilemma appears.

    Attributes:
        layer: the layer's name.
        needed: per player, the value its parameter must exceed (None: the player
            already meets the condition, or no value of this layer can give it).
        cited: per player, the layer's cited value.
        reaches: whether the cited values produce the two-sided dilemma (with only this
            layer switched on); None when no value of the layer can.
        text: the finding in words.
    """

    layer: str
    needed: tuple
    cited: tuple
    reaches: bool | None
    text: str


def layer_thresholds(lc: LayeredCase) -> dict[str, LayerThreshold]:
    """For each layer alone (on the base model), the value at which the dilemma appears.

    For kin and provocation: each player that does not fear needs its parameter above
    the sympy fear threshold (:func:`balkangames.thresholds.threshold`). The motive layer
    changes temptation only, so no value of it makes a state fear. For beliefs, the spiral
    needs both security seekers to fear; then it appears when one prior falls below
    its trust threshold π*.
    """
    base = lc.only()
    names = lc.players
    out = {}
    for layer in ("kin", "provocation"):
        cited = tuple(lc.params.flat()[f"{layer}_{i}"] for i in (1, 2))
        needed = []
        for i in (1, 2):
            if payoffs_at(base, i).fears:
                needed.append(None)
            else:
                needed.append(threshold(f"{layer}_{i}", i, "fear").value(base))
        with_layer = lc.only(layer)
        reaches = two_sided(with_layer)
        parts = []
        for i, value in enumerate(needed):
            if value is None:
                parts.append(f"{names[i]} fears already")
            else:
                parts.append(f"{names[i]} fears once {layer}_{i + 1} exceeds {_show(value)} (cited: {_show(cited[i])})")
        verdict = "the cited values reach it" if reaches else "the cited values do not reach it"
        out[layer] = LayerThreshold(layer, tuple(needed), cited, reaches, "; ".join(parts) + f": {verdict}.")
    out["motive"] = LayerThreshold(
        "motive", (None, None), (lc.params.motive_weight, *lc.params.motive), None,
        "The motive layer changes temptation, not fear: no value of it gives the two-sided dilemma.",
    )
    seekers = lc.only("motive")
    fearless = [names[i] for i in (0, 1) if not payoffs_at(seekers, i + 1).fears]
    priors = lc.prior_values
    if fearless:
        out["beliefs"] = LayerThreshold(
            "beliefs", (None, None), priors, None,
            f"No prior gives the spiral: a security-seeking {' and '.join(fearless)} does not fear "
            "its rival, so it restrains against an armer whatever it believes.",
        )
    else:
        game = lc.bayesian_game(priors, seekers)
        stars = tuple(game.trust_threshold_value(i) for i in (1, 2))
        reaches = game.spiral()
        parts = [f"{names[i]}'s prior {_show(priors[i])} against π* = {_show(stars[i])}" for i in (0, 1)]
        out["beliefs"] = LayerThreshold(
            "beliefs", stars, priors, reaches,
            "The spiral appears once either prior falls below its trust threshold π*: " + "; ".join(parts)
            + (": the cited priors reach it." if reaches else ": the cited priors do not reach it."),
        )
    return out


def _show(value) -> str:
    return "none" if value is None else approx_text(value)


# ---------------------------------------------------------------------------- report

#: Names ``--set`` accepts for the priors (they are not model parameters).
PRIOR_NAMES = ("prior_1", "prior_2")


def layer_report(case, year=None, members=None, overrides=None, priors=None, presences=None) -> dict:
    """The second layer of ``case`` in ``year`` as a JSON-ready dict (for ``balkangames show --json``).

    Keys: ``parameters`` (the second layer's, each with its provenance), ``types``,
    ``true_types``, ``priors`` (with provenance; ``priors`` = {"prior_1": value, ...} sets
    them by hand), ``trust_thresholds``, ``trust``, ``equilibria_by_type``
    ({player: {type: probability of restraining}}), ``equilibria_text``, ``two_sided``,
    ``spiral`` and ``carriers``.
    """
    lc = layered(case, year, members, overrides, presences)
    priors = dict(priors or {})
    unknown = sorted(set(priors) - set(PRIOR_NAMES))
    if unknown:
        raise ValueError(f"unknown prior {unknown[0]!r}; valid choices: {', '.join(PRIOR_NAMES)}")
    if priors:
        values = check_priors(tuple(priors.get(n, p.value) for n, p in zip(PRIOR_NAMES, lc.priors)))
        lc = LayeredCase(lc.case, lc.year, lc.parameters, tuple(
            Parameter(p.name, v, (), (Assumption(f"Set by hand to {v}."),)) if p.name in priors else p
            for p, v in zip(lc.priors, values)
        ))
    game = lc.bayesian_game()
    players = lc.players
    return {
        "parameters": [p.as_dict() for p in lc.parameters if p.name in LAYER_TWO],
        "types": list(TYPES),
        "true_types": {player: t for player, t in zip(players, game.true_types)},
        "priors": [{**p.as_dict(), "about": players[1 - i]} for i, p in enumerate(lc.priors)],
        "trust_thresholds": {player: _text(game.trust_threshold_value(i + 1)) for i, player in enumerate(players)},
        "trust": [game.trust_sentence(1), game.trust_sentence(2)],
        "equilibria_by_type": [
            {player: {t: str(eq.restrain[i][t]) for t in TYPES} for i, player in enumerate(players)}
            for eq in game.equilibria_by_type()
        ],
        "equilibria_text": game.describe(),
        "two_sided": two_sided(lc.params),
        "spiral": game.spiral(),
        "carriers": carriers(lc),
        "prior_ranges": _prior_ranges(lc, game),
    }


def _prior_ranges(lc: LayeredCase, game: BayesianGame) -> list[dict]:
    """Each prior's plausible range, and whether its player's trust threshold lies inside it
    (then whether that player trusts rests on the prior's assumed size: both sides are named)."""
    found = []
    for i, prior in enumerate(lc.priors):
        ranged = [a for a in prior.assumptions if a.range]
        if not ranged:
            continue
        low, high = ranged[-1].range
        star = game.trust_threshold_value(i + 1)
        inside = star is not None and game.trust_direction(i + 1) == "at least" and low < star <= high
        found.append({"name": prior.name, "player": lc.players[i], "value": str(prior.value), "low": str(low),
                      "high": str(high), "why": ranged[-1].range_why, "threshold_inside": inside,
                      "threshold": _text(star)})
    return found


def _text(value) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class FindingRow:
    """One country's row: the model's signs, the thesis's signs, agree/diverge per column.

    ``dyads`` gives, per column, the cases in which the model's "+" holds (empty for "-"),
    so a learner can see where a sign comes from.
    """

    country: str
    model: tuple[str, str, str]
    thesis: tuple[str, str, str]
    dyads: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())

    @property
    def agree(self) -> tuple[bool, bool, bool]:
        """Whether the model's sign equals the thesis's, per column."""
        return tuple(m == t for m, t in zip(self.model, self.thesis))


def country_evidence(country: str, year: int = FINDINGS_YEAR, layers: bool = True) -> dict[str, tuple[str, ...]]:
    """Per column of :data:`MAPPING`, the cases in which ``country``'s "+" holds.

    ``layers=False`` reads the base model instead: the second layer off, so complete
    information and no misperception in any dyad.

    Raises:
        ValueError: no case with ``country`` covers ``year``.
    """
    catalog = load_catalog()
    nato = catalog.alliances["nato"].guarantee.value
    dyads = [cases.load(c) for c in cases.list_cases()]
    dyads = [c for c in dyads if country in c.players and year in c.years]
    if not dyads:
        raise ValueError(f"no case with {country!r} covers {year}")
    found = {column: [] for column in MAPPING}
    for case in dyads:
        lc = layered(case, year)
        i = case.players.index(country)
        params = lc.params if layers else lc.without(*LAYERS)
        if params.guarantee[i] < nato:
            found["anarchy"].append(case.id)
        if payoffs_at(params, i + 1).fears:
            found["fear"].append(case.id)
        if layers and payoffs_at(lc.only("motive", "kin", "provocation"), i + 1).fears:
            game = lc.bayesian_game()
            star = game.trust_threshold_value(i + 1)
            # Mistrust arms it only where trust means restraint (π* read "at least"):
            # on the other side of a reversed threshold, belief in a seeker tempts instead.
            if game.trust_direction(i + 1) == "at least" and lc.prior_values[i] < star:
                found["misperception"].append(case.id)
    return {column: tuple(ids) for column, ids in found.items()}


def country_signs(country: str, year: int = FINDINGS_YEAR, layers: bool = True) -> tuple[str, str, str]:
    """Anarchy, fear, misperception signs of ``country`` under :data:`MAPPING` (see :func:`country_evidence`)."""
    evidence = country_evidence(country, year, layers)
    return tuple("+" if evidence[column] else "-" for column in MAPPING)


def findings_table(year: int = FINDINGS_YEAR, layers: bool = True) -> list[FindingRow]:
    """The thesis's findings table regenerated from model quantities, beside the thesis's signs."""
    data = load_mechanisms()
    rows = []
    for country in FINDINGS_COUNTRIES:
        evidence = country_evidence(country, year, layers)
        signs = tuple("+" if evidence[column] else "-" for column in MAPPING)
        rows.append(FindingRow(country, signs, data.findings[country][0], tuple(evidence.values())))
    return rows


def findings_text(rows: list[FindingRow]) -> str:
    """The table as aligned text: model sign / thesis sign and agree or diverge per cell."""
    lines = [f"{'country':<16} {'anarchy':<20} {'fear':<20} {'misperception':<20}"]
    for row in rows:
        cells = [
            f"{m} / {t} {'agree' if ok else 'DIVERGE'}" for m, t, ok in zip(row.model, row.thesis, row.agree)
        ]
        lines.append(f"{row.country:<16} " + " ".join(f"{c:<20}" for c in cells))
    return "\n".join(lines)


__all__ = [
    "FINDINGS_COUNTRIES",
    "FINDINGS_YEAR",
    "LAYERS",
    "LAYER_TWO",
    "MAPPING",
    "PRIOR_NAMES",
    "THEORY_REFERENCES",
    "FindingRow",
    "LayerThreshold",
    "LayeredCase",
    "carriers",
    "country_evidence",
    "country_signs",
    "payoffs_at",
    "findings_table",
    "findings_text",
    "layer_report",
    "layer_thresholds",
    "layered",
    "two_sided",
]
