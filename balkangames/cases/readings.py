"""Both readings of a disputed motive, side by side: the spiral and the deterrence model.

Where the sources disagree about a state's motive, the package does not pick one by a
zero. The 2022 thesis reads Serbia as a state that fears (a security seeker in a
security dilemma); Luli (2025) reads its posture as greed and a *fait accompli* strategy.
This is the debate Jervis (1976, ch. 3) frames as the **spiral model** against the
**deterrence model**: if the rival is a security seeker, arming against it feeds a spiral
that reassurance could stop; if it is greedy, reassurance invites exploitation and arming
deters.

For each reading (``data/readings.toml``) the result is computed in the case-year's game
of beliefs (:func:`balkangames.mechanisms.layered`): the reading fixes the state's true
type; the priors are the ones the seeds give (``mechanisms.toml``); the rival is a
security seeker in every reading (neither source calls Kosovo, Bosnia, Croatia or
Montenegro revisionist). The rival's prior is where the readings meet: it is the rival's
own mix of the two readings, and it is misperception under one reading and an accurate
fear under the other.

>>> from balkangames import cases
>>> found = compare(cases.load("serbia-kosovo"), 2022)
>>> [(r.reading.id, r.outcomes) for r in found]
[('fear', [('arm', 'arm')]), ('greed', [('arm', 'arm')])]
>>> [tuple(map(str, r.misperception)) for r in found]
[('1/2', '3/4'), ('1/2', '1/4')]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from ..beliefs import TYPES, type_params
from ..mechanisms import layered
from ..model import player_terms
from .catalog import load_catalog
from .provenance import AUTHOR_YEAR, Citation
from .schema import Fields, read_toml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "readings.toml"

#: Full reference of the theory the comparison rests on (author–year in the text).
JERVIS = "Jervis, R. (1976) Perception and Misperception in International Politics, Princeton University Press, ch. 3."


@dataclass(frozen=True)
class Reading:
    """One source's reading of a state's motive towards some rivals."""

    id: str
    actor: str
    rivals: tuple[str, ...]
    type: str
    held_by: str
    claim: str
    citations: tuple[Citation, ...]

    @property
    def source(self) -> str:
        """Who holds the reading, author–year."""
        return AUTHOR_YEAR.get(self.held_by, self.held_by)


@cache
def load_readings(path: Path | None = None) -> tuple[Reading, ...]:
    """Read and check ``readings.toml``; a bad field raises a ValueError naming it."""

    path = Path(path) if path is not None else DATA_FILE
    actors = set(load_catalog().actors)
    top = Fields(read_toml(path), path)
    found = []
    for entry in top.tables("reading"):
        kind = entry.text("type")
        if kind not in TYPES:
            raise entry.error("type", f"one of {', '.join(TYPES)}", kind)
        found.append(Reading(
            entry.identifier("id"), entry.identifier("actor", actors), entry.identifiers("rivals", actors),
            kind, entry.text("held_by"), entry.text("claim"),
            entry.citations(required=True),
        ))
        entry.finish()
    top.finish()
    return tuple(found)


def readings_for(case) -> tuple[Reading, ...]:
    """The readings that concern ``case``: one of its players read against the other."""
    players = case.players
    return tuple(
        r for r in load_readings()
        if r.actor in players and players[1 - players.index(r.actor)] in r.rivals
    )


@dataclass(frozen=True)
class ReadingResult:
    """The case-year's result under one reading.

    Attributes:
        reading: the :class:`Reading`.
        true_types: each player's true type under the reading.
        priors: each player's prior that the other is a security seeker (the seeds').
        outcomes: per Bayesian equilibrium, what the true types do.
        misperception: each player's probability on the rival's wrong type.
        spiral: both security seekers arm in every equilibrium (only possible when both are).
        prediction: what the reading predicts, in words with the numbers (Jervis 1976).
    """

    reading: Reading
    true_types: tuple[str, str]
    priors: tuple[Fraction, Fraction]
    outcomes: list
    misperception: tuple[Fraction, Fraction]
    spiral: bool
    prediction: str

    def as_dict(self) -> dict:
        """JSON-ready (exact values as strings)."""
        return {
            "reading": self.reading.id,
            "held_by": self.reading.source,
            "claim": self.reading.claim,
            "true_types": list(self.true_types),
            "priors": [str(p) for p in self.priors],
            "outcomes": [list(o) for o in self.outcomes],
            "misperception": [str(m) for m in self.misperception],
            "spiral": self.spiral,
            "prediction": self.prediction,
            "citations": [c.as_dict() for c in self.reading.citations],
        }


def compare(case, year=None, members=None, overrides=None, presences=None, priors=None) -> list[ReadingResult]:
    """The result of ``case`` in ``year`` under each reading that concerns it (see module docs).

    ``priors`` replaces the seeds' priors (a pair), e.g. to ask what trust would do.
    """
    lc = layered(case, year, members, overrides, presences)
    priors = tuple(Fraction(p) for p in priors) if priors is not None else lc.prior_values
    results = []
    for reading in readings_for(case):
        i = case.players.index(reading.actor)
        true_types = ["security seeker", "security seeker"]
        true_types[i] = reading.type
        game = lc.bayesian_game(priors)
        game = type(game)(game.params, priors, game.players, None, tuple(true_types))
        results.append(ReadingResult(
            reading, tuple(true_types), priors, game.outcomes(), game.misperception(),
            game.spiral() and reading.type == "security seeker",
            _prediction(lc, game, i, reading),
        ))
    return results


def _prediction(lc, game, i: int, reading: Reading) -> str:
    """What the reading predicts, in words with the numbers."""
    me, rival = lc.players[i], lc.players[1 - i]
    j = 1 - i
    outcomes = game.outcomes()
    done = "; or ".join(f"{me} {_verb(o[i])}, {rival} {_verb(o[j])}" for o in outcomes)
    star = game.trust_threshold_value(j + 1)
    direction = game.trust_direction(j + 1)
    prior = game.priors[j]
    if reading.type == "security seeker":
        head = f"Spiral model ({reading.source}): {me} is a security seeker; in equilibrium {done}."
        if direction == "at least":
            verdict = (f" {rival}'s prior that {me} is a security seeker is {prior}, against its trust threshold "
                       f"π* = {star}: " + ("below it, so its fear is misperception, and reassurance that raised "
                                           f"its belief to at least {star} would let its security seeker restrain."
                                           if prior < star else "at least π*, so it can afford to trust."))
        else:
            verdict = f" {rival}'s choice does not hinge on its belief about {me}."
        return head + verdict
    # Greedy: what a security-seeking rival gets from restraint against the greedy type's arming.
    terms = player_terms(_rival_vs_greedy(game, i), j + 1)
    head = f"Deterrence model ({reading.source}): {me} is greedy; in equilibrium {done}."
    if terms["S"] < terms["P"]:
        verdict = (f" Against a greedy {me} that arms, {rival}'s arming is deterrence, not a spiral: restraint "
                   f"would give it S = {terms['S']} against P = {terms['P']} for arming; its prior {prior} puts "
                   f"{1 - prior} on the greedy type, an accurate fear under this reading.")
    else:
        verdict = (f" Should a greedy {me} arm, {rival} still loses less by restraint (S = {terms['S']} "
                   f"against P = {terms['P']}): no deterrence by arming is available to it.")
    return head + verdict


def _verb(action: str) -> str:
    return {"restrain": "restrains", "arm": "arms", "mixes": "mixes"}[action]


def _rival_vs_greedy(game, i: int):
    """The parameters of the complete-information game: player ``i`` greedy, the other a security seeker."""
    types = ["security seeker", "security seeker"]
    types[i] = "greedy"
    return type_params(game.params, tuple(types), game.greedy_motive)


def sources_text(case) -> list[str]:
    """Which source holds which reading, one line each (for learners)."""
    return [f"{r.source}: {r.claim}" for r in readings_for(case)]


__all__ = ["JERVIS", "Reading", "ReadingResult", "compare", "load_readings", "readings_for", "sources_text"]
