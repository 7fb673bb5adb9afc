"""Sensitivity: every reported flip is real, none is missed, margins are derived by hand.

The flip points are checked independently of :mod:`balkangames.cases.sensitivity`:
by solving the game just below and just above each one (with a step of our own), and
by scanning each parameter on a grid and requiring a reported flip between any two grid
points whose results differ.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from balkangames import cases
from balkangames.cases.sensitivity import sensitivity
from balkangames.cli import main
from balkangames.model import security_game
from balkangames.params import PARAMETERS


def outcome(params):
    """Classes, and the equilibria by their supports (mixed probabilities move continuously)."""
    game = security_game(params)
    supports = sorted(
        tuple(tuple(p > 0 for p in mix) for mix in profile) for profile in game.solve().equilibria
    )
    return tuple(game.classes().values()), tuple(supports)


def distinct_case_years():
    """One year per distinct parameter set of every case (the rest repeat them)."""
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        seen = set()
        for year in case.years:
            params = case.params(year)
            if params not in seen:
                seen.add(params)
                yield case, year


CASE_YEARS = list(distinct_case_years())


@pytest.mark.parametrize("case, year", CASE_YEARS, ids=[f"{c.id}-{y}" for c, y in CASE_YEARS])
def test_every_reported_flip_is_real(case, year):
    params = case.params(year)
    report = case.sensitivity(year)
    assert [p.name for p in report.parameters] == list(PARAMETERS)
    for entry in report.parameters:
        assert entry.value == params.flat()[entry.name]
        if entry.name == "same_alliance":
            switched = outcome(params.replace(same_alliance=0)) != outcome(params.replace(same_alliance=1))
            assert bool(entry.flips) == switched
            continue
        points = [f.at for f in entry.flips]
        assert points == sorted(set(points))
        for flip in entry.flips:
            others = [abs(flip.at - p) for p in points if p != flip.at]
            step = min([Fraction(1, 10**6), *(o / 3 for o in others)])
            below = outcome(params.replace(**{entry.name: flip.at - step}))
            above = outcome(params.replace(**{entry.name: flip.at + step}))
            assert below != above, (case.id, year, entry.name, flip.at)
        if entry.flips:
            assert entry.margin == min(abs(p - entry.value) for p in points)
        else:
            assert entry.margin is None


def grid(entry, info):
    high = info.high if info.high is not None else max(2 * entry.value, Fraction(12))
    low = info.low if info.low is not None else Fraction(0)
    n = 60
    return [low + (high - low) * Fraction(k, n) for k in range(n + 1) if (k or not info.low_open)]


@pytest.mark.parametrize("case_id", ["serbia-kosovo", "serbia-bosnia", "north-macedonia-albania"])
def test_no_flip_is_missed_on_a_grid(case_id):
    case = cases.load(case_id)
    params = case.params(2022)
    report = case.sensitivity(2022)
    for entry in report.parameters:
        if entry.name == "same_alliance":
            continue
        values = grid(entry, PARAMETERS[entry.name])
        results = [outcome(params.replace(**{entry.name: v})) for v in values]
        for (a, ra), (b, rb) in zip(zip(values, results), zip(values[1:], results[1:])):
            if ra != rb:
                assert any(a <= f.at <= b for f in entry.flips), (case_id, entry.name, a, b)


def test_serbia_fears_bosnia_by_only_7_102_without_the_second_layer():
    """By hand, the first layer alone (an explicit comparison): F_Serbia = o_Bosnia (1 - d) W
    = (20/102)(4/5)(10) = 80/51, against kappa + w = 1 - 1/2 + 1 = 3/2: the gap is
    160/102 - 153/102 = 7/102, and the subsidy enters kappa with slope 1, so Russia's
    subsidy is 7/102 above the flip at 1/2 - 7/102."""
    case = cases.load("serbia-bosnia")
    report = sensitivity(case.params(2022, second_layer=False), case.players, case=case.id, year=2022)
    entry = report.parameter("subsidy_1")
    assert entry.value == Fraction(1, 2)
    assert entry.margin == Fraction(7, 102)
    assert entry.nearest.at == Fraction(1, 2) - Fraction(7, 102) == Fraction(22, 51)
    assert entry.nearest.changes.startswith("serbia: chicken -> prisoners-dilemma")
    lines = report.knife_edges(Fraction(1, 10))
    assert any(line.startswith("subsidy_1 = 1/2 is 7/102 from 22/51") for line in lines)


def test_serbia_fears_bosnia_whatever_the_subsidy_with_its_kin_stake():
    """By hand, the one game: Serbia's kin stake e = 2 adds to its fear, 80/51 + 2 = 182/51,
    above kappa + w = 2 - r for every subsidy r >= 0, so the subsidy no longer decides its
    fear; it flips Serbia only where mutual arming beats mutual restraint, P > R:
    -(1 - r) - 1 > 2, i.e. r > 4, a margin of 4 - 1/2 = 7/2."""
    entry = cases.load("serbia-bosnia").sensitivity(2022).parameter("subsidy_1")
    assert entry.margin == Fraction(7, 2) and entry.nearest.at == 4
    assert entry.nearest.changes.startswith("serbia: prisoners-dilemma -> deadlock")
    kin = cases.load("serbia-bosnia").sensitivity(2022).parameter("kin_1")
    assert kin.value == 2 and kin.flips == ()  # fear needs kin > 3/2 - 80/51 = -7/102: any kin


def test_distinguishability_never_flips_serbia_against_kosovo():
    """Serbia's fear of Kosovo is at most o_Kosovo W = 6/17 < w = 1 whatever d: moving d
    can change Kosovo's class but never Serbia's."""
    entry = cases.load("serbia-kosovo").sensitivity(2022).parameter("distinguishability")
    assert entry.flips
    assert all(flip.below.classes[0] == flip.above.classes[0] for flip in entry.flips)


def test_same_alliance_switch_is_reported_where_it_decides():
    report = cases.load("serbia-croatia").sensitivity(2022)
    (flip,) = report.parameter("same_alliance").flips
    assert flip.at == 1 and flip.above.classes == ("harmony", "harmony")
    # First layer alone: between NATO members the guarantees carry the result on their own.
    nma = cases.load("north-macedonia-albania")
    first = sensitivity(nma.params(2022, second_layer=False), nma.players)
    assert first.parameter("same_alliance").flips == ()
    # With Albania's kin stake (Albanians 29.52 % of North Macedonia, 2021 census) no guarantee
    # covers its co-ethnics: only the penalty for arming against an ally (m = 1) keeps Albania
    # from fear; by hand S = -(o_NM (1 - d)(1 - 9/10) W + 2) against P = -(c + k m) - w.
    (flip,) = nma.sensitivity(2022).parameter("same_alliance").flips
    assert flip.at == 0 and flip.changes == "albania: stag-hunt -> harmony"


def test_knife_edges_name_the_nearest_flip():
    lines = cases.load("serbia-kosovo").sensitivity(2022).knife_edges(Fraction(1, 4))
    # Kosovo's fear ends at d = 24/41 (by hand: 82/85 (1 - d)(1/2) 10 = 2), 79/205 from 1/5: outside 1/4;
    # KFOR's guarantee flips both at 243/328, 79/328 from 1/2: inside.
    assert any(line.startswith("guarantee_2 = 1/2 is 79/328 from 243/328") for line in lines)


def test_unknown_parameter_is_named():
    with pytest.raises(ValueError, match="unknown parameter 'trust'.*stakes"):
        cases.load("serbia-kosovo").sensitivity(2022, names=["trust"])
    with pytest.raises(ValueError, match="unknown year 1990"):
        cases.load("serbia-kosovo").sensitivity(1990)


# -- command line ------------------------------------------------------------------


def test_cli_json_is_exactly_the_package_report(capsys):
    assert main(["sensitivity", "serbia-bosnia", "--year", "2022", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == cases.load("serbia-bosnia").sensitivity(2022).as_dict()
    assert set(printed) == {"case", "year", "parameters"}
    assert (printed["case"], printed["year"]) == ("serbia-bosnia", 2022)
    for entry in printed["parameters"]:
        assert set(entry) == {"name", "value", "flips", "margin"}
        for flip in entry["flips"]:
            assert set(flip) == {"at", "changes"}
            Fraction(flip["at"])  # an exact value as a string
    subsidy = next(e for e in printed["parameters"] if e["name"] == "subsidy_1")
    assert subsidy["margin"] == "7/2" and subsidy["flips"][0]["at"] == "4"


def test_cli_text_lists_the_nearest_knife_edge_first(capsys):
    assert main(["sensitivity", "serbia-bosnia"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "margin" in line and "=" in line]
    margins = [line.split("margin ")[1] for line in lines]
    numbers = [Fraction(m) for m in margins if m != "none"]
    # by hand: Bosnia is tempted once o_B (1 - a_S) W - c > b, o_B > 3/10: 3/10 - 10/51 = 53/510
    assert numbers == sorted(numbers) and numbers[0] == Fraction(53, 510)
    assert "at 3/10: bosnia: stag-hunt -> prisoners-dilemma" in out


def test_cli_bad_year_exits_2(capsys):
    assert main(["sensitivity", "serbia-kosovo", "--year", "1990"]) == 2
    assert "1999 to 2025" in capsys.readouterr().err


# -- views ------------------------------------------------------------------------


def test_tornado_shows_the_margins_nearest_first():
    from balkangames.widgets.sensitivity import tornado_chart, tornado_figure
    from balkangames.widgets.text import parameter_label

    report = cases.load("serbia-bosnia").sensitivity(2022)
    figure = tornado_figure(report, top=4)
    axes = figure.axes[0]
    ticks = sorted(zip(axes.get_yticks(), (t.get_text() for t in axes.get_yticklabels())), reverse=True)
    labels = [label.replace("\n", " ") for _, label in ticks]  # the top bar first, in a learner's words
    names = ("Serbia", "Bosnia and Herzegovina")
    expected = [e.name for e in report.by_margin() if not e.name.startswith(("motive", "kin", "provocation"))][:4]
    assert labels == [parameter_label(name, names) for name in expected]
    assert labels[0] == "o₂: Bosnia and Herzegovina's offense advantage"
    widths = sorted(bar.get_width() for bar in axes.patches)
    assert widths[0] == pytest.approx(float(Fraction(53, 510)))
    assert tornado_chart(report).data.startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="top must be a positive integer"):
        tornado_figure(report, top=0)


def test_knife_edge_text_and_agreement_table():
    from balkangames.cases import agreement
    from balkangames.widgets.sensitivity import agreement_table_html, knife_edge_html

    assert "53/510" in knife_edge_html(cases.load("serbia-bosnia").sensitivity(2022), within=Fraction(1, 5))
    assert "No parameter" in knife_edge_html(cases.load("serbia-croatia").sensitivity(2022), within=Fraction(1, 10**6))
    rows = agreement.findings_rows()
    table = agreement_table_html(rows, topics=("fear",))
    assert table.count("<tr ") == sum(r.topic == "fear" for r in rows)
    # Serbia fears Kosovo by its kin stake in the one game, so the row agrees with the thesis
    # (the case is named by its title, never by its id or a seed file)
    assert "Serbia and Kosovo: Serbia" in table and ": serbia" not in table and "serbia-kosovo" not in table and ".txt" not in table


def test_alliance_explorer_states_the_nearest_alliance_flips():
    from balkangames.widgets import alliance_explorer

    explorer = alliance_explorer("serbia-bosnia")
    explorer.controls["year"].value = 2022
    text = explorer.summary_text()
    assert "Which alliance parameter carries the result" in text
    # by hand: Serbia's temptation and Bosnia's fear end where a₂ = 113/164, 18/41 above 1/4
    assert "a₂ = 1/4 = 0.25 is 18/41" in text and "guarantee_1" not in text
