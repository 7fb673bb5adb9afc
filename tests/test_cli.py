"""The command line: `balkangames cases` and `balkangames show`."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import pytest

from balkangames import cases
from balkangames.cli import main
from balkangames.params import PARAMETERS


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def show_json(capsys, *argv):
    status, out, err = run(capsys, "show", *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_cases_lists_every_case(capsys):
    status, out, _ = run(capsys, "cases")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["case", "players", "years", "title"]
    for case_id in cases.list_cases():
        assert any(line.startswith(case_id + " ") for line in lines)
    assert "serbia vs kosovo" in out


def test_cases_json(capsys):
    status, out, _ = run(capsys, "cases", "--json")
    assert status == 0
    rows = json.loads(out)
    assert [r["case"] for r in rows] == cases.list_cases()


def test_show_text_has_matrix_classes_equilibria_and_citations(capsys):
    status, out, _ = run(capsys, "show", "serbia-croatia", "--year", "2022")
    assert status == 0
    assert "payoffs (serbia, croatia):" in out
    assert "serbia restrain" in out and "croatia arm" in out
    assert "serbia: Stag Hunt" in out and "croatia: Chicken" in out
    assert "equilibria:" in out and "1. serbia: restrain" in out
    # A learner reads author-year citations and full references, never seed file names.
    assert "000_8a64ac4567ba3041.txt" not in out and "002_1012a9540589faf7.txt" not in out
    assert "the 2022 thesis: \"" in out and "references:" in out and "Luli, Elira (2025)" in out
    assert "assumption:" in out


def test_show_json_schema(capsys):
    report = show_json(capsys, "serbia-kosovo", "--year", "2022")
    case = cases.load("serbia-kosovo")
    game = case.game(2022)
    assert report["case"] == "serbia-kosovo"
    assert report["year"] == 2022
    assert report["players"] == ["serbia", "kosovo"]
    assert report["actions"] == ["restrain", "arm"]
    assert report["classes"] == game.classes()
    assert len(report["equilibria"]) == len(game.solve().equilibria)
    for printed, (row, column) in zip(report["equilibria"], game.solve().equilibria):
        assert set(printed) == {"serbia", "kosovo"}
        assert [Fraction(printed["serbia"][a]) for a in ("restrain", "arm")] == list(row)
        assert [Fraction(printed["kosovo"][a]) for a in ("restrain", "arm")] == list(column)
        for mix in printed.values():
            assert all(isinstance(p, str) for p in mix.values())
    assert report["payoffs"]["serbia"] == [[str(x) for x in r] for r in game.A]
    assert report["payoffs"]["kosovo"] == [[str(x) for x in r] for r in game.B]
    assert [p["name"] for p in report["parameters"]] == list(PARAMETERS)
    for parameter in report["parameters"]:
        assert Fraction(parameter["value"]) == game.params.flat()[parameter["name"]]
        assert ("source" in parameter and ("quote" in parameter or "note" in parameter)) or (
            "assumption" in parameter
        )


def test_mixed_equilibrium_is_printed_as_an_exact_fraction(capsys):
    report = show_json(capsys, "serbia-croatia")
    (equilibrium,) = report["equilibria"]
    assert "/" in equilibrium["serbia"]["arm"]
    assert sum(Fraction(p) for p in equilibrium["croatia"].values()) == 1


def test_member_flag_is_case_insensitive(capsys):
    upper = show_json(capsys, "Serbia-Kosovo", "--member", "KOSOVO=NATO")
    lower = show_json(capsys, "serbia-kosovo", "--member", "kosovo=nato")
    assert upper == lower
    assert upper["counterfactual"] == {"kosovo": "nato"}
    assert upper["members"] == {"serbia": ["pfp"], "kosovo": ["nato"]}
    # Serbia's kin stake in Kosovo's Serbs keeps its fear; it is no longer tempted
    assert upper["classes"] == {"serbia": "stag-hunt", "kosovo": "harmony"}
    assert upper["equilibria"] == [
        {"serbia": {"restrain": "1", "arm": "0"}, "kosovo": {"restrain": "1", "arm": "0"}}
    ]


def test_set_flag_overrides_a_parameter(capsys):
    report = show_json(capsys, "serbia-kosovo", "--set", "distinguishability=1/2", "--set", "stakes=20")
    values = {p["name"]: p for p in report["parameters"]}
    assert values["distinguishability"]["value"] == "1/2"
    assert values["stakes"]["value"] == "20"
    assert "by hand" in values["stakes"]["assumption"]


@pytest.mark.parametrize(
    "argv, fragments",
    [
        (["show", "serbia-greece"], ["unknown case", "serbia-kosovo"]),
        (["show", "serbia-kosovo", "--year", "1900"], ["unknown year", "1999 to 2025"]),
        (["show", "serbia-kosovo", "--year", "next"], ["unknown year"]),
        (["show", "serbia-kosovo", "--member", "narnia=nato"], ["unknown actor", "north-macedonia"]),
        (["show", "serbia-kosovo", "--member", "kosovo=csto"], ["unknown alliance", "nato, pfp, none"]),
        (["show", "serbia-kosovo", "--member", "kosovo"], ["--member expects KEY=VALUE"]),
        (["show", "serbia-kosovo", "--set", "trust=1"], ["unknown parameter", "alliance_penalty"]),
        (["show", "serbia-kosovo", "--set", "prior_3=1/2"], ["unknown parameter 'prior_3'", "kin_2", "prior_1, prior_2"]),
        (["show", "serbia-kosovo", "--set", "offense_1=3"], ["offense_1", "[0, 1]"]),
    ],
)
def test_bad_input_exits_2_with_choices(capsys, argv, fragments):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    for fragment in fragments:
        assert fragment in err


def test_timeline_json_follows_the_accession(capsys):
    status, out, err = run(capsys, "timeline", "serbia-croatia", "--json")
    assert status == 0, err
    rows = {row["event"]: row for row in json.loads(out)}
    assert rows["croatia-joins-pfp"]["classes"] == {"serbia": "prisoners-dilemma", "croatia": "prisoners-dilemma"}
    assert rows["croatia-joins-nato"]["classes"] == {"serbia": "stag-hunt", "croatia": "chicken"}
    status, out, _ = run(capsys, "timeline", "Serbia-Croatia", "--member", "SERBIA=nato", "--json")
    assert status == 0
    rows = json.loads(out)
    # Both in NATO from 2009: neither tempted nor afraid. Before, a NATO Serbia is still
    # tempted by an unguaranteed Croatia, and until 2000 the 1991 census (Serbs 12.2 % of
    # Croatia) gives it a kin stake and so fear; the 2001 census (4.54 %) does not.
    by_year = {r["date"][:4]: r["classes"]["serbia"] for r in rows}
    assert all(c == "harmony" for y, c in by_year.items() if y >= "2009")
    assert by_year["2000"] == "prisoners-dilemma" and by_year["2002"] == "chicken"


def test_show_presence_flag_takes_kfor_away_and_member_does_not(capsys):
    """A membership and a peace-support presence are separate controls."""
    member = show_json(capsys, "serbia-kosovo", "--member", "kosovo=none")
    assert member["presences"]["kosovo"] == ["kfor"]
    gone = show_json(capsys, "serbia-kosovo", "--presence", "kfor=none")
    assert gone["presences"]["kosovo"] == [] and gone["presences_removed"] == ["kfor"]
    values = {p["name"]: p["value"] for p in gone["parameters"]}
    assert values["guarantee_2"] == "0"
    status, _, err = run(capsys, "show", "serbia-kosovo", "--presence", "nato=none")
    assert status == 2 and "unknown presence" in err and "kfor" in err


def test_timeline_presence_flag(capsys):
    """KFOR taken away at every event: Kosovo's guarantee is 0 throughout, so from 2003 on the
    timeline's games are those of the package with presences={"kfor": "none"}."""
    status, out, _ = run(capsys, "timeline", "serbia-kosovo", "--presence", "kfor=none", "--json")
    assert status == 0
    case = cases.load("serbia-kosovo")
    for row in json.loads(out):
        year = int(row["date"][:4])
        assert row["classes"] == case.game(year, presences={"kfor": "none"}).classes(), row["date"]


