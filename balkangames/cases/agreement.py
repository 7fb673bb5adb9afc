"""Does the model agree with its sources? A table computed from the data, with reasons.

Two claims of the 2022 thesis are checked against the model's games:

* its **findings table** (Figure 6.4.1): anarchy, fear and misperception per country,
  for 2022, the year of its data; fear is also checked per dyad where the thesis pairs
  the states ("when it comes to each other": Kosovo, Bosnia and Herzegovina, Serbia);
* its **typology** of alliance configurations: both states in one alliance → the least
  conflict; one member → a one-sided dilemma on the non-member; neither → a dilemma is
  very likely (read here as both states fearing), for every year of every case.

Each row says what the source says, what the model gives, whether they agree, and why.
Reasons are computed: where a state cannot fear in this model whatever
distinguishability and patron subsidy are, the bound is given in numbers (Serbia's
fear of Kosovo is at most o_Kosovo·W = 6/17, below the race cost w = 1); otherwise the
nearest parameter change that would make model and source agree (from
:mod:`balkangames.cases.sensitivity`). Where the source itself explains the gap (North
Macedonia's fear is societal, not interstate), its words are quoted.

>>> rows = findings_rows()
>>> [(r.subject, r.verdict) for r in rows if r.topic == "fear" and r.subject == "serbia-kosovo: serbia"]
[('serbia-kosovo: serbia', 'agrees')]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..params import LAYER_TWO
from .case import Case, load
from .catalog import load_catalog
from .mechanisms_data import load_mechanisms
from .provenance import Citation, learner_source

THESIS = "002_1012a9540589faf7.txt"
LULI = "000_8a64ac4567ba3041.txt"

#: The year of the thesis's findings (its data run to June 2022).
FINDINGS_YEAR = 2022

#: Figure 6.4.1 of the thesis as printed: (anarchy, fear, misperception) per country, read from
#: ``data/mechanisms.toml``, where each row carries its verified quote (one copy for both tables).
FINDINGS: dict[str, tuple[str, str, str]] = {
    actor: signs for actor, (signs, _citations) in load_mechanisms().findings.items()
}
FINDINGS_CITATION = Citation(
    THESIS,
    quote="show clear indications of existing anarchy, fear and misperceptions when it comes to each other",
)
#: The dyads the thesis's findings pair explicitly (the three states marked "+").
FINDINGS_DYADS = ("serbia-kosovo", "serbia-bosnia")

#: The thesis's typology: configuration -> (what it says, its words).
TYPOLOGY: dict[str, tuple[str, Citation]] = {
    "both": (
        "both in one alliance: the least conflict (neither fears; mutual restraint the only equilibrium)",
        Citation(THESIS, quote="The least possible conflict ignition is between two states that are members of the same organization"),
    ),
    "one": (
        "one member: a one-sided dilemma on the non-member (it fears, the member does not)",
        Citation(THESIS, quote="concerning mostly the party which is not part of a security organization"),
    ),
    "neither": (
        "neither a member: a security dilemma is very likely (both fear)",
        Citation(THESIS, quote="Security dilemma is very likely to occur in this situation"),
    ),
}

#: Where a source explains in its own words why it differs from an interstate model.
SOURCE_NOTES: dict[str, tuple[str, Citation]] = {
    "north-macedonia": (
        "the thesis's '+' for North Macedonia is societal fear among its own ethnic groups; it says "
        "the country faces no state security dilemma, and an interstate model has no societal actors",
        Citation(THESIS, quote="It does not face a state security dilemma"),
    ),
    "serbia": (
        "this is a debate, not only a gap: the thesis reads Serbia through fear (Jervis's spiral "
        "model, fear for Serbs outside its territory), Luli through fait accompli and greed (the "
        "deterrence model), and the model's Serbia is tempted, not afraid, as in Luli's reading",
        Citation(LULI, quote="aligns with *fait accompli* behavior in Kosovo"),
    ),
}


@dataclass(frozen=True)
class Row:
    """One comparison of the model with a source.

    Attributes:
        topic: ``"anarchy"``, ``"fear"``, ``"misperception"`` (findings table) or
            ``"typology"``.
        subject: a country, ``"case: player"``, or a case id (typology).
        years: the first and last year the row covers.
        source: what the source says, in words a learner reads (author-year).
        model: what the model gives.
        verdict: ``"agrees"``, ``"diverges"`` or ``"not modelled"``.
        why: the reason, computed where the model decides it.
        citations: the source passages (seed file and verbatim quote).
    """

    topic: str
    subject: str
    years: tuple[int, int]
    source: str
    model: str
    verdict: str
    why: str
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict:
        """JSON-ready, with the citations as file name and quote."""
        return {
            "topic": self.topic,
            "subject": self.subject,
            "years": list(self.years),
            "source": self.source,
            "model": self.model,
            "verdict": self.verdict,
            "why": self.why,
            "citations": [c.as_dict() for c in self.citations],
        }


def _cases() -> list[Case]:
    return [load(case_id) for case_id in sorted(load_catalog().cases)]


def nato_members(case: Case, year: int) -> list[str]:
    """The players that are members of an alliance (NATO) in ``year``."""
    catalog = load_catalog()
    return [
        p for p in case.players
        if any(a.kind == "alliance" and a.tie(p, year) for a in catalog.alliances.values())
    ]


def fear_bound(case: Case, year: int, player: str) -> tuple[Fraction, Fraction]:
    """``(largest fear, smallest cost of fearing)`` of ``player`` over d and the subsidy.

    Fear F_i = o_j (1 − d)(1 − a_i) W is largest at d = 0; fearing needs F_i > κ_i + w,
    and κ_i + w = c + k·m − r_i + w is smallest, w + k·m, with a subsidy as large as the
    cost of arming. When the first number is below the second, no distinguishability
    and no subsidy up to the cost of arming can make ``player`` fear.
    """
    params = case.params(year)
    i = case.players.index(player)
    largest = params.offense[1 - i] * (1 - params.guarantee[i]) * params.stakes
    smallest = params.race_cost + params.alliance_penalty * int(params.same_alliance)
    return largest, smallest


@lru_cache(maxsize=256)
def _sensitivity(case_id: str, year: int):
    return load(case_id).sensitivity(year)


def _base_parameters(case: Case, year: int):
    """The sensitivity entries of the parameters the case data set (the second layer is off)."""
    return [e for e in _sensitivity(case.id, year).parameters if e.name not in LAYER_TWO]


def _nearest(case: Case, year: int, player: str, wants_fear: bool, limit: int = 2) -> list[str]:
    """The smallest parameter changes that would give (or take away) ``player``'s fear."""
    found = []
    for entry in _base_parameters(case, year):
        for flip in entry.flips:
            before, after = (flip.below, flip.above) if flip.at > entry.value else (flip.above, flip.below)
            i = case.players.index(player)
            feared_before = before.classes[i] in _FEARFUL
            feared_after = after.classes[i] in _FEARFUL
            if feared_before != wants_fear and feared_after == wants_fear:
                found.append((abs(flip.at - entry.value), entry.name, entry.value, flip.at))
    found.sort()
    return [f"{name} from {value} to {at} (by {gap})" for gap, name, value, at in found[:limit]]


