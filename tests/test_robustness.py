"""Every assumed size has a plausible range, and every result is labelled exactly over the box.

The labels are checked against the payoff formulas and the exact solvers themselves on a
dense exact grid of the box: no grid point may show a value the report does not list, a
robust result has one value at every grid point, and each reported flip is real.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from itertools import islice, product

import pytest

from balkangames import cases, mechanisms
from balkangames.beliefs import bayesian_game
from balkangames.cases import robustness as rb
from balkangames.cases.catalog import load_catalog
from balkangames.cases.mechanisms_data import load_mechanisms
from balkangames.cases.sensitivity import _pattern
from balkangames.model import security_game
from balkangames.params import PARAMETERS
from balkangames.thresholds import BOUNDARIES, threshold

FACT = "Fact"

# Case-years with different mechanisms on: kin and provocation (2025), a knife-edge era
# (Kosovo without an army, 2000), two NATO members, a patron.
SAMPLES = [("serbia-kosovo", 2022), ("serbia-kosovo", 2000), ("serbia-bosnia", 2022),
           ("serbia-croatia", 2025), ("north-macedonia-albania", 2022)]


@pytest.fixture(scope="module")
def reports():
    return {(c, y): rb.robustness(cases.load(c), y) for c, y in SAMPLES}


# ------------------------------------------------------------------------------ ranges


def _levels():
    catalog = load_catalog()
    found = [(f"constants.{n}", c) for n, c in catalog.rules.constants.items()]
    for alliance in catalog.alliances.values():
        for level in (alliance.guarantee, alliance.subsidy):
            if level is not None:
                found.append((alliance.id, level))
        found += [(f"{alliance.id} {t.actor} {t.since}", t.level) for t in alliance.ties if t.level]
    return found


def test_every_assumed_size_in_the_data_has_a_range_around_its_value():
    levels = _levels()
    assert len(levels) >= 15
    for where, level in levels:
        text = level.assumption.text
        if text.startswith(FACT):
            assert level.assumption.range is None, where  # cited facts need none
            continue
        low, high = level.assumption.range
        assert low <= level.value <= high and low < high, where
        assert level.assumption.range_why.strip(), where
    data = load_mechanisms()
    assert data.kin_assumption.range == (1, 3)  # a cited direction: the range stays above 0
    assert data.provocation_assumption.range == (0, 1)  # the share of the partners' force counted
    for level, value in data.belief_levels.items():
        (low, high), why = data.belief_ranges[level]
        assert 0 <= low <= value <= high <= 1 and why


@pytest.mark.parametrize("case_id", cases.list_cases())
def test_every_assumed_size_used_by_a_case_carries_a_range(case_id):
    """Every parameter whose size an assumption sets has a range in every year; facts and rules need none."""
    case = cases.load(case_id)
    unranged_by_rule = {"offense_1", "offense_2", "same_alliance", "motive_weight", "motive_1", "motive_2"}
    for year in case.years:
        lc = mechanisms.layered(case, year)
        for p in (*lc.parameters, *lc.priors):
            info = PARAMETERS.get(p.name)
            if p.range is not None:
                low, high = p.range
                assert low <= p.value <= high, (year, p.name)
                if info is not None:
                    assert info.low is None or low >= info.low, (year, p.name)
                    assert info.high is None or high <= info.high, (year, p.name)
                continue
            facts = [a for a in p.assumptions if a.text.startswith(FACT)]
            assert p.name in unranged_by_rule or p.value == 0 or facts, (year, p.name, p.value)
        for p in lc.priors:
            assert p.range is not None


# ------------------------------------------------------------------------------ the lemma


def test_each_quantity_is_its_formula_and_multilinear():
    d = rb.dyad(cases.load("serbia-kosovo"), 2025)
    box = {r.key: (r.low, r.high) for r in d.ranges}
    for quantity in rb._quantities(d, False).values():
        for corner in islice(product(*((box[k][0], (box[k][0] + box[k][1]) / 3, box[k][1]) for k in box)), 0, None, 4099):
            point = dict(zip(box, corner))
            assert quantity.at(point) == quantity.direct(point), quantity.label
        values = quantity.vertex_values(box)
        vertices = [dict(zip(quantity.support, c)) for c in product(*((box[k][0], box[k][1]) for k in quantity.support))]
        assert values == [quantity.direct(v) for v in vertices]


def _grid(box, keys, points=3, most=2000):
    """The exact grid of ``points`` values per parameter over ``keys``; when it has more than
    ``most`` points, every k-th point in product order (k prime to 3, so every axis still
    takes all its values)."""
    axes = [[box[k][0] + (box[k][1] - box[k][0]) * Fraction(n, points - 1) for n in range(points)] for k in keys]
    total = points ** len(keys)
    step = 1
    if total > most:
        step = total // most + 1
        while step % points == 0:
            step += 1
    return [dict(zip(keys, c)) for c in islice(product(*axes), 0, None, step)]


def _values_at(d, point):
    values = dict(d.values)
    for r in d.ranges:
        if r.key in point:
            values[r.name] = point[r.key]
    return values


def _direct(d, result, values):
    """A result computed the long way: the game, the exact solver, the Bayesian solver."""
    params = d.params(values)
    if result.kind == "class":
        return security_game(params, players=d.players).classes()[result.player]
    if result.kind == "equilibria":
        game = security_game(params, players=d.players)
        solution = game.solve()
        text = "; ".join(sorted({_pattern(p) for p in solution.equilibria}))
        if any(not c.is_isolated for c in solution.components):
            text += " (a continuum: degenerate)"
        return text
    if result.kind == "spiral":
        return rb.spiral_at(d, values)
    i = d.players.index(result.player) + 1
    from balkangames.model import player_terms

    seeker = params.replace(motive_weight=1, **{f"motive_{i}": 0})
    t = player_terms(seeker, i)
    fear = t["P"] > t["S"]
    if result.column == "fear":
        return "+" if fear else "-"
    game = bayesian_game(params, d.priors(values))
    star = game.trust_threshold_value(i)
    return "+" if fear and star is not None and values[f"prior_{i}"] < star else "-"


def _support(d, result):
    spec = next(s for s in rb._specs(d) if (s.kind, s.player) == (result.kind, result.player)) \
        if result.kind != "finding" else None
    if spec is None:
        family = rb.finding_specs(d)[(result.player, result.column)]
    else:
        family = spec.quantities
    return sorted({k for q in family for k in q.support})


@pytest.mark.parametrize("sample", SAMPLES)
def test_labels_hold_on_a_dense_exact_grid(reports, sample):
    report = reports[sample]
    d = rb.dyad(cases.load(sample[0]), sample[1])
    box = {r.key: (r.low, r.high) for r in d.ranges}
    for result in report.results:
        assert result.exhaustive or len(result.values) > 1, result  # every status is proven
        keys = _support(d, result)
        heavy = result.kind in ("spiral", "equilibria") or result.column == "misperception"
        grid = _grid(box, keys, points=3, most=250 if heavy else 2000)
        seen = {_direct(d, result, _values_at(d, p)) for p in grid}
        seen.add(_direct(d, result, d.values))
        assert result.value == _direct(d, result, d.values), result
        if result.exhaustive:  # every value it can take is listed
            assert seen <= set(result.values), (result, seen)
        else:  # a search cut short still decides the status: two values are already proven
            assert len(result.values) > 1
        if result.robust:
            assert seen == {result.value}, result
        else:
            assert len(set(result.values)) > 1


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_spiral_sign_rule_is_the_bayesian_solver(sample):
    """The supermodular argument (greatest equilibrium) gives what the exact solver gives."""
    d = rb.dyad(cases.load(sample[0]), sample[1])
    box = {r.key: (r.low, r.high) for r in d.ranges}
    spec = next(s for s in rb._specs(d) if s.kind == "spiral")
    keys = sorted({k for q in spec.quantities for k in q.support})
    for point in _grid(box, keys, points=3, most=400):
        values = _values_at(d, point)
        signs = tuple(rb._sign(q.at(point)) for q in spec.quantities)
        rule = rb.spiral_of_signs(signs)
        if rule is not None:
            assert rule == rb.spiral_at(d, values), point


@pytest.mark.parametrize("sample", SAMPLES)
def test_each_flip_is_real_and_is_the_sympy_threshold(reports, sample):
    report = reports[sample]
    d = rb.dyad(cases.load(sample[0]), sample[1])
    params = d.params()
    ranges = {r.name: r for r in d.ranges}
    for result in report.results:
        for flip in result.decided_by:
            if flip.flips_at is None:
                continue
            r = ranges[flip.name]
            assert r.low <= flip.flips_at <= r.high
            step = min(Fraction(1, 10**6), (r.high - r.low) / 10**6)
            around = [x for x in (flip.flips_at - step, flip.flips_at, flip.flips_at + step) if r.low <= x <= r.high]
            seen = {_direct(d, result, {**d.values, flip.name: x}) for x in around}
            assert len(seen) > 1, (result, flip)
            if result.kind == "class" and flip.name in PARAMETERS:
                i = d.players.index(result.player) + 1
                sympy_values = {threshold(flip.name, i, b).value(params) for b in BOUNDARIES}
                assert flip.flips_at in sympy_values, (result, flip)
            if flip.name.startswith("prior_") and result.kind == "finding":
                i = int(flip.name[-1])
                game = bayesian_game(params, d.priors())
                assert flip.flips_at == game.trust_threshold_value(i)


def test_serbia_kosovo_2022_figures_the_issue_names(reports):
    """Kosovo's trust threshold 158/413 decides its misperception; at prior 1/2 it is gone."""
    report = reports[("serbia-kosovo", 2022)]
    misperception = next(r for r in report.results if (r.kind, r.player, r.column) ==
                         ("finding", "kosovo", "finding" and "misperception"))
    assert misperception.status == "contingent"
    assert rb.Flip("prior_2", Fraction(158, 413), "serbia-kosovo") in misperception.decided_by


