"""Every explorer: set controls from Python, compare the screen with the model, solver and cases."""

from __future__ import annotations

import importlib.util
from fractions import Fraction
from pathlib import Path

import ipywidgets
import numpy as np
import pytest

from balkangames import cases, jervis_world, posture_game, security_game
from balkangames.analysis import grim_trigger_threshold, risk_dominance, trust_thresholds
from balkangames.classify import CLASS_NAMES, CLASS_TITLES
from balkangames.dynamics import basins_2x2
from balkangames.model import WORLD_BASE, WORLD_LEVERS
from balkangames.sequential import backward_induction, fait_accompli, to_normal_form
from balkangames.solver import solve
from balkangames.thresholds import threshold
from balkangames.views import learner_sentence, with_decimals
from balkangames.views.html import threshold_formula
from balkangames.widgets import (
    EXPLORERS,
    Explorer,
    alliance_explorer,
    fait_accompli_explorer,
    offense_defense_explorer,
    phase_diagram,
    phase_grid,
    shadow_explorer,
    stag_hunt_explorer,
    timeline_explorer,
    timeline_figure,
)
from balkangames.widgets.palette import CLASS_COLOURS, OKABE_ITO
from balkangames.widgets.stag_hunt import coordination_basins

ROOT = Path(__file__).resolve().parents[1]


def equilibrium_text(game, names) -> list[str]:
    lines = solve(game.A, game.B).describe(players=names, actions=game.actions)[1:]
    return [with_decimals(line.strip()) for line in lines]  # the screen adds decimals


def class_text(game, names) -> list[str]:
    return [f"{name}: {CLASS_TITLES[c]}" for name, c in zip(names, game.classes().values())]


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_keeps_the_contract(name):
    explorer = EXPLORERS[name]()
    assert isinstance(explorer, Explorer) and isinstance(explorer, ipywidgets.VBox)
    assert explorer.controls and all(isinstance(c, ipywidgets.ValueWidget) for c in explorer.controls.values())
    assert explorer.solution.equilibria == solve(explorer.game.A, explorer.game.B).equilibria
    text = explorer.summary_text()
    assert "Nash equilibri" in text
    if explorer.game.shape == (2, 2) and name != "fait_accompli":
        for line in class_text(explorer.game, explorer.names):
            assert line in text
    explorer.refresh()
    assert explorer.summary_text() == text


def test_palette_is_okabe_ito_and_classes_distinct():
    colours = [CLASS_COLOURS[c] for c in CLASS_NAMES if c != "tie"]
    assert set(colours) <= set(OKABE_ITO.values())
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("world", [1, 2, 3, 4])
def test_offense_defense_explorer_names_the_world_and_follows_the_model(world):
    offense, distinguishability = WORLD_LEVERS[world]
    explorer = offense_defense_explorer()
    explorer.set_controls(offense=float(offense), distinguishability=float(distinguishability))
    expected = jervis_world(world, players=("serbia", "croatia"))
    assert explorer.game.A == expected.A and explorer.game.B == expected.B
    text = explorer.summary_text()
    assert f"World {world}:" in text
    for line in class_text(expected, ("Serbia", "Croatia")) + equilibrium_text(expected, ("Serbia", "Croatia")):
        assert line in text
    xs, ys = explorer.phase.marker.get_data()
    assert (float(xs[0]), float(ys[0])) == (float(offense), float(distinguishability))


def test_offense_defense_posture_toggle_solves_the_3x3_game():
    explorer = offense_defense_explorer()
    explorer.controls["game"].value = "3x3 posture game"
    params = WORLD_BASE.replace(offense=Fraction(4, 5), distinguishability=Fraction(1, 10))
    expected = posture_game(params, players=("serbia", "croatia"))
    assert explorer.game.shape == (3, 3)
    assert explorer.solution.equilibria == solve(expected.A, expected.B).equilibria
    for line in equilibrium_text(expected, ("Serbia", "Croatia")):
        assert line in explorer.summary_text()
    assert explorer.diagram.image.layout.display == "none"


