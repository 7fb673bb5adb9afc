"""Widget tests: set controls from Python; the screen must say what the model and solver say."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balkangames import security_game
from balkangames.classify import CLASS_TITLES
from balkangames.params import SecurityParams
from balkangames.solver import solve
from balkangames.views import best_response_cells, with_decimals
from balkangames.widgets import best_response_figure, dilemma_explorer, payoff_table_html
from balkangames.widgets.base import slider_value
from balkangames.widgets.figures import best_response_path


def expected_summary(params: SecurityParams, players=("serbia", "croatia")) -> tuple[list[str], list[str]]:
    """Class titles and equilibrium lines computed from the model and solver directly."""
    game = security_game(params, players=players)
    solution = solve(game.A, game.B)
    names = tuple(p.capitalize() for p in players)
    classes = [f"{name}: {CLASS_TITLES[c]}" for name, c in zip(names, game.classes().values())]
    equilibria = [with_decimals(line.strip()) for line in solution.describe(players=names)]
    return classes, equilibria


def equilibrium_cells(html_text: str) -> list[tuple[int, int]]:
    """(row, column) positions of the cells the table marks as Nash equilibria."""
    found = re.findall(r"<td[^>]*data-cell='(\d+),(\d+)'([^>]*)>", html_text)
    return [(int(i), int(j)) for i, j, rest in found if "data-equilibrium" in rest]


def test_slider_value_reads_the_displayed_decimal():
    assert slider_value(0.1 + 0.2) == Fraction(3, 10)
    assert slider_value(0.25) == Fraction(1, 4)


@pytest.mark.parametrize(
    "changes",
    [
        {"offense_1": 0.8, "offense_2": 0.8, "distinguishability": 0.1},
        {"offense_1": 0.25, "offense_2": 0.25, "distinguishability": 0.1},
        {"offense_1": 0.8, "offense_2": 0.8, "distinguishability": 0.9},
        {"offense_1": 0.25, "offense_2": 0.25, "distinguishability": 0.9},
        {"offense_1": 0.6, "offense_2": 0.3, "guarantee_2": 0.9, "race_cost": 2.5},
    ],
)
def test_dilemma_explorer_follows_the_model(changes):
    explorer = dilemma_explorer()
    for name, value in changes.items():
        explorer.controls[name].value = value
    params = SecurityParams().replace(**{k: Fraction(str(v)) for k, v in changes.items()})
    classes, equilibria = expected_summary(params)
    text = explorer.summary_text()
    for line in classes + equilibria:
        assert line in text
    assert explorer.game == security_game(params, players=("serbia", "croatia"))
    assert explorer.solution.equilibria == solve(explorer.game.A, explorer.game.B).equilibria
    assert equilibrium_cells(explorer.table.value) == solve(explorer.game.A, explorer.game.B).pure_equilibria


def test_a_guarantee_turns_fear_off_on_screen():
    explorer = dilemma_explorer()
    before = explorer.summary_text()
    explorer.controls["guarantee_2"].value = 0.9
    after = explorer.summary_text()
    assert before != after
    expected_class = security_game(SecurityParams(guarantee=(0, Fraction(9, 10)))).classes()["column"]
    assert f"Croatia: {CLASS_TITLES[expected_class]}" in after


def test_knife_edge_is_reported_as_tie_and_degenerate():
    # T = R for both: offense o with o * W - c = b, i.e. o = 3/10 with the defaults.
    explorer = dilemma_explorer()
    explorer.set_controls(offense_1=0.3, offense_2=0.3)
    game = security_game(SecurityParams(offense=Fraction(3, 10)))
    assert set(game.classes().values()) == {"tie"}
    text = explorer.summary_text()
    assert "knife-edge tie" in text
    assert "degenerate" in text


def test_set_controls_refreshes_once_and_rejects_unknown_names():
    explorer = dilemma_explorer()
    with pytest.raises(ValueError, match="unknown control 'offense'"):
        explorer.set_controls(offense=0.2)


def test_table_marks_best_responses_and_equilibria_of_a_3x3_game():
    A = [[3, 0, 1], [1, 2, 0], [0, 1, 4]]
    B = [[2, 1, 0], [0, 3, 1], [1, 0, 2]]
    from balkangames import Game

    game = Game(A, B, players=("serbia", "kosovo"))
    html_text = payoff_table_html(game)
    solution = solve(A, B)
    assert equilibrium_cells(html_text) == solution.pure_equilibria
    row_best, column_best = best_response_cells(game)
    # Independent check of best responses: brute force over columns/rows.
    for j in range(3):
        best = max(A[i][j] for i in range(3))
        assert {i for i in range(3) if (i, j) in row_best} == {i for i in range(3) if A[i][j] == best}
    for i in range(3):
        best = max(B[i])
        assert {j for j in range(3) if (i, j) in column_best} == {j for j in range(3) if B[i][j] == best}
    assert html_text.count("*</span>") == len(row_best) + len(column_best)
    assert "Serbia" in html_text and "Kosovo" in html_text


def test_best_response_path_switches_where_the_player_is_indifferent():
    # Stag Hunt R=4, S=0, T=3, P=2 (reference game): gain 1 vs restrainer, -2 vs armer.
    points, everywhere = best_response_path(Fraction(1), Fraction(-2))
    assert not everywhere
    switch = Fraction(2, 3)
    # The mixed equilibrium of the symmetric Stag Hunt has P(restrain) = 2/3.
    mixed = [eq for eq in solve([[4, 0], [3, 2]], [[4, 3], [0, 2]]).equilibria if eq[0][0] not in (0, 1)]
    assert mixed[0][1][0] == switch
    assert (0, switch) in points and (1, switch) in points
    assert best_response_path(Fraction(0), Fraction(0)) == ([], True)
    dominant, _ = best_response_path(Fraction(-1), Fraction(-3))
    assert {p for p, _ in dominant} == {0}


def test_best_response_figure_marks_every_equilibrium():
    game = security_game(offense=0.25, distinguishability=0.1)
    figure = best_response_figure(game)
    ax = figure.axes[0]
    marker_line = [line for line in ax.lines if line.get_marker() == "o"][0]
    xs, ys = marker_line.get_data()
    expected = {(float(r[0]), float(c[0])) for r, c in game.solve().equilibria}
    assert set(zip(map(float, xs), map(float, ys))) == expected
    with pytest.raises(ValueError, match="2x2"):
        from balkangames import posture_game

        best_response_figure(posture_game())


def test_sliders_keep_exact_starting_values_until_moved():
    from balkangames import cases

    case = cases.load("serbia-kosovo")
    explorer = dilemma_explorer(params=case.params(), players=case.players)
    assert explorer.game == case.game()  # 158/383-like shares are not rounded to the slider's float
    explorer.controls["offense_1"].value = 0.5
    assert explorer.game.params.offense == (Fraction(1, 2), case.params().offense[1])


SLIDER_STEPS = st.integers(min_value=0, max_value=20).map(lambda k: k / 20)


@settings(max_examples=40, deadline=None)
@given(offense_1=SLIDER_STEPS, offense_2=SLIDER_STEPS, distinguishability=SLIDER_STEPS, guarantee_2=SLIDER_STEPS)
def test_property_screen_agrees_with_model_and_solver(offense_1, offense_2, distinguishability, guarantee_2):
    explorer = _shared_explorer()
    values = {"offense_1": offense_1, "offense_2": offense_2, "distinguishability": distinguishability,
              "guarantee_2": guarantee_2}
    explorer.set_controls(**values)
    params = SecurityParams().replace(**{k: Fraction(str(v)) for k, v in values.items()})
    classes, equilibria = expected_summary(params)
    text = explorer.summary_text()
    assert all(line in text for line in classes + equilibria)
    game = security_game(params)
    assert equilibrium_cells(explorer.table.value) == solve(game.A, game.B).pure_equilibria


_EXPLORER = []


def _shared_explorer():
    if not _EXPLORER:
        _EXPLORER.append(dilemma_explorer())
    return _EXPLORER[0]


def _cielab(hex_colour: str):
    """CIELAB (D65) of an sRGB colour, for perceptual colour differences."""
    import numpy as np

    c = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = np.cbrt(xyz / np.array([0.9505, 1.0, 1.089]))
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_class_colours_are_far_apart():
    """Every two classes differ by ΔE ≥ 35: Chicken's old orange was 33 from the PD's vermillion."""
    import itertools

    import numpy as np

    from balkangames.widgets.palette import CLASS_COLOURS

    for (a, ca), (b, cb) in itertools.combinations(CLASS_COLOURS.items(), 2):
        assert np.linalg.norm(_cielab(ca) - _cielab(cb)) >= 35, (a, b)


def test_phase_diagram_labels_sit_inside_their_regions_away_from_the_edges():
    """Each region label is placed at the cell of its region farthest from any other region."""
    import numpy as np

    from balkangames.classify import CLASS_NAMES
    from balkangames.widgets.figures import PhaseDiagram, phase_grid

    grid = phase_grid(SecurityParams(), "offense", "distinguishability", 101)
    diagram = PhaseDiagram()
    diagram.set_grid(grid, "row")
    codes = grid.codes("row")
    shown = [t for t in diagram.region_labels if t.get_visible()]
    assert len(shown) >= 3
    for text in shown:
        x, y = text.get_position()
        col, row = int(np.argmin(abs(grid.xs - x))), int(np.argmin(abs(grid.ys - y)))
        code = codes[row, col]
        assert CLASS_TITLES[CLASS_NAMES[code]] == text.get_text()
        inside = codes[max(row - 2, 0):row + 3, max(col - 2, 0):col + 3]
        assert (inside == code).all(), f"{text.get_text()} is within two cells of another region"