# ------------------------------------------------------------------------------ command line


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "balkangames", *args], capture_output=True, text=True)


def test_robustness_json_shape_names_and_spelling():
    out = _cli("robustness", "serbia-bosnia", "--year", "2022", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"case", "year", "ranges", "results"}
    assert report["case"] == "serbia-bosnia" and report["year"] == 2022
    settable = set(PARAMETERS) | {"prior_1", "prior_2"}
    for r in report["ranges"]:
        assert {"name", "low", "high", "why"} <= set(r) and r["name"] in settable
        assert Fraction(r["low"]) < Fraction(r["high"])
    shown = json.loads(_cli("show", "serbia-bosnia", "--year", "2022", "--json").stdout)
    kinds = set()
    for result in report["results"]:
        kinds.add(result["kind"])
        assert result["status"] in ("robust", "contingent")
        assert result["kind"] in ("class", "equilibria", "spiral", "finding")
        assert ("player" in result) == (result["kind"] in ("class", "finding"))
        for flip in result["decided_by"]:
            assert flip["name"] in settable
            assert flip["flips_at"] is None or Fraction(flip["flips_at"]) is not None
        if result["kind"] == "class":
            assert result["value"] in {"tie", "harmony", "stag-hunt", "prisoners-dilemma", "chicken", "deadlock"}
        if result["status"] == "robust":
            assert result["decided_by"] == []
    assert kinds == {"class", "equilibria", "spiral", "finding"}
    assert set(shown["classes"].values()) <= {"tie", "harmony", "stag-hunt", "prisoners-dilemma", "chicken",
                                              "deadlock"}


