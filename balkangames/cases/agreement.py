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
distinguishability and patron subsidy are, the bound is given in numbers (its fear at
d = 0, kin stake and provocation included, against the race cost w); otherwise the
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

from .._rich import render
from ..params import LAYER_TWO
from . import robustness as rb
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
        verdict: ``"agrees"`` or ``"diverges"``.
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

    Fear F_i = (o_j + q_i)(1 − d)(1 − a_i) W + e_i (the one game's provocation q_i and kin
    stake e_i included) is largest at d = 0; fearing needs F_i > κ_i + w, and κ_i + w =
    c + k·m − r_i + w is smallest, w + k·m, with a subsidy as large as the cost of arming.
    When the first number is below the second, no distinguishability and no subsidy up to
    the cost of arming can make ``player`` fear.
    """
    params = case.params(year)
    i = case.players.index(player)
    threat = params.offense[1 - i] + params.provocation[i]
    largest = threat * (1 - params.guarantee[i]) * params.stakes + params.kin[i]
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
                f"(o_{other} + q)·(1 − a)·W + e = {largest}, below w + k·m = {smallest}, whatever the "
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
        honest = next(c for c in honest_count(year).cells if (c.country, c.column) == (country, "fear"))
        why += (f"; by the thesis's pairing ({', '.join(honest.dyads)}) with the cited second layer, "
                f"over every assumed size's range: {honest.verdict}")
        rows.append(Row(
            "fear", country, (year, year),
            f"{learner_source(FINDINGS_CITATION)}: fear {fear}",
            f"fear {model_fear}" + (f" ({', '.join(feared)})" if feared else ""),
            verdict, why, citations,
        ))
        # Misperception is the game of beliefs' (notebook 7): a prior below the trust threshold,
        # read by the thesis's pairing over the one game with its cited second layer.
        cell = next(c for c in honest_count(year).cells if (c.country, c.column) == (country, "misperception"))
        rows.append(Row(
            "misperception", country, (year, year),
            f"{learner_source(FINDINGS_CITATION)}: misperception {misperception}",
            f"misperception {cell.model} (game of beliefs; {', '.join(cell.dyads)})",
            "agrees" if cell.agrees else "diverges",
            f"{cell.verdict} (a prior below the trust threshold π*, over every assumed size's range)",
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


# ---------------------------------------------------------------------------- the honest count

#: The dyads in which the thesis reads each country's signs ("when it comes to each other"):
#: Serbia with Kosovo and with Bosnia (not Croatia); every other country in each of its cases.
THESIS_PAIRING: dict[str, tuple[str, ...]] = {
    "serbia": ("serbia-kosovo", "serbia-bosnia"),
    "kosovo": ("serbia-kosovo",),
    "bosnia": ("serbia-bosnia",),
}

#: Why a cell holds by construction, by column (such a cell is not evidence).
BY_CONSTRUCTION = {
    "anarchy": "anarchy is read as 'not a NATO member', so this cell restates the membership data",
    "misperception": "a NATO member's guarantee alone rules out the fear that misperception needs",
}


@dataclass(frozen=True)
class Cell:
    """One cell of the findings table, counted honestly.

    Attributes:
        country, column: the row and column (``anarchy``, ``fear``, ``misperception``).
        thesis, model: the thesis's sign and the model's at the case values.
        dyads: the dyads the cell is read from (the thesis's pairing).
        by_construction: the cell restates an input (see :data:`BY_CONSTRUCTION`).
        status: ``robust`` or ``contingent`` over every assumed size's range.
        decided_by: for a contingent cell, the assumptions that decide it.
        values_case: each deciding assumption's case value, by (case, name).
    """

    country: str
    column: str
    thesis: str
    model: str
    dyads: tuple[str, ...]
    by_construction: bool
    status: str
    decided_by: tuple = ()
    values_case: tuple = ()

    @property
    def agrees(self) -> bool:
        return self.model == self.thesis

    @property
    def verdict(self) -> str:
        """``holds by construction``, ``agrees robustly``, ``agrees only if …``, ``differs …``."""
        if self.by_construction:
            return "holds by construction" if self.agrees else "differs by construction"
        if self.status == "robust":
            return "agrees robustly" if self.agrees else "differs robustly"
        condition = self.condition()
        return f"agrees only if {condition}" if self.agrees else f"differs unless {self.flipped(condition)}"

    def condition(self) -> str:
        """The condition, in symbols, under which the cell keeps its value at the case."""
        symbol = rb.symbol
        case_values = dict(self.values_case)
        alone = [f for f in self.decided_by if f.flips_at is not None]
        if alone:
            parts = []
            for f in alone:
                here = case_values[(f.case, f.name)]
                side = "below" if here < f.flips_at else "above"
                parts.append(f"{symbol(f.name)}{_where(f.case)} stays {side} {f.flips_at}")
            return ("(each moved alone) " if len(parts) > 1 else "") + ", ".join(parts)
        names = ", ".join(f"{symbol(f.name)}{_where(f.case)}" for f in self.decided_by)
        return f"{names} stay in part of their ranges (only together do they change it)"

    @staticmethod
    def flipped(condition: str) -> str:
        return condition.replace("stays below", "rises above").replace("stays above", "falls below")

    def as_dict(self) -> dict:
        return {
            "country": self.country, "column": self.column, "thesis": self.thesis, "model": self.model,
            "dyads": list(self.dyads), "by_construction": self.by_construction, "status": self.status,
            "verdict": self.verdict,
            "decided_by": [{"case": f.case, **f.as_dict()} for f in self.decided_by],
        }


def _where(case: str) -> str:
    return f" ({case})" if case else ""


@dataclass(frozen=True)
class HonestCount:
    """The findings table counted by the thesis's pairing, evidence apart from construction."""

    year: int
    cells: tuple[Cell, ...]

    def _count(self, predicate) -> int:
        return sum(1 for c in self.cells if predicate(c))

    @property
    def figures(self) -> dict[str, int]:
        """Cells by verdict: ``total``, ``by_construction``, ``evidence``, ``agrees_robustly``,
        ``agrees_contingently``, ``differs_robustly``, ``differs_contingently``."""
        evidence = [c for c in self.cells if not c.by_construction]
        return {
            "total": len(self.cells),
            "by_construction": len(self.cells) - len(evidence),
            "evidence": len(evidence),
            "agrees_robustly": sum(c.agrees and c.status == "robust" for c in evidence),
            "agrees_contingently": sum(c.agrees and c.status != "robust" for c in evidence),
            "differs_robustly": sum(not c.agrees and c.status == "robust" for c in evidence),
            "differs_contingently": sum(not c.agrees and c.status != "robust" for c in evidence),
        }

    def summary(self) -> str:
        """The count in one sentence."""
        f = self.figures

        def verb(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        return (
            f"Of the thesis's {f['total']} cells ({self.year}, its pairing of the dyads), "
            f"{verb(f['by_construction'], 'holds', 'hold')} by construction and not as evidence. Of the other "
            f"{f['evidence']}: {verb(f['agrees_robustly'], 'agrees', 'agree')} robustly (over every assumed "
            f"size's range), {verb(f['agrees_contingently'], 'agrees', 'agree')} only for part of the ranges, "
            f"{verb(f['differs_robustly'], 'differs', 'differ')} robustly and "
            f"{verb(f['differs_contingently'], 'differs', 'differ')} for part of the ranges."
        )

    def as_dict(self) -> dict:
        return {"year": self.year, "figures": self.figures, "summary": self.summary(),
                "cells": [c.as_dict() for c in self.cells]}

    def _repr_html_(self) -> str:
        return render("honest_count_html", self)


def pairing(country: str, year: int = FINDINGS_YEAR) -> tuple[str, ...]:
    """The dyads a country's cells are read from in ``year`` (see :data:`THESIS_PAIRING`)."""
    if country in THESIS_PAIRING:
        return THESIS_PAIRING[country]
    return tuple(c.id for c in _cases() if country in c.players and year in c.years)


@lru_cache(maxsize=4)
def honest_count(year: int = FINDINGS_YEAR) -> HonestCount:
    """The findings table against the model's one game, each cell robust or contingent.

    Per country, a cell is read from the dyads of the thesis's pairing (a sign is "+" if
    it holds in one of them), with the second layer's cited values (the one game of each
    case-year), and decided over the box of every assumed size's range
    (:mod:`balkangames.cases.robustness`); the constants shared by every dyad move
    together. Anarchy cells, and misperception "−" cells of NATO members, hold by
    construction and are not counted as evidence.
    """
    cells = []
    for country, signs in FINDINGS.items():
        dyads = [rb.dyad(load(case_id), year) for case_id in pairing(country, year)]
        member = all(country in nato_members(load(d.case), year) for d in dyads)
        model_anarchy = "-" if member else "+"
        cells.append(Cell(country, "anarchy", signs[0], model_anarchy, tuple(d.case for d in dyads), True, "robust"))
        for column, thesis in (("fear", signs[1]), ("misperception", signs[2])):
            cell = _joint_cell(rb, dyads, country, column, thesis)
            if column == "misperception" and member and cell.model == "-":
                cell = Cell(cell.country, column, thesis, "-", cell.dyads, True, cell.status,
                            cell.decided_by, cell.values_case)
            cells.append(cell)
    return HonestCount(year, tuple(cells))


def _joint_cell(rb, dyads, country: str, column: str, thesis: str) -> Cell:
    family, readers, ranges = [], [], {}
    for d in dyads:
        quantities = rb.finding_specs(d, joint=True)[(country, column)]
        readers.append((len(family), len(quantities)))
        family.extend(quantities)
        for r in d.ranges:
            key = d.key(r.name, True)
            case = "" if key == r.name else r.case  # a constant shared by every dyad
            ranges.setdefault(key, rb.Range(key, r.name, case, r.value, r.low, r.high, r.why))
    reader = rb.fear_sign if column == "fear" else rb.misperception_sign

    def value_of(get, _point):
        signs = [reader(lambda n, start=start: get(start + n)) for start, _ in readers]
        return "+" if "+" in signs else "-"

    spec = rb._Spec("finding", country, tuple(family), value_of, column, thesis)
    box = {k: (r.low, r.high) for k, r in ranges.items()}
    case_point = {k: r.value for k, r in ranges.items()}
    result = rb.decide(spec, box, case_point, ranges)
    values_case = tuple(((r.case, r.name), r.value) for r in ranges.values())
    return Cell(country, column, thesis, result.value, tuple(d.case for d in dyads), False, result.status,
                result.decided_by, values_case)
