"""balkangames.params.TABLE declares every parameter once; everything else is derived from it.

Three kinds of check: each consumer agrees with the table; a row added to the table (in a
copy of the package) appears in SecurityParams, the case rules, the sliders, the CLI and the
exercises' maps without any other edit; and no list of parameter names is written out
anywhere else in the package (an AST scan, so docstrings and prose do not count).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from dataclasses import fields
from fractions import Fraction
from pathlib import Path

import pytest

import balkangames
from balkangames import cases, cli
from balkangames.cases.catalog import CONSTANTS
from balkangames.exercises import builders
from balkangames.params import (
    LAYER_TWO,
    PARAMETERS,
    PER_PLAYER,
    ROWS,
    TABLE,
    SecurityParams,
    by_symbol,
    learner_label,
    names_of_symbol,
)

PACKAGE = Path(balkangames.__file__).parent
#: the course's answer builders (one answers.py beside each self-paced notebook), in a checkout
COURSE = PACKAGE.parent / "exercises"
ALL_NAMES = set(PARAMETERS) | set(ROWS)


def test_security_params_fields_defaults_and_flat_names_come_from_the_table():
    assert [f.name for f in fields(SecurityParams)] == [row.name for row in TABLE]
    defaults = SecurityParams()
    for row in TABLE:
        value = getattr(defaults, row.name)
        expected = row.default
        if row.per_player:
            assert value == tuple(Fraction(v) for v in expected)
        else:
            assert value == (bool(expected) if row.flag else Fraction(expected))
    assert list(defaults.flat()) == [name for row in TABLE for name in row.flat_names] == list(PARAMETERS)
    assert LAYER_TWO == tuple(name for row in TABLE if row.layer == 2 for name in row.flat_names)
    assert all(defaults.flat()[name] == 0 for name in LAYER_TWO)  # the base model is their zero case


def test_validation_uses_each_rows_domain():
    for name, info in PARAMETERS.items():
        if info.high is not None:
            with pytest.raises(ValueError, match=name):
                SecurityParams().replace(**{name: info.high + 1})
        if info.low is not None:
            with pytest.raises(ValueError, match=name):
                SecurityParams().replace(**{name: info.low - 1})


def test_swapped_exchanges_every_per_player_row():
    values = {f"{name}_{k}": Fraction(k, 3) for name in PER_PLAYER for k in (1, 2)}
    swapped = SecurityParams().replace(**values).swapped().flat()
    assert all(swapped[f"{name}_1"] == Fraction(2, 3) and swapped[f"{name}_2"] == Fraction(1, 3)
               for name in PER_PLAYER)


def test_case_rules_derive_every_parameter_of_the_table():
    case = cases.load("serbia-kosovo")
    assert [p.name for p in case.parameters()] == list(PARAMETERS)
    # the shared constants of rules.toml are the shared first-layer numbers of the table
    assert CONSTANTS == tuple(r.name for r in TABLE if r.layer == 1 and not r.per_player and not r.flag)


def test_learner_labels_fill_in_the_players_or_say_player_1_and_2():
    assert learner_label("guarantee_2", ("Serbia", "Kosovo")) == "a₂: alliance guarantee covering Kosovo"
    assert learner_label("guarantee_2") == "a₂: alliance guarantee covering player 2"
    assert learner_label("kin_1", ("Serbia", "Kosovo")) == "e₁: Serbia's stake in co-ethnics on Kosovo's territory"
    assert learner_label("motive_weight").startswith("μ: ")
    for info in PARAMETERS.values():
        label = info.label(("East", "West"))
        assert label.startswith(info.unicode + ": ") and "_" not in label  # symbols and words, no code names
        assert "{" not in label and "{" not in info.lever(("East", "West")) and "{" not in info.caption()
    with pytest.raises(ValueError, match="unknown parameter 'offence_1'"):
        learner_label("offence_1")


def test_every_row_has_a_plausible_range_inside_its_domain_with_a_reason():
    for row in TABLE:
        if row.flag:
            assert row.plausible is None  # a yes/no fact has no assumed size
            continue
        assert row.plausible.why and row.plausible.low <= row.plausible.high
        assert row.low is None or row.plausible.low >= row.low
        assert row.high is None or row.plausible.high <= row.high
        low, high, step = row.slider
        assert low < high and step > 0


def test_the_alliance_explorer_states_the_margins_of_the_parameters_alliance_ties_set():
    from balkangames.widgets.alliance import ALLIANCE_PARAMETERS

    assert ALLIANCE_PARAMETERS == ("guarantee_1", "guarantee_2", "same_alliance", "alliance_penalty",
                                   "subsidy_1", "subsidy_2")


def test_symbol_maps_come_from_the_table():
    assert names_of_symbol("o") == ("offense_1", "offense_2") and names_of_symbol("e_1") == ("kin_1",)
    flat = by_symbol({"o": 7, "a_2": 3}, rest=SecurityParams().flat())
    assert (flat["offense_1"], flat["offense_2"], flat["guarantee_2"]) == (7, 7, 3)
    assert flat["stakes"] == SecurityParams().stakes
    with pytest.raises(ValueError, match="unknown parameter symbol 'z'"):
        by_symbol({"z": 1})
    assert builders.PARAMETER_SYMBOLS == {row.name: row.symbol for row in TABLE if row.per_player}
    options = builders.parameter_options()
    assert set(PARAMETERS) <= set(options) and set(PER_PLAYER) <= set(options)


def test_cli_set_accepts_and_labels_every_parameter(capsys):
    assert cli.SETTABLE[:len(PARAMETERS)] == tuple(PARAMETERS)
    assert cli.main(["show", "serbia-kosovo", "--set", "kin_1=3/2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {p["name"]: p["value"] for p in report["parameters"]}["kin_1"] == "3/2"
    assert cli.main(["show", "serbia-kosovo"]) == 0
    out = capsys.readouterr().out
    for name in PARAMETERS:
        words = PARAMETERS[name].words(("Serbia", "Kosovo"))
        assert f"{PARAMETERS[name].unicode} = " in out and f": {words} ({name})" in out


def _explorers():
    from balkangames.widgets import (
        dilemma_explorer,
        misperception_explorer,
        offense_defense_explorer,
    )
    from balkangames.widgets.repeated import shadow_explorer
    from balkangames.widgets.stag_hunt import stag_hunt_explorer

    return [dilemma_explorer(), stag_hunt_explorer(), shadow_explorer(), offense_defense_explorer(),
            misperception_explorer(blit=False)]


def test_every_parameter_slider_takes_range_step_and_labels_from_the_table():
    seen = set()
    for explorer in _explorers():
        names = getattr(explorer, "layered", None)
        players = tuple(explorer.names) if names is None else None
        for control_name, control in explorer.controls.items():
            if control_name in PARAMETERS:
                info = PARAMETERS[control_name]
                low, high, step = info.slider
                if players is not None:
                    assert control.description == info.caption(players)
                assert control.tooltip.startswith(info.unicode + ": ")
            elif control_name in ROWS:  # one value for both players
                row = ROWS[control_name]
                low, high, step = row.slider
                assert control.description == row.caption() and control.tooltip.startswith(row.label())
            else:
                continue
            seen.add(control_name)
            assert control.step == step
            assert control.min == min(float(low), control.value) and control.max == max(float(high), control.value)
    assert {"offense_1", "guarantee_2", "kin_1", "provocation_2", "offense"} <= seen


# -- a row added to the table appears everywhere -----------------------------------------------

NEW_ROW = '''
    _row("grudge", "g", "g", "g", True, 2, (0, None), (0, 0), (0, 4, 0.5),
         "{i}'s grudge against {j}", "grudge {i}", "a test row: moves nothing in the payoffs",
         (0, 2, "A test row.")),
)

#: The rows by name.'''

PROBE = r'''
import json, sys
from balkangames import cli, cases
from balkangames.params import PARAMETERS, SecurityParams, by_symbol, learner_label
from balkangames.exercises import builders
from balkangames.widgets.dilemma import parameter_slider
from balkangames.widgets.figures import BOTH_PLAYERS

p = SecurityParams(grudge=(1, 2))
slider = parameter_slider("grudge_2", 1, ("Serbia", "Kosovo"))
print(json.dumps({
    "flat": {k: str(v) for k, v in p.flat().items() if k.startswith("grudge")},
    "swapped": [str(v) for v in p.swapped().grudge],
    "case": [x.name for x in cases.load("serbia-kosovo").parameters() if x.name.startswith("grudge")],
    "label": learner_label("grudge_2", ("Serbia", "Kosovo")),
    "slider": [slider.description, slider.max, slider.step],
    "symbols": sorted(k for k, v in by_symbol({"g": 5}).items() if v == 5),
    "options": [o for o in builders.parameter_options() if o.startswith("grudge")],
    "choices": builders.PARAMETER_SYMBOLS.get("grudge"),
    "both": "grudge" in BOTH_PLAYERS,
    "settable": [s for s in cli.SETTABLE if s.startswith("grudge")],
}))
sys.exit(cli.main(["show", "serbia-kosovo", "--set", "grudge_1=3/2"]))
'''


def test_a_row_added_to_the_table_appears_in_every_consumer(tmp_path):
    copy = tmp_path / "balkangames"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    params = copy / "params.py"
    text = params.read_text()
    anchor = "\n)\n\n#: The rows by name."
    assert text.count(anchor) == 1
    params.write_text(text.replace(anchor, NEW_ROW))
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    first, _, shown = done.stdout.partition("\n")
    found = json.loads(first)
    assert found["flat"] == {"grudge_1": "1", "grudge_2": "2"} and found["swapped"] == ["2", "1"]
    assert found["case"] == ["grudge_1", "grudge_2"]
    assert found["label"] == "g₂: Kosovo's grudge against Serbia"
    assert found["slider"] == ["g₂ grudge Kosovo", 4.0, 0.5]
    assert found["symbols"] == ["grudge_1", "grudge_2"]
    assert found["options"] == ["grudge", "grudge_1", "grudge_2"] and found["choices"] == "g" and found["both"]
    assert found["settable"] == ["grudge_1", "grudge_2"]
    assert "g₁ = 3/2: Serbia's grudge against Kosovo (grudge_1)" in shown


# -- no list of parameter names written out elsewhere ------------------------------------------


def _named(nodes) -> set[str]:
    return {n.value for n in nodes if isinstance(n, ast.Constant) and n.value in ALL_NAMES}


def _is_name_list(node) -> bool:
    """A literal that lists three or more parameter names: a tuple, list or set of strings, or a
    dict from names to plain values or symbols (a symbol map). A dict whose values are
    computed (calls, lambdas: rules, random draws) is not a list of names."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return len(_named(node.elts)) >= 3 and all(isinstance(e, ast.Constant) for e in node.elts)
    if isinstance(node, ast.Dict):
        plain = all(isinstance(v, (ast.Constant, ast.Subscript, ast.Name)) for v in node.values)
        return plain and len(_named(k for k in node.keys if k is not None)) >= 3
    return False