def test_a_value_set_by_hand_leaves_the_box():
    out = _cli("robustness", "serbia-kosovo", "--set", "prior_2=1/2", "--set", "kin_1=3", "--json")
    report = json.loads(out.stdout)
    names = {r["name"] for r in report["ranges"]}
    assert "prior_2" not in names and "kin_1" not in names
    kosovo = next(r for r in report["results"] if r.get("player") == "kosovo" and r.get("column") == "misperception")
    assert kosovo["value"] == "-"  # at 1/2, above its trust threshold 158/413


@pytest.mark.parametrize("args, words", [
    (("robustness", "serbia-kosovo", "--set", "bogus=1"), ["unknown parameter 'bogus'", "prior_1", "kin_1"]),
    (("robustness", "atlantis"), ["unknown case", "serbia-kosovo"]),
    (("robustness", "serbia-kosovo", "--year", "1066"), ["unknown year"]),
    (("robustness", "serbia-kosovo", "--member", "narnia=nato"), ["unknown actor"]),
    (("sensitivity", "serbia-kosovo", "--set", "bogus=1"), ["unknown parameter 'bogus'", "distinguishability"]),
    (("sensitivity", "serbia-kosovo", "--member", "kosovo=warsaw-pact"), ["unknown alliance", "nato"]),
    (("robustness", "serbia-kosovo", "--set", "prior_1=2"), ["prior_1"]),
])
def test_cli_errors_name_the_valid_choices(args, words):
    out = _cli(*args)
    assert out.returncode == 2, out
    assert "Traceback" not in out.stderr
    for word in words:
        assert word in out.stderr, (word, out.stderr)


def test_sensitivity_takes_member_and_set():
    plain = json.loads(_cli("sensitivity", "serbia-kosovo", "--json").stdout)
    changed = json.loads(_cli("sensitivity", "serbia-kosovo", "--member", "kosovo=nato", "--set",
                              "distinguishability=1/2", "--json").stdout)
    value = {p["name"]: p["value"] for p in changed["parameters"]}
    assert value["distinguishability"] == "1/2" and value["guarantee_2"] == "9/10"
    assert plain != changed


def test_text_output_reads_robust_and_contingent():
    out = _cli("robustness", "serbia-kosovo")
    assert out.returncode == 0
    assert "robust" in out.stdout and "contingent" in out.stdout and "flips it at" in out.stdout


def test_the_view_shows_symbols_and_words_not_identifiers(reports):
    from balkangames.cases.agreement import honest_count
    from balkangames.views.robustness import report_rows

    report = reports[("serbia-kosovo", 2022)]
    page = report._repr_html_() + honest_count()._repr_html_()
    for identifier in ("guarantee_2", "prior_2", "kin_1", "stag-hunt", "_repr", ".txt"):
        assert identifier not in page, identifier
    assert "π_2 flips it at 158/413" in page and "Stag Hunt" in page and "contingent" in page
    assert len(report_rows(report)) == len(report.results)
