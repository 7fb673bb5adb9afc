"""Every number in the notebooks' prose is recomputed here, so text and code cannot drift.

For each notebook a ``claims_*`` function recomputes, from the package, each number
the markdown states and returns the exact phrases that state them (e.g. "d above
3/4"). Two tests use them:

* ``test_prose_states_recomputed_values``: every phrase occurs in the markdown;
* ``test_no_unchecked_number``: after removing those phrases, verbatim seed quotes
  (each checked against its seed file), the References section (checked against
  the model notes and the seeds), author–year citations listed there, and a few
  structural labels (notebook and world numbers, player subscripts, file names),
  no digit is left in the markdown.

Learners read author–year citations (“…” (Luli 2025), “…” (the 2022 thesis)), never
seed file names; :data:`AUTHOR_YEAR` maps each citation to the seed file its quote is
checked against. The checks that need ``../shared`` skip without it, except under
``CI=true``, where they fail.
"""

from __future__ import annotations

import inspect
import os
import re
from fractions import Fraction
from pathlib import Path

import jupytext
import pytest

from balkangames import analysis, cases, dynamics, jervis_world, security_game, sequential
from balkangames.cases.sensitivity import sensitivity
from balkangames.model import WORLD_BASE, WORLD_LEVERS, player_terms
from balkangames.params import SecurityParams
from balkangames.thresholds import class_at, threshold, thresholds_for

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
#: How the notebooks cite each seed, and the seed file a quote so cited is checked against.
AUTHOR_YEAR = {
    "Luli 2025": SEEDS / "000_8a64ac4567ba3041.txt",
    "the 2022 thesis": SEEDS / "002_1012a9540589faf7.txt",
}
BIBLIOGRAPHY_SOURCES = (SHARED / "design" / "model-notes.md", *AUTHOR_YEAR.values(), SEEDS / "README.md")


def require_shared() -> None:
    """Skip without ../shared (seeds, model notes), but fail under CI=true."""
    missing = [str(p) for p in BIBLIOGRAPHY_SOURCES if not p.exists()]
    if not missing:
        return
    message = f"../shared (seeds, model notes) not beside the repo: missing {missing}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# ---------------------------------------------------------------------------
# Reading and formatting


def markdown_cells(name: str) -> list[str]:
    """The markdown cells of a notebook (MyST text, read by jupytext)."""
    return [cell.source for cell in jupytext.read(NOTEBOOKS / name).cells if cell.cell_type == "markdown"]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def num(value, decimal: bool = False) -> str:
    """How the prose writes an exact number: 7, −36/5, or 0.25 when ``decimal``."""
    value = Fraction(value)
    sign = "−" if value < 0 else ""
    value = abs(value)
    if value.denominator == 1:
        return f"{sign}{value.numerator}"
    if decimal:
        text = f"{float(value):.10f}".rstrip("0")
        if Fraction(text) != value:
            raise AssertionError(f"{value} has no short decimal form")
        return sign + text
    return f"{sign}{value}"


def dec(value) -> str:
    return num(value, decimal=True)


MONTHS = ("January February March April May June July August September October November December").split()


def month_year(date: str) -> str:
    """``"2024-09-20"`` as the prose writes it: ``"September 2024"``."""
    year, month = date.split("-")[:2]
    return f"{MONTHS[int(month) - 1]} {year}"


# ---------------------------------------------------------------------------
# Claims per notebook


def _world(n: int) -> SecurityParams:
    offense, distinguishability = WORLD_LEVERS[n]
    return WORLD_BASE.replace(offense=offense, distinguishability=distinguishability)


def _value(parameter: str, player: int, boundary: str, params: SecurityParams) -> Fraction:
    value = threshold(parameter, player, boundary).value(params)
    assert value is not None
    return value


def claims_00() -> list[str]:
    world_4 = jervis_world(4)
    assert set(world_4.classes().values()) == {"harmony"}
    assert world_4.solve().pure_equilibria == [(0, 0)] and len(world_4.solve().equilibria) == 1
    declaration = {e.id: e for e in cases.events()}["defence-declaration"]
    slipped = re.search(r"(\d{4}), defense cooperation", declaration.citations[0].quote).group(1)
    assert "Tirana" in declaration.title and slipped != str(declaration.year)
    timeline = cases.load("serbia-kosovo")  # notebook 5's title spans this case's years
    return [f"defence declaration to {slipped}; it was signed in Tirana in {month_year(declaration.date)}",
            f"A timeline, {timeline.first_year} to {timeline.last_year}"]