def test_phase_grid_agrees_with_the_exact_classes_off_the_boundaries():
    grid = phase_grid(WORLD_BASE, resolution=21)
    rng = np.random.default_rng(3)
    for _ in range(30):
        i, j = rng.integers(0, 21, size=2)
        offense, d = Fraction(str(round(grid.xs[j], 10))), Fraction(str(round(grid.ys[i], 10)))
        exact = security_game(WORLD_BASE.replace(offense=offense, distinguishability=d)).classes()["row"]
        if exact != "tie":
            assert CLASS_NAMES[grid.row_class[i, j]] == exact
    assert phase_grid(WORLD_BASE, resolution=21) is grid  # cached
    with pytest.raises(ValueError, match="unknown axis parameter"):
        phase_grid(WORLD_BASE, x="courage")
    figure = phase_diagram(WORLD_BASE, marker=(0.8, 0.1), resolution=21)
    assert figure.axes[0].get_title() == "row player's class"


def test_alliance_membership_counterfactual_matches_the_case_data():
    explorer = alliance_explorer()
    case = cases.load("serbia-kosovo")
    names = ("Serbia", "Kosovo")
    assert explorer.game == case.game()
    before = explorer.summary_text()
    explorer.controls["member:kosovo"].value = "nato"
    counterfactual = case.game(members={"kosovo": "nato"})
    assert explorer.game == counterfactual
    text = explorer.summary_text()
    assert text != before
    for line in class_text(counterfactual, names) + equilibrium_text(counterfactual, names):
        assert line in text
    assert "Kosovo: NATO (counterfactual)" in text
    in_range = threshold("guarantee_2", 2, "fear")
    value = in_range.value(counterfactual.params)
    assert 0 <= value <= 1
    assert learner_sentence(in_range.describe(counterfactual.params, names)) in text
    assert "guarantee_2" not in text  # symbols, not code names
    # the simplified form, the denominator positive, the relation as the sentence says it
    assert f"$$\\displaystyle {threshold_formula(in_range, '>')}$$" in explorer.thresholds_box.value


def test_alliance_year_and_case_reset_memberships_to_the_data():
    explorer = alliance_explorer()
    explorer.controls["member:kosovo"].value = "nato"
    explorer.controls["year"].value = 2010
    assert explorer.members() == {}
    assert explorer.game == cases.load("serbia-kosovo").game(year=2010)
    explorer.controls["case"].value = "north-macedonia-albania"
    case = cases.load("north-macedonia-albania")
    assert sorted(n for n in explorer.controls if n.startswith("member:")) == sorted(
        f"member:{p}" for p in case.players
    )
    assert explorer.controls["year"].value == case.default_year
    assert explorer.game == case.game()
    explorer.controls["member:albania"].value = "none"
    assert explorer.game == case.game(members={"albania": None})


def test_stag_hunt_explorer_states_dominance_and_trust_from_the_analysis():
    explorer = stag_hunt_explorer()
    explorer.set_controls(offense_1=0.25, offense_2=0.2, distinguishability=0.05, race_cost=0.5)
    game = security_game(WORLD_BASE.replace(offense=(Fraction(1, 4), Fraction(1, 5)), distinguishability=Fraction(1, 20),
                                            race_cost=Fraction(1, 2)))
    assert explorer.game.A == game.A and explorer.game.B == game.B
    risk = risk_dominance(game.A, game.B)
    text = explorer.summary_text()
    label = {(0, 0): "both restrain", (1, 1): "both arm"}[risk.dominant]
    assert f"'{label}' risk-dominates" in text
    row, column = trust_thresholds(game.A, game.B)
    assert f"at least {row}" in text and f"needs {column}" in text
    explorer.set_controls(offense_1=0.9)
    assert "Trust threshold does not apply" in explorer.summary_text()


@pytest.mark.parametrize("offense", [(0.25, 0.28), (0.24, 0.26), (0.29, 0.23)])  # o in (2/9, 3/10): Stag Hunts
def test_closed_form_basins_agree_with_the_dynamics_module(offense):
    game = security_game(WORLD_BASE.replace(offense=offense, distinguishability=0.1))
    found = coordination_basins(game.A, game.B)
    assert found is not None
    saddle, labels, _ = found
    reference = basins_2x2(game.A, game.B, points=labels.shape[0])
    assert saddle == reference.saddle
    assert np.array_equal(labels, reference.closed_form_labels(*np.meshgrid(reference.p, reference.q)))
    integrated = reference.labels >= 0
    assert (labels[integrated] == reference.labels[integrated]).mean() > 0.97
    prisoners = security_game(offense=0.8, distinguishability=0.1)
    assert coordination_basins(prisoners.A, prisoners.B) is None