def test_show_is_one_game_with_the_comparison_labelled(capsys):
    """show prints one game (with the cited kin stake) and the first layer only as a labelled
    comparison; the second-layer section agrees with the classes above it."""
    status, out, _ = run(capsys, "show", "serbia-kosovo", "--year", "2022")
    assert status == 0
    classes = out.split("classes")[1].split("equilibria")[0]
    assert "serbia: Prisoner's Dilemma" in classes
    assert "comparison, without the second layer: serbia: Chicken" in classes
    assert "Not set by the case data" not in out
    assert "each fears the other (two-sided dilemma): yes" in out
    report = show_json(capsys, "serbia-kosovo", "--year", "2022")
    values = {p["name"]: p["value"] for p in report["parameters"]}
    assert values["kin_1"] == "2" and report["classes"]["serbia"] == "prisoners-dilemma"
    assert report["first_layer_classes"]["serbia"] == "chicken"


def test_show_prints_both_readings_side_by_side(capsys):
    status, out, _ = run(capsys, "show", "serbia-kosovo")
    assert status == 0
    readings = out.split("readings of a disputed motive")[1]
    assert "the 2022 thesis" in readings and "Luli 2025" in readings
    assert "Spiral model" in readings and "Deterrence model" in readings
    assert "158/413" in readings  # Kosovo's trust threshold under the spiral reading
    report = show_json(capsys, "serbia-kosovo")
    assert [r["reading"] for r in report["readings"]] == ["fear", "greed"]
    assert [r["true_types"][0] for r in report["readings"]] == ["security seeker", "greedy"]