_FEARFUL = ("stag-hunt", "prisoners-dilemma", "deadlock")


def fear_reason(case: Case, year: int, player: str, wants_fear: bool) -> str:
    """Why ``player`` does (not) fear in the model, when the source says the opposite."""
    if wants_fear:
        largest, smallest = fear_bound(case, year, player)
        other = case.players[1 - case.players.index(player)]
        if largest < smallest:
            return (
                f"{player} cannot fear {other} in this model: its fear is at most "
                f"o_{other}·(1 − a)·W = {largest}, below w + k·m = {smallest}, whatever the "
                "distinguishability and with any patron subsidy up to the cost of arming"
            )
    changes = _nearest(case, year, player, wants_fear)
    verb = "fear" if wants_fear else "lose its fear"
    if not changes:
        return f"no single parameter change inside its range makes {player} {verb}"
    return f"{player} would {verb} with " + " or ".join(changes)


def _classes_text(case: Case, year: int) -> str:
    game = case.game(year)
    classes = ", ".join(f"{p}: {c}" for p, c in game.classes().items())
    return classes


def findings_rows(year: int = FINDINGS_YEAR) -> list[Row]:
    """The findings table (Figure 6.4.1) against the model in ``year`` (default 2022)."""
    cases_ = _cases()
    rows = []
    for country, (anarchy, fear, misperception) in FINDINGS.items():
        theirs = [c for c in cases_ if country in c.players and year in c.years]
        member = any(country in nato_members(c, year) for c in theirs)
        model_anarchy = "-" if member else "+"
        rows.append(Row(
            "anarchy", country, (year, year),
            f"{learner_source(FINDINGS_CITATION)}: anarchy {anarchy}",
            f"{'a NATO member' if member else 'no alliance guarantee'} ({model_anarchy})",
            "agrees" if model_anarchy == anarchy else "diverges",
            "anarchy is read as the absence of an alliance guarantee",
            (FINDINGS_CITATION,),
        ))
        feared = [c.id for c in theirs if c.game(year).fears(country)]
        model_fear = "+" if feared else "-"
        if model_fear == fear:
            why = f"fears in: {', '.join(feared)}" if feared else "fears in none of its dyads"
            verdict = "agrees"
        else:
            verdict = "diverges"
            why = "; ".join(
                fear_reason(c, year, country, wants_fear=fear == "+") for c in theirs
            )
        citations = (FINDINGS_CITATION,)
        if country in SOURCE_NOTES and verdict == "diverges":
            note, quote = SOURCE_NOTES[country]
            why += f"; {note} ({learner_source(quote)})"
            citations += (quote,)
        rows.append(Row(
            "fear", country, (year, year),
            f"{learner_source(FINDINGS_CITATION)}: fear {fear}",
            f"fear {model_fear}" + (f" ({', '.join(feared)})" if feared else ""),
            verdict, why, citations,
        ))
        rows.append(Row(
            "misperception", country, (year, year),
            f"{learner_source(FINDINGS_CITATION)}: misperception {misperception}",
            "not in the model",
            "not modelled",
            "a game of complete information cannot show misperception: each state knows the other's payoffs",
            (FINDINGS_CITATION,),
        ))
    for case in (c for c in cases_ if c.id in FINDINGS_DYADS):
        game = case.game(year)
        for player in case.players:
            expected = FINDINGS[player][1] == "+"
            actual = game.fears(player)
            citations = (FINDINGS_CITATION,)
            if actual == expected:
                verdict, why = "agrees", _margin_note(case, year, player)
            else:
                verdict, why = "diverges", fear_reason(case, year, player, wants_fear=expected)
                if player in SOURCE_NOTES:
                    note, quote = SOURCE_NOTES[player]
                    why += f"; {note} ({learner_source(quote)})"
                    citations += (quote,)
            other = case.players[1 - case.players.index(player)]
            rows.append(Row(
                "fear", f"{case.id}: {player}", (year, year),
                f"{learner_source(FINDINGS_CITATION)}: {player} fears {other} ({FINDINGS[player][1]})",
                f"{player}: {game.classes()[player]} ({'fears' if actual else 'no fear'})",
                verdict, why, citations,
            ))
    return rows