def test_shadow_explorer_verdict_flips_at_delta_star():
    explorer = shadow_explorer()
    grim = grim_trigger_threshold(explorer.game.A, explorer.game.B)
    assert grim.applies
    assert f"overall δ* = {grim.delta}" in explorer.summary_text()
    below, above = float(grim.delta) - 0.02, float(grim.delta) + 0.02
    explorer.controls["delta"].value = round(below, 2)
    assert "is NOT sustained" in explorer.summary_text()
    explorer.controls["delta"].value = round(above, 2)
    assert "IS sustained" in explorer.summary_text()
    explorer.set_controls(offense_1=0.25, offense_2=0.25)  # a Stag Hunt: no threat needed
    assert "Grim trigger does not apply" in explorer.summary_text()


@pytest.mark.parametrize("alpha", [0, 0.25, 0.5, 0.9])
@pytest.mark.parametrize("attribution", [1, 0.3])
def test_fait_accompli_explorer_follows_backward_induction(alpha, attribution):
    explorer = fait_accompli_explorer()
    explorer.set_controls(alpha=alpha, attribution=attribution)
    values = explorer.inputs()
    tree = fait_accompli(values["x"], values["p0"], values["c_challenger"], values["c_defender"],
                         Fraction(str(alpha)), values["h"], Fraction(str(attribution)))
    expected = backward_induction(tree)
    assert [e.path for e in explorer.induction.equilibria] == [e.path for e in expected.equilibria]
    A, B, _, _ = to_normal_form(tree)
    assert explorer.solution.equilibria == solve(A, B).equilibria
    for equilibrium in expected.equilibria:
        assert f"chooses {equilibrium.path[-1][1]}" in explorer.summary_text()
    chosen = {(node, move) for e in expected.equilibria for node, move in e.strategy.items()}
    bold = {key for key, line in explorer.tree_plot.edges.items() if line.get_linewidth() == 3}
    assert bold == chosen


