"""Notebook 7 (misperception and the spiral): every number in its prose is recomputed here.

``claims`` recomputes, from the package, each number the markdown states and returns the
exact phrases that state it. The tests check that each phrase occurs, that no other digit
is left in the prose (after removing verbatim quotes, author–year citations, the
References and a few structural labels), that quotes are verbatim, that the learner text
names no seed file, and that every reveal stays hidden until the learner opens it.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import jupytext
import pytest
import sympy

from balkangames import beliefs, cases, mechanisms
from balkangames.cases.mechanisms_data import load_mechanisms
from balkangames.cases.provenance import REFERENCES
from balkangames.model import SYMBOLS, evaluate_terms, player_terms

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07-misperception-and-the-spiral.md"
SEEDS = ROOT.parent / "shared" / "seeds"
SOURCES = {"the 2022 thesis": "002_1012a9540589faf7.txt", "Luli 2025": "000_8a64ac4567ba3041.txt"}
QUOTE = re.compile(r"“([^”]+)” \((the 2022 thesis|Luli 2025)\)")
NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


def cells(kind: str) -> list[str]:
    return [c.source for c in jupytext.read(NOTEBOOK).cells if c.cell_type == kind]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def prose() -> str:
    """The markdown before the References, folded."""
    return folded(" ".join(cells("markdown"))).partition("## References")[0]


def references() -> list[str]:
    text = "\n".join(cells("markdown")).partition("## References")[2]
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def about(value: Fraction, places: int) -> str:
    return f"{float(value):.{places}f}"


def claims() -> list[str]:
    """The phrases of the prose that state a number, each recomputed."""
    serbia_kosovo = mechanisms.layered(cases.load("serbia-kosovo"), 2022)
    base = serbia_kosovo.without(*mechanisms.LAYERS)
    serbia = player_terms(base, 1)
    found = [
        f"F = {serbia['fear']}", f"κ + w = {serbia['kappa'] + base.race_cost}", f"G = {serbia['greed']}",
        f"(its greed is {player_terms(serbia_kosovo.only('motive'), 1)['greed']})",
    ]
    data = load_mechanisms()
    assert data.kin_value / base.stakes == Fraction(1, 5)  # "a fifth of the stakes"
    found.append(f"of assumed size {data.kin_value} (a fifth of the stakes)")
    kin = mechanisms.layer_thresholds(serbia_kosovo)["kin"].needed[0]
    found += [f"exceeds {kin}, about {about(kin, 2)}", f"below {kin} would leave", f"must exceed {kin}",
              f"The assumed size {data.kin_value} passes it"]
    assert data.kin_value > kin and mechanisms.two_sided(serbia_kosovo.only("kin"))
    carried = mechanisms.carriers(serbia_kosovo)
    assert "serbia's fear (present with it, not without)" in carried["kin"]
    assert "the spiral (present with it, not without)" in carried["kin"] + carried["beliefs"]
    found.append(f"For Serbia–Kosovo in {serbia_kosovo.year} the kin stake carries Serbia's fear")
    # the prior levels and the 4x4 game
    levels = data.belief_levels
    found += [f"security seeker with probability {levels['concerned']}, \"unclear\" motives give {levels['unclear']}"]
    assert serbia_kosovo.prior_values == (levels["unclear"], levels["concerned"])
    found.append(f"Kosovo believes Serbia a security seeker with probability {serbia_kosovo.prior_values[1]}; "
                 f"Serbia gives Kosovo {serbia_kosovo.prior_values[0]}")
    game = serbia_kosovo.bayesian_game()
    assert (len(game.normal_form[0]), len(game.normal_form[0][0])) == (4, 4)
    found.append("a 4x4 normal form")
    kosovo_star, serbia_star = game.trust_threshold_value(2), game.trust_threshold_value(1)
    assert game.spiral() and serbia_kosovo.prior_values[1] < kosovo_star and serbia_star < serbia_kosovo.prior_values[0]
    found += [f"threshold is {kosovo_star}, about {about(kosovo_star, 2)}; its belief {serbia_kosovo.prior_values[1]}",
              f"its threshold is {serbia_star}, below its belief {serbia_kosovo.prior_values[0]}"]
    # the declaration
    pact = data.pacts[0]
    assert pact.signed == "2025-03-18"
    found += ["signed in Tirana on 18 March 2025", "after the 2025 declaration", "Serbia–Kosovo in 2025"]
    serbia_croatia = mechanisms.layered(cases.load("serbia-croatia"), pact.year)
    q = serbia_croatia.params.provocation[0]
    croatia_needed = mechanisms.layer_thresholds(serbia_croatia)["provocation"].needed[1]
    found += [f"(provocation {q}, about {about(q, 2)})", f"above {croatia_needed} to fear Serbia"]
    kosovo_2025 = mechanisms.layered(cases.load("serbia-kosovo"), pact.year)
    q_kosovo = kosovo_2025.params.provocation[0]
    provocation_needed = mechanisms.layer_thresholds(kosovo_2025)["provocation"].needed[0]
    assert provocation_needed < q_kosovo
    found += [f"a provocation of {q_kosovo}, about {about(q_kosovo, 2)}, well above the {provocation_needed}"]
    # both readings of Serbia, side by side (cases/readings.py)
    from balkangames.cases import readings

    fear_reading, greed_reading = readings.compare(cases.load("serbia-kosovo"), 2022)
    assert fear_reading.reading.source == "the 2022 thesis" and greed_reading.reading.source == "Luli 2025"
    assert fear_reading.spiral and fear_reading.outcomes == greed_reading.outcomes == [("arm", "arm")]
    greedy_serbia = readings._rival_vs_greedy(game, 0)
    kosovo_terms = player_terms(greedy_serbia, 2)
    assert kosovo_terms["S"] < kosovo_terms["P"]
    found += [f"it puts {fear_reading.misperception[1]} on the wrong type",
              f"raised Kosovo's belief to at least {kosovo_star} would",
              f"leave it {kosovo_terms['S']} against {kosovo_terms['P']} for arming",
              f"(it puts only {greed_reading.misperception[1]} on the wrong type)"]
    # Serbia-Bosnia in the base model
    bosnia = player_terms(mechanisms.layered(cases.load("serbia-bosnia"), 2022).without(*mechanisms.LAYERS), 1)
    assert bosnia["S"] < bosnia["P"]
    found.append(f"(F = {bosnia['fear']} against κ + w = {bosnia['kappa'] + base.race_cost})")
    # the findings table
    layered_rows = mechanisms.findings_table(mechanisms.FINDINGS_YEAR)
    base_rows = mechanisms.findings_table(mechanisms.FINDINGS_YEAR, layers=False)
    cells_total = 3 * len(layered_rows)
    found += [f"over its dyads in {mechanisms.FINDINGS_YEAR}", f"of the table's {cells_total} cells",
              f"{sum(map(sum, (r.agree for r in layered_rows)))} of {cells_total} cells agree",
              f"the base model agrees on {sum(map(sum, (r.agree for r in base_rows)))}"]
    # where Serbia's misperception sign comes from
    serbia_row = layered_rows[4]
    assert serbia_row.country == "serbia" and serbia_row.dyads[2] == ("serbia-croatia",)
    croatia_2022 = mechanisms.layered(cases.load("serbia-croatia"), mechanisms.FINDINGS_YEAR)
    croatia_star = croatia_2022.bayesian_game().trust_threshold_value(1)
    bosnia_2022 = mechanisms.layered(cases.load("serbia-bosnia"), mechanisms.FINDINGS_YEAR)
    bosnia_star = bosnia_2022.bayesian_game().trust_threshold_value(1)
    assert croatia_2022.prior_values[0] < croatia_star
    assert serbia_kosovo.prior_values[0] > serbia_star and bosnia_2022.prior_values[0] > bosnia_star
    found += [f"(its belief {croatia_2022.prior_values[0]} is below its trust threshold {croatia_star} there)",
              f"its belief {serbia_kosovo.prior_values[0]} is above its thresholds, {serbia_star} and {bosnia_star}"]
    found += robustness_claims()
    # the course's earlier notebooks
    earlier = sorted(p.name[:2] for p in NOTEBOOK.parent.glob("0[1-6]-*.md"))
    assert earlier == ["01", "02", "03", "04", "05", "06"]
    found.append("notebooks 1 to 6")
    # Luli's date slip: her date, and Rutte's start (the seeds' README lists the slip)
    found += ["Luli dates the declaration March 15, 2024", "in office only from October 2024"]
    # the model's definitions quoted in the prose
    assert serbia_kosovo.params.motive_weight == 1
    found += ["$\\mu = 1$", "the value sympy solves from $S = P$"]
    return [folded(phrase) for phrase in found]


def robustness_claims() -> list[str]:
    """The robustness section: ranges, the Serbia–Kosovo labels and the honest count, recomputed."""
    from balkangames.cases.agreement import honest_count
    from balkangames.cases.robustness import robustness

    data = load_mechanisms()
    ranges = {level: r for level, (r, _why) in data.belief_ranges.items()}
    found = [f"prior runs from {ranges['concerned'][0]} to {ranges['concerned'][1]}",
             f"one from {ranges['unclear'][0]} to {ranges['unclear'][1]}",
             f"kin stake from {data.kin_assumption.range[0]} to {data.kin_assumption.range[1]}",
             f"inside the range {data.kin_assumption.range[0]} to {data.kin_assumption.range[1]}"]
    report = robustness(cases.load("serbia-kosovo"), 2022)
    assert report.counts == {"robust": 0, "contingent": len(report.results)}
    found.append(f"all {len(report.results)} results are contingent")
    found.append(f"Serbia–Kosovo in {report.year} has a two-sided dilemma and a spiral")
    spiral = next(r for r in report.results if r.kind == "spiral")
    flips = {f.name: f.flips_at for f in spiral.decided_by}
    kosovo_star = mechanisms.layered(cases.load("serbia-kosovo"), 2022).bayesian_game().trust_threshold_value(2)
    assert spiral.value == "yes" and flips["prior_2"] == kosovo_star
    found.append(f"trust threshold, {kosovo_star} (about {about(kosovo_star, 2)})")
    found.append(f"at the \"unclear\" level {data.belief_levels['unclear']} Kosovo")
    assert data.belief_levels["unclear"] > kosovo_star
    found.append(f"kin stake above {flips['kin_1']}")
    count = honest_count()
    f = count.figures
    agreeing = sum(c.agrees for c in count.cells)
    assert f["agrees_robustly"] == 0 and f["differs_robustly"] == 0  # "none agrees robustly", "each only for part"
    found += [f"agree in {agreeing} of {f['total']} cells", f"but {f['by_construction']} of the {f['total']} hold",
              f"Of the other {f['evidence']}, none agrees robustly",
              f"{f['agrees_contingently']} agree only for part of the ranges and "
              f"{f['differs_contingently']} differ"]
    differing = [(c.country, c.column) for c in count.cells if not c.by_construction and not c.agrees]
    assert differing == [("north-macedonia", "fear"), ("serbia", "misperception")]
    albania = next(c for c in count.cells if (c.country, c.column) == ("albania", "fear"))
    assert albania.agrees and albania.status == "contingent"
    assert any(x.name == "kin_2" and x.case == "north-macedonia-albania" for x in albania.decided_by)
    assert mechanisms.layered(cases.load("north-macedonia-albania"), 2022).params.kin[1] > 0
    bosnia = next(c for c in count.cells if (c.country, c.column) == ("bosnia", "misperception"))
    bosnia_star = next(x.flips_at for x in bosnia.decided_by if x.name == "prior_2")
    found.append(f"below {kosovo_star} and {bosnia_star}")
    serbia = next(c for c in count.cells if (c.country, c.column) == ("serbia", "misperception"))
    assert serbia.model == "-" and serbia.thesis == "+" and serbia.dyads == ("serbia-kosovo", "serbia-bosnia")
    return found


def test_prose_states_recomputed_values():
    text = prose()
    missing = [phrase for phrase in claims() if phrase not in text]
    assert not missing, f"the prose does not state these recomputed values: {missing}"


def test_the_formulas_in_the_prose_are_the_models():
    text = prose()
    s = SYMBOLS
    i, j = 1, 2
    greed = "$G_i = o_i(1 - a_j)[(1 - \\mu)W + \\mu v_i]$"
    fear = "$F_i = (o_j + q_i)(1 - d)(1 - a_i)W + e_i$"
    assert greed in text and fear in text
    terms = evaluate_terms(s, i)
    expected_greed = s["offense_1"] * (1 - s[f"guarantee_{j}"]) * (
        (1 - s["motive_weight"]) * s["stakes"] + s["motive_weight"] * s["motive_1"])
    expected_fear = (s["offense_2"] + s["provocation_1"]) * (1 - s["distinguishability"]) * (
        1 - s["guarantee_1"]) * s["stakes"] + s["kin_1"]
    assert sympy.expand(terms["greed"] - expected_greed) == 0
    assert sympy.expand(terms["fear"] - expected_fear) == 0
    assert "\\pi^*" in text and beliefs.trust_belief_latex(2).startswith("\\pi_{2}^* =")


def test_no_unchecked_number():
    text = prose()
    text = QUOTE.sub(" ", text)
    for phrase in sorted(claims(), key=len, reverse=True):
        text = text.replace(phrase, " ")
    names = {entry.split(",")[0].split()[0]: entry for entry in references()}
    for match in re.finditer(r"\b([A-Z][a-z]+) (\d{4})\b", text):
        if match.group(1) in names and f"({match.group(2)})" in names[match.group(1)]:
            text = text.replace(match.group(0), " ")
    for label in (r"\(the 2022 thesis\)", r"^# 7\.", r"\$[^$]*\$", r"\bS_i < P_i\b"):
        text = re.sub(label, " ", text)
    leftovers = [text[max(0, m.start() - 40): m.end() + 20] for m in NUMBER.finditer(text)]
    assert not leftovers, f"numbers in the prose that no test checks: {leftovers}"


def test_references_are_the_packages_entries():
    entries = references()
    plain = [folded(re.sub(r"[*“”\"]", "", e)) for e in entries]
    expected = [folded(re.sub(r"[*“”\"]", "", e)) for e in mechanisms.THEORY_REFERENCES]
    expected += [folded(re.sub(r"[*“”\"']", "", e)) for e in REFERENCES.values()]
    plain = [p.replace("'", "") if p.startswith(("Luli", "Anonymous")) else p for p in plain]
    assert sorted(plain) == sorted(expected)


def test_quotes_are_verbatim_and_no_seed_file_is_named():
    text = folded(" ".join(cells("markdown")))
    assert ".txt" not in text and "seed" not in text.lower()
    quotes = QUOTE.findall(text)
    assert len(quotes) >= 6
    if not all((SEEDS / f).is_file() for f in SOURCES.values()):
        pytest.skip("seed documents not found")
    for quote, source in quotes:
        seed = folded((SEEDS / SOURCES[source]).read_text(encoding="utf-8")).casefold()
        assert folded(quote).casefold() in seed, (source, quote)
    readme = folded((SEEDS / "README.md").read_text(encoding="utf-8"))
    assert "18 March 2025" in readme and "October 2024" in readme and '"March 15, 2024"' in readme


def test_every_reveal_is_hidden_until_opened():
    kinds = [(c.cell_type, c.source) for c in jupytext.read(NOTEBOOK).cells]
    prompts = [k for k, (kind, text) in enumerate(kinds) if kind == "markdown" and "**Predict" in text]
    assert len(prompts) == 5
    for k in prompts:
        assert kinds[k + 1][0] == "code"
        reveal = kinds[k + 2][1].strip()
        assert kinds[k + 2][0] == "markdown" and reveal.startswith("<details><summary>Reveal")
        assert reveal.endswith("</details>")