def test_show_shows_both_sides_of_a_knife_edge(capsys):
    """Serbia-Kosovo 1999: Serbia's kin stake 2 equals c + w (S = P) and KFOR's 3/4 puts
    Kosovo on its fear boundary: both sides are printed, not one picked."""
    status, out, _ = run(capsys, "show", "serbia-kosovo", "--year", "1999")
    assert status == 0
    assert "knife-edge: serbia: S = P at kin_1 = 2" in out and "at 1 serbia is Harmony; at 3 serbia is Stag Hunt" in out
    assert "knife-edge: kosovo: S = P at guarantee_2 = 3/4" in out


def test_timeline_unknown_case_exits_2(capsys):
    status, _, err = run(capsys, "timeline", "atlantis")
    assert status == 2 and "serbia-croatia" in err


def test_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["explode"])
    assert exit_info.value.code == 2


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "balkangames", "show", "north-macedonia-albania", "--json"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["classes"] == {"north-macedonia": "harmony", "albania": "harmony"}
    result = subprocess.run(
        [sys.executable, "-m", "balkangames", "show", "nowhere"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 2 and "valid choices" in result.stderr


# --------------------------------------------------------------------------- hardened input


def _exit_status(capsys, *argv):
    """Exit status and stderr of one run, argparse's own exits included."""
    try:
        status = main(list(argv))
    except SystemExit as stop:  # argparse rejects a flag
        status = stop.code
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("--year", "²⁰²⁴"), "--year must be a year such as 2022"),
        (("--year", "9" * 5000), "(5000 characters)"),
        (("--year", "٢٠٢٢"), "--year must be a year such as 2022"),
        (("--set", "stakes=1e99999999"), "magnitude between 1e-300 and 1e300"),
        (("--set", "stakes=1e5000"), "magnitude between 1e-300 and 1e300"),
        (("--set", "stakes=1e-5000"), "magnitude between 1e-300 and 1e300"),
        (("--set", "stakes=" + "9" * 10_000), "at most 1000 characters"),
        (("--set", "stakes=" + "9" * 400), "at most 300 digits"),
        (("--set", "same_alliance=maybe"), "same_alliance must be True/False"),
        (("--set", "stakes=3", "--set", "stakes=4"), "'stakes' is given more than once"),
        (("--member", "kosovo=nato", "--member", "Kosovo=none"), "'Kosovo' is given more than once"),
    ],
)
def test_bad_values_exit_2_with_a_message_and_no_traceback(capsys, argv, fragment):
    status, err = _exit_status(capsys, "show", "serbia-kosovo", *argv)
    assert status == 2
    assert fragment in err and "Traceback" not in err
    assert len(err) < 1000  # a 10,000-digit value is not echoed back whole


def test_same_alliance_accepts_true_and_false_words(capsys):
    on = show_json(capsys, "serbia-kosovo", "--set", "same_alliance=true")
    off = show_json(capsys, "serbia-kosovo", "--set", "same_alliance=False")
    value = {p["name"]: p["value"] for p in on["parameters"]}["same_alliance"]
    assert value in ("1", 1, True, "True") and on != off