def _margin_note(case: Case, year: int, player: str) -> str:
    """How near the agreeing result is to flipping (the smallest margin for this player)."""
    i = case.players.index(player)
    nearest = None
    for entry in _base_parameters(case, year):
        for flip in entry.flips:
            if flip.below.classes[i] != flip.above.classes[i]:
                gap = abs(flip.at - entry.value)
                if nearest is None or gap < nearest[0]:
                    nearest = (gap, entry.name, entry.value, flip.at)
    if nearest is None:
        return "no parameter change alters it"
    gap, name, value, at = nearest
    return f"nearest flip: {name} from {value} to {at} (by {gap})"


def _configuration(case: Case, year: int) -> str:
    return ("neither", "one", "both")[len(nato_members(case, year))]


def _typology_check(case: Case, year: int) -> tuple[bool, list[str]]:
    """Whether the year's game matches the typology, and the reasons where it does not."""
    configuration = _configuration(case, year)
    game = case.game(year)
    members = nato_members(case, year)
    reasons = []
    for player in case.players:
        expected = configuration == "neither" or (configuration == "one" and player not in members)
        if game.fears(player) != expected:
            reasons.append(fear_reason(case, year, player, wants_fear=expected))
    if configuration == "both":
        equilibria = game.solve().equilibria
        if not (len(equilibria) == 1 and all(mix[0] == 1 for mix in equilibria[0])):
            reasons.append("mutual restraint is not the only equilibrium")
    return not reasons, reasons


def typology_rows() -> list[Row]:
    """The typology against every year of every case, consecutive like years merged."""
    rows = []
    for case in _cases():
        periods: list[list] = []
        for year in case.years:
            configuration = _configuration(case, year)
            agrees, reasons = _typology_check(case, year)
            key = (configuration, agrees, _classes_text(case, year), tuple(reasons))
            if periods and periods[-1][0] == key:
                periods[-1][2] = year
            else:
                periods.append([key, year, year])
        rows += [_typology_row(case, key, first, last) for key, first, last in periods]
    return rows


def _typology_row(case: Case, key, first: int, last: int) -> Row:
    configuration, agrees, classes, reasons = key
    said, citation = TYPOLOGY[configuration]
    return Row(
        "typology", case.id, (first, last),
        f"{learner_source(citation)}: {said}",
        classes,
        "agrees" if agrees else "diverges",
        "; ".join(reasons) if reasons else _margin_summary(case, last),
        (citation,),
    )


def _margin_summary(case: Case, year: int) -> str:
    return "; ".join(_margin_note(case, year, p) for p in case.players)


def table() -> list[Row]:
    """Every row: the findings table (2022), then the typology over all case years."""
    return findings_rows() + typology_rows()