def _selections(tree) -> set[int]:
    """Line numbers of the widgets' slider selections (``*_SLIDERS = (...)``): which parameters an
    explorer shows is its design; their ranges and labels are checked above."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_SLIDERS")
                                                for t in node.targets):
            lines.add(node.value.lineno)
    return lines


def test_no_list_of_parameter_names_is_written_out_outside_the_table():
    found = []
    for path in sorted([*PACKAGE.rglob("*.py"), *COURSE.rglob("*.py")]):
        if path.name == "params.py" and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text())
        allowed = _selections(tree) if path.parent.name == "widgets" else set()
        for node in ast.walk(tree):
            if _is_name_list(node) and node.lineno not in allowed:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not found, f"parameter names listed outside balkangames.params.TABLE: {found}"


def test_the_scan_would_catch_the_lists_it_forbids():
    assert _is_name_list(ast.parse('("stakes", "offense_1", "distinguishability")').body[0].value)
    assert _is_name_list(ast.parse('{"offense_1": s["o"], "stakes": s["W"], "kin_1": 0}').body[0].value)
    assert not _is_name_list(ast.parse('{"offense": lambda: 1, "guarantee": f, "subsidy": g}').body[0].value)
    assert not _is_name_list(ast.parse('("stakes", "offense_1")').body[0].value)