@pytest.mark.parametrize("argv", [["cases"], ["show", "serbia-kosovo"], ["timeline", "serbia-kosovo"]])
def test_output_piped_into_head_ends_without_a_traceback(argv):
    command = [sys.executable, "-m", "balkangames", *argv]
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    producer.stdout.readline()
    producer.stdout.close()  # what `head -1` does after its first line
    err = producer.stderr.read().decode()
    status = producer.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert status in (0, 1)


def test_show_names_a_prior_whose_range_straddles_the_trust_threshold(capsys):
    """North Macedonia's 'positive or neutral' view of Albania is coded 5/8, the midpoint of
    its two levels, with the range 1/2 to 3/4; its trust threshold in 2010 lies inside, so
    show says that trust rests on the assumed size rather than reporting one side only."""
    from balkangames import mechanisms

    game = mechanisms.layered(cases.load("north-macedonia-albania"), 2010).bayesian_game()
    star = game.trust_threshold_value(1)
    assert Fraction(1, 2) < star <= Fraction(3, 4) and Fraction(5, 8) >= star
    status, out, _ = run(capsys, "show", "north-macedonia-albania", "--year", "2010")
    assert status == 0
    assert f"prior_1 = 5/8 has the plausible range 1/2 to 3/4, and north-macedonia's trust threshold {star}" in out
    report = show_json(capsys, "serbia-kosovo")
    (kosovo,) = [e for e in report["second_layer"]["prior_ranges"] if e["player"] == "kosovo"]
    assert kosovo["threshold"] == "158/413" and kosovo["threshold_inside"] and kosovo["value"] == "1/4"


def test_sensitivity_and_robustness_take_a_presence_away(capsys):
    """``--presence kfor=none`` on sensitivity and robustness is the package's presence control:
    KFOR's guarantee (an assumed size with a range) becomes Kosovo's own 0 (no tie, no range)."""
    from balkangames.cases.robustness import robustness

    case = cases.load("serbia-kosovo")
    status, out, err = run(capsys, "sensitivity", "serbia-kosovo", "--presence", "kfor=none", "--json")
    assert status == 0, err
    report = json.loads(out)
    assert report == json.loads(json.dumps(case.sensitivity(2022, presences={"kfor": "none"}).as_dict()))
    values = {p["name"]: p["value"] for p in report["parameters"]}
    assert values["guarantee_2"] == "0"
    status, out, _ = run(capsys, "sensitivity", "serbia-kosovo", "--json")
    assert {p["name"]: p["value"] for p in json.loads(out)["parameters"]}["guarantee_2"] == "1/2"

    status, out, err = run(capsys, "robustness", "serbia-kosovo", "--presence", "kfor=none", "--json")
    assert status == 0, err
    gone = json.loads(out)
    assert "guarantee_2" not in {r["name"] for r in gone["ranges"]}
    status, out, _ = run(capsys, "robustness", "serbia-kosovo", "--json")
    assert "guarantee_2" in {r["name"] for r in json.loads(out)["ranges"]}
    expected = robustness(case, 2022, presences={"kfor": "none"}).as_dict()
    assert gone == json.loads(json.dumps(expected))
    classes = {r["player"]: r["value"] for r in gone["results"] if r["kind"] == "class"}
    assert classes == case.game(2022, presences={"kfor": "none"}).classes()

    status, _, err = run(capsys, "robustness", "serbia-kosovo", "--presence", "nato=none")
    assert status == 2 and "unknown presence" in err and "kfor" in err


def test_notebook_04_kfor_counterfactual_is_reproduced_from_the_command_line(capsys):
    """Notebook 04: without KFOR, in the first-layer comparison (kin stake set to 0 by hand; the
    2022 provocation is 0), Serbia restrains with probability 54/79 instead of 158/383."""
    case = cases.load("serbia-kosovo")
    assert case.params(2022).provocation == (0, 0)
    for presence, serbia_restrains in ((None, Fraction(158, 383)), ("kfor=none", Fraction(54, 79))):
        argv = ["serbia-kosovo", "--year", "2022", "--set", "kin_1=0", "--set", "kin_2=0"]
        argv += ["--presence", presence] if presence else []
        (equilibrium,) = show_json(capsys, *argv)["equilibria"]
        assert Fraction(equilibrium["serbia"]["restrain"]) == serbia_restrains
        comparison = case.game(2022, presences={"kfor": "none"} if presence else None, second_layer=False)
        (profile,) = comparison.solve().equilibria
        assert profile[0][0] == serbia_restrains
