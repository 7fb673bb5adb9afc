"""Rich display: what JupyterLab shows for a game, a solution, a case, a threshold, a timeline.

Each view is checked against the package's own answers (classes, exact equilibria, case
parameters and their sources), not against stored HTML.
"""

from __future__ import annotations

import re
from fractions import Fraction
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

import balkangames as bg
from balkangames import cases, views
from balkangames.cases.provenance import AUTHOR_YEAR, SEED_FILES


def text_of(html_text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html_text))


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10_000))
def test_number_text_keeps_the_exact_value_and_a_close_decimal(value):
    text = views.number_text(value)
    exact, _, rest = text.partition(" ")
    assert Fraction(exact.replace("−", "-")) == value
    if value.denominator == 1:
        assert rest == ""
    else:
        relation, shown = rest.split(" ")
        shown = Fraction(shown.replace("−", "-"))
        assert (relation == "=") == (shown == value)
        assert abs(shown - value) <= abs(value) * Fraction(1, 200) + Fraction(1, 10**6)


def test_with_decimals_adds_one_decimal_to_each_fraction_and_only_once():
    text = views.with_decimals("p = 2571/5117, payoffs -9388/6511 and 2; already 3/8 ≈ 0.375")
    assert text == "p = 2571/5117 ≈ 0.502, payoffs −9388/6511 ≈ −1.44 and 2; already 3/8 ≈ 0.375"
    assert views.with_decimals(text) == text


def test_game_shows_classes_table_and_every_exact_equilibrium():
    game = bg.security_game(offense=Fraction(1, 4), distinguishability=Fraction(1, 10), players=("serbia", "croatia"))
    shown = text_of(game._repr_html_())
    for title in game.class_titles().values():
        assert title in shown
    for line in game.solve().describe(players=("Serbia", "Croatia"), actions=game.actions)[1:]:
        assert views.with_decimals(line.strip()) in shown
    # one highlighted, labelled cell per pure equilibrium
    assert game._repr_html_().count("data-equilibrium='yes'") == len(game.solve().pure_equilibria) == 2
    assert shown.count("Nash equilibrium") >= 2


def test_table_marks_exactly_the_best_responses():
    game = bg.prisoners_dilemma()
    table = views.payoff_table_html(game)
    row_best, column_best = views.best_response_cells(game)
    marks = sum(cell.count(views.BEST_RESPONSE_MARK) for cell in re.findall(r"<td.*?</td>", table))
    assert marks == len(row_best) + len(column_best) == 4


def test_solution_displays_its_equilibria_with_decimals():
    solution = bg.stag_hunt().solve()
    shown = text_of(solution._repr_html_())
    assert "1/2 = 0.5" in shown and "3 extreme Nash equilibria" in shown


def test_case_shows_every_parameter_with_value_and_learner_source():
    case = cases.load("serbia-kosovo")
    html_text = case._repr_html_()
    shown = text_of(html_text)
    for parameter in case.parameters(case.default_year):
        assert views.learner_symbol(parameter.name) in shown
        assert views.number_text(parameter.value) in shown
        for citation in parameter.citations:
            assert AUTHOR_YEAR.get(citation.source, citation.source) in shown
    for seed in SEED_FILES:  # learners read author–year, never a seed file name
        assert seed not in html_text


def test_threshold_displays_as_display_math():
    threshold = bg.threshold("guarantee_2", player=2, boundary="fear")
    latex = threshold._repr_latex_()
    assert latex.startswith("$$\\displaystyle ") and latex.endswith("$$")
    assert latex == "$$\\displaystyle a_{2} = 1 - \\frac{c + w + k m - r_{2}}{W o_{1} \\left(1 - d\\right)}$$"
    assert latex in threshold._repr_html_()


def test_learner_sentence_uses_symbols_not_code_names():
    game = cases.load("serbia-kosovo").game()
    sentence = bg.threshold("guarantee_2", player=2, boundary="fear").describe(game.params, ("Serbia", "Kosovo"))
    shown = views.learner_sentence(sentence)
    assert "guarantee_2" not in shown and "a₂" in shown


def test_timeline_lists_every_event_with_date_and_source():
    case = cases.load("serbia-croatia")
    timeline = views.timeline(case)
    shown = text_of(timeline._repr_html_())
    events = case.events()
    assert events
    for event in events:
        assert event.date in shown and event.title.split(";")[0] in unescape(shown)
    assert f"{case.first_year}–{case.last_year}" in shown


@pytest.mark.parametrize("bad", ["x", None, 1.5j])
def test_number_text_rejects_what_is_not_a_number(bad):
    with pytest.raises((TypeError, ValueError)):
        views.number_text(bad)