def claims_01() -> list[str]:
    p = _world(1)
    t = player_terms(p, 1)
    assert jervis_world(1).classes() == {"row": "prisoners-dilemma", "column": "prisoners-dilemma"}
    assert jervis_world(1).solve().pure_equilibria == [(1, 1)]
    b_star = _value("restraint_value", 1, "temptation", p)
    w_star = _value("race_cost", 1, "fear", p)
    d_star = _value("distinguishability", 1, "fear", p)
    o_star = _value("offense_1", 1, "temptation", p)
    assert b_star == t["T"]
    # the classes on the far side of each boundary, as the prose names them
    assert class_at(p.replace(restraint_value=b_star + 1), 1) == "stag-hunt"
    assert class_at(p.replace(race_cost=w_star + 1), 1) == "chicken"
    assert class_at(p.replace(distinguishability=(d_star + 1) / 2), 1) == "chicken"
    assert class_at(p.replace(offense_1=o_star / 2), 1) == "stag-hunt"
    for lever in ("restraint_value", "race_cost", "distinguishability", "offense_1"):
        assert len(thresholds_for(p, lever, 1)) == 1, f"{lever} should cross one boundary only"
    events = {e.id: e for e in cases.events()}
    conscription, rafale = events["conscription"], events["croatia-rafale"]
    assert conscription.title.startswith("Serbia announces") and "used" in rafale.title
    return [
        f"announced return to conscription ({month_year(conscription.date)})",
        f"Croatia's Rafales, bought in {rafale.year}, were used jets",
        f"W = {num(p.stakes)}, b = {num(p.restraint_value)}, c = {num(p.arming_cost)}, "
        f"w = {num(p.race_cost)}, offense advantage o = {dec(p.offense[0])} for both, "
        f"distinguishability d = {dec(p.distinguishability)}",
        f"Serbia's payoffs are R = {num(t['R'])}, T = {num(t['T'])}, P = {num(t['P'])} and "
        f"S = {num(t['S'])}, from greed G = {num(t['greed'])} and fear F = {num(t['fear'])}",
        f"both get P = {num(t['P'])} although both restraining would give each R = {num(t['R'])}",
        f"once b rises above {num(b_star)}, that is once R exceeds T = {num(t['T'])}",
        f"w above {num(w_star)} (fear ends, the game becomes Chicken)",
        f"d above {num(d_star)} (fear ends)",
        f"o_1 below {num(o_star)} (temptation ends)",
    ]


def claims_03() -> list[str]:
    base = WORLD_BASE
    offenses = sorted({o for o, _ in WORLD_LEVERS.values()}, reverse=True)
    distinguish = sorted({d for _, d in WORLD_LEVERS.values()})
    phrases = [
        f"W = {num(base.stakes)}, b = {num(base.restraint_value)}, c = {num(base.arming_cost)}, "
        f"w = {num(base.race_cost)}, with offense advantage {dec(offenses[0])} (offense dominant) or "
        f"{dec(offenses[1])} (defense dominant) and distinguishability {dec(distinguish[0])} or "
        f"{dec(distinguish[1])}"
    ]
    names = {1: ", doubly dangerous", 4: ", doubly stable"}
    for n, (o, d) in WORLD_LEVERS.items():
        game = jervis_world(n)
        solution = game.solve()
        title = game.class_titles()["row"]
        assert game.class_titles()["column"] == title
        count = num(len(solution.equilibria))
        if len(solution.equilibria) == 1:
            (profile,) = solution.pure_equilibria
            count += {(0, 0): " (both restrain)", (1, 1): " (both arm)"}[profile]
        phrases.append(f"| world {n}{names.get(n, '')} | {dec(o)} | {dec(d)} | {title} | {count} |")
    o_star = {_value("offense_1", 1, "temptation", _world(n)) for n in WORLD_LEVERS}
    assert len(o_star) == 1, "the temptation boundary in o should not depend on d"
    phrases.append(f"Temptation ends when $o$ falls below {num(o_star.pop())}, whatever $d$")
    d_high = _value("distinguishability", 1, "fear", _world(1))
    d_low = _value("distinguishability", 1, "fear", _world(2))
    phrases.append(
        f"{num(d_high)} at offense advantage {dec(WORLD_LEVERS[1][0])} and {num(d_low)} at "
        f"{dec(WORLD_LEVERS[2][0])}"
    )
    no_fear = _value("offense_2", 1, "fear", _world(1).replace(distinguishability=0))
    phrases.append(f"Below offense advantage {num(no_fear)} there is no fear even with d = {num(0)}")
    return phrases


def _reading(offense) -> SecurityParams:
    return WORLD_BASE.replace(offense=offense, distinguishability=WORLD_LEVERS[2][1])


HOPEFUL, FEARFUL = Fraction(1, 4), Fraction(7, 25)


