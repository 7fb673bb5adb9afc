"""Exercises 7 (misperception and the spiral): what their questions and prose claim is true of the model.

The checkers themselves are tested for every id in ``test_exercises_checkers`` and
``test_exercises_trust`` (reference answers computed there by hand); here the claims the
notebook makes around the questions are re-derived: the stated payoffs are the model's,
a greedy type's move does not depend on its belief, the prior that ends the spiral really
ends it, the 2025 lever changes the answer, and the mixed equilibrium is the one the
trust threshold predicts.
"""

from __future__ import annotations

import re
from fractions import Fraction

import jupytext
import pytest
import sympy
from helpers import layered_seeker_thresholds, reference_answer

import balkangames.exercises as ex
from balkangames import beliefs, cases, mechanisms
from balkangames.exercises import registry
from balkangames.params import SecurityParams

F = Fraction
NOTEBOOK = registry.self_paced_dir() / "07-misperception-and-the-spiral" / "07-misperception-and-the-spiral.md"
ANSWERS = registry.answers_module("07-misperception-and-the-spiral")
IDS = [i for i in registry.ids() if i.startswith("07-")]


def _text():
    return "\n".join(cell.source for cell in jupytext.read(NOTEBOOK).cells)


def _game(priors):
    return beliefs.bayesian_game(SecurityParams(**ANSWERS.BELIEFS_PARAMS), priors,
                                 players=ANSWERS.BELIEFS_PLAYERS)


def test_the_notebook_uses_every_exercise_7_id():
    used = re.findall(r'check_\w+\(\w+, "(07-[\w-]+)"\)', _text())
    assert sorted(used) == sorted(IDS) and len(IDS) == 6


def test_stated_parameters_are_the_exercise_games():
    text = _text()
    params = SecurityParams(**ANSWERS.BELIEFS_PARAMS)
    stated = {"W = 10": params.stakes == 10, "o = 2/5": params.offense == (F(2, 5), F(2, 5)),
              "d = 1/5": params.distinguishability == F(1, 5), "c = w = 1": params.arming_cost == params.race_cost == 1,
              "b = 2": params.restraint_value == 2, "e = 1": params.kin == (1, 1),
              "no alliance": params.guarantee == (0, 0) and not params.same_alliance}
    for phrase, holds in stated.items():
        assert phrase in text and holds, phrase
    # the set-up cell's `params` is the registry's game
    assert "SecurityParams(offense=Fraction(2, 5), distinguishability=Fraction(1, 5), kin=(1, 1))" in text


def test_stated_type_payoffs_are_the_models():
    """R = b, T = -c, S = -(o(1-d)W + e), P = -c - w for a security seeker; T = oW - c for a greedy type."""
    o, d, W, b, c, w, e = F(2, 5), F(1, 5), 10, 2, 1, 1, 1
    game = _game((F(1, 2), F(1, 2)))
    for own, rival in (("security seeker", "security seeker"), ("security seeker", "greedy"),
                       ("greedy", "security seeker"), ("greedy", "greedy")):
        A, _ = game.type_game((own, rival))
        T = -c if own == "security seeker" else o * W - c
        assert A == ((b, -(o * (1 - d) * W + e)), (T, -c - w)), (own, rival)


def test_greedy_types_move_does_not_depend_on_its_belief():
    """The prose: compare a greedy type's T with R and P with S; arming is dominant for it here."""
    game = _game((F(1, 2), F(1, 2)))
    (R, S), (T, P) = game.type_game(("greedy", "security seeker"))[0]
    assert T > R and P > S
    for priors in ((F(3, 5), F(1, 4)), (F(3, 4), F(3, 4)), (F(0), F(1))):
        for eq in _game(priors).equilibria_by_type():
            assert eq.action(0, "greedy") == eq.action(1, "greedy") == "arm"


