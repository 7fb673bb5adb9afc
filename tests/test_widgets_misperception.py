"""The misperception explorer shows what balkangames.beliefs computes for the current controls."""

from fractions import Fraction

import numpy as np
import pytest

from balkangames import cases, mechanisms
from balkangames.beliefs import REGIONS, bayesian_game, prior_regions, region_at
from balkangames.widgets import EXPLORERS
from balkangames.widgets.misperception import RESOLUTION, misperception_explorer


@pytest.fixture()
def explorer():
    return misperception_explorer(blit=False)


def test_starts_from_the_cases_cited_values(explorer):
    lc = mechanisms.layered(cases.load("serbia-kosovo"), 2022)
    assert explorer.bayes.priors == lc.prior_values == (Fraction(1, 2), Fraction(1, 4))
    assert explorer.bayes.params == lc.params
    expected = bayesian_game(lc.params, lc.prior_values, players=("Serbia", "Kosovo"),
                             true_types=("security seeker", "security seeker"))
    text = explorer.summary_text()
    for line in expected.describe() + [expected.trust_sentence(1), expected.trust_sentence(2)]:
        assert line in text
    assert "The spiral: security seekers arm against each other in every equilibrium." in text
    assert EXPLORERS["misperception"] is misperception_explorer


def test_trust_above_the_threshold_ends_the_spiral(explorer):
    star = explorer.bayes.trust_threshold_value(2)
    explorer.controls["prior_2"].value = 0.9
    assert explorer.bayes.priors[1] == Fraction(9, 10) > star
    assert not explorer.bayes.spiral()
    assert "The spiral:" not in explorer.summary_text()
    assert explorer.region() == REGIONS[region_at(explorer.bayes.params, explorer.bayes.priors)]
    assert explorer.region() == REGIONS[3]
    x, y = explorer.plot.marker.get_data()
    assert (x[0], y[0]) == (0.5, 0.9)


def test_plot_shows_the_regions_of_the_current_parameters(explorer):
    explorer.controls["kin_1"].value = 0.0  # without the kin stake Serbia's security seeker does not fear
    _, _, codes = prior_regions(explorer.bayes.params, RESOLUTION, explorer.bayes.greedy_motive)
    assert np.array_equal(explorer.plot.regions.get_array(), codes)
    assert 2 not in codes  # no spiral anywhere: a fearless security seeker never arms first
    assert "does not fear Kosovo" in explorer.summary_text()


def test_true_types_and_misperception(explorer):
    explorer.controls["true_type_1"].value = "greedy"
    assert explorer.bayes.true_types == ("greedy", "security seeker")
    # Kosovo puts 1/4 on Serbia being a security seeker: right, now, with probability 3/4
    assert explorer.bayes.misperception() == (Fraction(1, 2), Fraction(1, 4))
    assert "Misperception (probability on the wrong type): Serbia 1/2, Kosovo 1/4." in explorer.summary_text()
    assert explorer.game.classes()["serbia"] != "stag-hunt"  # the greedy type is tempted


def test_changing_case_loads_its_cited_values(explorer):
    explorer.controls["kin_1"].value = 4.0
    explorer.controls["case"].value = "serbia-croatia"
    lc = mechanisms.layered(cases.load("serbia-croatia"), 2022)
    assert explorer.bayes.params == lc.params and explorer.bayes.priors == lc.prior_values
    assert explorer.bayes.players == ("Serbia", "Croatia")


def test_notes_cite_author_year_with_full_references(explorer):
    notes = explorer.notes.value
    assert "Kydd 2005" in notes and "Posen, B. (1993)" in notes and ".txt" not in notes