def claims_02() -> list[str]:
    assert HOPEFUL == WORLD_LEVERS[2][0], "the hopeful reading is Jervis's world 2"
    base = WORLD_BASE
    phrases = [
        f"W = {num(base.stakes)}, b = {num(base.restraint_value)}, c = {num(base.arming_cost)}, "
        f"w = {num(base.race_cost)} and distinguishability d = {dec(WORLD_LEVERS[2][1])}",
        f"offense advantage o = {dec(HOPEFUL)} (Jervis's world 2); in the **fearful** reading o = {dec(FEARFUL)}",
    ]
    games = {}
    for label, offense in (("hopeful", HOPEFUL), ("fearful", FEARFUL)):
        game = security_game(_reading(offense))
        assert set(game.classes().values()) == {"stag-hunt"}
        t = player_terms(game.params, 1)
        assert t == player_terms(game.params, 2), "symmetric readings"
        risk = analysis.risk_dominance(game.A, game.B)
        trust = analysis.trust_thresholds(game.A, game.B)
        assert trust[0] == trust[1]
        assert analysis.payoff_dominant(game.A, game.B) == (0, 0)
        basins = dynamics.basins_2x2(game.A, points=60)
        assert basins.boundary == trust[0]
        # every start above the exact boundary ends in restraint (label 0), every start below in arming
        above = basins.shares > float(basins.boundary)
        assert (basins.labels[above] == 0).all() and (basins.labels[~above] == 1).all()
        # risk dominance agrees with p* against the tie value 1/2 of a symmetric Stag Hunt
        assert (risk.dominant == (0, 0)) == (trust[0] < analysis.trust_threshold(1, 0, 0, 1))
        games[label] = (game, t, risk, trust[0], 1 - basins.boundary)
    game, t, risk, p_star, basin = games["hopeful"]
    mixed = game.solve().mixed_equilibria
    assert len(game.solve().equilibria) == 3 and len(mixed) == 1 and mixed[0][0][0] == p_star
    phrases += [
        f"each side's payoffs are R = {num(t['R'])}, T = {num(t['T'])}, P = {num(t['P'])} and S = {num(t['S'])}: R > T > P > S",
        f"a mixed equilibrium in which each restrains with probability {num(mixed[0][0][0])}",
        f"Hopeful: the products are {num(risk.products[(0, 0)])} for mutual restraint and "
        f"{num(risk.products[(1, 1)])} for mutual arming, so restraint is both payoff- and risk-dominant, "
        f"and the trust threshold is p* = {num(p_star)}",
        f"{num(basin)} of the starting shares in the hopeful reading",
    ]
    assert risk.dominant == (0, 0)
    game, t, risk, p_star, basin = games["fearful"]
    assert risk.dominant == (1, 1)
    phrases += [
        f"Fearful: each side's payoffs are R = {num(t['R'])}, T = {num(t['T'])}, P = {num(t['P'])} and "
        f"S = {num(t['S'])}, still a Stag Hunt, but the products are {num(risk.products[(0, 0)])} against "
        f"{num(risk.products[(1, 1)])}: mutual arming is risk-dominant",
        f"the trust threshold rises to p* = {num(p_star)}",
        f"only {num(basin)} in the fearful one",
        f"risk-dominant exactly when p* < {num(analysis.trust_threshold(1, 0, 0, 1))}",
    ]
    return phrases


def code_text(name: str) -> str:
    return "\n".join(c.source for c in jupytext.read(NOTEBOOKS / name).cells if c.cell_type == "code")


KNIFE_EDGE = ([[2, -2], [1, -2]], [[2, 1], [-2, -2]])


def test_knife_edge_section_states_what_nashpy_and_the_exact_solver_find():
    """Notebook 2's knife-edge: S = P for both; nashpy's vertex enumeration drops mutual arming."""
    import warnings

    import nashpy
    import numpy as np

    from balkangames import solve

    assert f"knife_edge = {KNIFE_EDGE}" in code_text("02-stag-hunt-and-trust.md")
    A, B = KNIFE_EDGE
    assert A[0][1] == A[1][1] and B[1][0] == B[1][1], "S = P for both states"
    assert A[0][0] > A[1][0] and B[0][0] > B[0][1], "R > T for both states"
    exact = solve(A, B)
    assert exact.degenerate
    assert set(exact.equilibria) == {((1, 0), (1, 0)), ((0, 1), (0, 1))}, "mutual restraint and mutual arming"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = [(tuple(r), tuple(c)) for r, c in nashpy.Game(np.array(A), np.array(B)).vertex_enumeration()]
    assert found == [((1.0, 0.0), (1.0, 0.0))], "nashpy reports only mutual restraint"
    assert any("divide by zero" in str(w.message) for w in caught), "and warns of a division by zero"
    prose = folded(" ".join(markdown_cells("02-stag-hunt-and-trust.md")))
    assert "nashpy's vertex enumeration reports only mutual restraint (and warns of a division by zero)" in prose
    assert "the exact solver reports both and flags the game as degenerate" in prose


SHADOW = "06-shadow-of-the-future-and-fait-accompli.md"
# The illustration's inputs, as the prose states them; the code cells must use the same.
FAIT = {"x": Fraction(10), "p0": Fraction(1, 2), "c_challenger": Fraction(6), "c_defender": Fraction(6)}
ALLY, ATTRIBUTION, DELTA = Fraction(1, 2), Fraction(3, 10), Fraction(1, 2)


def _path_and_payoffs(tree):
    result = sequential.backward_induction(tree)
    assert result.unique
    return result.equilibria[0].path, result.equilibria[0].payoffs