def test_timeline_explorer_shows_each_event_as_the_case_data_say():
    explorer = timeline_explorer()
    entries = cases.load("serbia-kosovo").timeline()
    for index in (0, len(entries) // 2, len(entries) - 1):
        explorer.controls["event"].value = index
        entry = entries[index]
        assert explorer.game == entry.game
        text = explorer.summary_text()
        assert entry.event.title in text
        for line in class_text(entry.game, ("Serbia", "Kosovo")):
            assert line in text
    figure = timeline_figure(entries, current=1, names=("Serbia", "Kosovo"))
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["Serbia", "Kosovo"]
    with pytest.raises(ValueError, match="no events"):
        timeline_figure([])


def test_bad_slider_input_is_reported_not_raised():
    explorer = stag_hunt_explorer()
    explorer.base_params = explorer.base_params.replace(stakes=1)
    explorer.controls["offense_1"].max = 2  # beyond the model's range [0, 1]
    explorer.controls["offense_1"].value = 1.5
    assert "offense_1 must be in [0, 1]" in explorer.summary_text()
    explorer.controls["offense_1"].value = 0.5
    assert explorer.error is None


def test_benchmark_measures_every_explorer():
    """The widget benchmark covers every explorer (its speed goal is checked by `make bench`,
    not here: a test states no absolute time bound)."""
    spec = importlib.util.spec_from_file_location("bench_widgets", ROOT / "benchmarks" / "bench_widgets.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    results = bench.run(changes=4, seed=1)
    assert set(results) == set(EXPLORERS)
    assert all(0 < median <= p95 for median, p95 in results.values())


def _structure_from_solution(game) -> str:
    """The equilibrium structure named from the exact solution (independent of the batch path)."""
    from balkangames.widgets.figures import STRUCTURES

    solution = solve(game.A, game.B)
    pure, mixed = set(solution.pure_equilibria), bool(solution.mixed_equilibria)
    if "tie" in game.classes().values():
        return STRUCTURES[0][0]
    table = {
        (frozenset({(0, 0)}), False): 1,
        (frozenset({(1, 1)}), False): 2,
        (frozenset({(0, 1)}), False): 3,
        (frozenset({(1, 0)}), False): 3,
        (frozenset({(0, 0), (1, 1)}), True): 4,
        (frozenset({(0, 1), (1, 0)}), True): 5,
        (frozenset(), True): 6,
    }
    return STRUCTURES[table[(frozenset(pure), mixed)]][0]


def test_equilibrium_structure_grid_matches_the_exact_solver():
    from balkangames.widgets.figures import STRUCTURES

    params = cases.load("serbia-kosovo").params()
    grid = phase_grid(params, "guarantee_1", "guarantee_2", resolution=11)
    for i, a2 in enumerate(grid.ys):
        for j, a1 in enumerate(grid.xs):
            game = security_game(params.replace(guarantee=(Fraction(str(round(a1, 10))), Fraction(str(round(a2, 10))))))
            assert STRUCTURES[grid.structure[i, j]][0] == _structure_from_solution(game)


def test_threshold_sentences_on_screen_come_from_the_thresholds_module():
    explorer = alliance_explorer("serbia-kosovo")
    for latex, sentence in explorer.threshold_items():
        assert latex in explorer.thresholds_box.value
        assert sentence in explorer.thresholds_box.value
    explorer.controls["member:kosovo"].value = "nato"
    expected = threshold("guarantee_2", 2, "fear").describe(explorer.game.params, explorer.names)
    assert learner_sentence(expected) in explorer.thresholds_box.value


def test_a_state_seen_before_shows_the_same_pixels_as_a_fresh_drawing():
    from balkangames.widgets.figures import BestResponseDiagram

    first = security_game(offense=0.25, distinguishability=0.1)
    second = security_game(offense=0.8, distinguishability=0.1)
    diagram = BestResponseDiagram()
    diagram.update(first)
    png_first = diagram.render()
    diagram.update(second)
    png_second = diagram.render()
    diagram.update(first)
    assert diagram.render() == png_first != png_second
    fresh = BestResponseDiagram()
    fresh.update(second)
    assert fresh.render() == png_second


def test_basin_polygon_covers_the_restrain_basin():
    from matplotlib.path import Path as PolygonPath

    from balkangames.widgets.stag_hunt import BASIN_GRID, basin_polygon

    game = security_game(WORLD_BASE.replace(offense=(0.25, 0.28), distinguishability=0.1))
    _, labels, curve = coordination_basins(game.A, game.B)
    centres = (np.arange(BASIN_GRID) + 0.5) / BASIN_GRID
    p, q = np.meshgrid(centres, centres)
    inside = PolygonPath(basin_polygon(*curve)).contains_points(np.column_stack([p.ravel(), q.ravel()]))
    assert ((labels.ravel() == 0) == inside).mean() > 0.98


def test_timeline_offers_every_case_with_events_and_lists_each_event_with_its_source():
    explorer = timeline_explorer()
    offered = [value for _, value in explorer.controls["case"].options]
    with_events = [c for c in cases.list_cases() if cases.load(c).events()]
    assert offered == with_events and len(offered) > 1
    for case_id in offered[:3]:
        explorer.controls["case"].value = case_id
        case = cases.load(case_id)
        assert explorer.case.id == case_id and explorer.entry.event == case.events()[0]
        assert len(explorer.controls["event"].options) == len(case.events())
        for event in case.events():
            assert event.date in explorer.extra.value
        assert explorer.plot.ax.get_xlim()[0] <= case.first_year and explorer.plot.ax.get_xlim()[1] >= case.last_year
        last = len(case.events()) - 1
        explorer.controls["event"].value = last
        assert explorer.entry.event == case.events()[last]
        assert explorer.game == case.game(case.events()[last].year)


def test_alliance_explorer_presence_is_a_control_apart_from_membership():
    """Issue 19: '--member kosovo=none' leaves KFOR; the presence control takes it away, and the
    explorer's game is then the package's game with presences={"kfor": "none"}."""
    from balkangames import cases

    explorer = alliance_explorer("serbia-kosovo")
    explorer.controls["member:kosovo"].value = "none"
    assert explorer.game.params.guarantee[1] == cases.load("serbia-kosovo").params(2022).guarantee[1] > 0
    explorer.controls["presence:kfor"].value = False
    expected = cases.load("serbia-kosovo").game(2022, presences={"kfor": "none"})
    assert (explorer.game.A, explorer.game.B) == (expected.A, expected.B)
    assert "taken away" in explorer.summary_text()
    explorer.controls["case"].value = "serbia-bosnia"
    assert {"presence:ifor-sfor", "presence:eufor-althea"} <= set(explorer.controls)
    assert "presence:kfor" not in explorer.controls
