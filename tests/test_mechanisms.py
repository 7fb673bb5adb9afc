"""Second-layer case data and what it does: which mechanisms carry each dyad, the findings table."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest

from balkangames import cases, mechanisms
from balkangames.cases.mechanisms_data import (
    DATA_FILE,
    case_priors,
    layer_two_parameters,
    load_mechanisms,
)
from balkangames.cases.provenance import SEED_FILES, quote_in_seed
from balkangames.model import player_terms
from balkangames.params import LAYER_TWO

SEEDS = Path(os.environ.get("BALKANGAMES_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))

#: The thesis's Figure 6.4.1 as printed (shared/seeds/README.md).
THESIS_TABLE = {
    "albania": ("-", "-", "-"),
    "kosovo": ("+", "+", "+"),
    "north-macedonia": ("-", "+", "-"),
    "bosnia": ("+", "+", "+"),
    "serbia": ("+", "+", "+"),
    "montenegro": ("-", "-", "-"),
}


def strength(rank):  # the capability rule of rules.toml, written out again
    return Fraction(143 - rank, 142)


@pytest.fixture(scope="module")
def kosovo_2022():
    return mechanisms.layered(cases.load("serbia-kosovo"), 2022)


def test_every_seed_quote_in_the_mechanisms_data_is_verbatim():
    if not all((SEEDS / name).is_file() for name in SEED_FILES):
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed documents not found under {SEEDS}")
        pytest.skip("seed documents not found")
    from balkangames.cases.readings import load_readings

    cited = [(where, c) for _, where, c in load_mechanisms().citations() if c.is_seed]
    cited += [(f"reading {r.id}", c) for r in load_readings() for c in r.citations if c.is_seed]
    assert len(cited) >= 15
    missing = [(where, c.quote) for where, c in cited if not quote_in_seed(c, SEEDS)]
    assert missing == []
    public = [c for _, _, c in load_mechanisms().citations() if not c.is_seed]
    assert public and all(len(c.note) > 20 for c in public)


def test_thesis_signs_in_the_data_are_the_printed_table():
    assert {a: signs for a, (signs, _) in load_mechanisms().findings.items()} == THESIS_TABLE


def test_every_second_layer_value_has_provenance_and_uniform_rules():
    data = load_mechanisms()
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        for year in (case.first_year, case.default_year, case.last_year):
            params = layer_two_parameters(case, year)
            assert [p.name for p in params] == list(LAYER_TWO)
            for p in params + case_priors(case, year):
                assert p.citations or p.assumptions, (case_id, year, p.name)
            flat = {p.name: p.value for p in params}
            assert flat["motive_weight"] == 1 and flat["motive_1"] == flat["motive_2"] == 0
            for i, actor in enumerate(case.players):
                rival = case.players[1 - i]
                assert flat[f"kin_{i + 1}"] == expected_kin(data, actor, rival, year), (case_id, year, actor)
                level = data.beliefs.get((actor, rival), ("none", ()))[0]
                assert case_priors(case, year)[i].value == data.belief_levels[level]


def expected_kin(data, actor, rival, year):
    """The kin rule recomputed from the cited census: the latest census in or before the
    year (else the earliest), co-ethnic share at least the threshold; a seed statement where
    no census exists."""
    entry = data.kin[(actor, rival)]
    if not entry.census:
        assert entry.no_census and any(c.quote for c in entry.citations)
        return data.kin_value
    before = [c for c in entry.census if c.year <= year]
    census = max(before, key=lambda c: c.year) if before else min(entry.census, key=lambda c: c.year)
    return data.kin_value if census.share is not None and census.share >= data.kin_threshold else 0


def test_kin_rule_covers_every_ordered_pair_and_its_threshold_decides_nothing():
    """Every ordered pair of every case has a kin entry; every listed share is at least 12 %
    or at most 5 % (as the rule's text says), so any threshold between gives the same stakes."""
    data = load_mechanisms()
    pairs = {(a, b) for c in cases.list_cases() for a, b in [cases.load(c).players, cases.load(c).players[::-1]]}
    assert pairs == set(data.kin)
    shares = [c.share if c.share is not None else c.below for e in data.kin.values() for c in e.census]
    assert all(s >= Fraction(12, 100) or s <= Fraction(5, 100) for s in shares)
    assert "at least 12 % or at most 5 %" in data.kin_assumption.text
    # the pairs the issue named: Albanians in North Macedonia, Serbs in Montenegro, Serbs in Bosnia
    assert cases.load("north-macedonia-albania").params(2010).kin == (0, 2)
    assert cases.load("serbia-montenegro").params(2010).kin == (2, 0)
    assert cases.load("serbia-bosnia").params(2022).kin == (2, 0)
    # Serbs in Croatia: 12.2 % in the 1991 census, 4.54 % in 2001 (after the 1995 exodus)
    assert cases.load("serbia-croatia").params(2000).kin == (2, 0)
    assert cases.load("serbia-croatia").params(2001).kin == (0, 0)
    # Albanians in the Preševo valley: under 1 % of Serbia, so 0, with a range up to the common stake
    kosovo_kin = {p.name: p for p in cases.load("serbia-kosovo").parameters(2022)}["kin_2"]
    assert kosovo_kin.value == 0 and kosovo_kin.assumptions[-1].range == (0, 2)
    assert "Preševo" in kosovo_kin.assumptions[-1].range_why


def test_every_assumed_second_layer_size_carries_a_range():
    """Priors and set kin stakes carry a plausible range with its reason (range, range_why)."""
    for case_id in cases.list_cases():
        case = cases.load(case_id)
        for year in (case.first_year, 2022):
            for p in case_priors(case, year):
                ranged = [a for a in p.assumptions if a.range]
                assert ranged and ranged[-1].range[0] <= p.value <= ranged[-1].range[1], (case_id, p.name)
                assert ranged[-1].range_why
            for p in layer_two_parameters(case, year):
                if p.name.startswith("kin") and p.value:
                    assert any(a.range and a.range_why for a in p.assumptions), (case_id, p.name)


def test_belief_coding_follows_the_quotes():
    """Montenegro's optimism about Serbia is coded positive; North Macedonia's 'positive or
    neutral' view of its neighbours is the midpoint of the two levels, with both as its range."""
    data = load_mechanisms()
    assert data.beliefs[("montenegro", "serbia")][0] == "positive"
    assert "optimistic" in data.beliefs[("montenegro", "serbia")][1][0].quote
    assert data.beliefs[("north-macedonia", "albania")][0] == "positive-or-neutral"
    levels = data.belief_levels
    assert levels["positive-or-neutral"] == (levels["none"] + levels["positive"]) / 2
    assert data.belief_ranges["positive-or-neutral"][0] == (levels["none"], levels["positive"])
    # The "unclear" passage about the 'Serb world' justifies a prior, not a zero motive: it is
    # cited with the passage's other reading (an ethnic unification), never alone.
    quotes = [c.quote for c in data.true_types[0]]
    assert "The motives behind such a move remain unclear" in quotes
    assert "which could also mean an ethnic unification" in quotes
    assert "not a zero" in data.true_types[1].text


def test_provocation_is_the_partners_capability_share_from_the_signing_year():
    kosovo = cases.load("serbia-kosovo")
    s, k, a, c = strength(61), strength(140), strength(115), strength(62)
    # a declaration on defence cooperation, not a mutual-defence pact: weight 1/2 of the full share
    weight = load_mechanisms().provocation_weight
    assert weight == Fraction(1, 2)
    expected = weight * ((k + a + c) / (s + k + a + c) - k / (s + k))
    assert expected == Fraction(4469, 16490)
    assert {p.name: p.value for p in layer_two_parameters(kosovo, 2025)}["provocation_1"] == expected
    assert {p.name: p.value for p in layer_two_parameters(kosovo, 2024)}["provocation_1"] == 0
    croatia = cases.load("serbia-croatia")
    expected_croatia = weight * ((c + a + k) / (s + c + a + k) - c / (s + c))
    assert {p.name: p.value for p in layer_two_parameters(croatia, 2025)}["provocation_1"] == expected_croatia
    # Croatia did not protest; Kosovo is not protested by anyone in Serbia-Kosovo
    assert {p.name: p.value for p in layer_two_parameters(croatia, 2025)}["provocation_2"] == 0


def test_an_override_wins_over_the_data(kosovo_2022):
    lc = mechanisms.layered(cases.load("serbia-kosovo"), 2022, overrides={"kin_1": "1/2"})
    assert lc.params.kin == (Fraction(1, 2), 0)
    assert kosovo_2022.params.kin == (2, 0)


def test_kin_threshold_for_serbia_kosovo(kosovo_2022):
    found = mechanisms.layer_thresholds(kosovo_2022)
    # Serbia's fear without kin: o_K (1 - d)(1 - a_S) W = 3/85 * 4/5 * 10; kappa + w = 1 - 1/2 + 1
    fear = Fraction(3, 85) * Fraction(4, 5) * 10
    assert found["kin"].needed == (Fraction(3, 2) - fear, None) == (Fraction(207, 170), None)
    assert found["kin"].cited == (2, 0) and found["kin"].reaches is True
    at = kosovo_2022.only().replace(kin_1=Fraction(207, 170))
    assert not mechanisms.payoffs_at(at, 1).fears
    assert mechanisms.payoffs_at(at.replace(kin_1=Fraction(207, 170) + Fraction(1, 1000)), 1).fears
    # provocation: (3/85 + q) * 4/5 * 10 = 3/2
    assert found["provocation"].needed[0] == Fraction(3, 16) - Fraction(3, 85) == Fraction(207, 1360)
    assert found["provocation"].reaches is False  # the declaration is 2025
    later = mechanisms.layer_thresholds(mechanisms.layered(cases.load("serbia-kosovo"), 2025))
    assert later["provocation"].reaches is True
    assert found["motive"].reaches is None
    assert found["beliefs"].reaches is None and "does not fear" in found["beliefs"].text


def test_serbia_bosnia_is_two_sided_without_the_second_layer():
    lc = mechanisms.layered(cases.load("serbia-bosnia"), 2022)
    base = lc.only()
    assert mechanisms.two_sided(base)
    terms = player_terms(base, 1)
    assert terms["S"] < terms["P"]
    found = mechanisms.layer_thresholds(lc)
    assert found["kin"].needed == (None, None)
    stars = found["beliefs"].needed
    game = lc.bayesian_game(params=lc.only("motive"))
    assert stars == (game.trust_threshold_value(1), game.trust_threshold_value(2))
    assert found["beliefs"].reaches == (lc.prior_values[0] < stars[0] or lc.prior_values[1] < stars[1])


def test_carriers_name_what_each_layer_changes(kosovo_2022):
    carried = mechanisms.carriers(kosovo_2022)
    assert "serbia's fear (present with it, not without)" in carried["kin"]
    assert "serbia's temptation (absent with it, not without)" in carried["motive"]
    assert carried["provocation"] == []
    assert not mechanisms.payoffs_at(kosovo_2022.without("kin"), 1).fears and mechanisms.payoffs_at(kosovo_2022.params, 1).fears


def test_findings_mapping_cell_by_cell():
    rows = {row.country: row for row in mechanisms.findings_table()}
    assert set(rows) == set(THESIS_TABLE)
    for country, row in rows.items():
        assert row.thesis == THESIS_TABLE[country]
        assert row.agree == tuple(m == t for m, t in zip(row.model, row.thesis))
    # anarchy: KFOR (1/2) is weaker than NATO membership (9/10); Montenegro is a member in 2022
    kosovo = mechanisms.layered(cases.load("serbia-kosovo"), 2022)
    assert kosovo.params.guarantee[1] == Fraction(1, 2)
    assert rows["kosovo"].model[0] == "+" and rows["montenegro"].model[0] == "-"
    # fear: Serbia fears Bosnia even in the base model; Kosovo fears Serbia
    assert rows["serbia"].model[1] == "+" and rows["kosovo"].model[1] == "+"
    # misperception: Kosovo's prior 1/4 is below its trust threshold
    star = kosovo.bayesian_game().trust_threshold_value(2)
    assert kosovo.prior_values[1] == Fraction(1, 4) < star
    assert rows["kosovo"].model[2] == "+"
    # North Macedonia's fear is intrastate in the thesis; its dyads here are with NATO allies
    assert rows["north-macedonia"].model[1] == "-" and rows["north-macedonia"].agree[1] is False


def test_base_model_cannot_show_misperception():
    rows = mechanisms.findings_table(layers=False)
    assert all(row.model[2] == "-" for row in rows)
    text = mechanisms.findings_text(rows)
    assert "DIVERGE" in text and text.splitlines()[0].split() == ["country", "anarchy", "fear", "misperception"]


def test_bad_input_is_named(kosovo_2022):
    with pytest.raises(ValueError, match="unknown layer 'greed'"):
        kosovo_2022.without("greed")
    with pytest.raises(ValueError, match="croatia"):
        mechanisms.country_signs("croatia", 1990)
    with pytest.raises(ValueError, match="unknown year"):
        mechanisms.layered(cases.load("serbia-kosovo"), 1950)


def test_a_bad_data_file_names_the_field(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8").replace('level = "unclear"', 'level = "worried"', 1)
    bad = tmp_path / "mechanisms.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"mechanisms.toml: field 'belief\[2\].level'"):
        load_mechanisms(bad)


def test_cli_show_json_reports_the_second_layer(capsys):
    import json

    from balkangames.cli import main

    assert main(["show", "serbia-kosovo", "--year", "2025", "--json"]) == 0
    layer = json.loads(capsys.readouterr().out)["second_layer"]
    by_name = {p["name"]: p for p in layer["parameters"]}
    assert set(by_name) == set(LAYER_TWO)
    assert by_name["provocation_1"]["value"] == "4469/16490"
    assert by_name["kin_1"]["citations"][0]["source"] == "002_1012a9540589faf7.txt"
    assert [p["value"] for p in layer["priors"]] == ["1/2", "1/4"] and layer["priors"][1]["about"] == "serbia"
    assert layer["types"] == ["security seeker", "greedy"]
    assert layer["true_types"] == {"serbia": "security seeker", "kosovo": "security seeker"}
    game = mechanisms.layered(cases.load("serbia-kosovo"), 2025).bayesian_game()
    assert layer["equilibria_by_type"] == [
        {p: {t: str(eq.restrain[i][t]) for t in ("security seeker", "greedy")} for i, p in enumerate(game.players)}
        for eq in game.equilibria_by_type()
    ]
    assert layer["two_sided"] is True and layer["spiral"] is True


def test_cli_set_accepts_the_second_layer_and_priors(capsys):
    import json

    from balkangames.cli import main

    assert main(["show", "serbia-kosovo", "--set", "kin_1=1", "--set", "prior_2=9/10", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    layer = report["second_layer"]
    assert {p["name"]: p["value"] for p in layer["parameters"]}["kin_1"] == "1"
    assert layer["two_sided"] is False  # 1 is below Serbia's kin threshold 207/170
    assert layer["priors"][1]["value"] == "9/10" and "Set by hand" in layer["priors"][1]["assumption"]
    assert main(["show", "serbia-kosovo", "--set", "prior_1=2"]) == 2
    assert "prior_1 must be in [0, 1]" in capsys.readouterr().err
    assert main(["show", "serbia-kosovo"]) == 0
    text = capsys.readouterr().out
    assert "second layer" in text and "Posen, B. (1993)" in text and "the 2022 thesis:" in text
    assert ".txt" not in text


def test_the_pact_is_the_timelines_declaration():
    declaration = {e.id: e for e in cases.events()}["defence-declaration"]
    pact = load_mechanisms().pacts[0]
    assert (declaration.date, declaration.year) == (pact.signed, pact.year)
    # the timeline names the signatories and the protester; the pact provokes in both of its cases
    assert set(declaration.actors) == set(pact.members) | set(pact.protested_by)
    for case_id in declaration.cases:
        lc = mechanisms.layered(cases.load(case_id), pact.year)
        assert lc.params.provocation[lc.players.index("serbia")] > 0


def test_findings_rows_say_which_dyads_carry_each_sign():
    rows = {row.country: row for row in mechanisms.findings_table()}
    serbia = rows["serbia"]
    assert serbia.dyads[2] == ("serbia-croatia",)  # misperception: only towards Croatia
    croatia = mechanisms.layered(cases.load("serbia-croatia"), 2022)
    assert croatia.prior_values[0] == Fraction(1, 4) < croatia.bayesian_game().trust_threshold_value(1)
    assert rows["kosovo"].dyads == (("serbia-kosovo",),) * 3
    for row in rows.values():
        assert all((sign == "+") == bool(dyads) for sign, dyads in zip(row.model, row.dyads))
    assert mechanisms.country_evidence("kosovo", 2022, layers=False)["misperception"] == ()


def test_carriers_of_every_dyad_are_exactly_the_changes_without_each_layer():
    for case_id in cases.list_cases():
        lc = mechanisms.layered(cases.load(case_id), 2022)
        carried = mechanisms.carriers(lc)
        assert set(carried) == set(mechanisms.LAYERS)
        for layer in ("kin", "provocation", "motive"):
            off = lc.without(layer)
            for i, player in enumerate(lc.players):
                fear_changes = mechanisms.payoffs_at(off, i + 1).fears != mechanisms.payoffs_at(lc.params, i + 1).fears
                greed_changes = mechanisms.payoffs_at(off, i + 1).tempted != mechanisms.payoffs_at(lc.params, i + 1).tempted
                assert fear_changes == any(p.startswith(f"{player}'s fear") for p in carried[layer])
                assert greed_changes == any(p.startswith(f"{player}'s temptation") for p in carried[layer])
        sure = lc.bayesian_game(priors=(1, 1)).spiral()
        assert (sure != lc.bayesian_game().spiral()) == any(p.startswith("the spiral") for p in carried["beliefs"])