def claims_06() -> list[str]:
    source = code_text(SHADOW)
    assert 'fait_accompli(10, "1/2", 6, 6' in source and "sustainable(0.5)" in source
    assert 'alpha="1/2", attribution="3/10"' in source
    t = player_terms(_world(1), 1)
    grim = analysis.grim_trigger_threshold(jervis_world(1).A, jervis_world(1).B)
    assert grim.applies and not grim.sustainable(DELTA) and grim.sustainable(grim.delta)
    world_3 = jervis_world(3)
    assert not analysis.grim_trigger_threshold(world_3.A, world_3.B).applies
    assert set(world_3.classes().values()) == {"chicken"}
    # Reverting to the mixed equilibrium (value v) instead: restraint holds when
    # R / (1 - δ) >= T + δ v / (1 - δ), i.e. δ >= (T - R) / (T - v).
    (mixed,) = world_3.solve().mixed_equilibria
    value = world_3.solve().expected_payoffs(*mixed)[0]
    c3 = world_3.payoffs_of(0)
    reversion = (c3.T - c3.R) / (c3.T - value)
    assert 0 < reversion < 1 and value < c3.R

    alone = sequential.fait_accompli(*FAIT.values())
    status_quo = dict(alone.moves)[sequential.STATUS_QUO].payoffs
    defender = dict(alone.moves)[sequential.SEIZE]
    acquiesce = dict(defender.moves)[sequential.ACQUIESCE].payoffs
    resist = dict(defender.moves)[sequential.RESIST].payoffs
    path, payoffs = _path_and_payoffs(alone)
    assert path == ((sequential.CHALLENGER, sequential.SEIZE), (sequential.DEFENDER, sequential.ACQUIESCE))
    (threat,) = sequential.non_credible_equilibria(alone)
    assert threat.row_strategy == ((sequential.CHALLENGER, sequential.STATUS_QUO),)
    assert threat.non_credible == ((sequential.DEFENDER, sequential.RESIST, sequential.ACQUIESCE),)
    limits = sequential.fait_accompli_thresholds(*FAIT.values())
    assert limits.challenger_deterred_from < 0
    backed = _path_and_payoffs(sequential.fait_accompli(*FAIT.values(), alpha=ALLY))[0]
    assert backed == ((sequential.CHALLENGER, sequential.STATUS_QUO),)
    assert ALLY > limits.defender_resists_above
    effective = ALLY * ATTRIBUTION
    assert effective <= limits.defender_resists_above
    deniable = _path_and_payoffs(sequential.fait_accompli(*FAIT.values(), alpha=ALLY, attribution=ATTRIBUTION))
    assert deniable[0] == path
    pair = "({}, {})".format
    return [
        f"With R = {num(t['R'])}, T = {num(t['T'])} and P = {num(t['P'])} (notebook 1)",
        f"(δ = {num(DELTA)})",
        f"δ* = {num(grim.delta)}, so δ = {num(DELTA)} is not patient enough; any δ of at least {num(grim.delta)} is",
        f"mixed equilibrium, worth {num(value)} a year to each side",
        f"sustains restraint for any δ of at least {num(reversion)}",
        f"keeps the status quo, payoffs {pair(num(status_quo[0]), num(status_quo[1]))}",
        "x = {}, p_0 = {}, c_C = {}, c_D = {}".format(*(num(v) for v in FAIT.values())),
        f"resisting gives the defender {num(resist[1])} against {num(acquiesce[1])} for acquiescing",
        f"the fait accompli stands with payoffs {pair(num(payoffs[0]), num(payoffs[1]))}",
        f"the defender resists when $\\alpha$ is above {num(limits.defender_resists_above)}",
        f"the challenger's threshold, {num(limits.challenger_deterred_from)}, is below zero",
        f"with an ally at α = {num(ALLY)}",
        f"Without an ally ($\\alpha = {num(inspect.signature(sequential.fait_accompli).parameters['alpha'].default)}$)",
        f"only {num(ATTRIBUTION)} of it is attributed",
        f"the ally's involvement of {num(ALLY)} is above {num(limits.defender_resists_above)}",
        f"the effective involvement is only {num(effective)}, below {num(limits.defender_resists_above)}",
    ]


ALLIANCES = "04-alliances-change-equilibria.md"
TIMELINE = "05-timeline-1999-2025.md"


def _pure(game) -> list[tuple[int, int]]:
    return game.solve().pure_equilibria


def _since(alliance: str, actor: str) -> int:
    ties = [tie.since for tie in cases.alliances()[alliance].ties if tie.actor == actor]
    assert len(ties) == 1, (alliance, actor, ties)
    return ties[0]


def _levels(alliance: str, actor: str) -> list[tuple[Fraction, int, int | None]]:
    """(level, since, until) of each period of an actor's tie, in order."""
    found = cases.alliances()[alliance]
    return [(found.level(t).value, t.since, t.until) for t in found.ties if t.actor == actor]