def test_trust_threshold_expression_is_the_packages_and_rises_with_the_kin_stake():
    expected = registry.get("07-trust-threshold").expected()["expected"]
    assert sympy.simplify(expected - reference_answer("07-trust-threshold")) == 0
    e = registry.THRESHOLD_SYMBOLS["e"]
    # a kin stake adds to the loss of restraining against an armer: trusting gets harder, never easier
    assert sympy.simplify(sympy.diff(expected, e)).subs(
        {registry.THRESHOLD_SYMBOLS[k]: v for k, v in dict(o=F(2, 5), d=F(1, 5), W=10, b=2, c=1, w=1, e=1).items()}) > 0
    value = expected.subs({registry.THRESHOLD_SYMBOLS[k]: sympy.Rational(str(v)) for k, v in
                           dict(o=F(2, 5), d=F(1, 5), W=10, b=2, c=1, w=1, e=1).items()})
    assert F(str(value)) == reference_answer("07-trust-threshold-value") == _game((F(1, 2), F(1, 2))).trust_threshold_value(2)


def test_one_sides_mistrust_is_enough_for_the_spiral():
    """East's prior 3/5 is above π*, west's 1/4 below: both security seekers still arm, in every equilibrium."""
    threshold = reference_answer("07-trust-threshold-value")
    assert F(1, 4) < threshold < F(3, 5)
    game = _game((F(3, 5), F(1, 4)))
    assert game.spiral()
    assert reference_answer("07-equilibria-spiral") == [("arm-arm", "arm-arm")]


def test_the_trust_game_has_trust_the_spiral_and_the_mix_the_threshold_predicts():
    threshold = reference_answer("07-trust-threshold-value")
    right = reference_answer("07-equilibria-trust")
    assert ("restrain-arm", "restrain-arm") in right and ("arm-arm", "arm-arm") in right
    (mixed,) = [p for p in right if not isinstance(p[0], str)]
    # the rival's security seeker is indifferent when p * P(seeker restrains) equals π*
    for mix in mixed:
        assert mix[1] == threshold / F(3, 4) and mix[0] == mix[2] == 0
    assert not _game((F(3, 4), F(3, 4))).spiral()


def test_the_prior_that_ends_the_serbia_bosnia_spiral_ends_it():
    lc = mechanisms.layered(cases.load("serbia-bosnia"), 2022)
    assert lc.players == ("serbia", "bosnia")
    (serbia_prior, serbia_threshold), (bosnia_prior, bosnia_threshold) = layered_seeker_thresholds("serbia-bosnia", 2022)
    assert serbia_prior >= serbia_threshold and bosnia_prior < bosnia_threshold  # the question's premise
    assert lc.bayesian_game().spiral()  # "arm against each other in every equilibrium"
    answer = registry.get("07-spiral-prior").expected()["expected"]
    assert answer == bosnia_threshold
    assert not lc.bayesian_game(priors=(serbia_prior, answer)).spiral()
    assert lc.bayesian_game(priors=(serbia_prior, answer - F(1, 1000))).spiral()


def test_the_2025_declaration_changes_whose_belief_keeps_the_spiral():
    def below(year):
        return [prior < threshold for prior, threshold in layered_seeker_thresholds("serbia-kosovo", year)]

    assert below(2024) == [False, True] and below(2025) == [True, True]
    params = {year: mechanisms.layered(cases.load("serbia-kosovo"), year).params for year in (2024, 2025)}
    assert params[2024].provocation[0] == 0 < params[2025].provocation[0]  # the lever is the pact
    assert ex.check("both", "07-lever-mistrust").correct


def test_spiral_question_with_a_broken_premise_is_refused():
    """Both states mistrust in Serbia–Kosovo 2025: 'the prior of one state that ends it' would be wrong there."""
    with pytest.raises(RuntimeError, match="one player's belief"):
        ANSWERS.spiral_ending_prior("serbia-kosovo", 2025)()


def test_notebook_cites_author_year_with_references_and_no_seed_file():
    text = _text()
    for author in ("Kydd 2005", "Jervis 1976", "Posen 1993", "Snyder 1984", "Luli (2025)"):
        assert author in text
        name, year = author.replace("(", "").replace(")", "").split()
        assert re.search(rf"{name}, [\w. ]+\(?{year}\)?", text.split("**References.**")[1]), author
    assert ".txt" not in text and "seed" not in text.lower()
