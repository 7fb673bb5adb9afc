"""Both readings of Serbia's motive, side by side (issue 19): the results derived by hand.

Serbia-Kosovo, 2022, the case-year's one game with the game of beliefs: W = 10,
o_S = 82/85, o_K = 3/85, d = 1/5, c = w = 1, b = 2, a_S = 0, a_K = 1/2 (KFOR),
r_S = 1/2 (Russia), e_S = 2 (kin), priors: Serbia about Kosovo 1/2 ("unclear"), Kosovo
about Serbia 1/4 ("highly concerned").
"""

from __future__ import annotations

from fractions import Fraction

from balkangames import cases
from balkangames.cases import readings

F = Fraction


def by_hand():
    """Each player's R, S, T, P by type, from the model's formulas written out."""
    W, d, c, w, b = 10, F(1, 5), 1, 1, 2
    o_s, o_k, a_k, r_s, e_s = F(82, 85), F(3, 85), F(1, 2), F(1, 2), 2
    kappa_s, kappa_k = c - r_s, c
    serbia = {
        "R": b,
        "S": -(o_k * (1 - d) * W + e_s),                    # -194/85
        "P": -kappa_s - w,                                   # -3/2
        "T_seeker": 0 - kappa_s,                             # -1/2: no motive, no greed
        "T_greedy": o_s * (1 - a_k) * W - kappa_s,           # 147/34
    }
    kosovo = {
        "R": b,
        "S": -(o_s * (1 - d) * (1 - a_k) * W),               # -328/85
        "P": -kappa_k - w,                                   # -2
        "T_seeker": 0 - kappa_k,                             # -1
    }
    return serbia, kosovo


def test_hand_payoffs_are_the_package_game():
    serbia, kosovo = by_hand()
    assert serbia["S"] == F(-194, 85) and serbia["T_greedy"] == F(147, 34) and kosovo["S"] == F(-328, 85)
    game = cases.load("serbia-kosovo").game(2022)  # the one game: greedy-type payoffs, with kin
    p = game.payoffs_of("serbia")
    assert (p.R, p.S, p.T, p.P) == (serbia["R"], serbia["S"], serbia["T_greedy"], serbia["P"])
    assert game.payoffs_of("kosovo").S == kosovo["S"] and game.payoffs_of("kosovo").P == kosovo["P"]


def test_mixed_reading_kosovo_arms_below_its_trust_threshold():
    """Kosovo's prior 1/4 mixes the two readings. Against a Serbia whose security seeker
    restrains and whose greedy type arms, Kosovo's security seeker gets, by hand,
    restraint: 1/4 R + 3/4 S = 1/2 - 246/85 = -407/170; arming: 1/4 T + 3/4 P = -7/4: it
    arms. Its threshold π* = (P - S)/((R - T) + (P - S)) = (158/85)/(3 + 158/85) = 158/413."""
    serbia, kosovo = by_hand()
    prior = F(1, 4)
    restrain = prior * kosovo["R"] + (1 - prior) * kosovo["S"]
    arm = prior * kosovo["T_seeker"] + (1 - prior) * kosovo["P"]
    assert (restrain, arm) == (F(-407, 170), F(-7, 4)) and restrain < arm
    star = (kosovo["P"] - kosovo["S"]) / ((kosovo["R"] - kosovo["T_seeker"]) + (kosovo["P"] - kosovo["S"]))
    assert star == F(158, 413)
    # Serbia: a greedy type has arming dominant (T > R, P > S); a security seeker fears (S < P),
    # so against an arming Kosovo it arms too: every type arms, whichever reading is true.
    assert serbia["T_greedy"] > serbia["R"] and serbia["P"] > serbia["S"]
    assert serbia["T_seeker"] < serbia["R"]
    found = readings.compare(cases.load("serbia-kosovo"), 2022)
    fear, greed = found
    assert (fear.reading.id, greed.reading.id) == ("fear", "greed")
    assert fear.outcomes == greed.outcomes == [("arm", "arm")]
    assert fear.true_types == ("security seeker", "security seeker")
    assert greed.true_types == ("greedy", "security seeker")
    # Kosovo's misperception: 1 - 1/4 under the thesis's reading, 1/4 under Luli's
    assert fear.misperception[1] == F(3, 4) and greed.misperception[1] == F(1, 4)
    assert fear.spiral and not greed.spiral
    assert "158/413" in fear.prediction and "Spiral model (the 2022 thesis)" in fear.prediction
    assert "Deterrence model (Luli 2025)" in greed.prediction
    assert "S = -328/85 against P = -2" in greed.prediction


def test_reassurance_above_the_threshold_changes_the_spiral_reading_only():
    """With Kosovo's prior raised above 158/413 (to 1/2), Kosovo's security seeker would
    restrain against a restraining security seeker; a greedy Serbia still arms."""
    found = readings.compare(cases.load("serbia-kosovo"), 2022, priors=(F(1, 2), F(1, 2)))
    fear, greed = found
    assert not fear.spiral
    assert all(o[0] == "arm" for o in greed.outcomes)


def test_readings_say_which_source_holds_which():
    found = readings.load_readings()
    assert {r.source for r in found} == {"the 2022 thesis", "Luli 2025"}
    assert {r.type for r in found} == {"security seeker", "greedy"}
    assert [r.id for r in readings.readings_for(cases.load("north-macedonia-albania"))] == []
    lines = readings.sources_text(cases.load("serbia-bosnia"))
    assert lines[0].startswith("the 2022 thesis:") and lines[1].startswith("Luli 2025:")


def test_one_answer_the_case_game_is_the_game_of_beliefs_between_greedy_types():
    """A case-year has one game: Case.game() is exactly the complete-information game of two
    greedy types in the case's game of beliefs (same kin stakes, same provocation), and the
    second layer's fear verdicts are read off that same game."""
    from balkangames import mechanisms

    for case_id in cases.list_cases():
        case = cases.load(case_id)
        for year in (case.first_year, 2010, case.default_year, case.last_year):
            if year not in case.years:
                continue
            game = case.game(year)
            lc = mechanisms.layered(case, year)
            A, B = lc.bayesian_game().type_game(("greedy", "greedy"))
            assert (tuple(map(tuple, game.A)), tuple(map(tuple, game.B))) == (A, B), (case_id, year)
            fears = [game.fears(p) for p in case.players]
            assert mechanisms.two_sided(lc.params) == all(fears), (case_id, year)