def claims_04() -> list[str]:
    from balkangames.cases import agreement

    kosovo = cases.load("serbia-kosovo")
    year = kosovo.default_year
    years_in_code = set(re.findall(r"year=(\d+)", code_text(ALLIANCES)))
    assert years_in_code == {str(year)}, f"the code cells should ask for the default year {year}"
    alliances = cases.alliances()
    nato, kfor, eufor = (alliances[a].guarantee.value for a in ("nato", "kfor", "eufor-althea"))
    subsidy = alliances["russia"].subsidy.value
    p = kosovo.params(year)
    assert p.guarantee == (0, kfor) and p.subsidy == (subsidy, 0) and not p.same_alliance
    now = kosovo.game(year)
    assert now.classes() == {"serbia": "prisoners-dilemma", "kosovo": "stag-hunt"}
    assert _pure(now) == [(1, 1)] and len(now.solve().equilibria) == 1
    assert p.kin == (2, 0)  # the one game holds Serbia's kin stake
    comparison = kosovo.game(year, second_layer=False)
    assert comparison.classes() == {"serbia": "chicken", "kosovo": "stag-hunt"} and _pure(comparison) == []
    counterfactual = kosovo.game(year, members={"kosovo": "nato"})
    assert counterfactual.classes() == {"serbia": "stag-hunt", "kosovo": "harmony"}
    assert _pure(counterfactual) == [(0, 0)] and len(counterfactual.solve().equilibria) == 1
    fear = _value("guarantee_2", 2, "fear", p)
    assert fear == _value("guarantee_2", 1, "temptation", p) and kfor < fear < nato
    bosnia = cases.load("serbia-bosnia")
    assert bosnia.default_year == year
    assert bosnia.game(year).classes() == {"serbia": "prisoners-dilemma", "bosnia": "stag-hunt"}
    assert _pure(bosnia.game(year)) == [(1, 1)]
    joined = bosnia.game(year, members={"bosnia": "nato"})
    assert joined.classes() == {"serbia": "stag-hunt", "bosnia": "harmony"} and _pure(joined) == [(0, 0)]
    joined_in = _since("nato", "north-macedonia")
    withouts = {}
    for case_id in ("north-macedonia-albania", "north-macedonia-bulgaria"):
        case = cases.load(case_id)
        assert set(case.game(year).classes().values()) == {"harmony"}
        without = case.game(year, members={"north-macedonia": "none"}).classes()
        assert without["north-macedonia"] == "stag-hunt"
        assert case.game(joined_in - 1).classes() == without
        withouts[case_id] = without
    assert withouts["north-macedonia-bulgaria"]["bulgaria"] == "chicken"
    assert withouts["north-macedonia-albania"]["albania"] == "prisoners-dilemma"
    assert cases.load("north-macedonia-albania").params(year).kin == (0, 2)
    # guarantees that follow the forces' size
    (k1, k1s, k1u), (k2, k2s, k2u), (k3, k3s, k3u) = _levels("kfor", "kosovo")
    assert k3 == kfor and k3u is None and k1 > k2 > k3
    (s1, s1s, _), (s2, _, s2u) = _levels("ifor-sfor", "bosnia")
    assert s1 > s2 > eufor and s2u == _since("eufor-althea", "bosnia")
    armed = cases.actors()["kosovo"].armed_since
    assert kosovo.params(armed - 1).offense[1] == 0 < kosovo.params(armed).offense[1]
    # the Tsebelis effect, in the comparison without the second layer, reproduced by the presence control
    (serbia_with,), (serbia_without,) = (
        [eq[0][0] for eq in kosovo.game(year, presences=presences, second_layer=False).solve().equilibria]
        for presences in (None, {"kfor": "none"})
    )
    assert serbia_with < serbia_without
    code = code_text(ALLIANCES)
    assert 'presences=presences, second_layer=False' in code and '{"kfor": "none"}' in code
    # knife-edges: the one game's nearest, and Serbia's subsidy margin in the comparison
    report = bosnia.sensitivity(year)
    offense_margin = report.parameter("offense_2").margin
    assert report.by_margin()[0].name == "offense_2"
    assert report.parameter("offense_2").nearest.changes.startswith("bosnia:")
    first_layer = sensitivity(bosnia.params(year, second_layer=False), bosnia.players)
    subsidy_margin = first_layer.parameter("subsidy_1").margin
    assert first_layer.parameter("subsidy_1").nearest.changes.startswith("serbia: chicken -> prisoners-dilemma")
    assert report.parameter("kin_1").flips == ()
    # the comparison with the sources
    # the bound counts the kin stake; Kosovo's capability alone is the rest of it
    bound, smallest = agreement.fear_bound(kosovo, year, "serbia")
    largest = bound - p.kin[0]
    assert p.provocation[0] == 0 and largest == p.offense[1] * (1 - p.guarantee[0]) * p.stakes
    assert largest < smallest == p.race_cost < bound
    rows = agreement.table()
    serbia_row = next(r for r in rows if r.subject == "serbia-kosovo: serbia")
    assert serbia_row.verdict == "agrees"
    typology = {(r.subject, r.years[0]): r for r in rows if r.topic == "typology"}
    assert typology[("north-macedonia-albania", _since("nato", "albania"))].verdict == "diverges"
    assert cases.load("north-macedonia-albania").game(_since("nato", "albania")).fears("albania")
    first_nmb = typology[("north-macedonia-bulgaria", cases.load("north-macedonia-bulgaria").first_year)]
    assert first_nmb.verdict == "diverges" and "neither a member" in first_nmb.source
    assert cases.load("north-macedonia-bulgaria").params(year).kin == (0, 0)
    assert typology[("serbia-kosovo", kosovo.first_year)].verdict == "diverges"
    assert kosovo.knife_edges(kosovo.first_year)
    sfor_years = [y for y in bosnia.years if cases.alliances()["ifor-sfor"].tie("bosnia", y)]
    sfor_rows = [r for r in rows if r.subject == "serbia-bosnia" and r.topic == "typology" and r.years[0] in sfor_years]
    assert sfor_rows and any(r.verdict == "diverges" for r in sfor_rows)
    full_strength = [y for y in sfor_years if bosnia.params(y).guarantee[1] == max(
        bosnia.params(x).guarantee[1] for x in sfor_years)]
    assert not any(bosnia.game(y).fears("bosnia") for y in full_strength)
    return [
        "NATO " + num(nato) + " (direction cited, size assumed)",
        f"KFOR {num(k1)} in {k1s}–{k1u}, {num(k2)} in {k2s}–{k2u}, {num(k3)} since {k3s}",
        f"IFOR/SFOR in Bosnia and Herzegovina {num(s1)}, then {num(s2)}, from {s1s} to {s2u}; "
        f"EUFOR Althea {num(eufor)} after",
        f"$r_1$ = {num(subsidy)}",
        f"o_1 = {num(p.offense[0])}",
        f"Kosovo had no army before {armed}",
        f"every year other than {year} borrows the {year} capabilities",
        f"In {year}, the cases' default year",
        f"Serbia restrains with probability {num(serbia_without)} instead of {num(serbia_with)} with KFOR",
        f"a NATO member in {year} (a counterfactual)",
        f"rises above {num(fear)}; the same level ends Serbia's temptation",
        f"KFOR's {num(kfor)} falls short; NATO's {num(nato)} clears it",
        f"against Bosnia and Herzegovina in {year}",
        f"before it joined in {joined_in}",
        f"a mere {num(offense_margin)} away in its offense share",
        f"its threshold by only {num(subsidy_margin)} in Russia's subsidy",
        f"at most o_Kosovo·W = {num(largest)}, below the race cost w = {num(smallest)} alone",
    ]


def _changes(case_id: str) -> list[int]:
    """Years of the timeline entries at which the classes differ from the entry before."""
    entries = cases.load(case_id).timeline()
    return [b.year for a, b in zip(entries, entries[1:]) if a.classes != b.classes]


def claims_05() -> list[str]:
    kosovo = cases.load("serbia-kosovo")
    partnership, membership = _since("pfp", "croatia"), _since("nato", "croatia")
    croatia = {entry.year: entry.classes for entry in cases.load("serbia-croatia").timeline()}
    assert set(croatia[partnership].values()) == {"prisoners-dilemma"}
    assert croatia[membership] == {"serbia": "stag-hunt", "croatia": "chicken"}
    assert _changes("serbia-croatia") == [membership]
    north_macedonia = _since("nato", "north-macedonia")
    assert _changes("north-macedonia-albania") == [north_macedonia]
    (kfor_cut,) = _changes("serbia-kosovo")
    first, after = (kosovo.game(y).classes() for y in (kfor_cut - 1, kfor_cut))
    assert set(first.values()) == {"tie"} and after == {"serbia": "prisoners-dilemma", "kosovo": "stag-hunt"}
    before_cut = kosovo.game(kfor_cut - 1).solve()
    assert before_cut.degenerate and {(0, 0), (1, 1)} <= set(before_cut.pure_equilibria)
    assert kosovo.game(kfor_cut).solve().pure_equilibria == [(1, 1)]
    assert "guarantee_2" in " ".join(kosovo.knife_edges(kfor_cut - 1))
    assert "kin_1" in " ".join(kosovo.knife_edges(kosovo.first_year))
    assert kosovo.params(kfor_cut).guarantee[1] < kosovo.params(kfor_cut - 1).guarantee[1]
    kosovo_events = {entry.event.date for entry in kosovo.timeline()}
    assert {"2023-09-24", "2024-11-29"} <= kosovo_events, "Banjska and the canal are on the timeline"
    capability_year = 2022
    assert all(hasattr(actor, f"gfp_rank_{capability_year}") for actor in cases.actors().values())
    assert "Counterfactual" in {p.name: p for p in kosovo.parameters(kfor_cut)}["offense_1"].assumption
    croatia_date = {e.id: e.date for e in cases.events()}["croatia-joins-nato"]
    day = int(croatia_date.split("-")[2])
    return [
        f"A timeline, {kosovo.first_year} to {kosovo.last_year}",
        f"on {day} {month_year(croatia_date)} (NATO's list of members",
        f"Partnership for Peace in {partnership} and NATO in {membership}",
        f"nothing moves in {partnership}",
        f"membership in {membership} does",
        f"The dyad moves once, in {kfor_cut}",
        f"The flat line after {kfor_cut}",
        f"the {capability_year} capabilities are carried back",
        f"Serbia–Croatia changes in {membership}, North Macedonia's dyads in {north_macedonia};",
        f"Serbia–Kosovo changes in {kfor_cut}, when KFOR is cut",
        f"which move in {north_macedonia}",
    ]


def robustness_claims_04() -> list[str]:
    """Notebook 04's robustness section: the ranges and the Serbia–Bosnia labels, recomputed."""
    from balkangames.cases.robustness import robustness
    from balkangames.classify import CLASS_TITLES

    alliances = cases.alliances()
    nato, eufor = alliances["nato"].guarantee.assumption.range, alliances["eufor-althea"].guarantee.assumption.range
    subsidy = alliances["russia"].subsidy.assumption.range
    found = [f"NATO's guarantee from {nato[0]} to {nato[1]}", f"EUFOR Althea's from {eufor[0]}",
             f"no mediating authority) to {eufor[1]}",
             f"Russia's subsidy from {subsidy[0]} to {subsidy[1]} of the cost"]
    bosnia = cases.load("serbia-bosnia")
    report = robustness(bosnia, 2022)
    assert report.counts["robust"] == 0
    found.append(f"Bosnia and Herzegovina in {report.year}, none of the {len(report.results)} results")
    spiral = next(r for r in report.results if r.kind == "spiral")
    finding = next(r for r in report.results if (r.player, r.column) == ("bosnia", "misperception"))
    at = {f.name: f.flips_at for f in spiral.decided_by}["prior_2"]
    assert {f.name: f.flips_at for f in finding.decided_by}["prior_2"] == at and spiral.value == "yes"
    found.append(f"below {at}")
    serbia = next(r for r in report.results if (r.kind, r.player) == ("class", "serbia"))
    assert serbia.status == "contingent" and all(f.flips_at is None for f in serbia.decided_by)
    found.append(f"Serbia's {CLASS_TITLES[serbia.value]} changes only when several sizes move together")
    member = robustness(bosnia, 2022, members={"bosnia": "nato"})
    equilibria = next(r for r in member.results if r.kind == "equilibria")
    assert equilibria.value == "(restrain, restrain)" and equilibria.status == "contingent"
    bosnia_class = next(r for r in member.results if (r.kind, r.player) == ("class", "bosnia"))
    stakes = {f.name: f.flips_at for f in equilibria.decided_by}["stakes"]
    assert {f.name: f.flips_at for f in bosnia_class.decided_by}["stakes"] == stakes
    assert bosnia_class.value == "harmony" and "stag-hunt" in bosnia_class.values
    found.append(f"stakes $W$ above {stakes} bring Bosnia's fear back (a Stag Hunt)")
    found.append(f"--year {report.year}`")
    return [folded(x) for x in found]


CLAIMS = {
    "00-start-here.md": claims_00,
    "01-security-dilemma-prisoners-dilemma.md": claims_01,
    "02-stag-hunt-and-trust.md": claims_02,
    "03-offense-defense-balance.md": claims_03,
    ALLIANCES: lambda: claims_04() + robustness_claims_04(),
    TIMELINE: claims_05,
    SHADOW: claims_06,
}


# ---------------------------------------------------------------------------
# Quotes, references and labels

QUOTE = re.compile(r"“([^”]+)” \((Luli 2025|the 2022 thesis)\)")
NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
CITATION = re.compile(r"\b([A-Z][a-z]+)(?: & [A-Z][a-z]+)?,? \(?(\d{4})\)?")
LABELS = (
    re.compile(r"`[\w.\-]+\.(?:ipynb|txt|md|py)`"),  # file names
    re.compile(r"\]\([\w.\-/]+\)"),  # link targets: [`file`](../path/file)
    re.compile(r"\b[Ww]orlds? [1-4]\b"),  # Jervis's four worlds
    re.compile(r"\b[Nn]otebooks? [0-6]\b"),  # the course's notebooks
    re.compile(r"\b[Pp]layer [12]\b"),
    re.compile(r"_\{?[0-2]\}?"),  # symbol subscripts o_1, a_2, p_0
    re.compile(r"\(1 - "),  # the complement in formulas such as (1 - d)
    re.compile(r"\bArticle 5\b"),  # the North Atlantic Treaty's mutual-defence clause, a name
)


def seed_text(source: str) -> str:
    return folded(AUTHOR_YEAR[source].read_text(encoding="utf-8")).casefold()


def split_references(cell: str) -> tuple[str, str]:
    """``(body, references)``: the text before and after a ``## References`` heading."""
    body, _, references = cell.partition("## References")
    return body, references


def bibliography_lines(surname: str) -> list[str]:
    """Entries of the model notes and seeds that name ``surname`` (continuation lines joined)."""
    lines = []
    for path in BIBLIOGRAPHY_SOURCES:
        text = re.sub(r"\n[ \t]+(?=\S)", " ", path.read_text(encoding="utf-8"))
        lines += [line for line in text.splitlines() if surname in line]
    return lines


def unchecked_numbers(name: str) -> list[str]:
    """Numbers left in the markdown after removing every checked phrase (with context)."""
    phrases = CLAIMS[name]()
    leftovers = []
    references = " ".join(split_references(cell)[1] for cell in markdown_cells(name))
    for cell in markdown_cells(name):
        text = folded(split_references(cell)[0])
        text = QUOTE.sub(" ", text)
        for phrase in sorted(phrases, key=len, reverse=True):
            text = text.replace(phrase, " ")
        for match in CITATION.finditer(text):
            if re.search(rf"- {match.group(1)}\b[^\n]*\({match.group(2)}\)", references):
                text = text.replace(match.group(0), " ")
        if "- Anonymous thesis (2022)" in references:  # the author-year of an anonymous thesis
            text = text.replace("the 2022 thesis", " ").replace("The 2022 thesis", " ")
        text = re.sub(r"^#+ (\d+)\.", lambda m: " " if m.group(1) == str(int(name[:2])) else m.group(0), text)
        for label in LABELS:
            text = label.sub(" ", text)
        for match in NUMBER.finditer(text):
            leftovers.append(text[max(0, match.start() - 40) : match.end() + 20])
    return leftovers


NAMES = sorted(CLAIMS)


@pytest.mark.parametrize("name", NAMES)
def test_prose_states_recomputed_values(name):
    text = folded(" ".join(markdown_cells(name)))
    missing = [phrase for phrase in CLAIMS[name]() if phrase not in text]
    assert not missing, f"{name}: the prose does not state these recomputed values: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_no_unchecked_number(name):
    require_shared()
    leftovers = unchecked_numbers(name)
    assert not leftovers, f"{name}: numbers in the prose that no test checks: {leftovers}"


@pytest.mark.parametrize("name", NAMES)
def test_seed_quotes_are_verbatim(name):
    require_shared()
    quotes = [m.groups() for cell in markdown_cells(name) for m in QUOTE.finditer(folded(cell))]
    assert quotes, f"{name}: no seed quote"
    for quote, source in quotes:
        assert source in AUTHOR_YEAR, f"{name}: unknown quote source {source!r}"
        assert folded(quote).casefold() in seed_text(source), f"{name}: not verbatim in {source}: {quote!r}"


@pytest.mark.parametrize("name", NAMES)
def test_reference_numbers_match_the_bibliography(name):
    require_shared()
    entries = []
    for cell in markdown_cells(name):
        entries += [line[2:] for line in split_references(cell)[1].splitlines() if line.startswith("- ")]
    assert entries, f"{name}: no references"
    for entry in entries:
        surname = entry.split(",")[0].split()[0]
        lines = bibliography_lines(surname)
        assert lines, f"{name}: {surname} is not in the model notes or the seeds"
        known = {n for line in lines for n in NUMBER.findall(line.replace("–", " "))}
        stripped = LABELS[0].sub(" ", entry).replace("–", " ")
        unknown = [n for n in NUMBER.findall(stripped) if n not in known]
        assert not unknown, f"{name}: {entry!r} has numbers not found beside {surname}: {unknown}"


#: Notebooks whose prose numbers are recomputed in their own test file.
CHECKED_ELSEWHERE = {"07-misperception-and-the-spiral.md": "tests/test_notebook07_prose.py"}


def test_every_notebook_has_claims():
    built = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.md"))
    assert [name for name in built if name not in CHECKED_ELSEWHERE] == NAMES
    assert all((ROOT / test).is_file() for test in CHECKED_ELSEWHERE.values())


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.md")))
def test_learners_never_read_seed_file_names(name):
    """Students do not have the seed files: notebooks cite author–year with full references."""
    text = (NOTEBOOKS / name).read_text(encoding="utf-8")
    assert "000_8a64ac4567ba3041" not in text and "002_1012a9540589faf7" not in text
    assert "(`README.md`)" not in text


@pytest.mark.parametrize("name", NAMES)
def test_references_give_the_full_entries_of_the_seeds_cited(name):
    text = " ".join(markdown_cells(name))
    references = " ".join(split_references(cell)[1] for cell in markdown_cells(name))
    if "Luli" in split_references(text)[0]:
        assert "- Luli, Elira (2025). “Small States and Choices" in references
    if "thesis" in split_references(text)[0]:
        assert "- Anonymous thesis (2022). “The Western Balkans' Security Dilemma" in references


@pytest.mark.parametrize("name", NAMES)
def test_reveals_stay_hidden_until_asked(name):
    """Predict-then-reveal: the answer sits in a collapsed <details> block, never in plain
    text right under the question."""
    text = "\n".join(markdown_cells(name))
    if "**Predict" not in text:
        return
    assert "<details><summary>Reveal" in text, name
    outside = re.sub(r"<details>.*?</details>", " ", text, flags=re.DOTALL)
    assert not re.search(r"^Reveal\b", outside, flags=re.MULTILINE), name
